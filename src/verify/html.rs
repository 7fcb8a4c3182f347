//! The HTML report: one self-contained page (inline CSS, inline SVG, a few lines of inline
//! JavaScript, nothing fetched) that people can open on a phone, print, or send on.
//!
//! Every string from a claims file, a transcript or a dataset (quotes, notes, source titles,
//! series ids) goes through maud's automatic escaping, so a quote containing `<script>` is
//! shown as text. The page also carries a Content-Security-Policy that forbids every network
//! request, so even a mistake in escaping could not fetch anything.
//!
//! The interval bands are drawn here directly as SVG rather than with the `charts` feature:
//! a band is two rectangles on one axis, which needs no plotting library, and the report must
//! work in a default build.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::figure::round_half_away;
use crate::interval::Interval;
use crate::source::Source;
use crate::verify::finding::{Finding, InputUsed};
use crate::verify::report::Report;
use crate::verify::short;

const CSS: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");
/// No network at all: styles and scripts only inline, images only as data URIs.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; \
     script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// What a report page says about the run it reports: what was checked, against which data,
/// when; and, for `indstat check`, the statements of the transcript that matched no series.
///
/// Every field is optional in effect: empty ones are left out of the page.
///
/// # Example
/// ```
/// use indstat::verify::{verify, Claims, HtmlContext, Unmatched};
/// let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
/// let context = HtmlContext {
///     checked: "transcript briefing.txt".into(),
///     data: vec!["data/reference".into()],
///     date: Some("2023-03-02".into()),
///     unmatched: Some(vec![Unmatched {
///         figure: "3.5 million".into(),
///         sentence: "We trained 3.5 million workers.".into(),
///         reason: Some("no series is named `workers`".into()),
///     }]),
///     ..HtmlContext::default()
/// };
/// let page = report.html(&context);
/// assert!(page.contains("transcript briefing.txt") && page.contains("We trained 3.5 million workers."));
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlContext {
    /// The page title. Default: `indstat verification report`.
    pub title: String,
    /// What was checked, in words: a claims file or a transcript. Default: empty (left out).
    pub checked: String,
    /// The data folders or files the claims were checked against. Default: none (left out).
    pub data: Vec<String>,
    /// When the check ran, as the caller wants it shown. Default: `None` (left out).
    pub date: Option<String>,
    /// The statements that matched no series (`indstat check`); `None` for `indstat verify`,
    /// which has none to show. `Some(vec![])` says that every statement matched.
    pub unmatched: Option<Vec<Unmatched>>,
}

impl Default for HtmlContext {
    fn default() -> HtmlContext {
        HtmlContext {
            title: "indstat verification report".into(),
            checked: String::new(),
            data: Vec::new(),
            date: None,
            unmatched: None,
        }
    }
}

/// A figure statement of a transcript that matched no series, with its sentence.
///
/// # Example
/// ```
/// use indstat::verify::Unmatched;
/// let u = Unmatched { figure: "40%".into(), sentence: "Exports grew 40%.".into(), reason: None };
/// assert_eq!(u.figure, "40%");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The figure as written.
    pub figure: String,
    /// The sentence it appears in.
    pub sentence: String,
    /// Why it matched no series, when the extractor says.
    pub reason: Option<String>,
}

/// A verdict as the page explains it.
struct VerdictInfo {
    name: &'static str,
    /// Shown with the word on every badge, so a verdict never rests on colour alone.
    symbol: &'static str,
    meaning: &'static str,
}

/// Every verdict the verifier gives, in the order the page lists them. A verdict missing here
/// still renders, with a neutral style and its own name.
const VERDICTS: [VerdictInfo; 5] = [
    VerdictInfo {
        name: "consistent",
        symbol: "✓",
        meaning: "The data bear the figure out as it was written, read with ordinary rounding and the plain sense of its words.",
    },
    VerdictInfo {
        name: "approximate",
        symbol: "≈",
        meaning: "Only a looser reading fits: the figure was cut off rather than rounded (truncated), or a “more than” or “nearly” bounds it on one side only (bound). True but imprecise, not an error.",
    },
    VerdictInfo {
        name: "inconsistent",
        symbol: "✗",
        meaning: "No reading of the figure fits the data. The notes name a likely cause where the data show one, such as a slip by a power of ten or a revised base.",
    },
    VerdictInfo {
        name: "unverifiable",
        symbol: "?",
        meaning: "The data needed are missing or cannot be compared, so the figure can be neither confirmed nor refuted.",
    },
    VerdictInfo {
        name: "invalid",
        symbol: "!",
        meaning: "The claim cannot be checked as written: it is malformed or contradicts itself (see the note).",
    },
];

fn verdict_info(name: &str) -> Option<&'static VerdictInfo> {
    VERDICTS.iter().find(|v| v.name == name)
}

/// The CSS class of a verdict: only known names become classes, so a verdict string can never
/// inject a class the stylesheet did not plan for.
fn verdict_class(name: &str) -> &'static str {
    verdict_info(name).map_or("other", |v| v.name)
}

fn verdict_symbol(name: &str) -> &'static str {
    verdict_info(name).map_or("•", |v| v.symbol)
}

/// The words on a finding's badge: the verdict with its reading (`approximate (truncated)`).
fn badge_label(finding: &Finding) -> String {
    finding.label()
}

/// How many findings have each verdict: known verdicts in [`VERDICTS`] order (zero counts
/// included, so the legend is complete), then any other verdict in order of appearance.
fn tally(findings: &[Finding]) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> =
        VERDICTS.iter().map(|v| (v.name.to_string(), 0)).collect();
    for f in findings {
        let name = f.verdict.as_str();
        match counts.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name.to_string(), 1)),
        }
    }
    counts
}

impl Report {
    /// The report as one self-contained HTML page: a header with what was checked, the counts
    /// per verdict and a legend; a card per claim with its verdict badge, quote, reported and
    /// computed intervals, distance, notes, inputs with their sources, and a band drawing both
    /// intervals on one axis; filters by verdict and a text search (plain JavaScript; with
    /// JavaScript off the whole report is still shown); and, when `context.unmatched` is set,
    /// the statements that matched no series.
    ///
    /// Text from claims and data files is escaped; source links are made only for `http` and
    /// `https` URLs.
    ///
    /// # Example
    /// ```
    /// use indstat::verify::{verify, Claims, HtmlContext};
    /// let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
    /// let page = report.html(&HtmlContext::default());
    /// assert!(page.starts_with("<!DOCTYPE html>"));
    /// assert_eq!(page.matches("<article class=\"claim ").count(), report.findings().len());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn html(&self, context: &HtmlContext) -> String {
        let findings = self.findings();
        let counts = tally(findings);
        let present: Vec<&(String, usize)> = counts.iter().filter(|(_, n)| *n > 0).collect();
        let summary = present
            .iter()
            .map(|(name, n)| format!("{n} {name}"))
            .collect::<Vec<_>>()
            .join(", ");
        let total = findings.len();
        let page = html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta http-equiv="Content-Security-Policy" content=(CONTENT_SECURITY_POLICY);
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="generator" content={ "indstat " (env!("CARGO_PKG_VERSION")) };
                    title { (context.title) }
                    style { (PreEscaped(CSS)) }
                }
                body {
                    header #summary {
                        h1 { (context.title) }
                        dl.meta {
                            @if !context.checked.is_empty() {
                                dt { "Checked" }
                                dd { (context.checked) }
                            }
                            @if !context.data.is_empty() {
                                dt { "Data" }
                                dd { ul { @for d in &context.data { li { (d) } } } }
                            }
                            @if let Some(date) = &context.date {
                                dt { "Date" }
                                dd { (date) }
                            }
                            dt { "Result" }
                            dd #result {
                                (total) " claim" @if total != 1 { "s" }
                                @if !summary.is_empty() { ": " (summary) }
                            }
                        }
                        @if total > 0 {
                            div.bar role="img" aria-label={ "Claims by verdict: " (summary) } {
                                @for (name, n) in &present {
                                    span class={ "fill-" (verdict_class(name)) }
                                        style={ "flex: " (n) " 1 0" }
                                        title={ (n) " " (name) } {}
                                }
                            }
                        }
                        table.legend {
                            thead { tr { th { "Verdict" } th { "What it means" } th { "Claims" } } }
                            tbody {
                                @for (name, n) in &counts {
                                    tr {
                                        td { (badge(name, name)) }
                                        td { (verdict_info(name).map_or("A verdict this page does not know; see the notes.", |v| v.meaning)) }
                                        td.count { (n) }
                                    }
                                }
                            }
                        }
                        p {
                            "Each figure is read as the interval its written precision and wording stand for: “33.2%” is any value in [33.15, 33.25). "
                            "A square bracket includes its end, a round one excludes it; ∞ means no bound on that side."
                        }
                    }
                    form #filters hidden role="search" aria-label="Filter the claims" {
                        @for (name, n) in &present {
                            label {
                                input type="checkbox" data-verdict=(name) checked;
                                " " (badge(name, name)) " " (n)
                            }
                        }
                        input type="search" placeholder="Search quotes, notes, sources…" aria-label="Search the claims";
                        span #shown aria-live="polite" {}
                    }
                    main #claims {
                        h2 { "Claims" }
                        @for f in findings { (claim_card(f)) }
                    }
                    @if let Some(unmatched) = &context.unmatched {
                        section #unmatched {
                            h2 { "Statements that matched no series (" (unmatched.len()) ")" }
                            @if unmatched.is_empty() {
                                p { "Every figure statement of the transcript matched a series." }
                            } @else {
                                p { "These figures were found in the text, but no series in the data has a name their sentence uses, so they were not checked." }
                                ul.unmatched {
                                    @for u in unmatched {
                                        li {
                                            strong { (u.figure) } " — " q { (u.sentence) }
                                            @if let Some(reason) = &u.reason { br; small { (reason) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    footer {
                        "Made by indstat " (env!("CARGO_PKG_VERSION")) ". "
                        "This page fetches nothing; the filters need JavaScript, the report does not."
                    }
                    script { (PreEscaped(SCRIPT)) }
                }
            }
        };
        page.into_string()
    }
}

fn badge(verdict: &str, label: &str) -> Markup {
    html! {
        span class={ "badge v-" (verdict_class(verdict)) } {
            span.sym aria-hidden="true" { (verdict_symbol(verdict)) }
            (label)
        }
    }
}

fn claim_card(f: &Finding) -> Markup {
    let verdict = f.verdict.as_str();
    let unit = f.unit.as_ref().map(|u| format!(" {u}")).unwrap_or_default();
    html! {
        article class={ "claim v-" (verdict_class(verdict)) } data-verdict=(verdict) data-id=(f.id) {
            header {
                (badge(verdict, &badge_label(f)))
                h3 { (f.id) }
                span.kind { (f.kind.as_str()) " · " (f.period) }
            }
            @if let Some(quote) = &f.quote {
                blockquote {
                    "“" (quote) "”"
                    @if let Some(speaker) = &f.speaker { cite { "— " (speaker) } }
                }
            }
            dl.facts {
                dt { "Reported" }
                dd {
                    (f.reported_text)
                    @if let Some(r) = &f.reported { " → " (short(r)) (unit) }
                }
                dt { "Data give" }
                dd {
                    @match &f.computed {
                        Some(c) => { (short(c)) (unit) },
                        None => "—",
                    }
                }
                @if let Some(d) = f.distance {
                    dt { "Distance" }
                    dd {
                        @if d.is_zero() {
                            "none: the intervals overlap or touch"
                        } @else {
                            (round_half_away(d, 4).normalize()) (unit)
                        }
                        @if let Some(rel) = f.relative_distance {
                            @if !rel.is_zero() {
                                " (" (round_half_away(rel * Decimal::ONE_HUNDRED, 2).normalize()) "% of the figure)"
                            }
                        }
                    }
                }
            }
            @if let (Some(r), Some(c)) = (&f.reported, &f.computed) {
                @if let Some(svg) = band(r, c) { (svg) }
            }
            @if !f.notes.is_empty() {
                ul.notes { @for note in &f.notes { li { (note) } } }
            }
            @if !f.inputs.is_empty() {
                div.inputs-head { "Inputs" }
                ul.inputs { @for input in &f.inputs { li { (input_item(input)) } } }
            }
        }
    }
}

fn input_item(input: &InputUsed) -> Markup {
    html! {
        code { (input.series) } " " (input.period) " = " (input.value) " " (input.unit)
        @if let Some(source) = &input.source { " — " (source_cite(source)) }
    }
}

fn source_cite(s: &Source) -> Markup {
    html! {
        (s.publisher) ", "
        @match web_url(s.url.as_deref()) {
            Some(url) => { a href=(url) rel="noopener noreferrer" { cite { (s.title) } } },
            None => { cite { (s.title) } },
        }
        ", released " (s.released)
        @if let Some(locator) = &s.locator { " (" (locator) ")" }
    }
}

/// A source URL worth a link: only the web schemes, so a `javascript:` or `data:` URL in a
/// sources file never becomes clickable.
fn web_url(url: Option<&str>) -> Option<&str> {
    let url = url?.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url)
}

/// The SVG band's geometry, in its own user units.
const BAND_WIDTH: f64 = 360.0;
const AXIS_START: f64 = 66.0;
const AXIS_END: f64 = 352.0;
/// Narrow enough intervals still get a visible mark.
const MIN_MARK: f64 = 3.0;

/// Both intervals on one axis: the reported one on the upper lane, the computed one below.
/// `None` when neither has a finite end to place. Drawn in `f64`, which only positions
/// pixels: the exact intervals are in the text beside it.
fn band(reported: &Interval, computed: &Interval) -> Option<Markup> {
    let ends = |i: &Interval| [i.low().value(), i.high().value()];
    let finite: Vec<Decimal> = ends(reported)
        .into_iter()
        .chain(ends(computed))
        .flatten()
        .collect();
    let low = *finite.iter().min()?;
    let high = *finite.iter().max()?;
    let (lo, hi) = (low.to_f64()?, high.to_f64()?);
    let span = hi - lo;
    let pad = if span > 0.0 {
        span * 0.08
    } else {
        (lo.abs() * 0.05).max(1.0)
    };
    let (axis_lo, axis_hi) = (lo - pad, hi + pad);
    let x = |v: f64| AXIS_START + (v - axis_lo) / (axis_hi - axis_lo) * (AXIS_END - AXIS_START);
    let lane = |i: &Interval, y: f64, class: &str| -> Markup {
        let left = i
            .low()
            .value()
            .and_then(|v| v.to_f64())
            .map_or(AXIS_START, x);
        let right = i
            .high()
            .value()
            .and_then(|v| v.to_f64())
            .map_or(AXIS_END, x);
        let (left, width) = if right - left < MIN_MARK {
            let mid = (left + right) / 2.0;
            (mid - MIN_MARK / 2.0, MIN_MARK)
        } else {
            (left, right - left)
        };
        let open_low = i.low().value().is_none();
        let open_high = i.high().value().is_none();
        let mid_y = y + 6.0;
        html! {
            rect class=(class) x=(px(left)) y=(px(y)) width=(px(width)) height="12" {}
            // An unbounded side runs off the axis: an arrowhead says so.
            @if open_low {
                path class=(class) d={ "M" (px(AXIS_START - 6.0)) " " (px(mid_y)) " l6 -6 v12 z" } {}
            }
            @if open_high {
                path class=(class) d={ "M" (px(AXIS_END + 6.0)) " " (px(mid_y)) " l-6 -6 v12 z" } {}
            }
        }
    };
    let relation = if reported.overlaps(computed) {
        "they overlap".to_string()
    } else {
        format!(
            "they are {} apart",
            round_half_away(reported.distance(computed), 4).normalize()
        )
    };
    let label = format!(
        "Reported {} and data {} on one axis: {relation}",
        short(reported),
        short(computed)
    );
    let tick = |v: Decimal| round_half_away(v, 4).normalize().to_string();
    Some(html! {
        svg.band xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (BAND_WIDTH) " 60" }
            width=(BAND_WIDTH) height="60" role="img" aria-label=(label) {
            title { (label) }
            text.lane-label x="0" y="16" { "reported" }
            (lane(reported, 6.0, "reported"))
            text.lane-label x="0" y="34" { "data" }
            (lane(computed, 24.0, "data"))
            line.axis x1=(AXIS_START) y1="43" x2=(AXIS_END) y2="43" {}
            line.axis x1=(px(x(lo))) y1="40" x2=(px(x(lo))) y2="46" {}
            line.axis x1=(px(x(hi))) y1="40" x2=(px(x(hi))) y2="46" {}
            text.tick x=(px(x(lo))) y="57" text-anchor="start" { (tick(low)) }
            @if high != low {
                text.tick x=(px(x(hi))) y="57" text-anchor="end" { (tick(high)) }
            }
        }
    })
}

/// A coordinate with one decimal: enough for a screen, short in the file.
fn px(v: f64) -> String {
    format!("{v:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            web_url(Some(" https://www.stats.gov.cn/ ")),
            Some("https://www.stats.gov.cn/")
        );
        assert_eq!(web_url(Some("HTTP://x.org")), Some("HTTP://x.org"));
        assert_eq!(web_url(Some("javascript:alert(1)")), None);
        assert_eq!(web_url(Some("data:text/html,<b>")), None);
        assert_eq!(web_url(Some("")), None);
        assert_eq!(web_url(Some("файл")), None);
        assert_eq!(web_url(None), None);
    }

    #[test]
    fn unknown_verdicts_get_the_neutral_class() {
        assert_eq!(verdict_class("approximate"), "approximate");
        assert_eq!(verdict_class("invalid"), "invalid");
        assert_eq!(verdict_class("x\" onmouseover=\"alert(1)"), "other");
    }

    #[test]
    fn band_places_a_tenfold_slip_far_from_the_data() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // "520 million" against 52 million (in 万: [52000, 53000) against [5200, 5300)).
        let reported = Interval::half_open(d("52000"), d("53000")).unwrap();
        let computed = Interval::half_open(d("5200"), d("5300")).unwrap();
        let svg = band(&reported, &computed).unwrap().into_string();
        // Axis 5200..53000 padded by 8% of 47800 = 3824 on each side: 1376..56824 over the
        // 286 units from 66 to 352. The data's lane runs from 66 + 3824/55448·286 = 85.72 to
        // 66 + 3924/55448·286 = 86.24, narrower than the 3-unit minimum mark, so it is drawn
        // 3 wide around its middle 85.98: from 84.48. The reported lane starts at
        // 66 + 50624/55448·286 = 327.1.
        assert!(
            svg.contains(r#"class="data" x="84.5" y="24.0" width="3.0""#),
            "{svg}"
        );
        assert!(svg.contains(r#"class="reported" x="327.1""#), "{svg}");
        assert!(svg.contains("they are 46700 apart"), "{svg}");
    }

    #[test]
    fn band_draws_unbounded_ends_as_arrows() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let reported = Interval::at_least(d("650"), false);
        let computed = Interval::half_open(d("705"), d("706")).unwrap();
        let svg = band(&reported, &computed).unwrap().into_string();
        assert_eq!(svg.matches("<path").count(), 1, "{svg}");
        assert!(svg.contains("they overlap"), "{svg}");
        assert!(
            band(
                &Interval::at_least(d("1"), false),
                &Interval::at_most(d("0"), false)
            )
            .is_some()
        );
    }
}
