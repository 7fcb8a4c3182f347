//! The claims-file format: `[[claim]]` tables read untyped, each value with its span, then
//! typed and checked field by field, so that every problem of every claim is reported at once
//! with the line of the field it is about.

mod events;
mod raw;

use std::path::Path;

use crate::error::{Error, Result};
use crate::figure::{Figure, QualifierDirection, Reading, Rounding, Tolerance};
use crate::period::Period;
use crate::text::LineIndex;
use crate::transform::Lag;
use crate::verify::claim::{Claim, ClaimBase, ClaimKind, ClaimPeriod, Claims, InvalidClaim};
use raw::{Key, RawEntry, RawValue};

/// Reads every `[[claim]]` of `text`, in file order, keeping each malformed one aside with
/// all of its problems.
///
/// # Errors
/// Only when `text` is not TOML or not a list of `[[claim]]` tables.
pub(super) fn read(text: &str, file: &Path) -> Result<Claims> {
    let lines = LineIndex::new(text);
    let entries = raw::entries(text, file, &lines)?;
    let mut claims = Claims::with_capacity(entries.len());
    for (n, entry) in entries.into_iter().enumerate() {
        let line = lines.line(entry.at);
        let mut fields = Fields::new(entry, line, &lines);
        // The id and figure as written are kept apart: an invalid claim is reported by them.
        let id = fields.text("id");
        let reported = fields.text("reported");
        let built = build(&mut fields, line, id.as_deref(), reported.as_deref());
        if let Some(first) = id.as_deref().and_then(|id| claims.get(id)) {
            let first = first.line.unwrap_or(line);
            fields.problem(
                "id",
                Error::invalid(format!("the id is used twice (first on line {first})")),
            );
        }
        let mut problems = fields.problems;
        match (built, id, reported) {
            (Ok(mut claim), Some(id), Some(reported)) if problems.is_empty() => {
                claim.id = id;
                claim.reported_text = reported;
                claims.push(claim)?;
            }
            (_, id, reported) => {
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
                claims.push_invalid(InvalidClaim::new(id, line, message, reported));
            }
        }
    }
    Ok(claims)
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
/// first, each with the line of the field it is about. The fields are a handful, so a short
/// list searched in order beats hashing.
struct Fields {
    values: Vec<(&'static str, RawValue, usize)>,
    /// The line of the `[[claim]]` header, for problems of the claim as a whole.
    line: usize,
    problems: Vec<(usize, Error)>,
}

impl Fields {
    fn new(raw: RawEntry, line: usize, lines: &LineIndex) -> Fields {
        let mut fields = Fields {
            values: Vec::with_capacity(raw.fields.len()),
            line,
            problems: Vec::new(),
        };
        for (key, value, at) in raw.fields {
            let at = lines.line(at);
            match key {
                Key::Known(key) => fields.values.push((key, value, at)),
                Key::Unknown(key) => fields.problems.push((
                    at,
                    Error::invalid(format!(
                        "unknown field `{key}`; a claim takes {}",
                        KEYS.join(", ")
                    )),
                )),
            }
        }
        fields
    }

    fn get(&mut self, key: &str) -> Option<(&mut RawValue, usize)> {
        self.values
            .iter_mut()
            .find(|(k, ..)| *k == key)
            .map(|(_, value, line)| (value, *line))
    }

    fn contains_key(&self, key: &str) -> bool {
        self.values.iter().any(|(k, ..)| *k == key)
    }

    /// The line of `key`, or the header's when it is absent.
    fn line_of(&self, key: &str) -> usize {
        self.values
            .iter()
            .find(|(k, ..)| *k == key)
            .map_or(self.line, |(.., line)| *line)
    }

    fn problem(&mut self, key: &str, error: Error) {
        self.problems.push((self.line_of(key), error));
    }

    fn whole_claim(&mut self, error: Error) {
        self.problems.push((self.line, error));
    }

    /// A text field, taken out of the entry: each is read once.
    fn text(&mut self, key: &str) -> Option<String> {
        match self.get(key) {
            None => None,
            Some((RawValue::Text(t), _)) => Some(std::mem::take(t)),
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
        match self.get(key) {
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
        let (value, _) = self.get(key)?;
        let ids = match value {
            RawValue::Text(t) => Some(vec![std::mem::take(t)]),
            RawValue::List(items) => items
                .iter_mut()
                .map(|i| match i {
                    RawValue::Text(t) => Some(std::mem::take(t)),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        if ids.is_none() {
            let found = match value {
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

/// Types and checks a claim's fields, given its `id` and `reported` text (taken out before,
/// and left empty in the claim for the caller to move in); problems go to `f.problems`.
/// `Err(())` when there is at least one.
fn build(
    f: &mut Fields,
    line: usize,
    id: Option<&str>,
    reported_text: Option<&str>,
) -> std::result::Result<Claim, ()> {
    match id {
        None if !f.contains_key("id") => f.whole_claim(Error::invalid("a claim needs `id`")),
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
            if !f.contains_key("kind") {
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
    if !f.contains_key("series") {
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
    if !f.contains_key("reported") {
        f.whole_claim(Error::invalid(
            "a claim needs `reported` (the figure as written)",
        ));
    }
    let reported = reported_text.and_then(|t| match t.parse::<Figure>() {
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
                    reported_text.unwrap_or_default(),
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
        _ if f.contains_key("of") => f.problem(
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
            let has_period = f.contains_key("period");
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
    let (Some(_), Some(period), Some(reported), Some(_)) =
        (id, claim_period, reported, reported_text)
    else {
        return Err(());
    };
    Ok(Claim {
        id: String::new(),
        quote,
        speaker,
        kind,
        series,
        of,
        period,
        reported,
        reported_text: String::new(),
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
