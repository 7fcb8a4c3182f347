//! Datasets: series and their sources, loaded from the folder format of DESIGN.md.
//!
//! A dataset folder holds `sources.toml` (`[[source]]`: `id`, `publisher`, `title`, `released`,
//! optional `url`, `locator`, `note`), `series.toml` (`[[series]]`: `id`, `unit`, `frequency`,
//! `kind`, optional `name`, `source`, `note`, `aliases` — a list of other names) and `observations.csv` (header
//! `series,period,value` then any of `qualifier,unit,source,locator,note,rounding,status`).
//!
//! Loading is all or nothing: a bad file is an error naming the file, the line and the
//! problem, and no half-loaded dataset is returned.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::error::{Error, ErrorKind, Result};
use crate::figure::{Figure, Qualifier, Rounding};
use crate::period::{Frequency, Period};
use crate::series::{Kind, Observation, Series, SeriesMeta};
use crate::source::{ReleaseDate, Source};
use crate::text::{LineIndex, read_text, toml_error};
use crate::unit::Unit;

/// Series and the sources they cite.
///
/// # Example
/// ```
/// use indstat::{Dataset, Period};
/// let data = Dataset::bundled()?;
/// let gdp = data.get("gdp")?;
/// assert_eq!(gdp.get(Period::year(2022)), Some(rust_decimal::Decimal::from(1_210_207)));
/// assert_eq!(data.source_of("gdp", Period::year(2022)).unwrap().publisher, "NBS");
/// assert!(data.get("gpd").is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    series: Vec<Series>,
    series_index: HashMap<String, usize>,
    sources: Vec<Source>,
    source_index: HashMap<String, usize>,
    /// Where each series and source was defined ("data/x/series.toml line 4"), for messages.
    origins: HashMap<(&'static str, String), String>,
}

/// The text of one dataset folder's three files, with the names to use in messages.
///
/// # Example
/// ```
/// use indstat::{Dataset, dataset::FolderText};
/// let folder = FolderText {
///     name: "inline".into(),
///     sources: "[[source]]\nid = \"s\"\npublisher = \"NBS\"\ntitle = \"t\"\nreleased = \"2023-02-28\"\n".into(),
///     series: "[[series]]\nid = \"gdp\"\nunit = \"亿元\"\nfrequency = \"annual\"\nkind = \"flow\"\nsource = \"s\"\n".into(),
///     observations: "series,period,value\ngdp,2022,1210207\n".into(),
/// };
/// let data = Dataset::from_texts(&[folder])?;
/// assert_eq!(data.len(), 1);
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct FolderText {
    /// The folder's name or path, used in error messages (`data/reference`).
    pub name: PathBuf,
    /// Text of `sources.toml`.
    pub sources: String,
    /// Text of `series.toml`.
    pub series: String,
    /// Text of `observations.csv`.
    pub observations: String,
}

impl FolderText {
    /// Reads the three files of a dataset folder.
    ///
    /// # Errors
    /// A missing or unreadable file, or one that is not UTF-8 text, naming the file.
    ///
    /// # Example
    /// ```
    /// use indstat::dataset::FolderText;
    /// assert!(FolderText::read("no/such/folder").is_err());
    /// ```
    pub fn read(dir: impl AsRef<Path>) -> Result<FolderText> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(Error::io(
                dir,
                "not a folder (a dataset is a folder with sources.toml, series.toml and observations.csv)",
            ));
        }
        Ok(FolderText {
            name: dir.to_path_buf(),
            sources: read_text(&dir.join("sources.toml"))?,
            series: read_text(&dir.join("series.toml"))?,
            observations: read_text(&dir.join("observations.csv"))?,
        })
    }
}

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

/// The columns of `observations.csv`, required first.
const REQUIRED_COLUMNS: [&str; 3] = ["series", "period", "value"];
const OPTIONAL_COLUMNS: [&str; 7] = [
    "qualifier",
    "unit",
    "source",
    "locator",
    "note",
    "rounding",
    "status",
];

impl Dataset {
    /// An empty dataset.
    ///
    /// # Example
    /// ```
    /// assert!(indstat::Dataset::new().is_empty());
    /// ```
    pub fn new() -> Dataset {
        Dataset::default()
    }

    /// Loads one dataset folder.
    ///
    /// # Errors
    /// Any problem in any file, naming the file, the line and the problem; nothing is
    /// half-loaded.
    ///
    /// # Example
    /// ```
    /// let data = indstat::Dataset::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data/reference"))?;
    /// assert!(data.get("nev_production").is_ok());
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
    /// assert!(data.get("gdp").is_ok() && data.get("b05_industry_share_of_gdp").is_ok());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn load_all<P: AsRef<Path>>(dirs: &[P]) -> Result<Dataset> {
        let texts = dirs
            .iter()
            .map(FolderText::read)
            .collect::<Result<Vec<_>>>()?;
        Dataset::from_texts(&texts)
    }

    /// Loads datasets given as folders (the folder format), SDMX-CSV files (`.csv`) or
    /// JSON-stat 2.0 files (`.json`), into one dataset. Folders load together (they may cite
    /// each other's sources); files are then merged in.
    ///
    /// # Errors
    /// As [`load_all`](Dataset::load_all) and the interop readers; an id defined twice; a path
    /// that is neither a folder nor a `.csv` or `.json` file.
    ///
    /// # Example
    /// ```
    /// let root = env!("CARGO_MANIFEST_DIR");
    /// let data = indstat::Dataset::open(&[
    ///     format!("{root}/data/reference"),
    ///     format!("{root}/tests/fixtures/sdmx-2.0.csv"),
    /// ])?;
    /// assert!(data.get("gdp").is_ok());
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
                Some("csv") => crate::interop::sdmx::read_csv_file(file)?,
                Some("json") => crate::interop::jsonstat::read_file(file)?,
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

    /// Moves every source and series of `other` into this dataset.
    ///
    /// # Errors
    /// When a series or source id exists in both; then nothing is merged.
    ///
    /// # Example
    /// ```
    /// use indstat::Dataset;
    /// let mut a = Dataset::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data/reference"))?;
    /// let b = Dataset::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data/reference"))?;
    /// assert!(a.merge(b).is_err()); // the same ids twice
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn merge(&mut self, other: Dataset) -> Result<()> {
        if let Some(s) = other.series.iter().find(|s| self.series(s.id()).is_some()) {
            return Err(Error::invalid(format!(
                "series `{}` is defined twice",
                s.id()
            )));
        }
        if let Some(s) = other.sources.iter().find(|s| self.source(&s.id).is_some()) {
            return Err(Error::invalid(format!(
                "source `{}` is defined twice",
                s.id
            )));
        }
        for source in other.sources {
            self.insert_source(source)?;
        }
        for series in other.series {
            self.insert_series(series)?;
        }
        Ok(())
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

    /// The data bundled with the crate: the official reference series and the figures of
    /// the SCIO briefing of 2023-03-01, embedded in the binary.
    ///
    /// # Errors
    /// Never in a released build (the bundled files are tested); the `Result` keeps the
    /// loader's contract.
    ///
    /// # Example
    /// ```
    /// let data = indstat::Dataset::bundled()?;
    /// assert!(data.len() > 60);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn bundled() -> Result<Dataset> {
        Dataset::from_texts(&crate::bundled::folders())
    }

    fn add_sources(&mut self, file: &Path, text: &str) -> Result<()> {
        let lines = LineIndex::new(text);
        if text.trim().is_empty() {
            return Ok(());
        }
        let parsed: SourcesFile = toml::from_str(text).map_err(|e| toml_error(file, &lines, e))?;
        for entry in parsed.source {
            let line = lines.line(entry.span().start);
            let e = entry.into_inner();
            let place = |err: Error| {
                err.context(format!("source `{}`", e.id))
                    .at(file, line as u64)
            };
            if e.id.trim().is_empty() {
                return Err(place(Error::invalid("a source needs a non-empty id")));
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
            self.check_new("source", &e.id, file, line)?;
            self.insert_source(source).map_err(place)?;
        }
        Ok(())
    }

    fn add_series_file(&mut self, file: &Path, text: &str) -> Result<()> {
        let lines = LineIndex::new(text);
        let parsed: SeriesFile = toml::from_str(text).map_err(|e| toml_error(file, &lines, e))?;
        for entry in parsed.series {
            let line = lines.line(entry.span().start);
            let e = entry.into_inner();
            let place = |err: Error| {
                err.context(format!("series `{}`", e.id))
                    .at(file, line as u64)
            };
            if e.id.trim().is_empty() || e.id.contains(char::is_whitespace) {
                return Err(place(Error::invalid(
                    "a series id must be non-empty, without spaces",
                )));
            }
            if let Some(s) = &e.source {
                if self.source(s).is_none() {
                    return Err(place(Error::not_found("source", s)));
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
            self.check_new("series", &e.id, file, line)?;
            self.insert_series(Series::new(meta)).map_err(place)?;
        }
        Ok(())
    }

    fn add_observations(&mut self, file: &Path, text: &str) -> Result<()> {
        let lines = LineIndex::new(text);
        let mut cursor = lines.cursor();
        // Cells are trimmed one by one below: the csv crate's own trimming copies every record.
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| Error::invalid(e.to_string()).at(file, 1))?
            .clone();
        let mut columns: HashMap<String, usize> = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            let h = h.trim().to_ascii_lowercase();
            if h.is_empty() {
                return Err(Error::invalid(format!(
                    "column {} of the header has no name (a trailing comma?)",
                    i + 1
                ))
                .at(file, 1));
            }
            if !REQUIRED_COLUMNS.contains(&h.as_str()) && !OPTIONAL_COLUMNS.contains(&h.as_str()) {
                return Err(Error::invalid(format!(
                    "unknown column `{h}` (columns are {} and optionally {})",
                    REQUIRED_COLUMNS.join(", "),
                    OPTIONAL_COLUMNS.join(", ")
                ))
                .at(file, 1));
            }
            if columns.insert(h.clone(), i).is_some() {
                return Err(Error::invalid(format!("column `{h}` is given twice")).at(file, 1));
            }
        }
        for required in REQUIRED_COLUMNS {
            if !columns.contains_key(required) {
                return Err(Error::invalid(format!(
                    "missing required column `{required}` (the header must name series, period and value)"
                ))
                .at(file, 1));
            }
        }
        // Column positions once, not a map lookup per cell.
        let position: Vec<(&str, usize)> = REQUIRED_COLUMNS
            .iter()
            .chain(OPTIONAL_COLUMNS.iter())
            .filter_map(|name| Some((*name, *columns.get(*name)?)))
            .collect();
        // Rows at or after a series' first period go straight in (appending is amortised); rows
        // before it wait in `early`, and go in sorted once the file is read, so that the
        // stored values move once per series, not once per early row.
        let mut early: Vec<Vec<(Period, u64, Observation)>> = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            let more = reader.read_record(&mut record).map_err(|e| {
                let line = e.position().map_or(0, |p| lines.record_line(text, p.byte()));
                let msg = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!(
                        "the row has {len} field{} but the header has {expected_len} (is a quote left open, or a comma unquoted?)",
                        if *len == 1 { "" } else { "s" }
                    ),
                    csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_string(),
                    _ => e.to_string(),
                };
                Error::invalid(msg).at(file, line).with_source(e)
            })?;
            if !more {
                break;
            }
            let line = record
                .position()
                .map_or(0, |p| cursor.record_line(text, p.byte()));
            let cell = |name: &str| -> &str {
                position
                    .iter()
                    .find(|(n, _)| *n == name)
                    .and_then(|(_, i)| record.get(*i))
                    .map_or("", str::trim)
            };
            let id = cell("series");
            let (index, period, observation) =
                self.parse_row(id, &cell).map_err(|e| e.at(file, line))?;
            let Some(series) = self.series.get_mut(index) else {
                return Err(Error::not_found("series", id).at(file, line));
            };
            if series.start().is_some_and(|start| period < start) {
                if early.len() <= index {
                    early.resize_with(index + 1, Vec::new);
                }
                if let Some(rows) = early.get_mut(index) {
                    rows.push((period, line, observation));
                }
                continue;
            }
            if let Err(e) = series.insert_observation(period, observation) {
                return Err(self.repeat_or(e, file, text, id, period, line));
            }
        }
        for (index, mut rows) in early.into_iter().enumerate() {
            // Stable: of two rows for one period, the earlier line stays first.
            rows.sort_by_key(|(period, _, _)| *period);
            let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
                continue;
            };
            let (first, last, first_line) = (first.0, last.0, first.1);
            let Some(series) = self.series.get_mut(index) else {
                continue;
            };
            series
                .cover(first, last)
                .map_err(|e| e.at(file, first_line))?;
            let mut previous: Option<(Period, u64)> = None;
            for (period, line, observation) in rows {
                if let Some((p, first)) = previous.filter(|(p, _)| *p == period) {
                    return Err(Error::invalid(format!(
                        "series `{}` has a second value for {p} (the first is on line {first})",
                        series.id()
                    ))
                    .at(file, line));
                }
                previous = Some((period, line));
                series
                    .insert_observation(period, observation)
                    .map_err(|e| e.at(file, line))?;
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
        cell: &dyn Fn(&str) -> &'a str,
    ) -> Result<(usize, Period, Observation)> {
        if id.is_empty() {
            return Err(Error::invalid("the series cell is empty"));
        }
        let index = *self
            .series_index
            .get(id)
            .ok_or_else(|| Error::not_found("series", id))?;
        let series = self
            .series
            .get(index)
            .ok_or_else(|| Error::not_found("series", id))?;
        let in_series = |e: Error| e.context(format!("series `{id}`"));
        let period: Period = cell("period").parse().map_err(in_series)?;
        period
            .expect_frequency(series.frequency())
            .map_err(in_series)?;
        let value = parse_value(cell("value")).map_err(in_series)?;
        let qualifier: Qualifier = cell("qualifier").parse().map_err(in_series)?;
        let unit_text = cell("unit");
        let mut observation = if unit_text.is_empty() {
            Observation::new(value).with_qualifier(qualifier)
        } else {
            let unit: Unit = unit_text.parse().map_err(in_series)?;
            Observation::from_figure(&Figure::new(value, qualifier, Some(&unit)), series.unit())
                .map_err(in_series)?
        };
        let rounding = cell("rounding");
        if !rounding.is_empty() {
            observation.rounding = rounding.parse::<Rounding>().map_err(in_series)?;
        }
        let source = cell("source");
        if !source.is_empty() {
            if self.source(source).is_none() {
                return Err(in_series(Error::not_found("source", source)));
            }
            observation.source = Some(source.to_string());
        }
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        observation.locator = text(cell("locator"));
        observation.note = text(cell("note"));
        observation.status = text(cell("status"));
        Ok((index, period, observation))
    }

    /// Errors if `id` is already defined, naming where; records where it is defined now.
    fn check_new(&mut self, what: &'static str, id: &str, file: &Path, line: usize) -> Result<()> {
        let here = format!("{} line {line}", file.display());
        if let Some(first) = self.origins.get(&(what, id.to_string())) {
            return Err(
                Error::invalid(format!("{what} `{id}` is already defined in {first}"))
                    .at(file, line as u64),
            );
        }
        self.origins.insert((what, id.to_string()), here);
        Ok(())
    }

    /// Adds a series.
    ///
    /// # Errors
    /// When a series with the same id exists.
    ///
    /// # Example
    /// ```
    /// use indstat::{Dataset, Frequency, Kind, Series, SeriesMeta, Unit};
    /// let mut d = Dataset::new();
    /// let s = Series::new(SeriesMeta::new("x", Unit::number(), Frequency::Annual, Kind::Flow));
    /// d.insert_series(s.clone())?;
    /// assert!(d.insert_series(s).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn insert_series(&mut self, series: Series) -> Result<()> {
        if self.series_index.contains_key(series.id()) {
            return Err(Error::invalid(format!(
                "series `{}` is defined twice",
                series.id()
            )));
        }
        self.series_index
            .insert(series.id().to_string(), self.series.len());
        self.series.push(series);
        Ok(())
    }

    /// Adds a source.
    ///
    /// # Errors
    /// When a source with the same id exists.
    ///
    /// # Example
    /// ```
    /// use indstat::{Dataset, Source};
    /// let mut d = Dataset::new();
    /// let s = Source::new("nbs", "NBS", "Communiqué", "2023-02-28".parse()?);
    /// d.insert_source(s.clone())?;
    /// assert!(d.insert_source(s).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn insert_source(&mut self, source: Source) -> Result<()> {
        if self.source_index.contains_key(&source.id) {
            return Err(Error::invalid(format!(
                "source `{}` is defined twice",
                source.id
            )));
        }
        self.source_index
            .insert(source.id.clone(), self.sources.len());
        self.sources.push(source);
        Ok(())
    }

    /// The series with this id, if any.
    ///
    /// # Example
    /// ```
    /// let data = indstat::Dataset::bundled()?;
    /// assert!(data.series("fiveg_base_stations").is_some());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn series(&self, id: &str) -> Option<&Series> {
        self.series_index.get(id).map(|i| &self.series[*i])
    }

    /// The series with this id.
    ///
    /// # Errors
    /// [`ErrorKind::NotFound`](crate::ErrorKind::NotFound) naming it.
    ///
    /// # Example
    /// ```
    /// let data = indstat::Dataset::bundled()?;
    /// assert_eq!(data.get("nev_sales_2099").unwrap_err().to_string(), "series `nev_sales_2099` not found");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn get(&self, id: &str) -> Result<&Series> {
        self.series(id)
            .ok_or_else(|| Error::not_found("series", id))
    }

    /// The source with this id, if any.
    ///
    /// # Example
    /// ```
    /// let data = indstat::Dataset::bundled()?;
    /// assert_eq!(data.source("caam-2023-01").unwrap().publisher, "CAAM");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).map(|i| &self.sources[*i])
    }

    /// The source of the observation of `series` at `period` (its own, else the series').
    ///
    /// # Example
    /// ```
    /// use indstat::Period;
    /// let data = indstat::Dataset::bundled()?;
    /// // The 2021 industry value added comes from another release than the series' own.
    /// assert_eq!(data.source_of("industry_value_added", Period::year(2021)).unwrap().publisher, "NBS via People's Daily");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn source_of(&self, series: &str, period: Period) -> Option<&Source> {
        let o = self.series(series)?.observation(period)?;
        self.source(o.source.as_deref()?)
    }

    /// Every series, in the order they were loaded.
    ///
    /// # Example
    /// ```
    /// let data = indstat::Dataset::bundled()?;
    /// assert_eq!(data.iter().next().unwrap().id(), "gdp");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &Series> {
        self.series.iter()
    }

    /// A plain-text table of the series: id, unit, frequency, kind, source and span (what
    /// `indstat list` prints).
    ///
    /// # Example
    /// ```
    /// let listing = indstat::Dataset::bundled()?.listing();
    /// assert!(listing.starts_with("SERIES"));
    /// assert!(listing.lines().any(|l| l.starts_with("gdp ") && l.contains("100 million yuan")));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn listing(&self) -> String {
        let rows: Vec<[String; 6]> = self
            .iter()
            .map(|s| {
                let span = match s.span() {
                    Some((a, b)) if a == b => format!("{a} ({} value)", s.count()),
                    Some((a, b)) => format!("{a}–{b} ({} values)", s.count()),
                    None => "empty".into(),
                };
                [
                    s.id().to_string(),
                    s.unit().to_string(),
                    s.frequency().to_string(),
                    s.meta().kind.to_string(),
                    s.meta().source.clone().unwrap_or_default(),
                    span,
                ]
            })
            .collect();
        let headers = ["SERIES", "UNIT", "FREQUENCY", "KIND", "SOURCE", "SPAN"];
        let columns = crate::table::Columns::fit(headers, &rows);
        let mut out = columns.line(&headers) + "\n";
        for row in &rows {
            out.push_str(&columns.line(row));
            out.push('\n');
        }
        out
    }

    /// Every source, in the order they were loaded.
    ///
    /// # Example
    /// ```
    /// let data = indstat::Dataset::bundled()?;
    /// assert!(data.sources().any(|s| s.publisher == "MIIT"));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.sources.iter()
    }

    /// Number of series.
    ///
    /// # Example
    /// ```
    /// assert_eq!(indstat::Dataset::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.series.len()
    }

    /// Whether there are no series.
    ///
    /// # Example
    /// ```
    /// assert!(indstat::Dataset::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }
}

/// Parses a value cell: plain decimal text, its written decimals kept.
pub(crate) fn parse_value(text: &str) -> Result<Decimal> {
    if text.is_empty() {
        return Err(Error::parse("value", text, "the value is empty"));
    }
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let plain = !body.is_empty()
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && body.bytes().filter(|b| *b == b'.').count() <= 1
        && body.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && body.bytes().last().is_some_and(|b| b.is_ascii_digit());
    if !plain {
        return Err(Error::parse(
            "value",
            text,
            "expected plain decimal text such as 705.8 or -4.0 (no thousands separators, units or words: those go in the unit and qualifier columns)",
        ));
    }
    Decimal::from_str_exact(text.strip_prefix('+').unwrap_or(text)).map_err(|_| {
        Error::parse(
            "value",
            text,
            "it overflows a Decimal (at most 28 significant digits, about 7.9e28)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_data_loads() {
        let d = Dataset::bundled().unwrap();
        assert!(d.get("nev_production").is_ok());
        // 37.3 trillion yuan is stored as 373,000 (100 million yuan) with its precision kept.
        let iva = d.get("industry_value_added").unwrap();
        let o = iva.observation(Period::year(2021)).unwrap();
        assert_eq!(o.value, Decimal::from(373_000));
        assert!(o.interval().unwrap().contains(Decimal::from(372_600)));
    }

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
        let x = d.get("x").unwrap();
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
        let x = d.get("x").unwrap();
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
            d.get("nev").unwrap().meta().aliases(),
            ["NEV output", "新能源汽车产量"]
        );
        let d = Dataset::from_texts(&[folder("")]).unwrap();
        assert!(d.get("nev").unwrap().meta().aliases().is_empty());
        let err = Dataset::from_texts(&[folder("aliases = \"NEV\"\n")]).unwrap_err();
        assert!(err.to_string().starts_with("d/series.toml line "), "{err}");
    }

    #[test]
    fn values_must_be_plain_decimals() {
        for bad in [
            "",
            "1,300",
            "7.05 million",
            "1e5",
            ".5",
            "5.",
            "--1",
            "abc",
            "99999999999999999999999999999999",
        ] {
            assert!(parse_value(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_value("-4.0").unwrap().to_string(), "-4.0");
        assert_eq!(parse_value("+12").unwrap(), Decimal::from(12));
    }
}
