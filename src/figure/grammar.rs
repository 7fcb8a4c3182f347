//! The one figure grammar of the crate: a whole string into a [`Figure`], or the longest figure
//! at the start of a text (for the transcript extractor). See the [module docs](super) for the
//! forms it reads.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::unit::{Currency, Dimension, Scale, Unit, is_cjk, unit_word_prefix};

use super::numeral;
use super::qualifier::{Qualifier, QualifierDirection, TRAILING_WORDS, longest_word};
use super::{Figure, Shape};

/// Whether the whole text must be a figure, or only its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `Figure::from_str`: everything after the number and scale is the unit.
    Whole,
    /// `Figure::parse_prefix`: only known unit words are read; a count noun is left to the
    /// caller.
    Prefix,
}

/// Parses all of `input` as a figure.
pub(super) fn parse_whole(input: &str) -> Result<Figure> {
    let norm = Normalized::new(input);
    let t = norm.text.as_str();
    let bad = |reason: String| Error::parse("figure", input, reason);
    let (figure, end) = scan(t, Mode::Whole).map_err(bad)?;
    let rest = t[end..].trim();
    if !rest.is_empty() {
        return Err(bad(format!(
            "read `{}` as a figure, but could not read `{rest}` after it",
            t[..end].trim()
        )));
    }
    Ok(figure)
}

/// Parses the longest figure at the start of `input` (after leading whitespace); returns it and
/// the number of bytes of `input` it covers.
pub(super) fn parse_prefix(input: &str) -> Result<(Figure, usize)> {
    // A figure ends within its sentence: reading only that far keeps a scan over every
    // position of a transcript linear in its length.
    let window = input
        .char_indices()
        .take(PREFIX_WINDOW_CHARS)
        .find(|&(_, c)| matches!(c, '\n' | '\r' | '。' | '；' | '！' | '？'))
        .map_or_else(
            || {
                input
                    .char_indices()
                    .nth(PREFIX_WINDOW_CHARS)
                    .map_or(input.len(), |(i, _)| i)
            },
            |(i, _)| i,
        );
    let input = &input[..window];
    let norm = Normalized::new(input);
    // The error names the start of the text, not the whole sentence after it.
    let (figure, end) = scan(&norm.text, Mode::Prefix)
        .map_err(|reason| Error::parse("figure", excerpt(input.trim_start()), reason))?;
    Ok((figure, norm.original_offset(end)))
}

/// How far [`parse_prefix`] reads at most: a figure is shorter than this, and stops at a line
/// break or the end of a Chinese sentence (。；！？).
pub(super) const PREFIX_WINDOW_CHARS: usize = 200;

/// The input with full-width forms (U+FF01–U+FF5E: digits, signs, ％, ，, ．, ～) and the
/// ideographic space replaced by their NFKC equivalents, and the minus sign by `-`, keeping a
/// map back to the input's byte offsets. Other compatibility characters are left alone: NFKC
/// would turn a superscript ² into a 2 and "10²" into 102.
struct Normalized {
    text: String,
    /// `origin[i]` is the input offset of byte `i` of `text`; one extra entry for the end.
    origin: Vec<usize>,
}

impl Normalized {
    fn new(input: &str) -> Normalized {
        let mut text = String::with_capacity(input.len());
        let mut origin = Vec::with_capacity(input.len() + 1);
        for (i, c) in input.char_indices() {
            let mapped = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                '\u{2212}' => '-',
                '\u{FFE5}' => '¥',
                _ => c,
            };
            for _ in 0..mapped.len_utf8() {
                origin.push(i);
            }
            text.push(mapped);
        }
        origin.push(input.len());
        Normalized { text, origin }
    }

    fn original_offset(&self, end: usize) -> usize {
        self.origin.get(end).copied().unwrap_or(self.text.len())
    }
}

/// Verbs of change before a figure: the sign they give it, and their length.
const CHANGE_WORDS: &[(&str, i8)] = &[
    ("up", 1),
    ("up by", 1),
    ("rose", 1),
    ("rose by", 1),
    ("rising", 1),
    ("rising by", 1),
    ("grew", 1),
    ("grew by", 1),
    ("growing", 1),
    ("growth of", 1),
    ("increased", 1),
    ("increased by", 1),
    ("increase of", 1),
    ("an increase of", 1),
    ("gained", 1),
    ("climbed", 1),
    ("jumped", 1),
    ("同比增长", 1),
    ("增长了", 1),
    ("增长", 1),
    ("增加了", 1),
    ("增加", 1),
    ("提高了", 1),
    ("提高", 1),
    ("上升了", 1),
    ("上升", 1),
    ("上涨", 1),
    ("down", -1),
    ("down by", -1),
    ("fell", -1),
    ("fell by", -1),
    ("falling", -1),
    ("fall of", -1),
    ("a fall of", -1),
    ("dropped", -1),
    ("dropped by", -1),
    ("drop of", -1),
    ("a drop of", -1),
    ("declined", -1),
    ("declined by", -1),
    ("decline of", -1),
    ("a decline of", -1),
    ("decreased", -1),
    ("decreased by", -1),
    ("decrease of", -1),
    ("a decrease of", -1),
    ("shrank", -1),
    ("shrank by", -1),
    ("contracted", -1),
    ("contracted by", -1),
    ("同比下降", -1),
    ("下降了", -1),
    ("下降", -1),
    ("减少了", -1),
    ("减少", -1),
    ("降低了", -1),
    ("降低", -1),
    ("回落", -1),
    ("下滑", -1),
];

/// Words after a digit band that say which way it goes.
const BAND_WORDS: &[(&str, i8)] = &[
    ("growth", 1),
    ("increase", 1),
    ("increases", 1),
    ("rise", 1),
    ("gain", 1),
    ("gains", 1),
    ("percent", 1),
    ("%", 1),
    ("增长", 1),
    ("增幅", 1),
    ("decline", -1),
    ("declines", -1),
    ("drop", -1),
    ("fall", -1),
    ("decrease", -1),
    ("contraction", -1),
    ("下降", -1),
    ("降幅", -1),
    ("减少", -1),
];

/// Digit bands: `single-digit` [0, 10), `double-digit` [10, 100), `triple-digit` [100, 1000).
const BANDS: &[(&str, u8)] = &[
    ("single-digit", 1),
    ("single digit", 1),
    ("single digits", 1),
    ("double-digit", 2),
    ("double digit", 2),
    ("double digits", 2),
    ("triple-digit", 3),
    ("triple digit", 3),
    ("triple digits", 3),
    ("一位数", 1),
    ("个位数", 1),
    ("两位数", 2),
    ("二位数", 2),
    ("三位数", 3),
];

/// What joins the ends of a range: `10% to 20%`, `10%-20%`, `10%~20%`, `10%至20%`.
const RANGE_SEPARATORS: &[(&str, ())] = &[
    ("to", ()),
    ("-", ()),
    ("–", ()),
    ("—", ()),
    ("~", ()),
    ("〜", ()),
    ("至", ()),
    ("到", ()),
];

/// Symbols and codes written before the number: `US$5 billion`, `€3bn`, `RMB 1.2 trillion`.
const CURRENCY_PREFIXES: &[(&str, Currency)] = &[
    ("US$", Currency::Usd),
    ("U.S.$", Currency::Usd),
    ("HK$", Currency::Hkd),
    ("$", Currency::Usd),
    ("€", Currency::Eur),
    ("£", Currency::Gbp),
    ("¥", Currency::Cny),
    ("RMB", Currency::Cny),
    ("CNY", Currency::Cny),
    ("USD", Currency::Usd),
    ("EUR", Currency::Eur),
];

/// English scale words after a number.
const ENGLISH_SCALES: &[(&str, u32)] = &[
    ("thousand", 3),
    ("thousands", 3),
    ("million", 6),
    ("millions", 6),
    ("mn", 6),
    ("mln", 6),
    ("billion", 9),
    ("billions", 9),
    ("bn", 9),
    ("trillion", 12),
    ("trillions", 12),
    ("tn", 12),
];

/// Chinese words of time after a number: `2022年`, `五年`, `3个月`, `10日`, `一季度`.
const TIME_WORDS: &[(&str, &str)] = &[
    ("年", "年"),
    ("月", "月"),
    ("个月", "个月"),
    ("日", "日"),
    ("号", "号"),
    ("天", "天"),
    ("周", "周"),
    ("季度", "季度"),
    ("个季度", "个季度"),
    ("小时", "小时"),
    ("周年", "周年"),
];

/// Words after a multiple that make it a ratio to what follows: "2.2 times that of".
const RATIO_WORDS: &[(&str, ())] = &[
    ("that of", ()),
    ("those of", ()),
    ("as much as", ()),
    ("as many as", ()),
    ("as large as", ()),
    ("as high as", ()),
    ("the level of", ()),
];

/// Words that end a count noun in a whole figure (`10 thousand racks to 20 thousand racks`).
const NOUN_STOPS: &[&str] = &["to", "and", "mark"];

fn skip_ws(t: &str, pos: usize) -> usize {
    pos + (t[pos..].len() - t[pos..].trim_start().len())
}

/// A short excerpt of `t` for messages.
fn excerpt(t: &str) -> &str {
    let end = t.char_indices().nth(24).map_or(t.len(), |(i, _)| i);
    &t[..end]
}

/// The whole grammar: `[change verb] (band | [between] single [separator single])`.
fn scan(t: &str, mode: Mode) -> std::result::Result<(Figure, usize), String> {
    let mut pos = skip_ws(t, 0);
    let mut sign = 1i8;
    if let Some((s, len)) = longest_word(&t[pos..], CHANGE_WORDS) {
        // "up to 5%" is a qualifier, not "up" and "to 5%".
        let qualifier_len = Qualifier::leading(&t[pos..]).map_or(0, |(_, l)| l);
        if len > qualifier_len {
            sign = s;
            pos = skip_ws(t, pos + len);
        }
    }
    if let Some(band) = band(t, pos, sign) {
        return Ok(band);
    }
    let between = longest_word(&t[pos..], &[("between", ())]).map(|(_, l)| l);
    if let Some(len) = between {
        pos = skip_ws(t, pos + len);
    }
    let (first, first_end) = single(t, pos, sign, mode)?;
    let after = skip_ws(t, first_end);
    let separator = if between.is_some() {
        longest_word(&t[after..], &[("and", ())])
    } else {
        longest_word(&t[after..], RANGE_SEPARATORS)
    };
    let Some((_, sep_len)) = separator else {
        if between.is_some() {
            return Err(format!(
                "`between` needs `and`: read `{}`, then expected `and` at `{}`",
                t[..first_end].trim(),
                excerpt(&t[after..])
            ));
        }
        return Ok((first, first_end));
    };
    let second_start = skip_ws(t, after + sep_len);
    let joined = single(t, second_start, sign, mode)
        .and_then(|(second, end)| Ok((join(first.clone(), second)?, end)));
    match joined {
        Ok(range) => Ok(range),
        // In running text "rose 5% to 10.2 trillion yuan" is a change and a level, not a range.
        Err(_) if mode == Mode::Prefix && between.is_none() => Ok((first, first_end)),
        Err(e) => Err(format!(
            "read `{}` as the start of a range, but not its end: {e}",
            t[..after].trim()
        )),
    }
}

/// The two ends of a range in one figure; the first end may leave its unit to the second.
fn join(first: Figure, second: Figure) -> std::result::Result<Figure, String> {
    // "about 10-20%" widens both ends; "more than 10-20%" says nothing a range does not.
    let about = first.qualifier.direction() == QualifierDirection::Approximate;
    if (first.qualifier != Qualifier::Plain && !about) || second.qualifier != Qualifier::Plain {
        return Err(
            "a range takes no qualifier but one of \"about\" before it (about 10% to 20%)".into(),
        );
    }
    let (scale, dimension) = match (&first.dimension, first.scale) {
        (None, Scale::ONE) => (second.scale, second.dimension.clone()),
        (None, s) if s == second.scale => (s, second.dimension.clone()),
        (Some(d), s) if s == second.scale && Some(d) == second.dimension.as_ref() => {
            (s, Some(d.clone()))
        }
        _ => {
            return Err(format!(
                "both ends of a range must be in one unit and scale: `{first}` and `{second}`"
            ));
        }
    };
    Ok(Figure {
        value: first.value,
        qualifier: first.qualifier,
        scale,
        dimension,
        shape: Shape::Range { to: second.value },
    })
}

/// `double-digit growth`, `两位数增长`, `single-digit decline`.
fn band(t: &str, pos: usize, sign: i8) -> Option<(Figure, usize)> {
    let (digits, len) = longest_word(&t[pos..], BANDS)?;
    let mut end = pos + len;
    let mut negative = sign < 0;
    let next = skip_ws(t, end);
    if let Some((s, l)) = longest_word(&t[next..], BAND_WORDS) {
        negative |= s < 0;
        end = next + l;
    }
    let low = if digits == 1 {
        Decimal::ZERO
    } else {
        crate::unit::pow10(i32::from(digits) - 1)
    };
    Some((
        Figure {
            value: if negative { -low } else { low },
            qualifier: Qualifier::Plain,
            scale: Scale::ONE,
            dimension: Some(Dimension::Percent),
            shape: Shape::DigitBand { digits, negative },
        },
        end,
    ))
}

/// `doubled`, `翻一番` and kin: the growth multiple they state, written to one decimal.
fn word_multiple(t: &str) -> Option<(Decimal, usize)> {
    if let Some((m, len)) = longest_word(
        t,
        &[
            ("doubled", 1i64),
            ("tripled", 2),
            ("trebled", 2),
            ("quadrupled", 3),
        ],
    ) {
        return Some((Decimal::new(m * 10, 1), len));
    }
    let rest = t.strip_prefix('翻')?;
    let rest = rest.strip_prefix('了').unwrap_or(rest);
    let c = rest.chars().next()?;
    let n: u32 = match c {
        '一' | '1' => 1,
        '两' | '二' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        _ => return None,
    };
    let rest = rest[c.len_utf8()..].strip_prefix('番')?;
    // 翻n番 multiplies by 2^n: the growth is 2^n − 1 times.
    let multiple = (1i64 << n) - 1;
    Some((Decimal::new(multiple * 10, 1), t.len() - rest.len()))
}

/// One figure: `[qualifier [the]] ([currency] number [多|余] [scale] [unit] | word-multiple)
/// [trailing qualifier] [mark]`.
fn single(
    t: &str,
    start: usize,
    sign: i8,
    mode: Mode,
) -> std::result::Result<(Figure, usize), String> {
    let mut pos = start;
    let mut qualifier = Qualifier::Plain;
    if let Some((q, len)) = Qualifier::leading(&t[pos..]) {
        qualifier = q;
        pos = skip_ws(t, pos + len);
        if let Some((_, len)) = longest_word(&t[pos..], &[("the", ())]) {
            pos = skip_ws(t, pos + len);
        }
    }
    let mut dimension: Option<Dimension> = None;
    let mut scale_exp: u32 = 0;
    let value;
    let mut end;
    if let Some((m, len)) = word_multiple(&t[pos..]) {
        value = m;
        dimension = Some(Dimension::Times);
        end = pos + len;
    } else {
        if t[pos..].starts_with('第') {
            return Err(format!(
                "`{}` is an ordinal, not a quantity",
                excerpt(&t[pos..])
            ));
        }
        let mut currency = None;
        if let Some((c, len)) = longest_word(&t[pos..], CURRENCY_PREFIXES) {
            currency = Some(c);
            pos = skip_ws(t, pos + len);
        }
        // 百分之五: the Chinese way to write 5%.
        let mut percent_first = false;
        if currency.is_none() {
            if let Some(rest) = t[pos..].strip_prefix("百分之") {
                percent_first = true;
                pos = t.len() - rest.len();
            }
        }
        let numeral = numeral::read(&t[pos..])?;
        let number_start = pos;
        let (v, exp, more, implied) = match numeral {
            Some(n) => {
                pos += n.len;
                (n.value, n.scale, n.more_than, n.implied_one)
            }
            None => match implied_english_one(&t[pos..]) {
                Some(len) if qualifier != Qualifier::Plain => {
                    pos += len;
                    (Decimal::ONE, 0, false, true)
                }
                _ => {
                    return Err(format!(
                        "expected a number at `{}`{}",
                        excerpt(&t[pos..]),
                        if qualifier == Qualifier::Plain {
                            ""
                        } else {
                            " after the qualifier"
                        }
                    ));
                }
            },
        };
        if implied && qualifier == Qualifier::Plain {
            return Err(format!(
                "`{}` is a scale without a number: write 1{0}, or with a qualifier (破{0}, over a million)",
                &t[number_start..pos]
            ));
        }
        value = v;
        scale_exp = exp;
        if more {
            qualifier = merge(qualifier, Qualifier::MoreThan)?;
        }
        check_number_end(&t[number_start..pos], &t[pos..])?;
        if percent_first {
            if implied || scale_exp != 0 {
                return Err(format!(
                    "`{}`: 百分之 takes a plain number (百分之五, 百分之12.5)",
                    t[start..pos].trim()
                ));
            }
            dimension = Some(Dimension::Percent);
        }
        // "5200余家", "10多个": the marker after a number without a scale.
        if let Some((_, len)) = longest_word(&t[pos..], &[("多", ()), ("余", ())]) {
            qualifier = merge(qualifier, Qualifier::MoreThan)?;
            pos += len;
        }
        end = pos;
        if dimension.is_none() && t[pos..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            let glued_unit =
                english_scale(&t[pos..]).is_some() || unit_word_prefix(&t[pos..]).is_some();
            if !glued_unit {
                let word: String = t[pos..]
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                return Err(format!(
                    "`{}{word}` is a name (a number glued to letters, as in 5G or 4K), not a quantity",
                    &t[number_start..pos]
                ));
            }
        }
        if scale_exp == 0 && dimension.is_none() {
            let p = skip_ws(t, pos);
            if let Some((e, len)) = english_scale(&t[p..]) {
                scale_exp = e;
                end = p + len;
            }
        }
        // "2022年", "五年", "3个月": a date or a span of time, which no indicator counts.
        let p = skip_ws(t, end);
        if dimension.is_none() {
            if let Some((word, len)) = longest_word(&t[p..], TIME_WORDS) {
                return Err(format!(
                    "`{}` is a date or a span of time ({word}), not a quantity",
                    t[number_start..p + len].trim()
                ));
            }
        }
        let known = unit_word_prefix(&t[p..]).filter(|_| dimension.is_none());
        // In a whole figure a known Chinese unit followed by more Chinese is a longer word
        // ("瓦时" is not 瓦 and 时): read the whole word, so that an unknown one is named.
        let longer_word = known.as_ref().is_some_and(|&(_, _, len)| {
            let after = &t[p + len..];
            t[p..].starts_with(is_cjk)
                && after.starts_with(is_cjk)
                && longest_word(after, TRAILING_WORDS).is_none()
        });
        if let (Some((d, extra, len)), false) = (known, mode == Mode::Whole && longer_word) {
            dimension = Some(d);
            scale_exp += extra;
            end = p + len;
        } else if mode == Mode::Whole && dimension.is_none() {
            if let Some((unit, len)) = noun_unit(&t[p..])? {
                dimension = Some(unit.dimension().clone());
                scale_exp += unit.scale().exponent();
                end = p + len;
            }
        }
        if let Some(c) = currency {
            match &dimension {
                None => dimension = Some(Dimension::Currency(c)),
                Some(Dimension::Currency(d)) if *d == c => {}
                Some(other) => {
                    return Err(format!(
                        "`{}` names a currency ({}) and then {}",
                        t[start..end].trim(),
                        c.code(),
                        other.describe()
                    ));
                }
            }
        }
    }
    // "2.2 times that of": a ratio to what follows, which is the caller's to name.
    if dimension == Some(Dimension::Times) {
        let p = skip_ws(t, end);
        if let Some((_, len)) = longest_word(&t[p..], RATIO_WORDS) {
            end = p + len;
        }
    }
    // Trailing words: "5%左右", "1万亿元以上", "the 40 trillion yuan mark".
    let p = skip_ws(t, end);
    if let Some((q, len)) = longest_word(&t[p..], TRAILING_WORDS) {
        qualifier = merge(qualifier, q)?;
        end = p + len;
    }
    let p = skip_ws(t, end);
    if let Some((_, len)) = longest_word(&t[p..], &[("mark", ())]) {
        end = p + len;
    }
    let scale = Scale::new(scale_exp).map_err(|_| {
        format!(
            "the scale of `{}` is 1e{scale_exp}, above 1e{}",
            t[start..end].trim(),
            Scale::MAX_EXPONENT
        )
    })?;
    if let Some(d) = &dimension {
        Unit::new(d.clone(), scale).map_err(|_| {
            format!(
                "`{}`: {} takes no scale",
                t[start..end].trim(),
                d.describe()
            )
        })?;
    }
    let value = if sign < 0 {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(format!(
                "`{}` is negative after a word of decline: write the fall as a positive figure",
                t[start..end].trim()
            ));
        }
        -value
    } else {
        value
    };
    Ok((
        Figure {
            value,
            qualifier,
            scale,
            dimension,
            shape: Shape::Single,
        },
        end,
    ))
}

/// One qualifier from two places ("more than" and 多), or an error when both are written.
fn merge(a: Qualifier, b: Qualifier) -> std::result::Result<Qualifier, String> {
    if a == Qualifier::Plain {
        Ok(b)
    } else {
        Err(format!(
            "two qualifiers: `{}` and `{}`",
            a.as_str(),
            b.as_str()
        ))
    }
}

/// Refuses what directly follows a number and would change its meaning: an ordinal suffix
/// (`14th`), scientific notation (`1.2e3`).
fn check_number_end(number: &str, rest: &str) -> std::result::Result<(), String> {
    let lower: String = rest
        .chars()
        .take(3)
        .collect::<String>()
        .to_ascii_lowercase();
    for suffix in ["st", "nd", "rd", "th"] {
        if lower.starts_with(suffix)
            && !lower[suffix.len()..].starts_with(|c: char| c.is_alphanumeric())
        {
            return Err(format!(
                "`{number}{}` is an ordinal, not a quantity",
                &rest[..suffix.len()]
            ));
        }
    }
    let mut chars = rest.chars();
    if matches!(chars.next(), Some('e' | 'E')) {
        let next = chars.next();
        let digit = next.is_some_and(|c| c.is_ascii_digit())
            || (matches!(next, Some('+' | '-'))
                && chars.next().is_some_and(|c| c.is_ascii_digit()));
        if digit {
            let exponent: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '-')
                .collect();
            return Err(format!(
                "`{number}{exponent}` is scientific notation, which reported figures do not use: \
                 write the digits, or a scale word (1.2 thousand, 1.2万)"
            ));
        }
    }
    if rest.starts_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.')
        && rest[1..].starts_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err(format!("unexpected `{}` after `{number}`", excerpt(rest)));
    }
    Ok(())
}

/// `a million`, `one billion` after a qualifier: the length of the article or word.
fn implied_english_one(t: &str) -> Option<usize> {
    let (_, len) = longest_word(t, &[("a", ()), ("an", ()), ("one", ())])?;
    let after = skip_ws(t, len);
    english_scale(&t[after..])?;
    Some(len)
}

/// An English scale at the start of `t`: `million`, `10 thousand`, `100 million`, `bn`.
fn english_scale(t: &str) -> Option<(u32, usize)> {
    let (multiplier, after) = match longest_word(t, &[("10", 1u32), ("100", 2), ("ten", 1)]) {
        Some((m, len)) => (m, skip_ws(t, len)),
        None => (0, 0),
    };
    let (e, len) = longest_word(&t[after..], ENGLISH_SCALES)
        .or_else(|| longest_word(&t[after..], &[("hundred", 2)]).filter(|_| multiplier == 0))?;
    if multiplier > 0 && after == 0 {
        return None;
    }
    Some((e + multiplier, after + len))
}

/// A count noun (or any unit the unit grammar reads) written out in a whole figure: the words
/// up to a range separator or a trailing qualifier. An unknown Chinese word is an error naming it.
fn noun_unit(t: &str) -> std::result::Result<Option<(Unit, usize)>, String> {
    let first = t.chars().next();
    if first.is_some_and(is_cjk) {
        let len = t
            .char_indices()
            .find(|&(i, c)| !is_cjk(c) || longest_word(&t[i..], TRAILING_WORDS).is_some())
            .map_or(t.len(), |(i, _)| i);
        if len == 0 {
            // A trailing qualifier ("5万以上"), read by the caller.
            return Ok(None);
        }
        let word = &t[..len];
        return match word.parse::<Unit>() {
            Ok(unit) => Ok(Some((unit, len))),
            Err(e) => Err(match e.kind() {
                crate::error::ErrorKind::Parse { reason, .. } => reason.clone(),
                _ => e.to_string(),
            }),
        };
    }
    if !first.is_some_and(|c| c.is_alphabetic()) {
        return Ok(None);
    }
    let mut len = 0;
    let mut rest = t;
    while let Some(word) = rest.split_whitespace().next() {
        if NOUN_STOPS.contains(&word.to_ascii_lowercase().as_str()) {
            break;
        }
        let offset = rest.find(word).unwrap_or(0);
        len = t.len() - rest.len() + offset + word.len();
        rest = &t[len..];
    }
    if len == 0 {
        return Ok(None);
    }
    let words = &t[..len];
    match words.parse::<Unit>() {
        Ok(unit) => Ok(Some((unit, len))),
        Err(e) => Err(match e.kind() {
            crate::error::ErrorKind::Parse { reason, .. } => reason.clone(),
            _ => e.to_string(),
        }),
    }
}
