//! A verification report and its formats: a terminal table, Markdown, JSON and HTML.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use crate::table::Columns;
use crate::verify::finding::{Finding, Verdict};
use crate::verify::short;

/// How to print a report.
///
/// # Example
/// ```
/// use indstat::verify::Format;
/// assert_eq!("markdown".parse::<Format>()?, Format::Markdown);
/// assert!("xml".parse::<Format>().is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// An aligned table for the terminal (the default).
    #[default]
    Table,
    /// A Markdown table.
    Markdown,
    /// A JSON array of findings.
    Json,
    /// A self-contained HTML page (see [`Report::html`] for the page with a header context).
    Html,
}

crate::string_enum::string_enum!(Format, what = "format", path = "indstat::verify::Format", {
    Table => "table" | "text",
    Markdown => "markdown" | "md",
    Json => "json",
    Html => "html",
});

/// The findings of a verification, in claim order.
///
/// # Example
/// ```
/// use indstat::verify::{verify, Claims, Format};
/// let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
/// assert_eq!(report.counts().total(), report.findings().len());
/// let json: serde_json::Value = serde_json::from_str(&report.render(Format::Json, false))?;
/// assert_eq!(json.as_array().unwrap().len(), report.findings().len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    findings: Vec<Finding>,
}

const GREEN: Style = AnsiColor::Green.on_default();
const RED: Style = AnsiColor::Red.on_default();
const YELLOW: Style = AnsiColor::Yellow.on_default();
const CYAN: Style = AnsiColor::Cyan.on_default();
const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

impl Report {
    /// A report of these findings.
    ///
    /// # Example
    /// ```
    /// assert!(indstat::verify::Report::new(Vec::new()).findings().is_empty());
    /// ```
    pub fn new(findings: Vec<Finding>) -> Report {
        Report { findings }
    }

    /// The findings, in claim order.
    ///
    /// # Example
    /// ```
    /// use indstat::verify::{verify, Claims};
    /// let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
    /// assert_eq!(report.findings()[0].id, Claims::bundled()?.claims()[0].id);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The finding of the claim with this id.
    ///
    /// # Example
    /// ```
    /// use indstat::verify::{verify, Claims};
    /// let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
    /// assert!(report.finding("no-such-claim").is_none());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn finding(&self, id: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.id == id)
    }

    /// How many findings have each verdict.
    ///
    /// # Example
    /// ```
    /// use indstat::verify::{verify, Claims};
    /// let counts = indstat::verify::Report::new(Vec::new()).counts();
    /// assert_eq!((counts.consistent, counts.approximate, counts.invalid), (0, 0, 0));
    /// let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
    /// assert_eq!(report.counts().total(), report.findings().len());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for f in &self.findings {
            let slot = match f.verdict {
                Verdict::Consistent => &mut counts.consistent,
                Verdict::Approximate => &mut counts.approximate,
                Verdict::Inconsistent => &mut counts.inconsistent,
                Verdict::Unverifiable => &mut counts.unverifiable,
                Verdict::Invalid => &mut counts.invalid,
            };
            *slot += 1;
        }
        counts
    }

    /// One line: "49 claims: 29 consistent, 6 approximate, 6 inconsistent, 8 unverifiable",
    /// with ", 1 invalid" appended when a claim was invalid (`--keep-going`).
    ///
    /// # Example
    /// ```
    /// assert_eq!(
    ///     indstat::verify::Report::new(Vec::new()).summary(),
    ///     "0 claims: 0 consistent, 0 approximate, 0 inconsistent, 0 unverifiable"
    /// );
    /// ```
    pub fn summary(&self) -> String {
        let c = self.counts();
        let n = self.findings.len();
        let mut line = format!(
            "{n} claim{}: {} consistent, {} approximate, {} inconsistent, {} unverifiable",
            if n == 1 { "" } else { "s" },
            c.consistent,
            c.approximate,
            c.inconsistent,
            c.unverifiable
        );
        if c.invalid > 0 {
            line.push_str(&format!(", {} invalid", c.invalid));
        }
        line
    }

    /// The report as text in `format`; `color` adds ANSI colours to the table's verdicts.
    ///
    /// # Example
    /// ```
    /// use indstat::verify::{verify, Claims, Format};
    /// let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
    /// let md = report.render(Format::Markdown, false);
    /// assert!(md.starts_with("| claim | verdict |"));
    /// let table = report.render(Format::Table, false);
    /// assert!(table.contains("industry-share-of-gdp-2022") && !table.contains('\x1b'));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn render(&self, format: Format, color: bool) -> String {
        match format {
            Format::Table => self.table(color),
            Format::Markdown => self.markdown(),
            Format::Json => {
                serde_json::to_string_pretty(&self.findings).unwrap_or_else(|e| {
                    // Serialising plain strings and numbers cannot fail; say so if it does.
                    format!("{{\"error\": \"{e}\"}}")
                }) + "\n"
            }
            Format::Html => self.html(&crate::verify::HtmlContext::default()),
        }
    }

    fn table(&self, color: bool) -> String {
        let paint = |style: Style, text: &str| {
            if color {
                format!("{style}{text}{style:#}")
            } else {
                text.to_string()
            }
        };
        let rows: Vec<[String; 4]> = self
            .findings
            .iter()
            .map(|f| {
                [
                    f.label(),
                    printable(&f.id),
                    printable(&reported_cell(f)),
                    computed_cell(f),
                ]
            })
            .collect();
        let headers = ["VERDICT", "CLAIM", "REPORTED", "COMPUTED FROM DATA"];
        let columns = Columns::fit(headers, &rows);
        let mut out = String::new();
        let _ = writeln!(out, "{}", paint(BOLD, &columns.line(&headers)));
        for (f, row) in self.findings.iter().zip(&rows) {
            let code = match f.verdict {
                Verdict::Consistent => GREEN,
                Verdict::Approximate => CYAN,
                Verdict::Inconsistent | Verdict::Invalid => RED,
                Verdict::Unverifiable => YELLOW,
            };
            // The verdict is padded before it is painted, so colour codes do not skew columns.
            let line = columns.line(row);
            let verdict = columns.pad(0, &row[0]);
            let rest = line.strip_prefix(verdict.as_str()).unwrap_or(&line);
            let _ = writeln!(out, "{}{rest}", paint(code, &verdict));
            let indent = " ".repeat(columns.width(0) + 2);
            // A note of several lines (an invalid claim's problems) keeps the indent.
            for line in f.notes.iter().flat_map(|n| n.lines()) {
                let note = format!("note: {}", printable(line));
                let _ = writeln!(out, "{indent}{}", paint(DIM, &note));
            }
        }
        let _ = writeln!(out, "\n{}", self.summary());
        out
    }

    fn markdown(&self) -> String {
        let esc = |s: &str| printable(&s.replace('|', "\\|").replace('\n', " "));
        let mut out = String::from(
            "| claim | verdict | reported | computed from data | distance | note |\n|---|---|---|---|---|---|\n",
        );
        for f in &self.findings {
            let distance = f
                .distance
                .map(|d| crate::round_half_away(d, 4).normalize().to_string())
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                esc(&f.id),
                f.label(),
                esc(&reported_cell(f)),
                esc(&computed_cell(f)),
                distance,
                esc(&f.note())
            );
        }
        let _ = writeln!(out, "\n{}", self.summary());
        out
    }
}

/// How many findings of a report have each verdict.
///
/// # Example
/// ```
/// use indstat::verify::{verify, Claims};
/// let c = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?).counts();
/// assert_eq!(c.total(), c.consistent + c.approximate + c.inconsistent + c.unverifiable + c.invalid);
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Findings whose default (or declared) reading meets the data.
    pub consistent: usize,
    /// Findings that meet the data only under a looser reading.
    pub approximate: usize,
    /// Findings that meet the data under no reading.
    pub inconsistent: usize,
    /// Findings that could not be evaluated.
    pub unverifiable: usize,
    /// Claims-file entries that could not be read (`--keep-going`).
    pub invalid: usize,
}

impl Counts {
    /// All findings counted.
    ///
    /// # Example
    /// ```
    /// assert_eq!(indstat::verify::Counts::default().total(), 0);
    /// ```
    pub fn total(&self) -> usize {
        self.consistent + self.approximate + self.inconsistent + self.unverifiable + self.invalid
    }
}

/// `text` with control characters (escape sequences, carriage returns, line breaks) written
/// as escapes: ids, figures and notes come from files, and must not drive the terminal.
fn printable(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn unit_suffix(f: &Finding) -> String {
    f.unit.as_ref().map(|u| format!(" {u}")).unwrap_or_default()
}

fn reported_cell(f: &Finding) -> String {
    match &f.reported {
        Some(r) => format!("{} = {}{}", f.reported_text, short(r), unit_suffix(f)),
        None => f.reported_text.clone(),
    }
}

fn computed_cell(f: &Finding) -> String {
    match &f.computed {
        Some(c) => format!("{}{}", short(c), unit_suffix(f)),
        None => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::Claims;

    #[test]
    fn control_characters_from_claims_files_are_escaped_in_tables() {
        // An id with an escape sequence and a carriage return; a figure that cannot be read.
        let text = "[[claim]]\nid = \"a\\u001b[31mb\\rc\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"1\\u001b\"\n";
        let claims = Claims::parse_keep_going(text, "c.toml").unwrap();
        let report = crate::verify::verify(&crate::Dataset::default(), &claims);
        for format in [Format::Table, Format::Markdown] {
            let out = report.render(format, false);
            assert!(!out.contains('\x1b') && !out.contains('\r'), "{out:?}");
            assert!(out.contains("a\\u{1b}[31mb\\rc"), "{out}");
        }
    }
}
