//! Finding figures: candidate spans by character classes and known words, read and validated
//! by the crate's one figure grammar ([`Figure`]'s parser).
//!
//! One pass over the characters. At each digit that starts a token the scanner reads the
//! number, rules out what is not a figure (years and dates used as time, ordinals and names
//! such as `5G`, `C919`, `14th`, list numbering, phone numbers, codes), extends the span over a
//! following scale and unit word (`million`, `万亿元`, `%`, `percentage points`, `辆`) and over
//! a preceding qualifier (`more than`, `超过`), and keeps the span only if `Figure::from_str`
//! accepts it.

use crate::figure::{Figure, Qualifier, may_end_a_qualifier};

use super::period::MONTH_NAMES;
use super::text::{Chars, is_cjk, is_latin};

/// A figure found in the text.
pub(crate) struct Found {
    /// First character of the span (its qualifier when there is one).
    pub(crate) start: usize,
    /// One past the last character of the span.
    pub(crate) end: usize,
    /// The figure, as read by the figure grammar.
    pub(crate) figure: Figure,
    /// The number as written, without separators, in ASCII digits.
    pub(crate) value: String,
}

/// Short month names (folded); with [`MONTH_NAMES`], a number next to one is a day of the month.
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Words after which a number is a label, not a quantity.
const LABEL_WORDS: &[&str] = &[
    "no",
    "number",
    "article",
    "section",
    "chapter",
    "paragraph",
    "item",
    "page",
    "room",
    "phase",
    "level",
    "grade",
    "version",
    "tel",
    "phone",
    "fax",
    "line",
    "route",
    "class",
];

/// English scale words, folded.
const SCALE_WORDS: &[&str] = &[
    "thousand", "million", "billion", "trillion", "mn", "mln", "bn", "tn",
];

/// English unit words and phrases the span may take after the number or scale, folded,
/// longest first where one is a prefix of another. Count nouns are left out on purpose: in
/// "3.42 million 5G base stations" the noun is the subject, and the unit comes from the series.
const UNIT_WORDS: &[&str] = &[
    "percentage points",
    "percentage point",
    "per cent",
    "percent",
    "pct",
    "pp",
    "yuan",
    "rmb",
    "us dollars",
    "dollars",
    "euros",
    "metric tons",
    "tonnes",
    "tons",
    "kilowatt-hours",
    "kwh",
    "times",
];

/// Chinese unit words after a number or scale (folded), longest first.
const CHINESE_UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "元人民币",
    "千瓦时",
    "千瓦",
    "千克",
    "美元",
    "欧元",
    "日元",
    "港元",
    "元",
    "辆",
    "户",
    "家",
    "个",
    "台",
    "件",
    "套",
    "人",
    "名",
    "座",
    "项",
    "只",
    "部",
    "块",
    "片",
    "条",
    "张",
    "枚",
    "吨",
    "瓦",
    "倍",
    "%",
];

/// Finds every figure of the text, in order, without overlaps.
pub(crate) fn figures(text: &Chars) -> Vec<Found> {
    let mut out = Vec::new();
    let n = text.len();
    let mut i = 0;
    while i < n {
        let c = text.at(i);
        if !c.is_ascii_digit() {
            i += 1;
            continue;
        }
        let token_end = token_end(text, i);
        match read(text, i, out.last().map_or(0, |f: &Found| f.end)) {
            Some(found) => {
                i = found.end.max(i + 1);
                out.push(found);
            }
            None => i = token_end.max(i + 1),
        }
    }
    out
}

/// The end of the alphanumeric token starting at `i` (digits, letters, `.,-/:` between them).
fn token_end(text: &Chars, i: usize) -> usize {
    let mut j = i;
    loop {
        let c = text.at(j);
        if j >= text.len() {
            return j;
        }
        if c.is_ascii_alphanumeric() {
            j += 1;
        } else if matches!(c, '.' | ',' | '-' | '/' | ':') && text.at(j + 1).is_ascii_alphanumeric()
        {
            j += 2;
        } else {
            return j;
        }
    }
}

/// The number at `i`: its end and its text without separators. `None` when the digits do not
/// form a number a figure can have (thousands groups of the wrong size).
fn number_at(text: &Chars, i: usize) -> Option<(usize, String)> {
    let mut j = i;
    let mut digits = String::new();
    let mut seen_point = false;
    loop {
        let c = text.at(j);
        if c.is_ascii_digit() && j < text.len() {
            digits.push(c);
            j += 1;
        } else if c == ','
            && !seen_point
            && (1..=3).all(|k| text.at(j + k).is_ascii_digit())
            && !text.at(j + 4).is_ascii_digit()
        {
            j += 1;
        } else if c == '.' && !seen_point && text.at(j + 1).is_ascii_digit() {
            seen_point = true;
            digits.push('.');
            j += 1;
        } else {
            break;
        }
    }
    (!digits.is_empty()).then_some((j, digits))
}

fn skip_spaces(text: &Chars, mut j: usize) -> usize {
    while j < text.len() && text.at(j) == ' ' {
        j += 1;
    }
    j
}

/// The word (Latin letters, with inner dots) ending at `end` (spaces before `end` skipped):
/// its range, without a final dot ("approx." is `approx`).
fn word_before(text: &Chars, end: usize) -> Option<(usize, usize)> {
    let mut e = end;
    while e > 0 && text.before(e) == ' ' {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && (is_latin(text.before(s)) || (text.before(s) == '.' && s < e)) {
        s -= 1;
    }
    while e > s && text.before(e) == '.' {
        e -= 1;
    }
    (s < e).then_some((s, e))
}

/// Whether the Latin word at `j` is exactly `word` (a word boundary follows).
fn word_at(text: &Chars, j: usize, word: &str) -> bool {
    text.has_at(j, word) && !is_latin(text.at(j + word.chars().count()))
}

/// Reads the figure whose number starts at `i`; `floor` is the end of the previous figure,
/// which a qualifier may not reach over.
fn read(text: &Chars, i: usize, floor: usize) -> Option<Found> {
    let prev = text.before(i);
    // Part of a word or code: 5G after a letter, IMT-2030, C919, 3.5 after a digit group.
    if prev.is_ascii_alphanumeric()
        || prev == '_'
        || prev == '.' && text.before(i - 1).is_ascii_digit()
    {
        return None;
    }
    if prev == '-' && text.before(i - 1).is_ascii_alphanumeric() {
        return None;
    }
    // "1/5", "/5": a fraction, a page or a photo counter.
    if prev == '/' || prev == '#' {
        return None;
    }
    let (num_end, mut digits) = number_at(text, i)?;
    let next = text.at(num_end);
    // 5G, 20th, 1000M, 3D: a letter right after the digits.
    if is_latin(next) {
        return None;
    }
    // A range ("10-15%", "3至5万亿元") is a figure when the figure grammar reads it; years
    // ("2021-2022", "1至11月"), codes and phone numbers ("010-6520") never are; nor are times
    // and fractions ("3:00", "1/2").
    if matches!(next, '-' | '–' | '~' | '～' | '至' | '到') && text.at(num_end + 1).is_ascii_digit()
    {
        return read_range(text, i, num_end, &digits, floor);
    }
    if matches!(next, '/' | ':') && text.at(num_end + 1).is_ascii_digit() {
        return None;
    }
    if matches!(prev, '-' | '/' | ':' | '–' | '~' | '～' | '至' | '到')
        && text.before(i - 1).is_ascii_digit()
    {
        return None;
    }
    let integer = !digits.contains('.');
    let plain_digits = integer && !text.folded_text(i, num_end).contains(',');
    // Phone numbers and codes: long runs of digits starting with 0.
    if plain_digits && digits.len() >= 7 && digits.starts_with('0') {
        return None;
    }
    let mut number_start = i;
    // A sign written against the number.
    if matches!(prev, '-' | '+') && !text.before(i - 1).is_ascii_alphanumeric() {
        number_start = i - 1;
        if prev == '-' {
            digits.insert(0, '-');
        }
    }
    // Chinese time and order: 2023年, 3月, 1日, 第2.
    let after = text.at(num_end);
    if matches!(
        after,
        '月' | '日' | '号' | '时' | '点' | '季' | '届' | '次' | '期' | '版'
    ) || text.has_at(num_end, "个月")
        || text.before(number_start) == '第'
    {
        return None;
    }
    if after == '年' {
        // 连续13年 is a duration figure; 2023年, 近3年 are time.
        if !(integer && digits.len() <= 2 && text.has_before(number_start, "连续")) {
            return None;
        }
    }
    // English dates and times: March 1, 1 March, 3 p.m.
    if let Some((ws, we)) = word_before(text, number_start) {
        if (text.word_in(ws, we, MONTH_NAMES).is_some()
            || text.word_in(ws, we, MONTH_ABBREVIATIONS).is_some())
            && integer
            && digits.len() <= 2
        {
            return None;
        }
        if text.word_in(ws, we, LABEL_WORDS).is_some() && integer {
            return None;
        }
    }
    let after_space = skip_spaces(text, num_end);
    if MONTH_NAMES
        .iter()
        .chain(MONTH_ABBREVIATIONS)
        .any(|m| word_at(text, after_space, m))
        && integer
        && digits.len() <= 2
    {
        return None;
    }
    if text.has_at(after_space, "p.m") || text.has_at(after_space, "a.m") {
        return None;
    }
    // List numbering: "1." or "1)" or "(1)" or "1、" opening a line or item.
    let line_start = {
        let mut s = number_start;
        while s > 0 && matches!(text.before(s), ' ' | '\t' | '(' | '（') {
            s -= 1;
        }
        s == 0 || matches!(text.before(s), '\n' | '\r')
    };
    if integer
        && (matches!(after, '、' | ')' | '）') && matches!(prev, '(' | '（' | ' ' | '\n')
            || after == '、'
            || line_start && matches!(after, '.' | ')' | '）'))
    {
        return None;
    }
    let (suffix_end, has_unit_or_scale) = suffix(text, num_end);
    // A year used as time: 4 digits from 1900 to 2100, nothing after it.
    if plain_digits && !has_unit_or_scale && digits.len() == 4 {
        if let Ok(y) = digits.parse::<u32>() {
            if (1900..=2100).contains(&y) {
                return None;
            }
        }
    }
    // A name: "Fortune Global 500", "Industry 4.0": a capitalised word (not opening a
    // sentence) right before a bare number.
    if !has_unit_or_scale {
        if let Some((ws, _)) = word_before(text, number_start) {
            let capital = text.raw.get(ws).is_some_and(|c| c.is_uppercase());
            let opens_sentence = {
                let mut s = ws;
                while s > 0 && text.before(s) == ' ' {
                    s -= 1;
                }
                s == 0 || matches!(text.before(s), '.' | '!' | '?' | '\n' | ':' | '"' | '“')
            };
            if capital && !opens_sentence && !is_qualifier_word(text, ws, number_start) {
                return None;
            }
        }
    }
    let core = parser_text(text, number_start, suffix_end);
    let (figure, core_end) = parse_longest(text, number_start, num_end, suffix_end, &core)?;
    let mut core = parser_text(text, number_start, core_end);
    let (mut figure, mut span_start) = (figure, number_start);
    // A currency before the number ("$174 billion", "RMB 10 billion", "￥100"): the figure
    // grammar writes currencies after the number, so the parser reads the currency's word
    // there, and the span starts at the symbol.
    if figure.dimension().is_none() {
        if let Some((at, word)) = currency_before(text, number_start) {
            let with = format!("{core} {word}");
            if let Ok(f) = with.parse::<Figure>() {
                figure = f;
                core = with;
                span_start = at;
            }
        }
    }
    let (start, figure) = qualify(text, span_start, floor, &figure, &core);
    Some(Found {
        start,
        end: core_end,
        figure,
        value: digits,
    })
}

/// A currency written right before `at`: where it starts and the word the figure grammar
/// reads for it.
fn currency_before(text: &Chars, at: usize) -> Option<(usize, &'static str)> {
    let mut p = at;
    // `before` reads a space before the text's start: stop at 0.
    if p > 0 && text.before(p) == ' ' {
        p -= 1;
    }
    let symbol = match text.before(p) {
        '$' if text.has_before(p, "us$") => Some((p - 3, "US dollars")),
        '$' if text.has_before(p, "hk$") => Some((p - 3, "Hong Kong dollars")),
        '$' => Some((p - 1, "dollars")),
        '€' => Some((p - 1, "euros")),
        '£' => Some((p - 1, "pounds")),
        '¥' | '￥' => Some((p - 1, "yuan")),
        _ => None,
    };
    if symbol.is_some() {
        return symbol;
    }
    let (s, e) = word_before(text, at)?;
    let word = match text.word_in(s, e, &["rmb", "cny", "usd", "eur", "hkd"])? {
        0 | 1 => "yuan",
        2 => "US dollars",
        3 => "euros",
        _ => "Hong Kong dollars",
    };
    // Only a code written as such (upper case), not a word that happens to match.
    text.raw
        .get(s)
        .is_some_and(|c| c.is_uppercase())
        .then_some((s, word))
}

/// The range starting with the number `i..num_end`, if the figure grammar reads it.
fn read_range(text: &Chars, i: usize, num_end: usize, digits: &str, floor: usize) -> Option<Found> {
    let (end2, digits2) = number_at(text, num_end + 1)?;
    let year = |d: &str| d.len() == 4 && d.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
    let code = |d: &str| d.len() > 1 && d.starts_with('0') && !d.starts_with("0.");
    if (year(digits) && year(&digits2)) || code(digits) || code(&digits2) {
        return None;
    }
    if is_latin(text.at(end2))
        || matches!(text.at(end2), '月' | '日' | '号' | '年' | '-' | '/' | ':')
    {
        return None;
    }
    let (suffix_end, _) = suffix(text, end2);
    let figure: Figure = parser_text(text, i, suffix_end).parse().ok()?;
    let (start, figure) = qualify(text, i, floor, &figure, &parser_text(text, i, suffix_end));
    Some(Found {
        start,
        end: suffix_end,
        value: figure.value().to_string(),
        figure,
    })
}

fn is_qualifier_word(text: &Chars, ws: usize, end: usize) -> bool {
    let w = text.folded_text(ws, end);
    w.trim()
        .parse::<Qualifier>()
        .is_ok_and(|q| q != Qualifier::Plain)
}

/// The text the figure parser reads for `start..end`: folded, with 兆 as 万亿 (10^12, Hong
/// Kong and Taiwan usage).
fn parser_text(text: &Chars, start: usize, end: usize) -> String {
    let mut s = String::new();
    for i in start..end.min(text.len()) {
        match text.at(i) {
            '兆' => s.push_str("万亿"),
            c => s.push(c),
        }
    }
    s
}

/// Parses the longest of: the whole span, the span without its last word, the number alone.
fn parse_longest(
    text: &Chars,
    number_start: usize,
    num_end: usize,
    suffix_end: usize,
    core: &str,
) -> Option<(Figure, usize)> {
    if let Ok(f) = core.parse::<Figure>() {
        return Some((f, suffix_end));
    }
    let bare = parser_text(text, number_start, num_end);
    bare.parse::<Figure>().ok().map(|f| (f, num_end))
}

/// The end of what follows the number: 多/余, a scale, a unit, 左右/以上, "mark"; and whether
/// a scale or unit was found.
fn suffix(text: &Chars, num_end: usize) -> (usize, bool) {
    let mut j = num_end;
    let mut found = false;
    if matches!(text.at(j), '多' | '余') {
        j += 1;
    }
    // Chinese scales run on without spaces: 万, 亿, 万亿, 兆, 千万.
    let mut k = j;
    // 百分 (percent) and 千瓦, 千克, 千米 (kilo-) are units, not scales.
    let unit_prefix = |k: usize| {
        text.has_at(k, "百分")
            || text.at(k) == '千' && matches!(text.at(k + 1), '瓦' | '克' | '米' | '公')
    };
    while matches!(text.at(k), '十' | '百' | '千' | '万' | '亿' | '兆') && !unit_prefix(k) {
        k += 1;
    }
    if k > j {
        found = true;
        j = k;
    }
    if let Some(u) = CHINESE_UNITS.iter().find(|u| text.has_at(j, u)) {
        j += u.chars().count();
        found = true;
    } else {
        // English scale and unit words, after a space or none ("44.1%", "44.1 %").
        let s = skip_spaces(text, j);
        let mut e = j;
        if let Some(w) = SCALE_WORDS.iter().find(|w| word_at(text, s, w)) {
            e = s + w.chars().count();
            found = true;
        }
        let s2 = skip_spaces(text, e);
        if text.at(s2) == '%' && (s2 == e || s2 == j) {
            e = s2 + 1;
            found = true;
        } else if let Some(w) = UNIT_WORDS.iter().find(|w| word_at(text, s2, w)) {
            e = s2 + w.chars().count();
            found = true;
            let s3 = skip_spaces(text, e);
            if word_at(text, s3, "mark") {
                e = s3 + 4;
            }
        } else if found && word_at(text, s2, "mark") {
            e = s2 + 4;
        }
        j = e;
    }
    if text.has_at(j, "左右") || text.has_at(j, "以上") {
        j += 2;
    }
    (j, found)
}

/// Extends the span over a qualifier before the number, if the figure grammar reads one there.
fn qualify(
    text: &Chars,
    number_start: usize,
    floor: usize,
    figure: &Figure,
    core: &str,
) -> (usize, Figure) {
    if figure.qualifier() != Qualifier::Plain {
        return (number_start, figure.clone());
    }
    // Cheap test first: the parser is only asked when the word before the number can end a
    // qualifier of the figure grammar (the parser still decides).
    let prev = text.before(number_start);
    if is_cjk(prev) && !matches!(prev, '过' | '逾' | '到' | '足' | '近' | '约') {
        return (number_start, figure.clone());
    }
    if !is_cjk(prev) {
        let last = word_before(text, number_start);
        if last.is_none_or(|(s, e)| !may_end_a_qualifier(&text.folded_text(s, e))) {
            return (number_start, figure.clone());
        }
    }
    if is_cjk(prev) {
        for len in [2usize, 1] {
            if let Some(s) = number_start.checked_sub(len) {
                // Only Chinese characters can be a Chinese qualifier.
                if s < floor || !(s..number_start).all(|k| is_cjk(text.at(k))) {
                    continue;
                }
                let candidate = format!("{}{core}", text.folded_text(s, number_start));
                if let Ok(f) = candidate.parse::<Figure>() {
                    if f.qualifier() != Qualifier::Plain {
                        return (s, f);
                    }
                }
            }
        }
        return (number_start, figure.clone());
    }
    // Up to four words back ("exceeded the", "in excess of", "more than").
    let mut starts = Vec::with_capacity(4);
    let mut end = number_start;
    while starts.len() < 4 {
        match word_before(text, end) {
            Some((s, _)) if s >= floor => {
                starts.push(s);
                end = s;
            }
            _ => break,
        }
    }
    for &s in starts.iter().rev() {
        let candidate = format!("{} {core}", text.folded_text(s, number_start).trim());
        if let Ok(f) = candidate.parse::<Figure>() {
            if f.qualifier() != Qualifier::Plain {
                return (s, f);
            }
        }
    }
    (number_start, figure.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(s: &str) -> Vec<String> {
        let c = Chars::new(s);
        figures(&c)
            .iter()
            .map(|f| c.raw_text(f.start, f.end))
            .collect()
    }

    #[test]
    fn finds_figures_with_qualifiers_scales_and_units() {
        assert_eq!(
            spans(
                "China had more than 3.42 million 5G base stations, up 3.5% and 0.2 percentage points."
            ),
            ["more than 3.42 million", "3.5%", "0.2 percentage points"]
        );
        assert_eq!(
            spans("industry exceeded the 30 trillion yuan mark, over 60,000 firms"),
            ["exceeded the 30 trillion yuan mark", "over 60,000"]
        );
        assert_eq!(
            spans("产量816.9万辆，超过1万亿元，近30%，增长1.2倍，4300多万户，约100家"),
            [
                "816.9万辆",
                "超过1万亿元",
                "近30%",
                "1.2倍",
                "4300多万户",
                "约100家"
            ]
        );
    }

    #[test]
    fn skips_time_names_numbering_and_phones() {
        assert!(spans("In 2022, on March 1, at 3 p.m., 2023年3月1日").is_empty());
        assert!(spans("the 14th Five-Year Plan, 5G and C919, IMT-2030").is_empty());
        assert!(spans("the Fortune Global 500 list").is_empty());
        assert!(spans("1. First\n2) second\n(3) third 一、").is_empty());
        assert!(spans("call 010-65201234 or 01065201234").is_empty());
        assert_eq!(spans("连续13年位居第1"), ["13"]);
        // A Chinese qualifier is Chinese characters only (found by the property test).
        assert_eq!(spans(". 近1."), ["近1"]);
        // Date ranges are time: "1至11月" is not the figure 1 (the old scanner kept it).
        assert!(spans("1至11月，1-11月，2021-2022，2021至2022年").is_empty());
    }

    #[test]
    fn kilo_units_and_scale_abbreviations() {
        // 千瓦 is kilowatts: the old scanner read 25.6亿千 as a scale of 10^11.
        let c = Chars::new("装机容量25.6亿千瓦，产量超过4亿千瓦，sales of 3.5 bn yuan");
        let f = figures(&c);
        let read: Vec<String> = f.iter().map(|x| c.raw_text(x.start, x.end)).collect();
        assert_eq!(read, ["25.6亿千瓦", "超过4亿千瓦", "3.5 bn yuan"]);
        // 亿 of kilowatts: 10^8 × 10^3 watts.
        for kilowatts in &f[..2] {
            assert_eq!(
                kilowatts.figure.unit().map(|u| u.to_string()).as_deref(),
                Some("100 billion watts")
            );
        }
        assert_eq!(
            f[2].figure.unit().map(|u| u.to_string()).as_deref(),
            Some("billion yuan")
        );
    }

    #[test]
    fn reads_currencies_written_before_the_number() {
        // A number opening the text has nothing before it (the property test found an
        // underflow here).
        assert_eq!(spans("5 million"), ["5 million"]);
        let c = Chars::new(
            "1.2 trillion yuan ($174 billion), more than US$5 million, RMB 10 billion, ￥100",
        );
        let f = figures(&c);
        let read: Vec<(String, String)> = f
            .iter()
            .map(|x| {
                (
                    c.raw_text(x.start, x.end),
                    x.figure.unit().map(|u| u.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                ("1.2 trillion yuan".to_string(), "trillion yuan".to_string()),
                ("$174 billion".into(), "billion US dollars".into()),
                ("more than US$5 million".into(), "million US dollars".into()),
                ("RMB 10 billion".into(), "billion yuan".into()),
                ("￥100".into(), "yuan".into()),
            ]
        );
    }

    #[test]
    fn reads_full_width_and_traditional_characters() {
        let c = Chars::new("產量８１６．９萬輛，超過１兆元");
        let f = figures(&c);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].value, "816.9");
        assert_eq!(f[0].figure.to_string(), "816.9万 vehicles");
        assert_eq!(f[1].value, "1");
        assert_eq!(
            f[1].figure.unit().map(|u| u.to_string()),
            Some("trillion yuan".into())
        );
        // The span is in characters of the input.
        assert_eq!((f[0].start, f[0].end), (2, 9));
    }
}
