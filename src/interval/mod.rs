//! Intervals over `Decimal`: the set of values a reported figure may stand for, and sound
//! arithmetic on such sets.
//!
//! "33.2%" means any value in [33.15, 33.25); a growth rate computed from two reported levels is
//! any value the true levels could give. Every operation returns an interval that contains
//! every result of applying the operation to values drawn from its inputs (soundness), also
//! where `Decimal` rounds: at 28 significant digits, in division, long products and powers,
//! and in real powers and logarithms computed in `f64` (see [`Interval`], "Soundness").
//!
//! This module holds the type and its set operations; `arithmetic` the operations, `exact` the
//! exact reference they check `Decimal` against, `display` the text and JSON forms.

mod arithmetic;
mod deprecated;
mod display;
mod exact;
mod rounding;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;

use rust_decimal::Decimal;

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

impl End {
    /// The end a bound stands for; an unbounded one sits at `infinity`.
    fn of(bound: Bound, infinity: Ext) -> End {
        match bound {
            Bound::Closed(v) => End {
                at: Ext::Fin(v),
                closed: true,
            },
            Bound::Open(v) => End {
                at: Ext::Fin(v),
                closed: false,
            },
            Bound::Unbounded => End {
                at: infinity,
                closed: false,
            },
        }
    }
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
/// # Soundness
/// `Decimal` keeps 28 to 29 significant digits and at most 28 decimals, and rounds a result
/// that needs more without saying so (10^27 + 0.01 gives 10^27). Every end is therefore checked
/// against the exact result, computed in wide integers; an end `Decimal` rounded is moved
/// outward, a unit in its last place at a time, until it lies outside the exact result, and is
/// then closed. So a result is never narrower than the truth, even at 28 digits: at worst one
/// unit of the last digit wider on each side.
///
/// - Integer powers multiply by repeated squaring, each product rounded outward: at most 62
///   products for any `i32` exponent, `i32::MIN` included.
/// - Real powers and logarithms go through `f64` and are widened by a bound on its error,
///   which grows with the exponent (see [`powf`](Interval::powf)); exponents beyond 10^12 are
///   refused.
/// - A result that does not fit a `Decimal` is an
///   [`ErrorKind::Overflow`](crate::ErrorKind::Overflow) error, never a narrower interval.
///
/// # Example
/// ```
/// use indstat::Interval;
/// use rust_decimal::Decimal;
/// let d = |s: &str| s.parse::<Decimal>().unwrap();
///
/// // 10^27 + 0.01 needs 30 digits: the sum is widened to hold it, not rounded to 10^27.
/// let big = Interval::point(d("1000000000000000000000000000"));
/// let sum = big.checked_add(&Interval::point(d("0.01")))?;
/// assert!(!sum.is_point());
/// assert!(sum.high().value().unwrap() > d("1000000000000000000000000000"));
///
/// // "27.7%" and the value 27.65: 四舍五入 rounds 27.65 up to 27.7.
/// let share = Interval::half_open(d("27.65"), d("27.75"))?;
/// assert!(share.contains(d("27.65")));
/// assert!(!share.contains(d("27.6499")));
///
/// // NEV output 705.8 over 354.5 (10 thousand vehicles), both rounded at one decimal.
/// let q = Interval::rounded(d("705.8"), 1)?.checked_div(&Interval::rounded(d("354.5"), 1)?)?;
/// assert!(q.contains(d("1.991")) && !q.contains(d("1.969")));
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    low: Bound,
    high: Bound,
}

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

    fn low_end(&self) -> End {
        End::of(self.low, Ext::NegInf)
    }

    fn high_end(&self) -> End {
        End::of(self.high, Ext::PosInf)
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

/// Which end of an interval a value bounds, and so which way a rounded value must move to stay
/// sound: down for a low end, up for a high end.
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
