//! What a figure measures, from its unit and the words around it: a level, a growth rate, a
//! share, a change in percentage points, a difference, a ratio or a compound annual rate.

use crate::unit::Dimension;
use crate::verify::ClaimKind;

use super::scan::Found;
use super::text::Chars;

/// What a figure statement measures.
///
/// # Example
/// ```
/// use indstat::extract::{statements, Measure};
/// let s = statements("Output grew 5.2% year on year, accounting for 38.6% of GDP.");
/// assert_eq!(s[0].measure, Measure::Growth);
/// assert_eq!(s[1].measure, Measure::Share);
/// assert_eq!(Measure::PpChange.claim_kind(), indstat::verify::ClaimKind::Difference);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// A value at a period: `3.42 million 5G base stations`, `reached 47.5%`.
    Level,
    /// A growth rate over a period: `up 85.7%`, `同比增长9.6%`.
    Growth,
    /// A part of a whole: `accounting for 44.1% of GDP`, `占…比重`.
    Share,
    /// A change of a rate in percentage points: `0.2 percentage points`, `提高0.5个百分点`.
    PpChange,
    /// A change of a level: `比上年末增加88.7万个`, `an increase of 3 million`.
    Difference,
    /// A multiple: `1.2 times`, `是…的2倍`.
    Ratio,
    /// A compound or average annual growth rate: `average annual growth of 8%`, `年均增长8%`.
    Cagr,
}

crate::string_enum::string_enum!(Measure, what = "measure", path = "indstat::extract::Measure", {
    Level => "level",
    Growth => "growth",
    Share => "share",
    PpChange => "pp_change",
    Difference => "difference",
    Ratio => "ratio",
    Cagr => "cagr",
});

impl Measure {
    /// The kind of claim that checks a statement of this measure (a change in percentage
    /// points is the difference of a rate).
    ///
    /// # Example
    /// ```
    /// use indstat::{extract::Measure, verify::ClaimKind};
    /// assert_eq!(Measure::Growth.claim_kind(), ClaimKind::Growth);
    /// ```
    pub fn claim_kind(self) -> ClaimKind {
        match self {
            Measure::Level => ClaimKind::Level,
            Measure::Growth => ClaimKind::Growth,
            Measure::Share => ClaimKind::Share,
            Measure::PpChange | Measure::Difference => ClaimKind::Difference,
            Measure::Ratio => ClaimKind::Ratio,
            Measure::Cagr => ClaimKind::Cagr,
        }
    }
}

/// Words before a percentage that make it a compound or average annual rate.
const CAGR_WORDS: &[&str] = &[
    "compound annual growth",
    "average annual growth",
    "annual average growth",
    "average annual increase",
    "average annual rate",
    "average growth of",
    "cagr",
    "年均增长",
    "年均增速",
    "年平均增长",
    "年复合增长",
    "复合增长率",
];

/// Words before a percentage that make it a share of a whole.
const SHARE_WORDS: &[&str] = &[
    "accounting for",
    "accounted for",
    "accounts for",
    "account for",
    "made up",
    "makes up",
    "make up",
    "making up",
    "share of",
    "proportion of",
    "contribute",
    "contributes",
    "contributed",
    "占比",
    "比重",
    "占",
];

/// Words before a percentage that make it a growth rate.
const GROWTH_WORDS: &[&str] = &[
    "increasing",
    "increased",
    "increase",
    "increases",
    "grew",
    "grow",
    "growing",
    "growth",
    "rose",
    "rise",
    "rising",
    "risen",
    "jumped",
    "surged",
    "up",
    "down",
    "fell",
    "fall",
    "falling",
    "dropped",
    "declined",
    "decline",
    "decreased",
    "decrease",
    "shortened by",
    "reduced by",
    "improved by",
    "cut by",
    "higher",
    "lower",
    "year on year",
    "year-on-year",
    "同比",
    "环比",
    "增长",
    "增速",
    "增幅",
    "下降",
    "提高",
    "提升",
    "降低",
    "减少",
    "增加",
    "上涨",
    "下跌",
];

/// Words right before a count or amount that make it a change of a level.
const DIFFERENCE_WORDS: &[&str] = &[
    "an increase of",
    "a decrease of",
    "increased by",
    "decreased by",
    "grew by",
    "rose by",
    "fell by",
    "up by",
    "down by",
    "added",
    "adding",
    "newly built",
    "比上年末增加",
    "比上年末减少",
    "比上年增加",
    "比上年减少",
    "比上年末净增",
    "净增",
    "新增",
    "增加",
    "减少",
];

/// Words right after a percentage that make it a growth rate.
const GROWTH_AFTER: &[&str] = &[
    "year on year",
    "year-on-year",
    "from a year earlier",
    "from the previous year",
    "over the previous year",
    "over last year",
    "compared with",
    "y-o-y",
    "yoy",
];

/// Words right after a level that make it a change of the level: "up 1.2 million from the end
/// of last year", "5,000 more than a year earlier".
const DIFFERENCE_AFTER: &[&str] = &[
    "from the end of",
    "over the end of",
    "compared with the end of",
    "from a year earlier",
    "from the previous year",
    "over the previous year",
    "from last year",
    "more than a year earlier",
    "more than the previous year",
];

/// Words of change directly before a level that make it a change ("up 1.2 million"). Kept to
/// the few words before the figure: "output went up in 2022 to 9 million" is a level.
const CHANGE_BEFORE: &[&str] = &["up", "down", "rose", "fell", "increased", "decreased"];

/// The last occurrence of any of `words` in the folded text `start..end`, as its end offset
/// from `start` in characters, respecting word boundaries for Latin words. One pass over the
/// window, in place; at each position only the words starting with its character are compared.
fn last_word(text: &Chars, start: usize, end: usize, words: &[&str]) -> Option<usize> {
    // "value-added" is not "added": a hyphen joins words.
    let joined = |c: char| c.is_alphanumeric() || c == '-';
    let mut best: Option<usize> = None;
    for i in start..end.min(text.len()) {
        let c = text.at(i);
        for w in words {
            // Only the words starting with this character are compared further.
            let mut chars = w.chars();
            if chars.next() != Some(c) {
                continue;
            }
            let n = 1 + chars.clone().count();
            // 增加值 (value added) is a noun, not 增加 (an increase).
            if text.has_at(i, "增加值") {
                continue;
            }
            if i + n > end || !chars.enumerate().all(|(k, x)| text.at(i + 1 + k) == x) {
                continue;
            }
            // Word boundaries inside the window only, as if it were the whole text.
            let left = i == start || !joined(text.before(i));
            let right = i + n == end || !joined(text.at(i + n));
            let ok = !w.is_ascii() || (left && right);
            if ok {
                let e = i + n - start;
                best = Some(best.map_or(e, |b| b.max(e)));
            }
        }
    }
    best
}

/// How far back (characters) the words of a measure may stand from the figure.
const WINDOW: usize = 48;

/// Words of a fall: a growth rate, difference or change in points after them is negative.
const DECREASE_WORDS: &[&str] = &[
    "down",
    "fell",
    "fall",
    "falling",
    "fallen",
    "dropped",
    "drop",
    "declined",
    "decline",
    "declining",
    "decreased",
    "decrease",
    "decreasing",
    "shortened",
    "reduced",
    "reduction",
    "cut",
    "lower",
    "lowered",
    "shrank",
    "contracted",
    "下降",
    "减少",
    "降低",
    "下跌",
    "回落",
    "缩小",
    "收窄",
    "萎缩",
];

/// Words of a rise, which end the reach of an earlier fall ("down 2% … up 3%").
const INCREASE_WORDS: &[&str] = &[
    "up",
    "rose",
    "rise",
    "rising",
    "risen",
    "grew",
    "growth",
    "increased",
    "increase",
    "increasing",
    "higher",
    "raised",
    "improved",
    "jumped",
    "surged",
    "expanded",
    "增长",
    "增加",
    "提高",
    "提升",
    "上涨",
    "上升",
    "扩大",
    "回升",
];

/// Whether the words before `found` (back to `floor`, in the window) say it is a fall:
/// the nearest word of change is one of [`DECREASE_WORDS`].
pub(crate) fn is_decrease(
    text: &Chars,
    found: &Found,
    sentence_start: usize,
    floor: usize,
) -> bool {
    let near = found
        .start
        .saturating_sub(WINDOW)
        .max(sentence_start)
        .max(floor);
    match (
        last_word(text, near, found.start, DECREASE_WORDS),
        last_word(text, near, found.start, INCREASE_WORDS),
    ) {
        (Some(d), Some(i)) => d > i,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The measure of `found`, in the sentence starting at `sentence_start`, with `floor` the
/// end of the previous figure of the sentence (its words belong to that one).
pub(crate) fn measure(
    text: &Chars,
    found: &Found,
    sentence_start: usize,
    sentence_end: usize,
    floor: usize,
) -> Option<Measure> {
    let dimension = found.figure.dimension();
    if matches!(dimension, Some(Dimension::PercentagePoint)) {
        return Some(Measure::PpChange);
    }
    let back = found.start.saturating_sub(WINDOW).max(sentence_start);
    let near = back.max(floor);
    let after_end = (found.end + 32).min(sentence_end);
    let percent = matches!(dimension, Some(Dimension::Percent));
    let times = text.at(found.end.saturating_sub(1)) == '倍' || text.has_before(found.end, "times");
    if times {
        let grow = last_word(
            text,
            found.start.saturating_sub(6).max(near),
            found.start,
            &["增长", "增加", "提高", "increase", "increased", "up"],
        );
        return Some(if grow.is_some() {
            Measure::Growth
        } else {
            Measure::Ratio
        });
    }
    if percent {
        if last_word(text, back, found.start, CAGR_WORDS).is_some() {
            return Some(Measure::Cagr);
        }
        let share = last_word(text, near, found.start, SHARE_WORDS);
        // The figure grammar reads some words of change itself ("fell more than 2%" is the
        // figure `more than -2%`): those count as the figure's own.
        let growth = last_word(text, near, found.start, GROWTH_WORDS)
            .or_else(|| last_word(text, found.start, found.end, GROWTH_WORDS));
        let rest = text.folded_text(found.end, after_end);
        let rest = rest.trim_start_matches([' ', ',', '，']);
        let rest = rest
            .strip_prefix("respectively")
            .unwrap_or(rest)
            .trim_start_matches([' ', ',', '，']);
        let of_follows = rest.starts_with("of ") || rest.starts_with("of the");
        let growth_after = GROWTH_AFTER.iter().any(|w| rest.starts_with(w));
        return Some(match (share, growth) {
            (Some(s), Some(g)) if s >= g => Measure::Share,
            (_, Some(_)) => Measure::Growth,
            (Some(_), None) => Measure::Share,
            (None, None) if growth_after => Measure::Growth,
            (None, None) if of_follows => Measure::Share,
            (None, None) => return None,
        });
    }
    let close = found.start.saturating_sub(20).max(near);
    if last_word(text, close, found.start, DIFFERENCE_WORDS).is_some() {
        return Some(Measure::Difference);
    }
    let rest = text.folded_text(found.end, after_end);
    let rest = rest.trim_start_matches([' ', ',', '，']);
    let changed_after = DIFFERENCE_AFTER.iter().any(|w| rest.starts_with(w));
    let adjacent = found.start.saturating_sub(10).max(near);
    let changed_before =
        last_word(text, adjacent, found.start, CHANGE_BEFORE).is_some() && !rest.starts_with("to ");
    if changed_after || changed_before && !rest.starts_with("in ") {
        return Some(Measure::Difference);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::scan::figures;

    fn measures(s: &str) -> Vec<Option<Measure>> {
        let c = Chars::new(s);
        let f = figures(&c);
        let mut floor = 0;
        f.iter()
            .map(|x| {
                let m = measure(&c, x, 0, c.len(), floor);
                floor = x.end;
                m
            })
            .collect()
    }

    #[test]
    fn reads_measures_from_words() {
        use Measure::*;
        assert_eq!(
            measures(
                "Output reached 8.16 million, increasing 85.7% and 82.3%, respectively, year on year, accounting for 44.1% of GDP"
            ),
            [None, Some(Growth), Some(Growth), Some(Share)]
        );
        assert_eq!(
            measures(
                "同比增长9.6%，占全国比重为30%，比上年末增加88.7万个，年均增长8%，提高0.5个百分点，增长1.2倍"
            ),
            [
                Some(Growth),
                Some(Share),
                Some(Difference),
                Some(Cagr),
                Some(PpChange),
                Some(Growth)
            ]
        );
        assert_eq!(
            measures("reached 47.5%, 2 times as large"),
            [None, Some(Ratio)]
        );
    }

    #[test]
    fn a_level_changed_from_a_base_is_a_difference() {
        use Measure::*;
        assert_eq!(
            measures("It had 3.38 million stations, up 1.07 million from the end of last year"),
            [None, Some(Difference)]
        );
        assert_eq!(
            measures("Users rose 12 million over the previous year, to 1.73 billion"),
            [Some(Difference), None]
        );
    }

    #[test]
    fn reads_falls() {
        let c = Chars::new("利润下降5.2%，收入增长3%，down 0.2 percentage points, up 4%");
        let f = figures(&c);
        let mut floor = 0;
        let falls: Vec<bool> = f
            .iter()
            .map(|x| {
                let d = is_decrease(&c, x, 0, floor);
                floor = x.end;
                d
            })
            .collect();
        assert_eq!(falls, [true, false, true, false]);
    }

    #[test]
    fn value_added_is_no_increase() {
        // 增加值 is value added: a level (the old code read a difference).
        let c = Chars::new("第三产业增加值688238亿元");
        let f = figures(&c);
        assert_eq!(measure(&c, &f[0], 0, c.len(), 0), None);
    }
}
