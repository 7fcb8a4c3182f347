//! Datasets on disk: the folder format ([`folder`]), and the exchange formats of statistical
//! offices, SDMX-CSV ([`sdmx`]) and JSON-stat 2.0 ([`jsonstat`]); [`open`] reads any of them by
//! its kind. (Until 0.1 this module was `indstat::interop`, still there as a deprecated alias.)
//!
//! Both readers build a [`Dataset`] with units, precisions, statuses and sources,
//! and both writers write one back so that reading what they wrote gives the same dataset
//! (series ids, names, units, frequencies, kinds, values, precisions, statuses, sources).
//!
//! ```
//! use indstat::io::{jsonstat, sdmx};
//! use indstat::Period;
//!
//! let csv = "\
//! STRUCTURE,STRUCTURE_ID,ACTION,FREQ,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,DECIMALS,OBS_STATUS
//! dataflow,CAAM:NEV(1.0),I,A,NEV_PROD,2022,705.8,VEHICLES,4,1,P
//! ";
//! let data = sdmx::read_csv(csv, "nev.csv")?;
//! let nev = data.require("A.NEV_PROD")?;
//! assert_eq!(nev.unit().to_string(), "10 thousand vehicles");
//! assert_eq!(nev.interval_at(Period::year(2022)).unwrap()?.to_string(), "[705.75, 705.85)");
//!
//! // To JSON-stat and back: nothing is lost.
//! let again = jsonstat::read(&jsonstat::write(&data)?, "nev.json")?;
//! assert_eq!(again.require("A.NEV_PROD")?.observation(Period::year(2022)), nev.observation(Period::year(2022)));
//! # Ok::<(), indstat::Error>(())
//! ```
//!
//! # Conventions shared by both formats
//! - **Periods** are read in SDMX's forms (`2022`, `2022-A1`, `2022-S1`, `2022-Q4`, `2022-03`,
//!   `2022-M03`) and indstat's own (`2022H1`, `2022Q4`, `2022M03`); see [`parse_period`].
//!   They are written in SDMX's forms ([`format_period`]). Weeks, days and time ranges are
//!   errors: indstat's periods are years, halves, quarters and months.
//! - **Observation status** (SDMX `OBS_STATUS`, JSON-stat `status`) is kept in the
//!   observation's note as `status: P` (followed by `; ` and the comment, if any), and
//!   [`status`] reads it back. Common SDMX codes: `A` normal, `B` break in series, `E`
//!   estimated, `F` forecast, `P` provisional, `M` missing, `L` missing (not collected). A
//!   status does not change how a value is read: a provisional 705.8 is still [705.75, 705.85).
//! - **Precision** comes from the number of decimals declared (SDMX `DECIMALS`, JSON-stat
//!   `unit.decimals`), else from the decimals the value is written with: 705.8 with one decimal
//!   stands for [705.75, 705.85).
//! - **Kind** (stock, flow, rate) is not part of either standard: it is read from indstat's own
//!   `KIND` column or extension, else percent and percentage points are rates and everything
//!   else is a flow.
//! - **Missing values** (an empty cell, `NaN`, `null`) are gaps, not errors.

pub mod folder;
pub mod jsonstat;
pub mod sdmx;

use std::path::Path;

use rust_decimal::Decimal;

use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::period::{Frequency, Period};
use crate::series::{Kind, Observation, Precision};
use crate::source::ReleaseDate;
use crate::unit::{Dimension, Unit};

/// Reads datasets given as folders (the folder format), SDMX-CSV files (`.csv`) or JSON-stat
/// files (`.json`) into one dataset; the same as [`Dataset::open`].
///
/// # Errors
/// As [`Dataset::open`].
///
/// # Example
/// ```
/// let root = env!("CARGO_MANIFEST_DIR");
/// let data = indstat::io::open(&[format!("{root}/tests/fixtures/jsonstat.json")])?;
/// assert!(!data.is_empty());
/// assert!(indstat::io::open(&["Cargo.toml"]).is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn open<P: AsRef<Path>>(paths: &[P]) -> Result<Dataset> {
    Dataset::open(paths)
}

impl Dataset {
    /// Loads datasets given as folders (the folder format), SDMX-CSV files (`.csv`) or
    /// JSON-stat 2.0 files (`.json`), into one dataset. Folders load together (they may cite
    /// each other's sources); files are then merged in.
    ///
    /// # Errors
    /// As [`load_all`](Dataset::load_all) and the SDMX-CSV and JSON-stat readers; an id defined twice; a path
    /// that is neither a folder nor a `.csv` or `.json` file.
    ///
    /// # Example
    /// ```
    /// let root = env!("CARGO_MANIFEST_DIR");
    /// let data = indstat::Dataset::open(&[
    ///     format!("{root}/data/reference"),
    ///     format!("{root}/tests/fixtures/sdmx-2.0.csv"),
    /// ])?;
    /// assert!(data.require("gdp").is_ok());
    /// assert!(indstat::Dataset::open(&["Cargo.toml"]).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn open<P: AsRef<Path>>(paths: &[P]) -> Result<Dataset> {
        let (folders, files): (Vec<&Path>, Vec<&Path>) =
            paths.iter().map(AsRef::as_ref).partition(|p| p.is_dir());
        let mut data = Dataset::load_all(&folders)?;
        for file in files {
            let extension = file
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            let other = match extension.as_deref() {
                Some("csv") => sdmx::read_csv_file(file)?,
                Some("json") => jsonstat::read_file(file)?,
                _ if !file.exists() => return Err(Error::io(file, "no such file or folder")),
                _ => {
                    return Err(Error::invalid(
                        "expected a dataset folder, an SDMX-CSV file (.csv) or a JSON-stat file (.json)",
                    )
                    .context(file.display().to_string()))
                }
            };
            data.merge(other)
                .map_err(|e| e.context(file.display().to_string()))?;
        }
        Ok(data)
    }
}

/// Parses a period written as SDMX or indstat writes it.
///
/// Accepts `2022`, `2022-A1`, `2022-S1` / `2022-H1` / `2022H1` / `2022S1`, `2022-Q4` /
/// `2022Q4`, `2022-03` / `2022-M03` / `2022M03` / `2022M3`.
///
/// # Errors
/// Anything else, with the reason: weeks (`2022-W01`), days (`2022-03-15`), trimesters and
/// time ranges (`2022-01-01/P1Y`) are not indstat periods.
///
/// # Example
/// ```
/// use indstat::io::parse_period;
/// assert_eq!(parse_period("2022-Q4")?.to_string(), "2022Q4");
/// assert_eq!(parse_period("2022-M03")?.to_string(), "2022-03");
/// assert_eq!(parse_period("2022-S1")?, parse_period("2022H1")?);
/// assert!(parse_period("2022-W01").is_err());
/// assert!(parse_period("2022-13").is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn parse_period(text: &str) -> Result<Period> {
    let t = text.trim();
    let unsupported = |reason: &str| Err(Error::parse("period", text, reason.to_string()));
    if t.contains('/') {
        return unsupported(
            "time ranges (start/duration) are not supported: give a year, half, quarter or month such as 2022, 2022-S1, 2022-Q4 or 2022-03",
        );
    }
    let Some((year, rest)) = t.split_once('-') else {
        return t.parse();
    };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse();
    }
    let mut chars = rest.chars();
    match chars.next() {
        Some('A' | 'a') => {
            if chars.as_str() == "1" {
                year.parse()
            } else {
                unsupported("an annual reporting period is written YYYY-A1")
            }
        }
        Some('S' | 's' | 'H' | 'h' | 'Q' | 'q' | 'M' | 'm') => {
            format!("{year}{rest}").parse().map_err(|_| {
                Error::parse(
                    "period",
                    text,
                    "expected YYYY-S1..S2, YYYY-Q1..Q4 or YYYY-M01..M12",
                )
            })
        }
        Some('W' | 'w' | 'D' | 'd' | 'T' | 't' | 'B' | 'b') => unsupported(
            "weekly, daily and trimester periods are not supported (indstat has years, halves, quarters and months)",
        ),
        Some(c) if c.is_ascii_digit() => {
            if rest.contains('-') || rest.contains('T') {
                unsupported(
                    "days and times are not supported (indstat has years, halves, quarters and months)",
                )
            } else {
                t.parse()
            }
        }
        _ => t.parse(),
    }
}

/// Writes a period in SDMX's form: `2022`, `2022-S1`, `2022-Q4`, `2022-03`.
///
/// # Example
/// ```
/// use indstat::io::format_period;
/// use indstat::Period;
/// assert_eq!(format_period("2022H2".parse()?), "2022-S2");
/// assert_eq!(format_period("2022Q4".parse()?), "2022-Q4");
/// assert_eq!(format_period(Period::month(2022, 3)?), "2022-03");
/// assert_eq!(format_period(Period::year(2022)), "2022");
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn format_period(period: Period) -> String {
    let year = period.calendar_year();
    match period.frequency() {
        Frequency::Annual => format!("{year}"),
        Frequency::Half => format!("{year}-S{}", period.position()),
        Frequency::Quarterly => format!("{year}-Q{}", period.position()),
        Frequency::Monthly => format!("{year}-{:02}", period.position()),
    }
}

/// The status code of an observation (SDMX `OBS_STATUS`, JSON-stat `status`): its
/// [`status`](Observation::status) field, or, for notes written by earlier versions, a
/// `status: P` prefix of its note.
///
/// # Example
/// ```
/// use indstat::io::status;
/// use indstat::Observation;
/// let mut o = Observation::new("705.8".parse().unwrap());
/// assert_eq!(status(&o), None);
/// o.status = Some("P".into());
/// assert_eq!(status(&o), Some("P"));
/// let mut old = Observation::new("1".parse().unwrap());
/// old.note = Some("status: E; estimated".into());
/// assert_eq!(status(&old), Some("E"));
/// ```
pub fn status(observation: &Observation) -> Option<&str> {
    status_and_comment(observation).0
}

/// An observation's status code and its note without the status: the status field when set,
/// else a `status: P; comment` note split (the form earlier versions kept statuses in).
pub(crate) fn status_and_comment(o: &Observation) -> (Option<&str>, Option<&str>) {
    match o.status.as_deref().filter(|s| !s.is_empty()) {
        Some(status) => (Some(status), o.note.as_deref().filter(|n| !n.is_empty())),
        None => split_note(o.note.as_deref()),
    }
}

/// The text of a cell, `None` when empty.
pub(crate) fn nonempty(text: Option<&str>) -> Option<String> {
    text.filter(|t| !t.is_empty()).map(str::to_string)
}

/// The prefix of a note that holds a status code.
const STATUS_PREFIX: &str = "status: ";

/// Splits a note into its status code and the rest (the comment).
fn split_note(note: Option<&str>) -> (Option<&str>, Option<&str>) {
    let Some(note) = note else {
        return (None, None);
    };
    if let Some(rest) = note.strip_prefix(STATUS_PREFIX) {
        let (code, comment) = match rest.split_once("; ") {
            Some((code, comment)) => (code, Some(comment)),
            None => (rest, None),
        };
        if is_status_code(code) {
            return (Some(code), comment);
        }
    }
    (None, Some(note))
}

/// A status code: a short word without spaces or separators.
fn is_status_code(code: &str) -> bool {
    !code.is_empty()
        && code.chars().count() <= 16
        && !code
            .chars()
            .any(|c| c.is_whitespace() || c == ';' || c == ',' || c.is_control())
}

/// The precision of `value` reported with `decimals` decimals: one unit of the last written
/// digit is 10^−decimals; the last significant digit is the same when there are decimals, else
/// the last non-zero digit of the integer part (5200 with no decimals is significant to the
/// hundreds).
fn precision_with_decimals(value: Decimal, decimals: u32) -> Precision {
    let written = -(decimals as i32);
    let significant = if decimals > 0 {
        written
    } else {
        crate::figure::significant_exponent(value.trunc().normalize())
    };
    Precision {
        written,
        significant,
    }
}

/// The precision a reader gives a value written with `decimals` decimals, or with its own
/// decimals when none are declared.
fn read_precision(value: Decimal, decimals: Option<u32>) -> Precision {
    precision_with_decimals(value, decimals.unwrap_or(value.scale()))
}

/// Parses a release date: a date, a month, a year, the date part of an ISO date-time
/// (`2023-02-28T09:30:00Z`) or Eurostat's `28/02/23 09:30:00`.
fn parse_release(text: &str) -> Result<ReleaseDate> {
    let t = text.trim();
    if t.len() > 10 && matches!(t.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
        if let Some(date) = t.get(..10) {
            return date.parse();
        }
    }
    if let Some(date) = t.split_whitespace().next().filter(|d| d.contains('/')) {
        for format in ["%d/%m/%y", "%d/%m/%Y"] {
            if let Ok(day) = chrono::NaiveDate::parse_from_str(date, format) {
                return Ok(ReleaseDate::day(day));
            }
        }
    }
    t.parse()
}

/// Largest number of decimals accepted in `DECIMALS` and `unit.decimals`.
const MAX_DECIMALS: u32 = 28;

/// Parses a declared number of decimals (0 to 28).
fn parse_decimals(text: &str) -> Result<u32> {
    let t = text.trim();
    match t.parse::<u32>() {
        Ok(d) if d <= MAX_DECIMALS => Ok(d),
        _ => Err(Error::parse(
            "decimals",
            text,
            format!("expected a whole number of decimals from 0 to {MAX_DECIMALS}"),
        )),
    }
}

/// The kind assumed when a file does not say: percent and percentage points are rates,
/// everything else a flow.
fn default_kind(unit: &Unit) -> Kind {
    match unit.dimension() {
        Dimension::Percent | Dimension::PercentagePoint => Kind::Rate,
        _ => Kind::Flow,
    }
}

/// Whether a value cell means "no value": empty, or `NaN` as some SDMX producers write.
fn is_missing(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || t.eq_ignore_ascii_case("nan")
}

/// Parses a value written as plain decimal text, keeping its written decimals. With
/// `decimal_comma`, a single comma is the decimal separator (SDMX-CSV written for a locale
/// that uses `;` between fields).
fn parse_value(text: &str, decimal_comma: bool) -> Result<Decimal> {
    let t = text.trim();
    if decimal_comma && t.contains(',') && !t.contains('.') {
        return crate::text::parse_value(&t.replacen(',', ".", 1));
    }
    crate::text::parse_value(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_status_notes_split() {
        assert_eq!(
            split_note(Some("status: P; revised")),
            (Some("P"), Some("revised"))
        );
        assert_eq!(split_note(Some("status: E")), (Some("E"), None));
        assert_eq!(split_note(Some("a note")), (None, Some("a note")));
        assert_eq!(split_note(None), (None, None));
        assert_eq!(split_note(Some("status: two words")).0, None);
    }

    /// The field wins over a note that looks like a status; the note is then all comment.
    #[test]
    fn the_status_field_comes_first() {
        let mut o = Observation::new(Decimal::ONE);
        o.status = Some("P".into());
        o.note = Some("status: E; odd".into());
        assert_eq!(status_and_comment(&o), (Some("P"), Some("status: E; odd")));
        o.status = None;
        assert_eq!(status_and_comment(&o), (Some("E"), Some("odd")));
    }

    #[test]
    fn precision_follows_the_declared_decimals() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let p = precision_with_decimals(d("705.8"), 1);
        assert_eq!((p.written, p.significant), (-1, -1));
        let p = precision_with_decimals(d("5200"), 0);
        assert_eq!((p.written, p.significant), (0, 2));
        let p = precision_with_decimals(d("705.83"), 0);
        assert_eq!((p.written, p.significant), (0, 0));
        assert_eq!(read_precision(d("33.20"), None).written, -2);
        assert_eq!(
            crate::figure::significant_exponent(d("1000.0").trunc().normalize()),
            3
        );
    }

    #[test]
    fn release_dates_in_their_forms() {
        assert_eq!(
            parse_release("2023-02-28T09:30:00Z").unwrap().to_string(),
            "2023-02-28"
        );
        assert_eq!(
            parse_release("28/02/23 09:30:00").unwrap().to_string(),
            "2023-02-28"
        );
        assert_eq!(
            parse_release("2023").unwrap(),
            ReleaseDate::year(2023).unwrap()
        );
        assert!(parse_release("yesterday").is_err());
    }

    #[test]
    fn values_are_plain_decimals() {
        assert_eq!(parse_value("12,4", true).unwrap().to_string(), "12.4");
        assert!(parse_value("12,4", false).is_err());
        assert!(parse_value("1e5", false).is_err());
        assert!(parse_value("1,234.5", true).is_err());
    }
}
