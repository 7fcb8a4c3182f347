//! Generated datasets and claims files of any size, for the scale test and the `load_1m` /
//! `claims_100k` bench groups (one generator, so the test checks the data the bench times).
//!
//! Every value is a function of its series and month ([`value_text`]), so a test can derive
//! what must be at each place without trusting the loader.

#![allow(dead_code)] // each user (test, bench) calls a different part

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

/// The first year of every generated series (1,000 months from here end in 2013).
pub const FIRST_YEAR: i32 = 1930;

/// The id of series number `s`.
pub fn series_id(s: usize) -> String {
    format!("s{s:04}")
}

/// The period text of month number `m` (0 = January of [`FIRST_YEAR`]).
pub fn month_text(m: usize) -> String {
    format!("{}-{:02}", FIRST_YEAR + (m / 12) as i32, m % 12 + 1)
}

/// The value of series `s` at month `m`, as written in the file: one decimal, never zero, and
/// different for neighbouring series and months so that a misplaced value is seen.
pub fn value_text(s: usize, m: usize) -> String {
    let whole = 100 + (s * 7919 + m * 104_729) % 90_000;
    format!("{whole}.{}", (s + 3 * m) % 10)
}

/// A permutation of `0..n` that is the same on every run (xorshift-driven Fisher–Yates).
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// Writes a dataset folder of `series` monthly series × `months` months into `dir`
/// (created if missing). With `shuffle`, rows come in a random order of series and period.
///
/// # Errors
/// Any I/O error.
pub fn write_folder(dir: &Path, series: usize, months: usize, shuffle: bool) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join("sources.toml"),
        "[[source]]\nid = \"gen\"\npublisher = \"Generator\"\ntitle = \"Generated series\"\nreleased = \"2024-01-31\"\n",
    )?;
    let mut meta = String::new();
    for s in 0..series {
        let _ = write!(
            meta,
            "[[series]]\nid = \"{}\"\nname = \"Generated series {s}\"\nunit = \"10 thousand vehicles\"\nfrequency = \"monthly\"\nkind = \"flow\"\nsource = \"gen\"\n\n",
            series_id(s)
        );
    }
    std::fs::write(dir.join("series.toml"), meta)?;
    let rows = series * months;
    let order: Vec<usize> = if shuffle {
        shuffled(rows, 0x5eed_1234_abcd_ef01)
    } else {
        (0..rows).collect()
    };
    let file = std::fs::File::create(dir.join("observations.csv"))?;
    let mut out = io::BufWriter::new(file);
    writeln!(out, "series,period,value")?;
    for row in order {
        let (s, m) = (row / months, row % months);
        writeln!(
            out,
            "{},{},{}",
            series_id(s),
            month_text(m),
            value_text(s, m)
        )?;
    }
    out.flush()
}

/// The text of a claims file of `claims` year-on-year growth claims on a dataset written by
/// [`write_folder`] with `series` series × `months` months (`months` > 12). Every tenth claim
/// is deliberately off by a point, so the report has both verdicts.
pub fn claims_text(claims: usize, series: usize, months: usize) -> String {
    let mut out = String::with_capacity(claims * 120);
    let later = months.saturating_sub(12).max(1);
    for i in 0..claims {
        let s = i % series;
        let m = 12 + (i / series) % later;
        let growth = yoy_percent(s, m) + if i % 10 == 9 { 1.0 } else { 0.0 };
        let _ = write!(
            out,
            "[[claim]]\nid = \"c{i}\"\nquote = \"grew {growth:.1}%\"\nkind = \"growth\"\nseries = \"{}\"\nperiod = \"{}\"\nreported = \"{growth:.1}%\"\n\n",
            series_id(s),
            month_text(m)
        );
    }
    out
}

/// Year-on-year growth of series `s` at month `m`, in percent (f64 is enough: the claim is
/// written to one decimal, and only its order of magnitude matters for timing).
fn yoy_percent(s: usize, m: usize) -> f64 {
    let v = |m: usize| value_text(s, m).parse::<f64>().unwrap_or(1.0);
    (v(m) / v(m - 12) - 1.0) * 100.0
}
