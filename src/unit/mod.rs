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

mod dimension;
mod noun;
mod scale;
mod words;

pub use dimension::*;
pub(crate) use noun::*;
pub use scale::*;
pub(crate) use words::*;

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
            write!(f, "{}", self.dimension.name())
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
