//! Every data reader, fed arbitrary text and bytes: never a panic, and every error says which
//! file (or document) it could not read. Covers the folder format (each of its three files),
//! SDMX-CSV and JSON-stat, from text and from disk, plus mutations of real files, deep JSON
//! nesting and numbers far past what a Decimal holds.
//!
//! The light versions run in `cargo test`; the heavy ones are `#[ignore]`d and take their
//! case count from `PROPTEST_CASES` (proptest's default, 256, when unset):
//! `PROPTEST_CASES=5000 cargo test --release --test fuzz_data -- --ignored`.

use std::path::{Path, PathBuf};

use indstat::dataset::FolderText;
use indstat::io::{jsonstat, sdmx};
use indstat::{Dataset, Result};
use proptest::prelude::*;
use proptest::test_runner::Config;

const SOURCES: &str = include_str!("../data/reference/sources.toml");
const SERIES: &str = include_str!("../data/reference/series.toml");
const OBSERVATIONS: &str = include_str!("../data/reference/observations.csv");
const SDMX: &str = include_str!("fixtures/sdmx-2.0.csv");
const JSONSTAT: &str = include_str!("fixtures/jsonstat.json");

/// The outcome must be a dataset or an error that names `name` and says something.
fn named(outcome: Result<Dataset>, name: &str) -> std::result::Result<(), TestCaseError> {
    if let Err(e) = outcome {
        let message = e.to_string();
        prop_assert!(
            message.contains(name) && message.len() > name.len() + 2,
            "the error does not name {name}: {message}"
        );
    }
    Ok(())
}

fn folder(sources: &str, series: &str, observations: &str) -> Result<Dataset> {
    Dataset::from_texts(&[FolderText {
        name: "fz".into(),
        sources: sources.into(),
        series: series.into(),
        observations: observations.into(),
    }])
}

/// `text` with `cut` bytes removed at `at` (both clamped to character boundaries) and `insert`
/// put there: a nearly valid file.
fn mutate(text: &str, at: usize, cut: usize, insert: &str) -> String {
    let boundary = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = boundary(at);
    let end = boundary(start.saturating_add(cut)).max(start);
    format!("{}{insert}{}", &text[..start], &text[end..])
}

/// A scratch directory for this process and `tag`.
fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("indstat-fuzz-{}-{tag}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Writes `bytes` as `file` and opens it by its kind; the error must name the file.
fn open_bytes(dir: &Path, file: &str, bytes: &[u8]) -> std::result::Result<(), TestCaseError> {
    let path = dir.join(file);
    std::fs::write(&path, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let target = if file.ends_with("observations.csv") || file.ends_with(".toml") {
        dir.to_path_buf()
    } else {
        path.clone()
    };
    named(Dataset::open(&[&target]), file)
}

/// Text that is mostly the characters data files are made of, with any character now and then.
fn data_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,200}",
        "[a-z0-9_,.\"=\\[\\]\n\r -]{0,200}",
        "[0-9.eE+\\-万亿,\"]{0,60}",
    ]
}

fn light() -> Config {
    Config::with_cases(64)
}

fn heavy() -> Config {
    // PROPTEST_CASES decides, through proptest's default configuration.
    Config::default()
}

fn check_folder_texts(s: &str, at: usize, cut: usize) -> std::result::Result<(), TestCaseError> {
    // A broken file can surface in the file that depends on it (a series citing a source that
    // no longer parses): the error names a file of the folder, whichever it is.
    named(folder(s, SERIES, OBSERVATIONS), "fz/")?;
    named(folder(SOURCES, s, OBSERVATIONS), "fz/")?;
    named(folder(SOURCES, SERIES, s), "fz/observations.csv")?;
    named(
        folder(SOURCES, &mutate(SERIES, at, cut, s), OBSERVATIONS),
        "fz/",
    )?;
    named(
        folder(SOURCES, SERIES, &mutate(OBSERVATIONS, at, cut, s)),
        "fz/observations.csv",
    )?;
    named(
        folder(&mutate(SOURCES, at, cut, s), SERIES, OBSERVATIONS),
        "fz/",
    )
}

fn check_interop_texts(s: &str, at: usize, cut: usize) -> std::result::Result<(), TestCaseError> {
    named(sdmx::read_csv(s, "fz.csv"), "fz.csv")?;
    named(
        sdmx::read_csv(&mutate(SDMX, at, cut, s), "fz.csv"),
        "fz.csv",
    )?;
    named(jsonstat::read(s, "fz.json"), "fz.json")?;
    named(
        jsonstat::read(&mutate(JSONSTAT, at, cut, s), "fz.json"),
        "fz.json",
    )
}

fn check_bytes(tag: &str, bytes: &[u8], at: usize) -> std::result::Result<(), TestCaseError> {
    let dir = scratch(tag);
    for file in ["fz.csv", "fz.json"] {
        open_bytes(&dir, file, bytes)?;
    }
    // A folder whose observations.csv is the bytes, spliced into a real file.
    let folder_dir = dir.join("folder");
    std::fs::create_dir_all(&folder_dir).map_err(|e| TestCaseError::fail(e.to_string()))?;
    for (name, text) in [("sources.toml", SOURCES), ("series.toml", SERIES)] {
        std::fs::write(folder_dir.join(name), text)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
    let at = at.min(OBSERVATIONS.len());
    let mut spliced = OBSERVATIONS.as_bytes()[..at].to_vec();
    spliced.extend_from_slice(bytes);
    spliced.extend_from_slice(&OBSERVATIONS.as_bytes()[at..]);
    open_bytes(&folder_dir, "observations.csv", &spliced)
}

proptest! {
    #![proptest_config(light())]

    #[test]
    fn folder_files_never_panic(s in data_text(), at in 0usize..4000, cut in 0usize..40) {
        check_folder_texts(&s, at, cut)?;
    }

    #[test]
    fn sdmx_and_jsonstat_never_panic(s in data_text(), at in 0usize..2000, cut in 0usize..40) {
        check_interop_texts(&s, at, cut)?;
    }

    #[test]
    fn any_bytes_on_disk_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200), at in 0usize..4000) {
        check_bytes("light", &bytes, at)?;
    }
}

proptest! {
    #![proptest_config(heavy())]

    #[test]
    #[ignore = "heavy: set PROPTEST_CASES"]
    fn heavy_folder_files_never_panic(s in data_text(), at in 0usize..4000, cut in 0usize..40) {
        check_folder_texts(&s, at, cut)?;
    }

    #[test]
    #[ignore = "heavy: set PROPTEST_CASES"]
    fn heavy_sdmx_and_jsonstat_never_panic(s in data_text(), at in 0usize..2000, cut in 0usize..40) {
        check_interop_texts(&s, at, cut)?;
    }

    #[test]
    #[ignore = "heavy: set PROPTEST_CASES"]
    fn heavy_any_bytes_on_disk_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000), at in 0usize..4000) {
        check_bytes("heavy", &bytes, at)?;
    }
}

/// JSON nested far deeper than any document: an error naming the document, not a stack
/// overflow, whether the nesting is the whole document or a cell of `value`.
#[test]
fn deep_json_nesting_is_an_error() {
    for depth in [200, 10_000, 200_000] {
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let err = jsonstat::read(&deep, "deep.json").unwrap_err().to_string();
        assert!(err.starts_with("deep.json"), "{err}");
        let cell = JSONSTAT.replacen("\"value\": [", &format!("\"value\": [{deep}, "), 1);
        assert_ne!(cell, JSONSTAT, "the fixture has a value array");
        let err = jsonstat::read(&cell, "deep.json").unwrap_err().to_string();
        assert!(err.starts_with("deep.json"), "{err}");
        let object = format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        let err = jsonstat::read(&object, "deep.json")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("deep.json"), "{err}");
    }
}

/// Numbers past a Decimal (about 7.9e28, 28 digits), or past an f64, are errors naming where
/// they are, in every format.
#[test]
fn huge_numbers_are_errors_naming_their_place() {
    let digits = "9".repeat(400);
    for huge in [
        digits.as_str(),
        "1e400",
        "-1e400",
        "123456789012345678901234567890",
    ] {
        let obs = format!("series,period,value\ngdp,2020,{huge}\n");
        let err = folder(SOURCES, SERIES, &obs).unwrap_err().to_string();
        assert!(
            err.starts_with("fz/observations.csv line 2"),
            "{huge}: {err}"
        );

        let json = JSONSTAT.replacen("\"value\": [", &format!("\"value\": [{huge}, "), 1);
        let err = jsonstat::read(&json, "fz.json").unwrap_err().to_string();
        assert!(err.starts_with("fz.json"), "{huge}: {err}");
    }
    let csv = SDMX.lines().take(2).collect::<Vec<_>>().join("\n");
    let value_at = csv
        .lines()
        .next()
        .and_then(|h| h.split(',').position(|c| c == "OBS_VALUE"))
        .expect("the fixture has OBS_VALUE");
    let mut row: Vec<String> = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .map(String::from)
        .collect();
    row[value_at] = digits.clone();
    let text = format!("{}\n{}\n", csv.lines().next().unwrap(), row.join(","));
    let err = sdmx::read_csv(&text, "fz.csv").unwrap_err().to_string();
    assert!(err.starts_with("fz.csv line 2"), "{err}");
}
