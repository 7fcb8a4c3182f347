//! Scales: the power of ten that multiplies a unit (万, 亿, million, trillion…), and reading one
//! from the front of a unit.

use super::*;

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
