//! The outcome of checking one claim: a verdict, the intervals compared, the inputs used and
//! the likely causes of a mismatch.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::interval::Interval;
use crate::period::Period;
use crate::source::Source;
use crate::unit::Unit;
use crate::verify::claim::{Claim, ClaimKind, ClaimPeriod};

/// Whether the data bear a claim out, graded.
///
/// # Example
/// ```
/// use indstat::verify::Verdict;
/// assert_eq!(Verdict::Unverifiable.to_string(), "unverifiable");
/// assert_eq!(Verdict::Approximate.as_str(), "approximate");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// The default reading of the reported figure (or the reading the claim declares) meets
    /// the value computed from the data.
    Consistent,
    /// Only a documented looser reading meets the data; [`Finding::reading`] names it.
    Approximate,
    /// No reading meets the data.
    Inconsistent,
    /// The claim cannot be evaluated (unknown series, missing period, incomparable units).
    Unverifiable,
    /// The claim itself is malformed (kept in the report by `--keep-going`); the note says why.
    Invalid,
}

crate::string_enum::string_enum!(Verdict, what = "verdict", path = "indstat::verify::Verdict", {
    Consistent => "consistent",
    Approximate => "approximate",
    Inconsistent => "inconsistent",
    Unverifiable => "unverifiable",
    Invalid => "invalid",
});

/// The reading of the reported figure under which it meets the data.
///
/// `Rounded` is the default reading (四舍五入 at the last written digit; "more than 6.5
/// million" as [6.5, 6.6) million). `Truncated` reads a plain figure as cut off rather than
/// rounded ("7.05 million" for 7.058 million). `Bound` reads a qualifier strictly, as a bound
/// on one side only ("more than 6.5 million" as anything above 6.5 million), whether the
/// qualifier is the claim's or one in the data.
///
/// # Example
/// ```
/// use indstat::verify::ReadingUsed;
/// assert_eq!(ReadingUsed::Truncated.as_str(), "truncated");
/// assert_eq!(ReadingUsed::Bound.to_string(), "bound");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReadingUsed {
    /// The default reading: rounded half away from zero at the last written digit.
    Rounded,
    /// Truncated (rounded down in magnitude) at the last written digit.
    Truncated,
    /// A qualifier read strictly, as a one-sided bound.
    Bound,
}

crate::string_enum::string_enum!(ReadingUsed, what = "reading", path = "indstat::verify::ReadingUsed", {
    Rounded => "rounded",
    Truncated => "truncated",
    Bound => "bound",
});

/// A likely cause the verifier sees in the data, beside its note.
///
/// # Example
/// ```
/// use indstat::verify::Cause;
/// assert_eq!(Cause::Truncation.code(), "truncation");
/// assert_eq!(Cause::PowerOfTen { exponent: 1 }.code(), "power_of_ten");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cause {
    /// The figure matches only if it was truncated rather than rounded.
    Truncation,
    /// The figure matches only under the strict (unbounded) reading of its qualifier.
    StrictReading,
    /// The figure matches only if multiplied by 10^−exponent: it is 10^exponent times the data.
    PowerOfTen {
        /// The power of ten by which the reported figure exceeds the data.
        exponent: i32,
    },
    /// A growth rate inconsistent with the published base, whose implied base lies close
    /// enough to the published one to be a revision; the base it implies.
    RevisedBase {
        /// The base the reported growth implies.
        implied: Interval,
        /// How far the implied base's midpoint lies from the published base's, in percent of
        /// the published base (negative when below).
        off_percent: Decimal,
    },
    /// A share whose whole is not in the data; the whole it implies.
    ImpliedWhole {
        /// The implied whole, in the part's unit.
        whole: Interval,
    },
    /// A CAGR whose start is not in the data; the start it implies.
    ImpliedStart {
        /// The implied start, in the series' unit.
        start: Interval,
    },
    /// The claim only bounds the value on one side.
    Unbounded,
}

impl Cause {
    /// A short code for reports.
    ///
    /// # Example
    /// ```
    /// assert_eq!(indstat::verify::Cause::Unbounded.code(), "unbounded");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Cause::Truncation => "truncation",
            Cause::StrictReading => "strict_reading",
            Cause::PowerOfTen { .. } => "power_of_ten",
            Cause::RevisedBase { .. } => "revised_base",
            Cause::ImpliedWhole { .. } => "implied_whole",
            Cause::ImpliedStart { .. } => "implied_start",
            Cause::Unbounded => "unbounded",
        }
    }
}

/// One observation a verification read, with its source.
///
/// # Example
/// ```
/// use indstat::verify::{verify, Claims};
/// let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
/// let f = report.finding("industry-share-of-gdp-2022").unwrap();
/// assert!(f.inputs.iter().any(|i| i.series == "gdp" && i.source.as_ref().unwrap().publisher == "NBS"));
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputUsed {
    /// The series read.
    pub series: String,
    /// The period read.
    pub period: Period,
    /// The value with its qualifier, as text.
    pub value: String,
    /// The value's qualifier.
    pub qualifier: crate::figure::Qualifier,
    /// The series' unit.
    pub unit: String,
    /// The interval the value stands for.
    pub interval: Interval,
    /// Its source, when the data name one (shared with the dataset, not copied).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Arc<Source>>,
}

impl fmt::Display for InputUsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} = {} {}",
            self.series, self.period, self.value, self.unit
        )?;
        if let Some(s) = &self.source {
            write!(f, " ({}, {}, {})", s.publisher, s.title, s.released)?;
        }
        Ok(())
    }
}

/// The result of checking one claim.
///
/// # Example
/// ```
/// use indstat::verify::{verify, Claims, Verdict};
/// let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
/// let f = report.finding("industry-share-of-gdp-2022").unwrap();
/// assert_eq!(f.verdict, Verdict::Consistent);
/// assert!(f.computed.unwrap().overlaps(&f.reported.unwrap()));
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The claim's id.
    pub id: String,
    /// The claim's kind.
    pub kind: ClaimKind,
    /// Where in the text the claim is.
    pub quote: Option<String>,
    /// Who made it.
    pub speaker: Option<String>,
    /// The reported figure as written.
    pub reported_text: String,
    /// The period(s) of the claim.
    pub period: ClaimPeriod,
    /// The verdict.
    pub verdict: Verdict,
    /// The reading under which the figure meets the data: `Some` for consistent and
    /// approximate findings, `None` otherwise.
    pub reading: Option<ReadingUsed>,
    /// The interval computed from the data, in [`unit`](Finding::unit).
    pub computed: Option<Interval>,
    /// The interval the reported figure stands for, in [`unit`](Finding::unit).
    pub reported: Option<Interval>,
    /// The unit both intervals are expressed in.
    pub unit: Option<Unit>,
    /// The gap between the intervals (zero when they overlap or touch).
    pub distance: Option<Decimal>,
    /// The gap relative to the reported figure's magnitude.
    pub relative_distance: Option<Decimal>,
    /// The observations read, with their sources.
    pub inputs: Vec<InputUsed>,
    /// What the verifier has to say: why unverifiable, likely causes, bounds.
    pub notes: Vec<String>,
    /// Likely causes, machine-readable.
    pub causes: Vec<Cause>,
}

impl Finding {
    pub(crate) fn new(claim: &Claim) -> Finding {
        Finding {
            id: claim.id.clone(),
            kind: claim.kind,
            quote: claim.quote.clone(),
            speaker: claim.speaker.clone(),
            reported_text: claim.reported_text.clone(),
            period: claim.period,
            verdict: Verdict::Unverifiable,
            reading: None,
            computed: None,
            reported: None,
            unit: None,
            distance: None,
            relative_distance: None,
            inputs: Vec::new(),
            notes: Vec::new(),
            causes: Vec::new(),
        }
    }

    /// A finding for a claims-file entry that could not be read (`--keep-going`): verdict
    /// [`Verdict::Invalid`], the error as its note. Its `kind` and `period` are placeholders
    /// (level, the first year of [`YEAR_RANGE`](crate::period::YEAR_RANGE)), serialised as null.
    pub(crate) fn invalid(id: String, error: String) -> Finding {
        Finding {
            id,
            kind: ClaimKind::Level,
            quote: None,
            speaker: None,
            reported_text: String::new(),
            period: ClaimPeriod::At(Period::year(*crate::period::YEAR_RANGE.start())),
            verdict: Verdict::Invalid,
            reading: None,
            computed: None,
            reported: None,
            unit: None,
            distance: None,
            relative_distance: None,
            inputs: Vec::new(),
            notes: vec![error],
            causes: Vec::new(),
        }
    }

    /// The verdict with the reading of an approximate finding: `approximate (truncated)`,
    /// `approximate (bound)`, or the bare verdict otherwise.
    ///
    /// # Example
    /// ```
    /// use indstat::verify::{verify, Claims};
    /// let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
    /// // "7.05 million" vehicles for CAAM's 705.8万: truncated, not rounded.
    /// assert_eq!(report.finding("nev-production-2022").unwrap().label(), "approximate (truncated)");
    /// assert_eq!(report.finding("industry-share-of-gdp-2022").unwrap().label(), "consistent");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn label(&self) -> String {
        match (self.verdict, self.reading) {
            (Verdict::Approximate, Some(r)) => format!("approximate ({r})"),
            (v, _) => v.to_string(),
        }
    }

    /// The notes joined into one sentence-separated string.
    ///
    /// # Example
    /// ```
    /// use indstat::verify::{verify, Claims};
    /// let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
    /// assert!(report.finding("smes-2022").unwrap().note().contains("power of ten"));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn note(&self) -> String {
        self.notes.join("; ")
    }

    /// Whether the verifier named this cause.
    ///
    /// # Example
    /// ```
    /// use indstat::verify::{verify, Cause, Claims};
    /// let report = verify(&indstat::Dataset::bundled()?, &Claims::bundled()?);
    /// assert!(report.finding("nev-production-2022").unwrap().has_cause(|c| *c == Cause::Truncation));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn has_cause(&self, test: impl Fn(&Cause) -> bool) -> bool {
        self.causes.iter().any(test)
    }
}

impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Finding", 16)?;
        m.serialize_field("id", &self.id)?;
        // An invalid entry has no kind or period the verifier could read.
        let invalid = self.verdict == Verdict::Invalid;
        m.serialize_field("kind", &(!invalid).then(|| self.kind.as_str()))?;
        m.serialize_field("verdict", &self.verdict)?;
        m.serialize_field("reading", &self.reading)?;
        m.serialize_field("computed", &self.computed)?;
        m.serialize_field("reported", &self.reported)?;
        m.serialize_field("unit", &self.unit.as_ref().map(ToString::to_string))?;
        m.serialize_field(
            "distance",
            &self.distance.map(|d| d.normalize().to_string()),
        )?;
        m.serialize_field(
            "relative_distance",
            &self.relative_distance.map(|d| d.normalize().to_string()),
        )?;
        m.serialize_field("note", &self.note())?;
        m.serialize_field(
            "causes",
            &self.causes.iter().map(Cause::code).collect::<Vec<_>>(),
        )?;
        m.serialize_field("quote", &self.quote)?;
        m.serialize_field("speaker", &self.speaker)?;
        m.serialize_field("reported_text", &self.reported_text)?;
        m.serialize_field("period", &(!invalid).then(|| self.period.to_string()))?;
        m.serialize_field("inputs", &self.inputs)?;
        m.end()
    }
}
