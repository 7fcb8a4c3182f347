//! Sound arithmetic on intervals: every result holds every value the operation gives on values
//! drawn from the inputs.
//!
//! `Decimal` rounds silently once a result needs more than 28 significant digits (or 28
//! decimals): each end is computed by the outward-rounded operations of [`super::rounding`],
//! which compare with the exact result. Real powers and logarithms go through `f64` and are
//! widened by a bound on its error.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

use super::rounding::{
    POWF_RELATIVE_WIDENING, add_ends, half_unit, mul_ends, power, quotient, real_power, sum,
};
use super::{Bound, End, Ext, Interval, Side, pick};
use crate::error::{Error, Result};

impl Interval {
    /// The values that round half away from zero (四舍五入) to `value` at `decimals` decimals:
    /// [v − u/2, v + u/2) for v ≥ 0 and (v − u/2, v + u/2] for v < 0, where u = 10^−decimals.
    /// `decimals` may be negative (rounded to tens, hundreds, …). Where v ± u/2 needs more
    /// digits than a `Decimal` holds, the end is moved outward to the nearest `Decimal` and
    /// closed; from 28 decimals on, u/2 is below `Decimal`'s resolution and the interval is
    /// [v − 10^−28, v + 10^−28].
    ///
    /// # Errors
    /// [`ErrorKind::Overflow`](crate::ErrorKind::Overflow) when u/2 or an end does not fit a
    /// `Decimal`: `decimals` below −29 (u/2 = 5 × 10^29 and beyond), or `value` at the edge of
    /// `Decimal`'s range.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// // 0.125 rounds to 0.13 (banker's rounding would say 0.12).
    /// let i = Interval::rounded("0.13".parse().unwrap(), 2)?;
    /// assert!(i.contains("0.125".parse().unwrap()));
    /// assert_eq!(i.to_string(), "[0.125, 0.135)");
    /// assert!(Interval::rounded(Decimal::ZERO, -30).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn rounded(value: Decimal, decimals: i32) -> Result<Interval> {
        let Some(half) = half_unit(decimals)? else {
            // Half a unit of the 28th decimal or beyond is below Decimal's resolution: widen to
            // a whole unit of the 28th decimal each way, which still holds every value that
            // rounds to `value`.
            let unit = Decimal::new(1, 28);
            let (low, _) = sum(value, -unit, Side::Low)?;
            let (high, _) = sum(value, unit, Side::High)?;
            return Interval::closed(low, high);
        };
        // At 28 significant digits v ± u/2 may round: an end that had to move is closed, as it
        // lies strictly outside the values that round to `value`.
        let (low, low_exact) = sum(value, -half, Side::Low)?;
        let (high, high_exact) = sum(value, half, Side::High)?;
        let negative = value.is_sign_negative() && !value.is_zero();
        let low = if negative && low_exact {
            Bound::Open(low)
        } else {
            Bound::Closed(low)
        };
        let high = if !negative && high_exact {
            Bound::Open(high)
        } else {
            Bound::Closed(high)
        };
        Interval::new(low, high)
    }

    /// −self.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let i = Interval::half_open(Decimal::ONE, Decimal::TWO)?;
    /// assert_eq!(i.neg().to_string(), "(-2, -1]");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn neg(&self) -> Interval {
        let flip = |b: Bound| match b {
            Bound::Closed(v) => Bound::Closed(-v),
            Bound::Open(v) => Bound::Open(-v),
            Bound::Unbounded => Bound::Unbounded,
        };
        Interval {
            low: flip(self.high),
            high: flip(self.low),
        }
    }

    /// self + other.
    ///
    /// # Errors
    /// On `Decimal` overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// // primary + secondary + tertiary value added, each rounded to 1 (100 million yuan)
    /// let parts = [88_345, 483_164, 638_698].map(|v| Interval::rounded(Decimal::from(v), 0).unwrap());
    /// let total = parts[0].checked_add(&parts[1])?.checked_add(&parts[2])?;
    /// assert!(total.contains(Decimal::from(1_210_207)));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn checked_add(&self, other: &Interval) -> Result<Interval> {
        let low = add_ends(self.low_end(), other.low_end(), Side::Low)?;
        let high = add_ends(self.high_end(), other.high_end(), Side::High)?;
        Interval::from_ends(low, high)
    }

    /// self − other.
    ///
    /// # Errors
    /// On `Decimal` overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// // 5G base stations: 231.2万 at end-2022 minus 142.5万 at end-2021.
    /// let built = Interval::rounded("231.2".parse().unwrap(), 1)?
    ///     .checked_sub(&Interval::rounded("142.5".parse().unwrap(), 1)?)?;
    /// assert!(built.contains("88.7".parse().unwrap()));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn checked_sub(&self, other: &Interval) -> Result<Interval> {
        self.checked_add(&other.neg())
    }

    /// self × other.
    ///
    /// # Errors
    /// On `Decimal` overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let a = Interval::closed(Decimal::from(-2), Decimal::from(3))?;
    /// let b = Interval::closed(Decimal::from(4), Decimal::from(5))?;
    /// assert_eq!(a.checked_mul(&b)?.to_string(), "[-10, 15]");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn checked_mul(&self, other: &Interval) -> Result<Interval> {
        // The extremes are among the products of the ends; a point has one end, not two (a
        // scale by a constant then costs two products, not four).
        let ends = |i: &Interval| {
            if i.is_point() {
                [Some(i.low_end()), None]
            } else {
                [Some(i.low_end()), Some(i.high_end())]
            }
        };
        let mut low: Option<End> = None;
        let mut high: Option<End> = None;
        for a in ends(self).into_iter().flatten() {
            for b in ends(other).into_iter().flatten() {
                let (down, up) = mul_ends(a, b)?;
                low = Some(low.map_or(down, |l| pick(l, down, Ordering::Less)));
                high = Some(high.map_or(up, |h| pick(h, up, Ordering::Greater)));
            }
        }
        Interval::from_ends(
            low.unwrap_or(self.low_end()),
            high.unwrap_or(self.high_end()),
        )
    }

    /// 1 / self.
    ///
    /// # Errors
    /// [`ErrorKind::Domain`](crate::ErrorKind::Domain) when the interval contains zero. Zero as
    /// an *open* end is allowed and gives an unbounded result: 1 / (0, 1] = [1, +∞).
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let i = Interval::closed(Decimal::from(2), Decimal::from(4))?;
    /// assert_eq!(i.checked_recip()?.to_string(), "[0.25, 0.5]");
    /// assert!(Interval::closed(Decimal::from(-1), Decimal::from(1))?.checked_recip().is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn checked_recip(&self) -> Result<Interval> {
        if self.contains(Decimal::ZERO)
            || self.low_end().at.sign() < 0 && self.high_end().at.sign() > 0
        {
            return Err(Error::domain(
                format!("division by {self}"),
                "the divisor interval contains zero",
            ));
        }
        let flip = |e: End, side: Side| -> Result<End> {
            Ok(match e.at {
                Ext::NegInf | Ext::PosInf => End {
                    at: Ext::Fin(Decimal::ZERO),
                    closed: false,
                },
                Ext::Fin(v) if v.is_zero() => End {
                    at: if side == Side::Low {
                        Ext::NegInf
                    } else {
                        Ext::PosInf
                    },
                    closed: false,
                },
                Ext::Fin(v) => {
                    let (q, exact) = quotient(Decimal::ONE, v, side)?;
                    End {
                        at: Ext::Fin(q),
                        closed: e.closed || !exact,
                    }
                }
            })
        };
        // 1/x is decreasing on each side of zero: the new low comes from the old high.
        let low = flip(self.high_end(), Side::Low)?;
        let high = flip(self.low_end(), Side::High)?;
        Interval::from_ends(low, high)
    }

    /// self ÷ other.
    ///
    /// # Errors
    /// [`ErrorKind::Domain`](crate::ErrorKind::Domain) when `other` contains zero; overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// // industry value added over GDP, 100 million yuan, both rounded to units.
    /// let share = Interval::rounded(Decimal::from(401_644), 0)?
    ///     .checked_div(&Interval::rounded(Decimal::from(1_210_207), 0)?)?;
    /// assert!(share.contains("0.33188".parse().unwrap()));
    /// assert!(Interval::point(Decimal::ONE).checked_div(&Interval::point(Decimal::ZERO)).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn checked_div(&self, other: &Interval) -> Result<Interval> {
        if let (true, Some(d)) = (other.is_point(), other.low.value()) {
            // A point divisor: divide each end directly, which is tighter than × (1/d).
            if d.is_zero() {
                return Err(Error::domain(
                    format!("division of {self} by 0"),
                    "the divisor is zero",
                ));
            }
            let neg = d.is_sign_negative();
            let div_end = |e: End, side: Side| -> Result<End> {
                // Dividing by a negative flips the side the end rounds toward.
                let dir = if neg { side.other() } else { side };
                Ok(match e.at {
                    Ext::Fin(v) => {
                        let (q, exact) = quotient(v, d, dir)?;
                        End {
                            at: Ext::Fin(q),
                            closed: e.closed || !exact,
                        }
                    }
                    Ext::NegInf => End {
                        at: if neg { Ext::PosInf } else { Ext::NegInf },
                        closed: false,
                    },
                    Ext::PosInf => End {
                        at: if neg { Ext::NegInf } else { Ext::PosInf },
                        closed: false,
                    },
                })
            };
            let (a, b) = (
                div_end(self.low_end(), Side::Low)?,
                div_end(self.high_end(), Side::High)?,
            );
            return if neg {
                Interval::from_ends(b, a)
            } else {
                Interval::from_ends(a, b)
            };
        }
        self.checked_mul(&other.checked_recip()?)
    }

    /// self^n for an integer n (negative n is 1 / self^|n|).
    ///
    /// Computed by repeated squaring, each product rounded outward where `Decimal` rounds: at
    /// most 62 products for any `n`, `i32::MIN` and `i32::MAX` included.
    ///
    /// # Errors
    /// [`ErrorKind::Domain`](crate::ErrorKind::Domain) when the interval holds zero and `n` is
    /// negative; [`ErrorKind::Overflow`](crate::ErrorKind::Overflow) when the power does not
    /// fit a `Decimal`.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let i = Interval::closed(Decimal::from(-2), Decimal::from(3))?;
    /// assert_eq!(i.checked_powi(2)?.to_string(), "[0, 9]");
    /// assert_eq!(i.checked_powi(3)?.to_string(), "[-8, 27]");
    /// assert_eq!(Interval::point(Decimal::NEGATIVE_ONE).checked_powi(i32::MIN)?.to_string(), "[1]");
    /// assert!(Interval::point(Decimal::TWO).checked_powi(i32::MIN).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn checked_powi(&self, n: i32) -> Result<Interval> {
        // |i32::MIN| has no i32: the magnitude is taken as a u32, never by negating n.
        if n < 0 {
            // A zero in the base is a domain error whatever the power does.
            self.checked_recip()?;
        }
        let power = self.pow_unsigned(n.unsigned_abs())?;
        if n >= 0 {
            return Ok(power);
        }
        // The base has no zero, so a power that reaches zero only underflowed Decimal: its
        // reciprocal is too large for a Decimal.
        power
            .checked_recip()
            .map_err(|_| Error::overflow(format!("{self}^{n}")))
    }

    /// self^n for n ≥ 0, by squaring: at most 62 rounded products whatever n is.
    fn pow_unsigned(&self, n: u32) -> Result<Interval> {
        if n == 0 {
            return Ok(Interval::point(Decimal::ONE));
        }
        let pow_end = |e: End, side: Side| -> Result<End> {
            Ok(match e.at {
                Ext::Fin(v) => {
                    let (p, exact) = power(v, n, side)?;
                    End {
                        at: Ext::Fin(p),
                        closed: e.closed || !exact,
                    }
                }
                Ext::NegInf if n % 2 == 0 => End {
                    at: Ext::PosInf,
                    closed: false,
                },
                other => End {
                    at: other,
                    closed: false,
                },
            })
        };
        let (lo, hi) = (self.low_end(), self.high_end());
        if n % 2 == 1 || lo.at.sign() >= 0 {
            // Increasing on the interval.
            return Interval::from_ends(pow_end(lo, Side::Low)?, pow_end(hi, Side::High)?);
        }
        if hi.at.sign() <= 0 {
            // Even power of non-positive values: decreasing.
            return Interval::from_ends(pow_end(hi, Side::Low)?, pow_end(lo, Side::High)?);
        }
        // Straddles zero: the minimum 0 is attained; the maximum is at the farther end.
        let a = pow_end(lo, Side::High)?;
        let b = pow_end(hi, Side::High)?;
        Interval::from_ends(
            End {
                at: Ext::Fin(Decimal::ZERO),
                closed: true,
            },
            pick(a, b, Ordering::Greater),
        )
    }

    /// self^p for a real exponent p (used for CAGR: ratio^(1/years)).
    ///
    /// The power is computed in `f64` and each end is moved outward by a bound on every error
    /// made on the way: turning the end into an `f64` (a relative error δ ≤ 2^−50 of x becomes
    /// |p|·δ of x^p, which grows with |p|), `f64`'s `powf` itself, and turning the result back
    /// into a `Decimal`; plus a margin of 1e-12. So the result is sound for every exponent, and
    /// about 12 digits tight for CAGR-sized ones. Exponents that are whole numbers use the
    /// exact [`powi`](Interval::powi).
    ///
    /// # Errors
    /// [`ErrorKind::Domain`](crate::ErrorKind::Domain) when the interval has negative values (or
    /// zero with a negative exponent), or |p| is so large (above 10^12) that `f64` cannot bound
    /// the power; overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// // 1.87^10 is about 522.6: a CAGR of 87% over ten years multiplies the start by ~523.
    /// let g = Interval::point("1.87".parse().unwrap());
    /// let ten = g.checked_powi(10)?;
    /// let back = ten.checked_powf(0.1)?;
    /// assert!(back.contains("1.87".parse().unwrap()));
    /// assert!(Interval::point(Decimal::from(-1)).checked_powf(0.5).is_err());
    /// // A large exponent widens more: x's error as an f64 is multiplied by p.
    /// let near_one = Interval::point("1.000000000000000111".parse().unwrap());
    /// let w = near_one.checked_powf(1_048_576.5)?.width().unwrap();
    /// assert!(w > "0.0000000001".parse().unwrap() && w < "0.000001".parse().unwrap());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn checked_powf(&self, p: f64) -> Result<Interval> {
        if !p.is_finite() {
            return Err(Error::domain(
                format!("{self}^{p}"),
                "the exponent is not finite",
            ));
        }
        if p.fract() == 0.0 && p.abs() <= f64::from(i32::MAX) {
            return self.checked_powi(p as i32);
        }
        let (lo, hi) = (self.low_end(), self.high_end());
        if lo.at.sign() < 0 || (p < 0.0 && self.contains(Decimal::ZERO)) {
            return Err(Error::domain(
                format!("{self}^{p}"),
                "a real power needs non-negative values (positive for a negative exponent)",
            ));
        }
        let pow_end = |e: End, side: Side| -> Result<End> {
            Ok(match e.at {
                Ext::Fin(v) if v.is_zero() => {
                    if p > 0.0 {
                        End {
                            at: Ext::Fin(Decimal::ZERO),
                            closed: e.closed,
                        }
                    } else {
                        End {
                            at: Ext::PosInf,
                            closed: false,
                        }
                    }
                }
                Ext::Fin(v) => End {
                    at: Ext::Fin(real_power(v, p, side)?),
                    closed: true,
                },
                Ext::PosInf => End {
                    at: if p > 0.0 {
                        Ext::PosInf
                    } else {
                        Ext::Fin(Decimal::ZERO)
                    },
                    closed: false,
                },
                Ext::NegInf => e,
            })
        };
        if p > 0.0 {
            Interval::from_ends(pow_end(lo, Side::Low)?, pow_end(hi, Side::High)?)
        } else {
            Interval::from_ends(pow_end(hi, Side::Low)?, pow_end(lo, Side::High)?)
        }
    }

    /// The natural logarithm, computed in `f64` and widened outward by 1e-12 × max(1, |ln x|),
    /// far more than `f64`'s error, so the result stays sound.
    ///
    /// # Errors
    /// [`ErrorKind::Domain`](crate::ErrorKind::Domain) when the interval has values ≤ 0.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let e = Interval::closed("2.718281828".parse().unwrap(), "2.718281829".parse().unwrap())?;
    /// assert!(e.checked_ln()?.contains(Decimal::ONE));
    /// assert!(Interval::point(Decimal::ZERO).checked_ln().is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn checked_ln(&self) -> Result<Interval> {
        let (lo, hi) = (self.low_end(), self.high_end());
        if lo.at.sign() < 0 || (lo.at.sign() == 0 && lo.closed) {
            return Err(Error::domain(
                format!("ln of {self}"),
                "the logarithm needs positive values",
            ));
        }
        let ln_end = |e: End, side: Side| -> Result<End> {
            Ok(match e.at {
                Ext::Fin(v) if v.is_zero() => End {
                    at: Ext::NegInf,
                    closed: false,
                },
                Ext::Fin(v) => {
                    let x = v
                        .to_f64()
                        .ok_or_else(|| Error::overflow(format!("{v} as f64")))?;
                    let y = x.ln();
                    let slack = POWF_RELATIVE_WIDENING * y.abs().max(1.0);
                    let w = match side {
                        Side::Low => y - slack,
                        Side::High => y + slack,
                    };
                    let d =
                        Decimal::from_f64(w).ok_or_else(|| Error::overflow(format!("ln {v}")))?;
                    // As in a real power: a unit of the 28th decimal covers from_f64's cut.
                    let unit = Decimal::new(1, 28);
                    let (d, _) = match side {
                        Side::Low => sum(d, -unit, Side::Low)?,
                        Side::High => sum(d, unit, Side::High)?,
                    };
                    End {
                        at: Ext::Fin(d),
                        closed: true,
                    }
                }
                Ext::PosInf => End {
                    at: Ext::PosInf,
                    closed: false,
                },
                Ext::NegInf => e,
            })
        };
        Interval::from_ends(ln_end(lo, Side::Low)?, ln_end(hi, Side::High)?)
    }

    /// self × k for an exact `Decimal` k (a unit conversion, a percent).
    ///
    /// # Errors
    /// On overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let i = Interval::half_open("6.5".parse().unwrap(), "6.6".parse().unwrap())?;
    /// assert_eq!(i.checked_scale(Decimal::from(100))?.to_string(), "[650, 660)");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn checked_scale(&self, k: Decimal) -> Result<Interval> {
        self.checked_mul(&Interval::point(k))
    }

    /// self + k.
    ///
    /// # Errors
    /// On overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Interval::point(Decimal::ONE).checked_shift(Decimal::ONE)?.to_string(), "[2]");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn checked_shift(&self, k: Decimal) -> Result<Interval> {
        self.checked_add(&Interval::point(k))
    }
}
