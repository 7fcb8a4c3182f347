//! From a transcript to claims: find every figure statement of a text (English, Chinese in
//! simplified or traditional characters, full-width digits, or all mixed), say what it
//! measures, of what and when, match it to the series of a dataset, and draft the claims
//! file that [`verify`](crate::verify) checks.
//!
//! ```
//! use indstat::extract::{statements, Measure};
//! use indstat::Qualifier;
//!
//! let text = "In 2022, NEV production and sales reached 8.16 million and 5.79 million, \
//!             increasing 85.7% and 82.3%, respectively. 2022年末，5G基站超过342万个。";
//! let found = statements(text);
//! let values: Vec<&str> = found.iter().map(|s| s.value.as_str()).collect();
//! assert_eq!(values, ["8.16", "5.79", "85.7", "82.3", "342"]);
//! assert_eq!(found[3].measure, Measure::Growth);
//! assert_eq!(found[3].subject, "NEV sales");
//! assert_eq!(found[4].qualifier, Qualifier::Exceeded);
//! assert_eq!(found[4].text, "超过342万个");
//! assert_eq!(found[4].period.map(|p| p.to_string()).as_deref(), Some("2022"));
//! ```
//!
//! # What is a figure statement
//! A number as written with its qualifier, scale and unit, read by the crate's one figure
//! grammar ([`Figure`]): `more than 3.42 million`, `816.9万辆`, `超过1万亿元`, `近30%`,
//! `增长1.2倍`, `0.2 percentage points`; `兆` reads as 10^12 (Hong Kong and Taiwan usage).
//! Not figures: years and dates used as time (`in 2022`, `March 1`, `2023年`), ordinals and
//! names (`20th`, `5G`, `C919`, `IMT-2030`, `Fortune Global 500`), list numbering and phone
//! numbers. Numbers spelled in words (`eight`, `half`) are not read.
//!
//! # What each statement says
//! - [`Measure`]: from the unit and the words around the figure (`up`, `同比增长`, `accounting
//!   for … of`, `占…比重`, `percentage points`, `比上年末增加`, `average annual growth`).
//!   Figures joined by `and`/`和`/`、` share the measure of the first.
//! - Period: the last time mention before the figure in its sentence (else the first after),
//!   resolved against the briefing date ([`PeriodBasis`] says which date).
//! - Subject: the noun phrase after the figure, else the clause before it; "respectively"
//!   lists (`respectively`, `分别`) pair figures with subjects in order.

mod draft;
mod matching;
mod measure;
mod period;
mod scan;
mod sentence;
mod subject;
mod text;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::dataset::Dataset;
use crate::figure::{Figure, Qualifier};
use crate::period::Period;

pub use draft::{Checked, check, draft_claims, draft_toml};
pub use measure::Measure;
pub use period::PeriodBasis;

use text::{Chars, is_cjk};

/// One figure statement of a text.
///
/// Offsets are in characters (Unicode scalar values) of the input, not bytes.
///
/// # Example
/// ```
/// use indstat::extract::{statements, Measure};
/// let s = &statements("Sales hit 5.79 million, up 82.3% year on year.")[1];
/// assert_eq!((s.text.as_str(), s.value.as_str()), ("82.3%", "82.3"));
/// assert_eq!((s.start, s.end), (27, 32));
/// assert_eq!(s.measure, Measure::Growth);
/// assert_eq!(s.sentence, "Sales hit 5.79 million, up 82.3% year on year.");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// The figure as written, qualifier included (`more than 3.42 million`).
    pub text: String,
    /// The number as written, in ASCII digits, without separators (`70000`, `-4.0`).
    pub value: String,
    /// The qualifier (`""` when plain).
    pub qualifier: Qualifier,
    /// The canonical unit, or `None` when only a scale (or nothing) is given.
    pub unit: Option<String>,
    /// First character of the figure.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The sentence it stands in.
    pub sentence: String,
    /// What it measures.
    pub measure: Measure,
    /// The words say the figure is a fall ("down 5%", "下降5%", "shortened by 20.7%"): the
    /// growth, difference or change it states is minus its value. Drafted claims report it
    /// negated.
    pub decrease: bool,
    /// The period it speaks of, when the text says.
    #[serde(serialize_with = "period_text")]
    pub period: Option<Period>,
    /// Where the period comes from.
    pub period_basis: Option<PeriodBasis>,
    /// The words naming what is measured (empty when none were found).
    pub subject: String,
    /// For a share, the words naming the whole (`GDP`).
    pub whole: Option<String>,
    /// The series it matches, after [`match_series`].
    pub series: Option<String>,
    /// The series of the whole of a share, after [`match_series`].
    pub of: Option<String>,
    /// The figure, as the grammar reads it.
    #[serde(skip)]
    pub figure: Figure,
}

fn period_text<S: Serializer>(p: &Option<Period>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.collect_str(p),
        None => s.serialize_none(),
    }
}

/// The figure statements of `text`, in order; periods relative to the date in the text's
/// header (`March 1, 2023`, `2023年3月1日`), if any.
///
/// Never panics, whatever the text.
///
/// # Example
/// ```
/// use indstat::extract::statements;
/// let s = statements("全年新能源汽车产量816.9万辆，同比增长85.7%。The 14th Five-Year Plan.");
/// assert_eq!(s.len(), 2);
/// assert_eq!(s[0].unit.as_deref(), Some("10 thousand vehicles"));
/// assert_eq!(s[0].subject, "新能源汽车产量");
/// assert_eq!(s[1].subject, "新能源汽车产量");
/// ```
pub fn statements(text: &str) -> Vec<Statement> {
    statements_dated(text, None)
}

/// The figure statements of `text`, with relative periods (`last year`, `去年`) resolved
/// against `date` when given, else against the date in the text's header.
///
/// # Example
/// ```
/// use indstat::extract::{statements_dated, PeriodBasis};
/// let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 17);
/// let s = statements_dated("Last year, output grew 5.2%.", date);
/// assert_eq!(s[0].period.unwrap().to_string(), "2023");
/// assert_eq!(s[0].period_basis, Some(PeriodBasis::GivenDate));
/// ```
pub fn statements_dated(text: &str, date: Option<NaiveDate>) -> Vec<Statement> {
    let chars = Chars::new(text);
    let sentences = sentence::sentences(&chars);
    let found = scan::figures(&chars);
    let date = match date {
        Some(d) => Some((d, PeriodBasis::GivenDate)),
        None => period::header_date(&chars).map(|d| (d, PeriodBasis::HeaderDate)),
    };
    let mut out: Vec<Statement> = Vec::with_capacity(found.len());
    // Per statement: its sentence index and whether it continues a list ("85.7% and 82.3%").
    let mut places: Vec<(usize, bool)> = Vec::with_capacity(found.len());
    // The time mentions of the current sentence, found once for all its figures.
    let mut mentions: Option<(usize, period::Mentions)> = None;
    for (k, f) in found.iter().enumerate() {
        let si = sentence::sentence_of(&sentences, f.start).unwrap_or(0);
        let (ss, se) = sentences.get(si).copied().unwrap_or((0, chars.len()));
        // A figure across a sentence cut (only in sentences longer than the cut) keeps its end.
        let se = se.max(f.end);
        let prev = k
            .checked_sub(1)
            .and_then(|p| found.get(p))
            .filter(|p| p.end > ss && places.last().is_some_and(|(s, _)| *s == si));
        let floor = prev.map_or(ss, |p| p.end);
        let continues = prev.is_some_and(|p| is_list_joint(&chars.folded_text(p.end, f.start)));
        let measure = match measure::measure(&chars, f, ss, se, floor) {
            Some(m) => m,
            None if continues => out.last().map_or(Measure::Level, |s| s.measure),
            None => Measure::Level,
        };
        let decrease = matches!(
            measure,
            Measure::Growth | Measure::Difference | Measure::PpChange | Measure::Cagr
        ) && (measure::is_decrease(&chars, f, ss, floor)
            || continues && out.last().is_some_and(|s| s.decrease));
        if mentions.as_ref().is_none_or(|(i, _)| *i != si) {
            mentions = Some((si, period::Mentions::of(&chars, ss, se)));
        }
        let found_period = mentions
            .as_ref()
            .and_then(|(_, m)| period::period_among(m, f.start, date));
        let (period, period_basis) = match found_period {
            Some((p, b)) => (Some(p), Some(b)),
            None => (None, None),
        };
        let clause = subject::clause_start(&chars, floor, f.start);
        let chinese = (clause..f.end).any(|i| is_cjk(chars.at(i)));
        let mut subject = String::new();
        if matches!(measure, Measure::Level | Measure::Difference) && !chinese {
            subject = subject::after(&chars, f.end, se);
        }
        if subject.is_empty() && !continues {
            subject = subject::before(&chars, clause, f.start);
        }
        let whole = if measure == Measure::Share {
            subject::whole(&chars, clause, f.start, f.end, se)
        } else {
            None
        };
        if chinese && measure == Measure::Share {
            subject = subject::part_of_share(&subject).to_string();
        }
        out.push(Statement {
            text: chars.raw_text(f.start, f.end),
            value: f.value.clone(),
            qualifier: f.figure.qualifier(),
            unit: f.figure.unit().map(|u| u.to_string()),
            start: f.start,
            end: f.end,
            sentence: chars.raw_text(ss, se),
            measure,
            decrease,
            period,
            period_basis,
            subject,
            whole,
            series: None,
            of: None,
            figure: f.figure.clone(),
        });
        places.push((si, continues));
    }
    pair_subjects(&mut out, &places);
    complete_bare_measures(&mut out, &places);
    out
}

/// English nouns of measure that name no thing on their own ("while sales reached 9.49
/// million").
const BARE_MEASURES: &[&str] = &[
    "sales",
    "output",
    "production",
    "exports",
    "imports",
    "revenue",
    "operating revenue",
    "profits",
    "investment",
    "shipments",
    "deliveries",
];

/// A subject that is a bare measure takes the thing of the nearest statement before it, in its
/// sentence or the one before, whose subject is a measure of a thing: after "output of new
/// energy vehicles", "sales" is "sales of new energy vehicles".
fn complete_bare_measures(out: &mut [Statement], places: &[(usize, bool)]) {
    for i in 1..out.len() {
        let bare = out[i].subject.trim().to_lowercase();
        if !BARE_MEASURES.contains(&bare.as_str()) {
            continue;
        }
        let here = places.get(i).map_or(0, |p| p.0);
        let thing = (0..i)
            .rev()
            .take_while(|p| places.get(*p).is_some_and(|x| x.0 + 1 >= here))
            .find_map(|p| thing_of(&out[p].subject).map(str::to_string));
        if let Some(thing) = thing {
            out[i].subject = format!("{} of {thing}", out[i].subject.trim());
        }
    }
}

/// The thing a measure phrase is of: "output of new energy vehicles" → "new energy vehicles".
fn thing_of(subject: &str) -> Option<&str> {
    let (measure, thing) = subject.split_once(" of ")?;
    let measure = measure.trim().to_lowercase();
    let measure = measure.strip_prefix("the ").unwrap_or(&measure);
    (BARE_MEASURES.contains(&measure) && !thing.trim().is_empty()).then_some(thing.trim())
}

/// Whether the text between two figures only joins them in a list. `to`/`至` does not: after a
/// change it introduces the new level ("rose 0.4 percentage points to 15.7%"), and a range
/// ("10% to 20%") is one figure of the grammar.
fn is_list_joint(between: &str) -> bool {
    let t = between.trim().trim_start_matches(subject::MEASURE_WORDS);
    let t = t.trim().trim_matches(',').trim();
    matches!(
        t,
        "" | "and" | "or" | "、" | "和" | "及" | "与" | "以及" | "," | "，"
    )
}

/// Gives subjects to figures of lists: "respectively" pairs in order, otherwise a figure
/// without a subject takes the one of the figure before it in the sentence.
fn pair_subjects(out: &mut [Statement], places: &[(usize, bool)]) {
    let mut k = 0;
    while k < out.len() {
        // The list starting at k: k and the statements that continue it.
        let mut e = k + 1;
        while places
            .get(e)
            .is_some_and(|(s, c)| *c && Some(*s) == places.get(k).map(|p| p.0))
        {
            e += 1;
        }
        let n = e - k;
        let sentence = places.get(k).map_or(usize::MAX, |p| p.0);
        let respectively = n >= 2
            && out.get(k).is_some_and(|s| {
                let l = s.sentence.to_lowercase();
                l.contains("respectively") || l.contains("分别") || l.contains("分別")
            });
        if n >= 2 && respectively {
            let first = out.get(k).map(|s| s.subject.clone()).unwrap_or_default();
            let split = subject::split_list(&first, n).or_else(|| {
                // The subjects of the n statements before the list, in the same sentence.
                let s0 = k.checked_sub(n)?;
                let same = (s0..k).all(|i| places.get(i).is_some_and(|p| p.0 == sentence));
                let subs: Vec<String> = (s0..k)
                    .filter_map(|i| out.get(i).map(|s| s.subject.clone()))
                    .collect();
                (same && subs.iter().all(|s| !s.is_empty())).then_some(subs)
            });
            if let Some(subs) = split {
                for (i, sub) in (k..e).zip(subs) {
                    if let Some(s) = out.get_mut(i) {
                        s.subject = sub;
                    }
                }
            }
        }
        for i in k..e {
            let inherit = i
                .checked_sub(1)
                .filter(|p| {
                    places
                        .get(*p)
                        .is_some_and(|x| x.0 == places.get(i).map_or(usize::MAX, |y| y.0))
                })
                .and_then(|p| out.get(p))
                .map(|p| p.subject.clone());
            if let (Some(s), Some(prev)) = (out.get(i).map(|s| s.subject.is_empty()), inherit) {
                if s {
                    if let Some(cur) = out.get_mut(i) {
                        cur.subject = prev;
                    }
                }
            }
        }
        k = e;
    }
}

/// Fills [`Statement::series`] and [`Statement::of`] with the series of `data` each statement
/// matches, by the series' `aliases` and `name` (see `data/reference/series.toml`).
///
/// # Example
/// ```
/// use indstat::extract::{statements, match_series};
/// let mut s = statements("As of the end of 2022, China had 3.42 million 5G base stations.");
/// match_series(&mut s, &indstat::Dataset::bundled()?);
/// assert_eq!(s[0].series.as_deref(), Some("fiveg_base_stations"));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn match_series(statements: &mut [Statement], data: &Dataset) {
    for s in statements.iter_mut() {
        let m = matching::match_statement(s, data);
        s.series = m.as_ref().map(|m| m.series.clone());
        s.of = m.and_then(|m| m.of);
    }
}

/// The bundled reference data (`data/reference`: NBS, MIIT and CAAM figures, with `aliases`
/// on every series), without the bundled briefing's own statements: what `indstat check`
/// matches a new transcript against by default.
///
/// # Errors
/// Never in a released build (the bundled files are tested).
///
/// # Example
/// ```
/// let data = indstat::extract::reference_data()?;
/// assert!(data.series("fiveg_base_stations").is_some());
/// assert!(data.series("b13_fiveg_base_stations").is_none());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn reference_data() -> crate::Result<Dataset> {
    let folders: Vec<_> = crate::bundled::folders()
        .into_iter()
        .filter(|f| f.name == std::path::Path::new(crate::bundled::REFERENCE))
        .collect();
    Dataset::from_texts(&folders)
}

/// The date of a briefing as its header gives it (`March 1, 2023`, `2023年3月1日`,
/// `2023-03-01` in the first 2,000 characters).
///
/// # Example
/// ```
/// let d = indstat::extract::briefing_date("SCIO briefing\nBeijing | 3 p.m. March 1, 2023\n");
/// assert_eq!(d.map(|d| d.to_string()).as_deref(), Some("2023-03-01"));
/// assert_eq!(indstat::extract::briefing_date("no date here"), None);
/// ```
pub fn briefing_date(text: &str) -> Option<NaiveDate> {
    period::header_date(&Chars::new(text))
}
