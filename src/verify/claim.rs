//! Claims: what a text says, in the claims-file format of DESIGN.md.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::figure::{Figure, Reading, Rounding, Tolerance};
use crate::period::Period;
use crate::text::{LineIndex, read_text, toml_error};
use crate::transform::Lag;

/// What relationship a claim asserts.
///
/// # Example
/// ```
/// use indstat::verify::ClaimKind;
/// assert_eq!("cagr".parse::<ClaimKind>()?, ClaimKind::Cagr);
/// assert!("average".parse::<ClaimKind>().is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    /// The series' value at a period.
    Level,
    /// The series as a percent of another (`of`); without `of`, the whole is implied.
    Share,
    /// The series divided by another (`of`).
    Ratio,
    /// The series' growth in percent, year-on-year or over the previous period.
    Growth,
    /// The compound annual growth rate from `from` to `to`.
    Cagr,
    /// The series' change (a stock's flow; a rate's percentage points).
    Difference,
    /// The sum of several series.
    Sum,
}

impl ClaimKind {
    /// The name used in claims files.
    ///
    /// # Example
    /// ```
    /// assert_eq!(indstat::verify::ClaimKind::Difference.as_str(), "difference");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Level => "level",
            ClaimKind::Share => "share",
            ClaimKind::Ratio => "ratio",
            ClaimKind::Growth => "growth",
            ClaimKind::Cagr => "cagr",
            ClaimKind::Difference => "difference",
            ClaimKind::Sum => "sum",
        }
    }
}

impl fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClaimKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<ClaimKind> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "level" => ClaimKind::Level,
            "share" => ClaimKind::Share,
            "ratio" => ClaimKind::Ratio,
            "growth" => ClaimKind::Growth,
            "cagr" => ClaimKind::Cagr,
            "difference" => ClaimKind::Difference,
            "sum" => ClaimKind::Sum,
            _ => {
                return Err(Error::parse(
                    "claim kind",
                    s,
                    "expected level, share, ratio, growth, cagr, difference or sum",
                ));
            }
        })
    }
}

/// The periods a claim is about.
///
/// # Example
/// ```
/// use indstat::{Period, verify::ClaimPeriod};
/// let p = ClaimPeriod::Span { from: Period::year(2012), to: Period::year(2022) };
/// assert_eq!(p.to_string(), "2012–2022");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimPeriod {
    /// One period.
    At(Period),
    /// From one period to another (CAGR).
    Span {
        /// The start.
        from: Period,
        /// The end.
        to: Period,
    },
}

impl fmt::Display for ClaimPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClaimPeriod::At(p) => write!(f, "{p}"),
            ClaimPeriod::Span { from, to } => write!(f, "{from}–{to}"),
        }
    }
}

/// One claim: a reported figure and the relationship to data it asserts.
///
/// # Example
/// ```
/// use indstat::verify::{ClaimKind, Claims};
/// let claims = Claims::parse(r#"
/// [[claim]]
/// id = "industry-share-of-gdp-2022"
/// quote = "accounting for 33.2% of GDP"
/// kind = "share"
/// series = "industry_value_added"
/// of = "gdp"
/// period = "2022"
/// reported = "33.2%"
/// "#, "claims.toml")?;
/// let c = &claims.claims()[0];
/// assert_eq!(c.kind, ClaimKind::Share);
/// assert_eq!(c.reported.to_string(), "33.2%");
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Unique id.
    pub id: String,
    /// Where in the text it is.
    pub quote: Option<String>,
    /// Who said it.
    pub speaker: Option<String>,
    /// What it asserts.
    pub kind: ClaimKind,
    /// The measured series (several for a sum).
    pub series: Vec<String>,
    /// The whole (share) or divisor (ratio).
    pub of: Option<String>,
    /// The period or periods.
    pub period: ClaimPeriod,
    /// The reported figure.
    pub reported: Figure,
    /// The reported figure as written in the claims file.
    pub reported_text: String,
    /// Year-on-year (default) or over the previous period, for growth and difference.
    pub over: Lag,
    /// How to read the reported figure (rounding, strictness, tolerance).
    pub reading: Reading,
    /// Anything a reader should know.
    pub note: Option<String>,
    /// Line of the claim in its file, when loaded from one.
    pub line: Option<usize>,
}

/// A list of claims, in file order.
///
/// # Example
/// ```
/// let claims = indstat::verify::Claims::bundled()?;
/// assert!(claims.len() >= 30);
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Claims {
    claims: Vec<Claim>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimsFile {
    #[serde(default)]
    claim: Vec<toml::Spanned<ClaimEntry>>,
}

/// `series = "gdp"` or `series = ["a", "b"]`.
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<OneOrMany, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a series id (a string) or a list of series ids for `series`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<OneOrMany, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(OneOrMany::Many(ids))
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimEntry {
    id: String,
    quote: Option<String>,
    speaker: Option<String>,
    kind: String,
    series: OneOrMany,
    of: Option<String>,
    period: Option<String>,
    from: Option<String>,
    to: Option<String>,
    reported: String,
    over: Option<String>,
    rounding: Option<String>,
    tolerance: Option<String>,
    strict: Option<bool>,
    note: Option<String>,
}

impl Claims {
    /// Loads a claims file.
    ///
    /// # Errors
    /// An unreadable file; a malformed claim (unknown kind, unparsable figure or period, a
    /// key the kind needs missing, a duplicate id), naming the file and line.
    ///
    /// # Example
    /// ```
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/briefings/2023-03-01-scio-miit/claims.toml");
    /// let claims = indstat::verify::Claims::load(path)?;
    /// assert!(claims.claims().iter().any(|c| c.id == "industry-value-added-2022"));
    /// assert!(indstat::verify::Claims::load("no/such/claims.toml").is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Claims> {
        let path = path.as_ref();
        let text = read_text(path)?;
        Claims::parse(&text, path)
    }

    /// The claims of the bundled SCIO briefing of 2023-03-01.
    ///
    /// # Errors
    /// Never in a released build (the bundled file is tested).
    ///
    /// # Example
    /// ```
    /// let claims = indstat::verify::Claims::bundled()?;
    /// assert!(claims.claims().iter().any(|c| c.kind == indstat::verify::ClaimKind::Cagr));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn bundled() -> Result<Claims> {
        Claims::parse(
            crate::bundled::CLAIMS,
            Path::new(crate::bundled::BRIEFING).join("claims.toml"),
        )
    }

    /// Parses the text of a claims file; `file` names it in messages.
    ///
    /// # Errors
    /// As [`load`](Claims::load).
    ///
    /// # Example
    /// ```
    /// use indstat::verify::Claims;
    /// let err = Claims::parse("[[claim]]\nid = \"x\"\nkind = \"level\"\nseries = \"gdp\"\nreported = \"33.2%\"\n", "c.toml").unwrap_err();
    /// assert_eq!(err.to_string(), "c.toml line 1: claim `x`: a level claim needs `period`");
    /// ```
    pub fn parse(text: &str, file: impl AsRef<Path>) -> Result<Claims> {
        let file = file.as_ref();
        let lines = LineIndex::new(text);
        let parsed: ClaimsFile = toml::from_str(text).map_err(|e| toml_error(file, &lines, e))?;
        let mut claims: Vec<Claim> = Vec::new();
        // Id → line of its first use: one lookup per claim, not a scan of those before it.
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for entry in parsed.claim {
            let line = lines.line(entry.span().start);
            let e = entry.into_inner();
            let place = format!("{} line {line}: claim `{}`", file.display(), e.id);
            let claim = build(e, line).map_err(|err| err.context(place.clone()))?;
            if let Some(first) = seen.insert(claim.id.clone(), claim.line.unwrap_or(0)) {
                return Err(Error::invalid(format!(
                    "the id is used twice (first on line {first})"
                ))
                .context(place));
            }
            claims.push(claim);
        }
        Ok(Claims { claims })
    }

    /// The claims, in file order.
    ///
    /// # Example
    /// ```
    /// assert!(indstat::verify::Claims::default().claims().is_empty());
    /// ```
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// Adds a claim.
    ///
    /// # Errors
    /// When a claim with the same id exists.
    ///
    /// # Example
    /// ```
    /// use indstat::verify::Claims;
    /// let mut all = Claims::default();
    /// let one = Claims::parse("[[claim]]\nid = \"a\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"1\"\n", "c")?;
    /// all.push(one.claims()[0].clone())?;
    /// assert!(all.push(one.claims()[0].clone()).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn push(&mut self, claim: Claim) -> Result<()> {
        if self.claims.iter().any(|c| c.id == claim.id) {
            return Err(Error::invalid(format!(
                "claim `{}` is given twice",
                claim.id
            )));
        }
        self.claims.push(claim);
        Ok(())
    }

    /// Number of claims.
    ///
    /// # Example
    /// ```
    /// assert_eq!(indstat::verify::Claims::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.claims.len()
    }

    /// Whether there are no claims.
    ///
    /// # Example
    /// ```
    /// assert!(indstat::verify::Claims::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }
}

fn build(e: ClaimEntry, line: usize) -> Result<Claim> {
    if e.id.trim().is_empty() {
        return Err(Error::invalid("a claim needs a non-empty id"));
    }
    let kind: ClaimKind = e.kind.parse()?;
    let series = match e.series {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    };
    if series.is_empty() || series.iter().any(|s| s.trim().is_empty()) {
        return Err(Error::invalid("`series` must name at least one series"));
    }
    if kind != ClaimKind::Sum && series.len() > 1 {
        return Err(Error::invalid(format!(
            "a {kind} claim measures one series; a list is for kind = \"sum\""
        )));
    }
    if kind == ClaimKind::Ratio && e.of.is_none() {
        return Err(Error::invalid("a ratio claim needs `of` (the divisor)"));
    }
    if e.of.is_some() && !matches!(kind, ClaimKind::Share | ClaimKind::Ratio) {
        return Err(Error::invalid(format!(
            "`of` is for share and ratio claims, not {kind}"
        )));
    }
    let parse_period = |key: &str, v: &Option<String>| -> Result<Option<Period>> {
        v.as_deref()
            .map(|t| {
                t.parse::<Period>()
                    .map_err(|e| e.context(format!("`{key}`")))
            })
            .transpose()
    };
    let (period, from, to) = (
        parse_period("period", &e.period)?,
        parse_period("from", &e.from)?,
        parse_period("to", &e.to)?,
    );
    let period = match (kind, period, from, to) {
        (ClaimKind::Cagr, None, Some(from), Some(to)) => {
            if from.periods_until(to)? <= 0 {
                return Err(Error::invalid(format!(
                    "`to` ({to}) must come after `from` ({from})"
                )));
            }
            ClaimPeriod::Span { from, to }
        }
        (ClaimKind::Cagr, ..) => {
            return Err(Error::invalid(
                "a cagr claim needs `from` and `to` (and no `period`)",
            ));
        }
        (_, Some(p), None, None) => ClaimPeriod::At(p),
        (_, None, None, None) => {
            return Err(Error::invalid(format!("a {kind} claim needs `period`")));
        }
        _ => {
            return Err(Error::invalid(format!(
                "`from` and `to` are for cagr claims; a {kind} claim takes `period`"
            )));
        }
    };
    let reported: Figure = e
        .reported
        .parse()
        .map_err(|err: Error| err.context("`reported`"))?;
    let over = match &e.over {
        None => Lag::YearAgo,
        Some(o) if matches!(kind, ClaimKind::Growth | ClaimKind::Difference) => {
            o.parse().map_err(|err: Error| err.context("`over`"))?
        }
        Some(_) => {
            return Err(Error::invalid(format!(
                "`over` is for growth and difference claims, not {kind}"
            )));
        }
    };
    let mut reading = Reading::default();
    if let Some(r) = &e.rounding {
        reading.rounding = r
            .parse::<Rounding>()
            .map_err(|err| err.context("`rounding`"))?;
    }
    if let Some(t) = &e.tolerance {
        reading.tolerance = t
            .parse::<Tolerance>()
            .map_err(|err| err.context("`tolerance`"))?;
    }
    reading.strict = e.strict.unwrap_or(false);
    Ok(Claim {
        id: e.id,
        quote: e.quote,
        speaker: e.speaker,
        kind,
        series,
        of: e.of,
        period,
        reported,
        reported_text: e.reported,
        over,
        reading,
        note: e.note,
        line: Some(line),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Claims::parse(text, "c.toml").unwrap_err().to_string()
    }

    #[test]
    fn malformed_claims_are_errors_with_file_and_line() {
        let base = "[[claim]]\nid = \"a\"\nseries = \"gdp\"\n";
        assert!(
            err(&format!(
                "{base}kind = \"mean\"\nperiod = \"2022\"\nreported = \"1\"\n"
            ))
            .contains("c.toml line 1: claim `a`: invalid claim kind `mean`")
        );
        assert!(
            err(&format!(
                "{base}kind = \"level\"\nperiod = \"2022Q5\"\nreported = \"1\"\n"
            ))
            .contains("`period`: invalid period `2022Q5`")
        );
        assert!(
            err(&format!(
                "{base}kind = \"level\"\nperiod = \"2022\"\nreported = \"lots\"\n"
            ))
            .contains("`reported`: invalid figure `lots`")
        );
        assert!(
            err(&format!(
                "{base}kind = \"cagr\"\nperiod = \"2022\"\nreported = \"1%\"\n"
            ))
            .contains("needs `from` and `to`")
        );
        assert!(
            err(&format!(
                "{base}kind = \"ratio\"\nperiod = \"2022\"\nreported = \"1\"\n"
            ))
            .contains("needs `of`")
        );
        assert!(
            err(&format!(
                "{base}kind = \"level\"\nperiod = \"2022\"\nreported = \"1\"\nrounding = \"up\"\n"
            ))
            .contains("`rounding`: invalid rounding `up`")
        );
        assert!(
            err(&format!(
                "{base}kind = \"level\"\nperiod = \"2022\"\nreported = \"1\"\ncolour = \"red\"\n"
            ))
            .contains("c.toml line 7: unknown field `colour`")
        );
        let twice = format!(
            "{base}kind = \"level\"\nperiod = \"2022\"\nreported = \"1\"\n\n{base}kind = \"level\"\nperiod = \"2021\"\nreported = \"1\"\n"
        );
        assert!(
            err(&twice)
                .contains("c.toml line 8: claim `a`: the id is used twice (first on line 1)"),
            "{}",
            err(&twice)
        );
        assert!(err("[[claim]\n").contains("c.toml line 1"));
    }

    #[test]
    fn bundled_claims_parse() {
        let c = Claims::bundled().unwrap();
        assert!(c.len() >= 30);
        assert!(
            c.claims()
                .iter()
                .any(|c| c.kind == ClaimKind::Sum && c.series.len() == 3)
        );
    }
}
