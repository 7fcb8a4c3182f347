//! Intervals over `Decimal`: the set of values a reported figure may stand for, and sound
//! arithmetic on such sets.
//!
//! "33.2%" means any value in [33.15, 33.25); a growth rate computed from two reported levels is
//! any value the true levels could give. Every operation here returns an interval that contains
//! every result of applying the operation to values drawn from its inputs (soundness). Where
//! `Decimal` arithmetic rounds (division, long products, fractional powers), the bound is moved
//! outward so that soundness survives the rounding.

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::error::{Error, Result};

/// One end of an [`Interval`].
///
/// # Example
/// ```
/// use indstat::{Bound, Interval};
/// let i = Interval::half_open("6.5".parse().unwrap(), "6.6".parse().unwrap())?;
/// assert_eq!(i.low(), Bound::Closed("6.5".parse().unwrap()));
/// assert_eq!(i.high(), Bound::Open("6.6".parse().unwrap()));
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    /// The value is included.
    Closed(Decimal),
    /// The value is excluded.
    Open(Decimal),
    /// No bound on this side (−∞ for a low end, +∞ for a high end).
    Unbounded,
}

impl Bound {
    /// The finite value of the bound, if any.
    ///
    /// # Example
    /// ```
    /// use indstat::Bound;
    /// assert_eq!(Bound::Open(rust_decimal::Decimal::ONE).value(), Some(rust_decimal::Decimal::ONE));
    /// assert_eq!(Bound::Unbounded.value(), None);
    /// ```
    pub fn value(self) -> Option<Decimal> {
        match self {
            Bound::Closed(v) | Bound::Open(v) => Some(v),
            Bound::Unbounded => None,
        }
    }

    /// Whether the bound includes its value.
    ///
    /// # Example
    /// ```
    /// use indstat::Bound;
    /// assert!(Bound::Closed(rust_decimal::Decimal::ONE).is_closed());
    /// assert!(!Bound::Unbounded.is_closed());
    /// ```
    pub fn is_closed(self) -> bool {
        matches!(self, Bound::Closed(_))
    }
}

/// A point on the extended line, with whether it is attained: the working form of a bound.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ext {
    NegInf,
    Fin(Decimal),
    PosInf,
}

impl Ext {
    fn cmp(self, other: Ext) -> Ordering {
        match (self, other) {
            (Ext::Fin(a), Ext::Fin(b)) => a.cmp(&b),
            (Ext::NegInf, Ext::NegInf) | (Ext::PosInf, Ext::PosInf) => Ordering::Equal,
            (Ext::NegInf, _) | (_, Ext::PosInf) => Ordering::Less,
            (Ext::PosInf, _) | (_, Ext::NegInf) => Ordering::Greater,
        }
    }

    fn sign(self) -> i8 {
        match self {
            Ext::NegInf => -1,
            Ext::PosInf => 1,
            Ext::Fin(v) if v.is_zero() => 0,
            Ext::Fin(v) if v.is_sign_negative() => -1,
            Ext::Fin(_) => 1,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct End {
    at: Ext,
    closed: bool,
}

/// A non-empty interval of `Decimal` values, each end closed, open or unbounded.
///
/// # Arithmetic
/// `+`, `−`, `×`, `÷` (methods [`add`](Interval::add), [`sub`](Interval::sub),
/// [`mul`](Interval::mul), [`div`](Interval::div)), integer powers
/// ([`powi`](Interval::powi)) and real powers ([`powf`](Interval::powf), for CAGR) are sound:
/// the result contains every value the operation gives on values drawn from the inputs. An
/// end is closed when it is attained. Division by an interval that contains zero is an error
/// ([`ErrorKind::Domain`](crate::ErrorKind::Domain)); division by an interval with zero as an
/// *open* end gives an unbounded result.
///
/// # Example
/// ```
/// use indstat::Interval;
/// use rust_decimal::Decimal;
/// let d = |s: &str| s.parse::<Decimal>().unwrap();
///
/// // "27.7%" and the value 27.65: 四舍五入 rounds 27.65 up to 27.7.
/// let share = Interval::half_open(d("27.65"), d("27.75"))?;
/// assert!(share.contains(d("27.65")));
/// assert!(!share.contains(d("27.6499")));
///
/// // NEV output 705.8 over 354.5 (10 thousand vehicles), both rounded at one decimal.
/// let q = Interval::rounded(d("705.8"), 1)?.div(&Interval::rounded(d("354.5"), 1)?)?;
/// assert!(q.contains(d("1.991")) && !q.contains(d("1.969")));
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    low: Bound,
    high: Bound,
}

/// How much a real power computed in `f64` is widened, relative to its value. `f64`'s `powf` is
/// accurate to a few units in the last place (about 1e-15 relative, input conversion included);
/// widening by 1e-12 keeps the result sound with a margin of a thousand.
const POWF_RELATIVE_WIDENING: f64 = 1e-12;

impl Interval {
    /// The interval between two bounds.
    ///
    /// # Errors
    /// When the interval would be empty (low above high, or equal with an open end), or an
    /// end says `Unbounded` where it cannot (a low end of +∞ is not representable).
    ///
    /// # Example
    /// ```
    /// use indstat::{Bound, Interval};
    /// use rust_decimal::Decimal;
    /// let i = Interval::new(Bound::Open(Decimal::from(71)), Bound::Closed(Decimal::from(72)))?;
    /// assert_eq!(i.to_string(), "(71, 72]");
    /// assert!(Interval::new(Bound::Closed(Decimal::ONE), Bound::Open(Decimal::ONE)).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn new(low: Bound, high: Bound) -> Result<Interval> {
        if let (Some(a), Some(b)) = (low.value(), high.value()) {
            let empty = a > b || (a == b && !(low.is_closed() && high.is_closed()));
            if empty {
                return Err(Error::invalid(format!(
                    "the interval {} is empty",
                    Interval { low, high }
                )));
            }
        }
        Ok(Interval { low, high })
    }

    /// The single value `v`: [v, v].
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// let p = Interval::point(rust_decimal::Decimal::from(401_644));
    /// assert!(p.is_point());
    /// ```
    pub fn point(v: Decimal) -> Interval {
        Interval {
            low: Bound::Closed(v),
            high: Bound::Closed(v),
        }
    }

    /// [low, high).
    ///
    /// # Errors
    /// When `low >= high`.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Interval::half_open(Decimal::from(40), Decimal::from(50))?.to_string(), "[40, 50)");
    /// assert!(Interval::half_open(Decimal::from(50), Decimal::from(40)).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn half_open(low: Decimal, high: Decimal) -> Result<Interval> {
        Interval::new(Bound::Closed(low), Bound::Open(high))
    }

    /// [low, high].
    ///
    /// # Errors
    /// When `low > high`.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// assert!(Interval::closed(Decimal::ONE, Decimal::TWO)?.contains(Decimal::TWO));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn closed(low: Decimal, high: Decimal) -> Result<Interval> {
        Interval::new(Bound::Closed(low), Bound::Closed(high))
    }

    /// The values that round half away from zero (四舍五入) to `value` at `decimals` decimals:
    /// [v − u/2, v + u/2) for v ≥ 0 and (v − u/2, v + u/2] for v < 0, where u = 10^−decimals.
    /// `decimals` may be negative (rounded to tens, hundreds, …).
    ///
    /// # Errors
    /// On overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// // 0.125 rounds to 0.13 (banker's rounding would say 0.12).
    /// let i = Interval::rounded("0.13".parse().unwrap(), 2)?;
    /// assert!(i.contains("0.125".parse().unwrap()));
    /// assert_eq!(i.to_string(), "[0.125, 0.135)");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn rounded(value: Decimal, decimals: i32) -> Result<Interval> {
        let half = crate::unit::pow10(-decimals)
            .checked_div(Decimal::TWO)
            .ok_or_else(|| Error::overflow("half a rounding unit"))?;
        if half.is_zero() {
            // Half a unit of the 28th decimal is below Decimal's resolution: widen to a whole
            // unit each way, which still holds every value that rounds to `value`.
            let unit = Decimal::new(1, 28);
            return Interval::closed(
                checked(value.checked_sub(unit), "rounding interval")?,
                checked(value.checked_add(unit), "rounding interval")?,
            );
        }
        let low = checked(value.checked_sub(half), "rounding interval")?;
        let high = checked(value.checked_add(half), "rounding interval")?;
        if value.is_sign_negative() && !value.is_zero() {
            Interval::new(Bound::Open(low), Bound::Closed(high))
        } else {
            Interval::new(Bound::Closed(low), Bound::Open(high))
        }
    }

    /// The low end.
    ///
    /// # Example
    /// ```
    /// use indstat::{Bound, Interval};
    /// assert_eq!(Interval::at_least(rust_decimal::Decimal::ONE, false).high(), Bound::Unbounded);
    /// ```
    pub fn low(&self) -> Bound {
        self.low
    }

    /// The high end.
    ///
    /// # Example
    /// ```
    /// use indstat::{Bound, Interval};
    /// assert_eq!(Interval::point(rust_decimal::Decimal::ONE).high(), Bound::Closed(rust_decimal::Decimal::ONE));
    /// ```
    pub fn high(&self) -> Bound {
        self.high
    }

    /// [v, +∞), or (v, +∞) when `strict`.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Interval::at_least(Decimal::from(520), true).to_string(), "(520, +∞)");
    /// ```
    pub fn at_least(v: Decimal, strict: bool) -> Interval {
        Interval {
            low: if strict {
                Bound::Open(v)
            } else {
                Bound::Closed(v)
            },
            high: Bound::Unbounded,
        }
    }

    /// (−∞, v], or (−∞, v) when `strict`.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// assert!(Interval::at_most(Decimal::from(72), true).contains(Decimal::from(71)));
    /// ```
    pub fn at_most(v: Decimal, strict: bool) -> Interval {
        Interval {
            low: Bound::Unbounded,
            high: if strict {
                Bound::Open(v)
            } else {
                Bound::Closed(v)
            },
        }
    }

    /// Whether the interval is a single value.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// assert!(!Interval::rounded(rust_decimal::Decimal::ONE, 0)?.is_point());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn is_point(&self) -> bool {
        matches!((self.low, self.high), (Bound::Closed(a), Bound::Closed(b)) if a == b)
    }

    /// Whether both ends are finite.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// assert!(!Interval::at_least(rust_decimal::Decimal::ONE, false).is_bounded());
    /// ```
    pub fn is_bounded(&self) -> bool {
        self.low.value().is_some() && self.high.value().is_some()
    }

    /// Whether `v` lies in the interval.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let i = Interval::half_open(Decimal::from(40), Decimal::from(50))?;
    /// assert!(i.contains(Decimal::from(40)) && !i.contains(Decimal::from(50)));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn contains(&self, v: Decimal) -> bool {
        let above = match self.low {
            Bound::Closed(a) => v >= a,
            Bound::Open(a) => v > a,
            Bound::Unbounded => true,
        };
        let below = match self.high {
            Bound::Closed(b) => v <= b,
            Bound::Open(b) => v < b,
            Bound::Unbounded => true,
        };
        above && below
    }

    /// Whether the two intervals share at least one value.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let a = Interval::half_open(Decimal::from(1), Decimal::from(2))?;
    /// let b = Interval::half_open(Decimal::from(2), Decimal::from(3))?;
    /// assert!(!a.overlaps(&b));
    /// assert!(a.overlaps(&Interval::closed(Decimal::from(0), Decimal::from(1))?));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.intersection(other).is_some()
    }

    /// Whether every value of `other` lies in `self`.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let wide = Interval::closed(Decimal::ZERO, Decimal::TEN)?;
    /// assert!(wide.encloses(&Interval::point(Decimal::ONE)));
    /// assert!(!Interval::point(Decimal::ONE).encloses(&wide));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn encloses(&self, other: &Interval) -> bool {
        self.hull(other) == *self
    }

    /// The values in both, if any.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let a = Interval::closed(Decimal::from(0), Decimal::from(5))?;
    /// let b = Interval::half_open(Decimal::from(3), Decimal::from(9))?;
    /// assert_eq!(a.intersection(&b).unwrap().to_string(), "[3, 5]");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn intersection(&self, other: &Interval) -> Option<Interval> {
        let low = pick(self.low_end(), other.low_end(), Ordering::Greater);
        let high = pick(self.high_end(), other.high_end(), Ordering::Less);
        Interval::from_ends(low, high).ok()
    }

    /// The smallest interval holding both.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let a = Interval::point(Decimal::ONE);
    /// let b = Interval::point(Decimal::TEN);
    /// assert_eq!(a.hull(&b).to_string(), "[1, 10]");
    /// ```
    pub fn hull(&self, other: &Interval) -> Interval {
        let low = pick(self.low_end(), other.low_end(), Ordering::Less);
        let high = pick(self.high_end(), other.high_end(), Ordering::Greater);
        // Both inputs are non-empty, so their hull is too.
        Interval::from_ends(low, high).unwrap_or(*self)
    }

    /// How far apart the intervals are: zero when they overlap or touch, otherwise the gap
    /// between the nearer ends.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let computed = Interval::closed("99.06".parse().unwrap(), "99.14".parse().unwrap())?;
    /// let reported = Interval::half_open("96.85".parse().unwrap(), "96.95".parse().unwrap())?;
    /// assert_eq!(computed.distance(&reported), "2.11".parse::<Decimal>().unwrap());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn distance(&self, other: &Interval) -> Decimal {
        let gap = |hi: Bound, lo: Bound| match (hi.value(), lo.value()) {
            (Some(h), Some(l)) if l > h => l.checked_sub(h).unwrap_or(Decimal::MAX),
            _ => Decimal::ZERO,
        };
        gap(self.high, other.low).max(gap(other.high, self.low))
    }

    /// The midpoint of a bounded interval.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let i = Interval::half_open(Decimal::from(40), Decimal::from(50))?;
    /// assert_eq!(i.midpoint(), Some(Decimal::from(45)));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn midpoint(&self) -> Option<Decimal> {
        let (a, b) = (self.low.value()?, self.high.value()?);
        // (a + b) / 2 without overflowing on large ends.
        Some(a / Decimal::TWO + b / Decimal::TWO)
    }

    /// The width of a bounded interval.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// assert_eq!(Interval::rounded("33.2".parse().unwrap(), 1)?.width(), Some("0.1".parse().unwrap()));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn width(&self) -> Option<Decimal> {
        self.high.value()?.checked_sub(self.low.value()?)
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
    /// let total = parts[0].add(&parts[1])?.add(&parts[2])?;
    /// assert!(total.contains(Decimal::from(1_210_207)));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn add(&self, other: &Interval) -> Result<Interval> {
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
    ///     .sub(&Interval::rounded("142.5".parse().unwrap(), 1)?)?;
    /// assert!(built.contains("88.7".parse().unwrap()));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn sub(&self, other: &Interval) -> Result<Interval> {
        self.add(&other.neg())
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
    /// assert_eq!(a.mul(&b)?.to_string(), "[-10, 15]");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn mul(&self, other: &Interval) -> Result<Interval> {
        let mut lows = Vec::with_capacity(4);
        let mut highs = Vec::with_capacity(4);
        for a in [self.low_end(), self.high_end()] {
            for b in [other.low_end(), other.high_end()] {
                let (down, up) = mul_ends(a, b)?;
                lows.push(down);
                highs.push(up);
            }
        }
        let low = lows
            .into_iter()
            .reduce(|x, y| pick(x, y, Ordering::Less))
            .unwrap_or(self.low_end());
        let high = highs
            .into_iter()
            .reduce(|x, y| pick(x, y, Ordering::Greater))
            .unwrap_or(self.high_end());
        Interval::from_ends(low, high)
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
    /// assert_eq!(i.recip()?.to_string(), "[0.25, 0.5]");
    /// assert!(Interval::closed(Decimal::from(-1), Decimal::from(1))?.recip().is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn recip(&self) -> Result<Interval> {
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
                    let (q, exact) = div_exact(Decimal::ONE, v)?;
                    if exact {
                        End {
                            at: Ext::Fin(q),
                            closed: e.closed,
                        }
                    } else {
                        End {
                            at: Ext::Fin(widen(q, side)?),
                            closed: true,
                        }
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
    ///     .div(&Interval::rounded(Decimal::from(1_210_207), 0)?)?;
    /// assert!(share.contains("0.33188".parse().unwrap()));
    /// assert!(Interval::point(Decimal::ONE).div(&Interval::point(Decimal::ZERO)).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn div(&self, other: &Interval) -> Result<Interval> {
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
                        let (q, exact) = div_exact(v, d)?;
                        if exact {
                            End {
                                at: Ext::Fin(q),
                                closed: e.closed,
                            }
                        } else {
                            End {
                                at: Ext::Fin(widen(q, dir)?),
                                closed: true,
                            }
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
        self.mul(&other.recip()?)
    }

    /// self^n for an integer n (negative n is 1 / self^|n|).
    ///
    /// # Errors
    /// Overflow; zero in the interval with a negative `n`.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// let i = Interval::closed(Decimal::from(-2), Decimal::from(3))?;
    /// assert_eq!(i.powi(2)?.to_string(), "[0, 9]");
    /// assert_eq!(i.powi(3)?.to_string(), "[-8, 27]");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn powi(&self, n: i32) -> Result<Interval> {
        if n < 0 {
            return self.powi(-n)?.recip();
        }
        if n == 0 {
            return Ok(Interval::point(Decimal::ONE));
        }
        let n = n.unsigned_abs();
        let pow_end = |e: End, side: Side| -> Result<End> {
            Ok(match e.at {
                Ext::Fin(v) => {
                    let (p, exact) = pow_exact(v, n, side)?;
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
    /// The power is computed in `f64` and each end is moved outward by a relative 1e-12, far
    /// more than `f64`'s error (about 1e-15), so the result stays sound. Exponents that are
    /// whole numbers use the exact [`powi`](Interval::powi).
    ///
    /// # Errors
    /// [`ErrorKind::Domain`](crate::ErrorKind::Domain) when the interval has negative values (or
    /// zero with a negative exponent); overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::Interval;
    /// use rust_decimal::Decimal;
    /// // 1.87^10 is about 522.6: a CAGR of 87% over ten years multiplies the start by ~523.
    /// let g = Interval::point("1.87".parse().unwrap());
    /// let ten = g.powi(10)?;
    /// let back = ten.powf(0.1)?;
    /// assert!(back.contains("1.87".parse().unwrap()));
    /// assert!(Interval::point(Decimal::from(-1)).powf(0.5).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn powf(&self, p: f64) -> Result<Interval> {
        if !p.is_finite() {
            return Err(Error::domain(
                format!("{self}^{p}"),
                "the exponent is not finite",
            ));
        }
        if p.fract() == 0.0 && p.abs() <= f64::from(i32::MAX) {
            return self.powi(p as i32);
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
                Ext::Fin(v) => {
                    let x = v
                        .to_f64()
                        .ok_or_else(|| Error::overflow(format!("{v} as f64")))?;
                    let y = x.powf(p);
                    let widened = match side {
                        Side::Low => y * (1.0 - POWF_RELATIVE_WIDENING),
                        Side::High => y * (1.0 + POWF_RELATIVE_WIDENING) + f64::MIN_POSITIVE,
                    };
                    let d = Decimal::from_f64(widened)
                        .ok_or_else(|| Error::overflow(format!("{v}^{p}")))?;
                    // from_f64 may itself round; nudge once more by a unit in its last place.
                    End {
                        at: Ext::Fin(widen(d, side)?),
                        closed: true,
                    }
                }
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
    /// assert!(e.ln()?.contains(Decimal::ONE));
    /// assert!(Interval::point(Decimal::ZERO).ln().is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn ln(&self) -> Result<Interval> {
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
                    End {
                        at: Ext::Fin(widen(d, side)?),
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
    /// assert_eq!(i.scale(Decimal::from(100))?.to_string(), "[650, 660)");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn scale(&self, k: Decimal) -> Result<Interval> {
        self.mul(&Interval::point(k))
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
    /// assert_eq!(Interval::point(Decimal::ONE).shift(Decimal::ONE)?.to_string(), "[2]");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn shift(&self, k: Decimal) -> Result<Interval> {
        self.add(&Interval::point(k))
    }

    fn low_end(&self) -> End {
        match self.low {
            Bound::Closed(v) => End {
                at: Ext::Fin(v),
                closed: true,
            },
            Bound::Open(v) => End {
                at: Ext::Fin(v),
                closed: false,
            },
            Bound::Unbounded => End {
                at: Ext::NegInf,
                closed: false,
            },
        }
    }

    fn high_end(&self) -> End {
        match self.high {
            Bound::Closed(v) => End {
                at: Ext::Fin(v),
                closed: true,
            },
            Bound::Open(v) => End {
                at: Ext::Fin(v),
                closed: false,
            },
            Bound::Unbounded => End {
                at: Ext::PosInf,
                closed: false,
            },
        }
    }

    fn from_ends(low: End, high: End) -> Result<Interval> {
        let to_bound = |e: End| match e.at {
            Ext::Fin(v) if e.closed => Bound::Closed(v),
            Ext::Fin(v) => Bound::Open(v),
            Ext::NegInf | Ext::PosInf => Bound::Unbounded,
        };
        if matches!(low.at, Ext::PosInf) || matches!(high.at, Ext::NegInf) {
            return Err(Error::invalid(
                "the interval is empty (an infinite end on the wrong side)",
            ));
        }
        Interval::new(to_bound(low), to_bound(high))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Low,
    High,
}

impl Side {
    fn other(self) -> Side {
        match self {
            Side::Low => Side::High,
            Side::High => Side::Low,
        }
    }
}

fn checked(v: Option<Decimal>, what: &str) -> Result<Decimal> {
    v.ok_or_else(|| Error::overflow(what.to_string()))
}

/// Of two ends, the one further in direction `want` (`Less` for a minimum); at a tie the end is
/// closed if either is.
fn pick(a: End, b: End, want: Ordering) -> End {
    match a.at.cmp(b.at) {
        Ordering::Equal => End {
            at: a.at,
            closed: a.closed || b.closed,
        },
        o if o == want => a,
        _ => b,
    }
}

fn add_ends(a: End, b: End, side: Side) -> Result<End> {
    let at = match (a.at, b.at) {
        (Ext::Fin(x), Ext::Fin(y)) => Ext::Fin(
            x.checked_add(y)
                .ok_or_else(|| Error::overflow(format!("{x} + {y}")))?,
        ),
        _ => match side {
            Side::Low => Ext::NegInf,
            Side::High => Ext::PosInf,
        },
    };
    Ok(End {
        at,
        closed: a.closed && b.closed && matches!(at, Ext::Fin(_)),
    })
}

/// The product of two ends, as (rounded down, rounded up).
fn mul_ends(a: End, b: End) -> Result<(End, End)> {
    let zero_closed = |e: End| e.closed && e.at.sign() == 0;
    let closed = (a.closed && b.closed) || zero_closed(a) || zero_closed(b);
    match (a.at, b.at) {
        (Ext::Fin(x), Ext::Fin(y)) => {
            let p = x
                .checked_mul(y)
                .ok_or_else(|| Error::overflow(format!("{x} × {y}")))?;
            // A zero factor gives an exact zero (rust_decimal gives it scale 0, which the scale
            // test below would take for rounding).
            if x.is_zero() || y.is_zero() || p.scale() == x.scale() + y.scale() {
                let e = End {
                    at: Ext::Fin(p),
                    closed,
                };
                Ok((e, e))
            } else {
                // Decimal rounded the product: widen each way.
                Ok((
                    End {
                        at: Ext::Fin(widen(p, Side::Low)?),
                        closed: true,
                    },
                    End {
                        at: Ext::Fin(widen(p, Side::High)?),
                        closed: true,
                    },
                ))
            }
        }
        _ => {
            let s = a.at.sign() * b.at.sign();
            let at = match s {
                0 => Ext::Fin(Decimal::ZERO),
                s if s > 0 => Ext::PosInf,
                _ => Ext::NegInf,
            };
            let e = End {
                at,
                closed: closed && s == 0,
            };
            Ok((e, e))
        }
    }
}

/// a / b, and whether the quotient is exact.
fn div_exact(a: Decimal, b: Decimal) -> Result<(Decimal, bool)> {
    let q = a
        .checked_div(b)
        .ok_or_else(|| Error::overflow(format!("{a} ÷ {b}")))?;
    let exact = q.checked_mul(b).is_some_and(|back| back == a);
    Ok((q, exact))
}

/// |v|^n with sign, rounded toward `side` when inexact; and whether it was exact.
fn pow_exact(v: Decimal, n: u32, side: Side) -> Result<(Decimal, bool)> {
    let negative = v.is_sign_negative() && n % 2 == 1;
    // Round the magnitude away from or toward zero so the signed result moves toward `side`.
    let magnitude_side = if negative { side.other() } else { side };
    let base = v.abs();
    if base.is_zero() {
        return Ok((Decimal::ZERO, true));
    }
    let mut acc = Decimal::ONE;
    let mut exact = true;
    for _ in 0..n {
        let p = acc
            .checked_mul(base)
            .ok_or_else(|| Error::overflow(format!("{v}^{n}")))?;
        if p.scale() != acc.scale() + base.scale() {
            exact = false;
            acc = widen(p, magnitude_side)?;
        } else {
            acc = p;
        }
    }
    Ok((if negative { -acc } else { acc }, exact))
}

/// Moves a rounded value one unit in its last place toward `side`.
fn widen(v: Decimal, side: Side) -> Result<Decimal> {
    let ulp = Decimal::new(1, v.scale());
    let r = match side {
        Side::Low => v.checked_sub(ulp),
        Side::High => v.checked_add(ulp),
    };
    r.ok_or_else(|| Error::overflow(format!("widening {v}")))
}

impl Default for Interval {
    /// The point zero, so that intervals can fill the gaps of a dense series.
    fn default() -> Interval {
        Interval::point(Decimal::ZERO)
    }
}

impl fmt::Display for Interval {
    /// `[6.5, 6.6)`, `(71, 72]`, `[40, +∞)`, and `[x]` for a single value; trailing zeros
    /// are not shown. With a precision (`{:.2}`), the ends are rounded *outward* (the low end
    /// down, the high end up) to that many decimals, so the printed interval still holds every
    /// value of the interval.
    ///
    /// ```
    /// use indstat::Interval;
    /// let i = Interval::closed("358.3396".parse().unwrap(), "358.5725".parse().unwrap()).unwrap();
    /// assert_eq!(format!("{i:.2}"), "[358.33, 358.58]");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let precision = f.precision();
        let show = |v: Decimal, up: bool| -> Decimal {
            match precision {
                Some(dp) => {
                    let strategy = if up {
                        rust_decimal::RoundingStrategy::ToPositiveInfinity
                    } else {
                        rust_decimal::RoundingStrategy::ToNegativeInfinity
                    };
                    v.round_dp_with_strategy(dp as u32, strategy).normalize()
                }
                None => v.normalize(),
            }
        };
        if let (true, Some(v), None) = (self.is_point(), self.low.value(), precision) {
            return write!(f, "[{}]", show(v, false));
        }
        // A rounded end that moved is shown closed: the true end lies strictly inside.
        let moved = |v: Decimal, up: bool| show(v, up) != v.normalize();
        match self.low {
            Bound::Closed(v) => write!(f, "[{}", show(v, false))?,
            Bound::Open(v) if moved(v, false) => write!(f, "[{}", show(v, false))?,
            Bound::Open(v) => write!(f, "({}", show(v, false))?,
            Bound::Unbounded => f.write_str("(-∞")?,
        }
        f.write_str(", ")?;
        match self.high {
            Bound::Closed(v) => write!(f, "{}]", show(v, true)),
            Bound::Open(v) if moved(v, true) => write!(f, "{}]", show(v, true)),
            Bound::Open(v) => write!(f, "{})", show(v, true)),
            Bound::Unbounded => f.write_str("+∞)"),
        }
    }
}

impl Serialize for Interval {
    /// `{ "low": "6.5", "high": "6.6", "low_closed": true, "high_closed": false }`, with `null`
    /// for an unbounded end.
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Interval", 4)?;
        s.serialize_field("low", &self.low.value().map(|v| v.normalize().to_string()))?;
        s.serialize_field(
            "high",
            &self.high.value().map(|v| v.normalize().to_string()),
        )?;
        s.serialize_field("low_closed", &self.low.is_closed())?;
        s.serialize_field("high_closed", &self.high.is_closed())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::MathematicalOps;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn nev_growth_on_the_published_base_is_not_96_9() {
        // (705.8 / 354.5 − 1) × 100 with both levels rounded at one decimal.
        let growth = Interval::rounded(d("705.8"), 1)
            .unwrap()
            .div(&Interval::rounded(d("354.5"), 1).unwrap())
            .unwrap()
            .shift(-Decimal::ONE)
            .unwrap()
            .scale(Decimal::ONE_HUNDRED)
            .unwrap();
        assert!(growth.contains(d("99.1")), "{growth}");
        let reported = Interval::rounded(d("96.9"), 1).unwrap();
        assert!(!growth.overlaps(&reported));
        assert!(growth.distance(&reported) > d("2"));
    }

    #[test]
    fn division_by_zero_and_straddling_is_an_error() {
        let straddle = Interval::closed(d("-1"), d("1")).unwrap();
        assert!(Interval::point(d("1")).div(&straddle).is_err());
        // Zero as an open end gives an unbounded quotient.
        let open = Interval::new(Bound::Open(Decimal::ZERO), Bound::Closed(d("2"))).unwrap();
        let q = Interval::point(d("1")).div(&open).unwrap();
        assert_eq!(q.high(), Bound::Unbounded);
        assert_eq!(q.low(), Bound::Closed(d("0.5")));
    }

    #[test]
    fn inexact_division_is_widened_outward() {
        let third = Interval::point(d("1"))
            .div(&Interval::point(d("3")))
            .unwrap();
        assert!(!third.is_point());
        let (lo, hi) = (third.low().value().unwrap(), third.high().value().unwrap());
        assert!(lo * d("3") < d("1") && hi * d("3") > d("1"));
    }

    #[test]
    fn rounding_at_the_last_decimal_is_not_empty() {
        let v = Decimal::new(1, 28);
        let i = Interval::rounded(v, 28).unwrap();
        assert!(i.contains(v) && i.contains(Decimal::ZERO));
    }

    #[test]
    fn unbounded_ends_propagate() {
        let more_than = Interval::at_least(d("520"), false);
        let sum = more_than.add(&Interval::point(d("1"))).unwrap();
        assert_eq!(sum.to_string(), "[521, +∞)");
        let neg = more_than.mul(&Interval::point(d("-1"))).unwrap();
        assert_eq!(neg.to_string(), "(-∞, -520]");
    }

    fn finite_interval() -> impl Strategy<Value = Interval> {
        (
            -1_000_000i64..1_000_000,
            0i64..100_000,
            0u32..4,
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(lo, width, scale, lc, hc)| {
                let a = Decimal::new(lo, scale);
                let b = Decimal::new(lo + width, scale);
                let low = if lc || width == 0 {
                    Bound::Closed(a)
                } else {
                    Bound::Open(a)
                };
                let high = if hc || width == 0 {
                    Bound::Closed(b)
                } else {
                    Bound::Open(b)
                };
                Interval::new(low, high).unwrap()
            })
    }

    /// A value inside `i` chosen by `t` in [0, 1].
    fn inside(i: &Interval, t: f64) -> Option<Decimal> {
        let (a, b) = (i.low().value()?, i.high().value()?);
        let t = Decimal::from_f64(t.clamp(0.0, 1.0))?.round_dp(6);
        let v = a + (b - a) * t;
        i.contains(v)
            .then_some(v)
            .or_else(|| i.midpoint().filter(|m| i.contains(*m)))
    }

    proptest! {
        #[test]
        fn arithmetic_is_sound(a in finite_interval(), b in finite_interval(), s in 0.0f64..1.0, t in 0.0f64..1.0) {
            let (Some(x), Some(y)) = (inside(&a, s), inside(&b, t)) else { return Ok(()) };
            prop_assert!(a.add(&b).unwrap().contains(x + y));
            prop_assert!(a.sub(&b).unwrap().contains(x - y));
            prop_assert!(a.mul(&b).unwrap().contains(x * y));
            if let Ok(q) = a.div(&b) {
                prop_assert!(!y.is_zero());
                let exact = x / y;
                prop_assert!(q.contains(exact), "{} / {} = {} not in {}", x, y, exact, q);
            } else {
                prop_assert!(b.contains(Decimal::ZERO) || b.low().value().unwrap() < Decimal::ZERO && b.high().value().unwrap() > Decimal::ZERO);
            }
            for n in 0..4 {
                prop_assert!(a.powi(n).unwrap().contains(x.powi(i64::from(n))));
            }
        }

        #[test]
        fn real_powers_are_sound(lo in 1u32..100_000, width in 0u32..10_000, p in 0.05f64..3.0, t in 0.0f64..1.0) {
            let i = Interval::closed(Decimal::new(i64::from(lo), 3), Decimal::new(i64::from(lo + width), 3)).unwrap();
            let Some(x) = inside(&i, t) else { return Ok(()) };
            let r = i.powf(p).unwrap();
            // The true value, computed independently with rust_decimal's powd at high precision.
            let exact = x.to_f64().unwrap().powf(p);
            let lo = r.low().value().unwrap().to_f64().unwrap();
            let hi = r.high().value().unwrap().to_f64().unwrap();
            prop_assert!(lo <= exact && exact <= hi, "{}^{} = {} not in {}", x, p, exact, r);
        }

        #[test]
        fn overlap_is_symmetric_and_distance_zero_iff_touching(a in finite_interval(), b in finite_interval()) {
            prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
            if a.overlaps(&b) {
                prop_assert_eq!(a.distance(&b), Decimal::ZERO);
            }
            prop_assert_eq!(a.distance(&b), b.distance(&a));
            prop_assert!(a.hull(&b).encloses(&a));
        }
    }
}
