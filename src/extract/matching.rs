//! Matching statements to series: by the series' `aliases` and `name`, English word by word
//! (every word of a name among the subject's words, plural or singular, hyphens as spaces),
//! Chinese as a substring; the longest name wins, among the series whose unit the figure can
//! be read in and whose kind suits the measure.

use crate::dataset::Dataset;
use crate::series::Series;
use crate::unit::{Dimension, Unit};
use crate::verify::ClaimKind;

use super::Measure;
use super::Statement;
use super::subject::is_verb;
use super::text::{fold, is_cjk};

/// Words that do not tell series apart.
const STOP: &[&str] = &[
    "the", "of", "a", "an", "and", "in", "were", "was", "is", "are", "its", "total",
];

/// The words of an English phrase for matching: lower case, singular, no stop words.
fn tokens(text: &str) -> Vec<String> {
    all_tokens(text)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// The words of a subject: lower case, singular, articles dropped, prepositions kept (they
/// end a noun phrase's head).
fn all_tokens(text: &str) -> Vec<String> {
    // The possessive is no word of its own: "China's" is "China".
    text.to_lowercase()
        .replace("'s ", " ")
        .replace("’s ", " ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "a" | "an"))
        .map(|w| {
            let w = w.strip_suffix("'s").unwrap_or(w);
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// How well `name` names `subject`: its length in words (English) or characters (Chinese),
/// or `None` when it does not.
fn score(name: &str, subject: &str, subject_tokens: &[String]) -> Option<usize> {
    if name.chars().any(is_cjk) {
        // Compared folded: traditional characters as simplified (國內生產總值 is 国内生产总值).
        let compact: String = name
            .split_whitespace()
            .flat_map(str::chars)
            .map(fold)
            .collect();
        let subject: String = subject.chars().map(fold).collect();
        let subject = subject.as_str();
        // Only a scope word may stand before the name: 全国新能源汽车产量 is 新能源汽车产量,
        // but 高技术制造业增加值 is not 制造业增加值.
        let at = subject.find(&compact)?;
        let before = subject.get(..at)?.trim();
        let scope = ["", "全国", "我国", "中国", "全年", "国内", "全部", "全"];
        return scope.contains(&before).then(|| compact.chars().count());
    }
    // The name's words, in order, in the subject without its stop words; before them only
    // scope words ("the total value-added of industry", "China's … industry"), so that
    // "specialized and sophisticated SMEs" is not "SMEs".
    let words = tokens(name);
    let content: Vec<&String> = subject_tokens
        .iter()
        .filter(|t| !STOP.contains(&t.as_str()))
        .collect();
    let n = words.len();
    if n == 0 || content.len() < n {
        return None;
    }
    let at = (0..=content.len() - n).find(|&k| {
        content
            .get(k..k + n)
            .is_some_and(|w| w.iter().zip(&words).all(|(a, b)| *a == b))
    })?;
    if !content.iter().take(at).all(|t| SCOPE.contains(&t.as_str())) {
        return None;
    }
    // The name's last word must head the subject: followed by nothing, a preposition or a
    // verb, so that "SMEs" does not name "SME clusters".
    let last = content.get(at + n - 1)?;
    let pos = subject_tokens.iter().position(|t| std::ptr::eq(t, *last))?;
    let heads = subject_tokens.get(pos + 1).is_none_or(|next| {
        PREPOSITIONS.contains(&next.as_str()) || next.ends_with("ed") || is_verb(next)
    });
    heads.then_some(n * 2)
}

/// Words that may stand before a series' name without narrowing it.
const SCOPE: &[&str] = &[
    "number",
    "china",
    "chinese",
    "national",
    "nationwide",
    "country",
    "overall",
    "whole",
    "all",
    "domestic",
    "our",
    "annual",
    "current",
    "cumulative",
    "accumulated",
];

/// Words after which a noun phrase's head has ended.
const PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "above",
    "below",
    "under",
    "over",
    "across",
    "per",
    "to",
    "as",
    "than",
    "during",
    "nationwide",
    "worldwide",
    "of",
    "and",
];

/// `text` without its parenthesised asides (balanced, either script); unbalanced
/// parentheses stay as they are.
fn without_asides(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if depth > 0 {
        text.to_string()
    } else {
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The best-named series for `subject` among `candidates`.
fn best<'a>(subject: &str, candidates: impl Iterator<Item = &'a Series>) -> Option<&'a Series> {
    if subject.trim().is_empty() {
        return None;
    }
    // A parenthesis is an aside ("gross domestic product (GDP) of China"): names are
    // matched around it.
    let cleaned = without_asides(subject);
    let subject = cleaned.as_str();
    let subject_tokens = all_tokens(subject);
    let mut best: Option<(usize, &Series)> = None;
    for s in candidates {
        let meta = s.meta();
        let names = meta
            .aliases()
            .iter()
            .map(String::as_str)
            .chain([meta.name.as_str()]);
        let top = names
            .filter_map(|n| score(n, subject, &subject_tokens))
            .max();
        if let Some(sc) = top {
            if best.is_none_or(|(b, _)| sc > b) {
                best = Some((sc, s));
            }
        }
    }
    best.map(|(_, s)| s)
}

fn is_rate(unit: &Unit) -> bool {
    matches!(unit.dimension(), Dimension::Percent)
}

/// A statement matched to data: the series, the claim kind that checks it, and the whole of a
/// share when the data hold it.
pub(crate) struct Match {
    pub(crate) series: String,
    pub(crate) kind: ClaimKind,
    pub(crate) of: Option<String>,
}

/// Matches `statement` to a series of `data`.
pub(crate) fn match_statement(statement: &Statement, data: &Dataset) -> Option<Match> {
    let figure = &statement.figure;
    let percent = matches!(figure.dimension(), Some(Dimension::Percent));
    let fits = |s: &Series| figure.unit_against(s.unit()).is_ok();
    let subject = statement.subject.as_str();
    let (series, kind) = match statement.measure {
        Measure::Level | Measure::Difference => {
            let s = best(
                subject,
                data.iter()
                    .filter(|s| fits(s) && (!percent || is_rate(s.unit()))),
            )?;
            (s, statement.measure.claim_kind())
        }
        Measure::PpChange => {
            let s = best(subject, data.iter().filter(|s| is_rate(s.unit())))?;
            (s, ClaimKind::Difference)
        }
        Measure::Growth if percent => {
            let s = best(subject, data.iter())?;
            // A published growth rate is checked as a level of its series.
            let kind = if is_rate(s.unit()) {
                ClaimKind::Level
            } else {
                ClaimKind::Growth
            };
            (s, kind)
        }
        Measure::Share if percent => {
            let s = best(subject, data.iter().filter(|s| !is_rate(s.unit())))?;
            (s, ClaimKind::Share)
        }
        Measure::Cagr if percent => {
            let s = best(subject, data.iter().filter(|s| !is_rate(s.unit())))?;
            (s, ClaimKind::Cagr)
        }
        _ => return None,
    };
    let of = match kind {
        ClaimKind::Share => statement.whole.as_deref().and_then(|w| {
            best(
                w,
                data.iter()
                    .filter(|s| !is_rate(s.unit()) && s.unit().is_compatible(series.unit())),
            )
            .map(|s| s.id().to_string())
        }),
        _ => None,
    };
    Some(Match {
        series: series.id().to_string(),
        kind,
        of,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_word_by_word_and_by_substring() {
        let t = all_tokens("the total value-added of industry");
        assert!(score("value added of industry", "", &t).is_some());
        assert!(score("5G base stations", "", &all_tokens("5G base station")).is_some());
        assert!(score("NEV production", "", &all_tokens("NEV sales")).is_none());
        assert!(
            score(
                "SMEs",
                "",
                &all_tokens("distinctive industrial SME clusters")
            )
            .is_none()
        );
        assert!(
            score(
                "standard racks",
                "",
                &all_tokens("standard racks in service")
            )
            .is_some()
        );
        assert_eq!(score("新能源汽车产量", "全国新能源汽车产量", &[]), Some(7));
        assert!(score("新能源汽车销量", "新能源汽车产量", &[]).is_none());
        assert!(score("制造业增加值", "高技术制造业增加值", &[]).is_none());
        let named = |name: &str, subject: &str| score(name, "", &all_tokens(subject)).is_some();
        assert!(!named("SMEs", "specialized and sophisticated SMEs"));
        assert!(named("SMEs", "the number of SMEs"));
        assert!(!named(
            "industrial value added",
            "value added of industrial firms"
        ));
        let industry = "China's electronic information manufacturing industry achieved an income";
        assert!(named(
            "electronic information manufacturing industry",
            industry
        ));
        assert!(!named("electronic information manufacturing", industry));
        assert!(score("国内生产总值", "全年國內生產總值", &[]).is_some());
        assert_eq!(
            without_asides("gross domestic product (GDP) of China"),
            "gross domestic product of China"
        );
        assert_eq!(without_asides("a (b"), "a (b");
    }
}
