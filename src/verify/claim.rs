//! Claims: what a text says, in the claims-file format of DESIGN.md.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::error::{Error, Result};
use crate::figure::{Figure, Reading};
use crate::period::Period;
use crate::text::read_text;
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

crate::string_enum::string_enum!(ClaimKind, what = "claim kind", path = "indstat::verify::ClaimKind", {
    Level => "level",
    Share => "share",
    Ratio => "ratio",
    Growth => "growth",
    Cagr => "cagr",
    Difference => "difference",
    Sum => "sum",
});

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

/// What a growth or difference claim compares against.
///
/// Written in a claims file as `over = "year"` (the default: the same period a year
/// earlier), `over = "previous"` (the period before), `over = "year-end"` (the end of the
/// previous year: December for monthly series, Q4 for quarterly, H2 for half-yearly, the
/// previous year for annual ones; Chinese releases say 比上年末), or `base = "2022-12"` (any
/// period of the series' frequency before the claim's period).
///
/// # Example
/// ```
/// use indstat::{Period, verify::ClaimBase, transform::Lag};
/// let at = Period::month(2023, 3)?;
/// assert_eq!(ClaimBase::YearEnd.period_for(at)?, Period::month(2022, 12)?);
/// assert_eq!(ClaimBase::Lag(Lag::Previous).period_for(at)?, Period::month(2023, 2)?);
/// assert_eq!(ClaimBase::Period(Period::month(2022, 6)?).period_for(at)?, Period::month(2022, 6)?);
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimBase {
    /// A fixed lag: a year earlier or the period before.
    Lag(Lag),
    /// The last period of the previous calendar year.
    YearEnd,
    /// A period named in the claim.
    Period(Period),
}

impl Default for ClaimBase {
    /// Year-on-year.
    fn default() -> ClaimBase {
        ClaimBase::Lag(Lag::YearAgo)
    }
}

impl ClaimBase {
    /// The base period for a claim about `at`.
    ///
    /// # Errors
    /// When the base falls outside the representable years.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Period, verify::ClaimBase};
    /// let q = Period::new(Frequency::Quarterly, 2023, 2)?;
    /// assert_eq!(ClaimBase::YearEnd.period_for(q)?, Period::new(Frequency::Quarterly, 2022, 4)?);
    /// assert_eq!(ClaimBase::default().period_for(Period::year(2022))?, Period::year(2021));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn period_for(self, at: Period) -> Result<Period> {
        match self {
            ClaimBase::Lag(lag) => at.shift(-lag.periods(at.frequency())),
            ClaimBase::YearEnd => {
                let frequency = at.frequency();
                Period::new(
                    frequency,
                    at.calendar_year().saturating_sub(1),
                    frequency.periods_per_year(),
                )
            }
            ClaimBase::Period(p) => Ok(p),
        }
    }
}

impl fmt::Display for ClaimBase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClaimBase::Lag(Lag::YearAgo) => f.write_str("over the year"),
            ClaimBase::Lag(Lag::Previous) => f.write_str("over the previous period"),
            ClaimBase::YearEnd => f.write_str("since the end of the previous year"),
            ClaimBase::Period(p) => write!(f, "since {p}"),
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
/// assert_eq!(c.of, ["gdp"]);
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
    /// The whole of a share (several series are summed) or the divisor of a ratio (one);
    /// empty when not given.
    pub of: Vec<String>,
    /// The period or periods.
    pub period: ClaimPeriod,
    /// The reported figure.
    pub reported: Figure,
    /// The reported figure as written in the claims file.
    pub reported_text: String,
    /// What a growth or difference claim compares against (`over` or `base`).
    pub base: ClaimBase,
    /// How to read the reported figure (rounding, strictness, tolerance).
    pub reading: Reading,
    /// Anything a reader should know.
    pub note: Option<String>,
    /// Line of the claim in its file, when loaded from one.
    pub line: Option<usize>,
}

/// A claims-file entry that could not be read, kept by [`Claims::parse_keep_going`] so the
/// report can list it.
///
/// # Example
/// ```
/// let claims = indstat::verify::Claims::parse_keep_going(
///     "[[claim]]\nid = \"x\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"lots\"\n",
///     "c.toml",
/// )?;
/// let bad = &claims.invalid()[0];
/// assert_eq!((bad.id.as_deref(), bad.line), (Some("x"), 1));
/// assert!(bad.message.starts_with("c.toml line 6: claim `x`: `reported`: invalid figure `lots`"));
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidClaim {
    /// Its id, when it has a readable one.
    pub id: Option<String>,
    /// The line of its `[[claim]]` header.
    pub line: usize,
    /// Every problem found in it, each with file and line, one per line.
    pub message: String,
    /// Its `reported` figure as written, when that is text.
    pub reported: Option<String>,
    /// How many valid claims precede it, to keep file order in reports.
    position: usize,
}

impl InvalidClaim {
    /// A malformed entry, placed by [`Claims::push_invalid`].
    pub(super) fn new(
        id: Option<String>,
        line: usize,
        message: String,
        reported: Option<String>,
    ) -> InvalidClaim {
        InvalidClaim {
            id,
            line,
            message,
            reported,
            position: 0,
        }
    }

    /// How many valid claims precede it in its [`Claims`].
    pub(crate) fn position(&self) -> usize {
        self.position
    }
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
    /// Each id's claim (its index in `claims`), so a duplicate is found without a scan.
    ids: HashMap<String, usize>,
    invalid: Vec<InvalidClaim>,
}

impl Claims {
    /// Loads a claims file.
    ///
    /// # Errors
    /// An unreadable file or malformed TOML; malformed claims (unknown kind or field,
    /// unparsable figure or period, a key the kind needs missing, a duplicate id). Every
    /// malformed claim is reported, each with the file and the line of the offending field.
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

    /// Loads a claims file, keeping malformed claims aside (see
    /// [`parse_keep_going`](Claims::parse_keep_going)).
    ///
    /// # Errors
    /// An unreadable file or malformed TOML.
    ///
    /// # Example
    /// ```
    /// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/briefings/2023-03-01-scio-miit/claims.toml");
    /// assert!(indstat::verify::Claims::load_keep_going(path)?.invalid().is_empty());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn load_keep_going(path: impl AsRef<Path>) -> Result<Claims> {
        let path = path.as_ref();
        let text = read_text(path)?;
        Claims::parse_keep_going(&text, path)
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
    /// As [`load`](Claims::load): one malformed claim gives its message; several give one
    /// error listing them all, a line each.
    ///
    /// # Example
    /// ```
    /// use indstat::verify::Claims;
    /// let err = Claims::parse("[[claim]]\nid = \"x\"\nkind = \"level\"\nseries = \"gdp\"\nreported = \"33.2%\"\n", "c.toml").unwrap_err();
    /// assert_eq!(err.to_string(), "c.toml line 1: claim `x`: a level claim needs `period`");
    /// let two = "[[claim]]\nid = \"a\"\nkind = \"mean\"\n\n[[claim]]\nid = \"b\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"lots\"\n";
    /// let err = Claims::parse(two, "c.toml").unwrap_err().to_string();
    /// assert!(err.contains("c.toml line 3: claim `a`: invalid claim kind `mean`"));
    /// assert!(err.contains("c.toml line 10: claim `b`: `reported`: invalid figure `lots`"));
    /// ```
    pub fn parse(text: &str, file: impl AsRef<Path>) -> Result<Claims> {
        let file = file.as_ref();
        let claims = Claims::parse_keep_going(text, file)?;
        match claims.invalid.as_slice() {
            [] => Ok(claims),
            [one] => Err(Error::invalid(one.message.clone())),
            several => Err(Error::invalid(format!(
                "{} claims in {} are invalid:\n{}",
                several.len(),
                file.display(),
                several
                    .iter()
                    .map(|c| c.message.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            ))),
        }
    }

    /// Parses the text of a claims file, keeping every malformed claim aside in
    /// [`invalid`](Claims::invalid) instead of failing, so the valid ones can be verified.
    ///
    /// # Errors
    /// Only when the text is not TOML, or not a list of `[[claim]]` tables.
    ///
    /// # Example
    /// ```
    /// use indstat::verify::Claims;
    /// let text = "[[claim]]\nid = \"a\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"1\"\n\n[[claim]]\nid = \"b\"\nkind = \"mean\"\n";
    /// let claims = Claims::parse_keep_going(text, "c.toml")?;
    /// assert_eq!(claims.len(), 1);
    /// assert_eq!(claims.invalid()[0].id.as_deref(), Some("b"));
    /// assert!(Claims::parse_keep_going("[[claim]\n", "c.toml").is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn parse_keep_going(text: &str, file: impl AsRef<Path>) -> Result<Claims> {
        crate::verify::claims_file::read(text, file.as_ref())
    }

    /// An empty list with room for `capacity` claims.
    pub(super) fn with_capacity(capacity: usize) -> Claims {
        Claims {
            claims: Vec::with_capacity(capacity),
            ids: HashMap::with_capacity(capacity),
            invalid: Vec::new(),
        }
    }

    /// Adds a malformed entry after the valid claims read so far.
    pub(super) fn push_invalid(&mut self, mut bad: InvalidClaim) {
        bad.position = self.claims.len();
        self.invalid.push(bad);
    }

    /// The claim with this id.
    ///
    /// # Example
    /// ```
    /// let claims = indstat::verify::Claims::bundled()?;
    /// assert_eq!(claims.get("industry-value-added-2022").unwrap().series, ["industry_value_added"]);
    /// assert!(claims.get("no-such-claim").is_none());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn get(&self, id: &str) -> Option<&Claim> {
        self.ids.get(id).map(|i| &self.claims[*i])
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

    /// The malformed entries kept by [`parse_keep_going`](Claims::parse_keep_going), in file
    /// order (always empty after [`parse`](Claims::parse)).
    ///
    /// # Example
    /// ```
    /// assert!(indstat::verify::Claims::bundled()?.invalid().is_empty());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn invalid(&self) -> &[InvalidClaim] {
        &self.invalid
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
        if self.ids.contains_key(&claim.id) {
            return Err(Error::invalid(format!(
                "claim `{}` is given twice",
                claim.id
            )));
        }
        self.ids.insert(claim.id.clone(), self.claims.len());
        self.claims.push(claim);
        Ok(())
    }

    /// Adds every claim and invalid entry of `other` (claims from another file), in order.
    ///
    /// # Errors
    /// When a claim of `other` has the id of one already here; nothing is added then.
    ///
    /// # Example
    /// ```
    /// use indstat::verify::Claims;
    /// let mut all = Claims::parse("[[claim]]\nid = \"a\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"1\"\n", "one.toml")?;
    /// let other = Claims::parse_keep_going("[[claim]]\nid = \"b\"\nkind = \"mean\"\n", "two.toml")?;
    /// all.append(other)?;
    /// assert_eq!((all.len(), all.invalid().len()), (1, 1));
    /// assert!(all.append(all.clone()).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn append(&mut self, other: Claims) -> Result<()> {
        if let Some(c) = other.claims.iter().find(|c| self.ids.contains_key(&c.id)) {
            return Err(Error::invalid(format!("claim `{}` is given twice", c.id)));
        }
        let offset = self.claims.len();
        self.ids
            .extend(other.ids.into_iter().map(|(id, i)| (id, i + offset)));
        self.claims.extend(other.claims);
        self.invalid
            .extend(other.invalid.into_iter().map(|bad| InvalidClaim {
                position: bad.position + offset,
                ..bad
            }));
        Ok(())
    }

    /// Number of (valid) claims.
    ///
    /// # Example
    /// ```
    /// assert_eq!(indstat::verify::Claims::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.claims.len()
    }

    /// Whether there are no (valid) claims.
    ///
    /// # Example
    /// ```
    /// assert!(indstat::verify::Claims::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Claims::parse(text, "c.toml").unwrap_err().to_string()
    }

    #[test]
    fn malformed_claims_are_errors_naming_the_line_of_the_field() {
        // Lines: 1 [[claim]], 2 id, 3 series, 4 kind, 5 period, 6 reported, 7 extra.
        let base = "[[claim]]\nid = \"a\"\nseries = \"gdp\"\n";
        let cases = [
            (
                "kind = \"mean\"\nperiod = \"2022\"\nreported = \"1\"\n",
                "c.toml line 4: claim `a`: invalid claim kind `mean`",
            ),
            (
                "kind = \"level\"\nperiod = \"2022Q5\"\nreported = \"1\"\n",
                "c.toml line 5: claim `a`: `period`: invalid period `2022Q5`",
            ),
            (
                "kind = \"level\"\nperiod = \"2022\"\nreported = \"lots\"\n",
                "c.toml line 6: claim `a`: `reported`: invalid figure `lots`",
            ),
            (
                "kind = \"cagr\"\nperiod = \"2022\"\nreported = \"1%\"\n",
                "c.toml line 1: claim `a`: a cagr claim needs `from` and `to`",
            ),
            (
                "kind = \"ratio\"\nperiod = \"2022\"\nreported = \"1\"\n",
                "c.toml line 1: claim `a`: a ratio claim needs `of`",
            ),
            (
                "kind = \"level\"\nperiod = \"2022\"\nreported = \"1\"\nrounding = \"up\"\n",
                "c.toml line 7: claim `a`: `rounding`: invalid rounding `up`",
            ),
            (
                "kind = \"level\"\nperiod = \"2022\"\nreported = \"1\"\ncolour = \"red\"\n",
                "c.toml line 7: claim `a`: unknown field `colour`",
            ),
            (
                "kind = \"level\"\nperiod = \"2022\"\nreported = \"1\"\nstrict = \"yes\"\n",
                "c.toml line 7: claim `a`: `strict` takes true or false, not text",
            ),
            (
                "kind = \"level\"\nperiod = 2022\nreported = \"1\"\n",
                "c.toml line 5: claim `a`: `period` takes text (a quoted string), not a number",
            ),
        ];
        for (rest, expected) in cases {
            let message = err(&format!("{base}{rest}"));
            assert!(
                message.starts_with(expected),
                "{message}\nexpected: {expected}"
            );
        }
        // The second `a`: header on line 8, its id on line 9.
        let twice = format!(
            "{base}kind = \"level\"\nperiod = \"2022\"\nreported = \"1\"\n\n{base}kind = \"level\"\nperiod = \"2021\"\nreported = \"1\"\n"
        );
        assert_eq!(
            err(&twice),
            "c.toml line 9: claim `a`: the id is used twice (first on line 1)"
        );
        assert!(err("[[claim]\n").contains("c.toml line 1"));
    }

    #[test]
    fn every_bad_claim_is_reported_at_once() {
        // Claim `a` has a bad kind (line 3) and a bad period (line 5); `b` a bad figure (line
        // 12); `c` is fine.
        let text = "[[claim]]\nid = \"a\"\nkind = \"mean\"\nseries = \"gdp\"\nperiod = \"2022Q9\"\nreported = \"1\"\n\n\
                    [[claim]]\nid = \"b\"\nkind = \"level\"\nseries = \"gdp\"\nreported = \"lots\"\nperiod = \"2022\"\n\n\
                    [[claim]]\nid = \"c\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"1\"\n";
        let message = err(text);
        let lines: Vec<&str> = message.lines().collect();
        assert_eq!(lines[0], "2 claims in c.toml are invalid:", "{message}");
        assert!(lines[1].starts_with("c.toml line 3: claim `a`: invalid claim kind `mean`"));
        assert!(lines[2].starts_with("c.toml line 5: claim `a`: `period`: invalid period"));
        assert!(lines[3].starts_with("c.toml line 12: claim `b`: `reported`: invalid figure"));
        assert_eq!(lines.len(), 4, "{message}");
        let kept = Claims::parse_keep_going(text, "c.toml").unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept.claims()[0].id, "c");
        let ids: Vec<_> = kept.invalid().iter().map(|i| i.id.as_deref()).collect();
        assert_eq!(ids, [Some("a"), Some("b")]);
        assert_eq!(kept.invalid()[1].line, 8);
    }

    #[test]
    fn of_and_series_in_the_wrong_shape_say_what_the_field_takes() {
        let ratio = "[[claim]]\nid = \"r\"\nkind = \"ratio\"\nseries = \"gdp\"\nof = [\"a\", \"b\"]\nperiod = \"2022\"\nreported = \"1\"\n";
        assert_eq!(
            err(ratio),
            "c.toml line 5: claim `r`: `of` takes one series id (a string) for a ratio claim, the divisor, not a list"
        );
        let level = "[[claim]]\nid = \"l\"\nkind = \"level\"\nseries = [\"a\", \"b\"]\nperiod = \"2022\"\nreported = \"1\"\n";
        assert!(
            err(level).starts_with("c.toml line 4: claim `l`: a level claim measures one series: `series` takes a series id (a string)"),
            "{}",
            err(level)
        );
        let number = "[[claim]]\nid = \"s\"\nkind = \"share\"\nseries = \"gdp\"\nof = 3\nperiod = \"2022\"\nreported = \"1%\"\n";
        assert!(
            err(number).contains("`of` takes a series id (a string), or a list of series ids whose sum is the whole of a share, not a number"),
            "{}",
            err(number)
        );
        let share = "[[claim]]\nid = \"s\"\nkind = \"share\"\nseries = \"gdp\"\nof = [\"a\", \"b\"]\nperiod = \"2022\"\nreported = \"1%\"\n";
        assert_eq!(
            Claims::parse(share, "c").unwrap().claims()[0].of,
            ["a", "b"]
        );
    }

    #[test]
    fn a_tolerance_on_a_figure_it_does_not_apply_to_is_an_error() {
        let claim = |reported: &str| {
            format!(
                "[[claim]]\nid = \"t\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"{reported}\"\ntolerance = \"2%\"\n"
            )
        };
        for reported in ["nearly 121", "more than 650", "7.05 million"] {
            let message = err(&claim(reported));
            assert!(
                message.starts_with(
                    "c.toml line 7: claim `t`: `tolerance` applies only to approximate figures"
                ),
                "{message}"
            );
            assert!(message.contains(reported), "{message}");
        }
        let about = Claims::parse(&claim("about 120"), "c").unwrap();
        assert_eq!(
            about.claims()[0].reading.tolerance,
            "2%".parse::<crate::figure::Tolerance>().unwrap()
        );
    }

    #[test]
    fn over_and_base_choose_the_base_period() {
        let claim = |extra: &str| {
            format!(
                "[[claim]]\nid = \"g\"\nkind = \"difference\"\nseries = \"x\"\nperiod = \"2023-03\"\nreported = \"5000\"\n{extra}"
            )
        };
        let parsed = |extra: &str| Claims::parse(&claim(extra), "c").map(|c| c.claims()[0].base);
        assert_eq!(parsed("over = \"year-end\"\n").unwrap(), ClaimBase::YearEnd);
        assert_eq!(
            parsed("base = \"2022-12\"\n").unwrap(),
            ClaimBase::Period(Period::month(2022, 12).unwrap())
        );
        assert_eq!(parsed("").unwrap(), ClaimBase::Lag(Lag::YearAgo));
        assert!(
            parsed("over = \"decade\"\n")
                .unwrap_err()
                .to_string()
                .contains("`year-end` (the end of the previous year)")
        );
        assert!(
            parsed("base = \"2023-04\"\n")
                .unwrap_err()
                .to_string()
                .contains(
                    "line 7: claim `g`: `base` (2023-04) must come before `period` (2023-03)"
                )
        );
        assert!(
            parsed("base = \"2022\"\n")
                .unwrap_err()
                .to_string()
                .contains("must be a period of the same frequency")
        );
        assert!(
            parsed("base = \"2022-12\"\nover = \"year\"\n")
                .unwrap_err()
                .to_string()
                .contains("not both")
        );
    }

    #[test]
    fn a_claims_file_of_other_shapes_is_an_error_not_a_panic() {
        for text in [
            "claim = 3\n",
            "claim = [1, 2]\n",
            "[claim]\nid = \"a\"\n",
            "other = 1\n",
            "[[claim]]\nid = 1979-05-27\n",
            "[[claim]]\n",
        ] {
            assert!(Claims::parse(text, "c.toml").is_err(), "{text}");
        }
        // An empty file has no claims.
        assert!(Claims::parse("", "c.toml").unwrap().is_empty());
        assert!(
            err("claim = 3\n")
                .contains("expected a list of claims, each a table under its own [[claim]] header"),
            "{}",
            err("claim = 3\n")
        );
        let mixed = err("[[claim]]\nid = \"x\"\nseries = [\"a\", 3]\n");
        assert!(
            mixed.contains("c.toml line 3: claim `x`: `series` takes a series id (a string), or for kind = \"sum\" a list of series ids, not a list with items that are not text"),
            "{mixed}"
        );
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
