//! Shares of a whole, ratios of two series, and percentage-point changes of a rate.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::period::Period;
use crate::series::{Kind, Series};
use crate::transform::{Value, derived_meta, fault_error, values_alike, zip_with};
use crate::unit::{Dimension, Scale, Unit, pow10};

/// The share of `part` in `whole` for every period, in percent: part / whole · 100, with the
/// scales converted exactly.
///
/// # Errors
/// When the two units have different dimensions (a share of GDP is not a share of vehicles),
/// or the frequencies differ.
///
/// # Example
/// ```
/// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, transform};
/// use rust_decimal::Decimal;
/// let mut industry = Series::new(SeriesMeta::new("industry", "亿元".parse()?, Frequency::Annual, Kind::Flow));
/// let mut gdp = Series::new(SeriesMeta::new("gdp", "trillion yuan".parse()?, Frequency::Annual, Kind::Flow));
/// industry.insert(Period::year(2022), Decimal::from(401_644))?;
/// gdp.insert(Period::year(2022), "121.0207".parse().unwrap())?;
/// let s = transform::share(&industry, &gdp)?;
/// assert_eq!(indstat::round_half_away(s.value_at(Period::year(2022)).unwrap(), 1), "33.2".parse::<Decimal>().unwrap());
/// let vehicles = Series::new(SeriesMeta::new("nev", "万辆".parse()?, Frequency::Annual, Kind::Flow));
/// assert!(transform::share(&vehicles, &gdp).is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn share<V: Value>(part: &Series<V>, whole: &Series<V>) -> Result<Series<V>> {
    let factor = share_factor(part.unit(), whole.unit())?;
    let meta = derived_meta(
        part.meta(),
        "share",
        Unit::percent(),
        Kind::Rate,
        &[whole.meta()],
    );
    zip_with(part, whole, meta, |p, w| p.try_mul(factor)?.try_div(w))
}

/// The exact factor that turns part / whole into percent.
fn share_factor<V: Value>(part: &Unit, whole: &Unit) -> Result<V> {
    if part.dimension() != whole.dimension() && !part.is_compatible(whole) {
        return Err(Error::new(crate::ErrorKind::IncompatibleUnits {
            from: part.to_string(),
            to: whole.to_string(),
            reason: "a share needs a part and a whole of one dimension".into(),
        }));
    }
    let f = part.factor_to(whole)? * Decimal::ONE_HUNDRED;
    Ok(V::from_decimal(f))
}

/// The share of `part` in `whole` at one period, in percent.
///
/// # Errors
/// As [`share`]; a missing value; a zero whole.
///
/// # Example
/// ```
/// use indstat::{Frequency, Interval, Kind, Period, Series, SeriesMeta, transform};
/// use rust_decimal::Decimal;
/// let mut industry = Series::new(SeriesMeta::new("industry", "亿元".parse()?, Frequency::Annual, Kind::Flow));
/// let mut gdp = Series::new(SeriesMeta::new("gdp", "亿元".parse()?, Frequency::Annual, Kind::Flow));
/// industry.insert(Period::year(2022), Decimal::from(401_644))?;
/// gdp.insert(Period::year(2022), Decimal::from(1_210_207))?;
/// // On intervals: each level rounded to a unit of 100 million yuan.
/// let s = transform::share_at(&industry.map(|v| Interval::rounded(v, 0).unwrap()),
///     &gdp.map(|v| Interval::rounded(v, 0).unwrap()), Period::year(2022))?;
/// assert!(s.overlaps(&"33.2%".parse::<indstat::Figure>()?.interval()?));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn share_at<V: Value>(part: &Series<V>, whole: &Series<V>, period: Period) -> Result<V> {
    let factor: V = share_factor(part.unit(), whole.unit())?;
    let (p, w) = values_alike((part, period), (whole, period))?;
    p.try_mul(factor).and_then(|x| x.try_div(w)).map_err(|f| {
        fault_error(
            f,
            &format!("share of `{}` in `{}` at {period}", part.id(), whole.id()),
        )
    })
}

/// The unit of a / b and the exact factor to apply to a / b: a pure number for one dimension
/// (scales converted), else the derived unit "a per b" (yuan per vehicle).
///
/// # Example
/// ```
/// use indstat::{Unit, transform::ratio_unit};
/// use rust_decimal::Decimal;
/// let (u, k) = ratio_unit(&"亿元".parse()?, &"万辆".parse()?)?;
/// assert_eq!(u.to_string(), "10 thousand yuan per vehicle");
/// assert_eq!(k, Decimal::ONE);
/// let (u, k) = ratio_unit(&"亿元".parse()?, &"trillion yuan".parse()?)?;
/// assert_eq!((u, k), (Unit::number(), "0.0001".parse().unwrap()));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn ratio_unit(a: &Unit, b: &Unit) -> Result<(Unit, Decimal)> {
    if a.is_compatible(b) {
        return Ok((Unit::number(), a.factor_to(b)?));
    }
    let exponent = a.scale().exponent() as i32 - b.scale().exponent() as i32;
    let (scale, factor) = if exponent >= 0 {
        (Scale::new(exponent as u32)?, Decimal::ONE)
    } else {
        (Scale::ONE, pow10(exponent))
    };
    let dimension = Dimension::Per(
        Box::new(a.dimension().clone()),
        Box::new(b.dimension().clone()),
    );
    Ok((Unit::new(dimension, scale)?, factor))
}

/// The ratio a / b for every period, in the unit [`ratio_unit`] derives.
///
/// # Errors
/// When the frequencies differ.
///
/// # Example
/// ```
/// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, transform};
/// use rust_decimal::Decimal;
/// let mut sales = Series::new(SeriesMeta::new("nev_sales", "万辆".parse()?, Frequency::Annual, Kind::Flow));
/// let mut prod = Series::new(SeriesMeta::new("nev_production", "万辆".parse()?, Frequency::Annual, Kind::Flow));
/// sales.insert(Period::year(2022), "688.7".parse().unwrap())?;
/// prod.insert(Period::year(2022), "705.8".parse().unwrap())?;
/// let r = transform::ratio(&sales, &prod)?;
/// assert_eq!(r.unit().to_string(), "number");
/// assert_eq!(indstat::round_half_away(r.value_at(Period::year(2022)).unwrap(), 3), "0.976".parse::<Decimal>().unwrap());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn ratio<V: Value>(a: &Series<V>, b: &Series<V>) -> Result<Series<V>> {
    let (unit, factor) = ratio_unit(a.unit(), b.unit())?;
    let factor = V::from_decimal(factor);
    let meta = derived_meta(a.meta(), "ratio", unit, Kind::Rate, &[b.meta()]);
    zip_with(a, b, meta, |x, y| x.try_mul(factor)?.try_div(y))
}

/// The change of a rate in percentage points from `from` to `to`.
///
/// # Errors
/// When the series is not in percent; a missing value.
///
/// # Example
/// ```
/// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit, transform};
/// use rust_decimal::Decimal;
/// // MIIT: manufacturing 27.4% of GDP in 2021, 27.7% in 2022.
/// let mut m: Series = Series::new(SeriesMeta::new("manufacturing_share", Unit::percent(), Frequency::Annual, Kind::Rate));
/// m.insert(Period::year(2021), "27.4".parse().unwrap())?;
/// m.insert(Period::year(2022), "27.7".parse().unwrap())?;
/// let pp = transform::percentage_point_change(&m, Period::year(2021), Period::year(2022))?;
/// assert_eq!(pp, "0.3".parse::<Decimal>().unwrap());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn percentage_point_change<V: Value>(rate: &Series<V>, from: Period, to: Period) -> Result<V> {
    if rate.unit().dimension() != &Dimension::Percent {
        return Err(Error::invalid(format!(
            "a percentage-point change needs a series in percent; `{}` is in {}",
            rate.id(),
            rate.unit()
        )));
    }
    let (a, b) = values_alike((rate, from), (rate, to))?;
    b.try_sub(a)
        .map_err(|f| fault_error(f, &format!("change of `{}` from {from} to {to}", rate.id())))
}
