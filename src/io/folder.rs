//! The folder format of DESIGN.md: a dataset folder holds `sources.toml` (`[[source]]`: `id`,
//! `publisher`, `title`, `released`, optional `url`, `locator`, `note`), `series.toml`
//! (`[[series]]`: `id`, `unit`, `frequency`, `kind`, optional `name`, `source`, `note`,
//! `aliases` — a list of other names) and `observations.csv` (header `series,period,value`
//! then any of `qualifier,unit,source,locator,note,rounding,status`; rows in any order).
//!
//! Loading is all or nothing: a bad file is an error naming the file, the line and the
//! problem, and no half-loaded dataset is returned. This module adds [`Dataset::load`],
//! [`Dataset::load_all`] and [`Dataset::from_texts`].

use std::path::Path;

use serde::Deserialize;

use crate::dataset::Dataset;
pub use crate::dataset::FolderText;
use crate::error::{Error, ErrorKind, Result};
use crate::figure::{Figure, Qualifier, Rounding};
use crate::period::{Frequency, Period};
use crate::series::{Kind, Observation, Series, SeriesMeta};
use crate::source::{ReleaseDate, Source};
use crate::text::{LineIndex, csv_error, parse_value, toml_error};
use crate::unit::Unit;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    source: Vec<toml::Spanned<SourceEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    id: String,
    publisher: String,
    title: String,
    released: ReleaseDate,
    url: Option<String>,
    locator: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesFile {
    #[serde(default)]
    series: Vec<toml::Spanned<SeriesEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesEntry {
    id: String,
    name: Option<String>,
    unit: Unit,
    frequency: Frequency,
    kind: Kind,
    source: Option<String>,
    note: Option<String>,
    /// Other names of the series (English or Chinese), for the extractor.
    #[serde(default)]
    aliases: Vec<String>,
}

/// The columns of `observations.csv`: the first three required, the rest optional. Their
/// positions here are the indexes `parse_row` reads cells by.
const COLUMNS: [&str; 10] = [
    "series",
    "period",
    "value",
    "qualifier",
    "unit",
    "source",
    "locator",
    "note",
    "rounding",
    "status",
];
const REQUIRED: usize = 3;
const SERIES: usize = 0;
const PERIOD: usize = 1;
const VALUE: usize = 2;
const QUALIFIER: usize = 3;
const UNIT: usize = 4;
const SOURCE: usize = 5;
const LOCATOR: usize = 6;
const NOTE: usize = 7;
const ROUNDING: usize = 8;
const STATUS: usize = 9;

/// A cell without surrounding white space; most cells have none, and are seen to by their
/// first and last bytes.
fn trim_cell(cell: &str) -> &str {
    let bytes = cell.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

/// One error for the bad entries (`what`: rows, sources, series) of a file: the error itself
/// when there is one (keeping its location), else a list of every one, each with its line.
fn every_problem(file: &Path, what: &str, problems: Vec<Error>) -> Option<Error> {
    if problems.len() <= 1 {
        return problems.into_iter().next();
    }
    let listed: Vec<String> = problems.iter().map(Error::to_string).collect();
    Some(Error::invalid(format!(
        "{} {what} of {} are invalid:\n{}",
        problems.len(),
        file.display(),
        listed.join("\n")
    )))
}

impl Dataset {
    /// Loads one dataset folder.
    ///
    /// # Errors
    /// Any problem in any file, naming the file, the line and the problem; nothing is
    /// half-loaded.
    ///
    /// # Example
    /// ```
    /// let data = indstat::Dataset::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data/reference"))?;
    /// assert!(data.require("nev_production").is_ok());
    /// assert!(indstat::Dataset::load("no/such/folder").is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn load(dir: impl AsRef<Path>) -> Result<Dataset> {
        Dataset::load_all(&[dir])
    }

    /// Loads several dataset folders into one dataset. Series and sources ids must be unique
    /// across the folders; a series may cite a source of any of them.
    ///
    /// # Errors
    /// As [`load`](Dataset::load); a series or source id defined in two folders.
    ///
    /// # Example
    /// ```
    /// let root = env!("CARGO_MANIFEST_DIR");
    /// let data = indstat::Dataset::load_all(&[
    ///     format!("{root}/data/reference"),
    ///     format!("{root}/data/briefings/2023-03-01-scio-miit"),
    /// ])?;
    /// assert!(data.require("gdp").is_ok() && data.require("b05_industry_share_of_gdp").is_ok());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn load_all<P: AsRef<Path>>(dirs: &[P]) -> Result<Dataset> {
        let texts = dirs
            .iter()
            .map(FolderText::read)
            .collect::<Result<Vec<_>>>()?;
        Dataset::from_texts(&texts)
    }

    /// Builds a dataset from the text of its folders (sources of every folder first, then
    /// series, then observations, so that any folder may cite any other's sources).
    ///
    /// # Errors
    /// As [`load`](Dataset::load).
    ///
    /// # Example
    /// ```
    /// use indstat::{Dataset, dataset::FolderText};
    /// let bad = FolderText {
    ///     name: "inline".into(),
    ///     sources: String::new(),
    ///     series: "[[series]]\nid = \"gdp\"\nunit = \"亿元\"\nfrequency = \"weekly\"\nkind = \"flow\"\n".into(),
    ///     observations: "series,period,value\n".into(),
    /// };
    /// let err = Dataset::from_texts(&[bad]).unwrap_err();
    /// assert!(err.to_string().starts_with("inline/series.toml line 4: invalid frequency `weekly`"), "{err}");
    /// ```
    pub fn from_texts(folders: &[FolderText]) -> Result<Dataset> {
        let mut data = Dataset::new();
        for f in folders {
            data.add_sources(&f.name.join("sources.toml"), &f.sources)?;
        }
        for f in folders {
            data.add_series_file(&f.name.join("series.toml"), &f.series)?;
        }
        for f in folders {
            data.add_observations(&f.name.join("observations.csv"), &f.observations)?;
        }
        Ok(data)
    }

    fn add_sources(&mut self, file: &Path, text: &str) -> Result<()> {
        let lines = LineIndex::new(text);
        if text.trim().is_empty() {
            return Ok(());
        }
        let parsed: SourcesFile = toml::from_str(text).map_err(|e| toml_error(file, &lines, e))?;
        let mut problems = Vec::new();
        for entry in parsed.source {
            let line = lines.line(entry.span().start);
            let e = entry.into_inner();
            let place = |err: Error| {
                err.context(format!("source `{}`", e.id))
                    .at(file, line as u64)
            };
            if e.id.trim().is_empty() {
                problems.push(place(Error::invalid("a source needs a non-empty id")));
                continue;
            }
            let source = Source {
                id: e.id.clone(),
                publisher: e.publisher.clone(),
                title: e.title.clone(),
                released: e.released,
                url: e.url.clone(),
                locator: e.locator.clone(),
                note: e.note.clone(),
            };
            let added = self
                .check_new("source", &e.id, file, line)
                .and_then(|()| self.insert_source(source).map_err(place));
            problems.extend(added.err());
        }
        every_problem(file, "sources", problems).map_or(Ok(()), Err)
    }

    fn add_series_file(&mut self, file: &Path, text: &str) -> Result<()> {
        let lines = LineIndex::new(text);
        let parsed: SeriesFile = toml::from_str(text).map_err(|e| toml_error(file, &lines, e))?;
        let mut problems = Vec::new();
        for entry in parsed.series {
            let line = lines.line(entry.span().start);
            let e = entry.into_inner();
            let place = |err: Error| {
                err.context(format!("series `{}`", e.id))
                    .at(file, line as u64)
            };
            if e.id.trim().is_empty() || e.id.contains(char::is_whitespace) {
                problems.push(place(Error::invalid(
                    "a series id must be non-empty, without spaces",
                )));
                continue;
            }
            if let Some(s) = &e.source {
                if self.source(s).is_none() {
                    problems.push(place(Error::not_found("source", s)));
                    continue;
                }
            }
            let mut meta = SeriesMeta::new(e.id.clone(), e.unit.clone(), e.frequency, e.kind);
            meta.name = e.name.clone().unwrap_or_else(|| e.id.clone());
            meta.source = e.source.clone();
            meta.note = e.note.clone();
            meta.aliases = e
                .aliases
                .iter()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect();
            let added = self
                .check_new("series", &e.id, file, line)
                .and_then(|()| self.insert_series(Series::new(meta)).map_err(place));
            problems.extend(added.err());
        }
        every_problem(file, "series", problems).map_or(Ok(()), Err)
    }

    fn add_observations(&mut self, file: &Path, text: &str) -> Result<()> {
        // Lines are counted only for an error: a clean load never needs them.
        let lines = std::cell::OnceCell::new();
        let line_at = |byte: u64| {
            lines
                .get_or_init(|| LineIndex::new(text))
                .record_line(text, byte)
        };
        // Cells are trimmed one by one below: the csv crate's own trimming copies every record.
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| Error::invalid(e.to_string()).at(file, 1))?
            .clone();
        // Each column's position in the file, by its index in COLUMNS.
        let mut position: [Option<usize>; COLUMNS.len()] = [None; COLUMNS.len()];
        for (i, h) in headers.iter().enumerate() {
            let h = h.trim().to_ascii_lowercase();
            if h.is_empty() {
                return Err(Error::invalid(format!(
                    "column {} of the header has no name (a trailing comma?)",
                    i + 1
                ))
                .at(file, 1));
            }
            let Some(column) = COLUMNS.iter().position(|c| *c == h) else {
                return Err(Error::invalid(format!(
                    "unknown column `{h}` (columns are {} and optionally {})",
                    COLUMNS[..REQUIRED].join(", "),
                    COLUMNS[REQUIRED..].join(", ")
                ))
                .at(file, 1));
            };
            if position[column].replace(i).is_some() {
                return Err(Error::invalid(format!("column `{h}` is given twice")).at(file, 1));
            }
        }
        for (name, at) in COLUMNS.iter().zip(&position).take(REQUIRED) {
            if at.is_none() {
                return Err(Error::invalid(format!(
                    "missing required column `{name}` (the header must name series, period and value)"
                ))
                .at(file, 1));
            }
        }
        // Rows at or after a series' first period go straight in (appending is amortised); rows
        // before it wait in `early`, and go in sorted once the file is read, so that the
        // stored values move once per series, not once per early row.
        let mut early: Vec<Vec<(Period, u64, Observation)>> = Vec::new();
        let mut problems: Vec<Error> = Vec::new();
        let mut record = csv::StringRecord::new();
        let mut last: Option<(String, usize)> = None;
        loop {
            let more = reader.read_record(&mut record).map_err(|e| {
                let lines = lines.get_or_init(|| LineIndex::new(text));
                csv_error(file, text, lines, "comma", e)
            })?;
            if !more {
                break;
            }
            let byte = record.position().map_or(0, csv::Position::byte);
            let cell = |column: usize| -> &str {
                position[column]
                    .and_then(|i| record.get(i))
                    .map_or("", trim_cell)
            };
            let id = cell(SERIES);
            // Rows mostly come series by series: the last series found is tried first.
            let index = match &last {
                Some((last_id, index)) if last_id == id => Some(*index),
                _ => {
                    let index = self.series_position(id);
                    if let Some(index) = index {
                        last = Some((id.to_string(), index));
                    }
                    index
                }
            };
            // A bad row is noted and the file read on, so that one run names every bad row.
            let (period, observation) = match self.parse_row(id, index, &cell) {
                Ok(row) => row,
                Err(e) => {
                    problems.push(e.at(file, line_at(byte)));
                    continue;
                }
            };
            let Some((index, series)) = index.and_then(|i| Some((i, self.series_at_mut(i)?)))
            else {
                problems.push(Error::not_found("series", id).at(file, line_at(byte)));
                continue;
            };
            if series.start().is_some_and(|start| period < start) {
                if early.len() <= index {
                    early.resize_with(index + 1, Vec::new);
                }
                if let Some(rows) = early.get_mut(index) {
                    rows.push((period, byte, observation));
                }
                continue;
            }
            if let Err(e) = series.insert_observation(period, observation) {
                problems.push(self.repeat_or(e, file, text, id, period, line_at(byte)));
            }
        }
        if let Some(e) = every_problem(file, "rows", problems) {
            return Err(e);
        }
        for (index, mut rows) in early.into_iter().enumerate() {
            // Stable: of two rows for one period, the earlier one stays first.
            rows.sort_by_key(|(period, _, _)| *period);
            let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
                continue;
            };
            let (first, last, first_byte) = (first.0, last.0, first.1);
            let Some(series) = self.series_at_mut(index) else {
                continue;
            };
            series
                .cover(first, last)
                .map_err(|e| e.at(file, line_at(first_byte)))?;
            let mut previous: Option<(Period, u64)> = None;
            for (period, byte, observation) in rows {
                if let Some((p, first)) = previous.filter(|(p, _)| *p == period) {
                    return Err(Error::invalid(format!(
                        "series `{}` has a second value for {p} (the first is on line {})",
                        series.id(),
                        line_at(first)
                    ))
                    .at(file, line_at(byte)));
                }
                previous = Some((period, byte));
                series
                    .insert_observation(period, observation)
                    .map_err(|e| e.at(file, line_at(byte)))?;
            }
        }
        Ok(())
    }

    /// The error for a row that could not be inserted: for a second value of a period, which
    /// line had the first (found by reading the file again: errors are rare, and keeping a
    /// line per value would cost memory on every load).
    fn repeat_or(
        &self,
        error: Error,
        file: &Path,
        text: &str,
        id: &str,
        period: Period,
        line: u64,
    ) -> Error {
        if !matches!(error.kind(), ErrorKind::DuplicatePeriod { .. }) {
            return error.at(file, line);
        }
        let lines = LineIndex::new(text);
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = reader.headers().ok().cloned().unwrap_or_default();
        let column = |name: &str| {
            headers
                .iter()
                .position(|c| c.trim().eq_ignore_ascii_case(name))
        };
        let (Some(series_at), Some(period_at)) = (column("series"), column("period")) else {
            return error.at(file, line);
        };
        let first = reader.records().flatten().find_map(|r| {
            let same = r.get(series_at).map(str::trim) == Some(id)
                && r.get(period_at)
                    .and_then(|p| p.trim().parse::<Period>().ok())
                    == Some(period);
            let at = r.position().map(|p| lines.record_line(text, p.byte()))?;
            (same && at < line).then_some(at)
        });
        match first {
            Some(first) => Error::invalid(format!(
                "series `{id}` has a second value for {period} (the first is on line {first})"
            ))
            .at(file, line),
            None => error.at(file, line),
        }
    }

    /// Parses one observation row (everything but inserting it).
    fn parse_row<'a>(
        &self,
        id: &str,
        index: Option<usize>,
        cell: &dyn Fn(usize) -> &'a str,
    ) -> Result<(Period, Observation)> {
        if id.is_empty() {
            return Err(Error::invalid("the series cell is empty"));
        }
        let series = index
            .and_then(|index| self.series_at(index))
            .ok_or_else(|| Error::not_found("series", id))?;
        let in_series = |e: Error| e.context(format!("series `{id}`"));
        let period: Period = cell(PERIOD).parse().map_err(in_series)?;
        period
            .expect_frequency(series.frequency())
            .map_err(in_series)?;
        let value = parse_value(cell(VALUE)).map_err(in_series)?;
        let qualifier: Qualifier = cell(QUALIFIER).parse().map_err(in_series)?;
        let unit_text = cell(UNIT);
        let mut observation = if unit_text.is_empty() {
            Observation::new(value).with_qualifier(qualifier)
        } else {
            let unit: Unit = unit_text.parse().map_err(in_series)?;
            Observation::from_figure(&Figure::new(value, qualifier, Some(&unit)), series.unit())
                .map_err(in_series)?
        };
        let rounding = cell(ROUNDING);
        if !rounding.is_empty() {
            observation.rounding = rounding.parse::<Rounding>().map_err(in_series)?;
        }
        let source = cell(SOURCE);
        if !source.is_empty() {
            if self.source(source).is_none() {
                return Err(in_series(Error::not_found("source", source)));
            }
            observation.source = Some(source.to_string());
        }
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        observation.locator = text(cell(LOCATOR));
        observation.note = text(cell(NOTE));
        observation.status = text(cell(STATUS));
        Ok((period, observation))
    }

    /// Errors if `id` is already defined, naming where; records where it is defined now.
    fn check_new(&mut self, what: &'static str, id: &str, file: &Path, line: usize) -> Result<()> {
        let here = format!("{} line {line}", file.display());
        if let Some(first) = self.record_origin(what, id, here) {
            return Err(
                Error::invalid(format!("{what} `{id}` is already defined in {first}"))
                    .at(file, line as u64),
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annual(observations: &str) -> Result<Dataset> {
        Dataset::from_texts(&[FolderText {
            name: "d".into(),
            sources: String::new(),
            series:
                "[[series]]\nid = \"x\"\nunit = \"亿元\"\nfrequency = \"annual\"\nkind = \"flow\"\n"
                    .into(),
            observations: observations.into(),
        }])
    }

    /// Rows before a series' first period wait and go in sorted; rows after go straight in;
    /// either way every value is in its place and the span has no extra slot.
    #[test]
    fn rows_in_any_order_land_in_their_periods() {
        let d =
            annual("series,period,value\nx,2020,3\nx,2018,1.5\nx,2022,7\nx,2017,0.25\nx,2019,2\n")
                .unwrap();
        let x = d.require("x").unwrap();
        let got: Vec<(String, Option<String>)> = x
            .iter()
            .map(|(p, v)| (p.to_string(), v.map(|v| v.to_string())))
            .collect();
        let want = [
            ("2017", Some("0.25")),
            ("2018", Some("1.5")),
            ("2019", Some("2")),
            ("2020", Some("3")),
            ("2021", None),
            ("2022", Some("7")),
        ];
        let want: Vec<(String, Option<String>)> = want
            .iter()
            .map(|(p, v)| (p.to_string(), v.map(str::to_string)))
            .collect();
        assert_eq!(got, want);
    }

    /// A second value for a period names both lines, whether the repeat goes straight in
    /// (after the first period) or waits (before it).
    #[test]
    fn a_repeated_period_names_both_lines_in_either_path() {
        let late = annual("series,period,value\nx,2020,1\nx,2021,2\nx,2021,3\n").unwrap_err();
        assert_eq!(
            late.to_string(),
            "d/observations.csv line 4: series `x` has a second value for 2021 (the first is on line 3)"
        );
        let early =
            annual("series,period,value\nx,2020,1\nx,2018,2\nx,2019,5\nx,2018,3\n").unwrap_err();
        assert_eq!(
            early.to_string(),
            "d/observations.csv line 5: series `x` has a second value for 2018 (the first is on line 3)"
        );
    }

    /// The status column fills the observation's status field; the note stays the note.
    #[test]
    fn the_status_column_is_a_field() {
        let d = annual("series,period,value,status,note\nx,2021,1,P,revised later\nx,2022,2,,\n")
            .unwrap();
        let x = d.require("x").unwrap();
        let o = x.observation(Period::year(2021)).unwrap();
        assert_eq!(
            (o.status.as_deref(), o.note.as_deref()),
            (Some("P"), Some("revised later"))
        );
        assert_eq!(x.observation(Period::year(2022)).unwrap().status, None);
    }

    #[test]
    fn aliases_are_read_from_series_toml() {
        let folder = |aliases: &str| FolderText {
            name: "d".into(),
            sources: String::new(),
            series: format!(
                "[[series]]\nid = \"nev\"\nunit = \"万辆\"\nfrequency = \"annual\"\nkind = \"flow\"\n{aliases}"
            ),
            observations: "series,period,value\n".into(),
        };
        let d = Dataset::from_texts(&[folder(
            "aliases = [\"NEV output\", \" 新能源汽车产量 \", \"\"]\n",
        )])
        .unwrap();
        assert_eq!(
            d.require("nev").unwrap().meta().aliases(),
            ["NEV output", "新能源汽车产量"]
        );
        let d = Dataset::from_texts(&[folder("")]).unwrap();
        assert!(d.require("nev").unwrap().meta().aliases().is_empty());
        let err = Dataset::from_texts(&[folder("aliases = \"NEV\"\n")]).unwrap_err();
        assert!(err.to_string().starts_with("d/series.toml line "), "{err}");
    }
}
