//! Dimensions: what a unit measures — a currency, a count of a named thing, percent,
//! percentage points, a physical unit, a multiple, a pure number.

use super::*;

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

    /// The dimension's name in a unit ("vehicles", "yuan", "tonnes per vehicle").
    pub(super) fn name(&self) -> Name<'_> {
        Name(self)
    }

    /// The name used after "per": singular for counts.
    pub(super) fn singular(&self) -> String {
        match self {
            Dimension::Count(noun) => noun.clone(),
            Dimension::Physical(Physical::Tonne) => "tonne".into(),
            Dimension::Physical(Physical::KilowattHour) => "kilowatt-hour".into(),
            Dimension::Physical(Physical::Watt) => "watt".into(),
            Dimension::Physical(Physical::Kilogram) => "kilogram".into(),
            other => other.name().to_string(),
        }
    }

    /// Whether a scale other than 1 makes sense (not for percent and percentage points).
    pub(super) fn scalable(&self) -> bool {
        !matches!(
            self,
            Dimension::Percent | Dimension::PercentagePoint | Dimension::Times
        )
    }
}

/// A dimension's name as a unit writes it, straight into a formatter (see
/// [`Dimension::name`]).
pub(super) struct Name<'a>(&'a Dimension);

impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Dimension::Currency(c) => f.write_str(c.name()),
            Dimension::Count(noun) if is_measure_word(noun) => f.write_str(noun),
            Dimension::Count(noun) => write!(f, "{}", Plural(noun)),
            Dimension::Percent => f.write_str("percent"),
            Dimension::PercentagePoint => f.write_str("percentage points"),
            Dimension::Physical(p) => f.write_str(p.name()),
            Dimension::Number => f.write_str("number"),
            Dimension::Times => f.write_str("times"),
            Dimension::Per(a, b) => write!(f, "{} per {}", a.name(), b.singular()),
        }
    }
}
