//! Panels of many series, and interop with polars `DataFrame`s (feature `polars`).
//!
//! A [`Panel`] holds many series of one frequency on a common period axis, as one dense
//! row-major `f64` matrix with a validity mask, and the unit, kind and source of each series.
//! Transforms run the dense kernels of [`transform`](crate::transform) row by row, so a missing
//! month never shifts a lag (unlike `pct_change(12)` over rows of a long table); shares and sums
//! across series are unit-checked, with scales converted exactly.
//!
//! polars does the input and output (the methods of [`Panel`] in `frame/io.rs`): long
//! `DataFrame`s (`series`, `period`, `value`, and optionally `unit`, `source`, `kind`), CSV and
//! Parquet files, and datasets.

use std::collections::HashMap;

use rust_decimal::prelude::ToPrimitive;

use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::period::{Frequency, Period};
use crate::series::{Kind, Series, SeriesMeta};
use crate::transform::{Transform, fred_dense_into};
use crate::unit::Unit;

mod io;

/// What a panel knows about one of its series.
///
/// # Example
/// ```
/// use indstat::frame::PanelSeries;
/// use indstat::{Kind, Unit};
/// let s = PanelSeries::new("beijing_output", "万辆".parse()?, Kind::Flow);
/// assert_eq!(s.unit.to_string(), "10 thousand vehicles");
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PanelSeries {
    /// The series id.
    pub id: String,
    /// Its unit.
    pub unit: Unit,
    /// Stock, flow or rate.
    pub kind: Kind,
    /// Its source id, if known.
    pub source: Option<String>,
}

impl PanelSeries {
    /// A series description with no source.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::PanelSeries, Kind, Unit};
    /// assert!(PanelSeries::new("x", Unit::percent(), Kind::Rate).source.is_none());
    /// ```
    pub fn new(id: impl Into<String>, unit: Unit, kind: Kind) -> PanelSeries {
        PanelSeries {
            id: id.into(),
            unit,
            kind,
            source: None,
        }
    }
}

/// Many series of one frequency on a common period axis.
///
/// # Example
/// ```
/// use indstat::frame::{Panel, PanelSeries};
/// use indstat::{Frequency, Kind, Period, Transform, Unit};
///
/// // Two provinces, 24 months of NEV output (10 thousand vehicles); March 2022 missing in one.
/// let unit: Unit = "万辆".parse()?;
/// let mut panel = Panel::new(Frequency::Monthly, Period::month(2021, 1)?, 24);
/// let a: Vec<Option<f64>> = (0..24).map(|i| Some(10.0 + i as f64)).collect();
/// let mut b: Vec<Option<f64>> = (0..24).map(|i| Some(30.0 + i as f64)).collect();
/// b[14] = None;
/// panel.push(PanelSeries::new("guangdong", unit.clone(), Kind::Flow), &a)?;
/// panel.push(PanelSeries::new("shanghai", unit.clone(), Kind::Flow), &b)?;
///
/// let yoy = panel.transform(Transform::Pc1)?;
/// let march = Period::month(2022, 3)?;
/// assert_eq!(yoy.get("shanghai", march), None); // a gap, not a shifted comparison
/// approx::assert_relative_eq!(yoy.get("guangdong", march).unwrap(), (24.0 / 12.0 - 1.0) * 100.0);
///
/// let share = panel.share_of_total()?;
/// approx::assert_relative_eq!(share.get("guangdong", Period::month(2021, 1)?).unwrap(), 25.0);
/// assert_eq!(share.get("guangdong", march), None); // the total is incomplete
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    frequency: Frequency,
    start: Period,
    periods: usize,
    series: Vec<PanelSeries>,
    index: HashMap<String, usize>,
    /// Row-major: series `s` occupies `values[s * periods..(s + 1) * periods]`.
    values: Vec<f64>,
    mask: Vec<bool>,
}

impl Panel {
    /// An empty panel of `periods` periods from `start`.
    ///
    /// # Panics
    /// When `start` is not of `frequency`, or when the span runs past the last year (9999).
    /// Nothing is ever replaced or clamped: use [`Panel::try_new`] to get an error instead.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Frequency, Period};
    /// let p = Panel::new(Frequency::Monthly, Period::month(2023, 1)?, 12);
    /// assert_eq!((p.len(), p.periods()), (0, 12));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    ///
    /// ```should_panic
    /// use indstat::{frame::Panel, Frequency, Period};
    /// // A yearly start for a monthly panel is a programming error, not a month to guess.
    /// Panel::new(Frequency::Monthly, Period::year(2023), 12);
    /// ```
    #[track_caller]
    pub fn new(frequency: Frequency, start: Period, periods: usize) -> Panel {
        match Panel::try_new(frequency, start, periods) {
            Ok(panel) => panel,
            Err(e) => panic!("Panel::new: {e}"),
        }
    }

    /// An empty panel of `periods` periods from `start`.
    ///
    /// # Errors
    /// When `start` is not of `frequency`, or the span runs past the last year.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Frequency, Period};
    /// assert!(Panel::try_new(Frequency::Monthly, Period::year(2023), 12).is_err());
    /// ```
    pub fn try_new(frequency: Frequency, start: Period, periods: usize) -> Result<Panel> {
        start.expect_frequency(frequency)?;
        if periods > 0 {
            let last = i64::try_from(periods - 1).map_err(|_| {
                Error::invalid(format!(
                    "a panel of {periods} periods runs past the last year"
                ))
            })?;
            start.shift(last)?;
        }
        Ok(Panel {
            frequency,
            start,
            periods,
            series: Vec::new(),
            index: HashMap::new(),
            values: Vec::new(),
            mask: Vec::new(),
        })
    }

    /// Adds a series from its values on the panel's periods (`None` for a gap).
    ///
    /// # Errors
    /// When the id exists, or `values` does not have one entry per period.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::{Panel, PanelSeries}, Frequency, Kind, Period, Unit};
    /// let mut p = Panel::new(Frequency::Annual, Period::year(2021), 2);
    /// p.push(PanelSeries::new("x", Unit::number(), Kind::Flow), &[Some(1.0), None])?;
    /// assert!(p.push(PanelSeries::new("x", Unit::number(), Kind::Flow), &[None, None]).is_err());
    /// assert!(p.push(PanelSeries::new("y", Unit::number(), Kind::Flow), &[None]).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn push(&mut self, series: PanelSeries, values: &[Option<f64>]) -> Result<()> {
        if values.len() != self.periods {
            return Err(Error::invalid(format!(
                "series `{}` has {} values for a panel of {} periods",
                series.id,
                values.len(),
                self.periods
            )));
        }
        self.add_row(series)?;
        let row = self.series.len() - 1;
        let (v, m) = self.row_mut(row);
        for (i, x) in values.iter().enumerate() {
            if let Some(x) = x.filter(|x| x.is_finite()) {
                v[i] = x;
                m[i] = true;
            }
        }
        Ok(())
    }

    fn add_row(&mut self, series: PanelSeries) -> Result<()> {
        if self.index.contains_key(&series.id) {
            return Err(Error::invalid(format!(
                "series `{}` is in the panel twice",
                series.id
            )));
        }
        self.index.insert(series.id.clone(), self.series.len());
        self.series.push(series);
        self.values.resize(self.values.len() + self.periods, 0.0);
        self.mask.resize(self.mask.len() + self.periods, false);
        Ok(())
    }

    fn row_mut(&mut self, row: usize) -> (&mut [f64], &mut [bool]) {
        let r = row * self.periods..(row + 1) * self.periods;
        (&mut self.values[r.clone()], &mut self.mask[r])
    }

    /// The dense values and validity of series number `row`.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::{Panel, PanelSeries}, Frequency, Kind, Period, Unit};
    /// let mut p = Panel::new(Frequency::Annual, Period::year(2021), 2);
    /// p.push(PanelSeries::new("x", Unit::number(), Kind::Flow), &[Some(1.0), None])?;
    /// assert_eq!(p.row(0), Some((&[1.0, 0.0][..], &[true, false][..])));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn row(&self, row: usize) -> Option<(&[f64], &[bool])> {
        if row >= self.series.len() {
            return None;
        }
        let r = row * self.periods..(row + 1) * self.periods;
        Some((&self.values[r.clone()], &self.mask[r]))
    }

    /// A panel of the given series (any spans; the panel covers their union).
    ///
    /// # Errors
    /// When the series have different frequencies or repeat an id.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Period};
    /// let data = Dataset::bundled()?;
    /// let nev: Vec<_> = ["nev_production", "nev_sales"].iter().map(|id| data.require(id).unwrap().to_f64()).collect();
    /// let p = Panel::from_series(&nev)?;
    /// assert_eq!(p.get("nev_sales", Period::year(2022)), Some(688.7));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn from_series(series: &[Series<f64>]) -> Result<Panel> {
        let Some(first) = series.first() else {
            return Err(Error::invalid("a panel needs at least one series"));
        };
        let frequency = first.frequency();
        let mut lo: Option<i64> = None;
        let mut hi: Option<i64> = None;
        for s in series {
            if s.frequency() != frequency {
                return Err(Error::invalid(format!(
                    "series `{}` is {} but `{}` is {}: a panel has one frequency",
                    s.id(),
                    s.frequency(),
                    first.id(),
                    frequency
                )));
            }
            if let Some((a, b)) = s.span() {
                lo = Some(lo.map_or(a.ordinal(), |l| l.min(a.ordinal())));
                hi = Some(hi.map_or(b.ordinal(), |h| h.max(b.ordinal())));
            }
        }
        let (start, periods) = match (lo, hi) {
            (Some(l), Some(h)) => (Period::from_ordinal(frequency, l)?, (h - l + 1) as usize),
            _ => (first.start().unwrap_or(Period::year(2000)), 0),
        };
        let start = if periods == 0 {
            Period::new(frequency, start.calendar_year(), 1)?
        } else {
            start
        };
        let mut panel = Panel::try_new(frequency, start, periods)?;
        for s in series {
            let meta = s.meta();
            panel.add_row(PanelSeries {
                id: meta.id.clone(),
                unit: meta.unit.clone(),
                kind: meta.kind,
                source: meta.source.clone(),
            })?;
            let row = panel.series.len() - 1;
            let offset = match s.start() {
                Some(p) => (p.ordinal() - panel.start.ordinal()) as usize,
                None => continue,
            };
            let (v, m) = panel.row_mut(row);
            let n = s.len();
            v[offset..offset + n].copy_from_slice(s.values());
            m[offset..offset + n].copy_from_slice(s.mask());
        }
        Ok(panel)
    }

    /// A panel of every series of `frequency` in a dataset (values as `f64`).
    ///
    /// # Errors
    /// When no series has that frequency.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Frequency};
    /// let p = Panel::from_dataset(&Dataset::bundled()?, Frequency::Annual)?;
    /// assert!(p.len() > 60);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn from_dataset(data: &Dataset, frequency: Frequency) -> Result<Panel> {
        let series: Vec<Series<f64>> = data
            .iter()
            .filter(|s| s.frequency() == frequency)
            .map(Series::to_f64)
            .collect();
        if series.is_empty() {
            return Err(Error::invalid(format!(
                "the dataset has no {frequency} series"
            )));
        }
        Panel::from_series(&series)
    }

    /// Applies a FRED transformation to every series (the dense kernel, row by row).
    ///
    /// # Errors
    /// When a series' unit refuses the transformation (a percent change of percentage points).
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Frequency, Period, Transform};
    /// let p = Panel::from_dataset(&Dataset::bundled()?, Frequency::Annual)?;
    /// let g = p.transform(Transform::Pc1)?;
    /// let nev = g.get("nev_production", Period::year(2022)).unwrap();
    /// approx::assert_relative_eq!(nev, (705.8 / 354.5 - 1.0) * 100.0, epsilon = 1e-9);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn transform(&self, transform: Transform) -> Result<Panel> {
        let mut out = self.empty_like();
        self.transform_into(transform, &mut out)?;
        Ok(out)
    }

    /// [`transform`](Panel::transform) into `out`, reusing its buffers.
    ///
    /// # Errors
    /// As [`transform`](Panel::transform).
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Frequency, Transform};
    /// let p = Panel::from_dataset(&Dataset::bundled()?, Frequency::Annual)?;
    /// let mut out = p.clone();
    /// p.transform_into(Transform::Ch1, &mut out)?;
    /// assert_eq!(out.len(), p.len());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn transform_into(&self, transform: Transform, out: &mut Panel) -> Result<()> {
        let units = self
            .series
            .iter()
            .map(|s| {
                transform
                    .output_unit(&s.unit)
                    .map_err(|e| e.context(format!("series `{}`", s.id)))
            })
            .collect::<Result<Vec<Unit>>>()?;
        self.reshape(out);
        for (s, unit) in out.series.iter_mut().zip(units) {
            s.unit = unit;
            if transform != Transform::Lin {
                s.kind = Kind::Rate;
            }
        }
        let n = self.frequency.periods_per_year();
        let p = self.periods.max(1);
        let rows = self
            .values
            .chunks(p)
            .zip(self.mask.chunks(p))
            .zip(out.values.chunks_mut(p).zip(out.mask.chunks_mut(p)));
        for ((v, m), (o, om)) in rows {
            fred_dense_into(transform, v, m, n, o, om)?;
        }
        Ok(())
    }

    /// Makes `out` a panel of the same shape and series as `self`, reusing its buffers.
    fn reshape(&self, out: &mut Panel) {
        out.frequency = self.frequency;
        out.start = self.start;
        out.periods = self.periods;
        out.series.clone_from(&self.series);
        out.index.clone_from(&self.index);
        out.values.resize(self.values.len(), 0.0);
        out.mask.resize(self.mask.len(), false);
    }

    fn empty_like(&self) -> Panel {
        Panel {
            frequency: self.frequency,
            start: self.start,
            periods: self.periods,
            series: Vec::new(),
            index: HashMap::new(),
            values: Vec::new(),
            mask: Vec::new(),
        }
    }

    /// The exact factors that bring every series into the first series' unit.
    fn common_factors(&self) -> Result<(Unit, Vec<f64>)> {
        let Some(first) = self.series.first() else {
            return Err(Error::invalid("the panel has no series"));
        };
        let factors = self
            .series
            .iter()
            .map(|s| {
                s.unit
                    .factor_to(&first.unit)
                    .map(|f| f.to_f64().unwrap_or(f64::NAN))
                    .map_err(|e| e.context(format!("series `{}` against `{}`", s.id, first.id)))
            })
            .collect::<Result<Vec<f64>>>()?;
        Ok((first.unit.clone(), factors))
    }

    /// The total across series for each period, in the first series' unit; a period is a gap
    /// unless every series has a value there (a partial total is not a total).
    fn totals(&self, factors: &[f64]) -> (Vec<f64>, Vec<bool>) {
        let p = self.periods;
        let mut total = vec![0.0; p];
        let mut complete = vec![true; p];
        for (r, f) in factors.iter().enumerate() {
            let (v, m) = (
                &self.values[r * p..(r + 1) * p],
                &self.mask[r * p..(r + 1) * p],
            );
            for i in 0..p {
                total[i] += v[i] * f;
                complete[i] &= m[i];
            }
        }
        (total, complete)
    }

    /// Each series' share of the period total across the panel, in percent. All series must
    /// be of one dimension (scales are converted exactly). A period where any series is
    /// missing has no total, so no shares (gaps), never shares of a partial total.
    ///
    /// # Errors
    /// Series of different dimensions; an empty panel.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::{Panel, PanelSeries}, Frequency, Kind, Period};
    /// let mut p = Panel::new(Frequency::Annual, Period::year(2022), 1);
    /// p.push(PanelSeries::new("industry", "亿元".parse()?, Kind::Flow), &[Some(401_644.0)])?;
    /// p.push(PanelSeries::new("rest", "trillion yuan".parse()?, Kind::Flow), &[Some(80.8563)])?;
    /// let s = p.share_of_total()?;
    /// approx::assert_relative_eq!(s.get("industry", Period::year(2022)).unwrap(), 401_644.0 / 1_210_207.0 * 100.0, epsilon = 1e-9);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn share_of_total(&self) -> Result<Panel> {
        let mut out = self.empty_like();
        self.share_of_total_into(&mut out)?;
        Ok(out)
    }

    /// [`share_of_total`](Panel::share_of_total) into `out`, reusing its buffers.
    ///
    /// # Errors
    /// As [`share_of_total`](Panel::share_of_total).
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Frequency};
    /// let data = Dataset::bundled()?;
    /// let parts: Vec<_> = ["primary_industry_value_added", "secondary_industry_value_added", "tertiary_industry_value_added"]
    ///     .iter().map(|id| data.require(id).unwrap().to_f64()).collect();
    /// let p = Panel::from_series(&parts)?;
    /// let mut out = p.clone();
    /// p.share_of_total_into(&mut out)?;
    /// let total: f64 = (0..3).map(|r| out.row(r).unwrap().0[0]).sum();
    /// approx::assert_relative_eq!(total, 100.0, epsilon = 1e-9);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn share_of_total_into(&self, out: &mut Panel) -> Result<()> {
        let (_, factors) = self.common_factors()?;
        let (total, complete) = self.totals(&factors);
        self.reshape(out);
        for s in &mut out.series {
            s.unit = Unit::percent();
            s.kind = Kind::Rate;
        }
        let p = self.periods;
        // 100 / total once per period, so the inner loop is a multiply.
        let scale: Vec<f64> = total
            .iter()
            .zip(&complete)
            .map(|(t, c)| if *c && *t != 0.0 { 100.0 / t } else { 0.0 })
            .collect();
        for (r, f) in factors.iter().enumerate() {
            let range = r * p..(r + 1) * p;
            let (v, m) = (&self.values[range.clone()], &self.mask[range.clone()]);
            let (o, om) = (&mut out.values[range.clone()], &mut out.mask[range]);
            for i in 0..p {
                let x = v[i] * f * scale[i];
                let ok = m[i] & (scale[i] != 0.0) & x.is_finite();
                o[i] = if ok { x } else { 0.0 };
                om[i] = ok;
            }
        }
        Ok(())
    }

    /// The sum across series for each period, in the first series' unit; a period is a gap
    /// unless every series has a value.
    ///
    /// # Errors
    /// Series of different dimensions; an empty panel.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Frequency, Period};
    /// let data = Dataset::bundled()?;
    /// let parts: Vec<_> = ["primary_industry_value_added", "secondary_industry_value_added", "tertiary_industry_value_added"]
    ///     .iter().map(|id| data.require(id).unwrap().to_f64()).collect();
    /// let gdp = Panel::from_series(&parts)?.sum("gdp_from_sectors")?;
    /// assert_eq!(gdp.value_at(Period::year(2022)), Some(1_210_207.0));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn sum(&self, id: &str) -> Result<Series<f64>> {
        let (unit, factors) = self.common_factors()?;
        let (total, complete) = self.totals(&factors);
        let kind = self.series.first().map_or(Kind::Flow, |s| s.kind);
        let meta = SeriesMeta::new(id, unit, self.frequency, kind);
        Series::from_dense(meta, self.start, total, complete)
    }

    /// The CAGR in percent of every series from `from` to `to` (`None` where a value is
    /// missing or the start is not positive).
    ///
    /// # Errors
    /// Periods of another frequency, or `to` not after `from`.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Frequency, Period};
    /// let data = Dataset::bundled()?;
    /// let p = Panel::from_series(&[data.require("nev_production")?.to_f64()])?;
    /// let c = p.cagr(Period::year(2016), Period::year(2022))?;
    /// approx::assert_relative_eq!(c[0].1.unwrap(), ((705.8f64 / 51.7).powf(1.0 / 6.0) - 1.0) * 100.0, epsilon = 1e-9);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn cagr(&self, from: Period, to: Period) -> Result<Vec<(String, Option<f64>)>> {
        let years_periods = from.periods_until(to)?;
        from.expect_frequency(self.frequency)?;
        if years_periods <= 0 {
            return Err(Error::invalid(format!("a CAGR needs {to} after {from}")));
        }
        let years = years_periods as f64 / f64::from(self.frequency.periods_per_year());
        Ok(self
            .series
            .iter()
            .map(|s| {
                let (a, b) = (self.get(&s.id, from), self.get(&s.id, to));
                let c = match (a, b) {
                    (Some(a), Some(b)) if a > 0.0 && b >= 0.0 => {
                        Some(((b / a).powf(1.0 / years) - 1.0) * 100.0).filter(|c| c.is_finite())
                    }
                    _ => None,
                };
                (s.id.clone(), c)
            })
            .collect())
    }

    /// The value of series `id` at `period`, if any.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Frequency, Period};
    /// let p = Panel::from_dataset(&Dataset::bundled()?, Frequency::Annual)?;
    /// assert_eq!(p.get("gdp", Period::year(2022)), Some(1_210_207.0));
    /// assert_eq!(p.get("gdp", Period::year(1990)), None);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn get(&self, id: &str, period: Period) -> Option<f64> {
        let r = *self.index.get(id)?;
        if period.frequency() != self.frequency {
            return None;
        }
        let i = period.ordinal() - self.start.ordinal();
        if i < 0 || i as usize >= self.periods {
            return None;
        }
        let at = r * self.periods + i as usize;
        self.mask[at].then_some(self.values[at])
    }

    /// Series `id` as a [`Series`] over the panel's span.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Frequency, Period};
    /// let p = Panel::from_dataset(&Dataset::bundled()?, Frequency::Annual)?;
    /// let s = p.series("nev_sales").unwrap();
    /// assert_eq!(s.value_at(Period::year(2022)), Some(688.7));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn series(&self, id: &str) -> Option<Series<f64>> {
        let r = *self.index.get(id)?;
        let info = &self.series[r];
        let mut meta = SeriesMeta::new(
            info.id.clone(),
            info.unit.clone(),
            self.frequency,
            info.kind,
        );
        meta.source.clone_from(&info.source);
        let (v, m) = self.row(r)?;
        Series::from_dense(meta, self.start, v.to_vec(), m.to_vec()).ok()
    }

    /// What the panel knows about series `id`.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Dataset, Frequency};
    /// let p = Panel::from_dataset(&Dataset::bundled()?, Frequency::Annual)?;
    /// assert_eq!(p.series_info("gdp").unwrap().source.as_deref(), Some("nbs-2023-02-28-communique-preliminary"));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn series_info(&self, id: &str) -> Option<&PanelSeries> {
        self.index.get(id).map(|r| &self.series[*r])
    }

    /// The ids, in row order.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Frequency, Period};
    /// assert_eq!(Panel::new(Frequency::Annual, Period::year(2022), 1).ids().count(), 0);
    /// ```
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.series.iter().map(|s| s.id.as_str())
    }

    /// The period of column `i`.
    ///
    /// # Errors
    /// When the period is past the last year.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Frequency, Period};
    /// let p = Panel::new(Frequency::Monthly, Period::month(2022, 11)?, 3);
    /// assert_eq!(p.period_at(2)?.to_string(), "2023-01");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn period_at(&self, i: usize) -> Result<Period> {
        self.start.shift(i as i64)
    }

    /// Number of series.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Frequency, Period};
    /// assert_eq!(Panel::new(Frequency::Annual, Period::year(2022), 1).len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.series.len()
    }

    /// Whether the panel has no series.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Frequency, Period};
    /// assert!(Panel::new(Frequency::Annual, Period::year(2022), 1).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// Number of periods on the axis.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Frequency, Period};
    /// assert_eq!(Panel::new(Frequency::Annual, Period::year(2022), 5).periods(), 5);
    /// ```
    pub fn periods(&self) -> usize {
        self.periods
    }

    /// The first period of the axis.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Frequency, Period};
    /// assert_eq!(Panel::new(Frequency::Annual, Period::year(2022), 5).start(), Period::year(2022));
    /// ```
    pub fn start(&self) -> Period {
        self.start
    }

    /// The frequency.
    ///
    /// # Example
    /// ```
    /// use indstat::{frame::Panel, Frequency, Period};
    /// assert_eq!(Panel::new(Frequency::Annual, Period::year(2022), 5).frequency(), Frequency::Annual);
    /// ```
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }
}
