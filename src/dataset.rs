//! Datasets: series and the sources they cite (the collection only).
//!
//! Reading datasets from disk lives in [`io`](crate::io): the folder format of DESIGN.md
//! ([`io::folder`](crate::io::folder), which adds [`Dataset::load`], [`Dataset::load_all`] and
//! [`Dataset::from_texts`]), SDMX-CSV, JSON-stat, and [`Dataset::open`] for a path of any kind.
//! [`FolderText`] (the text of one folder's three files) stays here, below the readers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::period::Period;
use crate::series::Series;
use crate::source::Source;
use crate::text::read_text;

/// Series and the sources they cite.
///
/// # Example
/// ```
/// use indstat::{Dataset, Period};
/// let data = Dataset::bundled()?;
/// let gdp = data.require("gdp")?;
/// assert_eq!(gdp.value_at(Period::year(2022)), Some(rust_decimal::Decimal::from(1_210_207)));
/// assert_eq!(data.source_of("gdp", Period::year(2022)).unwrap().publisher, "NBS");
/// assert!(data.require("gpd").is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    series: Vec<Series>,
    series_index: HashMap<String, usize>,
    /// Shared, so that every finding citing a source holds it without a copy.
    sources: Vec<Arc<Source>>,
    source_index: HashMap<String, usize>,
    /// Where each series and source was defined ("data/x/series.toml line 4"), for the
    /// folder reader's messages.
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
            self.insert_shared_source(source)?;
        }
        for series in other.series {
            self.insert_series(series)?;
        }
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
        self.insert_shared_source(Arc::new(source))
    }

    fn insert_shared_source(&mut self, source: Arc<Source>) -> Result<()> {
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

    /// The series with this id, or an error naming it: for when a missing series is a mistake.
    ///
    /// # Errors
    /// [`ErrorKind::NotFound`](crate::ErrorKind::NotFound) naming it.
    ///
    /// # Example
    /// ```
    /// let data = indstat::Dataset::bundled()?;
    /// assert_eq!(data.require("nev_sales")?.meta().id, "nev_sales");
    /// assert_eq!(data.require("nev_sales_2099").unwrap_err().to_string(), "series `nev_sales_2099` not found");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn require(&self, id: &str) -> Result<&Series> {
        self.series(id)
            .ok_or_else(|| Error::not_found("series", id))
    }

    /// Deprecated: [`Dataset::require`] (a `Result`) and [`Dataset::series`] (an `Option`)
    /// say which they return.
    ///
    /// # Errors
    /// As [`Dataset::require`].
    ///
    /// # Example
    /// ```
    /// # #![allow(deprecated)]
    /// let data = indstat::Dataset::bundled()?;
    /// assert!(data.get("nev_sales").is_ok());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    #[deprecated(since = "0.2.0", note = "use `require` (Result) or `series` (Option)")]
    pub fn get(&self, id: &str) -> Result<&Series> {
        self.require(id)
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
        self.shared_source(id).map(|s| &**s)
    }

    /// The source with this id, shared.
    pub(crate) fn shared_source(&self, id: &str) -> Option<&Arc<Source>> {
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
        let (_, source) = self.series(series)?.reading_at(period)?;
        self.source(source?)
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
        self.sources.iter().map(|s| &**s)
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

    /// The position of the series with this id (for readers that keep rows per series).
    pub(crate) fn series_position(&self, id: &str) -> Option<usize> {
        self.series_index.get(id).copied()
    }

    /// The series at a position given by [`series_position`](Dataset::series_position).
    pub(crate) fn series_at(&self, position: usize) -> Option<&Series> {
        self.series.get(position)
    }

    /// The series at a position, to insert into.
    pub(crate) fn series_at_mut(&mut self, position: usize) -> Option<&mut Series> {
        self.series.get_mut(position)
    }

    /// Records where `id` (a `what`: series or source) is defined; returns where it already
    /// was, if it was.
    pub(crate) fn record_origin(
        &mut self,
        what: &'static str,
        id: &str,
        place: String,
    ) -> Option<String> {
        match self.origins.get(&(what, id.to_string())) {
            Some(first) => Some(first.clone()),
            None => {
                self.origins.insert((what, id.to_string()), place);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn bundled_data_loads() {
        let d = Dataset::bundled().unwrap();
        assert!(d.require("nev_production").is_ok());
        // 37.3 trillion yuan is stored as 373,000 (100 million yuan) with its precision kept.
        let iva = d.require("industry_value_added").unwrap();
        let o = iva.observation(Period::year(2021)).unwrap();
        assert_eq!(o.value, Decimal::from(373_000));
        assert!(o.interval().unwrap().contains(Decimal::from(372_600)));
    }
}
