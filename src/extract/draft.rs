//! Drafting claims from statements, and `check`: extract, draft, verify in one call.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use crate::dataset::Dataset;
use crate::figure::Figure;
use crate::period::Period;
use crate::verify::{ClaimKind, Claims, Report, verify};

use super::matching::{Match, match_statement};
use super::{PeriodBasis, Statement, match_series, statements_dated};

/// One statement drafted as a claim, or why it could not be.
enum Drafted {
    Claim { id: String, toml: String },
    Unmatched { reason: String },
}

/// A TOML string literal.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A claim id part: lower case, words joined by `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// The start year of a compound rate: "since 2012", "from 2012", "2012年以来".
fn start_year(sentence: &str) -> Option<i32> {
    let lower = sentence.to_lowercase();
    for lead in ["since ", "from ", "自", "从"] {
        if let Some(p) = lower.find(lead) {
            let rest = &lower[p + lead.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if digits.len() == 4 {
                return digits.parse().ok();
            }
        }
    }
    let p = lower.find("年以来")?;
    let before: String = lower[..p]
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    before
        .parse()
        .ok()
        .filter(|y: &i32| (1900..=2100).contains(y))
}

fn draft_one(
    s: &Statement,
    m: Option<Match>,
    date: Option<NaiveDate>,
    used: &mut Vec<String>,
) -> Drafted {
    let Some(m) = m else {
        let reason = if s.subject.is_empty() {
            "no subject found".to_string()
        } else {
            format!(
                "no series named like \"{}\" for a {} figure",
                s.subject, s.measure
            )
        };
        return Drafted::Unmatched { reason };
    };
    let (period, assumed) = match (s.period, date.map(|d| Period::try_year(d.year() - 1))) {
        (Some(p), _) => (p, false),
        (None, Some(Ok(last_year))) => (last_year, true),
        (None, Some(Err(_))) => {
            return Drafted::Unmatched {
                reason: "the briefing date gives no year the data can have".into(),
            };
        }
        (None, None) => {
            return Drafted::Unmatched {
                reason: "matches series `{}` but the period is unknown (give --date)"
                    .replace("{}", &m.series),
            };
        }
    };
    let mut body = String::new();
    let _ = writeln!(body, "quote = {}", quoted(&s.sentence));
    let _ = writeln!(body, "kind = \"{}\"", m.kind);
    let _ = writeln!(body, "series = {}", quoted(&m.series));
    if let Some(of) = &m.of {
        let _ = writeln!(body, "of = {}", quoted(of));
    }
    if m.kind == ClaimKind::Cagr {
        // "Since … in 2012": the year stated in a `since` sentence is the start.
        let lower = s.sentence.to_lowercase();
        let since = lower.contains("since") || lower.contains("以来");
        let stated = s
            .period
            .filter(|_| s.period_basis == Some(PeriodBasis::Stated));
        let from =
            start_year(&s.sentence).or_else(|| stated.filter(|_| since).map(|p| p.calendar_year()));
        let to = match (stated, date) {
            (Some(p), _) if Some(p.calendar_year()) != from => Some(p.calendar_year()),
            (_, Some(d)) => Some(d.year() - 1),
            _ => None,
        };
        let (Some(from), Some(to)) = (from, to) else {
            return Drafted::Unmatched {
                reason: format!(
                    "a compound rate of `{}` without its start and end years",
                    m.series
                ),
            };
        };
        let _ = writeln!(body, "from = \"{from}\"\nto = \"{to}\"");
    } else {
        let _ = writeln!(body, "period = \"{period}\"");
        if matches!(m.kind, ClaimKind::Growth | ClaimKind::Difference) && since_year_end(s) {
            let _ = writeln!(body, "over = \"year-end\"");
        }
    }
    // The figure as written when the grammar reads it back the same; else its canonical form.
    // A fall ("下降5%") is a negative change: drafted as -5%, and the note says so.
    // Qualifiers speak of magnitude, so "fell more than 5%" is `more than -5%`: (−6, −5].
    let negated = s.decrease && !s.figure.value().is_sign_negative();
    let reported = if negated {
        let canonical = s.figure.to_string();
        let value = s.figure.value().to_string();
        canonical.replacen(&value, &format!("-{value}"), 1)
    } else {
        match s.text.parse::<Figure>() {
            Ok(f) if f == s.figure => s.text.clone(),
            _ => s.figure.to_string(),
        }
    };
    let _ = writeln!(body, "reported = {}", quoted(&reported));
    let mut note = format!(
        "drafted by indstat extract from characters {}–{} ({}, subject \"{}\")",
        s.start, s.end, s.measure, s.subject
    );
    if negated {
        let _ = write!(
            note,
            "; written \"{}\" after a word of decrease: drafted negative",
            s.text
        );
    }
    if assumed {
        let _ = write!(
            note,
            "; period not stated: assumed {period}, the year before the briefing"
        );
    }
    let _ = writeln!(body, "note = {}", quoted(&note));
    let base = slug(&format!("{}-{}-{}", m.series, period, m.kind));
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.push(id.clone());
    Drafted::Claim {
        toml: format!("[[claim]]\nid = {}\n{body}", quoted(&id)),
        id,
    }
}

/// Whether the words around the figure compare it with the end of the previous year
/// (比上年末, "from the end of last year"), the base of a stock's change in monthly releases.
fn since_year_end(s: &Statement) -> bool {
    const YEAR_END: &[&str] = &[
        "上年末",
        "上年底",
        "去年底",
        "去年末",
        "end of last year",
        "end of the previous year",
        "end of the preceding year",
        "end of 20",
    ];
    let sentence: Vec<char> = s.sentence.chars().collect();
    let figure: Vec<char> = s.text.chars().collect();
    // The figure's place in its sentence; the words that qualify its base stand near it.
    let at = (0..sentence.len().saturating_sub(figure.len()) + 1)
        .find(|&i| sentence[i..].starts_with(&figure))
        .unwrap_or(0);
    let from = at.saturating_sub(16);
    let to = (at + figure.len() + 40).min(sentence.len());
    let around: String = sentence[from..to].iter().collect::<String>().to_lowercase();
    YEAR_END.iter().any(|w| around.contains(w))
        && !around.contains("as of the end")
        && !around.contains("by the end")
}

fn draft_all(statements: &[Statement], data: &Dataset, date: Option<NaiveDate>) -> Vec<Drafted> {
    let mut used = Vec::new();
    statements
        .iter()
        .map(|s| draft_one(s, match_statement(s, data), date, &mut used))
        .collect()
}

/// Comment text on one line: no line breaks or control characters.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The draft claims file for `statements`: one `[[claim]]` per statement matched to a series
/// of `data`, and the unmatched statements as comments with their sentence. Statements with no
/// stated period take the year before `date` (noted in the claim).
///
/// # Example
/// ```
/// use indstat::extract::{statements, draft_toml};
/// let s = statements("As of the end of 2022, China had 3.42 million 5G base stations and 41 categories.");
/// let toml = draft_toml(&s, &indstat::Dataset::bundled()?, None);
/// assert!(toml.contains("series = \"fiveg_base_stations\""));
/// assert!(toml.contains("# unmatched: 41"));
/// // `verify` accepts it as is.
/// assert_eq!(indstat::verify::Claims::parse(&toml, "draft.toml")?.len(), 1);
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn draft_toml(statements: &[Statement], data: &Dataset, date: Option<NaiveDate>) -> String {
    let mut out = String::from(
        "# Claims drafted by `indstat extract`: check each quote, kind, series and period.\n\n",
    );
    for (s, d) in statements.iter().zip(draft_all(statements, data, date)) {
        match d {
            Drafted::Claim { toml, .. } => {
                out.push_str(&toml);
                out.push('\n');
            }
            Drafted::Unmatched { reason } => {
                let _ = writeln!(
                    out,
                    "# unmatched: {} ({}, characters {}–{}): {}\n#   sentence: {}\n",
                    one_line(&s.text),
                    s.measure,
                    s.start,
                    s.end,
                    one_line(&reason),
                    one_line(&s.sentence)
                );
            }
        }
    }
    out
}

/// The claims drafted for `statements` against `data` (see [`draft_toml`]).
///
/// # Example
/// ```
/// use indstat::extract::{statements, draft_claims};
/// let s = statements("In 2022, the income of the software industry exceeded 12 trillion yuan.");
/// let claims = draft_claims(&s, &indstat::Dataset::bundled()?, None);
/// assert_eq!(claims.claims()[0].series, ["software_revenue"]);
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn draft_claims(statements: &[Statement], data: &Dataset, date: Option<NaiveDate>) -> Claims {
    let mut claims = Claims::default();
    for d in draft_all(statements, data, date) {
        if let Drafted::Claim { toml, .. } = d {
            // A drafted claim the claims grammar refuses is left out rather than guessed.
            if let Ok(one) = Claims::parse(&toml, "draft") {
                for c in one.claims() {
                    let _ = claims.push(c.clone());
                }
            }
        }
    }
    claims
}

/// The outcome of [`check`]: the report on the drafted claims, the statements, which
/// statement each finding comes from, and the statements no series matched.
#[derive(Debug)]
pub struct Checked {
    /// The verification report of the drafted claims.
    pub report: Report,
    /// Every statement found, with `series` filled in.
    pub statements: Vec<Statement>,
    /// For each drafted claim id, the index of its statement in `statements`.
    pub sources: Vec<(String, usize)>,
    /// The statements that could not be drafted as claims, with the reason.
    pub unmatched: Vec<(Statement, String)>,
}

/// Extracts the statements of `text`, drafts claims against `data` and verifies them: the
/// command a fact-checker runs on a new briefing (`indstat check`). Relative periods and
/// unstated ones use `date`, else the date in the text's header.
///
/// # Example
/// ```
/// use indstat::extract::check;
/// use indstat::verify::Verdict;
/// let text = "March 1, 2023\nAs of the end of 2022, China had more than 2.3 million 5G base stations. It has 41 categories.";
/// let checked = check(text, &indstat::Dataset::bundled()?, None);
/// assert_eq!(checked.report.findings()[0].verdict, Verdict::Consistent);
/// assert_eq!(checked.unmatched.len(), 1);
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn check(text: &str, data: &Dataset, date: Option<NaiveDate>) -> Checked {
    // Statements resolve against the given date, else the header's (and say which); drafting
    // needs one date either way.
    let mut statements = statements_dated(text, date);
    let date = date.or_else(|| super::briefing_date(text));
    match_series(&mut statements, data);
    let mut claims = Claims::default();
    let mut sources = Vec::new();
    let mut unmatched = Vec::new();
    for (k, (s, d)) in statements
        .iter()
        .zip(draft_all(&statements, data, date))
        .enumerate()
    {
        match d {
            Drafted::Claim { id, toml } => match Claims::parse(&toml, "draft") {
                Ok(one) => {
                    for c in one.claims() {
                        let _ = claims.push(c.clone());
                    }
                    sources.push((id, k));
                }
                Err(e) => unmatched.push((s.clone(), e.to_string())),
            },
            Drafted::Unmatched { reason } => unmatched.push((s.clone(), reason)),
        }
    }
    Checked {
        report: verify(data, &claims),
        statements,
        sources,
        unmatched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_since_the_end_of_last_year_is_drafted_over_the_year_end() {
        let data = crate::extract::reference_data().unwrap();
        let text = "By the end of 2022, China had 2.31 million 5G base stations, up 887,000 from the end of last year.";
        let s = crate::extract::statements(text);
        assert_eq!(s[1].measure, crate::extract::Measure::Difference);
        let toml = draft_toml(&s, &data, None);
        assert!(toml.contains("kind = \"difference\""), "{toml}");
        assert!(toml.contains("over = \"year-end\""), "{toml}");
        // 231.2万 − 142.5万 = 88.7万 stations built in 2022: 887,000 is consistent.
        let claims = Claims::parse(&toml, "draft").unwrap();
        let report = verify(&data, &claims);
        let change = report
            .findings()
            .iter()
            .find(|f| f.kind == ClaimKind::Difference)
            .unwrap();
        assert_eq!(change.verdict, crate::verify::Verdict::Consistent, "{toml}");
    }

    #[test]
    fn falls_are_drafted_negative() {
        let data = crate::extract::reference_data().unwrap();
        let text =
            "In 2022, NEV production fell 3.5% year on year. In 2022, NEV sales fell more than 2%.";
        let s = crate::extract::statements(text);
        // "fell 3.5%": the fall word stands before the figure, which is drafted negated.
        assert!(s[0].decrease);
        // "fell more than 2%": the figure grammar reads the fall itself, as a negative figure
        // whose qualifier speaks of magnitude: (−3, −2] percent.
        assert!(s[1].figure.value().is_sign_negative());
        let toml = draft_toml(&s, &data, None);
        assert!(toml.contains("reported = \"-3.5%\""), "{toml}");
        let claims = Claims::parse(&toml, "draft").unwrap();
        assert_eq!(claims.len(), 2, "{toml}");
        let fall = claims.claims()[1].reported.interval().unwrap();
        assert_eq!(fall.to_string(), "(-3, -2]");
    }

    #[test]
    fn check_says_where_the_date_comes_from() {
        let data = crate::extract::reference_data().unwrap();
        let text = "March 1, 2023\nLast year, China had 3.42 million 5G base stations.";
        let header = check(text, &data, None);
        assert_eq!(
            header.statements[0].period_basis,
            Some(PeriodBasis::HeaderDate)
        );
        let given = check(text, &data, NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(
            given.statements[0].period_basis,
            Some(PeriodBasis::GivenDate)
        );
        assert_eq!(
            given.statements[0].period.map(|p| p.to_string()).as_deref(),
            Some("2023")
        );
    }

    #[test]
    fn helpers_read_years_and_slugs() {
        assert_eq!(
            start_year("its CAGR since 2012 has reached 76%"),
            Some(2012)
        );
        assert_eq!(start_year("2012年以来年均增长76%"), Some(2012));
        assert_eq!(start_year("growth of 76%"), None);
        assert_eq!(
            slug("nev_production 2022 growth"),
            "nev-production-2022-growth"
        );
        let v: toml::Value = toml::from_str(&format!("x = {}", quoted("a \"b\" 'c'\n"))).unwrap();
        assert_eq!(v.get("x").and_then(|x| x.as_str()), Some("a \"b\" 'c'\n"));
    }
}
