//! The inverses a verifier needs: what a reported growth rate, share or CAGR implies about the
//! value it was computed from.

use rust_decimal::Decimal;

use crate::error::Result;
use crate::transform::{Value, fault_error};

/// The base implied by a level and its growth in percent: level / (1 + growth/100).
///
/// # Errors
/// When 1 + growth/100 may be zero (growth of −100%).
///
/// # Example
/// ```
/// use indstat::{Figure, transform::implied_base};
/// use rust_decimal::Decimal;
/// // CAAM: NEV production 705.8 (10 thousand), up 96.9%: the 2021 base this implies.
/// let level = "705.8".parse::<Figure>()?.interval()?;
/// let growth = "96.9%".parse::<Figure>()?.interval()?;
/// let base = implied_base(level, growth)?;
/// assert!(base.contains("358.4".parse().unwrap()));
/// assert!(!base.contains("354.5".parse().unwrap())); // not the published 2021 base
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn implied_base<V: Value>(level: V, growth_percent: V) -> Result<V> {
    let factor =
        one_plus_percent(growth_percent).map_err(|f| fault_error(f, "the growth factor"))?;
    level
        .try_div(factor)
        .map_err(|f| fault_error(f, "the base implied by a level and its growth"))
}

/// The whole implied by a part and its share in percent: part / (share/100).
///
/// # Errors
/// When the share may be zero.
///
/// # Example
/// ```
/// use indstat::{Figure, transform::implied_whole};
/// // 18.45亿 cellular IoT connections are "more than 70%" of the world's.
/// let part = "18.45".parse::<Figure>()?.interval()?;
/// let share = "more than 70%".parse::<Figure>()?.interval()?;
/// let world = implied_whole(part, share)?;
/// assert!(world.contains("24".parse().unwrap()) && !world.contains("27".parse().unwrap()));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn implied_whole<V: Value>(part: V, share_percent: V) -> Result<V> {
    let fraction = share_percent
        .try_div(V::from_decimal(Decimal::ONE_HUNDRED))
        .map_err(|f| fault_error(f, "the share"))?;
    part.try_div(fraction)
        .map_err(|f| fault_error(f, "the whole implied by a part and its share"))
}

/// The start implied by an end value and a CAGR in percent over `years`:
/// end / (1 + cagr/100)^years.
///
/// # Errors
/// When 1 + cagr/100 may be zero or negative.
///
/// # Example
/// ```
/// use indstat::{Figure, transform::implied_start};
/// // "its compound annual growth rate has reached 87%" since 2012, ending at 705.8 (10 thousand) in 2022.
/// let end = "705.8".parse::<Figure>()?.interval()?;
/// let cagr = "87%".parse::<Figure>()?.interval()?;
/// let start = implied_start(end, cagr, 10.0)?;
/// // About 1.35 (10 thousand vehicles) in 2012: 1.87^10 ≈ 522.6.
/// assert!(start.contains("1.35".parse().unwrap()));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn implied_start<V: Value>(end: V, cagr_percent: V, years: f64) -> Result<V> {
    let factor = one_plus_percent(cagr_percent).map_err(|f| fault_error(f, "the growth factor"))?;
    if !factor.is_positive() {
        return Err(fault_error(
            crate::transform::Fault::NonPositive,
            "the growth factor",
        ));
    }
    let compounded = factor
        .try_powf(years)
        .map_err(|f| fault_error(f, "the compounded growth"))?;
    end.try_div(compounded)
        .map_err(|f| fault_error(f, "the start implied by an end and a CAGR"))
}

fn one_plus_percent<V: Value>(p: V) -> std::result::Result<V, crate::transform::Fault> {
    p.try_div(V::from_decimal(Decimal::ONE_HUNDRED))?
        .try_add(V::from_decimal(Decimal::ONE))
}
