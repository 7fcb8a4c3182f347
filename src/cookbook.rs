//! # Cookbook
//!
//! Recipes for common tasks. Each recipe is one of the programs in `examples/`, included here
//! verbatim (a test checks that every example is here), so what you read is what runs:
//! `cargo run --example NAME` (add `--features polars` or `--features charts` where noted).
//!
//! ## Verify the bundled briefing from the library
//!
//! Load the bundled data and claims, verify, and print what is not consistent with its cause.
//!
//! ```no_run
#![doc = include_str!("../examples/briefing.rs")]
//! ```
//!
//! ## Check a new briefing from its transcript
//!
//! Extract the figure statements of a transcript, draft claims against the bundled reference
//! data, verify them, and list the statements no series matched (`indstat check` does the
//! same from the command line).
//!
//! ```no_run
#![doc = include_str!("../examples/check_transcript.rs")]
//! ```
//!
//! ## NEV growth, CAGR and a revised base
//!
//! Year-on-year growth of CAAM's NEV production and sales (a gap where a year is missing,
//! never a shifted comparison), the CAGR since 2016, and the 2021 base the reported +96.9%
//! implies.
//!
//! ```no_run
#![doc = include_str!("../examples/nev_growth.rs")]
//! ```
//!
//! ## Shares of GDP across 亿元 and trillion yuan
//!
//! ```no_run
#![doc = include_str!("../examples/share_of_gdp.rs")]
//! ```
//!
//! ## Year-to-date releases with a combined January–February
//!
//! ```no_run
#![doc = include_str!("../examples/ytd_to_monthly.rs")]
//! ```
//!
//! ## A province × month panel (feature `polars`)
//!
//! ```ignore
#![doc = include_str!("../examples/panel.rs")]
//! ```
//!
//! ## SVG charts (feature `charts`)
//!
//! ```ignore
#![doc = include_str!("../examples/chart.rs")]
//! ```
