//! The period a figure speaks of, from the time words of its sentence (`in 2022`, `as of the
//! end of 2022`, `last year`, `by the end of November`, `去年`, `2022年末`), resolved against the
//! date of the briefing; and that date, from the transcript's header when it is not given.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::period::Period;

use super::text::{Chars, is_latin};

/// Where a statement's period comes from.
///
/// # Example
/// ```
/// use indstat::extract::{statements, PeriodBasis};
/// let s = statements("In 2022, output grew 5%.");
/// assert_eq!(s[0].period_basis, Some(PeriodBasis::Stated));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodBasis {
    /// The sentence names the period (`in 2022`, `2022年末`).
    Stated,
    /// A relative time word (`last year`, `去年`) resolved against the date given by the caller
    /// (`--date`).
    GivenDate,
    /// A relative time word resolved against the date found in the transcript's header.
    HeaderDate,
}

/// English month names (folded), January first.
pub(crate) const MONTH_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The first date of the transcript's first lines: `March 1, 2023`, `1 March 2023`,
/// `2023年3月1日`, `2023-03-01`.
pub(crate) fn header_date(text: &Chars) -> Option<NaiveDate> {
    let limit = text.len().min(2000);
    let mut i = 0;
    while i < limit {
        let c = text.at(i);
        if c.is_ascii_digit() && !text.before(i).is_ascii_digit() {
            if let Some(d) = date_at(text, i) {
                return Some(d);
            }
        }
        i += 1;
    }
    None
}

fn digits_at(text: &Chars, i: usize) -> (usize, Option<u32>) {
    let mut j = i;
    let mut v: u32 = 0;
    while text.at(j).is_ascii_digit() && j < text.len() && j - i < 5 {
        v = v * 10 + text.at(j).to_digit(10).unwrap_or(0);
        j += 1;
    }
    (j, (j > i).then_some(v))
}

fn month_word_before(text: &Chars, end: usize) -> Option<u32> {
    let mut e = end;
    while e > 0 && text.before(e) == ' ' {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && is_latin(text.before(s)) {
        s -= 1;
    }
    let w = text.folded_text(s, e);
    MONTH_NAMES
        .iter()
        .position(|m| *m == w || (w.len() >= 3 && m.starts_with(&w)))
        .map(|p| p as u32 + 1)
}

fn date_at(text: &Chars, i: usize) -> Option<NaiveDate> {
    let (j, a) = digits_at(text, i);
    let a = a?;
    // 2023年3月1日 and 2023-03-01.
    if j - i == 4 && matches!(text.at(j), '年' | '-') {
        let (k, m) = digits_at(text, j + 1);
        let sep = if text.at(j) == '年' { '月' } else { '-' };
        if text.at(k) == sep {
            let (_, d) = digits_at(text, k + 1);
            return NaiveDate::from_ymd_opt(a as i32, m?, d?);
        }
        return None;
    }
    // March 1, 2023.
    if j - i <= 2 {
        if let Some(m) = month_word_before(text, i) {
            let mut k = j;
            while matches!(text.at(k), ',' | ' ') && k < j + 3 {
                k += 1;
            }
            let (e, y) = digits_at(text, k);
            if e - k == 4 {
                return NaiveDate::from_ymd_opt(y? as i32, m, a);
            }
        }
        // 1 March 2023.
        let s = j + usize::from(text.at(j) == ' ');
        let mut e = s;
        while is_latin(text.at(e)) && e < text.len() {
            e += 1;
        }
        let w = text.folded_text(s, e);
        if let Some(m) = MONTH_NAMES.iter().position(|m| *m == w) {
            let (ye, y) = digits_at(text, e + 1);
            if ye - (e + 1) == 4 {
                return NaiveDate::from_ymd_opt(y? as i32, m as u32 + 1, a);
            }
        }
    }
    None
}

/// A time mention in a sentence: what it says.
pub(crate) enum Mention {
    YearMonth(i32, u32),
    Year(i32),
    Month(u32),
    RelativeYear(i32),
}

#[cfg(test)]
/// The period of a figure at `at` in the sentence `start..end`: the last time mention before
/// the figure, else the first after it.
pub(crate) fn period_of(
    text: &Chars,
    start: usize,
    end: usize,
    at: usize,
    date: Option<(NaiveDate, PeriodBasis)>,
) -> Option<(Period, PeriodBasis)> {
    period_among(&Mentions::of(text, start, end), at, date)
}

/// The time mentions of one sentence, found once for all its figures.
pub(crate) struct Mentions(Vec<(usize, Mention)>);

impl Mentions {
    pub(crate) fn of(text: &Chars, start: usize, end: usize) -> Mentions {
        Mentions(mentions(text, start, end))
    }
}

/// As [`period_of`], with the sentence's mentions already found.
pub(crate) fn period_among(
    mentions: &Mentions,
    at: usize,
    date: Option<(NaiveDate, PeriodBasis)>,
) -> Option<(Period, PeriodBasis)> {
    let mentions = &mentions.0;
    let chosen = mentions
        .iter()
        .rfind(|(p, _)| *p <= at)
        .or_else(|| mentions.iter().find(|(p, _)| *p > at))?;
    match chosen.1 {
        Mention::Year(y) => Period::try_year(y).ok().map(|p| (p, PeriodBasis::Stated)),
        Mention::RelativeYear(offset) => {
            let (d, basis) = date?;
            Period::try_year(d.year() + offset).ok().map(|p| (p, basis))
        }
        Mention::YearMonth(y, m) => Period::month(y, m).ok().map(|p| (p, PeriodBasis::Stated)),
        Mention::Month(m) => {
            let (d, basis) = date?;
            // "by the end of November" said in March is last November.
            let year = if m > d.month() {
                d.year() - 1
            } else {
                d.year()
            };
            Period::month(year, m).ok().map(|p| (p, basis))
        }
    }
}

/// Prepositions after which a year or month is the period spoken of.
const YEAR_LEADS: &[&str] = &["in", "for", "of", "by", "during", "throughout", "through"];

fn mentions(text: &Chars, start: usize, end: usize) -> Vec<(usize, Mention)> {
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let c = text.at(i);
        if c.is_ascii_digit() && !text.before(i).is_ascii_alphanumeric() {
            let (j, v) = digits_at(text, i);
            if let Some(y) = v.filter(|_| j - i == 4 && !text.at(j).is_ascii_digit()) {
                if (1900..=2100).contains(&y) {
                    let lead = previous_word(text, i);
                    let chinese = text.at(j) == '年' && !text.at(j + 1).is_ascii_digit();
                    let since = lead.as_deref() == Some("since")
                        || text.has_before(i, "自")
                        || text.has_before(i, "从");
                    // 2023年12月: a month of a stated year.
                    let (k, m) = digits_at(text, j + 1);
                    let month = (text.at(j) == '年' && text.at(k) == '月')
                        .then_some(m)
                        .flatten()
                        .filter(|m| (1..=12).contains(m));
                    if let (false, Some(m)) = (since, month) {
                        out.push((i, Mention::YearMonth(y as i32, m)));
                        i = k + 1;
                        continue;
                    }
                    let stated = if chinese {
                        !is_chinese_base(text, i, j)
                    } else {
                        lead.as_deref().is_some_and(|w| YEAR_LEADS.contains(&w))
                            && !is_year_base(text, i)
                    };
                    if !since && stated {
                        out.push((i, Mention::Year(y as i32)));
                    }
                }
            } else if let Some(m) = v.filter(|m| j - i <= 2 && (1..=12).contains(m)) {
                // 12月份, 11月末: a month of the briefing's year; not a range such as 1-11月.
                let range = matches!(text.before(i), '-' | '–' | '至' | '~');
                if text.at(j) == '月' && !range && !text.has_at(j + 1, "日") {
                    let day = text.at(j + 1).is_ascii_digit();
                    if !day {
                        out.push((i, Mention::Month(m)));
                    }
                }
            }
            i = j.max(i + 1);
            continue;
        }
        if is_latin(c) && !is_latin(text.before(i)) {
            let mut e = i;
            while is_latin(text.at(e)) && e < end {
                e += 1;
            }
            // Compared in place: this runs for every word of every sentence.
            let year = text.word_in(i, e, &["year"]).is_some();
            let month = if year {
                None
            } else {
                text.word_in(i, e, MONTH_NAMES)
            };
            if !year && month.is_none() {
                i = e.max(i + 1);
                continue;
            }
            let lead = previous_word(text, i);
            match month {
                None => match lead.as_deref() {
                    // "over the previous year", "from last year": a comparison base, not the
                    // period spoken of.
                    Some("last") | Some("previous") if !is_base(text, i) => {
                        out.push((i, Mention::RelativeYear(-1)))
                    }
                    Some("this") => out.push((i, Mention::RelativeYear(0))),
                    _ => {}
                },
                Some(m) => {
                    let next_is_day = text.at(e + 1).is_ascii_digit();
                    if !next_is_day && lead.as_deref().is_some_and(|l| YEAR_LEADS.contains(&l)) {
                        out.push((i, Mention::Month(m as u32 + 1)));
                    }
                }
            }
            i = e.max(i + 1);
            continue;
        }
        if text.has_at(i, "去年")
            || text.has_at(i, "上年") && !text.has_before(i, "比") && !text.has_at(i, "上年同期")
        {
            out.push((i, Mention::RelativeYear(-1)));
        } else if text.has_at(i, "今年") || text.has_at(i, "本年") {
            out.push((i, Mention::RelativeYear(0)));
        }
        i += 1;
    }
    out
}

/// Whether the relative year word at `at` ("last year", "the previous year") follows a
/// preposition of comparison.
fn is_base(text: &Chars, at: usize) -> bool {
    after_base_word(
        text,
        at,
        &["over", "from", "than", "on", "with", "since"],
        &["last", "previous", "the", "a"],
        3,
    )
}

/// Whether one of `base` stands before `at`, with only `fillers` between them, within `words`
/// words back.
fn after_base_word(text: &Chars, at: usize, base: &[&str], fillers: &[&str], words: usize) -> bool {
    let mut end = at;
    for _ in 0..words {
        let Some(w) = previous_word(text, end) else {
            return false;
        };
        if base.contains(&w.as_str()) {
            return true;
        }
        if !fillers.contains(&w.as_str()) {
            return false;
        }
        let mut e = end;
        while e > 0 && text.before(e) == ' ' {
            e -= 1;
        }
        end = e.saturating_sub(w.chars().count());
    }
    false
}

/// Words that introduce the base of a comparison ("more than at the end of 2022", "over
/// 2022", "compared with 2022"): a year after them is not the period spoken of.
const BASE_WORDS: &[&str] = &["than", "over", "from", "compared", "with", "versus", "vs"];

/// Words that may stand between a base word and its year: "than at the end of 2022".
const BEFORE_A_YEAR: &[&str] = &[
    "the",
    "end",
    "beginning",
    "start",
    "close",
    "of",
    "at",
    "a",
    "same",
    "period",
    "in",
];

/// Whether the year written at `at` is a comparison base in English.
fn is_year_base(text: &Chars, at: usize) -> bool {
    after_base_word(text, at, BASE_WORDS, BEFORE_A_YEAR, 6)
}

/// Whether the year `at..end` (its digits; 年 follows) is a comparison base in Chinese:
/// 比2022年末, 较2022年, 与2022年相比, 同2022年相比.
fn is_chinese_base(text: &Chars, at: usize, end: usize) -> bool {
    text.has_before(at, "比")
        || text.has_before(at, "较")
        || (text.has_before(at, "与") || text.has_before(at, "同"))
            && (end..end + 6).any(|k| text.has_at(k, "相比"))
}

fn previous_word(text: &Chars, at: usize) -> Option<String> {
    let mut e = at;
    while e > 0 && text.before(e) == ' ' {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && is_latin(text.before(s)) {
        s -= 1;
    }
    (s < e).then(|| text.folded_text(s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(s: &str, at: &str, date: Option<NaiveDate>) -> Option<String> {
        let c = Chars::new(s);
        let pos = s.find(at).map(|b| s[..b].chars().count())?;
        period_of(
            &c,
            0,
            c.len(),
            pos,
            date.map(|d| (d, PeriodBasis::GivenDate)),
        )
        .map(|(p, _)| p.to_string())
    }

    #[test]
    fn resolves_time_words() {
        let d = NaiveDate::from_ymd_opt(2023, 3, 1);
        assert_eq!(
            period("In 2022, sales rose 5%", "5%", None).as_deref(),
            Some("2022")
        );
        assert_eq!(
            period("As of the end of 2022, 3.42 million", "3.42", None).as_deref(),
            Some("2022")
        );
        assert_eq!(
            period("sales rose 5% last year", "5%", d).as_deref(),
            Some("2022")
        );
        assert_eq!(period("sales rose 5% last year", "5%", None), None);
        assert_eq!(
            period("sales rose 5% over the previous year", "5%", d),
            None
        );
        assert_eq!(period("sales rose 5% from last year", "5%", d), None);
        assert_eq!(
            period("by the end of November, 3 million", "3 m", d).as_deref(),
            Some("2022-11")
        );
        assert_eq!(period("去年销量增长5%", "5%", d).as_deref(), Some("2022"));
        assert_eq!(
            period("2022年末，5G基站342万个", "342", None).as_deref(),
            Some("2022")
        );
        assert_eq!(period("比上年增长5%", "5%", d), None);
        assert_eq!(
            period("12月份，失业率为5.1%", "5.1", d).as_deref(),
            Some("2022-12")
        );
        assert_eq!(
            period("2023年12月，失业率为5.1%", "5.1", d).as_deref(),
            Some("2023-12")
        );
        assert_eq!(period("1-11月，利润增长5%", "5%", d), None);
        assert_eq!(
            period("the 2022 Fortune Global 500 list: 65 firms", "65", None),
            None
        );
        assert_eq!(period("growth since 2012 of 76%", "76", None), None);
        // A year after a comparison word is the base, not the period.
        for (base, figure) in [
            (
                "China had built 3.377 million, 1.065 million more than at the end of 2022",
                "1.065",
            ),
            ("up 1.065 million compared with the end of 2022", "1.065"),
            ("sales were 5% higher than in 2022", "5%"),
            ("比2022年末净增106.5万个", "106.5"),
            ("与2022年相比增长5%", "5%"),
        ] {
            assert!(base.contains(figure));
            assert_eq!(period(base, figure, None), None, "{base}");
        }
        assert_eq!(
            period(
                "In 2023, 1.065 million more than at the end of 2022",
                "1.065",
                None
            )
            .as_deref(),
            Some("2023")
        );
    }

    #[test]
    fn finds_the_header_date() {
        let d = |s: &str| header_date(&Chars::new(s)).map(|d| d.to_string());
        assert_eq!(
            d("Briefing\nBeijing | 3 p.m. March 1, 2023\n").as_deref(),
            Some("2023-03-01")
        );
        assert_eq!(d("发布时间：2023年1月17日").as_deref(), Some("2023-01-17"));
        assert_eq!(d("1 March 2023").as_deref(), Some("2023-03-01"));
        assert_eq!(d("2023-02-28 release").as_deref(), Some("2023-02-28"));
        assert_eq!(d("no date 2023年13月1日"), None);
    }
}
