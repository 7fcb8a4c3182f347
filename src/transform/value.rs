//! The arithmetic every computation is written against, so that each runs in three forms:
//! exact `Decimal`, sound [`Interval`] (for reported figures) and `f64` (for bulk work).

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, MathematicalOps};

use crate::interval::Interval;
use crate::series::Element;

/// Why one arithmetic step has no result.
///
/// # Example
/// ```
/// use indstat::transform::{Fault, Value};
/// use rust_decimal::Decimal;
/// assert_eq!(Decimal::ONE.try_div(Decimal::ZERO), Err(Fault::ZeroDivisor));
/// assert_eq!(Decimal::ZERO.try_ln(), Err(Fault::NonPositive));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A logarithm, growth base or real power of a value that is not positive.
    NonPositive,
    /// A division by zero (for intervals: by an interval that may be zero).
    ZeroDivisor,
    /// The result does not fit (Decimal overflow, or a non-finite `f64`).
    Overflow,
}

/// A number type the computations run on: `Decimal`, `Interval` or `f64`.
///
/// # Example
/// ```
/// use indstat::transform::Value;
/// use indstat::Interval;
/// use rust_decimal::Decimal;
///
/// fn double<V: Value>(x: V) -> V { x.try_add(x).unwrap() }
/// assert_eq!(double(Decimal::ONE), Decimal::TWO);
/// assert_eq!(double(1.5f64), 3.0);
/// assert_eq!(double(Interval::point(Decimal::ONE)), Interval::point(Decimal::TWO));
/// ```
pub trait Value: Element + PartialEq + std::fmt::Debug + 'static {
    /// The constant `d` (rounded to the nearest `f64` for `f64`).
    fn from_decimal(d: Decimal) -> Self;
    /// The integer `n`, exactly. For constants in formulas: the default goes through
    /// [`from_decimal`](Value::from_decimal); `f64` overrides it so that a kernel's constants
    /// fold at compile time.
    ///
    /// # Example
    /// ```
    /// use indstat::transform::Value;
    /// use rust_decimal::Decimal;
    /// assert_eq!(<f64 as Value>::from_i32(100), 100.0);
    /// assert_eq!(<Decimal as Value>::from_i32(-3), Decimal::from(-3));
    /// ```
    #[inline]
    fn from_i32(n: i32) -> Self {
        Self::from_decimal(Decimal::from(n))
    }
    /// The value itself when it is a number: `f64` refuses NaN and the infinities
    /// ([`Fault::Overflow`]); exact types always are.
    ///
    /// # Example
    /// ```
    /// use indstat::transform::{Fault, Value};
    /// assert_eq!(1.5f64.try_finite(), Ok(1.5));
    /// assert_eq!(f64::NAN.try_finite(), Err(Fault::Overflow));
    /// ```
    #[inline]
    fn try_finite(self) -> Result<Self, Fault> {
        Ok(self)
    }
    /// self + o.
    fn try_add(self, o: Self) -> Result<Self, Fault>;
    /// self − o.
    fn try_sub(self, o: Self) -> Result<Self, Fault>;
    /// self × o.
    fn try_mul(self, o: Self) -> Result<Self, Fault>;
    /// self ÷ o.
    fn try_div(self, o: Self) -> Result<Self, Fault>;
    /// ln(self), for positive values.
    fn try_ln(self) -> Result<Self, Fault>;
    /// self^n.
    fn try_powi(self, n: i32) -> Result<Self, Fault>;
    /// self^p for a real p, for non-negative values.
    fn try_powf(self, p: f64) -> Result<Self, Fault>;
    /// Whether the value is (for intervals: every value in it is) strictly positive.
    fn is_positive(self) -> bool;
    /// The value as text, for messages.
    fn describe(self) -> String;

    /// (self ÷ base − 1) × 100: growth in percent on a positive base.
    ///
    /// # Example
    /// ```
    /// use indstat::transform::{Fault, Value};
    /// use rust_decimal::Decimal;
    /// let g = Decimal::from(705).growth_over(Decimal::from(300)).unwrap();
    /// assert_eq!(g, Decimal::from(135));
    /// assert_eq!(Decimal::ONE.growth_over(Decimal::ZERO), Err(Fault::NonPositive));
    /// ```
    #[inline(always)]
    fn growth_over(self, base: Self) -> Result<Self, Fault> {
        if !base.is_positive() {
            return Err(Fault::NonPositive);
        }
        self.try_div(base)?
            .try_sub(Self::from_i32(1))?
            .try_mul(Self::from_i32(100))
    }
}

// The `Decimal` and `f64` arithmetic is `#[inline(always)]`: the dense kernels call it once per
// element, and as calls (counted with callgrind) the `Decimal` loop ran a quarter more
// instructions than the hand-written loop it replaced.
#[inline(always)]
fn checked(v: Option<Decimal>) -> Result<Decimal, Fault> {
    v.ok_or(Fault::Overflow)
}

impl Value for Decimal {
    #[inline(always)]
    fn from_decimal(d: Decimal) -> Decimal {
        d
    }
    #[inline(always)]
    fn from_i32(n: i32) -> Decimal {
        // From parts, so that a formula's constant folds in a kernel loop (`Decimal::from`
        // goes through a conversion call per use).
        Decimal::from_parts(n.unsigned_abs(), 0, 0, n < 0, 0)
    }
    #[inline(always)]
    fn try_add(self, o: Decimal) -> Result<Decimal, Fault> {
        checked(self.checked_add(o))
    }
    #[inline(always)]
    fn try_sub(self, o: Decimal) -> Result<Decimal, Fault> {
        checked(self.checked_sub(o))
    }
    #[inline(always)]
    fn try_mul(self, o: Decimal) -> Result<Decimal, Fault> {
        checked(self.checked_mul(o))
    }
    #[inline(always)]
    fn try_div(self, o: Decimal) -> Result<Decimal, Fault> {
        if o.is_zero() {
            return Err(Fault::ZeroDivisor);
        }
        checked(self.checked_div(o))
    }
    #[inline(always)]
    fn try_ln(self) -> Result<Decimal, Fault> {
        if !self.is_positive() {
            return Err(Fault::NonPositive);
        }
        checked(self.checked_ln())
    }
    #[inline(always)]
    fn try_powi(self, n: i32) -> Result<Decimal, Fault> {
        checked(self.checked_powi(i64::from(n)))
    }
    #[inline(always)]
    fn try_powf(self, p: f64) -> Result<Decimal, Fault> {
        if self.is_sign_negative() && !self.is_zero() {
            return Err(Fault::NonPositive);
        }
        if self.is_zero() {
            return if p > 0.0 {
                Ok(Decimal::ZERO)
            } else {
                Err(Fault::ZeroDivisor)
            };
        }
        let p = Decimal::from_f64(p).ok_or(Fault::Overflow)?;
        checked(self.checked_powd(p))
    }
    #[inline(always)]
    fn is_positive(self) -> bool {
        // A sign test; comparing with zero would align scales first.
        !self.is_sign_negative() && !self.is_zero()
    }
    fn describe(self) -> String {
        self.to_string()
    }
}

impl Value for f64 {
    #[inline(always)]
    fn from_decimal(d: Decimal) -> f64 {
        d.to_f64().unwrap_or(f64::NAN)
    }
    #[inline(always)]
    fn from_i32(n: i32) -> f64 {
        f64::from(n)
    }
    #[inline(always)]
    fn try_finite(self) -> Result<f64, Fault> {
        finite(self)
    }
    #[inline(always)]
    fn try_add(self, o: f64) -> Result<f64, Fault> {
        finite(self + o)
    }
    #[inline(always)]
    fn try_sub(self, o: f64) -> Result<f64, Fault> {
        finite(self - o)
    }
    #[inline(always)]
    fn try_mul(self, o: f64) -> Result<f64, Fault> {
        finite(self * o)
    }
    #[inline(always)]
    fn try_div(self, o: f64) -> Result<f64, Fault> {
        if o == 0.0 {
            return Err(Fault::ZeroDivisor);
        }
        finite(self / o)
    }
    #[inline(always)]
    fn try_ln(self) -> Result<f64, Fault> {
        if self.is_nan() || self <= 0.0 {
            return Err(Fault::NonPositive);
        }
        finite(self.ln())
    }
    #[inline(always)]
    fn try_powi(self, n: i32) -> Result<f64, Fault> {
        finite(self.powi(n))
    }
    #[inline(always)]
    fn try_powf(self, p: f64) -> Result<f64, Fault> {
        if self.is_nan() || self < 0.0 {
            return Err(Fault::NonPositive);
        }
        finite(self.powf(p))
    }
    #[inline(always)]
    fn is_positive(self) -> bool {
        self > 0.0
    }
    fn describe(self) -> String {
        self.to_string()
    }
}

#[inline(always)]
fn finite(v: f64) -> Result<f64, Fault> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(Fault::Overflow)
    }
}

/// The fault for an interval operation's error. A domain error means what the operation's
/// domain is (`domain`: a divisor that may be zero, a base that is not positive), decided by
/// the caller from the operation and its operands; anything else is an overflow.
fn interval_fault(e: crate::Error, domain: Fault) -> Fault {
    match e.kind() {
        crate::ErrorKind::Domain { .. } => domain,
        _ => Fault::Overflow,
    }
}

/// The fault of a power of `base` outside its domain: a negative power of an interval that
/// may be zero divides by zero; otherwise the base is negative.
fn power_fault(base: &Interval, negative_power: bool) -> Fault {
    if negative_power && base.contains(Decimal::ZERO) {
        Fault::ZeroDivisor
    } else {
        Fault::NonPositive
    }
}

impl Value for Interval {
    fn from_decimal(d: Decimal) -> Interval {
        Interval::point(d)
    }
    fn try_add(self, o: Interval) -> Result<Interval, Fault> {
        Interval::checked_add(&self, &o).map_err(|e| interval_fault(e, Fault::Overflow))
    }
    fn try_sub(self, o: Interval) -> Result<Interval, Fault> {
        Interval::checked_sub(&self, &o).map_err(|e| interval_fault(e, Fault::Overflow))
    }
    fn try_mul(self, o: Interval) -> Result<Interval, Fault> {
        Interval::checked_mul(&self, &o).map_err(|e| interval_fault(e, Fault::Overflow))
    }
    fn try_div(self, o: Interval) -> Result<Interval, Fault> {
        Interval::checked_div(&self, &o).map_err(|e| interval_fault(e, Fault::ZeroDivisor))
    }
    fn try_ln(self) -> Result<Interval, Fault> {
        if !self.is_positive() {
            return Err(Fault::NonPositive);
        }
        Interval::checked_ln(&self).map_err(|e| interval_fault(e, Fault::NonPositive))
    }
    fn try_powi(self, n: i32) -> Result<Interval, Fault> {
        Interval::checked_powi(&self, n).map_err(|e| interval_fault(e, power_fault(&self, n < 0)))
    }
    fn try_powf(self, p: f64) -> Result<Interval, Fault> {
        // As for Decimal and f64: an exponent that is not a finite number gives no finite result.
        let domain = if p.is_finite() {
            power_fault(&self, p < 0.0)
        } else {
            Fault::Overflow
        };
        Interval::checked_powf(&self, p).map_err(|e| interval_fault(e, domain))
    }
    fn is_positive(self) -> bool {
        match self.low() {
            crate::Bound::Closed(v) => v > Decimal::ZERO,
            crate::Bound::Open(v) => v >= Decimal::ZERO,
            crate::Bound::Unbounded => false,
        }
    }
    fn describe(self) -> String {
        self.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_forms_agree_on_briefing_growth() {
        // NEV production 2022 on the published 2021 base (CAAM): 705.8 / 354.5.
        let d = Decimal::from_str_exact("705.8")
            .unwrap()
            .growth_over(Decimal::from_str_exact("354.5").unwrap())
            .unwrap();
        let f = 705.8f64.growth_over(354.5).unwrap();
        let i = Interval::point(Decimal::from_str_exact("705.8").unwrap())
            .growth_over(Interval::point(Decimal::from_str_exact("354.5").unwrap()))
            .unwrap();
        approx::assert_relative_eq!(d.to_f64().unwrap(), f, epsilon = 1e-12);
        assert!(i.contains(d), "{i} must contain {d}");
        // Independently: 705.8/354.5 = 1.99097..., so 99.1% after rounding.
        assert_eq!(
            d.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
            Decimal::from_str_exact("99.1").unwrap()
        );
    }

    #[test]
    fn intervals_touching_zero_are_not_positive() {
        let i = Interval::closed(Decimal::ZERO, Decimal::ONE).unwrap();
        assert!(!i.is_positive());
        assert_eq!(
            Decimal::ONE.growth_over(Decimal::NEGATIVE_ONE),
            Err(Fault::NonPositive)
        );
        assert_eq!((-1.0f64).try_ln(), Err(Fault::NonPositive));
        assert_eq!(1.0f64.try_div(0.0), Err(Fault::ZeroDivisor));
    }

    #[test]
    fn interval_faults_follow_the_operation_not_the_message() {
        let d = |v: i64| Interval::point(Decimal::from(v));
        let zero_to_one = Interval::closed(Decimal::ZERO, Decimal::ONE).unwrap();
        let minus_one_to_one = Interval::closed(Decimal::NEGATIVE_ONE, Decimal::ONE).unwrap();
        // Dividing by an interval that contains zero, and a negative power of one.
        assert_eq!(d(1).try_div(zero_to_one), Err(Fault::ZeroDivisor));
        assert_eq!(zero_to_one.try_powi(-1), Err(Fault::ZeroDivisor));
        assert_eq!(zero_to_one.try_powf(-0.5), Err(Fault::ZeroDivisor));
        // A real power or a logarithm of values below zero.
        assert_eq!(minus_one_to_one.try_powf(0.5), Err(Fault::NonPositive));
        assert_eq!(d(-2).try_ln(), Err(Fault::NonPositive));
        // An exponent that is not finite has no finite result, in every form (the old message
        // test called this a non-positive base).
        assert_eq!(d(2).try_powf(f64::INFINITY), Err(Fault::Overflow));
        assert_eq!(Decimal::TWO.try_powf(f64::INFINITY), Err(Fault::Overflow));
        assert_eq!(d(2).try_powf(f64::NAN), Err(Fault::Overflow));
    }
}
