//! Growth between any two periods, CAGR, contributions to growth, and index rebasing.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::gap::Gap;
use crate::period::Period;
use crate::series::{Kind, Series};
use crate::transform::combined::{Spans, over_same_months, periods};
use crate::transform::{
    Lag, Value, derived_meta, fault_error, fault_gap, same_frequency, value_at, values_alike,
};
use crate::unit::Unit;

/// Growth in percent from `from` to `to`: (x_to / x_from − 1) · 100.
///
/// # Errors
/// A missing value ([`ErrorKind::NotFound`](crate::ErrorKind::NotFound), naming series and
/// period); a base that is not positive ([`ErrorKind::Domain`](crate::ErrorKind::Domain)); a
/// period of another frequency.
///
/// # Example
/// ```
/// use indstat::{Frequency, Interval, Kind, Period, Series, SeriesMeta, transform};
/// use rust_decimal::Decimal;
/// let mut sw = Series::new(SeriesMeta::new("software_revenue", "亿元".parse()?, Frequency::Annual, Kind::Flow));
/// sw.insert(Period::year(2021), Decimal::from(94_994))?;
/// sw.insert(Period::year(2022), Decimal::from(108_126))?;
/// let g = transform::growth(&sw, Period::year(2021), Period::year(2022))?;
/// // 13.8% from the published levels; MIIT reports 11.2% on a like-for-like set of firms.
/// assert_eq!(indstat::round_half_away(g, 1), "13.8".parse::<Decimal>().unwrap());
/// assert!(transform::growth(&sw, Period::year(2020), Period::year(2022)).is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn growth<V: Value>(series: &Series<V>, from: Period, to: Period) -> Result<V> {
    let (base, end) = values_alike((series, from), (series, to))?;
    end.growth_over(base).map_err(|f| {
        fault_error(
            f,
            &format!("growth of `{}` from {from} to {to}", series.id()),
        )
    })
}

/// Compound annual growth rate in percent from `from` to `to`:
/// ((x_to / x_from)^(1/years) − 1) · 100, with years = periods ÷ periods per year (fractional
/// for sub-annual series).
///
/// # Precision
/// - `Interval` values: the result holds every CAGR the input intervals allow, whatever the
///   roundings on the way (see [`Interval::powf`](crate::Interval::powf)).
/// - `Decimal` values: **not** exact to 28 digits. The exponent 1/years is an `f64` and reaches
///   rust_decimal's `powd` with 15 to 17 significant digits, so the growth factor
///   g = 1 + CAGR/100 has a relative error of up to about 6e-15 × |ln g| (plus 1e-26 from the
///   division and `powd`). For a CAGR of 54.6% that is 2.6e-15 of g, at most 4e-13
///   percentage points of the CAGR (NEV output 2016–2022 comes out 1.3e-14 points off): trust
///   12 to 13 significant digits, not the 28 printed. Use `Interval` values for a guaranteed
///   bound.
/// - `f64` values: `f64`'s own precision, about 1e-15 relative.
///
/// # Errors
/// As [`growth`]; also when `to` is not after `from`, or the end is negative.
///
/// # Example
/// ```
/// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, transform};
/// use rust_decimal::Decimal;
/// use rust_decimal::prelude::ToPrimitive;
/// // CAAM NEV production, 10 thousand vehicles: 51.7 in 2016, 705.8 in 2022.
/// let mut nev = Series::new(SeriesMeta::new("nev_production", "万辆".parse()?, Frequency::Annual, Kind::Flow));
/// nev.insert(Period::year(2016), "51.7".parse().unwrap())?;
/// nev.insert(Period::year(2022), "705.8".parse().unwrap())?;
/// let c = transform::cagr(&nev.to_f64(), Period::year(2016), Period::year(2022))?;
/// approx::assert_relative_eq!(c, ((705.8f64 / 51.7).powf(1.0 / 6.0) - 1.0) * 100.0, epsilon = 1e-9);
/// let d = transform::cagr(&nev, Period::year(2016), Period::year(2022))?;
/// approx::assert_relative_eq!(d.to_f64().unwrap(), c, epsilon = 1e-9);
/// assert!(transform::cagr(&nev, Period::year(2022), Period::year(2016)).is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn cagr<V: Value>(series: &Series<V>, from: Period, to: Period) -> Result<V> {
    let periods = from.periods_until(to)?;
    if periods <= 0 {
        return Err(Error::invalid(format!(
            "a CAGR needs its end ({to}) after its start ({from})"
        )));
    }
    let years = periods as f64 / f64::from(series.frequency().periods_per_year());
    let base = value_at(series, from)?;
    let end = value_at(series, to)?;
    let what = format!("CAGR of `{}` from {from} to {to}", series.id());
    cagr_of(end, base, years).map_err(|f| fault_error(f, &what))
}

/// ((end / start)^(1/years) − 1) · 100.
pub(crate) fn cagr_of<V: Value>(
    end: V,
    start: V,
    years: f64,
) -> std::result::Result<V, crate::transform::Fault> {
    if !start.is_positive() {
        return Err(crate::transform::Fault::NonPositive);
    }
    end.try_div(start)?
        .try_powf(1.0 / years)?
        .try_sub(V::from_decimal(Decimal::ONE))?
        .try_mul(V::from_decimal(Decimal::ONE_HUNDRED))
}

/// The contribution of `component` to the growth of `total` at `period`, in percentage points:
/// (c_t − c_{t−k}) / T_{t−k} · 100 — the component's growth times its share of the total in the
/// base period. For additive flows, the components' contributions add up to the total's growth.
///
/// # Errors
/// Units of different dimensions; frequencies that differ; a missing value; a zero base total.
///
/// # Example
/// ```
/// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, transform::{self, Lag}};
/// use rust_decimal::Decimal;
/// let meta = |id: &str| SeriesMeta::new(id, "亿元".parse().unwrap(), Frequency::Annual, Kind::Flow);
/// let (mut a, mut b, mut t) = (Series::new(meta("a")), Series::new(meta("b")), Series::new(meta("t")));
/// for (p, x, y) in [(2021, 60, 40), (2022, 66, 41)] {
///     a.insert(Period::year(p), Decimal::from(x))?;
///     b.insert(Period::year(p), Decimal::from(y))?;
///     t.insert(Period::year(p), Decimal::from(x + y))?;
/// }
/// let ca = transform::contribution(&a, &t, Period::year(2022), Lag::YearAgo)?;
/// let cb = transform::contribution(&b, &t, Period::year(2022), Lag::YearAgo)?;
/// assert_eq!((ca, cb), (Decimal::from(6), Decimal::from(1)));
/// assert_eq!(ca + cb, transform::growth(&t, Period::year(2021), Period::year(2022))?);
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn contribution<V: Value>(
    component: &Series<V>,
    total: &Series<V>,
    period: Period,
    lag: Lag,
) -> Result<V> {
    same_frequency(component, total)?;
    let factor = V::from_decimal(component.unit().factor_to(total.unit())?);
    let base_period = period.shift(-lag.periods(period.frequency()))?;
    let (c, c0) = values_alike((component, period), (component, base_period))?;
    let (_, t0) = values_alike((component, period), (total, base_period))?;
    let what = format!(
        "contribution of `{}` to `{}` at {period}",
        component.id(),
        total.id()
    );
    contribution_of(c, c0, t0, factor).map_err(|f| fault_error(f, &what))
}

fn contribution_of<V: Value>(
    c: V,
    c0: V,
    t0: V,
    factor: V,
) -> std::result::Result<V, crate::transform::Fault> {
    c.try_sub(c0)?
        .try_mul(factor)?
        .try_div(t0)?
        .try_mul(V::from_decimal(Decimal::ONE_HUNDRED))
}

/// [`contribution`] for every period of the component's span, as a series in percentage
/// points, with gaps and reasons where an input is missing.
///
/// # Errors
/// Units of different dimensions; frequencies that differ.
///
/// # Example
/// ```
/// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, transform::{self, Lag}};
/// use rust_decimal::Decimal;
/// let meta = |id: &str| SeriesMeta::new(id, "亿元".parse().unwrap(), Frequency::Annual, Kind::Flow);
/// let (mut a, mut t) = (Series::new(meta("a")), Series::new(meta("t")));
/// for (p, x, y) in [(2021, 60, 100), (2022, 66, 107)] {
///     a.insert(Period::year(p), Decimal::from(x))?;
///     t.insert(Period::year(p), Decimal::from(y))?;
/// }
/// let c = transform::contributions(&a, &t, Lag::YearAgo)?;
/// assert_eq!(c.unit().to_string(), "percentage points");
/// assert_eq!(c.value_at(Period::year(2022)), Some(Decimal::from(6)));
/// assert!(c.value_at(Period::year(2021)).is_none());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn contributions<V: Value>(
    component: &Series<V>,
    total: &Series<V>,
    lag: Lag,
) -> Result<Series<V>> {
    same_frequency(component, total)?;
    let factor = V::from_decimal(component.unit().factor_to(total.unit())?);
    let meta = derived_meta(
        component.meta(),
        "contribution",
        Unit::percentage_points(),
        Kind::Rate,
        &[total.meta()],
    );
    let mut out = Series::new(meta);
    let k = lag.periods(component.frequency());
    let (sc, st) = (Spans::of(component), Spans::of(total));
    let combined = !sc.is_empty() || !st.is_empty();
    for (p, c) in component.iter() {
        let Ok(base) = p.shift(-k) else {
            out.set_gap(p, Gap::BeforeFirstYear { period: p })?;
            continue;
        };
        let missing = |s: &Series<V>, at: Period| Gap::NoValue {
            series: s.id().to_string(),
            period: at,
        };
        let gap = match (c, component.value_at(base), total.value_at(base)) {
            (None, ..) => Some(missing(component, p)),
            (_, None, _) => Some(missing(component, base)),
            (_, _, None) => Some(missing(total, base)),
            (Some(c), Some(c0), Some(t0)) if !combined => {
                match contribution_of(c, c0, t0, factor) {
                    Ok(v) => {
                        out.insert(p, v)?;
                        None
                    }
                    Err(f) => Some(fault_gap(f, p, base, t0)),
                }
            }
            // Around combined releases: the same months at both periods (see `combined`).
            (Some(_), ..) => {
                let inputs = over_same_months((component, &sc, p), (component, &sc, base))
                    .and_then(|(c, c0, first)| {
                        over_same_months((component, &sc, p), (total, &st, base))
                            .map(|(_, t0, _)| (c, c0, t0, first))
                    });
                match inputs {
                    Ok((c, c0, t0, first)) => match contribution_of(c, c0, t0, factor) {
                        Ok(v) => {
                            out.insert(p, v)?;
                            for member in periods(first, p).take_while(|m| *m < p) {
                                out.set_gap(member, Gap::Combined { into: p })?;
                            }
                            None
                        }
                        Err(f) => Some(fault_gap(f, p, base, t0)),
                    },
                    Err(gap) => Some(gap),
                }
            }
        };
        if let Some(gap) = gap {
            out.set_gap(p, gap)?;
        }
    }
    Ok(out)
}

/// The series as an index with the base period (or the average of the base periods) = 100.
///
/// # Errors
/// When `base` is empty, a base period has no value, or the base is not positive.
///
/// # Example
/// ```
/// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, transform};
/// use rust_decimal::Decimal;
/// let mut s = Series::new(SeriesMeta::new("nev", "万辆".parse()?, Frequency::Annual, Kind::Flow));
/// s.insert(Period::year(2021), "354.5".parse().unwrap())?;
/// s.insert(Period::year(2022), "709".parse().unwrap())?;
/// let idx = transform::rebase(&s, &[Period::year(2021)])?;
/// assert_eq!(idx.value_at(Period::year(2022)), Some(Decimal::from(200)));
/// assert_eq!(idx.unit().to_string(), "number");
/// // The average of a base range = 100.
/// let both = transform::rebase(&s, &[Period::year(2021), Period::year(2022)])?;
/// assert_eq!(indstat::round_half_away(both.value_at(Period::year(2021)).unwrap(), 4), "66.6667".parse().unwrap());
/// assert!(transform::rebase(&s, &[Period::year(2020)]).is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn rebase<V: Value>(series: &Series<V>, base: &[Period]) -> Result<Series<V>> {
    if base.is_empty() {
        return Err(Error::invalid("rebasing needs at least one base period"));
    }
    let mut sum = V::from_decimal(Decimal::ZERO);
    for p in base {
        if let Some(first) = crate::transform::combined_from(series, *p) {
            return Err(Error::invalid(format!(
                "the index base {p} of `{}` is a combined release (from {first}): a base needs \
                 values of single periods",
                series.id()
            )));
        }
        sum = sum
            .try_add(value_at(series, *p)?)
            .map_err(|f| fault_error(f, "the base of the index"))?;
    }
    let what = format!("the index base of `{}`", series.id());
    let mean = sum
        .try_div(V::from_decimal(Decimal::from(base.len())))
        .map_err(|f| fault_error(f, &what))?;
    if !mean.is_positive() {
        return Err(fault_error(crate::transform::Fault::NonPositive, &what));
    }
    let hundred = V::from_decimal(Decimal::ONE_HUNDRED);
    let meta = derived_meta(series.meta(), "index", Unit::number(), Kind::Rate, &[]);
    let mut out = Series::new(meta);
    for (p, v) in series.iter() {
        match v.map(|v| v.try_mul(hundred).and_then(|x| x.try_div(mean))) {
            Some(Ok(x)) => out.insert(p, x)?,
            Some(Err(f)) => out.set_gap(p, fault_gap(f, p, p, v.unwrap_or_else(V::gap_filler)))?,
            // A period inside a combined release stays marked so: the index keeps what its
            // values cover.
            None => match series.gap(p) {
                Some(combined @ Gap::Combined { .. }) => out.set_gap(p, combined.clone())?,
                _ => out.set_gap(
                    p,
                    Gap::NoValue {
                        series: series.id().to_string(),
                        period: p,
                    },
                )?,
            },
        }
    }
    Ok(out)
}
