//! The words naming what a figure measures: the noun phrase after the figure ("3.42 million
//! *5G base stations*"), else the clause before it with its verbs and time words stripped
//! ("*the income of the software industry* exceeded 12 trillion yuan", "*新能源汽车产量*816.9万辆");
//! the whole of a share ("44.1% of *GDP*", "占*GDP*比重"); and the splitting of "respectively"
//! lists ("production and sales … 85.7% and 82.3%, respectively").

use super::text::{Chars, is_cjk, is_latin};

/// Words that end a noun phrase after a figure, or cannot start one.
const AFTER_STOP: &[&str] = &[
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "to",
    "from",
    "were",
    "was",
    "are",
    "is",
    "be",
    "have",
    "has",
    "had",
    "that",
    "which",
    "who",
    "year",
    "years",
    "respectively",
    "compared",
    "than",
    "or",
    "as",
    "per",
    "over",
    "last",
    "this",
    "increase",
    "increasing",
    "up",
    "down",
    "and",
    "the",
    "a",
    "an",
    "more",
    "while",
    "when",
    "will",
    "would",
    "should",
    "can",
    "each",
    "mark",
    "year-on-year",
    "so",
    "since",
    "after",
    "before",
    "into",
    "among",
    // Generic counters: the figure's own unit, not what is counted.
    "units",
    "unit",
    "pieces",
    "items",
    "times",
];

/// Verbs that end a noun phrase after a figure ("8.16 million units and sales *hit*").
const VERBS: &[&str] = &[
    "hit",
    "hits",
    "reached",
    "reach",
    "reaches",
    "rose",
    "grew",
    "increased",
    "fell",
    "declined",
    "totaled",
    "totalled",
    "stood",
    "accounted",
    "made",
    "make",
    "makes",
    "achieved",
    "exceeded",
    "topped",
    "surpassed",
    "reaching",
    "hitting",
    "saw",
    "see",
    "sees",
    "became",
    "become",
    "remained",
    "recorded",
    "registered",
    "posted",
    "went",
    "came",
    "got",
    "took",
    "did",
    "do",
    "does",
    "will",
    "would",
    "could",
    "may",
    "might",
    "must",
    "shall",
];

/// Whether a word reads as a verb or participle rather than part of a noun phrase.
pub(crate) fn is_verb(word: &str) -> bool {
    VERBS.contains(&word)
}

/// Words stripped from the end of a clause before a figure: verbs and function words.
const TRAILING: &[&str] = &[
    "reached",
    "reaching",
    "reach",
    "reaches",
    "hit",
    "hits",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "been",
    "be",
    "at",
    "of",
    "to",
    "by",
    "with",
    "a",
    "an",
    "the",
    "total",
    "totaled",
    "totalled",
    "totaling",
    "stood",
    "standing",
    "amounted",
    "amounting",
    "accounted",
    "accounting",
    "accounts",
    "account",
    "for",
    "made",
    "make",
    "makes",
    "making",
    "up",
    "increasing",
    "increased",
    "increase",
    "grew",
    "growing",
    "rose",
    "rising",
    "fell",
    "declined",
    "down",
    "achieved",
    "achieving",
    "recorded",
    "posted",
    "registered",
    "contributed",
    "contribute",
    "contributes",
    "now",
    "respectively",
    "and",
    "which",
    "that",
    "also",
    "its",
    "their",
    "average",
    "some",
    "only",
    "just",
    "already",
    "there",
    "than",
    "more",
    "about",
    "nearly",
    "over",
    "exceeded",
    "exceeding",
    "topped",
    "surpassed",
    "approximately",
    "around",
    "almost",
    "in",
    "on",
    "year",
    "shortened",
    "reduced",
    "improved",
    "decreased",
    "cut",
    "it",
    "they",
    "we",
    "hitting",
    "achieve",
    "see",
    "saw",
    "while",
];

/// Words stripped from the start of a clause.
const LEADING: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "while",
    "with",
    "but",
    "in",
    "as",
    "of",
    "this",
    "that",
    "its",
    "their",
    "our",
    "also",
    "meanwhile",
    "moreover",
    "besides",
    "so",
    "thus",
    "which",
    "among",
    "them",
    "where",
    "when",
    "now",
    "by",
    "end",
    "last",
    "year",
    "total",
    "units",
    "unit",
    "pieces",
    "items",
    "times",
];

/// Chinese words stripped from the end of a clause before a figure.
const CHINESE_TRAILING: &[&str] = &[
    "比上年同期",
    "比上年末",
    "比上季度",
    "比上月末",
    "比上月",
    "名义",
    "实际",
    "比上年",
    "上年末",
    "同比",
    "环比",
    "分别",
    "增长",
    "增加",
    "下降",
    "减少",
    "提高",
    "提升",
    "降低",
    "达到",
    "达",
    "为",
    "是",
    "突破",
    "实现",
    "完成",
    "超过",
    "累计",
    "共",
    "已经",
    "已",
    "总计",
    "合计",
    "的",
    "年均",
    "有",
    "建成",
    "新建",
    "了",
    "也",
    "亦",
    "约",
    "近",
    "逾",
    "占比",
    "比重",
    "净增",
    "新增",
    "规模",
    "年",
    "全年",
    "末",
    "底",
];

/// Chinese time and linking words stripped from the start of a clause.
const CHINESE_LEADING: &[&str] = &[
    "截至",
    "截止",
    "到",
    "至",
    "在",
    "去年",
    "今年",
    "全年",
    "上半年",
    "前三季度",
    "其中",
    "年末",
    "年底",
    "末",
    "底",
    "年",
    "，",
    "。",
    "：",
    "（",
    "(",
    "）",
    ")",
    "、",
];

/// Chinese measure words the figure grammar does not read (块, 只, 架 …): they may stand
/// between a figure and the conjunction of a list.
pub(crate) const MEASURE_WORDS: &[char] = &[
    '块', '只', '架', '艘', '部', '座', '条', '张', '片', '颗', '枚', '头', '匹', '根', '支', '批',
    '项', '所', '间', '辆', '台', '个', '家', '户', '件', '套', '吨', '元',
];

/// Words of a clause, Latin only, between `start` and `end`: `(start, end, folded)`.
fn words(text: &Chars, start: usize, end: usize) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let c = text.at(i);
        if is_latin(c) || c.is_ascii_digit() {
            let mut e = i;
            while e < end
                && (is_latin(text.at(e))
                    || text.at(e).is_ascii_digit()
                    || matches!(text.at(e), '-' | '\'' | '’'))
            {
                e += 1;
            }
            out.push((i, e, text.folded_text(i, e)));
            i = e;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether the text between `start` and `end` holds only spaces.
fn blank(text: &Chars, start: usize, end: usize) -> bool {
    (start..end).all(|i| text.at(i) == ' ')
}

/// The noun phrase right after a figure ending at `end`, in English; empty when the figure is
/// followed by punctuation, a verb or a function word.
pub(crate) fn after(text: &Chars, end: usize, sentence_end: usize) -> String {
    let limit = (end + 120).min(sentence_end);
    let ws = words(text, end, limit);
    let mut last = None;
    let mut last_and = None;
    let mut prev_end = end;
    let mut stopped_by_verb = false;
    // "7,886 classified as": a participle right after the figure is no noun phrase.
    let participle = ws
        .first()
        .is_some_and(|(s, _, w)| blank(text, end, *s) && w.ends_with("ed"));
    let then_preposition = ws.get(1).is_none_or(|(_, _, w)| {
        matches!(
            w.as_str(),
            "as" | "on" | "in" | "by" | "to" | "at" | "for" | "with" | "from"
        )
    });
    if participle && then_preposition {
        return String::new();
    }
    for (k, (s, e, w)) in ws.iter().enumerate() {
        if is_verb(w) {
            stopped_by_verb = blank(text, prev_end, *s);
            break;
        }
        // Only spaces (or a hyphen of "small- and") between words of one phrase.
        if !blank(text, prev_end, *s) {
            break;
        }
        let stop = AFTER_STOP.contains(&w.as_str());
        // "specialized and sophisticated enterprises": `and` between two words of the phrase.
        let joins = w == "and"
            && k > 0
            && ws.get(k + 1).is_some_and(|(ns, _, nw)| {
                blank(text, *e, *ns)
                    && !AFTER_STOP.contains(&nw.as_str())
                    && !nw.starts_with(|c: char| c.is_ascii_digit())
            });
        if (stop && !joins) || k >= 8 || w.chars().all(|c| c.is_ascii_digit()) {
            break;
        }
        if joins {
            last_and = last;
        }
        last = Some(*e);
        prev_end = *e;
    }
    // "units and sales hit": the words after `and` are the subject of the next clause.
    if stopped_by_verb && last_and.is_some() {
        last = last_and;
    }
    match last {
        // "about 430,000 sets": a bare counting noun names no subject; the clause before does.
        Some(e) if e > end && !GENERIC_COUNTS.contains(&text.folded_text(end, e).trim()) => {
            text.raw_text(end, e).trim().to_string()
        }
        _ => String::new(),
    }
}

/// Nouns that count anything, as measure words do in Chinese (套, 个, 件).
const GENERIC_COUNTS: &[&str] = &[
    "units", "unit", "sets", "set", "pieces", "piece", "items", "item",
];

/// The start of the clause holding `at`: after the last clause mark before it, not before
/// `floor`.
pub(crate) fn clause_start(text: &Chars, floor: usize, at: usize) -> usize {
    let mut s = at;
    // A closed parenthesis ("gross domestic product (GDP) of China") is part of the clause;
    // an open one ("（1）全年…") starts it.
    let mut depth = 0usize;
    while s > floor {
        match text.before(s) {
            ')' | '）' => depth += 1,
            '(' | '（' if depth > 0 => depth -= 1,
            ',' | '，' | ';' | '；' | ':' | '：' | '(' | '（' | '—' if depth == 0 => break,
            _ => {}
        }
        s -= 1;
    }
    s
}

/// The subject in the clause `start..end` before a figure, verbs and time words stripped.
pub(crate) fn before(text: &Chars, start: usize, end: usize) -> String {
    let chinese = (start..end).any(|i| is_cjk(text.at(i)));
    if chinese {
        return chinese_before(text, start, end);
    }
    let ws = words(text, start, end);
    let mut lo = 0;
    let mut hi = ws.len();
    while hi > lo {
        let w = &ws[hi - 1].2;
        if TRAILING.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit()) {
            hi -= 1;
        } else {
            break;
        }
    }
    while lo < hi {
        let w = &ws[lo].2;
        if LEADING.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit()) {
            lo += 1;
        } else {
            break;
        }
    }
    match (ws.get(lo), hi.checked_sub(1).and_then(|h| ws.get(h))) {
        (Some(first), Some(last)) if lo < hi => text.raw_text(first.0, last.1),
        _ => String::new(),
    }
}

fn chinese_before(text: &Chars, start: usize, end: usize) -> String {
    let mut s = text.folded_text(start, end).trim().to_string();
    let raw = text.raw_text(start, end);
    let offset = raw.chars().count() - raw.trim_start().chars().count();
    let mut lead = offset;
    loop {
        let before = s.chars().count();
        // Years and dates opening the clause: 2022年末, 1-11月.
        let digits = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '-')
            .count();
        // Only dates and list numbers: the "5" of 5G基站 is part of the name.
        let dated = matches!(
            s.chars().nth(digits),
            Some('年' | '月' | '日' | '）' | ')' | '、')
        );
        if digits > 0 && dated {
            s = s.chars().skip(digits).collect();
            lead += digits;
        }
        for w in CHINESE_LEADING {
            if let Some(r) = s.strip_prefix(w) {
                lead += w.chars().count();
                s = r.to_string();
            }
        }
        // Strip one word at a time, from the top of the list again, so that the longer
        // words (比上年) are tried before their parts (年).
        while let Some(r) = CHINESE_TRAILING.iter().find_map(|w| s.strip_suffix(w)) {
            s = r.trim_end().to_string();
        }
        if s.chars().count() == before {
            break;
        }
    }
    // Keep the original characters (traditional stays traditional).
    let n = s.chars().count();
    text.raw_text(start + lead, start + lead + n)
        .trim()
        .to_string()
}

/// The whole a share is of: "44.1% *of GDP*", "占*GDP*比重为44.1%".
pub(crate) fn whole(
    text: &Chars,
    clause: usize,
    start: usize,
    end: usize,
    sentence_end: usize,
) -> Option<String> {
    // English: "of X" after the figure.
    let mut j = end;
    while text.at(j) == ' ' && j < sentence_end {
        j += 1;
    }
    if text.has_at(j, "of ") {
        let limit = (j + 100).min(sentence_end);
        let ws = words(text, j + 3, limit);
        let mut last = None;
        let mut prev_end = j + 3;
        for (k, (s, e, w)) in ws.iter().enumerate() {
            if !blank(text, prev_end, *s) || k >= 8 {
                break;
            }
            if is_verb(w)
                || matches!(
                    w.as_str(),
                    "in" | "last"
                        | "this"
                        | "respectively"
                        | "and"
                        | "year"
                        | "compared"
                        | "while"
                        | "which"
                )
            {
                break;
            }
            last = Some(*e);
            prev_end = *e;
        }
        let phrase = text.raw_text(j + 3, last?);
        let phrase = phrase
            .trim()
            .trim_start_matches("the ")
            .trim_start_matches("total ")
            .trim_start_matches("the ")
            .to_string();
        return (!phrase.is_empty()).then_some(phrase);
    }
    // Chinese: 占 … 比重 / 的比重 / 的 before the figure.
    let mut k = start;
    while k > clause {
        k -= 1;
        if text.at(k) == '占' {
            let mut e = start;
            for tail in ["的比重", "比重", "的比例", "比例", "的", "为"] {
                let folded = text.folded_text(k + 1, e);
                if let Some(p) = folded.find(tail) {
                    e = k + 1 + folded[..p].chars().count();
                }
            }
            let w = text.raw_text(k + 1, e).trim().to_string();
            return (!w.is_empty()).then_some(w);
        }
    }
    None
}

/// The part of a subject before 占 (Chinese shares): "工业增加值占GDP比重" → "工业增加值".
pub(crate) fn part_of_share(subject: &str) -> &str {
    subject.split('占').next().unwrap_or(subject).trim()
}

/// Chinese compounds that name two measures at once, and the two they name: "新能源汽车产销分别
/// 完成…和…" gives production, then sales.
const PAIRED_COMPOUNDS: &[(&str, &str, &str)] = &[
    ("产销量", "产量", "销量"),
    ("产销", "产量", "销量"),
    ("进出口", "进口", "出口"),
    ("收支", "收入", "支出"),
    ("营收和利润", "营业收入", "利润"),
];

/// A subject ending in a paired compound, split into its two subjects with the head kept
/// ("新能源汽车产销" → "新能源汽车产量", "新能源汽车销量").
fn split_paired_compound(subject: &str) -> Option<[String; 2]> {
    let subject = subject.trim_end_matches(['分', '别']);
    PAIRED_COMPOUNDS.iter().find_map(|(compound, a, b)| {
        let head = subject.strip_suffix(compound)?;
        Some([format!("{head}{a}"), format!("{head}{b}")])
    })
}

/// Splits a subject naming `n` things ("NEV production and sales", "产量和销量") into `n`
/// subjects, giving a bare noun the head of the first ("NEV production and sales" → "NEV
/// production", "NEV sales"; "新能源汽车产量和销量" → "新能源汽车产量", "新能源汽车销量").
/// A paired compound (产销, 进出口) names two.
pub(crate) fn split_list(subject: &str, n: usize) -> Option<Vec<String>> {
    if n < 2 {
        return None;
    }
    let chinese = subject.chars().any(is_cjk);
    let parts: Vec<String> = if chinese {
        subject
            .split(['和', '、', '及', '与', '跟'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    } else {
        subject
            .replace(", and ", ", ")
            .replace(" and ", ", ")
            .split(", ")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    if chinese && n == 2 && parts.len() == 1 {
        if let Some(pair) = split_paired_compound(&parts[0]) {
            return Some(pair.to_vec());
        }
    }
    if parts.len() != n {
        return None;
    }
    let first = parts.first()?.clone();
    let out = parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            if i == 0 {
                return p;
            }
            if chinese {
                let pn = p.chars().count();
                let fc: Vec<char> = first.chars().collect();
                if pn <= 2 && fc.len() > pn {
                    let head: String = fc.iter().take(fc.len() - pn).collect();
                    return format!("{head}{p}");
                }
                p
            } else if !p.contains(' ') && first.contains(' ') {
                let head = first.rsplit_once(' ').map_or("", |(h, _)| h);
                format!("{head} {p}")
            } else {
                p
            }
        })
        .collect::<Vec<String>>();
    // "production and sales of integrated circuits": the complement after the last noun
    // belongs to every bare noun before it.
    if !chinese {
        let last = out.last()?.clone();
        if let Some((_, tail)) = last.split_once(' ') {
            let bare = out.len() - 1;
            if tail.starts_with("of ") && out.iter().take(bare).all(|p| !p.contains(' ')) {
                let mut fixed: Vec<String> = out
                    .iter()
                    .take(bare)
                    .map(|p| format!("{p} {tail}"))
                    .collect();
                fixed.push(last);
                return Some(fixed);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str, needle: &str) -> usize {
        s.find(needle).map(|b| s[..b].chars().count()).unwrap_or(0)
    }

    #[test]
    fn paired_compounds_split_into_their_two_measures() {
        assert_eq!(
            split_list("新能源汽车产销", 2),
            Some(vec![
                "新能源汽车产量".to_string(),
                "新能源汽车销量".to_string()
            ])
        );
        assert_eq!(
            split_list("货物进出口", 2),
            Some(vec!["货物进口".to_string(), "货物出口".to_string()])
        );
        assert_eq!(split_list("新能源汽车产销", 3), None);
    }

    #[test]
    fn finds_subjects_after_and_before() {
        let s = "China had built 3.42 million 5G base stations, and 7,886 small- and medium-sized firms were listed.";
        let c = Chars::new(s);
        assert_eq!(after(&c, at(s, " 5G"), c.len()), "5G base stations");
        assert_eq!(
            after(&c, at(s, " small-"), c.len()),
            "small- and medium-sized firms"
        );
        let t = "In 2022, the income of the software industry exceeded 12 trillion yuan";
        let c = Chars::new(t);
        assert_eq!(
            before(
                &c,
                clause_start(&c, 0, at(t, "exceeded")),
                at(t, "exceeded")
            ),
            "income of the software industry"
        );
        let z = "2022年末，全国新能源汽车产量和销量分别为816.9万辆";
        let c = Chars::new(z);
        assert_eq!(
            before(&c, clause_start(&c, 0, at(z, "816")), at(z, "816")),
            "全国新能源汽车产量和销量"
        );
    }

    #[test]
    fn finds_wholes_and_splits_lists() {
        let s = "accounting for 44.1% of the total GDP in 2022";
        let c = Chars::new(s);
        assert_eq!(
            whole(&c, 0, at(s, "44"), at(s, " of"), c.len()).as_deref(),
            Some("GDP")
        );
        let z = "工业增加值占GDP比重为44.1%";
        let c = Chars::new(z);
        assert_eq!(
            whole(&c, 0, at(z, "44"), c.len(), c.len()).as_deref(),
            Some("GDP")
        );
        assert_eq!(part_of_share("工业增加值占GDP比重"), "工业增加值");
        assert_eq!(
            split_list("NEV production and sales", 2).unwrap(),
            ["NEV production", "NEV sales"]
        );
        assert_eq!(
            split_list("新能源汽车产量和销量", 2).unwrap(),
            ["新能源汽车产量", "新能源汽车销量"]
        );
        assert!(split_list("NEV production", 2).is_none());
        assert_eq!(
            split_list("production and sales of integrated circuits", 2).unwrap(),
            [
                "production of integrated circuits",
                "sales of integrated circuits"
            ]
        );
    }

    #[test]
    fn names_with_digits_keep_them() {
        // The old code stripped the "5" of 5G as if it were a year.
        let z = "年末5G基站337.7万个";
        let c = Chars::new(z);
        assert_eq!(before(&c, 0, at(z, "337")), "5G基站");
        let y = "2022年末5G基站342万个";
        let c = Chars::new(y);
        assert_eq!(before(&c, 0, at(y, "342")), "5G基站");
    }
}
