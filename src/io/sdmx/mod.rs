//! SDMX-CSV, the CSV format of SDMX (the data exchange standard of the BIS, ECB, Eurostat, IMF,
//! OECD, UN and World Bank): reading versions 1.0 and 2.0, writing 2.0.
//!
//! ```
//! use indstat::io::sdmx;
//! use indstat::Period;
//!
//! let csv = "\
//! DATAFLOW,FREQ,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,DECIMALS,OBS_STATUS
//! NBS:NA_MAIN(1.0),A,GDP,2022,1210207,CNY,8,0,P
//! ";
//! let data = sdmx::read_csv(csv, "gdp.csv")?;
//! let gdp = data.require("A.GDP")?;
//! assert_eq!(gdp.unit().to_string(), "100 million yuan");
//! assert_eq!(data.source("NBS:NA_MAIN(1.0)").unwrap().publisher, "NBS");
//!
//! let written = sdmx::write_csv(&data)?;
//! assert!(written.starts_with("STRUCTURE,STRUCTURE_ID,ACTION,FREQ,INDICATOR,TIME_PERIOD,OBS_VALUE,"));
//! let again = sdmx::read_csv(&written, "written.csv")?;
//! assert_eq!(again.require("A.GDP")?.observation(Period::year(2022)), gdp.observation(Period::year(2022)));
//! # Ok::<(), indstat::Error>(())
//! ```
//!
//! # Reading
//! The header says the version: `DATAFLOW` first is SDMX-CSV 1.0; `STRUCTURE`,
//! `STRUCTURE_ID` (then optionally `STRUCTURE_NAME`, `ACTION`, `SERIES_KEY`, `OBS_KEY`) is 2.0.
//! The field separator is the character after that first term (`,` or, for locales that use
//! it, `;` — with `;`, a comma in a value is its decimal separator). Column headers and coded
//! values written with labels (`FREQ: Frequency`, `A: Annual`) are read by their ids, and
//! `labels=name` output (a name column after each component) is read too.
//!
//! | Column | Read as |
//! |---|---|
//! | `DATAFLOW` / `STRUCTURE_ID` | the [`Source`]: id = the reference text (`CAAM:NEV(1.0)`), publisher = its agency, title = its id (or its name, from `STRUCTURE_NAME` or labels) |
//! | columns before `TIME_PERIOD` | the dimensions: a series is one combination of their values, and its id is those values joined with `.` (the SDMX series key, `A.CN.NEV_PROD`). A row with no dimension takes `SERIES_KEY`, else the dataflow's id |
//! | `TIME_PERIOD` | the period (see [`parse_period`]); an empty one makes the row a series-level attribute row |
//! | `OBS_VALUE` | the value, plain decimal text; empty or `NaN` is a gap (no observation, not an error) |
//! | `FREQ` | the frequency: `A`, `S` (or `H`), `Q`, `M`; without it, the form of the periods |
//! | `UNIT_MEASURE` | the unit's dimension: `CNY` `USD` `EUR` `JPY` `GBP` `HKD` currencies, `PC`/`PCT` percent, `PP`/`PPT` percentage points, `T`/`TNE` tonnes, `KWH`, `W`, `_Z`/`NUM`/`IX` a pure number, `X_PER_Y` a ratio, any other code a count of that noun (`VEHICLES`); missing, a pure number |
//! | `UNIT_MULT` | the unit's scale, a power of ten from 0 to 14 (4 is 万, 8 is 亿, 6 is million); missing, 0 |
//! | `DECIMALS` | the observation's precision (1 decimal: 705.8 is [705.75, 705.85)); missing, the decimals of the value as written |
//! | `OBS_STATUS` (`OBS_FLAG`) | the observation's [`status`](crate::Observation::status) |
//! | `COMMENT` (`OBS_COMMENT`, `COMMENT_OBS`) | the rest of the observation's note |
//! | `SERIES_NAME` (`TITLE`) | the series' name (else its id) |
//! | `RELEASED` (`LAST_UPDATE`, `LAST UPDATE`, `UPDATED`) | the source's release date (a date, or the date part of a date-time); without it, the year of the dataflow's latest period with a value |
//! | indstat's own: `KIND`, `QUALIFIER`, `ROUNDING`, `LOCATOR`, `PUBLISHER`, `SOURCE_TITLE` | what [`write_csv`] writes to keep what SDMX has no place for |
//!
//! `FREQ` and `UNIT_MEASURE` placed before `TIME_PERIOD` are dimensions too (part of the key).
//! Other attribute columns are ignored. The attributes of a series (unit, name, frequency,
//! kind) come from its series-level rows (an empty `TIME_PERIOD`), else from its first rows that
//! give them; an observation row in another `UNIT_MULT` than its series is converted exactly,
//! keeping its precision. Rows of several dataflows with one key make one series, whose source
//! is the dataflow of its first row; the other rows' observations cite their own dataflow.
//!
//! Not supported, and errors when met: `ACTION` `D` (deletions), time periods that are not
//! years, halves, quarters or months, several measures (only `OBS_VALUE` is read), and a
//! `TIME_PERIOD` column under another name. Multi-valued and multi-lingual attributes are
//! kept as their raw text.
//!
//! # Writing
//! [`write_csv`] writes SDMX-CSV 2.0: `STRUCTURE,STRUCTURE_ID,ACTION`, the dimension
//! columns, `TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,DECIMALS,OBS_STATUS,COMMENT,
//! SERIES_NAME,FREQ,KIND,RELEASED`, then, only when the dataset needs them, `QUALIFIER`,
//! `ROUNDING`, `LOCATOR`, `PUBLISHER`, `SOURCE_TITLE`. See [`write_csv`] for what is kept.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;

use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::figure::{Qualifier, Rounding};
use crate::io::{
    default_kind, format_period, is_missing, nonempty, parse_decimals, parse_period, parse_release,
    parse_value, read_precision, status_and_comment,
};
use crate::period::{Frequency, Period};
use crate::series::{Kind, Observation, Precision, Series, SeriesMeta};
use crate::source::{ReleaseDate, Source};
use crate::text::{LineIndex, read_text};
use crate::unit::{Currency, Dimension, Physical, Scale, Unit};

mod codes;
mod read;
mod write;

use codes::*;
pub use codes::{unit_codes, unit_from_codes};
use read::*;
pub use write::write_csv;

/// The note the reader gives a dataflow's source: the names of its dimensions, so that a
/// writer can name its columns again.
const KEY_NOTE: &str = "SDMX series key: ";

/// Reads SDMX-CSV (1.0 or 2.0) text into a dataset; `name` names the text in error messages.
///
/// # Errors
/// A header that is not SDMX-CSV, a malformed row (bad period, non-numeric value, unknown
/// unit code, `UNIT_MULT` out of range, a period given twice, …), naming the line:
/// `name line N: …`. Nothing is half-read.
///
/// # Example
/// ```
/// use indstat::io::sdmx;
/// use indstat::Period;
///
/// let csv = "\
/// STRUCTURE,STRUCTURE_ID,ACTION,FREQ,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,DECIMALS
/// dataflow,CAAM:NEV(1.0),I,A,NEV_PROD,2021,354.5,VEHICLES,4,1
/// dataflow,CAAM:NEV(1.0),I,A,NEV_PROD,2022,705.8,VEHICLES,4,1
/// dataflow,CAAM:NEV(1.0),I,A,NEV_PROD,2023,,VEHICLES,4,1
/// ";
/// let data = sdmx::read_csv(csv, "nev.csv")?;
/// let nev = data.require("A.NEV_PROD")?;
/// assert_eq!(nev.unit().to_string(), "10 thousand vehicles");
/// assert_eq!(nev.value_at(Period::year(2021)), Some("354.5".parse().unwrap()));
/// assert_eq!(nev.value_at(Period::year(2023)), None); // an empty OBS_VALUE is a gap
///
/// let bad = csv.replace("2022,705.8", "2022,7O5.8");
/// let err = sdmx::read_csv(&bad, "nev.csv").unwrap_err();
/// assert!(err.to_string().starts_with("nev.csv line 3: "), "{err}");
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn read_csv(text: &str, name: impl AsRef<Path>) -> Result<Dataset> {
    Reader::new(text, name.as_ref())?.read()
}

/// Reads an SDMX-CSV file into a dataset.
///
/// # Errors
/// A missing, unreadable or binary file, or any error of [`read_csv`], naming the file.
///
/// # Example
/// ```
/// use indstat::io::sdmx;
/// let err = sdmx::read_csv_file("no/such/file.csv").unwrap_err();
/// assert!(err.to_string().contains("no/such/file.csv"));
/// ```
pub fn read_csv_file(path: impl AsRef<Path>) -> Result<Dataset> {
    let path = path.as_ref();
    let text = read_text(path)?;
    read_csv(&text, path)
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Role {
    Structure,
    StructureId,
    StructureName,
    Action,
    SeriesKey,
    ObsKey,
    Time,
    Value,
    UnitMeasure,
    UnitMult,
    Decimals,
    Status,
    Comment,
    Name,
    Freq,
    Released,
    Kind,
    Qualifier,
    Rounding,
    Locator,
    Publisher,
    SourceTitle,
    /// An attribute indstat does not use.
    Ignored,
    /// Not a known name: a dimension before `TIME_PERIOD`, an ignored attribute after it.
    Unknown,
}

impl Role {
    fn of(id: &str) -> Role {
        match id.to_ascii_uppercase().as_str() {
            "STRUCTURE" => Role::Structure,
            "STRUCTURE_ID" | "DATAFLOW" => Role::StructureId,
            "STRUCTURE_NAME" => Role::StructureName,
            "ACTION" => Role::Action,
            "SERIES_KEY" => Role::SeriesKey,
            "OBS_KEY" => Role::ObsKey,
            "TIME_PERIOD" => Role::Time,
            "OBS_VALUE" => Role::Value,
            "UNIT_MEASURE" => Role::UnitMeasure,
            "UNIT_MULT" => Role::UnitMult,
            "DECIMALS" => Role::Decimals,
            "OBS_STATUS" | "OBS_FLAG" => Role::Status,
            "COMMENT" | "OBS_COMMENT" | "COMMENT_OBS" => Role::Comment,
            "SERIES_NAME" | "TITLE" => Role::Name,
            "FREQ" => Role::Freq,
            "RELEASED" | "LAST_UPDATE" | "LAST UPDATE" | "UPDATED" => Role::Released,
            "KIND" => Role::Kind,
            "QUALIFIER" => Role::Qualifier,
            "ROUNDING" => Role::Rounding,
            "LOCATOR" => Role::Locator,
            "PUBLISHER" => Role::Publisher,
            "SOURCE_TITLE" => Role::SourceTitle,
            "OBS_CONF" | "OBS_PRE_BREAK" | "EMBARGO_TIME" | "TIME_FORMAT" | "TITLE_COMPL"
            | "COMMENT_TS" | "COMMENT_DSET" | "UNIT_INDEX_BASE" | "COMPILATION"
            | "SOURCE_AGENCY" | "DATA_COMP" | "COVERAGE" | "PREPARED" | "VALID_FROM"
            | "VALID_TO" => Role::Ignored,
            _ => Role::Unknown,
        }
    }

    /// Columns that identify the structure and the row, before the components.
    fn is_technical(self) -> bool {
        matches!(
            self,
            Role::Structure
                | Role::StructureId
                | Role::StructureName
                | Role::Action
                | Role::SeriesKey
                | Role::ObsKey
        )
    }

    /// Columns whose values are codes, written `ID: name` with labels.
    fn is_coded(self) -> bool {
        matches!(
            self,
            Role::Time
                | Role::UnitMeasure
                | Role::UnitMult
                | Role::Decimals
                | Role::Status
                | Role::Freq
                | Role::Unknown
        )
    }
}

/// The attributes a row can carry, in the order [`Attrs`] keeps them.
const ATTRIBUTES: [Role; 14] = [
    Role::UnitMeasure,
    Role::UnitMult,
    Role::Decimals,
    Role::Status,
    Role::Comment,
    Role::Name,
    Role::Freq,
    Role::Released,
    Role::Kind,
    Role::Qualifier,
    Role::Rounding,
    Role::Locator,
    Role::Publisher,
    Role::SourceTitle,
];

/// A row's non-empty attribute cells, in one buffer: a million rows hold a million of these
/// until their series are built, and a string per cell took most of a reader's memory.
#[derive(Debug, Default)]
struct Attrs {
    /// The cells, one after another.
    text: Box<str>,
    /// Where each attribute's cell ends in `text`, in the order of [`ATTRIBUTES`]; a cell
    /// starts where the one before ends, and an empty one is absent.
    ends: [u32; ATTRIBUTES.len()],
}

impl Attrs {
    /// The attributes of `cell(role)`, for every role of [`ATTRIBUTES`].
    fn new<'c>(cell: impl Fn(Role) -> &'c str) -> Attrs {
        let mut text = String::new();
        let mut ends = [0u32; ATTRIBUTES.len()];
        for (end, role) in ends.iter_mut().zip(ATTRIBUTES) {
            text.push_str(cell(role));
            *end = u32::try_from(text.len()).unwrap_or(u32::MAX);
        }
        Attrs {
            text: text.into_boxed_str(),
            ends,
        }
    }

    fn get(&self, role: Role) -> Option<&str> {
        let i = ATTRIBUTES.iter().position(|r| *r == role)?;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]) as usize;
        self.text
            .get(start..self.ends[i] as usize)
            .filter(|cell| !cell.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_read_back_from_one_buffer() {
        let attrs = Attrs::new(|role| match role {
            Role::UnitMeasure => "万辆",
            Role::Status => "P",
            Role::SourceTitle => "Bulletin",
            _ => "",
        });
        assert_eq!(attrs.get(Role::UnitMeasure), Some("万辆"));
        assert_eq!(attrs.get(Role::UnitMult), None);
        assert_eq!(attrs.get(Role::Status), Some("P"));
        assert_eq!(attrs.get(Role::Comment), None);
        assert_eq!(attrs.get(Role::SourceTitle), Some("Bulletin"));
        assert_eq!(Attrs::default().get(Role::Status), None);
    }

    #[test]
    fn unit_codes_read_back() {
        for text in [
            "万辆",
            "亿元",
            "percent",
            "pp",
            "万吨",
            "number",
            "million",
            "10 thousand base stations",
            "yuan per vehicle",
            "categories",
            "kwh",
        ] {
            let unit: Unit = text.parse().unwrap();
            let (code, mult) = unit_codes(&unit);
            assert_eq!(
                unit_from_codes(&code, mult).unwrap(),
                unit,
                "{text}: {code}"
            );
        }
        let odd = Unit::new(Dimension::Count("i15".into()), Scale::ONE).unwrap();
        let (code, mult) = unit_codes(&odd);
        assert_eq!(code, "I15");
        assert_eq!(unit_from_codes(&code, mult).unwrap(), odd);
    }

    #[test]
    fn references_split() {
        assert_eq!(split_ref("CAAM:NEV(1.0)"), ("CAAM", "NEV"));
        assert_eq!(split_ref("AGENCY:DF_ID"), ("AGENCY", "DF_ID"));
        assert_eq!(split_ref("plain"), ("", "plain"));
    }
}
