//! Reported figures: a number as written, with its precision, scale, unit and qualifier, and
//! the interval of values it stands for.
//!
//! "33.2%" means [33.15, 33.25); "more than 6.5 million" means [6.5, 6.6) million (the speaker
//! rounded down at the last significant digit); "nearly 72万" means (71万, 72万]. See
//! [`Figure::interval`] for every rule.
//!
//! # Grammar
//! `[qualifier] number [多|余] [scale] [unit] [左右|以上|mark]`, where
//! - *qualifier* is one of the words of [`Qualifier`] (English or Chinese), optionally followed
//!   by `the` ("exceeded the 40 trillion yuan mark");
//! - *number* is decimal text with an optional sign and optional thousands separators
//!   (`1,300`, `-4.0`, `705.8`); its written decimals are its precision;
//! - *scale* and *unit* follow [`Unit`]'s grammar (`million`, `万`, `亿元`, `trillion yuan`,
//!   `%`, `percentage points`); a figure with only a scale takes the dimension of what it is
//!   compared with.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::interval::{Bound, Interval};
use crate::unit::{Dimension, Scale, Unit, pow10, split_scale};

/// The word that qualifies a reported figure, and so the interval it stands for.
///
/// Words that mean the speaker rounded down ("more than", "exceeded", …) read as [v, v + s);
/// their mirror ("nearly", "less than", …) as (v − s, v]; "about" as v ± a tolerance. See
/// [`Figure::interval`].
///
/// # Example
/// ```
/// use indstat::{Qualifier, QualifierDirection};
/// let q: Qualifier = "exceeded".parse()?;
/// assert_eq!(q.direction(), QualifierDirection::AtLeast);
/// assert_eq!("超过".parse::<Qualifier>()?, Qualifier::Exceeded);
/// assert!("perhaps".parse::<Qualifier>().is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Qualifier {
    /// Stated plainly: rounded (or truncated) at its written precision.
    #[default]
    Plain,
    /// "more than", 多, 余, 以上.
    MoreThan,
    /// "over", 逾.
    Over,
    /// "exceeded", "exceeding", 超过.
    Exceeded,
    /// "topped".
    Topped,
    /// "above".
    Above,
    /// "surpassed".
    Surpassed,
    /// "less than", 不到, 不足.
    LessThan,
    /// "under".
    Under,
    /// "below".
    Below,
    /// "nearly", 近, 将近, 接近.
    Nearly,
    /// "just under".
    JustUnder,
    /// "almost".
    Almost,
    /// "about", 约, 左右.
    About,
    /// "approximately".
    Approximately,
    /// "around".
    Around,
}

/// Which way a [`Qualifier`] bends a figure's interval.
///
/// # Example
/// ```
/// use indstat::{Qualifier, QualifierDirection};
/// assert_eq!(Qualifier::Nearly.direction(), QualifierDirection::AtMost);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QualifierDirection {
    /// Plain: rounding or truncation at the written precision.
    Exact,
    /// The value is at least the figure (the speaker rounded down).
    AtLeast,
    /// The value is at most the figure (the speaker rounded up).
    AtMost,
    /// The value is near the figure, within a tolerance.
    Approximate,
}

/// English words first (the canonical one first for each qualifier), then Chinese.
const QUALIFIER_WORDS: &[(&str, Qualifier)] = &[
    ("more than", Qualifier::MoreThan),
    ("greater than", Qualifier::MoreThan),
    ("in excess of", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("over", Qualifier::Over),
    ("exceeded", Qualifier::Exceeded),
    ("exceeding", Qualifier::Exceeded),
    ("exceeds", Qualifier::Exceeded),
    ("exceed", Qualifier::Exceeded),
    ("topped", Qualifier::Topped),
    ("topping", Qualifier::Topped),
    ("above", Qualifier::Above),
    ("surpassed", Qualifier::Surpassed),
    ("surpassing", Qualifier::Surpassed),
    ("less than", Qualifier::LessThan),
    ("fewer than", Qualifier::LessThan),
    ("under", Qualifier::Under),
    ("below", Qualifier::Below),
    ("nearly", Qualifier::Nearly),
    ("close to", Qualifier::Nearly),
    ("just under", Qualifier::JustUnder),
    ("almost", Qualifier::Almost),
    ("about", Qualifier::About),
    ("approximately", Qualifier::Approximately),
    ("approx.", Qualifier::Approximately),
    ("around", Qualifier::Around),
    ("roughly", Qualifier::About),
    ("超过", Qualifier::Exceeded),
    ("逾", Qualifier::Over),
    ("不到", Qualifier::LessThan),
    ("不足", Qualifier::LessThan),
    ("将近", Qualifier::Nearly),
    ("接近", Qualifier::Nearly),
    ("近", Qualifier::Nearly),
    ("约", Qualifier::About),
];

impl Qualifier {
    /// The canonical English word (`""` for [`Qualifier::Plain`]).
    ///
    /// # Example
    /// ```
    /// use indstat::Qualifier;
    /// assert_eq!(Qualifier::JustUnder.as_str(), "just under");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Plain => "",
            Qualifier::MoreThan => "more than",
            Qualifier::Over => "over",
            Qualifier::Exceeded => "exceeded",
            Qualifier::Topped => "topped",
            Qualifier::Above => "above",
            Qualifier::Surpassed => "surpassed",
            Qualifier::LessThan => "less than",
            Qualifier::Under => "under",
            Qualifier::Below => "below",
            Qualifier::Nearly => "nearly",
            Qualifier::JustUnder => "just under",
            Qualifier::Almost => "almost",
            Qualifier::About => "about",
            Qualifier::Approximately => "approximately",
            Qualifier::Around => "around",
        }
    }

    /// Which way the qualifier bends the interval.
    ///
    /// # Example
    /// ```
    /// use indstat::{Qualifier, QualifierDirection};
    /// assert_eq!(Qualifier::Topped.direction(), QualifierDirection::AtLeast);
    /// assert_eq!(Qualifier::Plain.direction(), QualifierDirection::Exact);
    /// ```
    pub fn direction(self) -> QualifierDirection {
        use Qualifier::*;
        match self {
            Plain => QualifierDirection::Exact,
            MoreThan | Over | Exceeded | Topped | Above | Surpassed => QualifierDirection::AtLeast,
            LessThan | Under | Below | Nearly | JustUnder | Almost => QualifierDirection::AtMost,
            About | Approximately | Around => QualifierDirection::Approximate,
        }
    }

    /// Splits a leading qualifier word from `text` (longest match, case-insensitive, on a word
    /// boundary), returning [`Qualifier::Plain`] and the whole text when there is none.
    fn split(text: &str) -> (Qualifier, &str) {
        let lower = text.to_lowercase();
        let mut best: Option<(usize, Qualifier)> = None;
        for &(word, q) in QUALIFIER_WORDS {
            if lower.starts_with(word) && lower.len() == text.len() {
                let rest = &text[word.len()..];
                let boundary = !word.is_ascii()
                    || rest.is_empty()
                    || rest.starts_with(|c: char| !c.is_alphanumeric());
                if boundary && best.is_none_or(|(len, _)| word.len() > len) {
                    best = Some((word.len(), q));
                }
            }
        }
        match best {
            Some((len, q)) => (q, &text[len..]),
            None => (Qualifier::Plain, text),
        }
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Qualifier {
    type Err = Error;

    /// Accepts the words of the figure grammar, and the empty string for `Plain`.
    fn from_str(s: &str) -> Result<Qualifier> {
        let t = s.trim();
        if t.is_empty() {
            return Ok(Qualifier::Plain);
        }
        match Qualifier::split(t) {
            (q, "") => Ok(q),
            _ => Err(Error::parse(
                "qualifier",
                s,
                "expected more than, over, exceeded, topped, above, surpassed, less than, under, below, nearly, just under, almost, about, approximately, around (or empty)",
            )),
        }
    }
}

impl Serialize for Qualifier {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Qualifier {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Qualifier, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

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

impl Rounding {
    /// `round` or `truncate`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(indstat::Rounding::Truncate.as_str(), "truncate");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Rounding::HalfAwayFromZero => "round",
            Rounding::Truncate => "truncate",
        }
    }
}

impl FromStr for Rounding {
    type Err = Error;

    /// `round` (also `half-away-from-zero`, `四舍五入`) or `truncate` (`truncation`, `截断`).
    fn from_str(s: &str) -> Result<Rounding> {
        match s.trim().to_ascii_lowercase().as_str() {
            "round" | "rounded" | "half-away-from-zero" | "half away from zero" | "四舍五入" => {
                Ok(Rounding::HalfAwayFromZero)
            }
            "truncate" | "truncated" | "truncation" | "截断" => Ok(Rounding::Truncate),
            _ => Err(Error::parse(
                "rounding",
                s,
                "expected `round` or `truncate`",
            )),
        }
    }
}

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

/// A reported figure: the number as written, its precision, scale, unit and qualifier.
///
/// # Example
/// ```
/// use indstat::{Figure, Qualifier, Scale};
///
/// let f: Figure = "nearly 72万".parse()?;
/// assert_eq!(f.qualifier(), Qualifier::Nearly);
/// assert_eq!(f.scale(), Scale::WAN);
/// assert_eq!(f.interval()?.to_string(), "(71, 72]");
///
/// let g: Figure = "exceeded 40 trillion yuan".parse()?;
/// assert_eq!(g.interval()?.to_string(), "[40, 50)");
/// assert_eq!(g.unit().unwrap().to_string(), "trillion yuan");
///
/// assert!("about".parse::<Figure>().is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Figure {
    value: Decimal,
    qualifier: Qualifier,
    scale: Scale,
    dimension: Option<Dimension>,
}

impl Figure {
    /// A figure from its parts; the written precision is `value`'s scale (its decimals).
    ///
    /// # Example
    /// ```
    /// use indstat::{Figure, Qualifier, Scale, Unit};
    /// let unit: Unit = "million vehicles".parse()?;
    /// let f = Figure::new("7.05".parse().unwrap(), Qualifier::Plain, Some(&unit));
    /// assert_eq!(f.to_string(), "7.05 million vehicles");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn new(value: Decimal, qualifier: Qualifier, unit: Option<&Unit>) -> Figure {
        Figure {
            value,
            qualifier,
            scale: unit.map_or(Scale::ONE, Unit::scale),
            dimension: unit.map(|u| u.dimension().clone()),
        }
    }

    /// The number as written, without its scale (`6.5` for "more than 6.5 million").
    ///
    /// # Example
    /// ```
    /// use indstat::Figure;
    /// assert_eq!("1,300".parse::<Figure>()?.value(), rust_decimal::Decimal::from(1300));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// Number of written decimals: the precision (`2` for `18.45亿`).
    ///
    /// # Example
    /// ```
    /// use indstat::Figure;
    /// assert_eq!("18.45亿".parse::<Figure>()?.decimals(), 2);
    /// assert_eq!("-4.0%".parse::<Figure>()?.decimals(), 1);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn decimals(&self) -> u32 {
        self.value.scale()
    }

    /// Exponent of one unit of the last *significant* digit, s = 10^exponent: the written
    /// decimals when there are any, else the trailing zeros (`5200` → 2, `40` → 1, `6.5` → −1).
    ///
    /// # Example
    /// ```
    /// use indstat::Figure;
    /// assert_eq!("more than 5200万".parse::<Figure>()?.significant_exponent(), 2);
    /// assert_eq!("6.5".parse::<Figure>()?.significant_exponent(), -1);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn significant_exponent(&self) -> i32 {
        significant_exponent(self.value)
    }

    /// The qualifier ([`Qualifier::Plain`] when there is none).
    ///
    /// # Example
    /// ```
    /// use indstat::{Figure, Qualifier};
    /// assert_eq!("over 2,100".parse::<Figure>()?.qualifier(), Qualifier::Over);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn qualifier(&self) -> Qualifier {
        self.qualifier
    }

    /// The scale the number is written in (`万` for `705.8万辆`).
    ///
    /// # Example
    /// ```
    /// use indstat::{Figure, Scale};
    /// assert_eq!("2.31 million".parse::<Figure>()?.scale(), Scale::MILLION);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The dimension, if the figure names one (`None` for `2.31 million`).
    ///
    /// # Example
    /// ```
    /// use indstat::{Dimension, Figure};
    /// assert_eq!("33.2%".parse::<Figure>()?.dimension(), Some(&Dimension::Percent));
    /// assert_eq!("18.45亿".parse::<Figure>()?.dimension(), None);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn dimension(&self) -> Option<&Dimension> {
        self.dimension.as_ref()
    }

    /// The unit, if the figure names a dimension.
    ///
    /// # Example
    /// ```
    /// use indstat::Figure;
    /// assert_eq!("705.8万辆".parse::<Figure>()?.unit().unwrap().to_string(), "10 thousand vehicles");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn unit(&self) -> Option<Unit> {
        let dimension = self.dimension.clone()?;
        Unit::new(dimension, self.scale).ok()
    }

    /// The figure's unit, or — when it names only a scale — `other`'s dimension at the figure's
    /// scale. This is the unit the figure is read in when compared with `other`.
    ///
    /// # Errors
    /// [`ErrorKind::IncompatibleUnits`](crate::ErrorKind::IncompatibleUnits) when the figure
    /// names a dimension that `other` does not have.
    ///
    /// # Example
    /// ```
    /// use indstat::{Figure, Unit};
    /// let stations: Unit = "10 thousand base stations".parse()?;
    /// let f: Figure = "2.31 million".parse()?;
    /// assert_eq!(f.unit_against(&stations)?.to_string(), "million base stations");
    /// let g: Figure = "2.31 million yuan".parse()?;
    /// assert!(g.unit_against(&stations).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn unit_against(&self, other: &Unit) -> Result<Unit> {
        match self.unit() {
            Some(unit) => {
                unit.factor_to(other)?;
                Ok(unit)
            }
            None => other.with_scale(self.scale).map_err(|_| {
                // A percent compared with a scaled figure: only scale 1 makes sense.
                Error::new(crate::error::ErrorKind::IncompatibleUnits {
                    from: self.to_string(),
                    to: other.to_string(),
                    reason: format!("{} takes no scale", other.dimension().describe()),
                })
            }),
        }
    }

    /// The values the figure stands for, in its own scale, with the default [`Reading`].
    ///
    /// With u = one unit of the last written decimal and s = one unit of the last significant
    /// digit:
    /// - plain, rounded half away from zero (四舍五入): [v − u/2, v + u/2) (mirrored for v < 0);
    /// - plain, truncated: [v, v + u) (mirrored for v < 0);
    /// - more than / over / exceeded / topped / above / surpassed: [v, v + s), or (v, +∞) when
    ///   strict;
    /// - less than / under / below / nearly / just under / almost: (v − s, v], or (−∞, v) when
    ///   strict;
    /// - about / approximately / around: [v − t, v + t] with t = max(u/2, tolerance).
    ///
    /// # Errors
    /// On overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::Figure;
    /// let f = |s: &str| s.parse::<Figure>().unwrap().interval().unwrap().to_string();
    /// assert_eq!(f("33.2%"), "[33.15, 33.25)");
    /// assert_eq!(f("more than 6.5 million racks"), "[6.5, 6.6)");
    /// assert_eq!(f("more than 5200万"), "[5200, 5300)");
    /// assert_eq!(f("nearly 72万"), "(71, 72]");
    /// assert_eq!(f("-4.0%"), "(-4.05, -3.95]");
    /// assert_eq!(f("about 100"), "[95, 105]");
    /// ```
    pub fn interval(&self) -> Result<Interval> {
        self.interval_with(&Reading::default())
    }

    /// The values the figure stands for, in its own scale, read as `reading` says.
    ///
    /// # Errors
    /// On overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::{Figure, Reading, Rounding};
    /// let f: Figure = "7.05 million".parse()?;
    /// let truncated = Reading { rounding: Rounding::Truncate, ..Reading::default() };
    /// assert_eq!(f.interval_with(&truncated)?.to_string(), "[7.05, 7.06)");
    /// // 705.8万 is 7.058 million: consistent only if the figure was truncated.
    /// let v = "7.058".parse().unwrap();
    /// assert!(f.interval_with(&truncated)?.contains(v) && !f.interval()?.contains(v));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn interval_with(&self, reading: &Reading) -> Result<Interval> {
        reported_interval(
            self.value,
            -(self.decimals() as i32),
            self.significant_exponent(),
            self.qualifier,
            reading,
        )
    }

    /// The values the figure stands for, expressed in `unit` (a figure with only a scale takes
    /// `unit`'s dimension).
    ///
    /// # Errors
    /// Incompatible units; overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::{Figure, Reading, Unit};
    /// let wan: Unit = "10 thousand base stations".parse()?;
    /// let i = "2.31 million".parse::<Figure>()?.interval_in(&wan, &Reading::default())?;
    /// assert_eq!(i.to_string(), "[230.5, 231.5)");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn interval_in(&self, unit: &Unit, reading: &Reading) -> Result<Interval> {
        let own = self.unit_against(unit)?;
        let factor = own.factor_to(unit)?;
        self.interval_with(reading)?.scale(factor)
    }
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
/// use indstat::truncate;
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
/// by figures and by series observations, so that both read the same way.
pub(crate) fn reported_interval(
    v: Decimal,
    u_exp: i32,
    s_exp: i32,
    qualifier: Qualifier,
    reading: &Reading,
) -> Result<Interval> {
    let overflow = || Error::overflow(format!("the interval of {v}"));
    let s = pow10(s_exp);
    match qualifier.direction() {
        QualifierDirection::Exact => match reading.rounding {
            Rounding::HalfAwayFromZero => Interval::rounded(v, -u_exp),
            Rounding::Truncate => {
                let u = pow10(u_exp);
                if v.is_sign_negative() && !v.is_zero() {
                    let low = v.checked_sub(u).ok_or_else(overflow)?;
                    Interval::new(Bound::Open(low), Bound::Closed(v))
                } else {
                    Interval::half_open(v, v.checked_add(u).ok_or_else(overflow)?)
                }
            }
        },
        QualifierDirection::AtLeast if reading.strict => Ok(Interval::at_least(v, true)),
        QualifierDirection::AtLeast => {
            Interval::half_open(v, v.checked_add(s).ok_or_else(overflow)?)
        }
        QualifierDirection::AtMost if reading.strict => Ok(Interval::at_most(v, true)),
        QualifierDirection::AtMost => Interval::new(
            Bound::Open(v.checked_sub(s).ok_or_else(overflow)?),
            Bound::Closed(v),
        ),
        QualifierDirection::Approximate => {
            let half_u = pow10(u_exp) / Decimal::TWO;
            let t = match reading.tolerance {
                Tolerance::Relative(r) => v.abs().checked_mul(r).ok_or_else(overflow)?,
                Tolerance::Absolute(a) => a,
            };
            let t = t.max(half_u);
            Interval::closed(
                v.checked_sub(t).ok_or_else(overflow)?,
                v.checked_add(t).ok_or_else(overflow)?,
            )
        }
    }
}

impl fmt::Display for Figure {
    /// Canonical form that parses back to the same figure: `more than 6.5 million`,
    /// `33.2%`, `705.8万 vehicles`, `40 trillion yuan`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.qualifier != Qualifier::Plain {
            write!(f, "{} ", self.qualifier)?;
        }
        write!(f, "{}", self.value)?;
        match &self.dimension {
            Some(Dimension::Percent) => return f.write_str("%"),
            Some(Dimension::PercentagePoint) => return f.write_str(" percentage points"),
            _ => {}
        }
        let e = self.scale.exponent();
        if matches!(e, 4 | 5 | 7 | 8) {
            // 万, 十万, 千万, 亿 read better than "10 thousand" after a number.
            f.write_str(self.scale.chinese().unwrap_or_default())?;
        } else if e != 0 {
            write!(f, " {}", self.scale)?;
        }
        match &self.dimension {
            None => Ok(()),
            Some(d) => {
                let unit = Unit::new(d.clone(), Scale::ONE).map_err(|_| fmt::Error)?;
                write!(f, " {unit}")
            }
        }
    }
}

impl FromStr for Figure {
    type Err = Error;

    /// Parses the figure grammar of the [module docs](self).
    fn from_str(input: &str) -> Result<Figure> {
        let bad = |reason: String| Error::parse("figure", input, reason);
        let text = input.trim();
        let (mut qualifier, rest) = Qualifier::split(text);
        let mut rest = rest.trim_start();
        if qualifier != Qualifier::Plain {
            if let Some(r) = rest.strip_prefix("the ") {
                rest = r.trim_start();
            }
        }
        let (value, after) = split_number(rest).map_err(bad)?;
        let mut after = after.trim();
        // Chinese "5200多万" / "5200余万": more than.
        for marker in ["多", "余"] {
            if let Some(r) = after.strip_prefix(marker) {
                if qualifier != Qualifier::Plain {
                    return Err(bad("two qualifiers".into()));
                }
                qualifier = Qualifier::MoreThan;
                after = r.trim_start();
            }
        }
        // Trailing words: "左右" (about), "以上" (more than), "mark".
        for (suffix, q) in [
            ("左右", Some(Qualifier::About)),
            ("以上", Some(Qualifier::MoreThan)),
            ("mark", None),
        ] {
            if let Some(r) = after.strip_suffix(suffix) {
                if let Some(q) = q {
                    if qualifier != Qualifier::Plain {
                        return Err(bad("two qualifiers".into()));
                    }
                    qualifier = q;
                }
                after = r.trim_end();
            }
        }
        if after.is_empty() {
            return Ok(Figure {
                value,
                qualifier,
                scale: Scale::ONE,
                dimension: None,
            });
        }
        let (scale, unit_text) = split_scale(after).map_err(|e| bad(e.to_string()))?;
        if unit_text.trim().is_empty() {
            return Ok(Figure {
                value,
                qualifier,
                scale,
                dimension: None,
            });
        }
        let unit: Unit = after.parse().map_err(|e: Error| match e.kind() {
            crate::error::ErrorKind::Parse { reason, .. } => bad(reason.clone()),
            _ => bad(e.to_string()),
        })?;
        Ok(Figure {
            value,
            qualifier,
            scale: unit.scale(),
            dimension: Some(unit.dimension().clone()),
        })
    }
}

/// Splits a leading number (sign, digits, thousands separators, decimals) from `text`.
fn split_number(text: &str) -> std::result::Result<(Decimal, &str), String> {
    let mut end = 0;
    let mut digits = String::new();
    let mut seen_digit = false;
    let mut seen_point = false;
    let mut group_len: Option<usize> = None; // digits since the last thousands separator
    for (i, c) in text.char_indices() {
        match c {
            '+' | '-' | '−' if i == 0 => {
                if c != '+' {
                    digits.push('-');
                }
            }
            '0'..='9' => {
                digits.push(c);
                seen_digit = true;
                if let Some(n) = group_len.as_mut() {
                    if !seen_point {
                        *n += 1;
                    }
                }
            }
            ',' if seen_digit && !seen_point => {
                if group_len.is_some_and(|n| n != 3) {
                    return Err("thousands separators must separate groups of three digits".into());
                }
                // The separator must be followed by a digit to be part of the number.
                if !text[i + 1..].starts_with(|c: char| c.is_ascii_digit()) {
                    break;
                }
                group_len = Some(0);
            }
            '.' if seen_digit && !seen_point => {
                if !text[i + 1..].starts_with(|c: char| c.is_ascii_digit()) {
                    break;
                }
                if group_len.is_some_and(|n| n != 3) {
                    return Err("thousands separators must separate groups of three digits".into());
                }
                seen_point = true;
                digits.push('.');
            }
            _ => break,
        }
        end = i + c.len_utf8();
    }
    if !seen_digit {
        return Err("expected a number, optionally after a qualifier such as `more than`".into());
    }
    if group_len.is_some_and(|n| n != 3) {
        return Err("thousands separators must separate groups of three digits".into());
    }
    let value = Decimal::from_str_exact(&digits)
        .map_err(|_| format!("`{digits}` has too many digits for a Decimal (28 at most)"))?;
    let rest = &text[end..];
    if rest.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',') {
        return Err(format!("unexpected `{rest}` after the number"));
    }
    Ok((value, rest))
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Figure, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fig(s: &str) -> Figure {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn in_unit(f: &str, unit: &str) -> Interval {
        fig(f)
            .interval_in(&unit.parse().unwrap(), &Reading::default())
            .unwrap()
    }

    #[test]
    fn parses_the_grammar_of_design_md() {
        let cases = [
            ("33.2%", "33.2%"),
            ("more than 6.5 million racks", "more than 6.5 million racks"),
            ("exceeded 40 trillion yuan", "exceeded 40 trillion yuan"),
            (
                "exceeded the 40 trillion yuan mark",
                "exceeded 40 trillion yuan",
            ),
            ("705.8万辆", "705.8万 vehicles"),
            ("18.45亿", "18.45亿"),
            ("nearly 72万", "nearly 72万"),
            ("1,300", "1300"),
            ("-4.0%", "-4.0%"),
            ("2.31 million", "2.31 million"),
            ("0.2 percentage points", "0.2 percentage points"),
            ("5200多万户", "more than 5200万 households"),
            ("约100家", "about 100 enterprises"),
            ("23,800", "23800"),
            ("1.7 trillion yuan", "1.7 trillion yuan"),
            ("265 million tons", "265 million tonnes"),
        ];
        for (text, canonical) in cases {
            assert_eq!(fig(text).to_string(), canonical, "{text}");
        }
    }

    #[test]
    fn rejects_malformed_figures() {
        for bad in [
            "",
            "more than",
            "33.2%%",
            "1,30",
            "1,3000",
            "12..5",
            "abc",
            "7.05 million yuan/#",
            "more than more than 5",
            "1e5",
            "99999999999999999999999999999999",
        ] {
            assert!(bad.parse::<Figure>().is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn briefing_cases_across_scales() {
        // 2.31 million and 231.2万 base stations overlap.
        let a = in_unit("2.31 million", "10 thousand base stations");
        let b = in_unit("231.2万", "10 thousand base stations");
        assert!(a.overlaps(&b), "{a} vs {b}");
        // 1.845 billion and 18.45亿 connections overlap.
        let a = in_unit("1.845 billion", "100 million connections");
        let b = in_unit("18.45亿", "100 million connections");
        assert!(a.overlaps(&b), "{a} vs {b}");
        // "more than 520 million" and "more than 5200万" do not: a factor of ten apart.
        let a = in_unit("more than 520 million", "10 thousand enterprises");
        let b = in_unit("more than 5200万", "10 thousand enterprises");
        assert!(!a.overlaps(&b), "{a} vs {b}");
    }

    #[test]
    fn rounding_is_half_away_from_zero_not_bankers() {
        let i = fig("27.7%").interval().unwrap();
        assert!(i.contains(d("27.65")));
        assert!(!i.contains(d("27.6499")));
        assert!(!i.contains(d("27.75")));
        let j = fig("0.13").interval().unwrap();
        assert!(j.contains(d("0.125")));
        // Independent check: rust_decimal's half-away-from-zero rounding of 0.125 is 0.13.
        assert_eq!(
            d("0.125")
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
            d("0.13")
        );
    }

    #[test]
    fn qualifiers_read_as_design_md_says() {
        assert_eq!(
            fig("exceeded 10 trillion yuan")
                .interval()
                .unwrap()
                .to_string(),
            "[10, 20)"
        );
        assert_eq!(
            fig("over 2,100").interval().unwrap().to_string(),
            "[2100, 2200)"
        );
        assert_eq!(
            fig("more than 70,000").interval().unwrap().to_string(),
            "[70000, 80000)"
        );
        assert_eq!(
            fig("almost 1.21 million").interval().unwrap().to_string(),
            "(1.2, 1.21]"
        );
        let strict = Reading {
            strict: true,
            ..Reading::default()
        };
        assert_eq!(
            fig("less than 5")
                .interval_with(&strict)
                .unwrap()
                .to_string(),
            "(-∞, 5)"
        );
        let two = Reading {
            tolerance: "2%".parse().unwrap(),
            ..Reading::default()
        };
        assert_eq!(
            fig("about 100").interval_with(&two).unwrap().to_string(),
            "[98, 102]"
        );
    }

    #[test]
    fn unit_mismatch_is_an_error() {
        let stations: Unit = "10 thousand base stations".parse().unwrap();
        assert!(
            fig("2.31 million yuan")
                .interval_in(&stations, &Reading::default())
                .is_err()
        );
        assert!(
            fig("33.2 million")
                .interval_in(&Unit::percent(), &Reading::default())
                .is_err()
        );
    }

    fn any_figure() -> impl Strategy<Value = Figure> {
        let qualifiers = prop::sample::select(vec![
            Qualifier::Plain,
            Qualifier::MoreThan,
            Qualifier::Over,
            Qualifier::Exceeded,
            Qualifier::Nearly,
            Qualifier::About,
            Qualifier::LessThan,
            Qualifier::JustUnder,
        ]);
        let units = prop::sample::select(vec![
            None,
            Some("percent"),
            Some("万辆"),
            Some("亿元"),
            Some("trillion yuan"),
            Some("million base stations"),
            Some("million"),
            Some("亿"),
            Some("pp"),
            Some("tonnes"),
        ]);
        (-10_000_000i64..10_000_000, 0u32..4, qualifiers, units).prop_map(|(m, s, q, u)| {
            let unit: Option<Unit> = u.map(|t| t.parse().unwrap());
            let mut f = Figure::new(Decimal::new(m, s), q, None);
            if let Some(unit) = unit {
                if unit.dimension() == &Dimension::Number {
                    f.scale = unit.scale();
                } else {
                    f = Figure::new(Decimal::new(m, s), q, Some(&unit));
                }
            }
            f
        })
    }

    proptest! {
        #[test]
        fn display_then_parse_round_trips(f in any_figure()) {
            let back: Figure = f.to_string().parse().unwrap();
            prop_assert_eq!(back, f);
        }

        #[test]
        fn parser_never_panics(s in "\\PC{0,24}") {
            let _ = s.parse::<Figure>();
        }

        #[test]
        fn the_figure_lies_in_its_own_interval(f in any_figure()) {
            // A plain figure is inside its rounding interval; "more than v" includes v; "nearly
            // v" includes v; about v includes v.
            prop_assert!(f.interval().unwrap().contains(f.value()));
        }

        #[test]
        fn every_value_that_rounds_to_the_figure_is_inside(m in -1_000_000i64..1_000_000, extra in 0i64..10, dp in 0u32..3) {
            // v has dp + 1 decimals; rounding it half away from zero to dp decimals gives a
            // figure whose interval must contain v.
            let v = Decimal::new(m * 10 + extra, dp + 1);
            let mut shown = v.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            shown.rescale(dp);
            let f: Figure = shown.to_string().parse().unwrap();
            prop_assert!(f.interval().unwrap().contains(v), "{} not in {} ({})", v, f.interval().unwrap(), shown);
        }
    }
}
