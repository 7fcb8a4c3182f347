//! A panel's input and output through polars: long `DataFrame`s, CSV and Parquet files, and
//! conversion to and from a [`Dataset`].

use std::collections::HashMap;
use std::path::Path;

use polars::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use super::{Panel, PanelSeries};
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::period::{Frequency, Period};
use crate::series::{Kind, Observation, Series, SeriesMeta};
use crate::unit::Unit;

impl Panel {
    /// A panel from a long `DataFrame`: columns `series` (string), `period` (string such as
    /// `2023-05`), `value` (numeric; nulls are gaps), and optionally `unit`, `source`, `kind`
    /// (strings; one value per series). Series without a `unit` column take `unit`; without
    /// `kind`, [`Kind::Flow`].
    ///
    /// # Errors
    /// A missing column, a malformed period or unit, a period of another frequency, a
    /// duplicate (series, period), a unit or source that varies within a series.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Frequency, Period, Unit};
    /// use polars::prelude::*;
    /// let df = df!(
    ///     "series" => ["a", "a", "b"],
    ///     "period" => ["2023-01", "2023-02", "2023-01"],
    ///     "value" => [1.0, 2.0, 3.0],
    /// ).unwrap();
    /// let p = Panel::from_dataframe(&df, Frequency::Monthly, &Unit::number())?;
    /// assert_eq!(p.get("b", Period::month(2023, 1)?), Some(3.0));
    /// assert_eq!(p.get("b", Period::month(2023, 2)?), None);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn from_dataframe(df: &DataFrame, frequency: Frequency, unit: &Unit) -> Result<Panel> {
        let pe = |e: PolarsError| Error::invalid(format!("DataFrame: {e}"));
        let text_column = |name: &str| -> Result<Option<StringChunked>> {
            match df.column(name) {
                Ok(c) => Ok(Some(
                    c.cast(&DataType::String)
                        .map_err(pe)?
                        .str()
                        .map_err(pe)?
                        .clone(),
                )),
                Err(_) => Ok(None),
            }
        };
        let ids = text_column("series")?
            .ok_or_else(|| Error::invalid("the DataFrame has no `series` column"))?;
        let periods = text_column("period")?
            .ok_or_else(|| Error::invalid("the DataFrame has no `period` column"))?;
        let value = df
            .column("value")
            .map_err(|_| Error::invalid("the DataFrame has no `value` column"))?
            .cast(&DataType::Float64)
            .map_err(pe)?;
        // Materialise the columns once: per-row `get` on a chunked array is a search.
        let values: Vec<Option<f64>> = value.f64().map_err(pe)?.iter().collect();
        let units = text_column("unit")?;
        let sources = text_column("source")?;
        let kinds = text_column("kind")?;
        let units: Option<Vec<Option<&str>>> = units.as_ref().map(|c| c.iter().collect());
        let sources: Option<Vec<Option<&str>>> = sources.as_ref().map(|c| c.iter().collect());
        let kinds: Option<Vec<Option<&str>>> = kinds.as_ref().map(|c| c.iter().collect());

        // Parse each distinct period once; find the span.
        let mut period_cache: HashMap<&str, Period> = HashMap::new();
        let mut parsed: Vec<Option<Period>> = Vec::with_capacity(df.height());
        let (mut lo, mut hi) = (i64::MAX, i64::MIN);
        for (row, text) in periods.iter().enumerate() {
            let Some(text) = text else {
                return Err(Error::invalid(format!("row {row}: the period is null")));
            };
            let p = match period_cache.get(text) {
                Some(p) => *p,
                None => {
                    let p: Period = text
                        .parse()
                        .map_err(|e: Error| e.context(format!("DataFrame row {row}")))?;
                    p.expect_frequency(frequency)
                        .map_err(|e| e.context(format!("DataFrame row {row}")))?;
                    period_cache.insert(text, p);
                    p
                }
            };
            lo = lo.min(p.ordinal());
            hi = hi.max(p.ordinal());
            parsed.push(Some(p));
        }
        let (start, count) = if lo <= hi {
            (Period::from_ordinal(frequency, lo)?, (hi - lo + 1) as usize)
        } else {
            (Period::new(frequency, 2000, 1)?, 0)
        };
        let mut panel = Panel::try_new(frequency, start, count)?;
        let mut row_of: HashMap<&str, usize> = HashMap::new();
        // Null values leave no mark in the mask; remember them to catch duplicates.
        let mut nulls: std::collections::HashSet<(usize, usize)> = Default::default();
        let ids_vec: Vec<Option<&str>> = ids.iter().collect();
        for (row, id) in ids_vec.iter().enumerate() {
            let Some(id) = *id else {
                return Err(Error::invalid(format!("row {row}: the series is null")));
            };
            let r = match row_of.get(id) {
                Some(r) => *r,
                None => {
                    let unit = match units.as_ref().and_then(|u| u[row]) {
                        Some(text) => text
                            .parse::<Unit>()
                            .map_err(|e| e.context(format!("DataFrame row {row}")))?,
                        None => unit.clone(),
                    };
                    let kind = match kinds.as_ref().and_then(|k| k[row]) {
                        Some(text) => text
                            .parse::<Kind>()
                            .map_err(|e| e.context(format!("DataFrame row {row}")))?,
                        None => Kind::Flow,
                    };
                    let source = sources.as_ref().and_then(|s| s[row]).map(str::to_string);
                    panel.add_row(PanelSeries {
                        id: id.to_string(),
                        unit,
                        kind,
                        source,
                    })?;
                    let r = panel.series.len() - 1;
                    row_of.insert(id, r);
                    r
                }
            };
            // Unit and source must not vary within a series.
            if let Some(text) = units.as_ref().and_then(|u| u[row]) {
                let u: Unit = text
                    .parse()
                    .map_err(|e: Error| e.context(format!("DataFrame row {row}")))?;
                if u != panel.series[r].unit {
                    return Err(Error::invalid(format!(
                        "DataFrame row {row}: series `{id}` changes unit from `{}` to `{u}`",
                        panel.series[r].unit
                    )));
                }
            }
            if let Some(text) = sources.as_ref().and_then(|s| s[row]) {
                if panel.series[r].source.as_deref() != Some(text) {
                    return Err(Error::invalid(format!(
                        "DataFrame row {row}: series `{id}` changes source"
                    )));
                }
            }
            let p = parsed[row].unwrap_or(start);
            let i = (p.ordinal() - lo) as usize;
            let at = r * panel.periods + i;
            if panel.mask[at] || nulls.contains(&(r, i)) {
                return Err(Error::invalid(format!(
                    "DataFrame row {row}: series `{id}` has a second value for {p}"
                )));
            }
            match values[row].filter(|v| v.is_finite()) {
                Some(v) => {
                    panel.values[at] = v;
                    panel.mask[at] = true;
                }
                None => {
                    nulls.insert((r, i));
                }
            }
        }
        Ok(panel)
    }

    /// Reads a long CSV file (the [`from_dataframe`](Panel::from_dataframe) columns) with
    /// polars.
    ///
    /// # Errors
    /// An unreadable file, and as [`from_dataframe`](Panel::from_dataframe).
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Frequency, Unit};
    /// assert!(Panel::read_csv("no/such.csv", Frequency::Monthly, &Unit::number()).is_err());
    /// ```
    pub fn read_csv(path: impl AsRef<Path>, frequency: Frequency, unit: &Unit) -> Result<Panel> {
        let path = path.as_ref();
        let schema = Schema::from_iter([
            Field::new("series".into(), DataType::String),
            Field::new("period".into(), DataType::String),
            Field::new("value".into(), DataType::Float64),
        ]);
        let df = CsvReadOptions::default()
            .with_has_header(true)
            .with_schema_overwrite(Some(Arc::new(schema)))
            .try_into_reader_with_file_path(Some(path.into()))
            .and_then(|r| r.finish())
            .map_err(|e| Error::io(path, e))?;
        Panel::from_dataframe(&df, frequency, unit)
            .map_err(|e| e.context(path.display().to_string()))
    }

    /// Reads a long Parquet file (the [`from_dataframe`](Panel::from_dataframe) columns).
    ///
    /// # Errors
    /// An unreadable file, and as [`from_dataframe`](Panel::from_dataframe).
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Frequency, Unit};
    /// assert!(Panel::read_parquet("no/such.parquet", Frequency::Monthly, &Unit::number()).is_err());
    /// ```
    pub fn read_parquet(
        path: impl AsRef<Path>,
        frequency: Frequency,
        unit: &Unit,
    ) -> Result<Panel> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let df = ParquetReader::new(file)
            .finish()
            .map_err(|e| Error::io(path, e))?;
        Panel::from_dataframe(&df, frequency, unit)
            .map_err(|e| e.context(path.display().to_string()))
    }

    /// The panel as a long `DataFrame`: `series`, `period`, `value`, `unit`, `kind`, `source`,
    /// one row per value (gaps have no row).
    ///
    /// # Errors
    /// When polars refuses the columns (it does not for well-formed panels).
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Frequency, Unit};
    /// let p = Panel::from_dataset(&Dataset::bundled()?, Frequency::Annual)?;
    /// let df = p.to_dataframe()?;
    /// let back = Panel::from_dataframe(&df, Frequency::Annual, &Unit::number())?;
    /// assert_eq!(back.series_info("gdp").unwrap().unit.to_string(), "100 million yuan");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let n = self.mask.iter().filter(|m| **m).count();
        let mut ids = Vec::with_capacity(n);
        let mut periods = Vec::with_capacity(n);
        let mut values = Vec::with_capacity(n);
        let mut units = Vec::with_capacity(n);
        let mut kinds = Vec::with_capacity(n);
        let mut sources: Vec<Option<&str>> = Vec::with_capacity(n);
        let labels: Vec<String> = (0..self.periods)
            .map(|i| self.period_at(i).map(|p| p.to_string()).unwrap_or_default())
            .collect();
        let unit_text: Vec<String> = self.series.iter().map(|s| s.unit.to_string()).collect();
        for (r, s) in self.series.iter().enumerate() {
            let base = r * self.periods;
            for (i, label) in labels.iter().enumerate() {
                if self.mask[base + i] {
                    ids.push(s.id.as_str());
                    periods.push(label.as_str());
                    values.push(self.values[base + i]);
                    units.push(unit_text[r].as_str());
                    kinds.push(s.kind.as_str());
                    sources.push(s.source.as_deref());
                }
            }
        }
        let height = values.len();
        DataFrame::new(
            height,
            vec![
                Column::new("series".into(), ids),
                Column::new("period".into(), periods),
                Column::new("value".into(), values),
                Column::new("unit".into(), units),
                Column::new("kind".into(), kinds),
                Column::new("source".into(), sources),
            ],
        )
        .map_err(|e| Error::invalid(format!("DataFrame: {e}")))
    }

    /// Writes the panel as a long CSV file.
    ///
    /// # Errors
    /// When the file cannot be written.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Frequency, Unit};
    /// let p = Panel::from_dataset(&Dataset::bundled()?, Frequency::Annual)?;
    /// let path = std::env::temp_dir().join(format!("indstat-doc-{}.csv", std::process::id()));
    /// p.write_csv(&path)?;
    /// assert_eq!(Panel::read_csv(&path, Frequency::Annual, &Unit::number())?, p);
    /// # std::fs::remove_file(&path).ok();
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn write_csv(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let mut df = self.to_dataframe()?;
        let mut file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
        CsvWriter::new(&mut file)
            .finish(&mut df)
            .map_err(|e| Error::io(path, e))
    }

    /// Writes the panel as a long Parquet file: the hand-off to engines such as DataFusion or
    /// Spark.
    ///
    /// # Errors
    /// When the file cannot be written.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Frequency, Unit};
    /// let p = Panel::from_dataset(&Dataset::bundled()?, Frequency::Annual)?;
    /// let path = std::env::temp_dir().join(format!("indstat-doc-{}.parquet", std::process::id()));
    /// p.write_parquet(&path)?;
    /// assert_eq!(Panel::read_parquet(&path, Frequency::Annual, &Unit::number())?, p);
    /// # std::fs::remove_file(&path).ok();
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn write_parquet(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let mut df = self.to_dataframe()?;
        let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
        ParquetWriter::new(file)
            .finish(&mut df)
            .map(|_| ())
            .map_err(|e| Error::io(path, e))
    }

    /// The panel as a dataset of exact series (values converted from `f64` to the nearest
    /// `Decimal`, marked exact; units, kinds and source ids kept).
    ///
    /// # Errors
    /// A value that does not fit in a `Decimal`.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Frequency, Period};
    /// let data = Dataset::bundled()?;
    /// let back = Panel::from_dataset(&data, Frequency::Annual)?.to_dataset()?;
    /// assert_eq!(back.require("nev_production")?.value_at(Period::year(2022)), data.require("nev_production")?.value_at(Period::year(2022)));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn to_dataset(&self) -> Result<Dataset> {
        let mut data = Dataset::new();
        for (r, s) in self.series.iter().enumerate() {
            let mut meta = SeriesMeta::new(s.id.clone(), s.unit.clone(), self.frequency, s.kind);
            meta.source.clone_from(&s.source);
            let mut series = Series::new(meta);
            let base = r * self.periods;
            for i in 0..self.periods {
                if self.mask[base + i] {
                    let v = self.values[base + i];
                    let d = Decimal::from_f64(v).ok_or_else(|| {
                        Error::overflow(format!("{v} of `{}` as a Decimal", s.id))
                    })?;
                    series.insert_observation(
                        self.period_at(i)?,
                        Observation::exact(d.normalize()),
                    )?;
                }
            }
            data.insert_series(series)?;
        }
        Ok(data)
    }
}
