//! Why a value is missing.
//!
//! A computation never invents a value and never returns `inf` or `NaN`: where it cannot
//! compute, the output has a gap, and the gap says why (an input missing, a zero or negative
//! base, an incomplete period, …).

use std::fmt;

use serde::Serialize;

use crate::period::Period;

/// The reason a computed value is missing.
///
/// # Example
/// ```
/// use indstat::{Gap, Period};
/// let g = Gap::NoValue { series: "nev_production".into(), period: Period::year(2012) };
/// assert_eq!(g.to_string(), "no value of `nev_production` for 2012");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Gap {
    /// An input the computation needs has no value for a period.
    NoValue {
        /// The input series.
        series: String,
        /// The period without a value.
        period: Period,
    },
    /// The computation needs a period before the first year a period can have (1000).
    BeforeFirstYear {
        /// The period being computed.
        period: Period,
    },
    /// A base (of a growth rate, a logarithm, a CAGR) is zero or negative.
    NonPositiveBase {
        /// The period of the base.
        period: Period,
        /// The base, as text.
        value: String,
    },
    /// A value whose logarithm is needed is zero or negative.
    NotPositive {
        /// The period of the value.
        period: Period,
        /// The value, as text.
        value: String,
    },
    /// A divisor is zero (or, for intervals, may be zero).
    ZeroDivisor {
        /// The period of the divisor.
        period: Period,
    },
    /// The result does not fit in a `Decimal`.
    Overflow {
        /// The period being computed.
        period: Period,
    },
    /// A lower-frequency period lacks some of its sub-periods.
    Incomplete {
        /// How many sub-periods have a value.
        have: usize,
        /// How many it needs.
        need: usize,
    },
    /// The value is part of a combined one: January within a January–February release, or a
    /// month whose year-to-date value is missing within the next month's difference.
    Combined {
        /// The period that holds the combined value.
        into: Period,
    },
    /// A value is compared with one that covers other months: one is a combined release
    /// (January–February) and the other a single period that cannot be combined alike (it is
    /// not a flow, or a month of the combination is missing or itself combined).
    CombinedMismatch {
        /// The period being computed.
        period: Period,
        /// The period it is compared with.
        other: Period,
    },
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Gap::NoValue { series, period } => write!(f, "no value of `{series}` for {period}"),
            Gap::BeforeFirstYear { period } => write!(
                f,
                "{period} needs a value from before the year {}",
                crate::period::YEAR_RANGE.start()
            ),
            Gap::NonPositiveBase { period, value } => {
                write!(f, "the base for {period} is {value}, not positive")
            }
            Gap::NotPositive { period, value } => {
                write!(
                    f,
                    "the value for {period} is {value}: its logarithm is undefined"
                )
            }
            Gap::ZeroDivisor { period } => write!(f, "the divisor for {period} is zero"),
            Gap::Overflow { period } => write!(f, "the value for {period} overflows a Decimal"),
            Gap::Incomplete { have, need } => {
                write!(f, "incomplete: {have} of {need} sub-periods have a value")
            }
            Gap::Combined { into } => {
                write!(f, "covered by the combined value for {into}")
            }
            Gap::CombinedMismatch { period, other } => write!(
                f,
                "{period} and {other} cover different months: one is a combined release \
                 (such as January–February) that the other cannot be combined to match"
            ),
        }
    }
}
