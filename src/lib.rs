//! # indstat
//!
//! Typed industrial and economic indicator series — with their units, scales, frequency and
//! sources — exact growth computations on them, and verification of published claims ("NEV
//! output 7.05 million, up 96.9%", "industry was 33.2% of GDP") against data, with the
//! rounding and wording of each claim taken into account.
//!
//! ```
//! use indstat::{Figure, Unit};
//!
//! // A reported figure is an interval: "33.2%" is any value in [33.15, 33.25).
//! let share: Figure = "33.2%".parse()?;
//! assert_eq!(share.interval()?.to_string(), "[33.15, 33.25)");
//!
//! // "more than 6.5 million" means the speaker rounded down: [6.5, 6.6) million.
//! let racks: Figure = "more than 6.5 million racks".parse()?;
//! let wan: Unit = "10 thousand racks".parse()?;
//! assert!(racks.interval_in(&wan, &Default::default())?.contains("650".parse().unwrap()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod bundled;
pub mod dataset;
pub mod error;
pub mod figure;
#[cfg(feature = "polars")]
pub mod frame;
pub mod gap;
pub mod interval;
pub mod period;
pub mod series;
pub mod source;
pub mod transform;
pub mod unit;
pub mod verify;

pub use dataset::Dataset;
pub use error::{Error, ErrorKind, Result};
pub use figure::{
    round_half_away, truncate, Figure, Qualifier, QualifierDirection, Reading, Rounding, Tolerance,
};
pub use gap::Gap;
pub use interval::{Bound, Interval};
pub use period::{Frequency, Period};
pub use series::{Kind, Observation, Precision, Series, SeriesMeta};
pub use source::{Lineage, LineageInput, ReleaseDate, Source};
pub use transform::Transform;
pub use unit::{Currency, Dimension, Physical, Scale, Unit};
