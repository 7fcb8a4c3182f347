//! Units of measure: a dimension times a power-of-ten scale.
//!
//! Official figures mix `yuan`, `亿元` (100 million yuan) and `trillion yuan`, `万辆` (10 thousand
//! vehicles) and `million vehicles`. A [`Unit`] is a [`Dimension`] (a currency, a count of a named
//! thing, percent, percentage points, a physical unit, a pure number) times a [`Scale`] (a power
//! of ten, 万 and 亿 included). Conversion between scales of one dimension is exact in `Decimal`;
//! across dimensions it is an [`Error`] naming both units.
//!
//! Chinese units with a built-in prefix are units: 千瓦时 is a kilowatt-hour, 千瓦 a thousand
//! watts, 千克 a kilogram, so 亿千瓦时 is 1e8 kWh. Measure words (量词: 户, 家, 个, 台, 座, 项,
//! 件, 套) count whatever they are compared with, while named nouns stay strict (vehicles are
//! not base stations). A multiple (倍, `times`) is [`Dimension::Times`]; it compares with a pure
//! number.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, ErrorKind, Result};

/// A power of ten that multiplies a unit: 1, thousand, 万 (1e4), million, 亿 (1e8), billion,
/// 万亿 (trillion, 1e12), …
///
/// # Example
/// ```
/// use indstat::Scale;
/// assert_eq!(Scale::YI.exponent(), 8);
/// assert_eq!(Scale::WAN.to_string(), "10 thousand");
/// assert_eq!(Scale::TRILLION.factor(), rust_decimal::Decimal::from(1_000_000_000_000u64));
/// assert!(Scale::new(15).is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Scale(u8);

impl Scale {
    /// The largest exponent a scale can have (10^14).
    pub const MAX_EXPONENT: u32 = 14;
    /// 1.
    pub const ONE: Scale = Scale(0);
    /// 1e3, thousand, 千.
    pub const THOUSAND: Scale = Scale(3);
    /// 1e4, 10 thousand, 万.
    pub const WAN: Scale = Scale(4);
    /// 1e6, million, 百万.
    pub const MILLION: Scale = Scale(6);
    /// 1e8, 100 million, 亿.
    pub const YI: Scale = Scale(8);
    /// 1e9, billion, 十亿.
    pub const BILLION: Scale = Scale(9);
    /// 1e12, trillion, 万亿.
    pub const TRILLION: Scale = Scale(12);

    /// The scale 10^`exponent`.
    ///
    /// # Errors
    /// When `exponent` exceeds [`Scale::MAX_EXPONENT`].
    ///
    /// # Example
    /// ```
    /// use indstat::Scale;
    /// assert_eq!(Scale::new(8)?, Scale::YI);
    /// assert!(Scale::new(20).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn new(exponent: u32) -> Result<Scale> {
        if exponent > Scale::MAX_EXPONENT {
            return Err(Error::parse(
                "scale",
                format!("1e{exponent}"),
                format!("scales run from 1 to 1e{}", Scale::MAX_EXPONENT),
            ));
        }
        Ok(Scale(exponent as u8))
    }

    /// The power of ten.
    ///
    /// # Example
    /// ```
    /// use indstat::Scale;
    /// assert_eq!(Scale::WAN.exponent(), 4);
    /// ```
    pub fn exponent(self) -> u32 {
        u32::from(self.0)
    }

    /// 10^exponent as a `Decimal`.
    ///
    /// # Example
    /// ```
    /// use indstat::Scale;
    /// assert_eq!(Scale::WAN.factor(), rust_decimal::Decimal::from(10_000));
    /// ```
    pub fn factor(self) -> Decimal {
        pow10(i32::from(self.0))
    }

    /// The Chinese name where there is a common one (万, 亿, 万亿, …).
    ///
    /// # Example
    /// ```
    /// use indstat::Scale;
    /// assert_eq!(Scale::YI.chinese(), Some("亿"));
    /// assert_eq!(Scale::ONE.chinese(), None);
    /// ```
    pub fn chinese(self) -> Option<&'static str> {
        Some(match self.0 {
            3 => "千",
            4 => "万",
            5 => "十万",
            6 => "百万",
            7 => "千万",
            8 => "亿",
            9 => "十亿",
            10 => "百亿",
            11 => "千亿",
            12 => "万亿",
            _ => return None,
        })
    }
}

impl fmt::Display for Scale {
    /// English words: `""` for 1, `thousand`, `10 thousand`, `million`, `100 million`, …
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words = ["", "thousand", "million", "billion", "trillion"];
        let e = self.0 as usize;
        let (mult, word) = (e % 3, words[e / 3]);
        match (mult, word.is_empty()) {
            (0, _) => f.write_str(word),
            (_, true) => f.write_str(if mult == 1 { "10" } else { "100" }),
            (_, false) => write!(f, "{} {word}", if mult == 1 { "10" } else { "100" }),
        }
    }
}

/// 10^e as a Decimal, for e in -28..=28.
pub(crate) fn pow10(e: i32) -> Decimal {
    if e >= 0 {
        let mut v: i128 = 1;
        for _ in 0..e.min(28) {
            v *= 10;
        }
        Decimal::from_i128_with_scale(v, 0)
    } else {
        Decimal::new(1, (-e).min(28) as u32)
    }
}

/// A currency, by ISO 4217 code.
///
/// # Example
/// ```
/// use indstat::{Currency, Dimension, Unit};
/// let u: Unit = "亿元".parse()?;
/// assert_eq!(u.dimension(), &Dimension::Currency(Currency::Cny));
/// assert_eq!(Currency::Usd.code(), "USD");
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Currency {
    /// Chinese yuan (renminbi), 元.
    Cny,
    /// US dollar, 美元.
    Usd,
    /// Euro, 欧元.
    Eur,
    /// Japanese yen, 日元.
    Jpy,
    /// Pound sterling, 英镑.
    Gbp,
    /// Hong Kong dollar, 港元.
    Hkd,
}

impl Currency {
    /// The ISO 4217 code.
    ///
    /// # Example
    /// ```
    /// use indstat::Currency;
    /// assert_eq!(Currency::Eur.code(), "EUR");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Jpy => "JPY",
            Currency::Gbp => "GBP",
            Currency::Hkd => "HKD",
        }
    }

    /// The English name used when printing a unit (`yuan`, `US dollars`, …).
    ///
    /// # Example
    /// ```
    /// use indstat::Currency;
    /// assert_eq!(Currency::Cny.name(), "yuan");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Currency::Cny => "yuan",
            Currency::Usd => "US dollars",
            Currency::Eur => "euros",
            Currency::Jpy => "yen",
            Currency::Gbp => "pounds sterling",
            Currency::Hkd => "Hong Kong dollars",
        }
    }
}

/// A physical unit of measure.
///
/// # Example
/// ```
/// use indstat::{Dimension, Physical, Unit};
/// let u: Unit = "万吨".parse()?;
/// assert_eq!(u.dimension(), &Dimension::Physical(Physical::Tonne));
/// assert_eq!(u.to_string(), "10 thousand tonnes");
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Physical {
    /// Metric tonne (吨); "tons" in the briefing's English means tonnes.
    Tonne,
    /// Kilowatt-hour (千瓦时, 度).
    KilowattHour,
    /// Watt (瓦); kilowatts (千瓦, kW) are watts at scale thousand, 万千瓦 at 1e7.
    Watt,
    /// Kilogram (千克, 公斤, kg).
    Kilogram,
}

impl Physical {
    /// Plural English name.
    ///
    /// # Example
    /// ```
    /// use indstat::Physical;
    /// assert_eq!(Physical::Tonne.name(), "tonnes");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Physical::Tonne => "tonnes",
            Physical::KilowattHour => "kilowatt-hours",
            Physical::Watt => "watts",
            Physical::Kilogram => "kilograms",
        }
    }
}

/// What a unit measures, regardless of its scale.
///
/// Counts are of a named thing: the noun is the dimension, stored singular and lower-case, so
/// `vehicles` and `vehicle` are one unit and `vehicles` and `base stations` are two. The noun
/// `unit` is a count of unnamed things ("7.05 million units") and compares with any count.
///
/// # Example
/// ```
/// use indstat::{Dimension, Unit};
/// let a: Unit = "million base stations".parse()?;
/// let b: Unit = "万个基站".parse().unwrap_or("10 thousand base stations".parse()?);
/// assert_eq!(a.dimension(), &Dimension::Count("base station".into()));
/// assert!(a.dimension().is_compatible(b.dimension()));
/// assert!(!Dimension::Percent.is_compatible(&Dimension::PercentagePoint));
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    /// Money in a currency.
    Currency(Currency),
    /// A count of a named thing (singular noun, lower case).
    Count(String),
    /// Percent (%), for rates, shares and growth.
    Percent,
    /// Percentage points: the difference of two percents.
    PercentagePoint,
    /// A physical unit.
    Physical(Physical),
    /// A pure number (a ratio of like units, an index, a logarithm).
    Number,
    /// A multiple: `1.2 times`, `1.2倍`. Officials write growth as a multiple ("增长1.2倍",
    /// "up 1.2 times" = +120%) and a ratio as one ("是…的2.2倍" = 2.2 times that of); see
    /// [`Figure::growth_interval`](crate::Figure::growth_interval). Takes no scale.
    Times,
    /// A ratio of two dimensions: yuan per vehicle.
    Per(Box<Dimension>, Box<Dimension>),
}

/// The noun of a count of unnamed things.
const GENERIC_COUNT: &str = "unit";

/// Chinese measure words (量词) that count whatever they are compared with: 12.5万户 may be
/// enterprises, subscribers or households, so a count in 户 takes the noun of the series.
/// (辆 counts only vehicles and 个基站 names base stations: those stay named nouns.)
///
/// # Example
/// ```
/// use indstat::Unit;
/// assert!(indstat::unit::MEASURE_WORDS.contains(&"户"));
/// let households: Unit = "万户".parse()?;
/// assert!(households.is_compatible(&"10 thousand enterprises".parse()?));
/// assert!(!"万辆".parse::<Unit>()?.is_compatible(&"base stations".parse()?));
/// # Ok::<(), indstat::Error>(())
/// ```
pub const MEASURE_WORDS: &[&str] = &[
    "户", "家", "个", "台", "座", "项", "件", "套", "只", "部", "块", "片", "条", "张", "枚",
];

fn is_measure_word(noun: &str) -> bool {
    MEASURE_WORDS.contains(&noun)
}

/// Whether a count noun compares with any count: `unit`, or a measure word.
fn counts_anything(noun: &str) -> bool {
    noun == GENERIC_COUNT || is_measure_word(noun)
}

impl Dimension {
    /// Whether values of the two dimensions can be compared and converted: equal dimensions;
    /// a count of `unit`s or in a measure word ([`MEASURE_WORDS`]: 户, 家, 个, …) against any
    /// count; a multiple ([`Dimension::Times`], 2.2倍) against a pure number (a ratio of 2.2).
    ///
    /// # Example
    /// ```
    /// use indstat::Dimension;
    /// let vehicles = Dimension::Count("vehicle".into());
    /// assert!(vehicles.is_compatible(&Dimension::Count("unit".into())));
    /// assert!(!vehicles.is_compatible(&Dimension::Count("enterprise".into())));
    /// let households = Dimension::Count("户".into());
    /// assert!(households.is_compatible(&Dimension::Count("enterprise".into())));
    /// assert!(Dimension::Times.is_compatible(&Dimension::Number));
    /// ```
    pub fn is_compatible(&self, other: &Dimension) -> bool {
        match (self, other) {
            (Dimension::Times, Dimension::Number) | (Dimension::Number, Dimension::Times) => true,
            (Dimension::Count(a), Dimension::Count(b)) => {
                a == b || counts_anything(a) || counts_anything(b)
            }
            _ => self == other,
        }
    }

    /// A description for messages: "a count of vehicles", "a currency (CNY)", "percent".
    ///
    /// # Example
    /// ```
    /// use indstat::Dimension;
    /// assert_eq!(Dimension::Count("vehicle".into()).describe(), "a count of vehicles");
    /// ```
    pub fn describe(&self) -> String {
        match self {
            Dimension::Currency(c) => format!("a currency ({})", c.code()),
            Dimension::Count(noun) if is_measure_word(noun) => {
                format!("a count of anything (measure word {noun})")
            }
            Dimension::Count(noun) => format!("a count of {}", pluralize(noun)),
            Dimension::Percent => "percent".into(),
            Dimension::PercentagePoint => "percentage points".into(),
            Dimension::Physical(p) => format!("a quantity in {}", p.name()),
            Dimension::Number => "a pure number".into(),
            Dimension::Times => "a multiple (times)".into(),
            Dimension::Per(a, b) => format!("{} per {}", a.name(), b.singular()),
        }
    }

    fn name(&self) -> String {
        match self {
            Dimension::Currency(c) => c.name().into(),
            Dimension::Count(noun) if is_measure_word(noun) => noun.clone(),
            Dimension::Count(noun) => pluralize(noun),
            Dimension::Percent => "percent".into(),
            Dimension::PercentagePoint => "percentage points".into(),
            Dimension::Physical(p) => p.name().into(),
            Dimension::Number => "number".into(),
            Dimension::Times => "times".into(),
            Dimension::Per(a, b) => format!("{} per {}", a.name(), b.singular()),
        }
    }

    /// The name used after "per": singular for counts.
    fn singular(&self) -> String {
        match self {
            Dimension::Count(noun) => noun.clone(),
            Dimension::Physical(Physical::Tonne) => "tonne".into(),
            Dimension::Physical(Physical::KilowattHour) => "kilowatt-hour".into(),
            Dimension::Physical(Physical::Watt) => "watt".into(),
            Dimension::Physical(Physical::Kilogram) => "kilogram".into(),
            other => other.name(),
        }
    }

    /// Whether a scale other than 1 makes sense (not for percent and percentage points).
    fn scalable(&self) -> bool {
        !matches!(
            self,
            Dimension::Percent | Dimension::PercentagePoint | Dimension::Times
        )
    }
}

/// A unit: a [`Dimension`] times a [`Scale`].
///
/// Parses what people write in English and Chinese; prints a canonical English form that parses
/// back to the same unit.
///
/// # Example
/// ```
/// use indstat::Unit;
/// use rust_decimal::Decimal;
///
/// let yi: Unit = "亿元".parse()?;
/// let trillion: Unit = "trillion yuan".parse()?;
/// assert_eq!(yi.to_string(), "100 million yuan");
/// // 401,644 亿元 is 40.1644 trillion yuan, exactly.
/// assert_eq!(yi.convert(Decimal::from(401_644), &trillion)?, "40.1644".parse::<Decimal>().unwrap());
/// // Adding vehicles to yuan is an error, never a number.
/// assert!(yi.convert(Decimal::ONE, &"万辆".parse()?).is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unit {
    dimension: Dimension,
    scale: Scale,
}

impl Unit {
    /// A unit of `dimension` at `scale`.
    ///
    /// # Errors
    /// Percent and percentage points take no scale other than 1.
    ///
    /// # Example
    /// ```
    /// use indstat::{Dimension, Scale, Unit};
    /// let u = Unit::new(Dimension::Count("vehicle".into()), Scale::WAN)?;
    /// assert_eq!(u.to_string(), "10 thousand vehicles");
    /// assert!(Unit::new(Dimension::Percent, Scale::MILLION).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn new(dimension: Dimension, scale: Scale) -> Result<Unit> {
        if scale != Scale::ONE && !dimension.scalable() {
            return Err(Error::parse(
                "unit",
                format!("{scale} {}", dimension.name()),
                format!("{} takes no scale", dimension.describe()),
            ));
        }
        Ok(Unit { dimension, scale })
    }

    /// Percent.
    ///
    /// # Example
    /// ```
    /// assert_eq!(indstat::Unit::percent().to_string(), "percent");
    /// ```
    pub fn percent() -> Unit {
        Unit {
            dimension: Dimension::Percent,
            scale: Scale::ONE,
        }
    }

    /// Percentage points.
    ///
    /// # Example
    /// ```
    /// assert_eq!(indstat::Unit::percentage_points().to_string(), "percentage points");
    /// ```
    pub fn percentage_points() -> Unit {
        Unit {
            dimension: Dimension::PercentagePoint,
            scale: Scale::ONE,
        }
    }

    /// A pure number at scale 1.
    ///
    /// # Example
    /// ```
    /// assert_eq!(indstat::Unit::number().to_string(), "number");
    /// ```
    pub fn number() -> Unit {
        Unit {
            dimension: Dimension::Number,
            scale: Scale::ONE,
        }
    }

    /// What the unit measures.
    ///
    /// # Example
    /// ```
    /// use indstat::{Dimension, Unit};
    /// assert_eq!("pp".parse::<Unit>()?.dimension(), &Dimension::PercentagePoint);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn dimension(&self) -> &Dimension {
        &self.dimension
    }

    /// The power of ten.
    ///
    /// # Example
    /// ```
    /// use indstat::{Scale, Unit};
    /// assert_eq!("万辆".parse::<Unit>()?.scale(), Scale::WAN);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The same dimension at another scale.
    ///
    /// # Errors
    /// Percent and percentage points take no scale other than 1.
    ///
    /// # Example
    /// ```
    /// use indstat::{Scale, Unit};
    /// let u: Unit = "yuan".parse()?;
    /// assert_eq!(u.with_scale(Scale::YI)?.to_string(), "100 million yuan");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn with_scale(&self, scale: Scale) -> Result<Unit> {
        Unit::new(self.dimension.clone(), scale)
    }

    /// Whether values in the two units can be compared (see [`Dimension::is_compatible`]).
    ///
    /// # Example
    /// ```
    /// use indstat::Unit;
    /// let a: Unit = "万辆".parse()?;
    /// assert!(a.is_compatible(&"million vehicles".parse()?));
    /// assert!(!a.is_compatible(&"million yuan".parse()?));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn is_compatible(&self, other: &Unit) -> bool {
        self.dimension.is_compatible(&other.dimension)
    }

    /// The exact factor that converts a value in `self` to a value in `to`: 10^(scale − scale').
    ///
    /// # Errors
    /// [`ErrorKind::IncompatibleUnits`] when the dimensions differ.
    ///
    /// # Example
    /// ```
    /// use indstat::Unit;
    /// let wan: Unit = "万辆".parse()?;
    /// let million: Unit = "million vehicles".parse()?;
    /// assert_eq!(wan.factor_to(&million)?.to_string(), "0.01");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn factor_to(&self, to: &Unit) -> Result<Decimal> {
        if !self.is_compatible(to) {
            return Err(Error::new(ErrorKind::IncompatibleUnits {
                from: self.to_string(),
                to: to.to_string(),
                reason: format!(
                    "{} is not {}",
                    self.dimension.describe(),
                    to.dimension.describe()
                ),
            }));
        }
        Ok(pow10(
            self.scale.exponent() as i32 - to.scale.exponent() as i32,
        ))
    }

    /// Converts `value` from `self` to `to`, exactly.
    ///
    /// # Errors
    /// [`ErrorKind::IncompatibleUnits`] when the dimensions differ; [`ErrorKind::Overflow`] when
    /// the result does not fit in a `Decimal`.
    ///
    /// # Example
    /// ```
    /// use indstat::Unit;
    /// use rust_decimal::Decimal;
    /// let from: Unit = "万个".parse()?;
    /// let to: Unit = "million base stations".parse()?;
    /// assert_eq!(from.convert("231.2".parse().unwrap(), &to)?, "2.312".parse::<Decimal>().unwrap());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn convert(&self, value: Decimal, to: &Unit) -> Result<Decimal> {
        let factor = self.factor_to(to)?;
        value
            .checked_mul(factor)
            .ok_or_else(|| Error::overflow(format!("{value} {self} in {to}")))
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == Scale::ONE {
            f.write_str(&self.dimension.name())
        } else if self.dimension == Dimension::Number {
            write!(f, "{}", self.scale)
        } else {
            write!(f, "{} {}", self.scale, self.dimension.name())
        }
    }
}

impl FromStr for Unit {
    type Err = Error;

    /// Parses `[scale] dimension` in English or Chinese: `100 million yuan`, `亿元`,
    /// `trillion yuan`, `U.S. dollars`, `美元`, `10 thousand vehicles`, `万辆`, `万户`,
    /// `million base stations`, `%`, `percent`, `pp`, `percentage points`, `tonnes`, `万吨`,
    /// `千瓦时` (kWh), `亿千瓦时`, `千瓦` (1e3 watts), `万千瓦`, `千克`, `times`, `倍`, `number`;
    /// a scale alone (`million`, `亿`) is a pure number at that scale. Units with a built-in
    /// prefix are units, not scales (`千瓦时` is not "thousand 瓦时"); an unknown Chinese word
    /// is an error naming it; an English noun is a count of it.
    fn from_str(input: &str) -> Result<Unit> {
        let (scale, rest) = split_scale(input)?;
        let rest = rest.trim();
        let (dimension, extra) = if rest.is_empty() {
            if scale == Scale::ONE {
                return Err(Error::parse("unit", input, "empty unit"));
            }
            (Dimension::Number, 0)
        } else {
            parse_dimension(rest).map_err(|reason| Error::parse("unit", input, reason))?
        };
        let scale = Scale::new(scale.exponent() + extra).map_err(|_| {
            Error::parse(
                "unit",
                input,
                format!("the scale is above 1e{}", Scale::MAX_EXPONENT),
            )
        })?;
        let what = dimension.describe();
        Unit::new(dimension, scale)
            .map_err(|_| Error::parse("unit", input, format!("{what} takes no scale")))
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Unit, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The power of ten of a Chinese scale character: 十 1, 百 2, 千 3, 万 4, 亿 8.
pub(crate) fn chinese_scale_exponent(c: char) -> Option<u32> {
    Some(match c {
        '十' => 1,
        '百' => 2,
        '千' => 3,
        '万' => 4,
        '亿' => 8,
        _ => return None,
    })
}

/// Whether `text` starts with a word whose first character would otherwise read as a scale:
/// 千瓦时, 千瓦, 千克 (kilo-units) and 百分点, 百分之 (percent). "亿千瓦时" is 1e8 kWh, not
/// "100 billion 瓦时".
pub(crate) fn starts_prefixed_unit(text: &str) -> bool {
    ["千瓦", "千克", "百分"].iter().any(|w| text.starts_with(w))
}

/// Splits a leading scale (English words or Chinese characters) from the rest of a unit.
///
/// Returns the scale (1 when there is none) and the remaining text.
pub(crate) fn split_scale(input: &str) -> Result<(Scale, &str)> {
    let s = input.trim_start();
    // Chinese scale characters: a run of 十百千万亿, multiplied together (万亿 = 1e12).
    let mut exponent = 0u32;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let Some(e) = chinese_scale_exponent(c) else {
            break;
        };
        if starts_prefixed_unit(&s[i..]) {
            break;
        }
        exponent += e;
        end = i + c.len_utf8();
    }
    if end > 0 {
        let scale = Scale::new(exponent).map_err(|_| {
            Error::parse(
                "unit",
                input,
                format!("the scale {} is above 1e{}", &s[..end], Scale::MAX_EXPONENT),
            )
        })?;
        return Ok((scale, &s[end..]));
    }
    // English: an optional multiplier ("10", "100", "ten", "hundred") and a scale word.
    let mut words = s.split_whitespace().peekable();
    let mut consumed = 0usize;
    let mut exponent = 0u32;
    let mut multiplier = 0u32;
    let mut has_word = false;
    let take = |consumed: &mut usize, w: &str| {
        let start = s[*consumed..]
            .find(w)
            .map(|i| i + *consumed)
            .unwrap_or(*consumed);
        *consumed = start + w.len();
    };
    if let Some(&first) = words.peek() {
        let m = match first.to_ascii_lowercase().as_str() {
            "10" | "ten" => Some(1),
            "100" | "hundred" | "one-hundred" => Some(2),
            "1" | "one" => Some(0),
            _ => None,
        };
        if let Some(m) = m {
            multiplier = m;
            take(&mut consumed, first);
            words.next();
        }
    }
    if let Some(&word) = words.peek() {
        let e = match word.to_ascii_lowercase().as_str() {
            "thousand" | "thousands" | "k" => Some(3),
            "million" | "millions" | "mn" | "mln" => Some(6),
            "billion" | "billions" | "bn" => Some(9),
            "trillion" | "trillions" | "tn" => Some(12),
            "hundred" if multiplier == 0 => Some(2),
            _ => None,
        };
        if let Some(e) = e {
            exponent = e;
            has_word = true;
            take(&mut consumed, word);
        }
    }
    if !has_word {
        if multiplier > 0 || consumed > 0 {
            // "10 yuan" as a unit: ten-yuan units; "1 vehicle" is just vehicles.
            let scale = Scale::new(multiplier)?;
            return Ok((scale, &s[consumed..]));
        }
        return Ok((Scale::ONE, s));
    }
    let scale = Scale::new(exponent + multiplier)
        .map_err(|_| Error::parse("unit", input, "the scale is above 1e14"))?;
    Ok((scale, &s[consumed..]))
}

/// What a known unit word stands for; `extra` is a power of ten built into the word (千瓦 =
/// kW = 10^3 watts).
#[derive(Clone, Copy)]
enum UnitWord {
    Currency(Currency),
    Percent,
    PercentagePoint,
    Physical(Physical, u32),
    Times,
    Number,
    Noun(&'static str),
    MeasureWord(&'static str),
}

impl UnitWord {
    fn dimension(self) -> (Dimension, u32) {
        match self {
            UnitWord::Currency(c) => (Dimension::Currency(c), 0),
            UnitWord::Percent => (Dimension::Percent, 0),
            UnitWord::PercentagePoint => (Dimension::PercentagePoint, 0),
            UnitWord::Physical(p, extra) => (Dimension::Physical(p), extra),
            UnitWord::Times => (Dimension::Times, 0),
            UnitWord::Number => (Dimension::Number, 0),
            UnitWord::Noun(n) | UnitWord::MeasureWord(n) => (Dimension::Count(n.into()), 0),
        }
    }
}

/// Every unit word the grammar knows, lower case. English words match on a word boundary;
/// Chinese words anywhere. Physical units with a built-in prefix (千瓦时, 千瓦, 千克) are whole
/// words here, so that the scale parser does not read their 千 as "thousand".
const UNIT_WORDS: &[(&str, UnitWord)] = {
    use Currency::*;
    use Physical::*;
    use UnitWord as W;
    &[
        ("yuan", W::Currency(Cny)),
        ("rmb", W::Currency(Cny)),
        ("cny", W::Currency(Cny)),
        ("renminbi", W::Currency(Cny)),
        ("元人民币", W::Currency(Cny)),
        ("人民币", W::Currency(Cny)),
        ("元", W::Currency(Cny)),
        ("usd", W::Currency(Usd)),
        ("us dollars", W::Currency(Usd)),
        ("us dollar", W::Currency(Usd)),
        ("u.s. dollars", W::Currency(Usd)),
        ("u.s. dollar", W::Currency(Usd)),
        ("dollars", W::Currency(Usd)),
        ("dollar", W::Currency(Usd)),
        ("us$", W::Currency(Usd)),
        ("$", W::Currency(Usd)),
        ("美元", W::Currency(Usd)),
        ("eur", W::Currency(Eur)),
        ("euros", W::Currency(Eur)),
        ("euro", W::Currency(Eur)),
        ("€", W::Currency(Eur)),
        ("欧元", W::Currency(Eur)),
        ("jpy", W::Currency(Jpy)),
        ("yen", W::Currency(Jpy)),
        ("日元", W::Currency(Jpy)),
        ("gbp", W::Currency(Gbp)),
        ("pounds sterling", W::Currency(Gbp)),
        ("pounds", W::Currency(Gbp)),
        ("pound", W::Currency(Gbp)),
        ("£", W::Currency(Gbp)),
        ("英镑", W::Currency(Gbp)),
        ("hkd", W::Currency(Hkd)),
        ("hong kong dollars", W::Currency(Hkd)),
        ("hong kong dollar", W::Currency(Hkd)),
        ("hk$", W::Currency(Hkd)),
        ("港元", W::Currency(Hkd)),
        ("港币", W::Currency(Hkd)),
        ("%", W::Percent),
        ("percent", W::Percent),
        ("per cent", W::Percent),
        ("pct", W::Percent),
        ("percentage", W::Percent),
        ("pp", W::PercentagePoint),
        ("p.p.", W::PercentagePoint),
        ("ppt", W::PercentagePoint),
        ("ppts", W::PercentagePoint),
        ("percentage point", W::PercentagePoint),
        ("percentage points", W::PercentagePoint),
        ("percentage-point", W::PercentagePoint),
        ("percentage-points", W::PercentagePoint),
        ("个百分点", W::PercentagePoint),
        ("百分点", W::PercentagePoint),
        ("tonne", W::Physical(Tonne, 0)),
        ("tonnes", W::Physical(Tonne, 0)),
        ("ton", W::Physical(Tonne, 0)),
        ("tons", W::Physical(Tonne, 0)),
        ("metric tons", W::Physical(Tonne, 0)),
        ("t", W::Physical(Tonne, 0)),
        ("吨", W::Physical(Tonne, 0)),
        ("公吨", W::Physical(Tonne, 0)),
        ("kwh", W::Physical(KilowattHour, 0)),
        ("kilowatt-hour", W::Physical(KilowattHour, 0)),
        ("kilowatt-hours", W::Physical(KilowattHour, 0)),
        ("kilowatt hour", W::Physical(KilowattHour, 0)),
        ("kilowatt hours", W::Physical(KilowattHour, 0)),
        ("千瓦时", W::Physical(KilowattHour, 0)),
        ("mwh", W::Physical(KilowattHour, 3)),
        ("megawatt-hours", W::Physical(KilowattHour, 3)),
        ("megawatt hours", W::Physical(KilowattHour, 3)),
        ("gwh", W::Physical(KilowattHour, 6)),
        ("gigawatt-hours", W::Physical(KilowattHour, 6)),
        ("gigawatt hours", W::Physical(KilowattHour, 6)),
        ("twh", W::Physical(KilowattHour, 9)),
        ("terawatt-hours", W::Physical(KilowattHour, 9)),
        ("terawatt hours", W::Physical(KilowattHour, 9)),
        ("度", W::Physical(KilowattHour, 0)),
        ("watt", W::Physical(Watt, 0)),
        ("watts", W::Physical(Watt, 0)),
        ("w", W::Physical(Watt, 0)),
        ("瓦", W::Physical(Watt, 0)),
        ("kilowatt", W::Physical(Watt, 3)),
        ("kilowatts", W::Physical(Watt, 3)),
        ("kw", W::Physical(Watt, 3)),
        ("千瓦", W::Physical(Watt, 3)),
        ("megawatt", W::Physical(Watt, 6)),
        ("megawatts", W::Physical(Watt, 6)),
        ("mw", W::Physical(Watt, 6)),
        ("gigawatt", W::Physical(Watt, 9)),
        ("gigawatts", W::Physical(Watt, 9)),
        ("gw", W::Physical(Watt, 9)),
        ("kilogram", W::Physical(Kilogram, 0)),
        ("kilograms", W::Physical(Kilogram, 0)),
        ("kg", W::Physical(Kilogram, 0)),
        ("千克", W::Physical(Kilogram, 0)),
        ("公斤", W::Physical(Kilogram, 0)),
        ("times", W::Times),
        ("倍", W::Times),
        ("number", W::Number),
        ("辆", W::Noun("vehicle")),
        ("个基站", W::Noun("base station")),
        ("人", W::Noun("person")),
        ("名", W::Noun("person")),
        ("户", W::MeasureWord("户")),
        ("家", W::MeasureWord("家")),
        ("个", W::MeasureWord("个")),
        ("台", W::MeasureWord("台")),
        ("座", W::MeasureWord("座")),
        ("项", W::MeasureWord("项")),
        ("件", W::MeasureWord("件")),
        ("套", W::MeasureWord("套")),
        ("只", W::MeasureWord("只")),
        ("部", W::MeasureWord("部")),
        ("块", W::MeasureWord("块")),
        ("片", W::MeasureWord("片")),
        ("条", W::MeasureWord("条")),
        ("张", W::MeasureWord("张")),
        ("枚", W::MeasureWord("枚")),
    ]
};

/// Whether `c` is a CJK ideograph (a Chinese character).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// The longest known unit word at the start of `text` (case-insensitive; English words end
/// on a word boundary): its dimension, the power of ten built into it, and its length in bytes.
pub(crate) fn unit_word_prefix(text: &str) -> Option<(Dimension, u32, usize)> {
    let mut best: Option<(UnitWord, usize)> = None;
    for &(word, meaning) in UNIT_WORDS {
        let Some(head) = text.get(..word.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(word) {
            continue;
        }
        let rest = &text[word.len()..];
        let ends_word = !word.ends_with(|c: char| c.is_ascii_alphanumeric())
            || !rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_');
        if ends_word && best.is_none_or(|(_, len)| word.len() > len) {
            best = Some((meaning, word.len()));
        }
    }
    best.map(|(w, len)| {
        let (d, extra) = w.dimension();
        (d, extra, len)
    })
}

/// Parses a dimension word or phrase, with the power of ten built into it; the error is the
/// reason.
fn parse_dimension(text: &str) -> std::result::Result<(Dimension, u32), String> {
    let lower = text.trim().to_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some((a, b)) = lower.split_once(" per ") {
        let ((a, ea), (b, eb)) = (parse_dimension(a)?, parse_dimension(b)?);
        if matches!(a, Dimension::Per(..)) || matches!(b, Dimension::Per(..)) {
            return Err("only one `per` is allowed in a unit".into());
        }
        if ea != 0 || eb != 0 {
            return Err(format!(
                "`{text}`: write a prefixed unit in a ratio without its prefix (watts, not kilowatts)"
            ));
        }
        return Ok((Dimension::Per(Box::new(a), Box::new(b)), 0));
    }
    if let Some((d, extra, len)) = unit_word_prefix(&lower) {
        if len == lower.len() {
            return Ok((d, extra));
        }
    }
    if lower.chars().any(is_cjk) {
        return Err(format!(
            "`{}` is not a unit indstat knows: Chinese units are currencies (元, 美元, 欧元, …), \
             百分点, 吨, 千克, 千瓦时, 千瓦, 瓦, 倍, 辆, and measure words ({})",
            text.trim(),
            MEASURE_WORDS.join(", ")
        ));
    }
    let noun = lower
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && lower.chars().next().is_some_and(char::is_alphabetic);
    if !noun {
        return Err(format!(
            "`{}` is not a unit: expected a currency, percent, percentage points, times, a \
             physical unit, or a noun to count (letters only)",
            text.trim()
        ));
    }
    let scale_words = [
        "thousand", "million", "billion", "trillion", "hundred", "k", "mn", "mln", "bn", "tn",
    ];
    if lower
        .split(' ')
        .any(|w| scale_words.contains(&singularize(w).as_str()))
    {
        return Err(format!(
            "`{}` holds a scale word where the unit should be: write one scale, then the unit",
            text.trim()
        ));
    }
    let noun = singularize(&lower);
    // The unit prints the plural: a noun whose plural does not read back to it ("s" → "ss")
    // would print as another unit.
    if singularize(&pluralize(&noun)) != noun {
        return Err(format!(
            "`{}` cannot be told apart from its plural: name the thing counted in full",
            text.trim()
        ));
    }
    Ok((Dimension::Count(noun), 0))
}

/// Nouns whose singular ends in a single `s`: their plural adds `es` ("bus" → "buses").
const SINGULARS_IN_S: &[&str] = &[
    "atlas", "bonus", "bus", "campus", "canvas", "census", "corpus", "gas", "lens", "status",
    "virus",
];

/// Nouns whose singular and plural are the same word.
const INVARIANT_NOUNS: &[&str] = &["aircraft", "chassis", "series", "sheep", "species"];

/// Splits a noun phrase into everything before its last word (with the space) and the word.
fn last_word(noun: &str) -> (&str, &str) {
    match noun.rfind(' ') {
        Some(i) => (&noun[..=i], &noun[i + 1..]),
        None => ("", noun),
    }
}

/// English singular of the last word of a noun phrase ("base stations" → "base station").
pub(crate) fn singularize(noun: &str) -> String {
    let (head, last) = last_word(noun);
    let single = if INVARIANT_NOUNS.contains(&last) || SINGULARS_IN_S.contains(&last) {
        last.to_string()
    } else if let Some(stem) = last
        .strip_suffix("es")
        .filter(|stem| SINGULARS_IN_S.contains(stem))
    {
        stem.to_string()
    } else if let Some(stem) = last.strip_suffix("ies").filter(|s| !s.is_empty()) {
        format!("{stem}y")
    } else if ["ches", "shes", "sses", "xes", "zes"]
        .iter()
        .any(|suffix| last.ends_with(suffix))
    {
        last[..last.len() - 2].to_string()
    } else if last.ends_with('s') && !last.ends_with("ss") && last.len() > 1 {
        last[..last.len() - 1].to_string()
    } else {
        last.to_string()
    };
    format!("{head}{single}")
}

/// English plural of the last word of a noun phrase; the inverse of [`singularize`].
pub(crate) fn pluralize(noun: &str) -> String {
    let (head, last) = last_word(noun);
    let bytes = last.as_bytes();
    let consonant_y =
        last.ends_with('y') && bytes.len() > 1 && !b"aeiou".contains(&bytes[bytes.len() - 2]);
    let plural = if INVARIANT_NOUNS.contains(&last) {
        last.to_string()
    } else if consonant_y {
        format!("{}ies", &last[..last.len() - 1])
    } else if SINGULARS_IN_S.contains(&last)
        || ["ch", "sh", "ss", "x", "z"]
            .iter()
            .any(|s| last.ends_with(s))
    {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    format!("{head}{plural}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn u(s: &str) -> Unit {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn parses_what_people_write() {
        let cases = [
            ("100 million yuan", "100 million yuan"),
            ("亿元", "100 million yuan"),
            ("trillion yuan", "trillion yuan"),
            ("万亿元", "trillion yuan"),
            ("10 thousand vehicles", "10 thousand vehicles"),
            ("万辆", "10 thousand vehicles"),
            ("万户", "10 thousand 户"),
            ("million base stations", "million base stations"),
            ("%", "percent"),
            ("percent", "percent"),
            ("pp", "percentage points"),
            ("percentage points", "percentage points"),
            ("个百分点", "percentage points"),
            ("tonnes", "tonnes"),
            ("万吨", "10 thousand tonnes"),
            ("million tons", "million tonnes"),
            ("10 thousand standard racks", "10 thousand standard racks"),
            ("billion connections", "billion connections"),
            ("100 million connections", "100 million connections"),
            ("categories", "categories"),
            ("million", "million"),
            ("亿", "100 million"),
            ("USD", "US dollars"),
            ("billion euros", "billion euros"),
            ("yuan per vehicle", "yuan per vehicle"),
            (
                "10 thousand yuan per vehicles",
                "10 thousand yuan per vehicle",
            ),
        ];
        for (text, shown) in cases {
            assert_eq!(u(text).to_string(), shown, "{text}");
        }
    }

    #[test]
    fn singular_and_plural_are_one_unit() {
        assert_eq!(u("vehicle"), u("vehicles"));
        assert_eq!(u("million base station"), u("million base stations"));
        assert_eq!(
            u("enterprises").dimension(),
            &Dimension::Count("enterprise".into())
        );
        assert_eq!(
            u("categories").dimension(),
            &Dimension::Count("category".into())
        );
    }

    #[test]
    fn converts_exactly_between_scales() {
        // 231.2万 base stations is 2.312 million.
        assert_eq!(
            u("10 thousand base stations")
                .convert(d("231.2"), &u("million base stations"))
                .unwrap(),
            d("2.312")
        );
        // 18.45亿 connections is 1.845 billion.
        assert_eq!(
            u("100 million connections")
                .convert(d("18.45"), &u("billion connections"))
                .unwrap(),
            d("1.845")
        );
        // 37.3 trillion yuan is 373,000 亿元.
        assert_eq!(
            u("trillion yuan").convert(d("37.3"), &u("亿元")).unwrap(),
            d("373000")
        );
    }

    #[test]
    fn different_dimensions_do_not_convert() {
        let err = u("万辆").convert(d("1"), &u("yuan")).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("10 thousand vehicles") && msg.contains("yuan"),
            "{msg}"
        );
        assert!(u("percent").factor_to(&u("pp")).is_err());
        assert!(u("vehicles").factor_to(&u("base stations")).is_err());
        assert!(u("standard racks").factor_to(&u("enterprises")).is_err());
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "",
            "   ",
            "10 thousand %",
            "万%",
            "123",
            "yuan/#",
            "万亿亿亿元",
            "%%",
        ] {
            assert!(bad.parse::<Unit>().is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn overflow_is_an_error() {
        let big = Decimal::MAX;
        assert!(u("trillion yuan").convert(big, &u("yuan")).is_err());
    }

    fn any_unit() -> impl Strategy<Value = Unit> {
        let nouns = prop::sample::select(vec![
            "vehicle",
            "base station",
            "enterprise",
            "standard rack",
            "connection",
            "household",
            "category",
            "box",
            "unit",
            "bus",
            "gas",
            "series",
            "house",
            "class",
        ]);
        let dims = prop_oneof![
            Just(Dimension::Currency(Currency::Cny)),
            Just(Dimension::Currency(Currency::Usd)),
            Just(Dimension::Currency(Currency::Eur)),
            Just(Dimension::Physical(Physical::Tonne)),
            Just(Dimension::Number),
            nouns.prop_map(|n| Dimension::Count(n.to_string())),
        ];
        (dims, 0u32..=Scale::MAX_EXPONENT)
            .prop_map(|(dim, e)| Unit::new(dim, Scale::new(e).unwrap()).unwrap())
    }

    proptest! {
        #[test]
        fn display_then_parse_round_trips(unit in any_unit()) {
            prop_assert_eq!(unit.to_string().parse::<Unit>().unwrap(), unit);
        }

        #[test]
        fn conversion_round_trips_exactly(
            mantissa in -1_000_000_000i64..1_000_000_000,
            decimals in 0u32..6,
            a in 0u32..=Scale::MAX_EXPONENT,
            b in 0u32..=Scale::MAX_EXPONENT,
        ) {
            let value = Decimal::new(mantissa, decimals);
            let from = Unit::new(Dimension::Currency(Currency::Cny), Scale::new(a).unwrap()).unwrap();
            let to = from.with_scale(Scale::new(b).unwrap()).unwrap();
            let there = from.convert(value, &to).unwrap();
            prop_assert_eq!(to.convert(there, &from).unwrap(), value);
        }

        #[test]
        fn parser_never_panics(s in "\\PC{0,20}") {
            let _ = s.parse::<Unit>();
        }
    }
}
