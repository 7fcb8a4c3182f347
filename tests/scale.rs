//! Scale: generated datasets load with every value in its place whatever the row order, and
//! errors deep in a large file name their line. (Timing lives in `benches/series.rs`; these
//! tests check correctness at size.)

#[path = "support/scale_data.rs"]
mod scale_data;

use std::path::PathBuf;

use indstat::dataset::FolderText;
use indstat::verify::Claims;
use indstat::{Dataset, Period};
use rust_decimal::Decimal;
use scale_data::{claims_text, month_text, series_id, value_text, write_folder};

/// A fresh folder under the system temp dir, unique to this process and test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("indstat-scale-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn shuffled_rows_land_where_they_belong() {
    let (series, months) = (60, 300);
    let dir = scratch("shuffled");
    write_folder(&dir, series, months, true).unwrap();
    let data = Dataset::load(&dir).unwrap();
    assert_eq!(data.len(), series);
    for s in 0..series {
        let id = series_id(s);
        let loaded = data.require(&id).unwrap();
        assert_eq!(loaded.count(), months, "{id}");
        assert_eq!(loaded.len(), months, "{id}: no slot outside the span");
        for m in 0..months {
            let period: Period = month_text(m).parse().unwrap();
            let expected: Decimal = value_text(s, m).parse().unwrap();
            let got = loaded.observation(period).unwrap();
            assert_eq!(got.value, expected, "{id} {period}");
            // The written precision (one decimal) survived the reordering.
            assert_eq!(got.precision.map(|p| p.written), Some(-1), "{id} {period}");
        }
    }
    let first = data.require(&series_id(0)).unwrap().span().unwrap();
    assert_eq!(first.0.to_string(), "1930-01");
    assert_eq!(first.1.to_string(), month_text(months - 1));
    let _ = std::fs::remove_dir_all(&dir);
}

/// An observations file whose row on line `bad_line` (1-based, the header is line 1) is broken
/// by `breakage`; every other row is good.
fn observations_broken_at(series: usize, months: usize, bad_line: usize, breakage: &str) -> String {
    let mut text = String::from("series,period,value\n");
    for row in 0..series * months {
        let line = row + 2;
        let (s, m) = (row / months, row % months);
        if line == bad_line {
            text.push_str(breakage);
        } else {
            text.push_str(&format!(
                "{},{},{}",
                series_id(s),
                month_text(m),
                value_text(s, m)
            ));
        }
        text.push('\n');
    }
    text
}

fn folder(observations: String, series: usize) -> FolderText {
    let mut meta = String::new();
    for s in 0..series {
        meta.push_str(&format!(
            "[[series]]\nid = \"{}\"\nunit = \"10 thousand vehicles\"\nfrequency = \"monthly\"\nkind = \"flow\"\n",
            series_id(s)
        ));
    }
    FolderText {
        name: "big".into(),
        sources: String::new(),
        series: meta,
        observations,
    }
}

#[test]
fn a_bad_value_at_line_900000_names_that_line() {
    let text = observations_broken_at(1_000, 1_000, 900_000, "s0899,2013-03,twelve");
    let err = Dataset::from_texts(&[folder(text, 1_000)])
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("big/observations.csv line 900000:"),
        "{err}"
    );
}

#[test]
fn a_duplicate_at_line_900000_names_both_lines() {
    // Row r (from 0) is on line r + 2 and holds series r / 1000, month r % 1000: line 900,000
    // is row 899,998 (s0899, month 998); s0899's January 1930 is row 899,000, line 899,002.
    let text = observations_broken_at(1_000, 1_000, 900_000, "s0899,1930-01,1.0");
    let err = Dataset::from_texts(&[folder(text, 1_000)])
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("big/observations.csv line 900000:")
            && err.contains("(the first is on line 899002)"),
        "{err}"
    );
}

#[test]
fn a_bad_claim_at_line_900000_names_that_line() {
    // Each generated claim takes 8 lines (`[[claim]]`, six keys, a blank line), so line
    // 900,000 = 8 × 112,500 is the blank line closing claim 112,499: put a broken key there.
    let text = claims_text(120_000, 10, 100);
    let mut lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[899_999], "", "the generator's layout changed");
    assert!(lines[899_998].starts_with("reported = "));
    lines[899_999] = "oops";
    let err = Claims::parse(&lines.join("\n"), "big.toml")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("big.toml line 900000"), "{err}");
}

/// Writes the bench-sized files (1,000 series × 1,000 months, 100,000 claims) for profiling
/// the CLI: `INDSTAT_SCALE_DIR=/tmp/scale cargo test --release --test scale -- --ignored`.
#[test]
#[ignore = "writes ~25 MB; run by hand to profile"]
fn write_bench_sized_files() {
    let root = std::env::var_os("INDSTAT_SCALE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| scratch("bench"));
    write_folder(&root.join("data"), 1_000, 1_000, false).unwrap();
    write_folder(&root.join("shuffled"), 1_000, 1_000, true).unwrap();
    std::fs::write(root.join("claims.toml"), claims_text(100_000, 1_000, 1_000)).unwrap();
    eprintln!("wrote {}", root.display());
}
