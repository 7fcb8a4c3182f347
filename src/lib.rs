//! # indstat
//!
//! Typed industrial and economic indicator series — values with their unit (yuan, 亿元,
//! trillion yuan, 万辆), frequency, kind and sources — the computations analysts run on them
//! (growth, CAGR, shares, percentage-point changes, contributions, rebasing, calendar
//! conversions), exact in `Decimal`; and the one thing other tools do not do: **checking
//! published claims** ("NEV output 7.05 million, up 96.9%", "industry was 33.2% of GDP")
//! against data, with the rounding and the wording of every figure taken into account.
//!
//! ```
//! use indstat::verify::{verify, Claims, Verdict};
//! use indstat::{Dataset, Figure, Unit};
//!
//! // A reported figure is an interval: "33.2%" is any value in [33.15, 33.25), and
//! // "more than 6.5 million" means the speaker rounded down: [6.5, 6.6) million.
//! assert_eq!("33.2%".parse::<Figure>()?.interval()?.to_string(), "[33.15, 33.25)");
//! let racks: Figure = "more than 6.5 million racks".parse()?;
//! let wan: Unit = "10 thousand racks".parse()?;
//! assert_eq!(racks.interval_in(&wan, &Default::default())?.to_string(), "[650, 660)");
//!
//! // Verify the claims of the SCIO briefing of 2023-03-01 against official data.
//! let report = verify(&Dataset::bundled()?, &Claims::bundled()?);
//! let share = report.finding("industry-share-of-gdp-2022").unwrap();
//! assert_eq!(share.verdict, Verdict::Consistent);
//! let smes = report.finding("smes-2022").unwrap(); // "520 million" for 5200万
//! assert!(smes.note().contains("power of ten"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! - [`Period`] and [`Frequency`]: years, halves, quarters, months. Series are indexed by
//!   period, never by position, so a missing month stays missing.
//! - [`Unit`] = [`Dimension`] × [`Scale`]: currencies, counts of named things, percent,
//!   percentage points, tonnes, pure numbers, at 万, 亿, million, trillion…; conversions are
//!   exact and mixing dimensions is an [`Error`].
//! - [`Figure`] and [`Interval`]: a reported number with its precision and qualifier, and the
//!   set of values it stands for (四舍五入 rounding, truncation, "more than", "nearly",
//!   "about"). Interval arithmetic is sound, even through division and real powers.
//! - [`Series`] (exact `Decimal` by default, `f64` for bulk work), [`Source`] and [`Lineage`]:
//!   typed observations with their provenance.
//! - [`transform`]: FRED's transformations ([`Transform`]), growth, CAGR, contributions,
//!   rebasing, shares, ratios, year-to-date and frequency conversions, and the inverses a
//!   verifier needs — each on `Decimal`, `Interval` and `f64`, with [`Gap`] reasons instead of
//!   `NaN`.
//! - [`Dataset`]: series and sources loaded from the folder format (`sources.toml`,
//!   `series.toml`, `observations.csv`); errors name the file and line.
//! - [`verify`]: claims files, graded verdicts (consistent, approximate under a truncated or
//!   bound reading, inconsistent, unverifiable), likely causes (power-of-ten slips, revised
//!   bases, implied wholes and starts) and reports.
//! - [`extract`]: from a transcript (English or Chinese) to claims — every figure statement
//!   with its measure, period and subject, matched to series by their `aliases`, drafted as a
//!   claims file and checked in one call ([`extract::check`], `indstat check`).
//! - `frame` (feature `polars`): panels of many series, and DataFrame, CSV and Parquet I/O.
//! - [`cookbook`]: recipes, which are the programs in `examples/`.
//!
//! # What indstat deliberately does not do
//!
//! - It does not fetch data: no network at run time. Data come from files you keep (with
//!   their sources), or from your program.
//! - It does not seasonally adjust, forecast or fill gaps: a missing value stays missing, with
//!   the reason, and a period with an incomplete total has no total.
//! - It does not guess units: a figure with only a scale ("2.31 million") takes the dimension
//!   of what it is compared with; anything else must say its unit.
//! - It does not decide what a speaker meant: it reports which readings (rounded, truncated,
//!   strict) make a figure consistent, and leaves the judgement to you.
//!
//! # Crate features
//!
//! - `cli` (on by default): the `indstat` command-line program and its argument parser
//!   (clap). `indstat = { version = "0.1", default-features = false }` builds the library
//!   alone.
//! - `polars` (off by default): `frame::Panel` and DataFrame/CSV/Parquet
//!   interop. Heavy: a release build of polars takes about 17 minutes on two cores.
//! - `charts` (off by default): SVG charts of series and claims with plotters.
#![deny(missing_docs)]

pub mod bundled;
#[cfg(feature = "charts")]
pub mod chart;
pub mod cookbook;
pub mod dataset;
pub mod error;
pub mod extract;
pub mod figure;
#[cfg(feature = "polars")]
pub mod frame;
pub mod gap;
pub mod interval;
pub mod io;
pub mod period;
pub mod series;
pub mod source;
mod string_enum;
mod table;
mod text;
pub mod transform;
pub mod unit;
pub mod verify;

/// The on-disk formats under their old name: use [`io`] (this alias goes in the next release).
///
/// # Example
/// ```
/// #[allow(deprecated)]
/// use indstat::interop::sdmx;
/// assert!(sdmx::read_csv("DATAFLOW,TIME_PERIOD,OBS_VALUE\n", "x.csv").is_ok());
/// ```
#[deprecated(since = "0.2.0", note = "the on-disk formats moved to `indstat::io`")]
pub mod interop {
    pub use crate::io::*;
}

pub use dataset::Dataset;
pub use error::{Error, ErrorKind, Result};
pub use figure::{
    Figure, Qualifier, QualifierDirection, Reading, Rounding, Shape, Tolerance, round_half_away,
};

/// Deprecated at the crate root, where the name says nothing of figures: use
/// [`figure::truncate`].
///
/// # Example
/// ```
/// # #![allow(deprecated)]
/// let v = "7.058".parse().unwrap();
/// assert_eq!(indstat::truncate(v, 2), indstat::figure::truncate(v, 2));
/// ```
#[deprecated(since = "0.2.0", note = "use `indstat::figure::truncate`")]
pub fn truncate(value: rust_decimal::Decimal, decimals: u32) -> rust_decimal::Decimal {
    figure::truncate(value, decimals)
}
pub use gap::Gap;
pub use interval::{Bound, Interval};
pub use period::{Frequency, Period};
pub use series::{Element, Kind, Observation, Precision, Series, SeriesMeta};
pub use source::{Lineage, LineageInput, ReleaseDate, Source};
pub use transform::Transform;
pub use unit::{Currency, Dimension, Physical, Scale, Unit};

// The README's code blocks are compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
