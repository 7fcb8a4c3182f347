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
//! let nev = data.get("nev_production")?;
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

use super::{
    default_kind, format_period, is_missing, nonempty, parse_decimals, parse_period, parse_release,
    parse_value, read_precision, status_and_comment,
};
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::figure::{Qualifier, Rounding};
use crate::period::{Frequency, Period};
use crate::series::{Kind, Observation, Precision, Series, SeriesMeta};
use crate::source::{ReleaseDate, Source};
use crate::text::read_text;
use crate::unit::Unit;

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
/// assert_eq!(data.get("series")?.count(), 2);
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
        Error::invalid(format!("not valid JSON: {message} (column {})", e.column()))
            .context(format!("{} line {}", name.display(), e.line()))
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

/// A dimension as read.
struct Dim {
    id: String,
    categories: Vec<String>,
    labels: Vec<Option<String>>,
    units: Vec<Option<UnitSpec>>,
}

/// A category's `unit`.
struct UnitSpec {
    unit: Unit,
    decimals: Option<u32>,
}

/// The statuses of the values.
enum Statuses<'a> {
    None,
    All(&'a str),
    List(&'a [Value]),
    Sparse(&'a Map<String, Value>),
}

impl Statuses<'_> {
    fn get(&self, index: usize) -> Option<&str> {
        match self {
            Statuses::None => None,
            Statuses::All(s) => Some(s),
            Statuses::List(list) if list.len() == 1 => list.first().and_then(Value::as_str),
            Statuses::List(list) => list.get(index).and_then(Value::as_str),
            Statuses::Sparse(map) => map.get(&index.to_string()).and_then(Value::as_str),
        }
    }
}

/// A series as `extension.indstat` describes it.
#[derive(Deserialize)]
struct ExtSeries {
    id: String,
    frequency: Option<Frequency>,
    kind: Option<Kind>,
    source: Option<String>,
    note: Option<String>,
}

/// What `extension.indstat` says about one observation.
#[derive(Default)]
struct ExtObservation {
    source: Option<String>,
    qualifier: Option<Qualifier>,
    rounding: Option<Rounding>,
    /// `Some(None)`: an exact value.
    precision: Option<Option<Precision>>,
    locator: Option<String>,
    note: Option<String>,
}

/// One document being read: where errors are placed.
struct Doc<'a> {
    name: &'a Path,
    written: WrittenNumbers<'a>,
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

impl<'a> Doc<'a> {
    fn new(name: &'a Path) -> Doc<'a> {
        Doc {
            name,
            written: WrittenNumbers::default(),
        }
    }

    /// An error at `key`.
    fn at(&self, key: &str, e: Error) -> Error {
        e.context(format!("key `{key}`"))
            .context(self.name.display().to_string())
    }

    fn bad(&self, key: &str, reason: impl Into<String>) -> Error {
        self.at(key, Error::invalid(reason))
    }

    fn string<'v>(&self, v: &'v Value, key: &str) -> Result<&'v str> {
        v.as_str()
            .ok_or_else(|| self.bad(key, format!("expected a string, found {}", type_of(v))))
    }

    fn read(&self, root: &Value) -> Result<Dataset> {
        let obj = root.as_object().ok_or_else(|| {
            self.bad(
                "(document)",
                "not a JSON-stat dataset: the document is not a JSON object",
            )
        })?;
        if let Some(error) = obj.get("error") {
            return Err(self.bad("error", format!("the document reports an error: {error}")));
        }
        match obj.get("class").map(|c| (c, c.as_str())) {
            Some((_, Some("dataset"))) => {}
            Some((_, Some(other))) => {
                return Err(self.bad(
                    "class",
                    format!(
                        "only JSON-stat datasets (class \"dataset\") are supported, not \"{other}\""
                    ),
                ));
            }
            Some((c, None)) => {
                return Err(self.bad(
                    "class",
                    format!("expected \"dataset\", found {}", type_of(c)),
                ));
            }
            None => return Err(self.bad(
                "class",
                "missing: not a JSON-stat 2.0 dataset (JSON-stat 1.x bundles are not supported)",
            )),
        }
        if let Some(v) = obj.get("version") {
            if !v.as_str().is_some_and(|s| s.starts_with("2.")) {
                return Err(self.bad(
                    "version",
                    format!("only JSON-stat 2.x is supported, not {v}"),
                ));
            }
        }
        let ids = self.ids(obj)?;
        let size = self.size(obj, ids.len())?;
        let dimension = obj
            .get("dimension")
            .and_then(Value::as_object)
            .ok_or_else(|| self.bad("dimension", "missing or not an object"))?;
        let dims = ids
            .iter()
            .zip(&size)
            .map(|(id, n)| self.dim(dimension, id, *n))
            .collect::<Result<Vec<_>>>()?;
        let role = match obj.get("role") {
            None => None,
            Some(Value::Object(r)) => Some(r),
            Some(other) => {
                return Err(self.bad(
                    "role",
                    format!("expected an object, found {}", type_of(other)),
                ));
            }
        };
        let time = self.time_dimension(role, &ids)?;
        let metric = self.metric_dimensions(role, &ids, &dims)?;
        let time_dim = dims
            .get(time)
            .ok_or_else(|| self.bad("role.time", "no such dimension"))?;
        let periods = time_dim
            .categories
            .iter()
            .map(|c| {
                parse_period(c)
                    .map_err(|e| self.at(&format!("dimension.{}.category.index", time_dim.id), e))
            })
            .collect::<Result<Vec<_>>>()?;

        let total = size
            .iter()
            .try_fold(1usize, |acc, n| acc.checked_mul(*n))
            .ok_or_else(|| self.bad("size", "the cube is too large"))?;
        let mut strides = vec![1usize; size.len()];
        for i in (0..size.len().saturating_sub(1)).rev() {
            let next = strides.get(i + 1).copied().unwrap_or(1);
            let n = size.get(i + 1).copied().unwrap_or(1);
            if let Some(s) = strides.get_mut(i) {
                *s = next.saturating_mul(n);
            }
        }
        let cells = self.values(obj, total, &size)?;
        let statuses = self.statuses(obj, total)?;

        // Group the values by series: the index with the time coordinate taken out.
        let time_stride = strides.get(time).copied().unwrap_or(1).max(1);
        let time_size = size.get(time).copied().unwrap_or(1).max(1);
        let mut combos: BTreeMap<usize, Vec<Cell>> = BTreeMap::new();
        for (index, value) in cells {
            let t = (index / time_stride) % time_size;
            let combo =
                (index / time_stride.saturating_mul(time_size)) * time_stride + index % time_stride;
            combos.entry(combo).or_default().push((index, t, value));
        }
        let coords_of = |index: usize| -> Vec<usize> {
            size.iter()
                .zip(&strides)
                .enumerate()
                .filter(|(i, _)| *i != time)
                .map(|(_, (n, s))| (index / (*s).max(1)) % (*n).max(1))
                .collect()
        };
        let non_time: Vec<&Dim> = dims
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != time)
            .map(|(_, d)| d)
            .collect();
        let series_id = |coords: &[usize]| -> String {
            if non_time.is_empty() {
                return "series".to_string();
            }
            non_time
                .iter()
                .zip(coords)
                .map(|(d, c)| d.categories.get(*c).map_or("", String::as_str))
                .collect::<Vec<_>>()
                .join(".")
        };

        let ext = self.extension(obj)?;
        let sources = match &ext.sources {
            Some(sources) => sources.clone(),
            None => self
                .top_source(obj, &periods, &combos)?
                .into_iter()
                .collect(),
        };
        let default_source = match &ext.sources {
            Some(_) => None,
            None => sources.first().map(|s| s.id.clone()),
        };

        // The series, in the extension's order when it lists them, else the cube's.
        let mut order: Vec<Planned<'_>> = Vec::new();
        let by_id: HashMap<String, &[Cell]> = combos
            .values()
            .filter_map(|cells| {
                let (index, _, _) = cells.first()?;
                Some((series_id(&coords_of(*index)), cells.as_slice()))
            })
            .collect();
        let mut listed: BTreeSet<String> = BTreeSet::new();
        if let Some(list) = &ext.series {
            for (i, es) in list.iter().enumerate() {
                if !listed.insert(es.id.clone()) {
                    return Err(self.bad(
                        &format!("extension.indstat.series[{i}]"),
                        format!("series `{}` is listed twice", es.id),
                    ));
                }
                let (coords, cells) = match by_id.get(&es.id) {
                    Some(cells) => {
                        let index = cells.first().map_or(0, |c| c.0);
                        (coords_of(index), *cells)
                    }
                    None => {
                        let coords = self.resolve(&es.id, &non_time).ok_or_else(|| {
                            self.bad(
                                &format!("extension.indstat.series[{i}]"),
                                format!(
                                    "series `{}` is not a combination of the dataset's categories",
                                    es.id
                                ),
                            )
                        })?;
                        (coords, &[][..])
                    }
                };
                order.push(Planned {
                    id: es.id.clone(),
                    coords,
                    ext: Some(es),
                    cells,
                });
            }
        }
        for cells in combos.values() {
            let Some((index, _, _)) = cells.first() else {
                continue;
            };
            let coords = coords_of(*index);
            let id = series_id(&coords);
            if !listed.contains(&id) {
                order.push(Planned {
                    id,
                    coords,
                    ext: None,
                    cells: cells.as_slice(),
                });
            }
        }

        let mut data = Dataset::new();
        for (i, source) in sources.into_iter().enumerate() {
            data.insert_source(source)
                .map_err(|e| self.at(&format!("extension.indstat.sources[{i}]"), e))?;
        }
        let time_key = format!("dimension.{}.category.index", time_dim.id);
        for planned in &order {
            let series = self.series(SeriesInput {
                id: &planned.id,
                coords: &planned.coords,
                ext_series: planned.ext,
                cells: planned.cells,
                non_time: &non_time,
                metric: &metric,
                dims: &dims,
                time,
                periods: &periods,
                statuses: &statuses,
                ext: &ext,
                data: &data,
                default_source: default_source.as_deref(),
                time_key: &time_key,
                label: obj.get("label").and_then(Value::as_str),
            })?;
            data.insert_series(series)
                .map_err(|e| self.at("dimension", e))?;
        }
        for id in ext.observations.keys() {
            if data.series(id).is_none() {
                return Err(self.bad(
                    &format!("extension.indstat.observations.{id}"),
                    format!("series `{id}` has no values and is not listed"),
                ));
            }
        }
        Ok(data)
    }

    fn ids(&self, obj: &Map<String, Value>) -> Result<Vec<String>> {
        let list = obj
            .get("id")
            .and_then(Value::as_array)
            .ok_or_else(|| self.bad("id", "missing or not an array of dimension ids"))?;
        let mut ids: Vec<String> = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            let id = self.string(v, &format!("id[{i}]"))?;
            if ids.iter().any(|d| d == id) {
                return Err(self.bad(
                    &format!("id[{i}]"),
                    format!("dimension `{id}` is given twice"),
                ));
            }
            ids.push(id.to_string());
        }
        Ok(ids)
    }

    fn size(&self, obj: &Map<String, Value>, dims: usize) -> Result<Vec<usize>> {
        let list = obj
            .get("size")
            .and_then(Value::as_array)
            .ok_or_else(|| self.bad("size", "missing or not an array of numbers"))?;
        if list.len() != dims {
            return Err(self.bad(
                "size",
                format!("has {} entries but `id` has {dims}", list.len()),
            ));
        }
        list.iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or_else(|| {
                        self.bad(
                            &format!("size[{i}]"),
                            format!("expected a count of categories, found {v}"),
                        )
                    })
            })
            .collect()
    }

    fn dim(&self, dimension: &Map<String, Value>, id: &str, size: usize) -> Result<Dim> {
        let key = format!("dimension.{id}");
        let d = dimension
            .get(id)
            .and_then(Value::as_object)
            .ok_or_else(|| self.bad(&key, "missing or not an object"))?;
        let ckey = format!("{key}.category");
        let cat = d
            .get("category")
            .and_then(Value::as_object)
            .ok_or_else(|| self.bad(&ckey, "missing or not an object"))?;
        let ikey = format!("{ckey}.index");
        let label = match cat.get("label") {
            None => None,
            Some(Value::Object(m)) => Some(m),
            Some(other) => {
                return Err(self.bad(
                    &format!("{ckey}.label"),
                    format!("expected an object, found {}", type_of(other)),
                ));
            }
        };
        let categories: Vec<String> =
            match cat.get("index") {
                Some(Value::Array(list)) => list
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.string(v, &format!("{ikey}[{i}]")).map(str::to_string))
                    .collect::<Result<_>>()?,
                Some(Value::Object(map)) => {
                    let mut slots: Vec<Option<String>> = vec![None; map.len()];
                    for (cid, pos) in map {
                        let slot = pos
                            .as_u64()
                            .and_then(|p| usize::try_from(p).ok())
                            .and_then(|p| slots.get_mut(p))
                            .ok_or_else(|| {
                                self.bad(
                                    &format!("{ikey}.{cid}"),
                                    format!(
                                        "expected a position from 0 to {}, found {pos}",
                                        map.len().saturating_sub(1)
                                    ),
                                )
                            })?;
                        if slot.is_some() {
                            return Err(self.bad(
                                &format!("{ikey}.{cid}"),
                                format!("position {pos} is given to two categories"),
                            ));
                        }
                        *slot = Some(cid.clone());
                    }
                    slots.into_iter().flatten().collect()
                }
                Some(other) => {
                    return Err(self.bad(
                        &ikey,
                        format!("expected an array or an object, found {}", type_of(other)),
                    ));
                }
                None => match label {
                    Some(m) if m.len() == 1 => m.keys().cloned().collect(),
                    _ => return Err(self.bad(
                        &ikey,
                        "missing (it may be left out only when `label` names a single category)",
                    )),
                },
            };
        let mut seen = BTreeSet::new();
        for c in &categories {
            if !seen.insert(c.as_str()) {
                return Err(self.bad(&ikey, format!("category `{c}` is given twice")));
            }
        }
        if categories.len() != size {
            return Err(self.bad(
                &ikey,
                format!(
                    "has {} categories but `size` gives {size}",
                    categories.len()
                ),
            ));
        }
        let labels = categories
            .iter()
            .map(|c| match label.and_then(|m| m.get(c)) {
                None => Ok(None),
                Some(v) => self
                    .string(v, &format!("{ckey}.label.{c}"))
                    .map(|s| Some(s.to_string())),
            })
            .collect::<Result<Vec<_>>>()?;
        let units = match cat.get("unit") {
            None => categories.iter().map(|_| None).collect(),
            Some(Value::Object(m)) => categories
                .iter()
                .map(|c| match m.get(c) {
                    None => Ok(None),
                    Some(u) => self.unit(u, &format!("{ckey}.unit.{c}")).map(Some),
                })
                .collect::<Result<Vec<_>>>()?,
            Some(other) => {
                return Err(self.bad(
                    &format!("{ckey}.unit"),
                    format!("expected an object, found {}", type_of(other)),
                ));
            }
        };
        Ok(Dim {
            id: id.to_string(),
            categories,
            labels,
            units,
        })
    }

    fn unit(&self, v: &Value, key: &str) -> Result<UnitSpec> {
        let u = v
            .as_object()
            .ok_or_else(|| self.bad(key, format!("expected an object, found {}", type_of(v))))?;
        let unit = match u.get("label") {
            None => Unit::number(),
            Some(label) => self
                .string(label, &format!("{key}.label"))?
                .parse::<Unit>()
                .map_err(|e| self.at(&format!("{key}.label"), e))?,
        };
        let decimals = match u.get("decimals") {
            None | Some(Value::Null) => None,
            Some(d) => Some(
                d.as_u64()
                    .map(|n| n.to_string())
                    .ok_or_else(|| {
                        Error::parse(
                            "decimals",
                            d.to_string(),
                            "expected a whole number of decimals",
                        )
                    })
                    .and_then(|t| parse_decimals(&t))
                    .map_err(|e| self.at(&format!("{key}.decimals"), e))?,
            ),
        };
        Ok(UnitSpec { unit, decimals })
    }

    fn role_list<'v>(
        &self,
        role: Option<&'v Map<String, Value>>,
        which: &str,
    ) -> Result<Option<Vec<&'v str>>> {
        let key = format!("role.{which}");
        match role.and_then(|r| r.get(which)) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(list)) => list
                .iter()
                .enumerate()
                .map(|(i, v)| self.string(v, &format!("{key}[{i}]")))
                .collect::<Result<Vec<_>>>()
                .map(Some),
            Some(other) => {
                Err(self.bad(&key, format!("expected an array, found {}", type_of(other))))
            }
        }
    }

    fn time_dimension(&self, role: Option<&Map<String, Value>>, ids: &[String]) -> Result<usize> {
        match self.role_list(role, "time")? {
            Some(list) => match list.as_slice() {
                [one] => ids.iter().position(|id| id == one).ok_or_else(|| {
                    self.bad("role.time", format!("`{one}` is not a dimension of `id`"))
                }),
                [] => Err(self.bad("role.time", "empty: name the time dimension")),
                _ => Err(self.bad(
                    "role.time",
                    "more than one time dimension: a series has one time axis",
                )),
            },
            None => ids
                .iter()
                .position(|id| TIME_NAMES.iter().any(|t| id.eq_ignore_ascii_case(t)))
                .ok_or_else(|| {
                    self.bad(
                        "role.time",
                        "no time dimension: give role.time, or call the dimension time, TIME_PERIOD or year",
                    )
                }),
        }
    }

    fn metric_dimensions(
        &self,
        role: Option<&Map<String, Value>>,
        ids: &[String],
        dims: &[Dim],
    ) -> Result<Vec<usize>> {
        match self.role_list(role, "metric")? {
            Some(list) => list
                .iter()
                .map(|m| {
                    ids.iter().position(|id| id == m).ok_or_else(|| {
                        self.bad("role.metric", format!("`{m}` is not a dimension of `id`"))
                    })
                })
                .collect(),
            None => Ok(dims
                .iter()
                .enumerate()
                .filter(|(_, d)| d.units.iter().any(Option::is_some))
                .map(|(i, _)| i)
                .collect()),
        }
    }

    /// The non-null values with their index.
    fn values(
        &self,
        obj: &Map<String, Value>,
        total: usize,
        size: &[usize],
    ) -> Result<Vec<(usize, Decimal)>> {
        let dims = size
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(" × ");
        let mut cells = Vec::new();
        match obj.get("value") {
            Some(Value::Array(list)) => {
                if list.len() != total {
                    return Err(self.bad(
                        "value",
                        format!(
                            "has {} but `size` gives {total} ({dims})",
                            count(list.len(), "value")
                        ),
                    ));
                }
                for (i, v) in list.iter().enumerate() {
                    let written = self.written.by_position.get(i).copied().flatten();
                    if let Some(d) = self.cell(v, written, || format!("value[{i}]"))? {
                        cells.push((i, d));
                    }
                }
            }
            Some(Value::Object(map)) => {
                for (k, v) in map {
                    let key = format!("value.{k}");
                    let i = k
                        .parse::<usize>()
                        .ok()
                        .filter(|i| *i < total)
                        .ok_or_else(|| {
                            self.bad(
                                &key,
                                format!(
                                    "expected an index from 0 to {} ({dims})",
                                    total.saturating_sub(1)
                                ),
                            )
                        })?;
                    let written = self.written.by_key.get(k).copied();
                    if let Some(d) = self.cell(v, written, || key.clone())? {
                        cells.push((i, d));
                    }
                }
                cells.sort_by_key(|(i, _)| *i);
            }
            Some(other) => {
                return Err(self.bad(
                    "value",
                    format!("expected an array or an object, found {}", type_of(other)),
                ));
            }
            None => return Err(self.bad("value", "missing")),
        }
        Ok(cells)
    }

    /// A cell's value; `written` is the number's text in the document, when known, so that
    /// its digits are read as written. `key` names the cell in errors (built only then).
    fn cell(
        &self,
        v: &Value,
        written: Option<&str>,
        key: impl Fn() -> String,
    ) -> Result<Option<Decimal>> {
        match v {
            Value::Null => Ok(None),
            Value::Number(n) => {
                let exact = match written {
                    Some(text) => decimal_of_text(text),
                    None => decimal_of_number(n),
                };
                let shown = written.map_or_else(|| n.to_string(), str::to_string);
                exact.map(Some).ok_or_else(|| {
                    self.bad(
                        &key(),
                        format!("the number {shown} does not fit in a Decimal (at most 28 significant digits, about 7.9e28)"),
                    )
                })
            }
            Value::String(s) if is_missing(s) => Ok(None),
            Value::String(s) => parse_value(s, false)
                .map(Some)
                .map_err(|e| self.at(&key(), e)),
            other => Err(self.bad(
                &key(),
                format!("expected a number or null, found {}", type_of(other)),
            )),
        }
    }

    fn statuses<'v>(&self, obj: &'v Map<String, Value>, total: usize) -> Result<Statuses<'v>> {
        let check = |v: &Value, key: &str| -> Result<()> {
            match v {
                Value::Null | Value::String(_) => Ok(()),
                other => Err(self.bad(
                    key,
                    format!("expected a string or null, found {}", type_of(other)),
                )),
            }
        };
        match obj.get("status") {
            None | Some(Value::Null) => Ok(Statuses::None),
            Some(Value::String(s)) => Ok(Statuses::All(s)),
            Some(Value::Array(list)) => {
                if list.len() != total && list.len() != 1 {
                    return Err(self.bad(
                        "status",
                        format!("has {} entries but there are {total} values", list.len()),
                    ));
                }
                for (i, v) in list.iter().enumerate() {
                    check(v, &format!("status[{i}]"))?;
                }
                Ok(Statuses::List(list))
            }
            Some(Value::Object(map)) => {
                for (k, v) in map {
                    let key = format!("status.{k}");
                    if !k.parse::<usize>().is_ok_and(|i| i < total) {
                        return Err(self.bad(
                            &key,
                            format!("expected an index from 0 to {}", total.saturating_sub(1)),
                        ));
                    }
                    check(v, &key)?;
                }
                Ok(Statuses::Sparse(map))
            }
            Some(other) => Err(self.bad(
                "status",
                format!(
                    "expected a string, an array or an object, found {}",
                    type_of(other)
                ),
            )),
        }
    }

    /// The source made from the top-level `source`, `label` and `updated`.
    fn top_source(
        &self,
        obj: &Map<String, Value>,
        periods: &[Period],
        combos: &BTreeMap<usize, Vec<Cell>>,
    ) -> Result<Option<Source>> {
        let Some(v) = obj.get("source") else {
            return Ok(None);
        };
        let publisher = self.string(v, "source")?;
        let title = match obj.get("label") {
            Some(l) => self.string(l, "label")?,
            None => publisher,
        };
        let released = match obj.get("updated") {
            Some(u) => {
                parse_release(self.string(u, "updated")?).map_err(|e| self.at("updated", e))?
            }
            None => {
                let with_value = combos
                    .values()
                    .flatten()
                    .filter_map(|(_, t, _)| periods.get(*t))
                    .map(|p| p.calendar_year())
                    .max();
                let year = with_value
                    .or_else(|| periods.iter().map(|p| p.calendar_year()).max())
                    .ok_or_else(|| {
                        self.bad(
                            "updated",
                            "missing, and there is no period to date the source by",
                        )
                    })?;
                ReleaseDate::Year(year)
            }
        };
        Ok(Some(Source::new(SOURCE_ID, publisher, title, released)))
    }

    /// The category coordinates of a series id, for a series listed without values.
    fn resolve(&self, id: &str, non_time: &[&Dim]) -> Option<Vec<usize>> {
        match non_time {
            [] => (id == "series").then(Vec::new),
            [one] => one.categories.iter().position(|c| c == id).map(|i| vec![i]),
            _ => {
                let parts: Vec<&str> = id.split('.').collect();
                if parts.len() != non_time.len() {
                    return None;
                }
                non_time
                    .iter()
                    .zip(parts)
                    .map(|(d, p)| d.categories.iter().position(|c| c == p))
                    .collect()
            }
        }
    }

    fn extension(&self, obj: &Map<String, Value>) -> Result<Ext> {
        let mut ext = Ext::default();
        let Some(indstat) = obj.get("extension").and_then(|e| e.get("indstat")) else {
            return Ok(ext);
        };
        let base = "extension.indstat";
        let indstat = indstat
            .as_object()
            .ok_or_else(|| self.bad(base, "expected an object"))?;
        if let Some(v) = indstat.get("sources") {
            let list = v
                .as_array()
                .ok_or_else(|| self.bad(&format!("{base}.sources"), "expected an array"))?;
            let sources = list
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    Source::deserialize(s)
                        .map_err(|e| self.bad(&format!("{base}.sources[{i}]"), e.to_string()))
                })
                .collect::<Result<Vec<_>>>()?;
            ext.sources = Some(sources);
        }
        if let Some(v) = indstat.get("series") {
            let list = v
                .as_array()
                .ok_or_else(|| self.bad(&format!("{base}.series"), "expected an array"))?;
            let series = list
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    ExtSeries::deserialize(s)
                        .map_err(|e| self.bad(&format!("{base}.series[{i}]"), e.to_string()))
                })
                .collect::<Result<Vec<_>>>()?;
            ext.series = Some(series);
        }
        if let Some(v) = indstat.get("observations") {
            let key = format!("{base}.observations");
            let by_series = v
                .as_object()
                .ok_or_else(|| self.bad(&key, "expected an object"))?;
            for (id, periods) in by_series {
                let key = format!("{key}.{id}");
                let periods = periods
                    .as_object()
                    .ok_or_else(|| self.bad(&key, "expected an object of periods"))?;
                let mut details = HashMap::new();
                for (period, o) in periods {
                    let key = format!("{key}.{period}");
                    let p = parse_period(period).map_err(|e| self.at(&key, e))?;
                    details.insert(p, self.ext_observation(o, &key)?);
                }
                ext.observations.insert(id.clone(), details);
            }
        }
        Ok(ext)
    }

    fn ext_observation(&self, v: &Value, key: &str) -> Result<ExtObservation> {
        let o = v
            .as_object()
            .ok_or_else(|| self.bad(key, "expected an object"))?;
        let text = |field: &str| -> Result<Option<String>> {
            match o.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => self
                    .string(v, &format!("{key}.{field}"))
                    .map(|s| Some(s.to_string())),
            }
        };
        let mut ext = ExtObservation {
            source: text("source")?,
            locator: text("locator")?,
            note: text("note")?,
            ..ExtObservation::default()
        };
        if let Some(q) = text("qualifier")? {
            ext.qualifier = Some(
                q.parse()
                    .map_err(|e| self.at(&format!("{key}.qualifier"), e))?,
            );
        }
        if let Some(r) = text("rounding")? {
            ext.rounding = Some(
                r.parse()
                    .map_err(|e| self.at(&format!("{key}.rounding"), e))?,
            );
        }
        match o.get("precision") {
            None => {}
            Some(Value::Null) => ext.precision = Some(None),
            Some(p) => {
                let pkey = format!("{key}.precision");
                let exponent = |field: &str| -> Result<i32> {
                    p.get(field)
                        .and_then(Value::as_i64)
                        .and_then(|n| i32::try_from(n).ok())
                        .filter(|n| n.abs() <= 28)
                        .ok_or_else(|| {
                            self.bad(&pkey, format!("expected {{\"written\": n, \"significant\": n}} with whole numbers from -28 to 28 (`{field}`)"))
                        })
                };
                ext.precision = Some(Some(Precision {
                    written: exponent("written")?,
                    significant: exponent("significant")?,
                }));
            }
        }
        Ok(ext)
    }

    fn series(&self, input: SeriesInput<'_>) -> Result<Series> {
        let SeriesInput {
            id,
            coords,
            ext_series,
            cells,
            non_time,
            metric,
            dims,
            time,
            periods,
            statuses,
            ext,
            data,
            default_source,
            time_key,
            label,
        } = input;
        let in_series = |key: &str, e: Error| self.at(key, e.context(format!("series `{id}`")));
        if id.is_empty() || id.contains(char::is_whitespace) {
            return Err(self.bad(
                "dimension",
                format!(
                    "the series id `{id}` (category ids joined with dots) is empty or has a space"
                ),
            ));
        }
        // The unit: the first metric dimension whose category has one.
        let coord_of = |dim: usize| -> Option<usize> {
            let pos = if dim > time { dim - 1 } else { dim };
            (dim != time).then(|| coords.get(pos).copied()).flatten()
        };
        let spec = metric.iter().find_map(|m| {
            let c = coord_of(*m)?;
            dims.get(*m)?.units.get(c)?.as_ref()
        });
        let unit = spec.map_or_else(Unit::number, |s| s.unit.clone());
        let decimals = spec.and_then(|s| s.decimals);
        let name = if non_time.is_empty() {
            label.unwrap_or(id).to_string()
        } else {
            non_time
                .iter()
                .zip(coords)
                .map(|(d, c)| {
                    d.labels
                        .get(*c)
                        .cloned()
                        .flatten()
                        .or_else(|| d.categories.get(*c).cloned())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let frequency = match ext_series.and_then(|e| e.frequency) {
            Some(f) => f,
            None => {
                let first = cells.first().and_then(|(_, t, _)| periods.get(*t)).copied();
                let uniform = periods
                    .first()
                    .map(|p| p.frequency())
                    .filter(|f| periods.iter().all(|p| p.frequency() == *f));
                first.map(Period::frequency).or(uniform).ok_or_else(|| {
                    in_series(
                        time_key,
                        Error::invalid("cannot tell its frequency: it has no value"),
                    )
                })?
            }
        };
        let kind = ext_series
            .and_then(|e| e.kind)
            .unwrap_or_else(|| default_kind(&unit));
        let source = match ext_series {
            Some(es) => es.source.clone(),
            None => default_source.map(str::to_string),
        };
        if let Some(s) = &source {
            if data.source(s).is_none() {
                return Err(in_series(
                    "extension.indstat.series",
                    Error::not_found("source", s),
                ));
            }
        }
        let mut meta = SeriesMeta::new(id, unit, frequency, kind).with_name(name);
        meta.source = source;
        meta.note = ext_series.and_then(|e| e.note.clone());
        let mut series = Series::new(meta);
        // Widen the span once: a time dimension listed in descending order would otherwise
        // move the stored values once per cell.
        let valued = || {
            cells
                .iter()
                .filter_map(|(_, t, _)| periods.get(*t).copied())
                .filter(|p| p.frequency() == frequency)
        };
        if let (Some(first), Some(last)) = (valued().min(), valued().max()) {
            series
                .cover(first, last)
                .map_err(|e| in_series(time_key, e))?;
        }
        let details = ext.observations.get(id);
        for (index, t, value) in cells {
            let Some(period) = periods.get(*t).copied() else {
                continue;
            };
            period
                .expect_frequency(frequency)
                .map_err(|e| in_series(time_key, e))?;
            let mut o = Observation::new(*value);
            o.precision = Some(read_precision(*value, decimals));
            o.status = nonempty(statuses.get(*index));
            if let Some(d) = details.and_then(|d| d.get(&period)) {
                let key = format!(
                    "extension.indstat.observations.{id}.{}",
                    format_period(period)
                );
                if let Some(s) = &d.source {
                    if data.source(s).is_none() {
                        return Err(self.at(&key, Error::not_found("source", s)));
                    }
                    o.source = Some(s.clone());
                }
                if let Some(q) = d.qualifier {
                    o.qualifier = q;
                }
                if let Some(r) = d.rounding {
                    o.rounding = r;
                }
                if let Some(p) = d.precision {
                    o.precision = p;
                }
                if d.locator.is_some() {
                    o.locator.clone_from(&d.locator);
                }
                if d.note.is_some() {
                    o.note.clone_from(&d.note);
                }
            }
            series
                .insert_observation(period, o)
                .map_err(|e| self.at(time_key, e))?;
        }
        if let Some(d) = details {
            if let Some(p) = d.keys().find(|p| series.get(**p).is_none()) {
                return Err(self.bad(
                    &format!("extension.indstat.observations.{id}.{}", format_period(*p)),
                    "details for a period that has no value",
                ));
            }
        }
        Ok(series)
    }
}

/// A value of the cube: its index in `value`, the position of its period in the time
/// dimension, and the value.
type Cell = (usize, usize, Decimal);

/// A series to build: its id, its categories' positions, what the extension says of it, and
/// its values.
struct Planned<'a> {
    id: String,
    coords: Vec<usize>,
    ext: Option<&'a ExtSeries>,
    cells: &'a [Cell],
}

/// `extension.indstat`, read.
#[derive(Default)]
struct Ext {
    sources: Option<Vec<Source>>,
    series: Option<Vec<ExtSeries>>,
    observations: HashMap<String, HashMap<Period, ExtObservation>>,
}

/// Everything needed to build one series.
struct SeriesInput<'a> {
    id: &'a str,
    coords: &'a [usize],
    ext_series: Option<&'a ExtSeries>,
    cells: &'a [Cell],
    non_time: &'a [&'a Dim],
    metric: &'a [usize],
    dims: &'a [Dim],
    time: usize,
    periods: &'a [Period],
    statuses: &'a Statuses<'a>,
    ext: &'a Ext,
    data: &'a Dataset,
    default_source: Option<&'a str>,
    time_key: &'a str,
    label: Option<&'a str>,
}

/// Writes a dataset as a JSON-stat 2.0 dataset.
///
/// The cube has two dimensions: `series` (the metric: one category per series, labelled with
/// its name, with its unit as `{"label": "10 thousand vehicles", "decimals": 1}`) and `time`
/// (every period of any series, in SDMX's forms). Values are numbers (a value a JSON number
/// cannot hold exactly is written as a string of its digits), gaps `null`; statuses kept in
/// notes (`status: P`) are the `status` object. With one source, `source`, `label` and
/// `updated` are its publisher, title and release date.
///
/// `extension.indstat` keeps the rest, so that [`read()`] gives the same dataset back: every
/// source in full; each series' frequency, kind, source and note; and each observation's own
/// source, qualifier, rounding, locator, note and precision where they differ from what the
/// cube implies. Only series lineage is not kept.
///
/// # Errors
/// A series id that is empty or has a space, and a series or observation citing a source
/// that is not in the dataset (the document could not be read back).
///
/// # Example
/// ```
/// use indstat::io::jsonstat;
/// use indstat::{Dataset, Period};
///
/// let data = Dataset::bundled()?;
/// let json = jsonstat::write(&data)?;
/// let again = jsonstat::read(&json, "bundled.json")?;
/// assert_eq!(again.len(), data.len());
/// let gdp = Period::year(2022);
/// assert_eq!(again.get("gdp")?.observation(gdp), data.get("gdp")?.observation(gdp));
/// assert_eq!(again.source_of("gdp", gdp), data.source_of("gdp", gdp));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn write(data: &Dataset) -> Result<String> {
    let periods: Vec<Period> = data
        .iter()
        .flat_map(|s| s.observations().map(|(p, _)| p))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let position: HashMap<Period, usize> =
        periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let n = data.len();
    let m = periods.len();
    let total = n
        .checked_mul(m)
        .ok_or_else(|| Error::invalid("the dataset is too large for one JSON-stat cube"))?;
    let mut values = vec![Value::Null; total];
    let mut statuses = Map::new();
    let mut index = Vec::with_capacity(n);
    let mut labels = Map::new();
    let mut units = Map::new();
    let mut ext_series = Vec::with_capacity(n);
    let mut ext_observations = Map::new();
    let cited = |series: &str, source: Option<&str>| -> Result<()> {
        match source {
            Some(src) if data.source(src).is_none() => {
                Err(Error::not_found("source", src).context(format!("series `{series}`")))
            }
            _ => Ok(()),
        }
    };
    for (i, s) in data.iter().enumerate() {
        let id = s.id().to_string();
        if id.is_empty() || id.contains(char::is_whitespace) {
            return Err(
                Error::invalid("a series id must be non-empty, without spaces")
                    .context(format!("series `{id}`")),
            );
        }
        cited(&id, s.meta().source.as_deref())?;
        index.push(Value::String(id.clone()));
        labels.insert(id.clone(), Value::String(s.meta().name.clone()));
        let decimals = common_decimals(s);
        let mut unit = Map::new();
        unit.insert("label".into(), Value::String(s.unit().to_string()));
        if let Some(d) = decimals {
            unit.insert("decimals".into(), Value::from(d));
        }
        units.insert(id.clone(), Value::Object(unit));
        let mut details_of = Map::new();
        for (period, _) in s.observations() {
            let Some(o) = s.observation(period) else {
                continue;
            };
            cited(&id, o.source.as_deref())?;
            let at = position
                .get(&period)
                .map(|t| i * m + t)
                .ok_or_else(|| Error::invalid("a period is missing from the time dimension"))?;
            let value = json_value(o.value);
            // What the reader will make of the value, to write only what it cannot tell.
            let read_back = match &value {
                Value::Number(num) => decimal_of_number(num),
                _ => Some(o.value),
            }
            .unwrap_or(o.value);
            if let Some(slot) = values.get_mut(at) {
                *slot = value;
            }
            let (status, comment) = status_and_comment(&o);
            if let Some(st) = status {
                statuses.insert(at.to_string(), Value::String(st.to_string()));
            }
            let mut details = Map::new();
            if o.precision != Some(read_precision(read_back, decimals)) {
                details.insert(
                    "precision".into(),
                    match o.precision {
                        None => Value::Null,
                        Some(p) => serde_json::json!({ "written": p.written, "significant": p.significant }),
                    },
                );
            }
            if o.source != s.meta().source {
                if let Some(src) = &o.source {
                    details.insert("source".into(), Value::String(src.clone()));
                }
            }
            if o.qualifier != Qualifier::Plain {
                details.insert(
                    "qualifier".into(),
                    Value::String(o.qualifier.as_str().into()),
                );
            }
            if o.rounding != Rounding::HalfAwayFromZero {
                details.insert("rounding".into(), Value::String(o.rounding.as_str().into()));
            }
            if let Some(l) = &o.locator {
                details.insert("locator".into(), Value::String(l.clone()));
            }
            if let Some(note) = comment {
                details.insert("note".into(), Value::String(note.to_string()));
            }
            if !details.is_empty() {
                details_of.insert(format_period(period), Value::Object(details));
            }
        }
        if !details_of.is_empty() {
            ext_observations.insert(id.clone(), Value::Object(details_of));
        }
        let mut es = Map::new();
        es.insert("id".into(), Value::String(id));
        es.insert(
            "frequency".into(),
            Value::String(s.frequency().as_str().into()),
        );
        es.insert("kind".into(), Value::String(s.meta().kind.as_str().into()));
        if let Some(src) = &s.meta().source {
            es.insert("source".into(), Value::String(src.clone()));
        }
        if let Some(note) = &s.meta().note {
            es.insert("note".into(), Value::String(note.clone()));
        }
        ext_series.push(Value::Object(es));
    }
    let sources = data
        .sources()
        .map(serde_json::to_value)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| Error::invalid(format!("cannot write a source: {e}")))?;

    let mut root = Map::new();
    root.insert("version".into(), Value::String("2.0".into()));
    root.insert("class".into(), Value::String("dataset".into()));
    let all: Vec<&Source> = data.sources().collect();
    if let [one] = all.as_slice() {
        root.insert("label".into(), Value::String(one.title.clone()));
        root.insert("source".into(), Value::String(one.publisher.clone()));
        root.insert("updated".into(), Value::String(one.released.to_string()));
    } else if !all.is_empty() {
        let mut publishers: Vec<&str> = Vec::new();
        for s in &all {
            if !publishers.contains(&s.publisher.as_str()) {
                publishers.push(&s.publisher);
            }
        }
        root.insert("source".into(), Value::String(publishers.join("; ")));
    }
    root.insert("id".into(), serde_json::json!(["series", "time"]));
    root.insert("size".into(), serde_json::json!([n, m]));
    root.insert(
        "role".into(),
        serde_json::json!({ "time": ["time"], "metric": ["series"] }),
    );
    let time_index: Vec<Value> = periods
        .iter()
        .map(|p| Value::String(format_period(*p)))
        .collect();
    root.insert(
        "dimension".into(),
        serde_json::json!({
            "series": { "label": "series", "category": { "index": index, "label": labels, "unit": units } },
            "time": { "label": "time", "category": { "index": time_index } },
        }),
    );
    root.insert("value".into(), Value::Array(values));
    if !statuses.is_empty() {
        root.insert("status".into(), Value::Object(statuses));
    }
    root.insert(
        "extension".into(),
        serde_json::json!({ "indstat": {
            "sources": sources,
            "series": ext_series,
            "observations": ext_observations,
        } }),
    );
    serde_json::to_string_pretty(&Value::Object(root))
        .map_err(|e| Error::invalid(format!("cannot write JSON: {e}")))
}

/// The decimals most of a series' values are reported with, if any are reported with
/// decimals (a precision of tens or more has none).
fn common_decimals(s: &Series) -> Option<u32> {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for (period, _) in s.observations() {
        let written = s
            .observation(period)
            .and_then(|o| o.precision)
            .map(|p| p.written);
        if let Some(w) = written.filter(|w| *w <= 0) {
            *counts.entry(w.unsigned_abs()).or_default() += 1;
        }
    }
    let most = counts.values().copied().max()?;
    counts.into_iter().find(|(_, c)| *c == most).map(|(d, _)| d)
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
