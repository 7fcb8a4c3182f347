//! Sentences: where each figure stands, found once for the whole text.
//!
//! A sentence ends at `。！？!?`, at a line break, or at a full stop followed by a space that
//! does not close a common abbreviation (`Mr.`, `No.`, `p.m.`); a decimal point is followed
//! by a digit and so never ends one.

use super::text::{Chars, is_latin};

/// Abbreviations whose full stop does not end a sentence (folded, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "no", "st", "vs", "e.g", "i.e", "etc", "p.m", "a.m", "u.s", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "prof",
    "inc", "co", "ltd",
];

/// The longest sentence, in characters, before one is cut at a clause mark or space (twice
/// that without either).
pub(crate) const MAX_SENTENCE: usize = 1000;

/// The sentences of a text as `(start, end)` character ranges, trimmed of spaces, in order.
pub(crate) fn sentences(text: &Chars) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let n = text.len();
    let mut i = 0;
    while i < n {
        let c = text.at(i);
        let ends = match c {
            '。' | '！' | '？' | '!' | '?' | '\n' | '\r' => true,
            '.' => {
                let next = text.at(i + 1);
                (next.is_whitespace() || matches!(next, '"' | '”' | '\'' | '’') || i + 1 >= n)
                    && !closes_abbreviation(text, i)
            }
            // A text without stops is cut at a clause mark or space past MAX_SENTENCE, so that
            // no work per figure grows with the length of the text.
            ',' | '，' | ';' | '；' | ' ' => i - start >= MAX_SENTENCE,
            _ => i - start >= 2 * MAX_SENTENCE,
        };
        if ends {
            // Closing quotes belong to the sentence they close.
            let mut end = i + 1;
            while matches!(text.at(end), '"' | '”' | '\'' | '’' | '」' | '）' | ')') && end < n
            {
                end += 1;
            }
            push_trimmed(text, start, end, &mut out);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start, n, &mut out);
    out
}

fn closes_abbreviation(text: &Chars, dot: usize) -> bool {
    // The word before the dot: letters and inner dots.
    let mut s = dot;
    while s > 0 && (is_latin(text.before(s)) || text.before(s) == '.') {
        s -= 1;
    }
    let word = text.folded_text(s, dot);
    // A single capital letter ("J. Smith") is an initial.
    word.chars().count() == 1 && word.chars().all(is_latin)
        || ABBREVIATIONS.contains(&word.as_str())
}

fn push_trimmed(text: &Chars, mut start: usize, mut end: usize, out: &mut Vec<(usize, usize)>) {
    while start < end && text.at(start).is_whitespace() {
        start += 1;
    }
    while end > start && text.before(end).is_whitespace() {
        end -= 1;
    }
    if end > start {
        out.push((start, end));
    }
}

/// The index in `sentences` of the sentence holding character `at` (the last one starting at or
/// before it).
pub(crate) fn sentence_of(sentences: &[(usize, usize)], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|&(s, _)| s <= at);
    i.checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<String> {
        let c = Chars::new(s);
        sentences(&c)
            .into_iter()
            .map(|(a, b)| c.raw_text(a, b))
            .collect()
    }

    #[test]
    fn splits_on_stops_but_not_decimals_or_abbreviations() {
        assert_eq!(
            split("Mr. Jin said 3.42 million. Sales rose 3%! 产量增长5%。销量\n下降"),
            [
                "Mr. Jin said 3.42 million.",
                "Sales rose 3%!",
                "产量增长5%。",
                "销量",
                "下降"
            ]
        );
        assert_eq!(split("He said \"41.\" Then"), ["He said \"41.\"", "Then"]);
        assert!(split("   ").is_empty());
        let long = "1 2 ".repeat(1000);
        let parts = split(&long);
        assert!(parts.len() >= 3 && parts.iter().all(|p| p.chars().count() <= MAX_SENTENCE + 1));
        let dense = "字".repeat(5000);
        assert!(
            split(&dense)
                .iter()
                .all(|p| p.chars().count() <= 2 * MAX_SENTENCE + 1)
        );
    }

    #[test]
    fn finds_the_sentence_of_an_offset() {
        let s = [(0, 5), (7, 9)];
        assert_eq!(sentence_of(&s, 3), Some(0));
        assert_eq!(sentence_of(&s, 6), Some(0));
        assert_eq!(sentence_of(&s, 8), Some(1));
        assert_eq!(sentence_of(&[], 8), None);
    }
}
