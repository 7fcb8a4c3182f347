//! How an interval is written: as text (`[6.5, 6.6)`) and as JSON.

use std::fmt;

use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::Bound;
use super::Interval;

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
