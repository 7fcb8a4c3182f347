//! Typed series: observations indexed by period, with unit, frequency, kind and sources.
//!
//! Storage is dense over the series' span (a value slot per period, a validity mask for gaps),
//! so lags are index arithmetic and bulk kernels run over contiguous memory. The value type is
//! a parameter: `Series<Decimal>` (the default) is exact and keeps each observation's
//! precision, qualifier and source; `Series<f64>` is for bulk computation and keeps values and
//! gaps only.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::error::{Error, ErrorKind, Result};
use crate::gap::Gap;
use crate::interval::Interval;
use crate::period::{Frequency, Period};
use crate::source::Lineage;
use crate::unit::Unit;

mod observation;

use observation::Detail;
pub use observation::{Observation, Precision};

/// What an indicator measures over time, which decides how it aggregates and which checks make
/// sense.
///
/// # Example
/// ```
/// use indstat::Kind;
/// assert_eq!("stock".parse::<Kind>()?, Kind::Stock);
/// assert!("level".parse::<Kind>().is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A level at a point in time (5G base stations at the end of the year): aggregates by
    /// taking the end of period; its change over a period is that period's flow.
    Stock,
    /// An amount over the period (NEV output in the year): aggregates by summing.
    Flow,
    /// A rate, share or growth (percent of GDP, yoy %): aggregates by averaging, or is
    /// recomputed from its components.
    Rate,
}

crate::string_enum::string_enum!(Kind, what = "kind", path = "indstat::Kind", {
    Stock => "stock",
    Flow => "flow",
    Rate => "rate",
});

/// What a series is: id, name, unit, frequency, kind, source, and how it was derived.
///
/// # Example
/// ```
/// use indstat::{Frequency, Kind, SeriesMeta};
/// let meta = SeriesMeta::new("nev_production", "10 thousand vehicles".parse()?, Frequency::Annual, Kind::Flow)
///     .with_name("NEV production (CAAM)")
///     .with_source("caam-2023-01");
/// assert_eq!(meta.unit.to_string(), "10 thousand vehicles");
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesMeta {
    /// Unique id within a dataset.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// Unit of every value (observations in another unit are converted on insertion).
    pub unit: Unit,
    /// Frequency of every period.
    pub frequency: Frequency,
    /// Stock, flow or rate.
    pub kind: Kind,
    /// Source id of the series (observations may override it).
    pub source: Option<String>,
    /// Anything a reader should know.
    pub note: Option<String>,
    /// How the series was derived, if it was.
    pub lineage: Option<Lineage>,
    /// Other names of the series, English and Chinese (`5G base stations`, `5G基站`), by which
    /// [`extract`](crate::extract) matches the figures of a transcript to it.
    pub aliases: Vec<String>,
}

impl SeriesMeta {
    /// Metadata with the id as name and no source, note or lineage.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, SeriesMeta, Unit};
    /// let m = SeriesMeta::new("gdp", "亿元".parse()?, Frequency::Annual, Kind::Flow);
    /// assert_eq!(m.name, "gdp");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn new(id: impl Into<String>, unit: Unit, frequency: Frequency, kind: Kind) -> SeriesMeta {
        let id = id.into();
        SeriesMeta {
            name: id.clone(),
            id,
            unit,
            frequency,
            kind,
            source: None,
            note: None,
            lineage: None,
            aliases: Vec::new(),
        }
    }

    /// The other names of the series (`aliases` in series.toml), in file order.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, SeriesMeta, Unit};
    /// let m = SeriesMeta::new("nev_production", Unit::number(), Frequency::Annual, Kind::Flow)
    ///     .with_aliases(["NEV output", "新能源汽车产量"]);
    /// assert_eq!(m.aliases(), ["NEV output", "新能源汽车产量"]);
    /// ```
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    /// The same metadata with these aliases (replacing any it had).
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, SeriesMeta, Unit};
    /// let m = SeriesMeta::new("gdp", Unit::number(), Frequency::Annual, Kind::Flow).with_aliases(["GDP"]);
    /// assert_eq!(m.aliases().len(), 1);
    /// ```
    pub fn with_aliases<S: Into<String>>(
        mut self,
        aliases: impl IntoIterator<Item = S>,
    ) -> SeriesMeta {
        self.aliases = aliases.into_iter().map(Into::into).collect();
        self
    }

    /// The same metadata with a name.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, SeriesMeta, Unit};
    /// let m = SeriesMeta::new("gdp", Unit::number(), Frequency::Annual, Kind::Flow).with_name("GDP");
    /// assert_eq!(m.name, "GDP");
    /// ```
    pub fn with_name(mut self, name: impl Into<String>) -> SeriesMeta {
        self.name = name.into();
        self
    }

    /// The same metadata with a source id.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, SeriesMeta, Unit};
    /// let m = SeriesMeta::new("gdp", Unit::number(), Frequency::Annual, Kind::Flow).with_source("nbs");
    /// assert_eq!(m.source.as_deref(), Some("nbs"));
    /// ```
    pub fn with_source(mut self, source: impl Into<String>) -> SeriesMeta {
        self.source = Some(source.into());
        self
    }
}

/// What a [`Series`] holds: a `Copy` value, and the filler stored in the slot of a gap
/// (never read as data: the series' mask says which slots hold values).
///
/// Every `Copy + Default` type is one, filling gaps with its default (`f64`, `Decimal`, your
/// own types). [`Interval`] is one without a `Default`: its filler is the point zero, which
/// would be a wrong default for an interval (it claims the value is exactly 0).
///
/// # Example
/// ```
/// use indstat::{Element, Interval};
/// assert_eq!(f64::gap_filler(), 0.0);
/// assert!(Interval::gap_filler().is_point());
/// ```
pub trait Element: Copy {
    /// The value kept in the slot of a gap.
    fn gap_filler() -> Self;
}

impl<T: Copy + Default> Element for T {
    fn gap_filler() -> T {
        T::default()
    }
}

impl Element for Interval {
    fn gap_filler() -> Interval {
        Interval::point(Decimal::ZERO)
    }
}

/// A time series: metadata plus values indexed by period, gaps explicit.
///
/// # Example
/// ```
/// use indstat::{Frequency, Kind, Period, Series, SeriesMeta};
/// use rust_decimal::Decimal;
///
/// let meta = SeriesMeta::new("fiveg_base_stations", "10 thousand base stations".parse()?,
///     Frequency::Annual, Kind::Stock);
/// let mut s = Series::new(meta);
/// s.insert(Period::year(2021), "142.5".parse().unwrap())?;
/// s.insert(Period::year(2022), "231.2".parse().unwrap())?;
/// assert_eq!(s.value_at(Period::year(2022)), Some("231.2".parse().unwrap()));
/// assert_eq!(s.value_at(Period::year(2020)), None);
/// // A duplicate period or a period of another frequency is an error.
/// assert!(s.insert(Period::year(2022), Decimal::ONE).is_err());
/// assert!(s.insert("2022Q1".parse()?, Decimal::ONE).is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Series<V = Decimal> {
    meta: SeriesMeta,
    start: Option<Period>,
    values: Vec<V>,
    present: Vec<bool>,
    /// Empty, or one entry per slot (`None` for a gap or a plain value with no details).
    details: Vec<Option<Box<Detail>>>,
    /// Why computed values are missing, for the gaps that have a known reason.
    gaps: BTreeMap<Period, Gap>,
}

impl<V: Element> Series<V> {
    /// An empty series.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Series, SeriesMeta, Unit};
    /// let s: Series = Series::new(SeriesMeta::new("x", Unit::percent(), Frequency::Monthly, Kind::Rate));
    /// assert!(s.is_empty());
    /// ```
    pub fn new(meta: SeriesMeta) -> Series<V> {
        Series {
            meta,
            start: None,
            values: Vec::new(),
            present: Vec::new(),
            details: Vec::new(),
            gaps: BTreeMap::new(),
        }
    }

    /// A series from dense parts: the first period, one value per period, and a mask that is
    /// `false` for gaps (the value there is ignored).
    ///
    /// # Errors
    /// When `values` and `present` differ in length, `start` has another frequency than
    /// `meta`, or the span runs past the last representable year.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let meta = SeriesMeta::new("x", Unit::number(), Frequency::Monthly, Kind::Flow);
    /// let s = Series::from_dense(meta, Period::month(2023, 1)?, vec![1.0, 0.0, 3.0], vec![true, false, true])?;
    /// assert_eq!(s.value_at(Period::month(2023, 2)?), None);
    /// assert_eq!(s.value_at(Period::month(2023, 3)?), Some(3.0));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn from_dense(
        meta: SeriesMeta,
        start: Period,
        values: Vec<V>,
        present: Vec<bool>,
    ) -> Result<Series<V>> {
        if values.len() != present.len() {
            return Err(Error::invalid(format!(
                "{} values but {} validity flags",
                values.len(),
                present.len()
            ))
            .context(format!("series `{}`", meta.id)));
        }
        start
            .expect_frequency(meta.frequency)
            .map_err(|e| e.context(format!("series `{}`", meta.id)))?;
        if !values.is_empty() {
            start.shift(values.len() as i64 - 1)?;
        }
        let start = (!values.is_empty()).then_some(start);
        Ok(Series {
            meta,
            start,
            values,
            present,
            details: Vec::new(),
            gaps: BTreeMap::new(),
        })
    }

    /// The metadata.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Series, SeriesMeta, Unit};
    /// let s: Series = Series::new(SeriesMeta::new("gdp", Unit::number(), Frequency::Annual, Kind::Flow));
    /// assert_eq!(s.meta().id, "gdp");
    /// ```
    pub fn meta(&self) -> &SeriesMeta {
        &self.meta
    }

    /// The metadata, to change (renaming, setting lineage). Changing the unit or frequency
    /// does not convert the values: use the transforms for that.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Series, SeriesMeta, Unit};
    /// let mut s: Series = Series::new(SeriesMeta::new("gdp", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.meta_mut().name = "Gross domestic product".into();
    /// assert_eq!(s.meta().name, "Gross domestic product");
    /// ```
    pub fn meta_mut(&mut self) -> &mut SeriesMeta {
        &mut self.meta
    }

    /// The id (shorthand for `meta().id`).
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Series, SeriesMeta, Unit};
    /// let s: Series = Series::new(SeriesMeta::new("gdp", Unit::number(), Frequency::Annual, Kind::Flow));
    /// assert_eq!(s.id(), "gdp");
    /// ```
    pub fn id(&self) -> &str {
        &self.meta.id
    }

    /// The unit (shorthand for `meta().unit`).
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Series, SeriesMeta, Unit};
    /// let s: Series = Series::new(SeriesMeta::new("g", Unit::percent(), Frequency::Annual, Kind::Rate));
    /// assert_eq!(s.unit(), &Unit::percent());
    /// ```
    pub fn unit(&self) -> &Unit {
        &self.meta.unit
    }

    /// The frequency (shorthand for `meta().frequency`).
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Series, SeriesMeta, Unit};
    /// let s: Series = Series::new(SeriesMeta::new("g", Unit::percent(), Frequency::Monthly, Kind::Rate));
    /// assert_eq!(s.frequency(), Frequency::Monthly);
    /// ```
    pub fn frequency(&self) -> Frequency {
        self.meta.frequency
    }

    /// First and last period of the span (gaps inside the span included), if not empty.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s = Series::new(SeriesMeta::new("g", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2016), 1.0)?;
    /// s.insert(Period::year(2022), 2.0)?;
    /// assert_eq!(s.span(), Some((Period::year(2016), Period::year(2022))));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn span(&self) -> Option<(Period, Period)> {
        let start = self.start?;
        let end = start.shift(self.values.len() as i64 - 1).ok()?;
        Some((start, end))
    }

    /// The first period of the span.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s = Series::new(SeriesMeta::new("g", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2020), 1.0)?;
    /// assert_eq!(s.start(), Some(Period::year(2020)));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn start(&self) -> Option<Period> {
        self.start
    }

    /// Number of periods in the span, gaps included.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s = Series::new(SeriesMeta::new("g", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2016), 1.0)?;
    /// s.insert(Period::year(2018), 1.0)?;
    /// assert_eq!((s.len(), s.count()), (3, 2));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the series has no periods.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Series, SeriesMeta, Unit};
    /// let s: Series<f64> = Series::new(SeriesMeta::new("g", Unit::number(), Frequency::Annual, Kind::Flow));
    /// assert!(s.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Number of periods that have a value.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s = Series::new(SeriesMeta::new("g", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2016), 1.0)?;
    /// assert_eq!(s.count(), 1);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn count(&self) -> usize {
        self.present.iter().filter(|p| **p).count()
    }

    /// The dense values, one per period of the span; read [`mask`](Series::mask) for gaps.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s = Series::new(SeriesMeta::new("g", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2016), 1.5)?;
    /// s.insert(Period::year(2018), 2.5)?;
    /// assert_eq!(s.values(), &[1.5, 0.0, 2.5]);
    /// assert_eq!(s.mask(), &[true, false, true]);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn values(&self) -> &[V] {
        &self.values
    }

    /// The validity mask: `false` where a period of the span has no value.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s = Series::new(SeriesMeta::new("g", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2016), 1.0)?;
    /// assert_eq!(s.mask(), &[true]);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn mask(&self) -> &[bool] {
        &self.present
    }

    /// Index of `period` in the dense storage, if it is inside the span.
    fn index(&self, period: Period) -> Option<usize> {
        if period.frequency() != self.meta.frequency {
            return None;
        }
        let start = self.start?;
        let offset = period.ordinal() - start.ordinal();
        (offset >= 0 && (offset as usize) < self.values.len()).then_some(offset as usize)
    }

    /// The value at `period`, or `None` for a gap, a period outside the span, or a period of
    /// another frequency.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s = Series::new(SeriesMeta::new("g", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2016), 1.0)?;
    /// assert_eq!(s.value_at(Period::year(2016)), Some(1.0));
    /// assert_eq!(s.value_at(Period::year(2017)), None);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn value_at(&self, period: Period) -> Option<V> {
        let i = self.index(period)?;
        self.present[i].then(|| self.values[i])
    }

    /// Deprecated: [`Series::value_at`] says what it returns.
    ///
    /// # Example
    /// ```
    /// # #![allow(deprecated)]
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s = Series::new(SeriesMeta::new("g", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2016), 1.0)?;
    /// assert_eq!(s.get(Period::year(2016)), s.value_at(Period::year(2016)));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    #[deprecated(since = "0.2.0", note = "use `value_at`")]
    pub fn get(&self, period: Period) -> Option<V> {
        self.value_at(period)
    }

    /// Adds a value for `period`.
    ///
    /// # Errors
    /// [`ErrorKind::DuplicatePeriod`] when the period already has a value;
    /// [`ErrorKind::FrequencyMismatch`] when the period has another frequency.
    ///
    /// # Example
    /// ```
    /// use indstat::{ErrorKind, Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s = Series::new(SeriesMeta::new("g", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2022), 1.0)?;
    /// s.insert(Period::year(2020), 2.0)?; // earlier periods extend the span backwards
    /// let err = s.insert(Period::year(2022), 3.0).unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::DuplicatePeriod { .. }));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn insert(&mut self, period: Period, value: V) -> Result<()> {
        let i = self.slot(period)?;
        self.values[i] = value;
        self.present[i] = true;
        self.gaps.remove(&period);
        Ok(())
    }

    /// Makes this series a dense series of `len` slots from `start` with `meta`, keeping its
    /// buffers' capacity, and returns the buffers (values and validity) for a kernel that
    /// writes every slot. Their old contents are left in place: the caller overwrites them.
    pub(crate) fn reset_dense(
        &mut self,
        meta: SeriesMeta,
        start: Option<Period>,
        len: usize,
    ) -> (&mut [V], &mut [bool]) {
        self.meta = meta;
        self.start = start;
        self.values.resize(len, V::gap_filler());
        self.present.resize(len, false);
        self.details.clear();
        self.gaps.clear();
        (&mut self.values, &mut self.present)
    }

    /// Records a gap reason at a period known to be in the span (no checks; for kernels).
    pub(crate) fn put_gap(&mut self, period: Period, gap: Gap) {
        self.gaps.insert(period, gap);
    }

    /// Why the value at `period` is missing, when a computation recorded a reason.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Gap, Kind, Period, Series, SeriesMeta, Transform, Unit};
    /// let mut s: Series = Series::new(SeriesMeta::new("nev", "万辆".parse()?, Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2021), "354.5".parse().unwrap())?;
    /// s.insert(Period::year(2022), "705.8".parse().unwrap())?;
    /// let growth = Transform::Pc1.apply(&s)?;
    /// assert_eq!(
    ///     growth.gap(Period::year(2021)),
    ///     Some(&Gap::NoValue { series: "nev".into(), period: Period::year(2020) })
    /// );
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn gap(&self, period: Period) -> Option<&Gap> {
        self.gaps.get(&period)
    }

    /// Every recorded gap reason, in period order.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Transform};
    /// let mut s: Series = Series::new(SeriesMeta::new("nev", "万辆".parse()?, Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2022), "705.8".parse().unwrap())?;
    /// assert_eq!(Transform::Pch.apply(&s)?.gaps().count(), 1);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn gaps(&self) -> impl Iterator<Item = (Period, &Gap)> + '_ {
        self.gaps.iter().map(|(p, g)| (*p, g))
    }

    /// Records why the value at `period` is missing (extending the span if needed). A period
    /// that has a value keeps it and gets no reason.
    ///
    /// # Errors
    /// When `period` has another frequency than the series.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Gap, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s: Series = Series::new(SeriesMeta::new("x", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.set_gap(Period::year(2020), Gap::Incomplete { have: 3, need: 4 })?;
    /// assert_eq!(s.len(), 1);
    /// assert!(s.gap(Period::year(2020)).is_some());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn set_gap(&mut self, period: Period, gap: Gap) -> Result<()> {
        if self.value_at(period).is_some() {
            return Ok(());
        }
        if self.index(period).is_none() {
            // Extend the span without marking a value.
            let i = self.slot(period)?;
            self.present[i] = false;
        }
        self.gaps.insert(period, gap);
        Ok(())
    }

    /// Widens the span to cover `first..=last` in one step, so that a loader inserting rows in
    /// any order moves the stored values at most once (inserting before the start one period
    /// at a time would move them every time).
    pub(crate) fn cover(&mut self, first: Period, last: Period) -> Result<()> {
        let here = || format!("series `{}`", self.meta.id);
        for p in [first, last] {
            p.expect_frequency(self.meta.frequency)
                .map_err(|e| e.context(here()))?;
        }
        let (first, last) = (first.min(last), first.max(last));
        let (start, end) = match self.span() {
            Some((a, b)) => (a.min(first), b.max(last)),
            None => (first, last),
        };
        let len = usize::try_from(end.ordinal() - start.ordinal() + 1).map_err(|_| {
            Error::invalid(format!("the span {start}–{end} is not a span")).context(here())
        })?;
        let before = match self.start {
            Some(old) => usize::try_from(old.ordinal() - start.ordinal()).unwrap_or(0),
            None => 0,
        };
        if before > 0 {
            self.values
                .splice(0..0, std::iter::repeat_n(V::gap_filler(), before));
            self.present
                .splice(0..0, std::iter::repeat_n(false, before));
            if !self.details.is_empty() {
                self.details.splice(0..0, std::iter::repeat_n(None, before));
            }
        }
        self.start = Some(start);
        self.values.resize(len, V::gap_filler());
        self.present.resize(len, false);
        if !self.details.is_empty() {
            self.details.resize(len, None);
        }
        Ok(())
    }

    /// Makes room for `period` and returns its index; errors on a duplicate or wrong frequency.
    fn slot(&mut self, period: Period) -> Result<usize> {
        let here = || format!("series `{}`", self.meta.id);
        period
            .expect_frequency(self.meta.frequency)
            .map_err(|e| e.context(here()))?;
        let Some(start) = self.start else {
            self.start = Some(period);
            self.values.push(V::gap_filler());
            self.present.push(false);
            self.details.clear();
            return Ok(0);
        };
        let offset = period.ordinal() - start.ordinal();
        if offset < 0 {
            let n = offset.unsigned_abs() as usize;
            self.values
                .splice(0..0, std::iter::repeat_n(V::gap_filler(), n));
            self.present.splice(0..0, std::iter::repeat_n(false, n));
            if !self.details.is_empty() {
                self.details.splice(0..0, std::iter::repeat_n(None, n));
            }
            self.start = Some(period);
            return Ok(0);
        }
        let i = offset as usize;
        if i >= self.values.len() {
            self.values.resize(i + 1, V::gap_filler());
            self.present.resize(i + 1, false);
            if !self.details.is_empty() {
                self.details.resize(i + 1, None);
            }
        } else if self.present[i] {
            return Err(Error::new(ErrorKind::DuplicatePeriod {
                period: period.to_string(),
            })
            .context(here()));
        }
        Ok(i)
    }

    /// Every period of the span with its value or `None` for a gap, in order.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s = Series::new(SeriesMeta::new("g", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2016), 1.0)?;
    /// s.insert(Period::year(2018), 3.0)?;
    /// let all: Vec<_> = s.iter().map(|(p, v)| (p.to_string(), v)).collect();
    /// assert_eq!(all, [("2016".to_string(), Some(1.0)), ("2017".into(), None), ("2018".into(), Some(3.0))]);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (Period, Option<V>)> + '_ {
        let start = self.start;
        self.values
            .iter()
            .zip(&self.present)
            .enumerate()
            .filter_map(move |(i, (v, p))| {
                let period = start?.shift(i as i64).ok()?;
                Some((period, p.then_some(*v)))
            })
    }

    /// The periods that have a value, with the value.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s = Series::new(SeriesMeta::new("g", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2016), 1.0)?;
    /// s.insert(Period::year(2018), 3.0)?;
    /// assert_eq!(s.observations().count(), 2);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn observations(&self) -> impl Iterator<Item = (Period, V)> + '_ {
        self.iter().filter_map(|(p, v)| Some((p, v?)))
    }

    /// The same series with values mapped by `f` (gaps stay gaps; details are dropped).
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s = Series::new(SeriesMeta::new("g", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2016), 1.0)?;
    /// let doubled: Series<f64> = s.map(|v| v * 2.0);
    /// assert_eq!(doubled.value_at(Period::year(2016)), Some(2.0));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn map<W: Element>(&self, f: impl Fn(V) -> W) -> Series<W> {
        Series {
            meta: self.meta.clone(),
            start: self.start,
            values: self
                .values
                .iter()
                .zip(&self.present)
                .map(|(v, p)| if *p { f(*v) } else { W::gap_filler() })
                .collect(),
            present: self.present.clone(),
            details: Vec::new(),
            gaps: self.gaps.clone(),
        }
    }
}

impl Series<Decimal> {
    /// The same series in `f64`, for bulk computation (details dropped; gaps kept).
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta};
    /// let mut s = Series::new(SeriesMeta::new("nev", "万辆".parse()?, Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2022), "705.8".parse().unwrap())?;
    /// assert_eq!(s.to_f64().value_at(Period::year(2022)), Some(705.8));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn to_f64(&self) -> Series<f64> {
        self.map(|v| v.to_f64().unwrap_or(f64::NAN))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(freq: Frequency) -> SeriesMeta {
        SeriesMeta::new("t", "万辆".parse().unwrap(), freq, Kind::Flow)
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn gaps_stay_gaps_and_spans_grow_both_ways() {
        let mut s: Series = Series::new(meta(Frequency::Monthly));
        s.insert(Period::month(2023, 3).unwrap(), d("3")).unwrap();
        s.insert(Period::month(2023, 1).unwrap(), d("1")).unwrap();
        s.insert(Period::month(2023, 6).unwrap(), d("6")).unwrap();
        assert_eq!(s.len(), 6);
        assert_eq!(s.count(), 3);
        assert_eq!(s.value_at(Period::month(2023, 2).unwrap()), None);
        assert_eq!(s.value_at(Period::month(2023, 6).unwrap()), Some(d("6")));
        let periods: Vec<String> = s.observations().map(|(p, _)| p.to_string()).collect();
        assert_eq!(periods, ["2023-01", "2023-03", "2023-06"]);
    }

    #[test]
    fn duplicate_and_wrong_frequency_are_errors_naming_the_series() {
        let mut s: Series = Series::new(meta(Frequency::Annual));
        s.insert(Period::year(2022), d("1")).unwrap();
        let dup = s.insert(Period::year(2022), d("2")).unwrap_err();
        assert_eq!(dup.to_string(), "series `t`: period `2022` is given twice");
        let freq = s
            .insert(Period::month(2022, 1).unwrap(), d("2"))
            .unwrap_err();
        assert_eq!(
            freq.to_string(),
            "series `t`: period `2022-01` is not annual"
        );
        // The failed inserts left the series as it was.
        assert_eq!(s.value_at(Period::year(2022)), Some(d("1")));
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn details_survive_insertions_before_the_start() {
        let mut s: Series = Series::new(meta(Frequency::Annual));
        s.insert_observation(
            Period::year(2022),
            Observation::new(d("705.8")).with_source("caam-2023-01"),
        )
        .unwrap();
        s.insert(Period::year(2016), d("51.7")).unwrap();
        let o = s.observation(Period::year(2022)).unwrap();
        assert_eq!(o.source.as_deref(), Some("caam-2023-01"));
        assert_eq!(s.observation(Period::year(2016)).unwrap().value, d("51.7"));
    }

    #[test]
    fn converted_observations_keep_their_written_precision() {
        // 37.3 trillion yuan in 100 million yuan: ±0.05 trillion = ±500 亿.
        let unit: Unit = "亿元".parse().unwrap();
        let o = Observation::from_figure(&"37.3 trillion yuan".parse().unwrap(), &unit).unwrap();
        let i = o.interval().unwrap();
        assert!(i.contains(d("372500")) && !i.contains(d("373500")));
        // 2.31 million base stations in 万: [230.5, 231.5).
        let unit: Unit = "10 thousand base stations".parse().unwrap();
        let o =
            Observation::from_figure(&"more than 2.31 million".parse().unwrap(), &unit).unwrap();
        assert_eq!(o.interval().unwrap().to_string(), "[231, 232)");
    }
}
