//! FRED's unit transformations, with FRED's definitions.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::gap::Gap;
use crate::series::{Kind, Series};
use crate::transform::combined::{Spans, settle_transform};
use crate::transform::{Fault, Value, derived_meta, fault_gap, formula, kernel};
use crate::unit::{Dimension, Unit};

/// One of FRED's unit transformations (n = periods per year):
///
/// | code | meaning | formula | unit of the result |
/// |---|---|---|---|
/// | `lin` | levels | x_t | the series' unit |
/// | `chg` | change | x_t − x_{t−1} | the series' unit (percentage points for a percent) |
/// | `ch1` | change from a year ago | x_t − x_{t−n} | as `chg` |
/// | `pch` | percent change | (x_t / x_{t−1} − 1) · 100 | percent |
/// | `pc1` | percent change from a year ago | (x_t / x_{t−n} − 1) · 100 | percent |
/// | `pca` | compounded annual rate of change | ((x_t / x_{t−1})^n − 1) · 100 | percent |
/// | `cch` | continuously compounded rate of change | (ln x_t − ln x_{t−1}) · 100 | percent |
/// | `cca` | continuously compounded annual rate of change | cch · n | percent |
/// | `log` | natural log | ln x_t | pure number |
///
/// Lags are by period: with a missing month, the months that need it are gaps (with the
/// reason), and the others are right.
///
/// # Example
/// ```
/// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Transform};
/// use rust_decimal::Decimal;
///
/// // CAAM NEV production, 10 thousand vehicles.
/// let mut nev = Series::new(SeriesMeta::new("nev_production", "万辆".parse()?, Frequency::Annual, Kind::Flow));
/// nev.insert(Period::year(2021), "354.5".parse().unwrap())?;
/// nev.insert(Period::year(2022), "705.8".parse().unwrap())?;
///
/// let t: Transform = "pc1".parse()?;
/// let growth = t.apply(&nev)?;
/// assert_eq!(growth.unit().to_string(), "percent");
/// let g = growth.value_at(Period::year(2022)).unwrap();
/// // On the published 2021 base the growth is 99.1%, not the reported 96.9%.
/// assert_eq!(indstat::round_half_away(g, 1), "99.1".parse::<Decimal>().unwrap());
/// assert!("pct".parse::<Transform>().is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transform {
    /// Levels.
    Lin,
    /// Change.
    Chg,
    /// Change from a year ago.
    Ch1,
    /// Percent change.
    Pch,
    /// Percent change from a year ago.
    Pc1,
    /// Compounded annual rate of change.
    Pca,
    /// Continuously compounded rate of change.
    Cch,
    /// Continuously compounded annual rate of change.
    Cca,
    /// Natural log.
    Log,
}

impl Transform {
    /// Every transformation, in FRED's order.
    pub const ALL: [Transform; 9] = [
        Transform::Lin,
        Transform::Chg,
        Transform::Ch1,
        Transform::Pch,
        Transform::Pc1,
        Transform::Pca,
        Transform::Cch,
        Transform::Cca,
        Transform::Log,
    ];

    /// FRED's code.
    ///
    /// # Example
    /// ```
    /// assert_eq!(indstat::Transform::Pc1.code(), "pc1");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Transform::Lin => "lin",
            Transform::Chg => "chg",
            Transform::Ch1 => "ch1",
            Transform::Pch => "pch",
            Transform::Pc1 => "pc1",
            Transform::Pca => "pca",
            Transform::Cch => "cch",
            Transform::Cca => "cca",
            Transform::Log => "log",
        }
    }

    /// How many periods back the transformation looks (0 for `lin` and `log`).
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Transform};
    /// assert_eq!(Transform::Pc1.lag(Frequency::Monthly), 12);
    /// assert_eq!(Transform::Pch.lag(Frequency::Monthly), 1);
    /// assert_eq!(Transform::Log.lag(Frequency::Monthly), 0);
    /// ```
    pub fn lag(self, frequency: crate::Frequency) -> usize {
        self.lag_for(frequency.periods_per_year())
    }

    /// How many periods back the transformation looks, for `n` periods per year.
    ///
    /// # Example
    /// ```
    /// assert_eq!(indstat::Transform::Ch1.lag_for(4), 4);
    /// ```
    pub fn lag_for(self, n: u32) -> usize {
        match self {
            Transform::Lin | Transform::Log => 0,
            Transform::Ch1 | Transform::Pc1 => n as usize,
            _ => 1,
        }
    }

    /// The unit of the result for an input in `unit`.
    ///
    /// # Errors
    /// A percent change of percentage points is refused: it has no meaning.
    ///
    /// # Example
    /// ```
    /// use indstat::{Transform, Unit};
    /// let vehicles: Unit = "万辆".parse()?;
    /// assert_eq!(Transform::Pch.output_unit(&vehicles)?, Unit::percent());
    /// assert_eq!(Transform::Chg.output_unit(&Unit::percent())?, Unit::percentage_points());
    /// assert_eq!(Transform::Log.output_unit(&vehicles)?, Unit::number());
    /// assert!(Transform::Pch.output_unit(&Unit::percentage_points()).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn output_unit(self, unit: &Unit) -> Result<Unit> {
        let pp = unit.dimension() == &Dimension::PercentagePoint;
        Ok(match self {
            Transform::Lin => unit.clone(),
            Transform::Chg | Transform::Ch1 => match unit.dimension() {
                Dimension::Percent => Unit::percentage_points(),
                _ => unit.clone(),
            },
            Transform::Log if pp => return Err(self.pp_error()),
            Transform::Log => Unit::number(),
            _ if pp => return Err(self.pp_error()),
            _ => Unit::percent(),
        })
    }

    fn pp_error(self) -> Error {
        Error::invalid(format!(
            "`{}` of a series in percentage points has no meaning (take `chg` instead)",
            self.code()
        ))
    }

    /// The kind of the result: a change of a stock is a flow; rates of change are rates.
    fn output_kind(self, kind: Kind) -> Kind {
        match self {
            Transform::Lin => kind,
            Transform::Chg | Transform::Ch1 => match kind {
                Kind::Stock | Kind::Flow => Kind::Flow,
                Kind::Rate => Kind::Rate,
            },
            _ => Kind::Rate,
        }
    }

    /// The transformation of one value given its lagged value (ignored by `lin` and `log`)
    /// and n, the periods per year.
    ///
    /// # Errors
    /// A [`Fault`] when the base is not positive (`pch`, `pc1`, `pca`, `cch`, `cca`, `log`)
    /// or the result overflows.
    ///
    /// # Example
    /// ```
    /// use indstat::Transform;
    /// // 5G base stations (10 thousand): 231.2 at end-2022, 142.5 at end-2021.
    /// let built = Transform::Ch1.compute(231.2f64, 142.5, 1).unwrap();
    /// approx::assert_relative_eq!(built, 88.7, epsilon = 1e-9);
    /// ```
    pub fn compute<V: Value>(self, x: V, lagged: V, n: u32) -> std::result::Result<V, Fault> {
        match self {
            Transform::Lin => formula::level(x),
            Transform::Chg | Transform::Ch1 => formula::change(x, lagged),
            Transform::Pch | Transform::Pc1 => formula::percent_change(x, lagged),
            Transform::Pca => formula::compounded_annual(x, lagged, n),
            Transform::Cch => formula::continuous(x, lagged),
            Transform::Cca => formula::continuous_annual(x, lagged, n),
            Transform::Log => formula::log(x),
        }
    }

    /// Applies the transformation to a series: a new series with the right unit, kind and
    /// lineage, over the same span, with a gap and its reason wherever a value or its lag is
    /// missing or the base is not positive.
    ///
    /// A combined release ([`Gap::Combined`], such as January–February) is compared with the
    /// same months a lag earlier — a combined value there, or for a flow the sum of the single
    /// months — and its result keeps the mark; where the months cannot be made alike, the
    /// result is a gap [`Gap::CombinedMismatch`] (see [`transform`](crate::transform)).
    ///
    /// # Errors
    /// When the output unit is refused (see [`output_unit`](Transform::output_unit)).
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Gap, Kind, Period, Series, SeriesMeta, Transform};
    /// let mut s = Series::new(SeriesMeta::new("x", "万辆".parse()?, Frequency::Monthly, Kind::Flow));
    /// for m in [1, 2, 4] {
    ///     s.insert(Period::month(2023, m)?, rust_decimal::Decimal::from(m))?;
    /// }
    /// let pch = Transform::Pch.apply(&s)?;
    /// assert_eq!(pch.value_at(Period::month(2023, 2)?), Some(rust_decimal::Decimal::from(100)));
    /// // April's previous month is missing: a gap, not a comparison with February.
    /// assert_eq!(pch.value_at(Period::month(2023, 4)?), None);
    /// assert!(matches!(pch.gap(Period::month(2023, 4)?), Some(Gap::NoValue { .. })));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn apply<V: Value>(self, series: &Series<V>) -> Result<Series<V>> {
        let mut out = Series::new(series.meta().clone());
        self.apply_into(series, &mut out)?;
        Ok(out)
    }

    /// [`apply`](Transform::apply), writing into `out` and reusing its buffers: for repeated
    /// bulk work, this avoids allocating (and page-faulting in) a fresh output each time.
    /// Every value type runs the one dense kernel ([`fred_dense_into`](crate::transform::fred_dense_into)
    /// is its `f64` form).
    ///
    /// # Errors
    /// As [`apply`](Transform::apply).
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Transform, Unit};
    /// let meta = SeriesMeta::new("x", Unit::number(), Frequency::Monthly, Kind::Flow);
    /// let values: Vec<f64> = (0..24).map(|i| 100.0 + i as f64).collect();
    /// let s = Series::from_dense(meta.clone(), Period::month(2021, 1)?, values, vec![true; 24])?;
    /// let mut out = Series::new(meta);
    /// Transform::Pc1.apply_into(&s, &mut out)?;
    /// approx::assert_relative_eq!(out.value_at(Period::month(2022, 1)?).unwrap(), 12.0, epsilon = 1e-12);
    /// assert_eq!(out.unit(), &Unit::percent());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn apply_into<V: Value>(self, series: &Series<V>, out: &mut Series<V>) -> Result<()> {
        let meta = series.meta();
        let unit = self.output_unit(&meta.unit)?;
        let out_meta = derived_meta(meta, self.code(), unit, self.output_kind(meta.kind), &[]);
        let values = series.values();
        let mask = series.mask();
        let start = series.start();
        let (buf, present) = out.reset_dense(out_meta, start, values.len());
        let Some(start) = start else {
            return Ok(());
        };
        let n = meta.frequency.periods_per_year();
        let k = self.lag(meta.frequency);
        kernel::dense(self, values, mask, n, buf, present)?;
        // Combined releases are few: the dense pass treats them as single values, and this
        // settles the positions around them.
        let spans = Spans::of(series);
        let mut reasons = if spans.is_empty() {
            BTreeMap::new()
        } else {
            settle_transform(self, series, &spans, buf, present)
        };
        // Reasons only for the gaps, so the common path stays a loop over the values.
        let gaps: Vec<usize> = (0..values.len()).filter(|i| !present[*i]).collect();
        for i in gaps {
            let at = |j: usize| start.shift(j as i64);
            let gap = if let Some(reason) = reasons.remove(&i) {
                reason
            } else if !mask[i] {
                Gap::NoValue {
                    series: meta.id.clone(),
                    period: at(i)?,
                }
            } else if i < k {
                match start.shift(i as i64 - k as i64) {
                    Ok(period) => Gap::NoValue {
                        series: meta.id.clone(),
                        period,
                    },
                    Err(_) => Gap::BeforeFirstYear { period: at(i)? },
                }
            } else if !mask[i - k] {
                Gap::NoValue {
                    series: meta.id.clone(),
                    period: at(i - k)?,
                }
            } else {
                let lagged = if k == 0 { values[i] } else { values[i - k] };
                match self.compute(values[i], lagged, n) {
                    // A positive base, so the current value was not positive (its logarithm).
                    Err(Fault::NonPositive) if k == 0 || lagged.is_positive() => Gap::NotPositive {
                        period: at(i)?,
                        value: values[i].describe(),
                    },
                    Err(fault) => fault_gap(fault, at(i)?, at(i - k)?, lagged),
                    // Not reached: the kernel and `compute` share their formulas. A reason
                    // nonetheless, never a panic.
                    Ok(_) => Gap::Overflow { period: at(i)? },
                }
            };
            out.put_gap(at(i)?, gap);
        }
        Ok(())
    }
}

impl fmt::Display for Transform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Transform {
    type Err = Error;

    /// FRED's codes, case-insensitive.
    fn from_str(s: &str) -> Result<Transform> {
        let t = s.trim().to_ascii_lowercase();
        Transform::ALL
            .into_iter()
            .find(|x| x.code() == t)
            .ok_or_else(|| {
                Error::parse(
                    "transform",
                    s,
                    "expected one of lin, chg, ch1, pch, pc1, pca, cch, cca, log",
                )
            })
    }
}
