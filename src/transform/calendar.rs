//! Calendar conversions: year-to-date cumulative values to discrete ones, and aggregation to a
//! lower frequency by the indicator's kind.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::gap::Gap;
use crate::period::{Frequency, Period};
use crate::series::{Kind, Series};
use crate::transform::combined::{Spans, periods};
use crate::transform::{Value, derived_meta, fault_gap, same_frequency};

/// Monthly (or quarterly) values from year-to-date cumulative ones: the first period of each
/// year is its YTD value, each later one the YTD value minus the previous period's.
///
/// Where a YTD value is missing, the next value of the same year still gives the total of the
/// periods since the last one, and that is what the output holds: a combined value, the
/// periods it covers marked [`Gap::Combined`]` { into }` — nothing is invented. Chinese monthly
/// releases merge January and February: January has no YTD value, so February's discrete value
/// is the January–February total. The same rule makes a missing July's August the July–August
/// total, and a series that starts in June hold January–June there. The mark stays in the
/// series ([`combined_from`](crate::transform::combined_from)), and the computations respect
/// it: growth compares January–February with January–February a year earlier, and
/// aggregation counts the combined value for each month (see the module
/// [`transform`](crate::transform)). A missing value with no later value in its year is a gap
/// [`Gap::NoValue`].
///
/// # Errors
/// When the series is not a flow, or is annual.
///
/// # Example
/// ```
/// use indstat::{Frequency, Gap, Kind, Period, Series, SeriesMeta, transform};
/// use rust_decimal::Decimal;
/// let mut ytd = Series::new(SeriesMeta::new("output_ytd", "万辆".parse()?, Frequency::Monthly, Kind::Flow));
/// // No January release; February is January–February.
/// for (m, v) in [(2, 100), (3, 160), (4, 230)] {
///     ytd.insert(Period::month(2023, m)?, Decimal::from(v))?;
/// }
/// let monthly = transform::ytd_to_discrete(&ytd)?;
/// assert_eq!(monthly.value_at(Period::month(2023, 2)?), Some(Decimal::from(100)));
/// assert_eq!(monthly.value_at(Period::month(2023, 3)?), Some(Decimal::from(60)));
/// assert_eq!(monthly.value_at(Period::month(2023, 1)?), None);
/// assert_eq!(monthly.gap(Period::month(2023, 1)?), Some(&Gap::Combined { into: Period::month(2023, 2)? }));
/// assert_eq!(transform::combined_from(&monthly, Period::month(2023, 2)?), Some(Period::month(2023, 1)?));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn ytd_to_discrete<V: Value>(ytd: &Series<V>) -> Result<Series<V>> {
    if ytd.meta().kind != Kind::Flow {
        return Err(Error::invalid(format!(
            "year-to-date values can be differenced only for a flow; `{}` is a {}",
            ytd.id(),
            ytd.meta().kind
        )));
    }
    if ytd.frequency() == Frequency::Annual {
        return Err(Error::invalid(format!(
            "`{}` is annual: a year-to-date value is already the year's",
            ytd.id()
        )));
    }
    let meta = derived_meta(ytd.meta(), "discrete", ytd.unit().clone(), Kind::Flow, &[]);
    let mut out = Series::new(meta);
    // The last year-to-date value seen in the current year, with its period.
    let mut last: Option<(Period, V)> = None;
    for (p, v) in ytd.iter() {
        if last.is_some_and(|(q, _)| q.calendar_year() != p.calendar_year()) {
            last = None;
        }
        let Some(v) = v else {
            // Until a later value of the year covers it (below).
            out.set_gap(
                p,
                Gap::NoValue {
                    series: ytd.id().to_string(),
                    period: p,
                },
            )?;
            continue;
        };
        // The value covers the periods since the last one of the year, or since the year's start.
        let (first, value) = match last {
            Some((q, before)) => (q.shift(1)?, v.try_sub(before).map_err(|f| (f, q, before))),
            None => (Period::new(p.frequency(), p.calendar_year(), 1)?, Ok(v)),
        };
        match value {
            Ok(x) => {
                out.insert(p, x)?;
                for member in periods(first, p).take_while(|m| *m < p) {
                    out.set_gap(member, Gap::Combined { into: p })?;
                }
            }
            Err((f, q, before)) => out.set_gap(p, fault_gap(f, p, q, before))?,
        }
        last = Some((p, v));
    }
    Ok(out)
}

/// How sub-periods combine into a period of lower frequency.
///
/// # Example
/// ```
/// use indstat::{Kind, transform::Aggregation};
/// assert_eq!(Aggregation::for_kind(Kind::Stock), Aggregation::EndOfPeriod);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregation {
    /// Add them up (flows).
    Sum,
    /// Take the last one (stocks).
    EndOfPeriod,
    /// Average them (rates, when their components are not given).
    Average,
}

impl Aggregation {
    /// The aggregation an indicator's kind calls for.
    ///
    /// # Example
    /// ```
    /// use indstat::{Kind, transform::Aggregation};
    /// assert_eq!(Aggregation::for_kind(Kind::Flow), Aggregation::Sum);
    /// assert_eq!(Aggregation::for_kind(Kind::Rate), Aggregation::Average);
    /// ```
    pub fn for_kind(kind: Kind) -> Aggregation {
        match kind {
            Kind::Flow => Aggregation::Sum,
            Kind::Stock => Aggregation::EndOfPeriod,
            Kind::Rate => Aggregation::Average,
        }
    }
}

/// Groups the periods of `series` by the period of `to` that contains them.
fn groups<V: Value>(series: &Series<V>, to: Frequency) -> Result<BTreeMap<Period, Vec<Period>>> {
    if !series.frequency().nests_in(to) || series.frequency() == to {
        return Err(Error::invalid(format!(
            "`{}` is {} and cannot be aggregated to {to}",
            series.id(),
            series.frequency()
        )));
    }
    let mut out: BTreeMap<Period, Vec<Period>> = BTreeMap::new();
    for (p, _) in series.iter() {
        out.entry(p.within(to)?).or_default().push(p);
    }
    Ok(out)
}

/// The series at the lower frequency `to`, combined as its kind says (flows sum, stocks take
/// the end of period, rates average) unless `method` says otherwise. A period missing any of
/// its sub-periods is a gap with [`Gap::Incomplete`], never a partial sum; for stocks only the
/// last sub-period counts, and a period without it is a gap [`Gap::NoValue`] naming it.
///
/// A combined release ([`Gap::Combined`], such as January–February) counts for every month it
/// covers when they all fall in the target period: January–February plus March is a complete
/// first quarter, and an average weighs a combined rate by its number of months.
///
/// # Errors
/// When `to` is not a lower frequency that the series' periods nest in.
///
/// # Example
/// ```
/// use indstat::{Frequency, Gap, Kind, Period, Series, SeriesMeta, transform};
/// use rust_decimal::Decimal;
/// let mut q = Series::new(SeriesMeta::new("output", "万辆".parse()?, Frequency::Quarterly, Kind::Flow));
/// for (i, v) in [10, 20, 30, 40, 50].iter().enumerate() {
///     q.insert(Period::new(Frequency::Quarterly, 2022 + i as i32 / 4, i as u32 % 4 + 1)?, Decimal::from(*v))?;
/// }
/// let annual = transform::aggregate(&q, Frequency::Annual, None)?;
/// assert_eq!(annual.value_at(Period::year(2022)), Some(Decimal::from(100)));
/// assert_eq!(annual.gap(Period::year(2023)), Some(&Gap::Incomplete { have: 1, need: 4 }));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn aggregate<V: Value>(
    series: &Series<V>,
    to: Frequency,
    method: Option<Aggregation>,
) -> Result<Series<V>> {
    let method = method.unwrap_or(Aggregation::for_kind(series.meta().kind));
    let need = (series.frequency().periods_per_year() / to.periods_per_year()) as usize;
    let op = match method {
        Aggregation::Sum => "sum",
        Aggregation::EndOfPeriod => "end",
        Aggregation::Average => "average",
    };
    let mut meta = derived_meta(
        series.meta(),
        op,
        series.unit().clone(),
        series.meta().kind,
        &[],
    );
    meta.frequency = to;
    let mut out = Series::new(meta);
    let spans = Spans::of(series);
    for (target, members) in groups(series, to)? {
        // Each value with the number of sub-periods it covers: a combined release counts for
        // every month in it, when they all fall in this period (it cannot be split).
        let mut values: Vec<(V, usize)> = Vec::with_capacity(members.len());
        for p in &members {
            let Some(v) = series.value_at(*p) else {
                continue;
            };
            let first = spans.start(*p);
            if first == *p {
                values.push((v, 1));
            } else if first.within(to)? == target {
                let covers = usize::try_from(first.periods_until(*p)?).unwrap_or(0) + 1;
                values.push((v, covers));
            }
        }
        let have: usize = values.iter().map(|(_, covers)| covers).sum();
        let last_sub = Period::new(series.frequency(), target.calendar_year(), 1)?
            .shift((target.position() as i64) * need as i64 - 1)?;
        let result = match method {
            Aggregation::EndOfPeriod => match series.value_at(last_sub) {
                Some(v) => Ok(v),
                None => {
                    out.set_gap(
                        target,
                        Gap::NoValue {
                            series: series.id().to_string(),
                            period: last_sub,
                        },
                    )?;
                    continue;
                }
            },
            _ if have < need => {
                out.set_gap(target, Gap::Incomplete { have, need })?;
                continue;
            }
            Aggregation::Sum => values
                .iter()
                .try_fold(V::from_decimal(Decimal::ZERO), |acc, (v, _)| {
                    acc.try_add(*v)
                }),
            // A combined value of a rate stands for each month it covers: it weighs that many.
            Aggregation::Average => values
                .iter()
                .try_fold(V::from_decimal(Decimal::ZERO), |acc, (v, covers)| {
                    let weighted = match covers {
                        1 => *v,
                        n => v.try_mul(V::from_decimal(Decimal::from(*n)))?,
                    };
                    acc.try_add(weighted)
                })
                .and_then(|s| s.try_div(V::from_decimal(Decimal::from(need)))),
        };
        match result {
            Ok(v) => out.insert(target, v)?,
            Err(f) => out.set_gap(target, fault_gap(f, target, target, V::gap_filler()))?,
        }
    }
    Ok(out)
}

/// A rate at a lower frequency recomputed from its components: Σ numerator / Σ denominator ·
/// 100 over each period of `to` (for example a share of GDP from quarterly value added and
/// GDP), rather than an average of the sub-period rates.
///
/// # Errors
/// Frequencies that differ or do not nest; units of different dimensions.
///
/// # Example
/// ```
/// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, transform};
/// use rust_decimal::Decimal;
/// let meta = |id: &str| SeriesMeta::new(id, "亿元".parse().unwrap(), Frequency::Half, Kind::Flow);
/// let (mut part, mut whole) = (Series::new(meta("industry")), Series::new(meta("gdp")));
/// for (h, p, w) in [(1, 30, 100), (2, 50, 100)] {
///     part.insert(Period::new(Frequency::Half, 2022, h)?, Decimal::from(p))?;
///     whole.insert(Period::new(Frequency::Half, 2022, h)?, Decimal::from(w))?;
/// }
/// let share = transform::aggregate_ratio(&part, &whole, Frequency::Annual)?;
/// assert_eq!(share.value_at(Period::year(2022)), Some(Decimal::from(40)));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn aggregate_ratio<V: Value>(
    numerator: &Series<V>,
    denominator: &Series<V>,
    to: Frequency,
) -> Result<Series<V>> {
    same_frequency(numerator, denominator)?;
    let num = aggregate(numerator, to, Some(Aggregation::Sum))?;
    let den = aggregate(denominator, to, Some(Aggregation::Sum))?;
    super::share(&num, &den)
}
