//! Computations on series: FRED's unit transformations, growth, CAGR, contributions, index
//! rebasing, shares and ratios, calendar conversions, and the inverses a verifier needs.
//!
//! Every computation is period-aware (a lag looks up the period a year or one period earlier,
//! never a position), unit-checked (a share needs one dimension; scales convert exactly), and
//! generic over [`Value`], so it runs on exact `Decimal` series, on [`Interval`](crate::Interval)s
//! for reported figures, and on `f64` for bulk work. A value that cannot be computed is a gap
//! with a [`Gap`] reason — never `inf` or `NaN`.

mod calendar;
mod fred;
pub(crate) mod growth;
mod inverse;
mod kernel;
mod share;
mod value;

pub use calendar::{Aggregation, aggregate, aggregate_ratio, ytd_to_discrete};
pub use fred::Transform;
pub use growth::{cagr, contribution, contributions, growth, rebase};
pub use inverse::{implied_base, implied_start, implied_whole};
pub use kernel::{fred_dense_decimal_into, fred_dense_into};
pub use share::{percentage_point_change, ratio, ratio_unit, share, share_at};
pub use value::{Fault, Value};

use crate::error::{Error, Result};
use crate::gap::Gap;
use crate::period::{Frequency, Period};
use crate::series::{Kind, Series, SeriesMeta};
use crate::source::{Lineage, LineageInput};
use crate::unit::Unit;

/// How far back a change looks: one period, or the same period a year earlier.
///
/// # Example
/// ```
/// use indstat::{Frequency, transform::Lag};
/// assert_eq!(Lag::YearAgo.periods(Frequency::Monthly), 12);
/// assert_eq!(Lag::Previous.periods(Frequency::Monthly), 1);
/// assert_eq!("previous".parse::<Lag>()?, Lag::Previous);
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lag {
    /// The period before (month-on-month, quarter-on-quarter).
    Previous,
    /// The same period a year earlier (year-on-year). The default.
    #[default]
    YearAgo,
}

impl Lag {
    /// The lag in periods of `frequency`.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, transform::Lag};
    /// assert_eq!(Lag::YearAgo.periods(Frequency::Quarterly), 4);
    /// ```
    pub fn periods(self, frequency: Frequency) -> i64 {
        match self {
            Lag::Previous => 1,
            Lag::YearAgo => i64::from(frequency.periods_per_year()),
        }
    }
}

impl std::str::FromStr for Lag {
    type Err = Error;

    /// `previous` (also `period`, `pop`) or `year` (also `year-ago`, `yoy`).
    fn from_str(s: &str) -> Result<Lag> {
        match s.trim().to_ascii_lowercase().as_str() {
            "previous" | "period" | "pop" | "previous period" => Ok(Lag::Previous),
            "year" | "year-ago" | "year ago" | "yoy" | "year-on-year" => Ok(Lag::YearAgo),
            _ => Err(Error::parse("lag", s, "expected `previous` or `year`")),
        }
    }
}

/// Metadata of a series derived from `input` by `operation`.
pub(crate) fn derived_meta(
    input: &SeriesMeta,
    operation: &str,
    unit: Unit,
    kind: Kind,
    others: &[&SeriesMeta],
) -> SeriesMeta {
    let mut lineage = Lineage::new(operation);
    lineage.push(LineageInput::whole(&input.id));
    let mut id = format!("{}.{operation}", input.id);
    for other in others {
        lineage.push(LineageInput::whole(&other.id));
        id.push('.');
        id.push_str(&other.id);
    }
    SeriesMeta {
        id,
        name: format!("{} ({operation})", input.name),
        unit,
        frequency: input.frequency,
        kind,
        source: input.source.clone(),
        note: None,
        lineage: Some(lineage),
        aliases: Vec::new(),
    }
}

/// The gap for a fault computing `period` whose base (divisor, log argument) is at `base`.
pub(crate) fn fault_gap<V: crate::transform::Value>(
    fault: Fault,
    period: Period,
    base: Period,
    base_value: V,
) -> Gap {
    match fault {
        Fault::NonPositive => Gap::NonPositiveBase {
            period: base,
            value: base_value.describe(),
        },
        Fault::ZeroDivisor => Gap::ZeroDivisor { period: base },
        Fault::Overflow => Gap::Overflow { period },
    }
}

/// The error for a fault in a scalar computation.
pub(crate) fn fault_error(fault: Fault, what: &str) -> Error {
    match fault {
        Fault::NonPositive => Error::domain(what, "its base is zero or negative"),
        Fault::ZeroDivisor => Error::domain(what, "it divides by zero"),
        Fault::Overflow => Error::overflow(what),
    }
}

/// The value of `series` at `period`, or an error naming the series and period.
pub(crate) fn value_at<V: Value>(series: &Series<V>, period: Period) -> Result<V> {
    period
        .expect_frequency(series.frequency())
        .map_err(|e| e.context(format!("series `{}`", series.id())))?;
    series.get(period).ok_or_else(|| {
        let mut e = Error::not_found("value", format!("{} {period}", series.id()));
        if let Some(gap) = series.gap(period) {
            e = e.context(gap.to_string());
        }
        e
    })
}

/// Checks that two series have the same frequency.
pub(crate) fn same_frequency<V: Value>(a: &Series<V>, b: &Series<V>) -> Result<()> {
    if a.frequency() == b.frequency() {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "series `{}` is {} but `{}` is {}",
            a.id(),
            a.frequency(),
            b.id(),
            b.frequency()
        )))
    }
}

/// A series over the union of `a`'s and `b`'s spans, `f(a_t, b_t)` where both have a value and
/// a gap with its reason elsewhere. `f` returns the fault and which input was the base.
pub(crate) fn zip_with<V: Value>(
    a: &Series<V>,
    b: &Series<V>,
    meta: SeriesMeta,
    f: impl Fn(V, V) -> std::result::Result<V, Fault>,
) -> Result<Series<V>> {
    same_frequency(a, b)?;
    let mut out = Series::new(meta);
    let spans = [a.span(), b.span()];
    let start = spans.iter().flatten().map(|s| s.0).min();
    let end = spans.iter().flatten().map(|s| s.1).max();
    let (Some(start), Some(end)) = (start, end) else {
        return Ok(out);
    };
    let n = start.periods_until(end)?;
    for i in 0..=n {
        let p = start.shift(i)?;
        match (a.get(p), b.get(p)) {
            (Some(x), Some(y)) => match f(x, y) {
                Ok(v) => out.insert(p, v)?,
                Err(fault) => out.set_gap(p, fault_gap(fault, p, p, y))?,
            },
            (None, _) => out.set_gap(
                p,
                Gap::NoValue {
                    series: a.id().to_string(),
                    period: p,
                },
            )?,
            (_, None) => out.set_gap(
                p,
                Gap::NoValue {
                    series: b.id().to_string(),
                    period: p,
                },
            )?,
        }
    }
    Ok(out)
}
