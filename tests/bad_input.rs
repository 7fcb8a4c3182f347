//! Integration tests for bad input (DESIGN.md, "Data files"): every malformed dataset folder or
//! claims file is an error that names the file, the line and the problem — never a panic and
//! never a half-loaded dataset.
//!
//! Each test writes a small dataset folder into its own temporary directory: three valid
//! templates (`SOURCES`, `SERIES`, `OBSERVATIONS`) with one thing broken, then loads it with
//! [`Dataset::load`] (or a claims file with [`Claims::load`]) and checks the message.
//!
//! Line numbers in the assertions are counted on the templates below, by hand:
//! `OBSERVATIONS` has its header on line 1 and its last valid row on line 6, so a row appended
//! to it is on line 7.

use std::fs;
use std::path::{Path, PathBuf};

use indstat::verify::Claims;
use indstat::{Dataset, Period};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Two sources. `released` of the first source is on line 5, of the second on line 11.
const SOURCES: &str = r#"[[source]]
id = "nbs"
publisher = "NBS"
title = "Statistical communique"
released = "2023-02-28"

[[source]]
id = "caam"
publisher = "CAAM"
title = "Annual production and sales"
released = "2023-01-12"
"#;

/// Four series: an annual currency flow (`gdp`, lines 1–7), an annual count (`nev_production`,
/// lines 9–14), a quarterly and a monthly series (lines 16–21 and 23–28).
const SERIES: &str = r#"[[series]]
id = "gdp"
name = "Gross domestic product"
unit = "100 million yuan"
frequency = "annual"
kind = "flow"
source = "nbs"

[[series]]
id = "nev_production"
unit = "10 thousand vehicles"
frequency = "annual"
kind = "flow"
source = "caam"

[[series]]
id = "gdp_quarterly"
unit = "亿元"
frequency = "quarterly"
kind = "flow"
source = "nbs"

[[series]]
id = "industrial_output_monthly"
unit = "percent"
frequency = "monthly"
kind = "rate"
source = "nbs"
"#;

/// The header (line 1) and five valid rows (lines 2–6); see `ROW`.
const OBSERVATIONS: &str = "\
series,period,value,qualifier,unit,source,note
gdp,2021,1143670,,,nbs,
gdp,2022,1210207,,,,
nev_production,2021,354.5,,,caam,
nev_production,2022,705.8,,,,\"published as 705.8万辆, up 96.9%\"
gdp_quarterly,2022Q4,335508,,,,
";

/// The line of a row appended to `OBSERVATIONS`.
const ROW: usize = 7;

/// A dataset folder's three files, as text or bytes.
#[derive(Clone)]
struct Folder {
    sources: Option<Vec<u8>>,
    series: Option<Vec<u8>>,
    observations: Option<Vec<u8>>,
}

impl Folder {
    /// The valid templates.
    fn valid() -> Folder {
        Folder {
            sources: Some(SOURCES.into()),
            series: Some(SERIES.into()),
            observations: Some(OBSERVATIONS.into()),
        }
    }

    /// The valid templates with `row` appended to observations.csv (on line `ROW`).
    fn with_row(row: &str) -> Folder {
        Folder::valid().observations(format!("{OBSERVATIONS}{row}\n"))
    }

    fn sources(mut self, text: impl Into<Vec<u8>>) -> Folder {
        self.sources = Some(text.into());
        self
    }

    fn series(mut self, text: impl Into<Vec<u8>>) -> Folder {
        self.series = Some(text.into());
        self
    }

    fn observations(mut self, text: impl Into<Vec<u8>>) -> Folder {
        self.observations = Some(text.into());
        self
    }

    /// Writes the folder to a fresh temporary directory named after the test.
    fn write(&self, test: &str) -> PathBuf {
        let dir = temp_dir(test);
        self.write_into(&dir);
        dir
    }

    /// (Re)writes the files into `dir`, removing any the folder does not have.
    fn write_into(&self, dir: &Path) {
        for (name, content) in [
            ("sources.toml", &self.sources),
            ("series.toml", &self.series),
            ("observations.csv", &self.observations),
        ] {
            let path = dir.join(name);
            match content {
                Some(bytes) => fs::write(&path, bytes).unwrap(),
                None => {
                    let _ = fs::remove_file(&path);
                }
            }
        }
    }
}

/// A fresh, empty temporary directory unique to this test and process.
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("indstat-bad-input-{test}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Loads the folder, expects an error and returns its message.
fn load_err(test: &str, folder: &Folder) -> String {
    let dir = folder.write(test);
    let result = Dataset::load(&dir);
    let _ = fs::remove_dir_all(&dir);
    match result {
        Ok(data) => panic!(
            "{test}: expected an error, got a dataset of {} series",
            data.len()
        ),
        Err(e) => e.to_string(),
    }
}

/// Asserts `message` places the error at `file` line `line` (as `…/file line N:`) and
/// mentions every one of `words` (case-insensitive).
#[track_caller]
fn assert_places(message: &str, file: &str, line: usize, words: &[&str]) {
    let place = format!("{file} line {line}:");
    assert!(
        message.contains(&place),
        "expected `{place}` in the message:\n{message}"
    );
    assert_mentions(message, words);
}

/// Asserts `message` mentions every one of `words` (case-insensitive).
#[track_caller]
fn assert_mentions(message: &str, words: &[&str]) {
    let lower = message.to_lowercase();
    for w in words {
        assert!(
            lower.contains(&w.to_lowercase()),
            "expected `{w}` in the message:\n{message}"
        );
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

#[test]
fn the_templates_are_valid() {
    let dir = Folder::valid().write("templates");
    let data = Dataset::load(&dir).unwrap();
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(data.len(), 4);
    assert_eq!(
        data.require("nev_production")
            .unwrap()
            .value_at(Period::year(2022)),
        Some(d("705.8"))
    );
    assert_eq!(data.source_of("gdp", Period::year(2021)).unwrap().id, "nbs");
}

mod observations {
    use super::*;

    #[test]
    fn malformed_quarter() {
        let m = load_err("q5", &Folder::with_row("gdp_quarterly,2022Q5,1,,,,"));
        assert_places(&m, "observations.csv", ROW, &["period", "2022Q5"]);
    }

    #[test]
    fn malformed_month() {
        let m = load_err(
            "month13",
            &Folder::with_row("industrial_output_monthly,2022-13,6.2,,,,"),
        );
        assert_places(&m, "observations.csv", ROW, &["period", "2022-13"]);
    }

    #[test]
    fn period_of_the_wrong_frequency() {
        let m = load_err("wrongfreq", &Folder::with_row("gdp,2022-03,1,,,,"));
        assert_places(&m, "observations.csv", ROW, &["2022-03", "annual", "gdp"]);
    }

    #[test]
    fn value_that_is_a_word() {
        let m = load_err("abc", &Folder::with_row("gdp,2020,abc,,,,"));
        assert_places(&m, "observations.csv", ROW, &["value", "`abc`"]);
    }

    #[test]
    fn value_with_a_thousands_separator_unquoted() {
        // Unquoted, the comma splits the value into two fields: the row has one field too many.
        let m = load_err("comma-unquoted", &Folder::with_row("gdp,2020,1,300,,,,"));
        assert_places(&m, "observations.csv", ROW, &["fields", "8", "7"]);
    }

    #[test]
    fn value_with_a_thousands_separator_quoted() {
        let m = load_err("comma-quoted", &Folder::with_row("gdp,2020,\"1,300\",,,,"));
        assert_places(
            &m,
            "observations.csv",
            ROW,
            &["value", "1,300", "thousands"],
        );
    }

    #[test]
    fn value_with_a_scale_word() {
        let m = load_err(
            "million",
            &Folder::with_row("nev_production,2020,7.05 million,,,,"),
        );
        assert_places(
            &m,
            "observations.csv",
            ROW,
            &["value", "7.05 million", "unit"],
        );
    }

    #[test]
    fn value_that_overflows_a_decimal() {
        let digits = "12345678901234567890123456789012345"; // 35 digits
        assert_eq!(digits.len(), 35);
        let m = load_err(
            "overflow",
            &Folder::with_row(&format!("gdp,2020,{digits},,,,")),
        );
        assert_places(&m, "observations.csv", ROW, &["value", digits, "overflow"]);
    }

    #[test]
    fn malformed_qualifier() {
        let m = load_err("maybe", &Folder::with_row("gdp,2020,1,maybe,,,"));
        assert_places(&m, "observations.csv", ROW, &["qualifier", "maybe"]);
    }

    #[test]
    fn malformed_unit_cell() {
        let m = load_err("furlongs", &Folder::with_row("gdp,2020,1,,furlongs/#,,"));
        assert_places(&m, "observations.csv", ROW, &["unit", "furlongs/#"]);
    }

    #[test]
    fn unit_cell_that_cannot_convert_to_the_series_unit() {
        let m = load_err("wanliang", &Folder::with_row("gdp,2020,705.8,,万辆,,"));
        assert_places(
            &m,
            "observations.csv",
            ROW,
            &["gdp", "vehicles", "yuan", "cannot convert"],
        );
    }

    #[test]
    fn unit_cell_that_converts_is_accepted() {
        // The counterpart of the test above: 101.6 trillion yuan is 1,016,000 亿元.
        let dir = Folder::with_row("gdp,2020,101.6,,trillion yuan,,").write("unit-ok");
        let data = Dataset::load(&dir).unwrap();
        let _ = fs::remove_dir_all(&dir);
        assert_eq!(
            data.require("gdp").unwrap().value_at(Period::year(2020)),
            Some(d("1016000"))
        );
    }

    #[test]
    fn unknown_series() {
        let m = load_err("unknown-series", &Folder::with_row("gpd,2020,1,,,,"));
        assert_places(
            &m,
            "observations.csv",
            ROW,
            &["series", "`gpd`", "not found"],
        );
    }

    #[test]
    fn unknown_source_in_a_row() {
        let m = load_err("unknown-source-row", &Folder::with_row("gdp,2020,1,,,nsb,"));
        assert_places(
            &m,
            "observations.csv",
            ROW,
            &["source", "`nsb`", "not found"],
        );
    }

    #[test]
    fn duplicate_series_and_period_names_both_lines() {
        // The same (series, period) as line 3.
        let m = load_err("duplicate", &Folder::with_row("gdp,2022,1210208,,,,"));
        assert_places(&m, "observations.csv", ROW, &["gdp", "2022", "line 3"]);
    }

    #[test]
    fn missing_required_column() {
        let m = load_err(
            "missing-value",
            &Folder::valid().observations("series,period,note\ngdp,2022,x\n"),
        );
        assert_places(&m, "observations.csv", 1, &["missing", "column", "`value`"]);
    }

    #[test]
    fn unknown_column() {
        let m = load_err(
            "unknown-column",
            &Folder::valid().observations("series,period,value,colour\ngdp,2022,1,red\n"),
        );
        assert_places(&m, "observations.csv", 1, &["unknown column", "`colour`"]);
    }

    #[test]
    fn row_with_too_few_fields() {
        let m = load_err("few-fields", &Folder::with_row("gdp,2020,1"));
        assert_places(&m, "observations.csv", ROW, &["3 fields", "7"]);
    }

    #[test]
    fn row_with_too_many_fields() {
        let m = load_err("many-fields", &Folder::with_row("gdp,2020,1,,,,,,"));
        assert_places(&m, "observations.csv", ROW, &["9 fields", "7"]);
    }

    #[test]
    fn error_on_a_row_after_a_multiline_quoted_note() {
        // A quoted note spanning lines 7–8: the bad row after it is on line 9.
        let text = format!("{OBSERVATIONS}gdp,2020,1,,,,\"two\nlines\"\ngdp,2019,abc,,,,\n");
        let m = load_err("multiline", &Folder::valid().observations(text));
        assert_places(&m, "observations.csv", 9, &["value", "abc"]);
    }

    #[test]
    fn crlf_line_endings_keep_line_numbers() {
        let crlf = format!("{OBSERVATIONS}gdp,2020,abc,,,,\n").replace('\n', "\r\n");
        let m = load_err("crlf", &Folder::valid().observations(crlf));
        assert_places(&m, "observations.csv", ROW, &["value", "abc"]);
        let crlf = format!("{OBSERVATIONS}gdp,2022,1,,,,\n").replace('\n', "\r\n");
        let m = load_err("crlf-duplicate", &Folder::valid().observations(crlf));
        assert_places(&m, "observations.csv", ROW, &["first is on line 3"]);
    }

    #[test]
    fn invalid_utf8_is_not_text() {
        let mut bytes = OBSERVATIONS.as_bytes().to_vec();
        bytes.extend_from_slice(b"gdp,2020,1,,,,caf\xe9\n");
        let m = load_err("utf8-obs", &Folder::valid().observations(bytes));
        assert_mentions(&m, &["observations.csv", "utf-8"]);
    }

    #[test]
    fn nul_bytes_are_not_text() {
        let mut bytes = OBSERVATIONS.as_bytes().to_vec();
        bytes.extend_from_slice(b"gdp,2020,1\0\0\0,,,,\n");
        let m = load_err("nul-obs", &Folder::valid().observations(bytes));
        assert_mentions(&m, &["observations.csv", "not a text file", "nul"]);
    }

    #[test]
    fn binary_file_errors_name_the_line() {
        let mut bytes = OBSERVATIONS.as_bytes().to_vec();
        bytes.extend_from_slice(b"gdp,2020,1,,,,caf\xe9\n");
        let m = load_err("utf8-obs-line", &Folder::valid().observations(bytes));
        assert_places(&m, "observations.csv", ROW, &["utf-8"]);
        let mut bytes = OBSERVATIONS.as_bytes().to_vec();
        bytes.extend_from_slice(b"gdp,2020,1\0,,,,\n");
        let m = load_err("nul-obs-line", &Folder::valid().observations(bytes));
        assert_places(&m, "observations.csv", ROW, &["nul"]);
    }
}

mod series_file {
    use super::*;

    #[test]
    fn unknown_frequency() {
        let m = load_err(
            "weekly",
            &Folder::valid().series(SERIES.replace("\"annual\"", "\"weekly\"")),
        );
        // The first `frequency` is on line 5.
        assert_places(&m, "series.toml", 5, &["frequency", "weekly"]);
    }

    #[test]
    fn unknown_kind() {
        let m = load_err(
            "level",
            &Folder::valid().series(SERIES.replacen("kind = \"flow\"", "kind = \"level\"", 1)),
        );
        // The first `kind` is on line 6.
        assert_places(&m, "series.toml", 6, &["kind", "level"]);
    }

    #[test]
    fn unknown_source() {
        let m = load_err(
            "unknown-source-series",
            &Folder::valid().series(SERIES.replace("source = \"caam\"", "source = \"caa\"")),
        );
        // The second series starts on line 9.
        assert_places(
            &m,
            "series.toml",
            9,
            &["nev_production", "source", "`caa`", "not found"],
        );
    }

    #[test]
    fn malformed_unit() {
        let m = load_err(
            "series-unit",
            &Folder::valid().series(SERIES.replace("\"10 thousand vehicles\"", "\"furlongs/#\"")),
        );
        // The second series' unit is on line 11.
        assert_places(&m, "series.toml", 11, &["unit", "furlongs/#"]);
    }

    #[test]
    fn series_defined_twice_in_one_file() {
        let twice = format!(
            "{SERIES}\n[[series]]\nid = \"gdp\"\nunit = \"亿元\"\nfrequency = \"annual\"\nkind = \"flow\"\n"
        );
        let m = load_err("series-twice", &Folder::valid().series(twice));
        // The repeated series starts on line 30.
        assert_places(&m, "series.toml", 30, &["`gdp`", "twice"]);
    }

    #[test]
    fn invalid_utf8_is_not_text() {
        let mut bytes = SERIES.as_bytes().to_vec();
        bytes.extend_from_slice(b"\n[[series]]\nid = \"\xff\xfe\"\n");
        let m = load_err("utf8-series", &Folder::valid().series(bytes));
        assert_mentions(&m, &["series.toml", "utf-8"]);
    }

    #[test]
    fn nul_bytes_are_not_text() {
        let mut bytes = SERIES.as_bytes().to_vec();
        bytes.extend_from_slice(b"\0\0\0\0");
        let m = load_err("nul-series", &Folder::valid().series(bytes));
        assert_mentions(&m, &["series.toml", "not a text file"]);
    }
}

mod sources_file {
    use super::*;

    #[test]
    fn date_that_is_not_in_the_calendar() {
        let m = load_err(
            "feb30",
            &Folder::valid().sources(SOURCES.replace("2023-01-12", "2023-02-30")),
        );
        // The second source's `released` is on line 11.
        assert_places(&m, "sources.toml", 11, &["date", "2023-02-30"]);
    }

    #[test]
    fn month_13() {
        let m = load_err(
            "released-month13",
            &Folder::valid().sources(SOURCES.replace("2023-02-28", "2023-13")),
        );
        // The first source's `released` is on line 5.
        assert_places(&m, "sources.toml", 5, &["date", "2023-13", "month"]);
    }

    #[test]
    fn unquoted_toml_date() {
        let dir = Folder::valid()
            .sources(SOURCES.replace("\"2023-01-12\"", "2023-01-12"))
            .write("toml-date");
        let result = Dataset::load(&dir);
        let _ = fs::remove_dir_all(&dir);
        // Either the TOML date is read as the date it is, or the message says what to write.
        match result {
            Ok(data) => assert_eq!(
                data.source("caam").unwrap().released.to_string(),
                "2023-01-12"
            ),
            Err(e) => {
                let m = e.to_string();
                assert_places(&m, "sources.toml", 11, &["released", "date"]);
            }
        }
    }

    #[test]
    fn missing_file() {
        let m = load_err(
            "no-sources",
            &Folder {
                sources: None,
                ..Folder::valid()
            },
        );
        assert_mentions(&m, &["sources.toml"]);
    }

    #[test]
    fn missing_folder() {
        let root = temp_dir("no-folder");
        let m = Dataset::load(root.join("absent")).unwrap_err().to_string();
        let _ = fs::remove_dir_all(&root);
        assert_mentions(&m, &["absent", "not a folder"]);
    }

    #[test]
    fn source_defined_twice() {
        let twice = format!(
            "{SOURCES}\n[[source]]\nid = \"nbs\"\npublisher = \"NBS\"\ntitle = \"t\"\nreleased = \"2023\"\n"
        );
        let m = load_err("source-twice", &Folder::valid().sources(twice));
        // The repeated source starts on line 13.
        assert_places(&m, "sources.toml", 13, &["`nbs`", "twice"]);
    }
}

#[test]
fn series_defined_in_two_folders() {
    let root = temp_dir("two-folders");
    let (a, b) = (root.join("a"), root.join("b"));
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    Folder::valid().write_into(&a);
    // Folder b defines its own source and `gdp` again (on line 1), citing a's source.
    Folder::valid()
        .sources("[[source]]\nid = \"other\"\npublisher = \"X\"\ntitle = \"t\"\nreleased = \"2023\"\n")
        .series("[[series]]\nid = \"gdp\"\nunit = \"亿元\"\nfrequency = \"annual\"\nkind = \"flow\"\nsource = \"nbs\"\n")
        .observations("series,period,value\ngdp,2020,1015986\n")
        .write_into(&b);
    let result = Dataset::load_all(&[&a, &b]);
    let _ = fs::remove_dir_all(&root);
    let m = result.unwrap_err().to_string();
    assert!(m.contains("b/series.toml line 1:"), "{m}");
    assert_mentions(&m, &["`gdp`", "already defined"]);
}

#[test]
fn series_defined_in_two_folders_names_both() {
    let root = temp_dir("two-folders-both");
    let (a, b) = (root.join("first"), root.join("second"));
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    Folder::valid().write_into(&a);
    Folder::valid()
        .sources("")
        .series(
            "[[series]]\nid = \"gdp\"\nunit = \"亿元\"\nfrequency = \"annual\"\nkind = \"flow\"\n",
        )
        .observations("series,period,value\n")
        .write_into(&b);
    let result = Dataset::load_all(&[&a, &b]);
    let _ = fs::remove_dir_all(&root);
    let m = result.unwrap_err().to_string();
    assert!(m.contains("second/series.toml line 1:"), "{m}");
    assert!(m.contains("first/series.toml"), "{m}");
}

#[test]
fn nothing_is_half_loaded() {
    // Everything is valid but the last row: the load fails as a whole…
    let dir = Folder::with_row("nev_production,2020,abc,,,,").write("half");
    let err = Dataset::load(&dir).unwrap_err().to_string();
    assert_places(&err, "observations.csv", ROW, &["abc"]);
    // …and, the row fixed in place, the same folder loads with every row.
    Folder::with_row("nev_production,2020,136.6,,,,").write_into(&dir);
    let data = Dataset::load(&dir).unwrap();
    let _ = fs::remove_dir_all(&dir);
    let nev = data.require("nev_production").unwrap();
    assert_eq!(nev.value_at(Period::year(2020)), Some(d("136.6")));
    assert_eq!(nev.value_at(Period::year(2021)), Some(d("354.5")));
    assert_eq!(nev.value_at(Period::year(2022)), Some(d("705.8")));
    assert_eq!(data.len(), 4);
}

mod claims {
    use super::*;

    const VALID: &str = r#"[[claim]]
id = "nev-production-2022"
quote = "NEV output 7.05 million"
kind = "level"
series = "nev_production"
period = "2022"
reported = "7.05 million"
"#;

    /// Writes `text` as a claims file and loads it, expecting an error.
    fn claims_err(test: &str, text: &str) -> String {
        let dir = temp_dir(test);
        let path = dir.join("claims.toml");
        fs::write(&path, text).unwrap();
        let result = Claims::load(&path);
        let _ = fs::remove_dir_all(&dir);
        match result {
            Ok(c) => panic!("{test}: expected an error, got {} claims", c.len()),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_template_is_valid() {
        let dir = temp_dir("claims-ok");
        let path = dir.join("claims.toml");
        fs::write(&path, VALID).unwrap();
        let claims = Claims::load(&path).unwrap();
        let _ = fs::remove_dir_all(&dir);
        assert_eq!(claims.len(), 1);
    }

    #[test]
    fn unknown_kind() {
        let text = format!(
            "{VALID}\n{}",
            VALID
                .replace("level", "average")
                .replace("nev-production-2022", "second")
        );
        let m = claims_err("claims-kind", &text);
        // The second claim starts on line 9; its `kind` is on line 12.
        assert_places(&m, "claims.toml", 12, &["`second`", "kind", "average"]);
    }

    #[test]
    fn bad_figure_in_reported() {
        let m = claims_err(
            "claims-reported",
            &VALID.replace("7.05 million", "7..05 million"),
        );
        // The `reported =` line.
        assert_places(&m, "claims.toml", 7, &["reported", "7..05 million"]);
    }

    #[test]
    fn missing_period() {
        let m = claims_err("claims-period", &VALID.replace("period = \"2022\"\n", ""));
        assert_places(&m, "claims.toml", 1, &["needs `period`"]);
    }

    #[test]
    fn malformed_period() {
        let m = claims_err("claims-q5", &VALID.replace("\"2022\"", "\"2022Q5\""));
        // The `period =` line.
        assert_places(&m, "claims.toml", 6, &["period", "2022Q5"]);
    }

    #[test]
    fn duplicate_id() {
        let m = claims_err("claims-twice", &format!("{VALID}\n{VALID}"));
        assert_places(
            &m,
            "claims.toml",
            // The second claim's `id =` line.
            10,
            &["`nev-production-2022`", "twice", "line 1"],
        );
    }

    #[test]
    fn unknown_key() {
        let m = claims_err("claims-key", &format!("{VALID}colour = \"red\"\n"));
        assert_places(&m, "claims.toml", 8, &["colour"]);
    }

    #[test]
    fn series_of_the_wrong_type() {
        let m = claims_err(
            "claims-series-int",
            &VALID.replace("\"nev_production\"", "5"),
        );
        assert_places(&m, "claims.toml", 5, &["series", "string"]);
    }

    #[test]
    fn not_text() {
        let m = claims_err("claims-binary", "[[claim]]\nid = \"\u{0}\"\n");
        assert_mentions(&m, &["claims.toml", "not a text file"]);
    }
}

/// Writes `observations` (bytes) into a folder with the valid sources and series and loads it.
fn load_observations(dir: &Path, observations: &[u8]) -> Result<Dataset, indstat::Error> {
    Folder::valid().observations(observations).write_into(dir);
    Dataset::load(dir)
}

/// Plausible observation rows: the cells the loader parses, drawn from near-valid text.
fn row() -> impl Strategy<Value = String> {
    let series = prop_oneof![
        Just("gdp".to_string()),
        Just("nev_production".to_string()),
        Just("gdp_quarterly".to_string()),
        Just("industrial_output_monthly".to_string()),
        "[a-z_]{0,6}",
    ];
    let period = prop_oneof![
        "(19|20|99|00)[0-9]{2}",
        "[0-9]{4}[QqHhSsMm-][0-9]{1,3}",
        "[0-9 QH-]{0,8}",
        "[^\\x00]{0,6}",
    ];
    let value = prop_oneof![
        "[+-]?[0-9]{1,30}(\\.[0-9]{0,30})?",
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
        "0\\.[0-9]{28}",
        "[0-9.,e+ -]{0,12}",
        "[^\\x00]{0,6}",
    ];
    let qualifier = prop_oneof![
        Just(String::new()),
        Just("more than".to_string()),
        Just("nearly".to_string()),
        Just("about".to_string()),
        "[a-z ]{0,10}",
    ];
    let unit = prop_oneof![
        Just(String::new()),
        Just("万亿元".to_string()),
        Just("亿亿亿亿元".to_string()),
        Just("trillion yuan".to_string()),
        Just("yuan".to_string()),
        Just("10 thousand vehicles".to_string()),
        Just("万辆".to_string()),
        Just("percent".to_string()),
        "[十百千万亿]{0,6}[元辆户]?",
        "[^\\x00]{0,8}",
    ];
    let source = prop_oneof![Just(String::new()), Just("nbs".to_string()), "[a-z]{0,4}"];
    (series, period, value, qualifier, unit, source).prop_map(
        |(series, period, value, qualifier, unit, source)| {
            let quote = |s: String| format!("\"{}\"", s.replace('"', "\"\""));
            [
                series,
                period,
                value,
                qualifier,
                unit,
                source,
                String::new(),
            ]
            .into_iter()
            .map(quote)
            .collect::<Vec<_>>()
            .join(",")
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_as_observations_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..400)
    ) {
        let dir = temp_dir("prop-bytes");
        let _ = load_observations(&dir, &bytes);
        let mut with_header = b"series,period,value,qualifier,unit,source,note\n".to_vec();
        with_header.extend_from_slice(&bytes);
        let _ = load_observations(&dir, &with_header);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn arbitrary_text_as_observations_never_panics(text in "\\PC{0,300}") {
        let dir = temp_dir("prop-text");
        let _ = load_observations(&dir, text.as_bytes());
        let with_header = format!("series,period,value\n{text}");
        let _ = load_observations(&dir, with_header.as_bytes());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn near_valid_rows_never_panic(rows in proptest::collection::vec(row(), 1..6)) {
        let dir = temp_dir("prop-rows");
        let text = format!("series,period,value,qualifier,unit,source,note\n{}\n", rows.join("\n"));
        match load_observations(&dir, text.as_bytes()) {
            Ok(data) => prop_assert_eq!(data.len(), 4),
            // Every row error names the file and a line.
            Err(e) => {
                let m = e.to_string();
                prop_assert!(m.contains("observations.csv line "), "{}", m);
            }
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn arbitrary_bytes_as_claims_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..400)
    ) {
        let dir = temp_dir("prop-claims-bytes");
        let path = dir.join("claims.toml");
        fs::write(&path, &bytes).unwrap();
        let _ = Claims::load(&path);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn near_valid_claims_never_panic(
        kind in "(level|share|ratio|growth|cagr|difference|sum|[a-z]{0,5})",
        period in "([0-9]{4}([QH-][0-9]{1,2})?|[^\\x00]{0,5})",
        reported in "((more than|nearly|exceeded|about) )?[0-9]{0,30}(\\.[0-9]{0,30})?( ?(%|万|亿|万亿|million|trillion|pp|yuan|万辆))?",
        extra in "(over = \"previous\"|rounding = \"truncate\"|tolerance = \"[0-9.%]{0,4}\"|from = \"2012\"|to = \"2022\"|of = \"gdp\"|)",
    ) {
        let dir = temp_dir("prop-claims");
        let path = dir.join("claims.toml");
        let text = format!(
            "[[claim]]\nid = \"x\"\nkind = \"{kind}\"\nseries = \"gdp\"\nperiod = \"{period}\"\nreported = \"{reported}\"\n{extra}\n"
        );
        fs::write(&path, &text).unwrap();
        let result = Claims::load(&path);
        let _ = fs::remove_dir_all(&dir);
        if let Err(e) = result {
            let m = e.to_string();
            prop_assert!(m.contains("claims.toml line "), "{}", m);
        }
    }
}

/// Errors carry their place and cause as values, not only as text: `location()` is the file
/// and line, the predicates the kind, and `source()` the I/O, TOML or CSV error underneath.
#[test]
fn errors_carry_their_location_kind_and_source() {
    use std::error::Error as _;

    let dir = Folder::with_row("gdp,2023,lots,,,,").write("located_value");
    let err = Dataset::load(&dir).unwrap_err();
    assert_eq!(
        err.location(),
        Some((dir.join("observations.csv").as_path(), ROW as u64))
    );
    assert!(err.is_parse() && !err.is_io(), "{err}");

    let dir = Folder::with_row("gdp,2023,1,,,,,,,").write("located_csv");
    let err = Dataset::load(&dir).unwrap_err();
    assert_eq!(err.location().map(|(_, line)| line), Some(ROW as u64));
    assert!(
        err.source()
            .and_then(|s| s.downcast_ref::<csv::Error>())
            .is_some(),
        "{err}"
    );

    // `[[series]]` then a key without a value on line 2.
    let dir = Folder::valid()
        .series("[[series]]\nid =\n")
        .write("located_toml");
    let err = Dataset::load(&dir).unwrap_err();
    assert_eq!(err.location(), Some((dir.join("series.toml").as_path(), 2)));
    assert!(
        err.source()
            .and_then(|s| s.downcast_ref::<toml::de::Error>())
            .is_some(),
        "{err}"
    );

    let mut folder = Folder::valid();
    folder.observations = None;
    let dir = folder.write("located_missing");
    let err = Dataset::load(&dir).unwrap_err();
    assert!(err.is_io(), "{err}");
    assert_eq!(err.location(), None);
    let io = err
        .source()
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .expect("the io::Error underneath");
    assert_eq!(io.kind(), std::io::ErrorKind::NotFound);

    let err =
        indstat::io::jsonstat::read("{\n  \"version\": \"2.0\",\n  oops\n}", "x.json").unwrap_err();
    assert_eq!(err.location(), Some((Path::new("x.json"), 3)));
    assert!(
        err.source()
            .and_then(|s| s.downcast_ref::<serde_json::Error>())
            .is_some(),
        "{err}"
    );

    let csv = "DATAFLOW,FREQ,TIME_PERIOD,OBS_VALUE\nX:F(1.0),A,2022,1\nX:F(1.0),A,2023,one\n";
    let err = indstat::io::sdmx::read_csv(csv, "x.csv").unwrap_err();
    assert_eq!(err.location(), Some((Path::new("x.csv"), 3)));
    assert!(err.is_parse(), "{err}");
}

/// Issue 12 §4: a data file with several bad rows reports every one in one run, each with its
/// line (lines 7, 8 and 10 here: rows appended after the template's last row on line 6), and
/// the valid row between them does not hide the later ones. Before, loading stopped at line 7.
#[test]
fn every_bad_row_is_reported_at_once() {
    let rows = "nev_production,2016Q5,1,,,,\n\
                gdp,2020,12x,,,,\n\
                gdp,2019,990865,,,,\n\
                no_such_series,2020,1,,,,\n";
    let message = load_err(
        "every-bad-row",
        &Folder::valid().observations(format!("{OBSERVATIONS}{rows}")),
    );
    assert!(message.contains("3 rows of"), "{message}");
    assert_places(&message, "observations.csv", ROW, &["2016Q5"]);
    assert_places(&message, "observations.csv", ROW + 1, &["12x"]);
    assert_places(&message, "observations.csv", ROW + 3, &["no_such_series"]);
    assert!(
        !message.contains(&format!("line {}:", ROW + 2)),
        "{message}"
    );
}

/// Issue 12 §4 for series.toml: two bad series (lines 30 and 36, appended after the
/// template's 28 lines and a blank) are both reported in one run. Before, the first stopped
/// the load.
#[test]
fn every_bad_series_is_reported_at_once() {
    let extra = "\n[[series]]\nid = \"has space\"\nunit = \"yuan\"\nfrequency = \"annual\"\nkind = \"flow\"\n\n[[series]]\nid = \"orphan\"\nunit = \"yuan\"\nfrequency = \"annual\"\nkind = \"flow\"\nsource = \"nowhere\"\n";
    let message = load_err(
        "every-bad-series",
        &Folder::valid().series(format!("{SERIES}{extra}")),
    );
    assert!(message.contains("2 series of"), "{message}");
    assert_places(&message, "series.toml", 30, &["has space"]);
    assert_places(&message, "series.toml", 36, &["nowhere"]);
}
