//! One observation and what is known about it: its value, how precisely and with what
//! qualifier it was reported, how it was rounded, its source, locator, note and status; and
//! how a series of reported values keeps those details beside its values.

use rust_decimal::Decimal;

use super::{Element, Series};
use crate::error::Result;
use crate::figure::{
    Figure, Qualifier, Reading, Rounding, reported_interval, significant_exponent,
};
use crate::interval::Interval;
use crate::period::Period;
use crate::unit::Unit;

/// How precisely a value was reported: one unit of its last written digit and of its last
/// significant digit, as powers of ten in the series' unit.
///
/// `37.3 trillion yuan` stored in 100 million yuan is 373000 with `written = 3` (one unit of
/// the written 0.1 trillion is 10^3 亿).
///
/// # Example
/// ```
/// use indstat::Precision;
/// let p = Precision::of_written("705.8".parse().unwrap());
/// assert_eq!((p.written, p.significant), (-1, -1));
/// assert_eq!(Precision::of_written("5200".parse().unwrap()).significant, 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Precision {
    /// Exponent of one unit of the last written digit (−1 for one decimal).
    pub written: i32,
    /// Exponent of one unit of the last significant digit (2 for `5200`).
    pub significant: i32,
}

impl Precision {
    /// The precision of a value as written (its decimals and trailing zeros).
    ///
    /// # Example
    /// ```
    /// use indstat::Precision;
    /// assert_eq!(Precision::of_written("33.20".parse().unwrap()).written, -2);
    /// ```
    pub fn of_written(v: Decimal) -> Precision {
        Precision {
            written: -(v.scale() as i32),
            significant: significant_exponent(v),
        }
    }

    /// The same precision after a conversion by 10^`shift` (a value multiplied by 10^shift has
    /// its digits' units multiplied by 10^shift too).
    fn shifted(self, shift: i32) -> Precision {
        Precision {
            written: self.written + shift,
            significant: self.significant + shift,
        }
    }
}

/// One observation with everything known about it.
///
/// # Example
/// ```
/// use indstat::{Observation, Qualifier};
/// let o = Observation::new("5200".parse().unwrap()).with_qualifier(Qualifier::MoreThan);
/// assert_eq!(o.interval()?.to_string(), "[5200, 5300)");
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The value in the series' unit.
    pub value: Decimal,
    /// How it was qualified when reported.
    pub qualifier: Qualifier,
    /// How precisely it was reported; `None` for an exact (computed) value.
    pub precision: Option<Precision>,
    /// How it was shortened to its written digits.
    pub rounding: Rounding,
    /// Source id, overriding the series' source.
    pub source: Option<String>,
    /// Where in the source (a quote).
    pub locator: Option<String>,
    /// Anything a reader should know.
    pub note: Option<String>,
    /// The publisher's status code for the value (SDMX `OBS_STATUS`, JSON-stat `status`, the
    /// `status` column of observations.csv): `P` provisional, `E` estimated, `A` normal, ….
    pub status: Option<String>,
}

impl Observation {
    /// A plain observation whose precision is its written decimals.
    ///
    /// # Example
    /// ```
    /// use indstat::Observation;
    /// let o = Observation::new("231.2".parse().unwrap());
    /// assert_eq!(o.interval()?.to_string(), "[231.15, 231.25)");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn new(value: Decimal) -> Observation {
        Observation {
            value,
            qualifier: Qualifier::Plain,
            precision: Some(Precision::of_written(value)),
            rounding: Rounding::HalfAwayFromZero,
            source: None,
            locator: None,
            note: None,
            status: None,
        }
    }

    /// An exact value (a computation's result): its interval is the point.
    ///
    /// # Example
    /// ```
    /// use indstat::Observation;
    /// assert!(Observation::exact("0.5".parse().unwrap()).interval()?.is_point());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn exact(value: Decimal) -> Observation {
        Observation {
            precision: None,
            ..Observation::new(value)
        }
    }

    /// An observation from a reported figure, converted exactly into `unit`.
    ///
    /// # Errors
    /// When the figure's unit cannot convert to `unit`, or the value overflows.
    ///
    /// # Example
    /// ```
    /// use indstat::{Figure, Observation, Unit};
    /// let unit: Unit = "100 million yuan".parse()?;
    /// let o = Observation::from_figure(&"37.3 trillion yuan".parse()?, &unit)?;
    /// assert_eq!(o.value, "373000".parse().unwrap());
    /// assert_eq!(o.interval()?.to_string(), "[372500, 373500)");
    /// assert!(Observation::from_figure(&"37.3万辆".parse()?, &unit).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn from_figure(figure: &Figure, unit: &Unit) -> Result<Observation> {
        let own = figure.unit_against(unit)?;
        let value = own.convert(figure.value(), unit)?;
        let shift = own.scale().exponent() as i32 - unit.scale().exponent() as i32;
        Ok(Observation {
            value,
            qualifier: figure.qualifier(),
            precision: Some(Precision::of_written(figure.value()).shifted(shift)),
            ..Observation::new(value)
        })
    }

    /// The same observation with a qualifier.
    ///
    /// # Example
    /// ```
    /// use indstat::{Observation, Qualifier};
    /// let o = Observation::new("72".parse().unwrap()).with_qualifier(Qualifier::Nearly);
    /// assert_eq!(o.interval()?.to_string(), "(71, 72]");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn with_qualifier(mut self, qualifier: Qualifier) -> Observation {
        self.qualifier = qualifier;
        self
    }

    /// The same observation with a source id.
    ///
    /// # Example
    /// ```
    /// use indstat::Observation;
    /// let o = Observation::new("1".parse().unwrap()).with_source("caam-2023-01");
    /// assert_eq!(o.source.as_deref(), Some("caam-2023-01"));
    /// ```
    pub fn with_source(mut self, source: impl Into<String>) -> Observation {
        self.source = Some(source.into());
        self
    }

    /// The values this observation stands for, read with its own rounding.
    ///
    /// # Errors
    /// On overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::{Observation, Rounding};
    /// let mut o = Observation::new("705.8".parse().unwrap());
    /// o.rounding = Rounding::Truncate;
    /// assert_eq!(o.interval()?.to_string(), "[705.8, 705.9)");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn interval(&self) -> Result<Interval> {
        self.interval_with(&Reading {
            rounding: self.rounding,
            ..Reading::default()
        })
    }

    /// The values this observation stands for, read as `reading` says.
    ///
    /// # Errors
    /// On overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::{Observation, Qualifier, Reading};
    /// let o = Observation::new("650".parse().unwrap()).with_qualifier(Qualifier::MoreThan);
    /// let strict = Reading { strict: true, ..Reading::default() };
    /// assert_eq!(o.interval_with(&strict)?.to_string(), "(650, +∞)");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn interval_with(&self, reading: &Reading) -> Result<Interval> {
        match self.precision {
            None => Ok(Interval::point(self.value)),
            Some(p) => reported_interval(
                self.value,
                p.written,
                p.significant,
                self.qualifier,
                reading,
            ),
        }
    }

    /// Whether this is what [`Observation::new`] makes of its value: nothing known beyond it.
    pub(crate) fn is_plain(&self) -> bool {
        *self == Observation::new(self.value)
    }

    /// The value with its qualifier, as text: `more than 650`, `705.8`.
    ///
    /// # Example
    /// ```
    /// use indstat::{Observation, Qualifier};
    /// let o = Observation::new("650".parse().unwrap()).with_qualifier(Qualifier::MoreThan);
    /// assert_eq!(o.describe(), "more than 650");
    /// ```
    pub fn describe(&self) -> String {
        match self.qualifier {
            Qualifier::Plain => self.value.to_string(),
            q => format!("{q} {}", self.value),
        }
    }
}

/// Observation details that are not the value; kept apart so the values stay contiguous.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Detail {
    pub(super) qualifier: Qualifier,
    pub(super) precision: Option<Precision>,
    pub(super) rounding: Rounding,
    pub(super) source: Option<String>,
    pub(super) locator: Option<String>,
    pub(super) note: Option<String>,
    pub(super) status: Option<String>,
}

/// Series of reported values keep each observation's details beside the values.
impl Series<Decimal> {
    /// Adds an observation with its details (qualifier, precision, source, …).
    ///
    /// # Errors
    /// As [`insert`](Series::insert).
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Observation, Period, Qualifier, Series, SeriesMeta};
    /// let mut s = Series::new(SeriesMeta::new("racks", "10 thousand standard racks".parse()?,
    ///     Frequency::Annual, Kind::Stock));
    /// s.insert_observation(Period::year(2022),
    ///     Observation::new("650".parse().unwrap()).with_qualifier(Qualifier::MoreThan))?;
    /// assert_eq!(s.interval_at(Period::year(2022)).unwrap()?.to_string(), "[650, 660)");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn insert_observation(&mut self, period: Period, observation: Observation) -> Result<()> {
        let i = self.slot(period)?;
        self.values[i] = observation.value;
        self.present[i] = true;
        self.gaps.remove(&period);
        // A plain observation is what `observation` rebuilds from the value alone: storing no
        // detail for it saves an allocation per row of a large file.
        let plain = observation.is_plain();
        if plain && self.details.is_empty() {
            return Ok(());
        }
        if self.details.len() != self.values.len() {
            self.details.resize(self.values.len(), None);
        }
        if plain {
            if let Some(slot) = self.details.get_mut(i) {
                *slot = None;
            }
            return Ok(());
        }
        let Observation {
            qualifier,
            precision,
            rounding,
            source,
            locator,
            note,
            status,
            ..
        } = observation;
        self.details[i] = Some(Box::new(Detail {
            qualifier,
            precision,
            rounding,
            source,
            locator,
            note,
            status,
        }));
        Ok(())
    }

    /// The observation at `period` with its details, if there is a value.
    ///
    /// A value inserted with [`insert`](Series::insert) has the precision of its written
    /// decimals and no qualifier.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta};
    /// let mut s = Series::new(SeriesMeta::new("gdp", "亿元".parse()?, Frequency::Annual, Kind::Flow)
    ///     .with_source("nbs-2023"));
    /// s.insert(Period::year(2022), "1210207".parse().unwrap())?;
    /// let o = s.observation(Period::year(2022)).unwrap();
    /// assert_eq!(o.source.as_deref(), Some("nbs-2023"));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn observation(&self, period: Period) -> Option<Observation> {
        let (mut o, source) = self.reading_at(period)?;
        o.source = source.map(str::to_string);
        if let Some(d) = self.detail(period) {
            o.locator.clone_from(&d.locator);
            o.note.clone_from(&d.note);
            o.status.clone_from(&d.status);
        }
        Some(o)
    }

    /// What the observation at `period` needs to be read (value, qualifier, precision,
    /// rounding; its texts left empty, so nothing is copied) and the id of its source (its
    /// own, else the series'). The verifier reads every input of every claim through this.
    pub(crate) fn reading_at(&self, period: Period) -> Option<(Observation, Option<&str>)> {
        let i = self.index(period)?;
        if !self.present[i] {
            return None;
        }
        let value = self.values[i];
        Some(match self.details.get(i).and_then(Option::as_deref) {
            Some(d) => (
                Observation {
                    qualifier: d.qualifier,
                    precision: d.precision,
                    rounding: d.rounding,
                    ..Observation::new(value)
                },
                d.source.as_deref().or(self.meta.source.as_deref()),
            ),
            None => (Observation::new(value), self.meta.source.as_deref()),
        })
    }

    /// The detail record at `period`, when the observation there has one.
    fn detail(&self, period: Period) -> Option<&Detail> {
        self.details
            .get(self.index(period)?)
            .and_then(Option::as_deref)
    }

    /// The interval of values the observation at `period` stands for (see
    /// [`Observation::interval`]), or `None` when there is no value.
    ///
    /// # Errors
    /// Inside the option, on overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta};
    /// let mut s = Series::new(SeriesMeta::new("nev", "万辆".parse()?, Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2022), "705.8".parse().unwrap())?;
    /// assert_eq!(s.interval_at(Period::year(2022)).unwrap()?.to_string(), "[705.75, 705.85)");
    /// assert!(s.interval_at(Period::year(2021)).is_none());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn interval_at(&self, period: Period) -> Option<Result<Interval>> {
        self.reading_at(period).map(|(o, _)| o.interval())
    }

    /// The series as the intervals its observations stand for (each read with its own
    /// precision, qualifier and rounding): the input of computations on reported figures.
    ///
    /// # Errors
    /// On overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta};
    /// let mut s = Series::new(SeriesMeta::new("nev", "万辆".parse()?, Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2022), "705.8".parse().unwrap())?;
    /// let i = s.to_intervals()?;
    /// assert_eq!(i.value_at(Period::year(2022)).unwrap().to_string(), "[705.75, 705.85)");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn to_intervals(&self) -> Result<Series<Interval>> {
        let mut out = self.map(|_| Interval::gap_filler());
        for (i, slot) in out.values.iter_mut().enumerate() {
            if !self.present[i] {
                continue;
            }
            let Some(period) = self.start.and_then(|s| s.shift(i as i64).ok()) else {
                continue;
            };
            if let Some((o, _)) = self.reading_at(period) {
                *slot = o.interval()?;
            }
        }
        Ok(out)
    }
}
