//! JSON-stat 2.0 datasets: a cube of values over dimensions, as published by Eurostat, the
//! statistical offices of the Nordic countries, Spain, Ireland and others.
//!
//! ```
//! use indstat::io::jsonstat;
//! use indstat::Period;
//!
//! let json = r#"{
//!   "version": "2.0", "class": "dataset", "label": "NEV production", "source": "CAAM",
//!   "id": ["indicator", "year"], "size": [1, 2],
//!   "role": { "time": ["year"], "metric": ["indicator"] },
//!   "dimension": {
//!     "indicator": { "category": {
//!       "label": { "nev_production": "NEV production" },
//!       "unit": { "nev_production": { "label": "10 thousand vehicles", "decimals": 1 } } } },
//!     "year": { "category": { "index": ["2021", "2022"] } }
//!   },
//!   "value": [354.5, 705.8],
//!   "status": { "1": "P" }
//! }"#;
//! let data = jsonstat::read(json, "nev.json")?;
//! let nev = data.require("nev_production")?;
//! assert_eq!(nev.unit().to_string(), "10 thousand vehicles");
//! assert_eq!(nev.interval_at(Period::year(2022)).unwrap()?.to_string(), "[705.75, 705.85)");
//! assert_eq!(data.source("jsonstat").unwrap().publisher, "CAAM");
//! # Ok::<(), indstat::Error>(())
//! ```
//!
//! # Reading
//! A document must be a JSON-stat 2.0 dataset (`"class": "dataset"`) with `id`, `size`,
//! `dimension` and `value`.
//!
//! - **Dimensions**: each has `category.index` (an array of ids, or an object of id to
//!   position; left out only for a single category named in `category.label`) and optional
//!   `category.label`. `size` must match the number of categories.
//! - **Time**: the dimension of `role.time`, else one named `time`, `TIME_PERIOD`, `year`,
//!   `period` or `Tid`. Its category ids are periods (see
//!   [`parse_period`]).
//! - **Series**: each combination of the other dimensions' categories that has a value; its
//!   id is their category ids joined with `.` in the order of `id`, its name their labels
//!   joined with `, ` (a dataset with only a time dimension has one series, `series`).
//! - **Units**: `category.unit` of the `role.metric` dimension (or, without `role.metric`, of
//!   any dimension that has units) gives each series its unit: `label` is parsed as a unit
//!   (`10 thousand vehicles`, `亿元`, `percent`), `decimals` is the precision of its values. A
//!   series with no unit is a pure number.
//! - **Values**: `value` is an array of numbers and nulls in row-major order (the last
//!   dimension varies fastest), or an object of index to value (a sparse cube); numeric
//!   strings are accepted too. `null` is a gap. A number is read from its text, not through
//!   a float: `705.80` keeps its two decimals (its precision when `decimals` is absent) and a
//!   20-digit value is exact; one past a Decimal's 28 digits is an error naming the cell.
//! - **Status**: `status` as one string for every value, an array, or an object of index to
//!   string; the observation's [`status`](crate::Observation::status).
//! - **Sources**: the top-level `source` string is one [`Source`] with id `jsonstat`:
//!   publisher = `source`, title = `label` (else `source`), released = the date of `updated`,
//!   else the year of the last period with a value.
//!
//! `extension.indstat`, written by [`write()`], holds what JSON-stat has no place for: every
//! source, and each series' frequency, kind, source and note, and observations' own sources,
//! qualifiers, roundings, locators, notes and precisions where they differ from what the
//! cube implies. When present it takes precedence over `source`.
//!
//! Not supported: collections and bundles (JSON-stat 1.x), `child` hierarchies and
//! `coordinates` (read past), time categories that are not years, halves, quarters or
//! months, and series without any value (unless `extension.indstat` lists them).
//!
//! Errors name the document and the key: `name: key `dimension.year.category.index`: …`;
//! invalid JSON names the line.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Number, Value};

use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::figure::{Qualifier, Rounding};
use crate::io::{
    default_kind, format_period, is_missing, nonempty, parse_decimals, parse_period, parse_release,
    parse_value, read_precision, status_and_comment,
};
use crate::period::{Frequency, Period};
use crate::series::{Kind, Observation, Precision, Series, SeriesMeta};
use crate::source::{ReleaseDate, Source};
use crate::text::read_text;
use crate::unit::Unit;

mod read;
mod write;

use read::*;
pub use write::write;

/// The id of the source made from a document's top-level `source`.
const SOURCE_ID: &str = "jsonstat";

/// Names a time dimension may have when `role.time` does not say (compared ignoring case).
const TIME_NAMES: [&str; 5] = ["time", "time_period", "year", "period", "tid"];

/// Reads a JSON-stat 2.0 dataset; `name` names the text in error messages.
///
/// # Errors
/// Invalid JSON (naming the line), a document that is not a JSON-stat 2.0 dataset, and any
/// inconsistency (a `size` that does not match the categories or the values, an index out of
/// range, a category that is not a period, a unit label that is not a unit, …), naming the
/// key. Nothing is half-read.
///
/// # Example
/// ```
/// use indstat::io::jsonstat;
/// let json = r#"{"version": "2.0", "class": "dataset", "id": ["year"], "size": [2],
///   "dimension": {"year": {"category": {"index": ["2021", "2022"]}}},
///   "value": [1143670, 1210207]}"#;
/// let data = jsonstat::read(json, "gdp.json")?;
/// assert_eq!(data.require("series")?.count(), 2);
///
/// let short = json.replace("[1143670, 1210207]", "[1210207]");
/// let err = jsonstat::read(&short, "gdp.json").unwrap_err();
/// assert_eq!(err.to_string(), "gdp.json: key `value`: has 1 value but `size` gives 2 (2)");
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn read(text: &str, name: impl AsRef<Path>) -> Result<Dataset> {
    let name = name.as_ref();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rfind(" at line ")
            .and_then(|i| message.get(..i))
            .unwrap_or(&message)
            .to_string();
        let line = e.line() as u64;
        Error::invalid(format!("not valid JSON: {message} (column {})", e.column()))
            .at(name, line)
            .with_source(e)
    })?;
    let mut doc = Doc::new(name);
    doc.written = written_numbers(text);
    doc.read(&root)
}

/// The text of every number among the cells of the top-level `value` (by position for an
/// array, by key for an object), so that a cell keeps the digits it was written with:
/// serde_json reads numbers as f64, which drops `705.80`'s last zero and rounds past 17 digits.
/// Empty when `value` is absent or malformed (the reader then reports that).
fn written_numbers(text: &str) -> WrittenNumbers<'_> {
    #[derive(Deserialize)]
    struct Top<'a> {
        #[serde(borrow, default)]
        value: Option<&'a RawValue>,
    }
    let Ok(Top { value: Some(raw) }) = serde_json::from_str::<Top<'_>>(text) else {
        return WrittenNumbers::default();
    };
    fn number<'t>(raw: &&'t RawValue) -> Option<&'t str> {
        let t = raw.get().trim();
        t.starts_with(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
            .then_some(t)
    }
    let mut written = WrittenNumbers::default();
    if let Ok(list) = serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
        written.by_position = list.iter().map(number).collect();
    } else if let Ok(map) = serde_json::from_str::<HashMap<String, &RawValue>>(raw.get()) {
        written.by_key = map
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), number(v)?)))
            .collect();
    }
    written
}

/// Number texts of the `value` cells, as written.
#[derive(Default)]
struct WrittenNumbers<'a> {
    by_position: Vec<Option<&'a str>>,
    by_key: HashMap<String, &'a str>,
}

/// Reads a JSON-stat 2.0 file.
///
/// # Errors
/// A missing, unreadable or binary file, or any error of [`read()`], naming the file.
///
/// # Example
/// ```
/// use indstat::io::jsonstat;
/// let err = jsonstat::read_file("no/such/file.json").unwrap_err();
/// assert!(err.to_string().contains("no/such/file.json"));
/// ```
pub fn read_file(path: impl AsRef<Path>) -> Result<Dataset> {
    let path = path.as_ref();
    let text = read_text(path)?;
    read(&text, path)
}

/// `n` things, in words: `1 value`, `2 values`.
fn count(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// The type of a JSON value, for messages.
fn type_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A JSON number as an exact decimal (through its shortest text).
fn decimal_of_number(n: &Number) -> Option<Decimal> {
    decimal_of_text(&n.to_string())
}

/// JSON number text as an exact decimal, its written digits kept (`705.80` has two decimals).
fn decimal_of_text(text: &str) -> Option<Decimal> {
    if text.contains(['e', 'E']) {
        Decimal::from_scientific(text).ok()
    } else {
        Decimal::from_str_exact(text).ok()
    }
}

/// A decimal as a JSON value that reads back as the same number: a number when one holds it
/// exactly, else a string of its digits.
fn json_value(value: Decimal) -> Value {
    let n = value.normalize();
    if n.scale() == 0 {
        if let Some(i) = n.to_i64() {
            return Value::from(i);
        }
    }
    if let Some(number) = n.to_f64().and_then(Number::from_f64) {
        if decimal_of_number(&number) == Some(value) {
            return Value::Number(number);
        }
    }
    Value::String(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_exactly() {
        for text in [
            "705.8",
            "1210207",
            "-4.0",
            "0.000001",
            "12345678901234567890.123",
            "1e-20",
        ] {
            let d: Decimal = if text.contains('e') {
                Decimal::from_scientific(text).unwrap()
            } else {
                text.parse().unwrap()
            };
            let v = json_value(d);
            let back = match &v {
                Value::Number(n) => decimal_of_number(n).unwrap(),
                Value::String(s) => s.parse().unwrap(),
                _ => unreachable!(),
            };
            assert_eq!(back, d, "{text} -> {v}");
        }
    }
}
