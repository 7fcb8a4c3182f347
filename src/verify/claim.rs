//! Claims: what a text says, in the claims-file format of DESIGN.md.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::figure::{Figure, QualifierDirection, Reading, Rounding, Tolerance};
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
    /// How many valid claims precede it, to keep file order in reports.
    position: usize,
}

impl InvalidClaim {
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
    /// Ids in use, so a duplicate is found without a scan.
    ids: HashSet<String>,
    invalid: Vec<InvalidClaim>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimsFile {
    #[serde(default)]
    claim: ClaimList,
}

/// The `[[claim]]` tables; its own type so that a `claim` key of another shape gets a message
/// saying what it should be.
#[derive(Default)]
struct ClaimList(Vec<toml::Spanned<RawEntry>>);

impl<'de> Deserialize<'de> for ClaimList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<ClaimList, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = ClaimList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of claims, each a table under its own [[claim]] header")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<ClaimList, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = seq.next_element()? {
                    entries.push(entry);
                }
                Ok(ClaimList(entries))
            }
        }
        d.deserialize_seq(Visitor)
    }
}

/// One `[[claim]]` table as written, each value with its byte span. Fields are typed only
/// after reading, so that every problem in every claim can be reported with its own line.
struct RawEntry {
    fields: Vec<(String, toml::Spanned<RawValue>)>,
}

/// A TOML value as far as claims care: text, a flag, a list, or something else (named).
enum RawValue {
    Text(String),
    Flag(bool),
    List(Vec<RawValue>),
    Other(&'static str),
}

impl RawValue {
    /// What the value is, for messages.
    fn describe(&self) -> &'static str {
        match self {
            RawValue::Text(_) => "text",
            RawValue::Flag(_) => "a boolean",
            RawValue::List(_) => "a list",
            RawValue::Other(what) => what,
        }
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<RawValue, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a TOML value")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<RawValue, E> {
                Ok(RawValue::Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(
                self,
                v: String,
            ) -> std::result::Result<RawValue, E> {
                Ok(RawValue::Text(v))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> std::result::Result<RawValue, E> {
                Ok(RawValue::Flag(v))
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> std::result::Result<RawValue, E> {
                Ok(RawValue::Other("a number"))
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> std::result::Result<RawValue, E> {
                Ok(RawValue::Other("a number"))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> std::result::Result<RawValue, E> {
                Ok(RawValue::Other("a number"))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<RawValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<RawValue>()? {
                    items.push(item);
                }
                Ok(RawValue::List(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<RawValue, A::Error> {
                // TOML dates arrive as a one-entry map with a private key.
                let mut what = "a table";
                while let Some(key) = map.next_key::<String>()? {
                    if key.contains("datetime") {
                        what = "a date";
                    }
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(RawValue::Other(what))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl<'de> Deserialize<'de> for RawEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<RawEntry, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawEntry;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a claim: a table under a [[claim]] header")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<RawEntry, A::Error> {
                let mut fields = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    fields.push((key, map.next_value::<toml::Spanned<RawValue>>()?));
                }
                Ok(RawEntry { fields })
            }
        }
        d.deserialize_map(Visitor)
    }
}

/// The keys a claim may have.
const KEYS: &[&str] = &[
    "id",
    "quote",
    "speaker",
    "kind",
    "series",
    "of",
    "period",
    "from",
    "to",
    "reported",
    "over",
    "base",
    "rounding",
    "tolerance",
    "strict",
    "note",
];

/// A claim's fields with their lines, read once; problems are collected, not returned at the
/// first, each with the line of the field it is about.
struct Fields<'a> {
    values: HashMap<&'a str, (&'a RawValue, usize)>,
    /// The line of the `[[claim]]` header, for problems of the claim as a whole.
    line: usize,
    problems: Vec<(usize, Error)>,
}

impl<'a> Fields<'a> {
    fn new(raw: &'a RawEntry, line: usize, lines: &LineIndex) -> Fields<'a> {
        let mut fields = Fields {
            values: HashMap::with_capacity(raw.fields.len()),
            line,
            problems: Vec::new(),
        };
        for (key, value) in &raw.fields {
            let at = lines.line(value.span().start);
            if KEYS.contains(&key.as_str()) {
                fields.values.insert(key.as_str(), (value.get_ref(), at));
            } else {
                fields.problems.push((
                    at,
                    Error::invalid(format!(
                        "unknown field `{key}`; a claim takes {}",
                        KEYS.join(", ")
                    )),
                ));
            }
        }
        fields
    }

    /// The line of `key`, or the header's when it is absent.
    fn line_of(&self, key: &str) -> usize {
        self.values.get(key).map_or(self.line, |(_, line)| *line)
    }

    fn problem(&mut self, key: &str, error: Error) {
        self.problems.push((self.line_of(key), error));
    }

    fn whole_claim(&mut self, error: Error) {
        self.problems.push((self.line, error));
    }

    /// A text field.
    fn text(&mut self, key: &str) -> Option<String> {
        match self.values.get(key).copied() {
            None => None,
            Some((RawValue::Text(t), _)) => Some(t.clone()),
            Some((other, _)) => {
                let what = other.describe();
                self.problem(
                    key,
                    Error::invalid(format!("`{key}` takes text (a quoted string), not {what}")),
                );
                None
            }
        }
    }

    /// A boolean field.
    fn flag(&mut self, key: &str) -> Option<bool> {
        match self.values.get(key).copied() {
            None => None,
            Some((RawValue::Flag(b), _)) => Some(*b),
            Some((other, _)) => {
                let what = other.describe();
                self.problem(
                    key,
                    Error::invalid(format!("`{key}` takes true or false, not {what}")),
                );
                None
            }
        }
    }

    /// One series id or a list of them; `what` says what the field takes, for messages.
    fn ids(&mut self, key: &str, what: &str) -> Option<Vec<String>> {
        let value = self.values.get(key).copied()?;
        let ids = match value.0 {
            RawValue::Text(t) => Some(vec![t.clone()]),
            RawValue::List(items) => items
                .iter()
                .map(|i| match i {
                    RawValue::Text(t) => Some(t.clone()),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        if ids.is_none() {
            let found = match value.0 {
                RawValue::List(_) => "a list with items that are not text",
                other => other.describe(),
            };
            self.problem(
                key,
                Error::invalid(format!("`{key}` takes {what}, not {found}")),
            );
        }
        ids
    }

    /// A period field.
    fn period(&mut self, key: &str) -> Option<Period> {
        let text = self.text(key)?;
        match text.parse::<Period>() {
            Ok(p) => Some(p),
            Err(e) => {
                self.problem(key, e.context(format!("`{key}`")));
                None
            }
        }
    }
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
        let file = file.as_ref();
        let lines = LineIndex::new(text);
        let parsed: ClaimsFile = toml::from_str(text).map_err(|e| toml_error(file, &lines, e))?;
        let mut claims = Claims::default();
        let mut first_line: HashMap<String, usize> = HashMap::with_capacity(parsed.claim.0.len());
        for (n, entry) in parsed.claim.0.iter().enumerate() {
            let line = lines.line(entry.span().start);
            let mut fields = Fields::new(entry.get_ref(), line, &lines);
            let claim = build(&mut fields, line);
            let id = fields.values.get("id").and_then(|(v, _)| match v {
                RawValue::Text(t) => Some(t.clone()),
                _ => None,
            });
            let mut problems = fields.problems;
            if let (Some(id), Ok(_)) = (&id, &claim) {
                if let Some(first) = first_line.get(id) {
                    let at = fields.values.get("id").map_or(line, |(_, l)| *l);
                    problems.push((
                        at,
                        Error::invalid(format!("the id is used twice (first on line {first})")),
                    ));
                }
            }
            match claim {
                Ok(c) if problems.is_empty() => {
                    first_line.insert(c.id.clone(), line);
                    claims.ids.insert(c.id.clone());
                    claims.claims.push(c);
                }
                _ => {
                    problems.sort_by_key(|(at, _)| *at);
                    let name = match &id {
                        Some(id) => format!("claim `{id}`"),
                        None => format!("claim {}", n + 1),
                    };
                    let message = problems
                        .into_iter()
                        .map(|(at, e)| {
                            e.context(name.clone())
                                .context(format!("{} line {at}", file.display()))
                                .to_string()
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                    let position = claims.claims.len();
                    claims.invalid.push(InvalidClaim {
                        id,
                        line,
                        message,
                        position,
                    });
                }
            }
        }
        Ok(claims)
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
        if !self.ids.insert(claim.id.clone()) {
            return Err(Error::invalid(format!(
                "claim `{}` is given twice",
                claim.id
            )));
        }
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
        if let Some(c) = other.claims.iter().find(|c| self.ids.contains(&c.id)) {
            return Err(Error::invalid(format!("claim `{}` is given twice", c.id)));
        }
        let offset = self.claims.len();
        for c in other.claims {
            self.ids.insert(c.id.clone());
            self.claims.push(c);
        }
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

/// Types and checks a claim's fields; problems go to `f.problems`. `Err(())` when there is
/// at least one.
fn build(f: &mut Fields<'_>, line: usize) -> std::result::Result<Claim, ()> {
    let id = f.text("id");
    match &id {
        None if !f.values.contains_key("id") => f.whole_claim(Error::invalid("a claim needs `id`")),
        Some(t) if t.trim().is_empty() => {
            f.problem("id", Error::invalid("a claim needs a non-empty id"))
        }
        _ => {}
    }
    let quote = f.text("quote");
    let speaker = f.text("speaker");
    let note = f.text("note");
    let kind = match f.text("kind") {
        Some(k) => match k.parse::<ClaimKind>() {
            Ok(k) => Some(k),
            Err(e) => {
                f.problem("kind", e);
                None
            }
        },
        None => {
            if !f.values.contains_key("kind") {
                f.whole_claim(Error::invalid(
                    "a claim needs `kind` (level, share, ratio, growth, cagr, difference or sum)",
                ));
            }
            None
        }
    };
    let series = f.ids(
        "series",
        "a series id (a string), or for kind = \"sum\" a list of series ids",
    );
    if !f.values.contains_key("series") {
        f.whole_claim(Error::invalid("a claim needs `series`"));
    }
    let of_takes = match kind {
        Some(ClaimKind::Ratio) => "one series id (a string): the divisor of a ratio",
        _ => "a series id (a string), or a list of series ids whose sum is the whole of a share",
    };
    let of = f.ids("of", of_takes).unwrap_or_default();
    let from = f.period("from");
    let to = f.period("to");
    let period = f.period("period");
    let reported_text = f.text("reported");
    if !f.values.contains_key("reported") {
        f.whole_claim(Error::invalid(
            "a claim needs `reported` (the figure as written)",
        ));
    }
    let reported = reported_text
        .as_deref()
        .and_then(|t| match t.parse::<Figure>() {
            Ok(fig) => Some(fig),
            Err(e) => {
                f.problem("reported", e.context("`reported`"));
                None
            }
        });
    let mut reading = Reading::default();
    if let Some(r) = f.text("rounding") {
        match r.parse::<Rounding>() {
            Ok(r) => reading.rounding = r,
            Err(e) => f.problem("rounding", e.context("`rounding`")),
        }
    }
    if let Some(t) = f.text("tolerance") {
        match t.parse::<Tolerance>() {
            Ok(t) => reading.tolerance = t,
            Err(e) => f.problem("tolerance", e.context("`tolerance`")),
        }
        // A tolerance is the width of "about"; on any other figure it would be silently unused.
        if let Some(fig) = &reported {
            if fig.qualifier().direction() != QualifierDirection::Approximate {
                let problem = Error::invalid(format!(
                    "`tolerance` applies only to approximate figures (about, approximately, around), not to `{}`, which is read by its {}",
                    reported_text.as_deref().unwrap_or_default(),
                    match fig.qualifier().direction() {
                        QualifierDirection::Exact => "rounding (see `rounding`)",
                        _ => "qualifier as a bound (see `strict`)",
                    }
                ));
                f.problem("tolerance", problem);
            }
        }
    }
    reading.strict = f.flag("strict").unwrap_or(false);
    let over = f.text("over");
    let base_at = f.period("base");

    let kind = kind.ok_or(())?;
    let series = series.ok_or(())?;
    if series.is_empty() || series.iter().any(|s| s.trim().is_empty()) {
        f.problem(
            "series",
            Error::invalid("`series` must name at least one series"),
        );
    }
    if kind != ClaimKind::Sum && series.len() > 1 {
        f.problem(
            "series",
            Error::invalid(format!(
                "a {kind} claim measures one series: `series` takes a series id (a string); a list is for kind = \"sum\""
            )),
        );
    }
    match kind {
        ClaimKind::Ratio if of.len() != 1 => {
            let problem = if of.is_empty() {
                Error::invalid("a ratio claim needs `of` (the divisor)")
            } else {
                Error::invalid(
                    "`of` takes one series id (a string) for a ratio claim, the divisor, not a list",
                )
            };
            f.problem("of", problem);
        }
        ClaimKind::Share | ClaimKind::Ratio if of.iter().any(|s| s.trim().is_empty()) => {
            f.problem("of", Error::invalid("`of` names an empty series id"));
        }
        ClaimKind::Share | ClaimKind::Ratio => {}
        _ if f.values.contains_key("of") => f.problem(
            "of",
            Error::invalid(format!("`of` is for share and ratio claims, not {kind}")),
        ),
        _ => {}
    }
    let claim_period = match (kind, period, from, to) {
        (ClaimKind::Cagr, None, Some(from), Some(to)) => match from.periods_until(to) {
            Ok(n) if n > 0 => Some(ClaimPeriod::Span { from, to }),
            Ok(_) => {
                f.problem(
                    "to",
                    Error::invalid(format!("`to` ({to}) must come after `from` ({from})")),
                );
                None
            }
            Err(e) => {
                f.problem("to", e);
                None
            }
        },
        (ClaimKind::Cagr, ..) => {
            f.whole_claim(Error::invalid(
                "a cagr claim needs `from` and `to` (and no `period`)",
            ));
            None
        }
        (_, Some(p), None, None) => Some(ClaimPeriod::At(p)),
        (_, None, None, None) => {
            let has_period = f.values.contains_key("period");
            if !has_period {
                f.whole_claim(Error::invalid(format!("a {kind} claim needs `period`")));
            }
            None
        }
        (_, _, from, to) => {
            if from.is_some() || to.is_some() {
                let key = if from.is_some() { "from" } else { "to" };
                f.problem(
                    key,
                    Error::invalid(format!(
                        "`from` and `to` are for cagr claims; a {kind} claim takes `period`"
                    )),
                );
            }
            None
        }
    };
    let compares = matches!(kind, ClaimKind::Growth | ClaimKind::Difference);
    let mut base = ClaimBase::default();
    if let Some(o) = &over {
        if !compares {
            f.problem(
                "over",
                Error::invalid(format!(
                    "`over` is for growth and difference claims, not {kind}"
                )),
            );
        } else {
            match parse_over(o) {
                Ok(b) => base = b,
                Err(e) => f.problem("over", e.context("`over`")),
            }
        }
    }
    if let Some(b) = base_at {
        if !compares {
            f.problem(
                "base",
                Error::invalid(format!(
                    "`base` is for growth and difference claims, not {kind}"
                )),
            );
        } else if over.is_some() {
            f.problem(
                "base",
                Error::invalid("give `base` (a period) or `over`, not both"),
            );
        } else {
            base = ClaimBase::Period(b);
            if let Some(ClaimPeriod::At(at)) = claim_period {
                match b.periods_until(at) {
                    Ok(n) if n > 0 => {}
                    Ok(_) => f.problem(
                        "base",
                        Error::invalid(format!("`base` ({b}) must come before `period` ({at})")),
                    ),
                    Err(_) => f.problem(
                        "base",
                        Error::invalid(format!(
                            "`base` ({b}) must be a period of the same frequency as `period` ({at}): {}",
                            at.frequency()
                        )),
                    ),
                }
            }
        }
    }
    if !f.problems.is_empty() {
        return Err(());
    }
    let (Some(id), Some(period), Some(reported), Some(reported_text)) =
        (id, claim_period, reported, reported_text)
    else {
        return Err(());
    };
    Ok(Claim {
        id,
        quote,
        speaker,
        kind,
        series,
        of,
        period,
        reported,
        reported_text,
        base,
        reading,
        note,
        line: Some(line),
    })
}

/// `over = "year" | "previous" | "year-end"` (and the synonyms [`Lag`] accepts).
fn parse_over(text: &str) -> Result<ClaimBase> {
    match text.trim().to_ascii_lowercase().as_str() {
        "year-end" | "year end" | "end of last year" | "previous year-end" => {
            Ok(ClaimBase::YearEnd)
        }
        other => other.parse::<Lag>().map(ClaimBase::Lag).map_err(|_| {
            Error::parse(
                "over",
                text,
                "expected `year` (year-on-year), `previous` (the period before) or `year-end` (the end of the previous year); for another base, give `base` = a period",
            )
        }),
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
            "2%".parse::<Tolerance>().unwrap()
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
