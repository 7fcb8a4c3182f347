//! The claims-file format: `[[claim]]` tables read untyped, each value with its span, then
//! typed and checked field by field, so that every problem of every claim is reported at once
//! with the line of the field it is about.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::figure::{Figure, QualifierDirection, Reading, Rounding, Tolerance};
use crate::period::Period;
use crate::text::{LineIndex, toml_error};
use crate::transform::Lag;
use crate::verify::claim::{Claim, ClaimBase, ClaimKind, ClaimPeriod};

/// A claims-file entry that could not be read.
pub(super) struct BadEntry {
    /// Its id, when it has a readable one.
    pub(super) id: Option<String>,
    /// The line of its `[[claim]]` header.
    pub(super) line: usize,
    /// Every problem, each placed at its file and line, one per line.
    pub(super) message: String,
    /// Its `reported` figure as written, when it is text.
    pub(super) reported: Option<String>,
}

/// Reads every `[[claim]]` of `text`, in file order: a claim, or why it is not one.
///
/// # Errors
/// Only when `text` is not TOML or not a list of `[[claim]]` tables.
pub(super) fn read(text: &str, file: &Path) -> Result<Vec<std::result::Result<Claim, BadEntry>>> {
    let lines = LineIndex::new(text);
    let parsed: ClaimsFile = toml::from_str(text).map_err(|e| toml_error(file, &lines, e))?;
    let mut first_line: HashMap<String, usize> = HashMap::with_capacity(parsed.claim.0.len());
    let mut entries = Vec::with_capacity(parsed.claim.0.len());
    for (n, entry) in parsed.claim.0.iter().enumerate() {
        let line = lines.line(entry.span().start);
        let mut fields = Fields::new(entry.get_ref(), line, &lines);
        let claim = build(&mut fields, line);
        let text_of = |key: &str| {
            fields.values.get(key).and_then(|(v, _)| match v {
                RawValue::Text(t) => Some(t.clone()),
                _ => None,
            })
        };
        let mut problems = std::mem::take(&mut fields.problems);
        if let Ok(c) = &claim {
            if let Some(first) = first_line.get(&c.id) {
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
                entries.push(Ok(c));
            }
            _ => {
                // The id and figure as written, for the report of an invalid claim.
                let id = text_of("id");
                let reported = text_of("reported");
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
                entries.push(Err(BadEntry {
                    id,
                    line,
                    message,
                    reported,
                }));
            }
        }
    }
    Ok(entries)
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
/// A claim's fields by key: a handful, so a short list searched in order beats hashing.
struct FieldMap<'a>(Vec<(&'a str, (&'a RawValue, usize))>);

impl<'a> FieldMap<'a> {
    fn get(&self, key: &str) -> Option<&(&'a RawValue, usize)> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn insert(&mut self, key: &'a str, value: (&'a RawValue, usize)) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slot)) => *slot = value,
            None => self.0.push((key, value)),
        }
    }
}

struct Fields<'a> {
    values: FieldMap<'a>,
    /// The line of the `[[claim]]` header, for problems of the claim as a whole.
    line: usize,
    problems: Vec<(usize, Error)>,
}

impl<'a> Fields<'a> {
    fn new(raw: &'a RawEntry, line: usize, lines: &LineIndex) -> Fields<'a> {
        let mut fields = Fields {
            values: FieldMap(Vec::with_capacity(raw.fields.len())),
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
