//! The interval rules: how a figure's precision, qualifier and the chosen [`Reading`] turn a
//! written number into the values it stands for.
//!
//! With u = one unit of the last written decimal and s = one unit of the last significant digit:
//! - plain, rounded half away from zero (四舍五入): [v − u/2, v + u/2) for v > 0, mirrored for
//!   v < 0, and (−u/2, u/2) for zero (−u/2 rounds away from zero to −u, so both ends are open);
//! - plain, truncated: [v, v + u) for v > 0, (v − u, v] for v < 0, (−u, u) for zero;
//! - "more than" and its kin: [v, v + s) (strictly: (v, +∞));
//! - "nearly" and its kin: (v − s, v] (strictly: (−∞, v));
//! - "at least" / "as many as" / "up to" read like "more than" / "nearly", but strictly they
//!   include the figure: [v, +∞) and (−∞, v];
//! - "about": [v − t, v + t], t = max(u/2, tolerance).
//!
//! Qualifiers speak of magnitude: for v < 0 every one-sided rule is mirrored, so "more than −5%"
//! (as in "fell more than 5%") is (−6, −5] and strictly (−∞, −5); "nearly −4%" is [−4, −3).

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::interval::{Bound, Interval};
use crate::unit::pow10;

use super::qualifier::{Qualifier, QualifierDirection};

/// How a plain figure was shortened to its written digits.
///
/// # Example
/// ```
/// use indstat::Rounding;
/// assert_eq!("truncate".parse::<Rounding>()?, Rounding::Truncate);
/// assert_eq!(Rounding::default(), Rounding::HalfAwayFromZero);
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Rounding {
    /// 四舍五入: half away from zero. The default for official figures.
    #[default]
    HalfAwayFromZero,
    /// Truncation toward zero ("705万辆" for 705.8万).
    Truncate,
}

crate::string_enum::string_enum!(Rounding, what = "rounding", path = "indstat::Rounding", {
    HalfAwayFromZero => "round" | "rounded" | "half-away-from-zero" | "half away from zero" | "四舍五入",
    Truncate => "truncate" | "truncated" | "truncation" | "截断",
});

/// How wide "about" is: relative to the figure, or an absolute amount in its unit.
///
/// # Example
/// ```
/// use indstat::Tolerance;
/// assert_eq!("2%".parse::<Tolerance>()?, Tolerance::Relative("0.02".parse().unwrap()));
/// assert_eq!("0.5".parse::<Tolerance>()?, Tolerance::Absolute("0.5".parse().unwrap()));
/// assert!("-1%".parse::<Tolerance>().is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tolerance {
    /// A fraction of the figure's magnitude (0.05 is 5%).
    Relative(Decimal),
    /// An amount in the figure's own unit and scale.
    Absolute(Decimal),
}

impl Default for Tolerance {
    /// 5% of the figure: "about 100" is [95, 105].
    fn default() -> Tolerance {
        Tolerance::Relative(Decimal::new(5, 2))
    }
}

impl FromStr for Tolerance {
    type Err = Error;

    /// `2%` (relative) or `0.5` (absolute, in the figure's unit); never negative.
    fn from_str(s: &str) -> Result<Tolerance> {
        let t = s.trim();
        let (number, relative) = match t.strip_suffix('%') {
            Some(n) => (n.trim(), true),
            None => (t, false),
        };
        let v: Decimal = number.parse().map_err(|_| {
            Error::parse("tolerance", s, "expected a number, or a percent such as 2%")
        })?;
        if v.is_sign_negative() {
            return Err(Error::parse(
                "tolerance",
                s,
                "a tolerance cannot be negative",
            ));
        }
        if relative {
            Ok(Tolerance::Relative(v / Decimal::ONE_HUNDRED))
        } else {
            Ok(Tolerance::Absolute(v))
        }
    }
}

/// How to read a figure as an interval: the rounding of plain figures, the strict reading of
/// "more than", the tolerance of "about". The default is what DESIGN.md prescribes.
///
/// # Example
/// ```
/// use indstat::{Figure, Reading};
/// let f: Figure = "more than 520 million".parse()?;
/// assert_eq!(f.interval()?.to_string(), "[520, 530)");
/// let strict = Reading { strict: true, ..Reading::default() };
/// assert_eq!(f.interval_with(&strict)?.to_string(), "(520, +∞)");
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reading {
    /// How plain figures were shortened. Default: half away from zero.
    pub rounding: Rounding,
    /// Read "more than v" as (v, +∞) and "less than v" as (−∞, v) instead of the
    /// rounded-down/up reading. Default: `false`.
    pub strict: bool,
    /// Width of "about". Default: 5% of the figure.
    pub tolerance: Tolerance,
}

/// `value` rounded half away from zero (四舍五入) to `decimals` decimals, as officials round
/// reported figures. (rust_decimal's `round_dp` rounds half to even, which is not how
/// figures are reported: 0.125 → 0.12 there, 0.13 here.)
///
/// # Example
/// ```
/// use indstat::round_half_away;
/// use rust_decimal::Decimal;
/// let d = |s: &str| s.parse::<Decimal>().unwrap();
/// assert_eq!(round_half_away(d("0.125"), 2), d("0.13"));
/// assert_eq!(round_half_away(d("-4.05"), 1), d("-4.1"));
/// assert_eq!(round_half_away(d("99.097"), 1), d("99.1"));
/// ```
pub fn round_half_away(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(
        decimals,
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    )
}

/// `value` truncated toward zero to `decimals` decimals ("7.05 million" for 7.058 million).
///
/// # Example
/// ```
/// use indstat::figure::truncate;
/// use rust_decimal::Decimal;
/// let d = |s: &str| s.parse::<Decimal>().unwrap();
/// assert_eq!(truncate(d("7.058"), 2), d("7.05"));
/// assert_eq!(truncate(d("-3.99"), 1), d("-3.9"));
/// ```
pub fn truncate(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, rust_decimal::RoundingStrategy::ToZero)
}

/// `value` shortened to `decimals` decimals as `rounding` says.
///
/// # Example
/// ```
/// use indstat::{Rounding, figure::shorten};
/// let v = "705.86".parse().unwrap();
/// assert_eq!(shorten(v, 1, Rounding::Truncate).to_string(), "705.8");
/// assert_eq!(shorten(v, 1, Rounding::HalfAwayFromZero).to_string(), "705.9");
/// ```
pub fn shorten(value: Decimal, decimals: u32, rounding: Rounding) -> Decimal {
    match rounding {
        Rounding::HalfAwayFromZero => round_half_away(value, decimals),
        Rounding::Truncate => truncate(value, decimals),
    }
}

/// The exponent of one unit of the last significant digit of `v` as written.
pub(crate) fn significant_exponent(v: Decimal) -> i32 {
    if v.scale() > 0 {
        return -(v.scale() as i32);
    }
    let mut m = v.mantissa().unsigned_abs();
    if m == 0 {
        return 0;
    }
    let mut zeros = 0;
    while m % 10 == 0 {
        m /= 10;
        zeros += 1;
    }
    zeros
}

/// The interval a reported value stands for, given one unit of its last written digit
/// (10^`u_exp`) and of its last significant digit (10^`s_exp`), in the value's own unit. Shared
/// by figures and by series observations, so that both read the same way. The rules are those
/// of the [module docs](self).
pub(crate) fn reported_interval(
    v: Decimal,
    u_exp: i32,
    s_exp: i32,
    qualifier: Qualifier,
    reading: &Reading,
) -> Result<Interval> {
    let overflow = || Error::overflow(format!("the interval of {v}"));
    let s = pow10(s_exp);
    // Qualifiers speak of magnitude: a negative figure bends the other way.
    let negative = v.is_sign_negative() && !v.is_zero();
    let open_strict = !qualifier.is_inclusive();
    let upward = match qualifier.direction() {
        QualifierDirection::Exact => return plain_interval(v, u_exp, reading.rounding),
        QualifierDirection::Approximate => return about_interval(v, u_exp, reading.tolerance),
        QualifierDirection::AtLeast => !negative,
        QualifierDirection::AtMost => negative,
    };
    match (upward, reading.strict) {
        (true, true) => Ok(Interval::at_least(v, open_strict)),
        (false, true) => Ok(Interval::at_most(v, open_strict)),
        (true, false) => Interval::half_open(v, v.checked_add(s).ok_or_else(overflow)?),
        (false, false) => Interval::new(
            Bound::Open(v.checked_sub(s).ok_or_else(overflow)?),
            Bound::Closed(v),
        ),
    }
}

/// A plain figure: rounded or truncated at its last written digit (10^`u_exp`).
fn plain_interval(v: Decimal, u_exp: i32, rounding: Rounding) -> Result<Interval> {
    let overflow = || Error::overflow(format!("the interval of {v}"));
    let u = pow10(u_exp);
    if v.is_zero() {
        // Values just below zero round (or truncate) to zero too: −u/2 rounds half away from
        // zero to −u, so the low end is open, and truncation keeps all of (−u, 0).
        let half = match rounding {
            Rounding::HalfAwayFromZero => u / Decimal::TWO,
            Rounding::Truncate => u,
        };
        // Half a unit of the 28th decimal is below Decimal's resolution: a whole unit still
        // holds every value that rounds to zero.
        let half = if half.is_zero() { u } else { half };
        return Interval::new(Bound::Open(-half), Bound::Open(half));
    }
    match rounding {
        Rounding::HalfAwayFromZero => Interval::rounded(v, -u_exp),
        Rounding::Truncate => {
            if v.is_sign_negative() {
                let low = v.checked_sub(u).ok_or_else(overflow)?;
                Interval::new(Bound::Open(low), Bound::Closed(v))
            } else {
                Interval::half_open(v, v.checked_add(u).ok_or_else(overflow)?)
            }
        }
    }
}

/// "about v": v ± the tolerance, never narrower than the rounding of v.
fn about_interval(v: Decimal, u_exp: i32, tolerance: Tolerance) -> Result<Interval> {
    let overflow = || Error::overflow(format!("the interval of {v}"));
    let half_u = pow10(u_exp) / Decimal::TWO;
    let t = match tolerance {
        Tolerance::Relative(r) => v.abs().checked_mul(r).ok_or_else(overflow)?,
        Tolerance::Absolute(a) => a,
    };
    let t = t.max(half_u);
    Interval::closed(
        v.checked_sub(t).ok_or_else(overflow)?,
        v.checked_add(t).ok_or_else(overflow)?,
    )
}
