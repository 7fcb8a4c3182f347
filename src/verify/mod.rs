//! Checking published claims against data.
//!
//! [`verify`] evaluates each [`Claim`] on a [`Dataset`]: it computes the interval the data
//! allow (every input read as the interval its reported precision and qualifier stand for),
//! reads the reported figure as an interval, and compares them. Each claim gets a graded
//! [`Verdict`], both intervals, their distance, the inputs used with their sources, and notes.
//!
//! # Verdicts
//!
//! - [`Verdict::Consistent`]: the default reading of the figure (rounded half away from zero
//!   at its last digit; "more than 6.5 million" as [6.5, 6.6) million), or the reading the
//!   claim declares (`rounding = "truncate"`, `strict = true`), meets the data.
//! - [`Verdict::Approximate`]: only a documented looser reading does, named in
//!   [`Finding::reading`]: [`ReadingUsed::Truncated`] (a plain figure cut off rather than
//!   rounded: "7.05 million" for 705.8万) or [`ReadingUsed::Bound`] (a qualifier read strictly,
//!   as a one-sided bound: "more than 6.5 million" as anything above it — the claim's own
//!   qualifier, or one in the data). One looser reading at a time, in that order.
//! - [`Verdict::Inconsistent`]: no reading does. A note names a likely cause where the data
//!   show one, and only then: a power-of-ten slip (for a bounded reported interval only), a
//!   growth rate on a revised base (with how far, in percent, the implied base lies from the
//!   published one; called a revision only within 10%), the start a CAGR implies.
//! - [`Verdict::Unverifiable`]: an input is missing; the note says which. A share whose whole
//!   has no value reports the whole it implies. It never stops the other claims.
//! - [`Verdict::Invalid`]: a malformed claims-file entry, kept by
//!   [`Claims::parse_keep_going`] so the report can list it.
//!
//! ```
//! use indstat::verify::{verify, Claims, ReadingUsed, Verdict};
//! let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
//! // "exceeding 6.5 million" vehicles for 705.8万: true only as a bound.
//! let f = report.finding("nev-production-2022-exceeding-6-5-million").unwrap();
//! assert_eq!((f.verdict, f.reading), (Verdict::Approximate, Some(ReadingUsed::Bound)));
//! assert_eq!(report.summary(), "49 claims: 29 consistent, 6 approximate, 6 inconsistent, 8 unverifiable");
//! # Ok::<(), indstat::Error>(())
//! ```
//!
//! Growth and difference claims compare with a year earlier by default; `over = "previous"`,
//! `over = "year-end"` (比上年末) or `base = "2022-12"` choose another base ([`ClaimBase`]). A
//! share's `of` may list several series whose sum is the whole.

mod claim;
mod claims_file;
mod finding;
mod html;
mod report;

pub use claim::{Claim, ClaimBase, ClaimKind, ClaimPeriod, Claims, InvalidClaim};
pub use finding::{Cause, Finding, InputUsed, ReadingUsed, Verdict};
pub use html::{HtmlContext, Unmatched};
pub use report::{Counts, Format, Report};

use std::fmt;

use rust_decimal::Decimal;

use crate::dataset::Dataset;
use crate::figure::{Figure, QualifierDirection, Reading, Rounding};
use crate::interval::Interval;
use crate::period::Period;
use crate::series::Series;
use crate::transform::{implied_base, implied_start, implied_whole, ratio_unit};
use crate::unit::{Dimension, Unit};

/// Checks every claim against the data. Entries a lenient load kept aside
/// ([`Claims::parse_keep_going`]) appear in file order as [`Verdict::Invalid`] findings with
/// their errors as notes.
///
/// # Example
/// ```
/// use indstat::verify::{verify, Claims, Verdict};
/// let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
/// // "accounting for 33.2% of GDP": 401,644 / 1,210,207.
/// assert_eq!(report.finding("industry-share-of-gdp-2022").unwrap().verdict, Verdict::Consistent);
/// // "the number of SMEs exceeded 520 million": the Chinese original says 5200万 (52 million).
/// assert_eq!(report.finding("smes-2022").unwrap().verdict, Verdict::Inconsistent);
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn verify(data: &Dataset, claims: &Claims) -> Report {
    let invalid_finding = |bad: &InvalidClaim| {
        let id = bad
            .id
            .clone()
            .unwrap_or_else(|| format!("line-{}", bad.line));
        let mut finding = Finding::invalid(id, bad.message.clone());
        finding.reported_text = bad.reported.clone().unwrap_or_default();
        finding
    };
    let mut invalid = claims.invalid().iter().peekable();
    let mut findings = Vec::with_capacity(claims.len() + claims.invalid().len());
    for (i, claim) in claims.claims().iter().enumerate() {
        // Invalid entries go where they stood in the file, among the valid claims.
        while let Some(bad) = invalid.next_if(|bad| bad.position() <= i) {
            findings.push(invalid_finding(bad));
        }
        findings.push(check(data, claim));
    }
    findings.extend(invalid.map(invalid_finding));
    Report::new(findings)
}

/// Checks one claim.
///
/// # Example
/// ```
/// use indstat::verify::{check, Claims, Verdict};
/// let claims = Claims::parse("[[claim]]\nid = \"x\"\nkind = \"level\"\nseries = \"no_such\"\nperiod = \"2022\"\nreported = \"1\"\n", "c")?;
/// let f = check(&indstat::Dataset::bundled()?, &claims.claims()[0]);
/// assert_eq!(f.verdict, Verdict::Unverifiable);
/// assert_eq!(f.note(), "series `no_such` is not in the data");
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn check(data: &Dataset, claim: &Claim) -> Finding {
    let mut finding = Finding::new(claim);
    let mut ctx = Context {
        data,
        claim,
        finding: &mut finding,
        strict_inputs: false,
    };
    if let Err(reason) = ctx.evaluate() {
        ctx.finding.verdict = Verdict::Unverifiable;
        ctx.finding.notes.insert(0, reason);
    }
    // Data can be one-sided too ("more than 650" racks): try reading them strictly.
    let one_sided: Vec<String> = finding
        .inputs
        .iter()
        .filter(|i| {
            matches!(
                i.qualifier.direction(),
                QualifierDirection::AtLeast | QualifierDirection::AtMost
            )
        })
        .map(|i| format!("{} {} = {}", i.series, i.period, i.value))
        .collect();
    // A strict reading of the data is a simpler explanation than a revised base, but it can
    // hide a slip of scale: never try it past a power-of-ten finding.
    let slip = finding.has_cause(|c| matches!(c, Cause::PowerOfTen { .. }));
    if finding.verdict == Verdict::Inconsistent && !slip && !one_sided.is_empty() {
        let mut scratch = Finding::new(claim);
        let mut strict = Context {
            data,
            claim,
            finding: &mut scratch,
            strict_inputs: true,
        };
        let evaluated = strict.evaluate().is_ok();
        if evaluated && scratch.verdict == Verdict::Consistent {
            if let Some(c) = scratch.computed {
                finding.verdict = Verdict::Approximate;
                finding.reading = Some(ReadingUsed::Bound);
                // The causes of a mismatch no longer apply: the strict reading explains it.
                finding.notes = vec![format!(
                    "approximate: true only if the data's one-sided figures ({}) are read strictly, as bounds: the data then give {}",
                    one_sided.join(", "),
                    short(&c)
                )];
                finding.causes = vec![Cause::StrictReading];
            }
        }
    }
    finding
}

/// Why a claim cannot be evaluated.
type Unverifiable = String;

/// `value` as text, written into one allocation of room for a unit's name or a number (the
/// verifier writes two per claim; `to_string` would grow its buffer two or three times).
fn text_of(value: impl fmt::Display) -> String {
    use fmt::Write as _;
    let mut text = String::with_capacity(32);
    let _ = write!(text, "{value}");
    text
}

struct Context<'a> {
    data: &'a Dataset,
    claim: &'a Claim,
    finding: &'a mut Finding,
    /// Read one-sided observations ("more than 650") without their rounded-down bound.
    strict_inputs: bool,
}

/// What the data give for a claim: an interval in a unit.
struct Computed {
    value: Interval,
    unit: Unit,
}

impl Context<'_> {
    fn evaluate(&mut self) -> Result<(), Unverifiable> {
        let claim = self.claim;
        let Some(computed) = self.compute()? else {
            return Ok(());
        };
        let reported = reported_interval(claim, &computed.unit, &claim.reading)
            .map_err(|e| format!("units cannot be compared: {e}"))?;
        self.judge(&computed, reported);
        Ok(())
    }

    /// Reads the observation of `id` at `period` as an interval, recording the input.
    fn read(&mut self, id: &str, period: Period) -> Result<(Interval, &Series), Unverifiable> {
        let data = self.data;
        let series = data
            .series(id)
            .ok_or_else(|| format!("series `{id}` is not in the data"))?;
        if period.frequency() != series.frequency() {
            return Err(format!(
                "series `{id}` is {} but the claim is about {period}",
                series.frequency()
            ));
        }
        let (obs, source) = series.reading_at(period).ok_or_else(|| {
            let mut why = format!("series `{id}` has no value for {period}");
            if let Some(gap) = series.gap(period) {
                why.push_str(&format!(" ({gap})"));
            }
            why
        })?;
        let reading = Reading {
            rounding: obs.rounding,
            strict: self.strict_inputs,
            ..Reading::default()
        };
        let interval = obs
            .interval_with(&reading)
            .map_err(|e| format!("series `{id}` {period}: {e}"))?;
        self.finding.inputs.push(InputUsed {
            series: id.to_string(),
            period,
            value: obs.describe(),
            qualifier: obs.qualifier,
            unit: text_of(series.unit()),
            interval,
            source: source.and_then(|s| data.shared_source(s)).cloned(),
        });
        Ok((interval, series))
    }

    fn at(&self) -> Period {
        match self.claim.period {
            claim::ClaimPeriod::At(p) => p,
            claim::ClaimPeriod::Span { to, .. } => to,
        }
    }

    fn base_period(&self) -> Result<Period, Unverifiable> {
        self.claim
            .base
            .period_for(self.at())
            .map_err(|e| e.to_string())
    }

    /// The interval the data give, or `None` when the finding is already complete (a share
    /// whose whole is not in the data).
    fn compute(&mut self) -> Result<Option<Computed>, Unverifiable> {
        let claim = self.claim;
        let first = claim
            .series
            .first()
            .map(String::as_str)
            .ok_or("the claim names no series")?;
        let fault = |what: &str, e: crate::Error| format!("{what}: {e}");
        let computed = match claim.kind {
            ClaimKind::Level => {
                let (value, s) = self.read(first, self.at())?;
                Computed {
                    value,
                    unit: s.unit().clone(),
                }
            }
            ClaimKind::Sum => self.sum_of(&claim.series)?,
            ClaimKind::Share => {
                let (part, s) = self.read(first, self.at())?;
                let part_unit = s.unit().clone();
                if claim.of.is_empty() {
                    return self.implied_whole(part, &part_unit, None).map(|()| None);
                }
                let whole = match self.sum_of(&claim.of) {
                    Ok(whole) => whole,
                    Err(why) => {
                        return self
                            .implied_whole(part, &part_unit, Some(why))
                            .map(|()| None);
                    }
                };
                let factor = part_unit.factor_to(&whole.unit).map_err(|e| {
                    format!("a share needs a part and a whole of one dimension: {e}")
                })?;
                let value = part
                    .checked_scale(factor * Decimal::ONE_HUNDRED)
                    .and_then(|p| p.checked_div(&whole.value))
                    .map_err(|e| fault("the share", e))?;
                Computed {
                    value,
                    unit: Unit::percent(),
                }
            }
            ClaimKind::Ratio => {
                let (a, sa) = self.read(first, self.at())?;
                let ua = sa.unit().clone();
                let of = claim.of.first().map(String::as_str).unwrap_or_default();
                let (b, sb) = self.read(of, self.at())?;
                let (unit, factor) =
                    ratio_unit(&ua, sb.unit()).map_err(|e| fault("the ratio's unit", e))?;
                let value = a
                    .checked_scale(factor)
                    .and_then(|a| a.checked_div(&b))
                    .map_err(|e| fault("the ratio", e))?;
                Computed { value, unit }
            }
            ClaimKind::Growth => {
                let base_period = self.base_period()?;
                let (end, _) = self.read(first, self.at())?;
                let (base, _) = self.read(first, base_period)?;
                let value = crate::transform::Value::growth_over(end, base)
                    .map_err(|_| format!("the base {base} for {base_period} is not positive"))?;
                Computed {
                    value,
                    unit: Unit::percent(),
                }
            }
            ClaimKind::Difference => {
                let base_period = self.base_period()?;
                let (end, s) = self.read(first, self.at())?;
                let unit = match s.unit().dimension() {
                    Dimension::Percent => Unit::percentage_points(),
                    _ => s.unit().clone(),
                };
                let (base, _) = self.read(first, base_period)?;
                let value = end
                    .checked_sub(&base)
                    .map_err(|e| fault("the difference", e))?;
                Computed { value, unit }
            }
            ClaimKind::Cagr => {
                let claim::ClaimPeriod::Span { from, to } = claim.period else {
                    return Err("a cagr claim needs `from` and `to`".into());
                };
                let (end, s) = self.read(first, to)?;
                let unit = s.unit().clone();
                let periods = from.periods_until(to).map_err(|e| e.to_string())?;
                let years = periods as f64 / f64::from(from.frequency().periods_per_year());
                let start = match self.read(first, from) {
                    Ok((start, _)) => start,
                    Err(why) => {
                        self.implied_start(end, &unit, years);
                        return Err(why);
                    }
                };
                let value = crate::transform::growth::cagr_of(end, start, years)
                    .map_err(|_| format!("the start {start} for {from} is not positive"))?;
                Computed {
                    value,
                    unit: Unit::percent(),
                }
            }
        };
        Ok(Some(computed))
    }

    /// The sum of `ids` at the claim's period, in the first one's unit (each unit-checked).
    fn sum_of(&mut self, ids: &[String]) -> Result<Computed, Unverifiable> {
        let Some((first, rest)) = ids.split_first() else {
            return Err("no series to add".into());
        };
        let (mut total, s) = self.read(first, self.at())?;
        let unit = s.unit().clone();
        for id in rest {
            let (v, s) = self.read(id, self.at())?;
            let factor = s
                .unit()
                .factor_to(&unit)
                .map_err(|e| format!("series `{id}` cannot be added to `{first}`: {e}"))?;
            total = v
                .checked_scale(factor)
                .and_then(|v| total.checked_add(&v))
                .map_err(|e| format!("the sum: {e}"))?;
        }
        Ok(Computed { value: total, unit })
    }

    /// A share whose whole has no value (no `of`, or an `of` the data lack): report the whole
    /// it implies, after `why` the whole is missing.
    fn implied_whole(
        &mut self,
        part: Interval,
        unit: &Unit,
        why: Option<String>,
    ) -> Result<(), Unverifiable> {
        let reported = self
            .claim
            .reported
            .interval_in(&Unit::percent(), &self.claim.reading)
            .map_err(|e| format!("a share is in percent: {e}"))?;
        self.finding.reported = Some(reported);
        self.finding.unit = Some(Unit::percent());
        let missing = why.unwrap_or_else(|| "the whole is not in the data".to_string());
        match implied_whole(part, reported) {
            Ok(whole) => {
                self.finding.notes.push(format!(
                    "{missing}; {} at {} implies a whole of {} {unit}",
                    short(&part),
                    self.claim.reported_text,
                    short(&whole)
                ));
                self.finding.causes.push(Cause::ImpliedWhole { whole });
            }
            Err(e) => self.finding.notes.push(format!("{missing} ({e})")),
        }
        self.finding.verdict = Verdict::Unverifiable;
        Ok(())
    }

    /// A CAGR whose start is missing: note the start it implies.
    fn implied_start(&mut self, end: Interval, unit: &Unit, years: f64) {
        let Ok(cagr) = reported_percent(&self.claim.reported, &self.claim.reading) else {
            return;
        };
        self.finding.reported = Some(cagr);
        self.finding.unit = Some(Unit::percent());
        if let Ok(start) = implied_start(end, cagr, years) {
            self.finding.notes.push(format!(
                "a CAGR of {} ending at {} implies a start of {} {unit}",
                self.claim.reported_text,
                short(&end),
                short(&start)
            ));
            self.finding.causes.push(Cause::ImpliedStart { start });
        }
    }

    /// Compares the computed and reported intervals: the default (or declared) reading first,
    /// then the documented looser readings, and only then the likely causes of a mismatch.
    fn judge(&mut self, computed: &Computed, reported: Interval) {
        let claim = self.claim;
        let c = computed.value;
        let f = &mut *self.finding;
        f.computed = Some(c);
        f.reported = Some(reported);
        f.unit = Some(computed.unit.clone());
        let distance = c.distance(&reported);
        f.distance = Some(distance);
        f.relative_distance = magnitude(&reported)
            .filter(|m| !m.is_zero())
            .and_then(|m| distance.checked_div(m));
        let unit = &computed.unit;
        let reread = |reading: Reading| reported_interval(claim, unit, &reading).ok();
        let direction = claim.reported.qualifier().direction();
        let one_sided = matches!(
            direction,
            QualifierDirection::AtLeast | QualifierDirection::AtMost
        );

        if c.overlaps(&reported) {
            f.verdict = Verdict::Consistent;
            f.reading = Some(declared_reading(claim));
            if claim.reading.rounding == Rounding::Truncate
                && direction == QualifierDirection::Exact
            {
                let rounded = reread(Reading {
                    rounding: Rounding::HalfAwayFromZero,
                    ..claim.reading
                });
                if rounded.is_some_and(|r| !r.overlaps(&c)) {
                    f.notes.push(format!(
                        "consistent only because the figure is read as truncated, as the claim declares: rounded, {} would not match the data ({} {unit})",
                        claim.reported_text,
                        short(&c)
                    ));
                    f.causes.push(Cause::Truncation);
                }
            }
            // A one-sided claim only bounds the value.
            if !reported.is_bounded() {
                f.notes.push(format!(
                    "the claim only bounds the value: {} {unit} (the data give {})",
                    short(&reported),
                    short(&c)
                ));
                f.causes.push(Cause::Unbounded);
            }
            return;
        }

        // Looser documented readings, before any cause of error is suggested.
        if direction == QualifierDirection::Exact
            && claim.reading.rounding == Rounding::HalfAwayFromZero
        {
            let truncated = reread(Reading {
                rounding: Rounding::Truncate,
                ..claim.reading
            });
            if let Some(t) = truncated.filter(|t| t.overlaps(&c)) {
                f.verdict = Verdict::Approximate;
                f.reading = Some(ReadingUsed::Truncated);
                f.notes.push(format!(
                    "approximate: the data give {} {unit}, which rounds to another figure but truncates to {} ({}); declare rounding = \"truncate\" if the source truncates",
                    short(&c),
                    claim.reported_text,
                    short(&t)
                ));
                f.causes.push(Cause::Truncation);
                return;
            }
        }
        if one_sided && !claim.reading.strict {
            let strict = reread(Reading {
                strict: true,
                ..claim.reading
            });
            if let Some(s) = strict.filter(|s| s.overlaps(&c)) {
                f.verdict = Verdict::Approximate;
                f.reading = Some(ReadingUsed::Bound);
                f.notes.push(format!(
                    "approximate: true only as a bound, {s} {unit}, reading `{}` strictly; the default reading takes the speaker to have rounded down (or up) at the last digit, {} — the data give {}",
                    claim.reported.qualifier(),
                    short(&reported),
                    short(&c)
                ));
                f.causes.push(Cause::StrictReading);
                return;
            }
        }

        f.verdict = Verdict::Inconsistent;
        // A power-of-ten slip (万 read as 亿, "520 million" for 5200万). Only a bounded reported
        // interval can show one: scaled, an unbounded one overlaps almost anything.
        if reported.is_bounded()
            && matches!(
                claim.kind,
                ClaimKind::Level | ClaimKind::Sum | ClaimKind::Difference | ClaimKind::Ratio
            )
        {
            let slip = (1i32..=8).flat_map(|k| [k, -k]).find(|k| {
                reported
                    .checked_scale(crate::unit::pow10(-k))
                    .is_ok_and(|r| r.overlaps(&c))
            });
            if let Some(k) = slip {
                let factor = crate::unit::pow10(k.abs()).normalize();
                let (bigger, relation) = if k > 0 {
                    ("the reported figure", "the data")
                } else {
                    ("the data", "the reported figure")
                };
                f.notes.push(format!(
                    "off by a power of ten: {bigger} is {factor} times {relation} ({} against {} {unit}) — a slip of scale such as 万/亿 in translation?",
                    claim.reported_text,
                    short(&c)
                ));
                f.causes.push(Cause::PowerOfTen { exponent: k });
            }
        }
        if claim.kind == ClaimKind::Growth {
            revised_base(f, reported);
        }
        if claim.kind == ClaimKind::Cagr {
            if let (Some(end), claim::ClaimPeriod::Span { from, to }) =
                (f.inputs.first().map(|i| i.interval), claim.period)
            {
                let years = from.periods_until(to).unwrap_or(1) as f64
                    / f64::from(from.frequency().periods_per_year());
                if let Ok(start) = implied_start(end, reported, years) {
                    f.notes.push(format!(
                        "a CAGR of {} implies a start of {} for {from}",
                        claim.reported_text,
                        short(&start)
                    ));
                    f.causes.push(Cause::ImpliedStart { start });
                }
            }
        }
    }
}

/// How far (in percent of the published base) an implied base may lie from the published
/// one and still be read as a revision. Revisions to a comparable base (可比口径) move a base
/// by a few percent; a growth rate that needs a base 10% away or more is more likely wrong.
const REVISION_LIMIT_PERCENT: Decimal = Decimal::TEN;

/// An inconsistent growth rate: the base it implies, how far that is from the published
/// base, and whether that is plausible as a revision. Called only when no looser reading of
/// the figure explains the gap.
fn revised_base(f: &mut Finding, reported: Interval) {
    let (Some(end), Some(base)) = (
        f.inputs.first().map(|i| i.interval),
        f.inputs.get(1).cloned(),
    ) else {
        return;
    };
    let Ok(implied) = implied_base(end, reported) else {
        return;
    };
    let (Some(at), Some(published)) = (implied.midpoint(), base.interval.midpoint()) else {
        return;
    };
    if published.is_zero() {
        return;
    }
    let Some(off) = (at - published)
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|d| d.checked_div(published))
    else {
        return;
    };
    let off_text = format!(
        "{}% {}",
        crate::round_half_away(off.abs(), 1).normalize(),
        if off.is_sign_negative() {
            "below"
        } else {
            "above"
        }
    );
    if off.abs() <= REVISION_LIMIT_PERCENT {
        f.notes.push(format!(
            "the reported growth implies a base of {} {} for {}, {off_text} the published {} — the growth is likely computed on a revised or comparable (可比口径) base",
            short(&implied),
            base.unit,
            base.period,
            base.value
        ));
        f.causes.push(Cause::RevisedBase {
            implied,
            off_percent: off,
        });
    } else {
        f.notes.push(format!(
            "the reported growth implies a base of {} {} for {}, {off_text} the published {}: too far for a revision of the base",
            short(&implied),
            base.unit,
            base.period,
            base.value
        ));
    }
}

/// The reading a consistent finding used: the one the claim declares, or the default.
fn declared_reading(claim: &Claim) -> ReadingUsed {
    let direction = claim.reported.qualifier().direction();
    if claim.reading.strict
        && matches!(
            direction,
            QualifierDirection::AtLeast | QualifierDirection::AtMost
        )
    {
        ReadingUsed::Bound
    } else if claim.reading.rounding == Rounding::Truncate && direction == QualifierDirection::Exact
    {
        ReadingUsed::Truncated
    } else {
        ReadingUsed::Rounded
    }
}

/// The interval the reported figure stands for, in `unit`, under `reading`.
///
/// Growth and CAGR figures go through [`reported_percent`], the one place that turns a
/// reported growth figure into a percent interval.
fn reported_interval(
    claim: &Claim,
    unit: &Unit,
    reading: &Reading,
) -> Result<Interval, crate::Error> {
    match claim.kind {
        ClaimKind::Growth | ClaimKind::Cagr => reported_percent(&claim.reported, reading),
        _ => claim.reported.interval_in(unit, reading),
    }
}

/// A reported growth figure as a percent interval: percent as is, a multiple m (增长1.2倍,
/// "up 1.2 times", 翻一番) as 100·m percent, a bare number as percent.
fn reported_percent(figure: &Figure, reading: &Reading) -> Result<Interval, crate::Error> {
    match figure.dimension() {
        None => figure.interval_in(&Unit::percent(), reading),
        Some(_) => figure.growth_interval(reading),
    }
}

/// The magnitude of a reported interval, for relative distances.
fn magnitude(i: &Interval) -> Option<Decimal> {
    i.midpoint()
        .or_else(|| i.low().value())
        .or_else(|| i.high().value())
        .map(|m| m.abs())
}

/// An interval shown with long ends rounded outward to about five significant digits (at
/// least four decimals below one), so notes stay readable and still hold every value.
pub(crate) fn short(i: &Interval) -> String {
    // Ends written with few decimals (the inputs' own precision) are shown as they are.
    let decimals = [i.low().value(), i.high().value()]
        .into_iter()
        .flatten()
        .map(|v| v.normalize().scale())
        .max()
        .unwrap_or(0);
    if i.is_point() || decimals <= 4 {
        return i.to_string();
    }
    let magnitude = i
        .low()
        .value()
        .or_else(|| i.high().value())
        .map(|v| v.abs())
        .unwrap_or_default();
    let int_digits = magnitude.trunc().to_string().trim_start_matches('0').len();
    let min = if magnitude < Decimal::ONE { 4 } else { 0 };
    let dp = 5usize.saturating_sub(int_digits).max(min);
    format!("{i:.dp$}")
}
