//! The unit words the grammar knows (English and Chinese), and reading a dimension from text.

use super::*;

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
pub(crate) fn parse_dimension(text: &str) -> std::result::Result<(Dimension, u32), String> {
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
