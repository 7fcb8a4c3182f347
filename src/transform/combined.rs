//! Combined releases: one value that covers several consecutive periods, such as the
//! January–February total that Chinese monthly statistics publish instead of January and
//! February.
//!
//! The mark lives in the series, as gap reasons: every period folded into a later value has
//! the gap [`Gap::Combined`]` { into }`, and the value at `into` covers those periods and its
//! own. Computations compare like with like: a combined value is compared with a value over
//! the same months a lag earlier — a combined value there, or for a flow the sum of the single
//! months — and otherwise the result is a gap [`Gap::CombinedMismatch`] saying so. Aggregation
//! counts a combined value for every month it covers.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::gap::Gap;
use crate::period::Period;
use crate::series::{Kind, Series};
use crate::transform::Value;

/// The first period the value at `period` covers when it is a combined release: `Some(first)`
/// when the periods `first ..= period − 1` are marked [`Gap::Combined`]` { into: period }`,
/// `None` for a value of its own period (or no value).
///
/// # Example
/// ```
/// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, transform};
/// use rust_decimal::Decimal;
/// let mut ytd = Series::new(SeriesMeta::new("output_ytd", "万辆".parse()?, Frequency::Monthly, Kind::Flow));
/// ytd.insert(Period::month(2023, 2)?, Decimal::from(100))?; // no January release
/// ytd.insert(Period::month(2023, 3)?, Decimal::from(160))?;
/// let monthly = transform::ytd_to_discrete(&ytd)?;
/// let (jan, feb, mar) = (Period::month(2023, 1)?, Period::month(2023, 2)?, Period::month(2023, 3)?);
/// assert_eq!(transform::combined_from(&monthly, feb), Some(jan));
/// assert_eq!(transform::combined_from(&monthly, mar), None);
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn combined_from<V: Value>(series: &Series<V>, period: Period) -> Option<Period> {
    series.value_at(period)?;
    let first = first_covered(series, period);
    (first != period).then_some(first)
}

/// Walks back from `holder` over the periods marked as combined into it.
fn first_covered<V: Value>(series: &Series<V>, holder: Period) -> Period {
    let mut first = holder;
    while let Ok(before) = first.shift(-1) {
        match series.gap(before) {
            Some(Gap::Combined { into }) if *into == holder => first = before,
            _ => break,
        }
    }
    first
}

/// The combined values of a series: each holder with the first period it covers. Built once
/// per computation from the series' gap reasons, so a series without combined releases costs
/// one pass over its gaps.
#[derive(Debug, Default)]
pub(crate) struct Spans {
    first: BTreeMap<Period, Period>,
}

impl Spans {
    pub(crate) fn of<V: Value>(series: &Series<V>) -> Spans {
        let mut first = BTreeMap::new();
        for (_, gap) in series.gaps() {
            let Gap::Combined { into } = gap else {
                continue;
            };
            if first.contains_key(into) || series.value_at(*into).is_none() {
                continue;
            }
            let start = first_covered(series, *into);
            if start != *into {
                first.insert(*into, start);
            }
        }
        Spans { first }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    /// The first period the value at `period` covers (`period` itself for a single one).
    pub(crate) fn start(&self, period: Period) -> Period {
        self.first.get(&period).copied().unwrap_or(period)
    }

    /// Each combined value's period with the first period it covers.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (Period, Period)> + '_ {
        self.first.iter().map(|(holder, first)| (*holder, *first))
    }
}

/// The periods `from ..= to` (empty when `to` is before `from`).
pub(crate) fn periods(from: Period, to: Period) -> impl Iterator<Item = Period> {
    let n = from.periods_until(to).unwrap_or(-1);
    (0..=n).map_while(move |i| from.shift(i).ok())
}

/// The value of `series` over exactly the periods `from ..= to`: the value at `to` when it
/// covers them (a single value when `from == to`, or a combined release from `from`), or for
/// a flow the sum of single values for each of them. Otherwise a gap: the missing value, or
/// `mismatch` when the periods cannot be made to match.
pub(crate) fn value_over<V: Value>(
    series: &Series<V>,
    spans: &Spans,
    from: Period,
    to: Period,
    mismatch: impl Fn() -> Gap,
) -> std::result::Result<V, Gap> {
    let missing = |period| Gap::NoValue {
        series: series.id().to_string(),
        period,
    };
    if spans.start(to) == from {
        return series.value_at(to).ok_or_else(|| missing(to));
    }
    if series.meta().kind != Kind::Flow || from > to {
        return Err(mismatch());
    }
    // A combined release among the months is the deeper reason, so it wins over a month
    // that is merely missing.
    let mut total = Ok(V::from_decimal(rust_decimal::Decimal::ZERO));
    for p in periods(from, to) {
        if spans.start(p) != p || matches!(series.gap(p), Some(Gap::Combined { .. })) {
            return Err(mismatch());
        }
        total = match (total, series.value_at(p)) {
            (Ok(sum), Some(v)) => sum.try_add(v).map_err(|_| Gap::Overflow { period: to }),
            (Ok(_), None) => Err(missing(p)),
            (err, _) => err,
        };
    }
    total
}

/// The values of `a` at `pa` and `b` at `pb` over comparable months: as given when they cover
/// as many periods, else the shorter one widened to the other's length by summing single
/// months (flows only), with the first period `a`'s value then covers. Otherwise a gap: the
/// missing value, or [`Gap::CombinedMismatch`].
pub(crate) fn over_same_months<V: Value>(
    (a, sa, pa): (&Series<V>, &Spans, Period),
    (b, sb, pb): (&Series<V>, &Spans, Period),
) -> std::result::Result<(V, V, Period), Gap> {
    let len = |spans: &Spans, p: Period| spans.start(p).periods_until(p).unwrap_or(0);
    let width = len(sa, pa).max(len(sb, pb));
    let over = |s: &Series<V>, spans: &Spans, p: Period, other: Period| {
        let from = p
            .shift(-width)
            .map_err(|_| Gap::BeforeFirstYear { period: p })?;
        let mismatch = || Gap::CombinedMismatch { period: p, other };
        value_over(s, spans, from, p, mismatch).map(|v| (v, from))
    };
    let (x, first) = over(a, sa, pa, pb)?;
    let (y, _) = over(b, sb, pb, pa)?;
    Ok((x, y, first))
}

/// [`over_same_months`] for scalar computations (growth between two periods, a share at
/// one), with the gap as an error.
///
/// # Errors
/// When a value is missing, or the two cover different months and cannot be made to match.
pub(crate) fn comparable<V: Value>(
    (a, pa): (&Series<V>, Period),
    (b, pb): (&Series<V>, Period),
) -> Result<(V, V)> {
    let (sa, sb) = (Spans::of(a), Spans::of(b));
    over_same_months((a, &sa, pa), (b, &sb, pb))
        .map(|(x, y, _)| (x, y))
        .map_err(|gap| match gap {
            Gap::NoValue {
                ref series, period, ..
            } => Error::not_found("value", format!("{series} {period}")).context(gap.to_string()),
            _ => Error::invalid(format!("series `{}` and `{}`: {gap}", a.id(), b.id())),
        })
}

/// Settles a FRED transformation's output around combined releases, after the dense pass
/// computed every position as if each value covered one period. `buf`/`present` are the
/// output over the input's span; returns the gap reasons for the positions it cleared.
///
/// A combined value is compared with the same months a lag earlier ([`value_over`]); a single
/// value whose lagged value is combined is widened to the same months (flows), and its result
/// is then a combined value itself; a single value whose lag falls inside a combined release
/// has no comparable base. The periods a combined result covers carry [`Gap::Combined`].
pub(crate) fn settle_transform<V: Value>(
    transform: crate::transform::Transform,
    series: &Series<V>,
    spans: &Spans,
    buf: &mut [V],
    present: &mut [bool],
) -> BTreeMap<usize, Gap> {
    let mut reasons = BTreeMap::new();
    let Some(start) = series.start() else {
        return reasons;
    };
    let len = buf.len().min(present.len());
    let index = |p: Period| {
        let offset = p.ordinal() - start.ordinal();
        usize::try_from(offset).ok().filter(|i| *i < len)
    };
    let n = series.frequency().periods_per_year();
    let k = transform.lag(series.frequency()) as i64;
    let mut settle = |at: Period, result: std::result::Result<V, Gap>| {
        if let Some(i) = index(at) {
            match result {
                Ok(v) => {
                    buf[i] = v;
                    present[i] = true;
                    reasons.remove(&i);
                }
                Err(gap) => {
                    buf[i] = V::gap_filler();
                    present[i] = false;
                    reasons.insert(i, gap);
                }
            }
        }
    };
    let compute = |x: V, at: Period, base: V, base_at: Period| {
        transform
            .compute(x, base, n)
            .map_err(|f| crate::transform::fault_gap(f, at, base_at, base))
    };
    // A single value whose lag falls inside a combined release has no comparable base (unless
    // the last step below widens it).
    if k > 0 {
        for (holder, first) in spans.iter() {
            for member in periods(first, holder).take_while(|p| *p < holder) {
                let Ok(at) = member.shift(k) else {
                    continue;
                };
                if series.value_at(at).is_some() && spans.start(at) == at {
                    settle(
                        at,
                        Err(Gap::CombinedMismatch {
                            period: at,
                            other: member,
                        }),
                    );
                }
            }
        }
    }
    // A combined value against the same months a lag earlier.
    for (holder, first) in spans.iter() {
        let Some(x) = series.value_at(holder) else {
            continue;
        };
        let result = match (first.shift(-k), holder.shift(-k)) {
            (Ok(from), Ok(base_at)) => {
                value_over(series, spans, from, base_at, || Gap::CombinedMismatch {
                    period: holder,
                    other: base_at,
                })
                .and_then(|base| compute(x, holder, base, base_at))
            }
            _ => Err(Gap::BeforeFirstYear { period: holder }),
        };
        settle(holder, result);
        for member in periods(first, holder).take_while(|p| *p < holder) {
            settle(member, Err(Gap::Combined { into: holder }));
        }
    }
    // A single value whose lagged value is combined: widened to the same months (flows).
    if k > 0 {
        for (base_at, base_first) in spans.iter() {
            let (Ok(at), Ok(from)) = (base_at.shift(k), base_first.shift(k)) else {
                continue;
            };
            let Some(base) = series.value_at(base_at) else {
                continue;
            };
            if series.value_at(at).is_none() || spans.start(at) != at {
                continue; // missing (its gap says why), or combined (settled above)
            }
            let result = value_over(series, spans, from, at, || Gap::CombinedMismatch {
                period: at,
                other: base_at,
            })
            .and_then(|x| compute(x, at, base, base_at));
            let widened = result.is_ok();
            settle(at, result);
            if widened {
                for member in periods(from, at).take_while(|p| *p < at) {
                    settle(member, Err(Gap::Combined { into: at }));
                }
            }
        }
    }
    reasons
}
