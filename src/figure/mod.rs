//! Reported figures: a number as written, with its precision, scale, unit and qualifier, and
//! the interval of values it stands for.
//!
//! "33.2%" means [33.15, 33.25); "more than 6.5 million" means [6.5, 6.6) million (the speaker
//! rounded down at the last significant digit); "nearly 72万" means (71万, 72万]. The interval
//! rules are in [`reading`] and [`Figure::interval`].
//!
//! # Grammar
//! There is one figure grammar in the crate: [`Figure::from_str`](#impl-FromStr-for-Figure)
//! reads a whole string, [`Figure::parse_prefix`] the longest figure at the start of a text.
//!
//! `[change] ( band | [between] single [(to|-|~|至|到|and) single] )`, where `single` is
//! `[qualifier [the]] ( [currency] number [多|余] [scale] [unit] | word-multiple )
//! [左右|上下|以上|以下|以内] [mark]`:
//! - *change* is a verb of change: `up`, `rose`, `grew`, `increased by`, 增长, 同比增长, 提高, …
//!   (the figure as written) or `down`, `fell`, `dropped`, `declined by`, 下降, 减少, 回落, …
//!   (the figure negated: "fell by more than 5%" is `more than -5%`);
//! - *qualifier* is one of the words of [`Qualifier`], English or Chinese (超过, 超, 逾, 突破, 破,
//!   近, 将近, 接近, 不到, 不足, 约, 大约, 多达); 多/余 inside or after the number ("700多万",
//!   "10余家") and 以上 after it mean "more than", 左右/上下 "about", 以下 "under", 以内 "up to";
//! - *number* is Arabic digits with an optional sign, thousands separators in groups of three
//!   (`1,300`; `12345,678` is refused) and decimals, or a Chinese numeral (`一千二百万`, `十四`,
//!   `两万`), or both mixed with scale characters (`1.2万亿`, `12亿5千万` = 12.5亿 exactly).
//!   The precision is what was written: `705.8万` to 0.1万, `12亿5千万` to 0.1亿; a compound
//!   numeral is written in the largest of 万/亿/万亿 it uses (一千二百万 = 1200万). After a
//!   qualifier a scale alone stands for 1 of it: `破万亿`, `突破万亿元`, `超亿辆`, "over a
//!   million". Full-width digits and signs (`１２３`, `％`, `，`) read as their NFKC forms;
//!   `百分之五` is 5%. Scientific notation (`1.2e3`), ordinals (`14th`, `第14`) and numbers
//!   glued to letters that are neither a scale nor a unit (`5G`, `4K`: names) and numbers of
//!   time (`2022年`, `五年`, `3个月`: a date or a span) are refused with a reason;
//! - *currency* is a symbol or code before the number: `US$`, `$` (US dollars), `HK$`, `€`, `£`,
//!   `¥` (yuan), `RMB`, `CNY`, `USD`, `EUR`;
//! - *scale* and *unit* follow [`Unit`]'s grammar (`million`, `万`, `亿元`, `trillion yuan`,
//!   `%`, `percentage points`, `U.S. dollars`, `美元`, `千瓦时`, `亿千瓦时`, `万千瓦`, `倍`,
//!   `times`); a figure with only a scale takes the dimension of what it is compared with.
//!   Measure words (户, 家, 个, 台, 座, 项, 件, 套) count whatever the series counts;
//! - a multiple may be followed by `that of`, `as much as`, `as many as`: "2.2 times that of"
//!   is the multiple 2.2 (a ratio, compared with a pure number);
//! - *word-multiple* is `doubled` (1.0 times), `tripled` (2.0), `quadrupled` (3.0), 翻一番
//!   (1.0), 翻两番 (×4: 3.0), 翻三番 (7.0): the growth multiple, see
//!   [`Figure::growth_interval`];
//! - a *range* (`10% to 20%`, `between 10% and 20%`, `10%-20%`, `10-20%`, `10%~20%`,
//!   `10%至20%`) reads as the hull of both ends; the first end may leave its unit to the second;
//!   a range takes no qualifier but "about" (and its kin), which widens both ends;
//! - a *band* is `single-digit` [0, 10), `double-digit` / `两位数` [10, 100) or `triple-digit`
//!   [100, 1000) percent, optionally followed by `growth`/增长; after a word of decline
//!   (`decline`, `fell by`, 下降) it is negated: "double-digit decline" is (−100, −10].

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::interval::{Bound, Interval};
use crate::unit::{Dimension, Scale, Unit, pow10};

mod grammar;
mod numeral;
mod qualifier;
pub mod reading;

pub(crate) use qualifier::may_end_a_qualifier;
pub use qualifier::{Qualifier, QualifierDirection};
pub use reading::{Reading, Rounding, Tolerance, round_half_away, shorten, truncate};
pub(crate) use reading::{reported_interval, significant_exponent};

/// What a [`Figure`] covers: one number, a range between two, or a band of digits.
///
/// # Example
/// ```
/// use indstat::{Figure, Shape};
/// let f: Figure = "两位数增长".parse()?;
/// assert_eq!(f.shape(), Shape::DigitBand { digits: 2, negative: false });
/// assert_eq!(f.interval()?.to_string(), "[10, 100)");
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// One number: `33.2%`.
    Single,
    /// A range from [`Figure::value`] to `to`, in the figure's scale and unit: `10% to 20%`.
    Range {
        /// The number written at the high end, as written.
        to: Decimal,
    },
    /// `single-digit` (1), `double-digit` (2), `triple-digit` (3) percent; `negative` for a
    /// decline. [`Figure::value`] is the band's end nearest zero.
    DigitBand {
        /// How many digits the percent has before its decimal point.
        digits: u8,
        /// A decline: the band is negated.
        negative: bool,
    },
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
#[derive(Debug, Clone)]
pub struct Figure {
    value: Decimal,
    qualifier: Qualifier,
    scale: Scale,
    dimension: Option<Dimension>,
    shape: Shape,
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
            shape: Shape::Single,
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
    /// The rules are those of the [`reading`] module: with u = one unit of the last written
    /// decimal and s = one unit of the last significant digit,
    /// - plain, rounded half away from zero (四舍五入): [v − u/2, v + u/2), mirrored for v < 0,
    ///   (−u/2, u/2) for zero;
    /// - plain, truncated: [v, v + u), mirrored for v < 0, (−u, u) for zero;
    /// - more than / over / exceeded / topped / above / surpassed / at least / as many as:
    ///   [v, v + s), or strictly (v, +∞) ([v, +∞) for at least / as many as);
    /// - less than / under / below / nearly / just under / almost / up to: (v − s, v], or
    ///   strictly (−∞, v) ((−∞, v] for up to);
    /// - about / approximately / around: [v − t, v + t] with t = max(u/2, tolerance);
    /// - for v < 0 the one-sided rules are mirrored: qualifiers speak of magnitude;
    /// - a range: the hull of both ends' intervals (plain, or "about"); a digit band: double-digit
    ///   [10, 100), single-digit [0, 10), triple-digit [100, 1000), negated for a decline.
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
    /// assert_eq!(f("fell more than 5%"), "(-6, -5]");
    /// assert_eq!(f("0.0%"), "(-0.05, 0.05)");
    /// assert_eq!(f("10% to 20%"), "[9.5, 20.5)");
    /// assert_eq!(f("double-digit growth"), "[10, 100)");
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
        match self.shape {
            Shape::Single => reported_interval(
                self.value,
                -(self.decimals() as i32),
                self.significant_exponent(),
                self.qualifier,
                reading,
            ),
            Shape::Range { to } => {
                let end = |v: Decimal| {
                    reported_interval(
                        v,
                        -(v.scale() as i32),
                        significant_exponent(v),
                        self.qualifier,
                        reading,
                    )
                };
                Ok(end(self.value)?.hull(&end(to)?))
            }
            Shape::DigitBand { digits, negative } => {
                let low = if digits <= 1 {
                    Decimal::ZERO
                } else {
                    pow10(i32::from(digits) - 1)
                };
                let high = pow10(i32::from(digits));
                if negative {
                    Interval::new(Bound::Open(-high), Bound::Closed(-low))
                } else {
                    Interval::half_open(low, high)
                }
            }
        }
    }

    /// The growth in percent the figure states: a percent figure as it reads, a multiple m
    /// ([`Dimension::Times`]) as 100·m percent. Officials write growth as a multiple of the
    /// base: 增长1.2倍 and "up 1.2 times" are +120%, [1.15, 1.25) times → [115, 125) percent.
    /// "doubled" and 翻一番 are read as the multiple 1.0 written to one decimal (growth
    /// [95, 105) percent), "tripled" as 2.0, 翻两番 (×4) as 3.0: nobody says "doubled" of a
    /// 1.8-fold rise, and a reading to the unit would let "doubled" stand for +50%.
    ///
    /// # Errors
    /// [`ErrorKind::IncompatibleUnits`](crate::ErrorKind::IncompatibleUnits) when the figure is
    /// neither percent nor a multiple (a level, percentage points, a bare number); overflow.
    ///
    /// # Example
    /// ```
    /// use indstat::{Figure, Reading};
    /// let growth = |s: &str| s.parse::<Figure>()?.growth_interval(&Reading::default());
    /// assert_eq!(growth("增长1.2倍")?.to_string(), "[115, 125)");
    /// assert_eq!(growth("up 1.2 times")?, growth("增长1.2倍")?);
    /// assert_eq!(growth("翻一番")?.to_string(), "[95, 105)");
    /// assert_eq!(growth("翻两番")?.to_string(), "[295, 305)");
    /// assert_eq!(growth("96.9%")?.to_string(), "[96.85, 96.95)");
    /// assert!(growth("7.05 million").is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn growth_interval(&self, reading: &Reading) -> Result<Interval> {
        match &self.dimension {
            Some(Dimension::Percent) => self.interval_with(reading),
            Some(Dimension::Times) => self
                .interval_with(reading)?
                .checked_scale(Decimal::ONE_HUNDRED),
            other => Err(Error::new(crate::error::ErrorKind::IncompatibleUnits {
                from: self.to_string(),
                to: "percent".into(),
                reason: format!(
                    "a growth is written in percent or as a multiple (1.2倍, 1.2 times); this figure is {}",
                    other
                        .as_ref()
                        .map_or_else(|| "a number without a unit".to_string(), |d| d.describe())
                ),
            })),
        }
    }

    /// What the figure covers: one number, a range of two, or a digit band.
    ///
    /// # Example
    /// ```
    /// use indstat::{Figure, Shape};
    /// assert_eq!("10% to 20%".parse::<Figure>()?.shape(), Shape::Range { to: 20.into() });
    /// assert_eq!("33.2%".parse::<Figure>()?.shape(), Shape::Single);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// The longest figure at the start of `text` (after leading whitespace), and the number of
    /// bytes of `text` it covers, for finding figures in running text. The grammar is the one
    /// of [`Figure::from_str`](#impl-FromStr-for-Figure), with one difference: only known unit
    /// words are read (currencies, %, percentage points, times/倍, physical units, measure
    /// words), never an English count noun, so "7.05 million vehicles were made" gives
    /// `7.05 million` (a figure with only a scale takes the dimension of what it is compared
    /// with). A range whose second end does not parse, or does not match the first ("rose 5% to
    /// 10.2 trillion yuan"), is not a range: the first figure is returned alone. A figure does
    /// not run past a line break or the end of a Chinese sentence (。；！？), and is read from at
    /// most the first 200 characters, so calling this at every position of a transcript stays
    /// linear in its length.
    ///
    /// # Errors
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse) when no figure starts at `text`, or when one
    /// starts but is malformed (`14th`, `1.2e3`, `12345,678`); the reason names what could not
    /// be read.
    ///
    /// # Example
    /// ```
    /// use indstat::Figure;
    /// let text = "产量达到705.8万辆，同比增长96.9%";
    /// let at = text.find('7').unwrap();
    /// let (f, len) = Figure::parse_prefix(&text[at..])?;
    /// assert_eq!(&text[at..at + len], "705.8万辆");
    /// assert_eq!(f.to_string(), "705.8万 vehicles");
    /// let (g, len) = Figure::parse_prefix("more than 6.5 million racks in 2022")?;
    /// assert_eq!((g.to_string().as_str(), len), ("more than 6.5 million", 21));
    /// assert!(Figure::parse_prefix("the 14th five-year plan").is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn parse_prefix(text: &str) -> Result<(Figure, usize)> {
        grammar::parse_prefix(text)
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
        self.interval_with(reading)?.checked_scale(factor)
    }
}

impl PartialEq for Figure {
    /// Equal figures are written alike: same number with the same decimals (`1.0` ≠ `1`, as
    /// their intervals differ), qualifier, scale, dimension and shape.
    fn eq(&self, other: &Figure) -> bool {
        let same_decimals = |a: &Shape, b: &Shape| match (a, b) {
            (Shape::Range { to: x }, Shape::Range { to: y }) => x.scale() == y.scale(),
            _ => true,
        };
        self.value == other.value
            && self.value.scale() == other.value.scale()
            && self.qualifier == other.qualifier
            && self.scale == other.scale
            && self.dimension == other.dimension
            && self.shape == other.shape
            && same_decimals(&self.shape, &other.shape)
    }
}

impl Eq for Figure {}

impl Hash for Figure {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
        self.value.scale().hash(state);
        self.qualifier.hash(state);
        self.scale.hash(state);
        self.dimension.hash(state);
        self.shape.hash(state);
    }
}

impl Figure {
    /// The number, its scale and its unit as written: `705.8万 vehicles`.
    fn write_amount(&self, f: &mut fmt::Formatter<'_>, value: Decimal) -> fmt::Result {
        write!(f, "{value}")?;
        match &self.dimension {
            Some(Dimension::Percent) => return f.write_str("%"),
            Some(Dimension::PercentagePoint) => return f.write_str(" percentage points"),
            Some(Dimension::Times) => return f.write_str(" times"),
            _ => {}
        }
        // Power is written in kilowatts (千瓦, 万千瓦, 亿千瓦): 3.9亿 kilowatts, not
        // "3.9 100 billion watts".
        let kilowatts = self.dimension == Some(Dimension::Physical(crate::unit::Physical::Watt))
            && self.scale.exponent() >= 3;
        let exponent = self.scale.exponent() - if kilowatts { 3 } else { 0 };
        match exponent {
            0 => {}
            // 十, 百, 万, 十万, 千万, 亿 read better than "10 thousand" after a number.
            1 => f.write_str("十")?,
            2 => f.write_str("百")?,
            e @ (4 | 5 | 7 | 8) => f.write_str(
                Scale::new(e)
                    .ok()
                    .and_then(Scale::chinese)
                    .unwrap_or_default(),
            )?,
            e => write!(f, " {}", Scale::new(e).map_err(|_| fmt::Error)?)?,
        }
        match &self.dimension {
            _ if kilowatts => f.write_str(" kilowatts"),
            None => Ok(()),
            Some(d) => {
                let unit = Unit::new(d.clone(), Scale::ONE).map_err(|_| fmt::Error)?;
                write!(f, " {unit}")
            }
        }
    }
}

impl fmt::Display for Figure {
    /// Canonical form that parses back to the same figure: `more than 6.5 million`,
    /// `33.2%`, `705.8万 vehicles`, `40 trillion yuan`, `1.2 times`, `10% to 20%`,
    /// `double-digit growth`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.shape {
            Shape::DigitBand { digits, negative } => {
                let band = match digits {
                    1 => "single-digit",
                    2 => "double-digit",
                    _ => "triple-digit",
                };
                let way = if negative { "decline" } else { "growth" };
                write!(f, "{band} {way}")
            }
            Shape::Range { to } => {
                if self.qualifier != Qualifier::Plain {
                    write!(f, "{} ", self.qualifier)?;
                }
                self.write_amount(f, self.value)?;
                f.write_str(" to ")?;
                self.write_amount(f, to)
            }
            Shape::Single => {
                if self.qualifier != Qualifier::Plain {
                    write!(f, "{} ", self.qualifier)?;
                }
                self.write_amount(f, self.value)
            }
        }
    }
}

impl FromStr for Figure {
    type Err = Error;

    /// Parses the figure grammar of the [module docs](self).
    ///
    /// # Errors
    /// [`ErrorKind::Parse`](crate::ErrorKind::Parse), whose reason says what was read and what
    /// could not be.
    fn from_str(input: &str) -> Result<Figure> {
        grammar::parse_whole(input)
    }
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
            ("5200多万户", "more than 5200万 户"),
            ("约100家", "about 100 家"),
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
            Qualifier::AtLeast,
            Qualifier::UpTo,
            Qualifier::Topped,
            Qualifier::Surpassed,
            Qualifier::Almost,
            Qualifier::Around,
        ]);
        let units = prop::sample::select(vec![
            None,
            Some("times"),
            Some("亿千瓦时"),
            Some("万千瓦"),
            Some("kg"),
            Some("万户"),
            Some("US$"),
            Some("万"),
            Some("十"),
            Some("100 trillion"),
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
