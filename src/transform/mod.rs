//! Computations on series: FRED's unit transformations, growth, CAGR, contributions, index
//! rebasing, shares and ratios, calendar conversions, and the inverses a verifier needs.
//!
//! Every computation is period-aware (a lag looks up the period a year or one period earlier,
//! never a position), unit-checked (a share needs one dimension; scales convert exactly), and
//! generic over [`Value`], so it runs on exact `Decimal` series, on [`Interval`](crate::Interval)s
//! for reported figures, and on `f64` for bulk work. A value that cannot be computed is a gap
//! with a [`Gap`] reason — never `inf` or `NaN`.
//!
//! # Combined releases
//! A value can cover several periods: the January–February total that Chinese monthly data
//! publish instead of January and February. The periods folded into it carry the gap
//! [`Gap::Combined`]` { into }` ([`ytd_to_discrete`] sets it; [`combined_from`] reads it), and
//! every computation compares like with like: a combined value against the same months a lag
//! earlier (a combined value there, or for a flow the sum of its single months), else a gap
//! [`Gap::CombinedMismatch`] saying why. So January–February 2023 (110) against January 50 and
//! February 50 of 2022 is +10%, not +120%. Shares, ratios, [`growth`], [`contribution`]
//! and [`percentage_point_change`] follow the same rule; [`aggregate`] counts a combined value for
//! every month it covers. The dense slice kernels ([`fred_dense_into`]) see values only:
//! [`Transform::apply`] settles the few positions around combined releases after them.

mod calendar;
mod combined;
mod formula;
mod fred;
pub(crate) mod growth;
mod inverse;
mod kernel;
mod share;
mod value;

pub use calendar::{Aggregation, aggregate, aggregate_ratio, ytd_to_discrete};
pub use combined::combined_from;
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
    series.value_at(period).ok_or_else(|| {
        let mut e = Error::not_found("value", format!("{} {period}", series.id()));
        if let Some(gap) = series.gap(period) {
            e = e.context(gap.to_string());
        }
        e
    })
}

/// The values of `a` at `pa` and `b` at `pb` for a computation that compares them: as given,
/// or over the same months when either is a combined release (see [`combined_from`]).
pub(crate) fn values_alike<V: Value>(
    (a, pa): (&Series<V>, Period),
    (b, pb): (&Series<V>, Period),
) -> Result<(V, V)> {
    let x = value_at(a, pa)?;
    let y = value_at(b, pb)?;
    if combined_from(a, pa).is_none() && combined_from(b, pb).is_none() {
        return Ok((x, y));
    }
    combined::comparable((a, pa), (b, pb))
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
    let (spans_a, spans_b) = (combined::Spans::of(a), combined::Spans::of(b));
    let n = start.periods_until(end)?;
    for i in 0..=n {
        let p = start.shift(i)?;
        match (a.value_at(p), b.value_at(p)) {
            (Some(x), Some(y)) if spans_a.is_empty() && spans_b.is_empty() => match f(x, y) {
                Ok(v) => out.insert(p, v)?,
                Err(fault) => out.set_gap(p, fault_gap(fault, p, p, y))?,
            },
            (Some(_), Some(_)) => {
                // Both over the same months: the wider of the two spans, a flow's single
                // months summed to match a combined release of the other.
                let first = spans_a.start(p).min(spans_b.start(p));
                let mismatch = || Gap::CombinedMismatch {
                    period: p,
                    other: p,
                };
                let pair = combined::value_over(a, &spans_a, first, p, mismatch).and_then(|x| {
                    combined::value_over(b, &spans_b, first, p, mismatch).map(|y| (x, y))
                });
                match pair {
                    Ok((x, y)) => match f(x, y) {
                        Ok(v) => {
                            out.insert(p, v)?;
                            for member in combined::periods(first, p).take_while(|q| *q < p) {
                                out.set_gap(member, Gap::Combined { into: p })?;
                            }
                        }
                        Err(fault) => out.set_gap(p, fault_gap(fault, p, p, y))?,
                    },
                    Err(gap) => out.set_gap(p, gap)?,
                }
            }
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
