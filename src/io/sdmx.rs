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
//! let gdp = data.get("A.GDP")?;
//! assert_eq!(gdp.unit().to_string(), "100 million yuan");
//! assert_eq!(data.source("NBS:NA_MAIN(1.0)").unwrap().publisher, "NBS");
//!
//! let written = sdmx::write_csv(&data)?;
//! assert!(written.starts_with("STRUCTURE,STRUCTURE_ID,ACTION,FREQ,INDICATOR,TIME_PERIOD,OBS_VALUE,"));
//! let again = sdmx::read_csv(&written, "written.csv")?;
//! assert_eq!(again.get("A.GDP")?.observation(Period::year(2022)), gdp.observation(Period::year(2022)));
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

use super::{
    default_kind, format_period, is_missing, nonempty, parse_decimals, parse_period, parse_release,
    parse_value, read_precision, status_and_comment,
};
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::figure::{Qualifier, Rounding};
use crate::period::{Frequency, Period};
use crate::series::{Kind, Observation, Precision, Series, SeriesMeta};
use crate::source::{ReleaseDate, Source};
use crate::text::{LineIndex, read_text};
use crate::unit::{Currency, Dimension, Physical, Scale, Unit};

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
/// let nev = data.get("A.NEV_PROD")?;
/// assert_eq!(nev.unit().to_string(), "10 thousand vehicles");
/// assert_eq!(nev.get(Period::year(2021)), Some("354.5".parse().unwrap()));
/// assert_eq!(nev.get(Period::year(2023)), None); // an empty OBS_VALUE is a gap
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

/// The unit an SDMX `UNIT_MEASURE` code and `UNIT_MULT` exponent stand for.
///
/// See the [module documentation](self) for the codes. A code that is a unit indstat can parse
/// (`TONNES`, `HOUSEHOLDS`, `THOUSAND_TONNES`) is read as that unit.
///
/// # Errors
/// A code that is not a word (`K$`), a ratio of ratios, or a total exponent above 14, or a
/// scale on percent.
///
/// # Example
/// ```
/// use indstat::io::sdmx::unit_from_codes;
/// assert_eq!(unit_from_codes("VEHICLES", 4)?.to_string(), "10 thousand vehicles");
/// assert_eq!(unit_from_codes("CNY", 8)?.to_string(), "100 million yuan");
/// assert_eq!(unit_from_codes("PC", 0)?.to_string(), "percent");
/// assert_eq!(unit_from_codes("_Z", 6)?.to_string(), "million");
/// assert!(unit_from_codes("CNY", 99).is_err());
/// assert!(unit_from_codes("PC", 2).is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn unit_from_codes(unit_measure: &str, unit_mult: u32) -> Result<Unit> {
    let (dimension, implied) = dimension_of_code(unit_measure)?;
    let exponent = implied.saturating_add(unit_mult);
    let scale = Scale::new(exponent).map_err(|_| {
        Error::parse(
            "unit multiplier",
            unit_mult.to_string(),
            format!(
                "UNIT_MULT is a power of ten from 0 to {} (4 is 万, 6 is million, 8 is 亿)",
                Scale::MAX_EXPONENT
            ),
        )
    })?;
    Unit::new(dimension, scale).map_err(|_| {
        Error::parse(
            "unit",
            format!("{unit_measure} × 10^{unit_mult}"),
            "percent and percentage points take no UNIT_MULT",
        )
    })
}

/// The SDMX `UNIT_MEASURE` code and `UNIT_MULT` exponent of a unit (the inverse of
/// [`unit_from_codes`]).
///
/// Currencies are their ISO code, percent `PC`, percentage points `PP`, tonnes `T`, a pure
/// number `NUM`, a count the plural noun in capitals with `_` for spaces (`BASE_STATIONS`), a
/// ratio `A_PER_B`.
///
/// # Example
/// ```
/// use indstat::io::sdmx::unit_codes;
/// use indstat::Unit;
/// assert_eq!(unit_codes(&"万辆".parse()?), ("VEHICLES".to_string(), 4));
/// assert_eq!(unit_codes(&"亿元".parse()?), ("CNY".to_string(), 8));
/// assert_eq!(unit_codes(&"10 thousand base stations".parse()?), ("BASE_STATIONS".to_string(), 4));
/// assert_eq!(unit_codes(&Unit::percentage_points()), ("PP".to_string(), 0));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn unit_codes(unit: &Unit) -> (String, u32) {
    (dimension_code(unit.dimension()), unit.scale().exponent())
}

/// The dimension of a `UNIT_MEASURE` code, and the exponent of a scale its words imply.
fn dimension_of_code(code: &str) -> Result<(Dimension, u32)> {
    let t = code.trim();
    let upper = t.to_ascii_uppercase();
    let d = match upper.as_str() {
        "" | "_Z" | "NUM" | "NUMBER" | "IX" | "PURE_NUMB" => Dimension::Number,
        "CNY" | "RMB" => Dimension::Currency(Currency::Cny),
        "USD" => Dimension::Currency(Currency::Usd),
        "EUR" => Dimension::Currency(Currency::Eur),
        "JPY" => Dimension::Currency(Currency::Jpy),
        "GBP" => Dimension::Currency(Currency::Gbp),
        "HKD" => Dimension::Currency(Currency::Hkd),
        "PC" | "PCT" | "PERCENT" | "%" => Dimension::Percent,
        "PP" | "PPT" | "PPTS" => Dimension::PercentagePoint,
        "T" | "TNE" | "TONNE" | "TONNES" => Dimension::Physical(Physical::Tonne),
        "KWH" => Dimension::Physical(Physical::KilowattHour),
        "W" => Dimension::Physical(Physical::Watt),
        _ => {
            if let Some((a, b)) = upper.split_once("_PER_") {
                let (a, ea) = dimension_of_code(a)?;
                let (b, eb) = dimension_of_code(b)?;
                if ea != 0
                    || eb != 0
                    || matches!(a, Dimension::Per(..))
                    || matches!(b, Dimension::Per(..))
                {
                    return Err(Error::parse(
                        "unit code",
                        code,
                        "a ratio code is two plain unit codes joined by _PER_",
                    ));
                }
                return Ok((Dimension::Per(Box::new(a), Box::new(b)), 0));
            }
            let words = t
                .to_lowercase()
                .replace('_', " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if let Ok(unit) = words.parse::<Unit>() {
                return Ok((unit.dimension().clone(), unit.scale().exponent()));
            }
            let is_word = !words.is_empty()
                && words
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
            if !is_word {
                return Err(Error::parse(
                    "unit code",
                    code,
                    "expected an SDMX UNIT_MEASURE code such as CNY, PC, PP, T, NUM or a noun such as VEHICLES",
                ));
            }
            Dimension::Count(words)
        }
    };
    Ok((d, 0))
}

/// The `UNIT_MEASURE` code of a dimension.
fn dimension_code(d: &Dimension) -> String {
    match d {
        Dimension::Currency(c) => c.code().to_string(),
        Dimension::Percent => "PC".into(),
        Dimension::PercentagePoint => "PP".into(),
        Dimension::Physical(Physical::Tonne) => "T".into(),
        Dimension::Physical(Physical::KilowattHour) => "KWH".into(),
        Dimension::Physical(Physical::Watt) => "W".into(),
        Dimension::Number => "NUM".into(),
        Dimension::Count(noun) => {
            // The plural reads naturally (VEHICLES); a noun that does not parse back from its
            // plural (one with digits) is written as it is.
            let plural = Unit::new(d.clone(), Scale::ONE)
                .map(|u| u.to_string())
                .unwrap_or_default();
            let back = plural.parse::<Unit>().ok();
            let word = if back.as_ref().map(Unit::dimension) == Some(d) {
                plural
            } else {
                noun.clone()
            };
            word.to_uppercase().replace(' ', "_")
        }
        Dimension::Per(a, b) => format!("{}_PER_{}", dimension_code(a), dimension_code(b)),
    }
}

/// Parses a `UNIT_MULT` cell: a power of ten from 0 to 14.
fn parse_unit_mult(text: &str) -> Result<u32> {
    match text.trim().parse::<u32>() {
        Ok(e) if e <= Scale::MAX_EXPONENT => Ok(e),
        _ => Err(Error::parse(
            "UNIT_MULT",
            text,
            format!(
                "expected a power of ten from 0 to {} (4 is 万, 6 is million, 8 is 亿)",
                Scale::MAX_EXPONENT
            ),
        )),
    }
}

/// Parses a `FREQ` code.
fn parse_freq(code: &str) -> Result<Frequency> {
    match code.trim().to_ascii_uppercase().as_str() {
        "A" => Ok(Frequency::Annual),
        "S" | "H" => Ok(Frequency::Half),
        "Q" => Ok(Frequency::Quarterly),
        "M" => Ok(Frequency::Monthly),
        _ => Err(Error::parse(
            "FREQ",
            code,
            "expected A (annual), S or H (half-yearly), Q (quarterly) or M (monthly): indstat has no other frequencies",
        )),
    }
}

/// The `FREQ` code of a frequency.
fn freq_code(f: Frequency) -> &'static str {
    match f {
        Frequency::Annual => "A",
        Frequency::Half => "S",
        Frequency::Quarterly => "Q",
        Frequency::Monthly => "M",
    }
}

/// The agency and the id of a structure reference `AGENCY:ID(VERSION)`.
fn split_ref(text: &str) -> (&str, &str) {
    let (agency, rest) = match text.split_once(':') {
        Some((agency, rest)) => (agency.trim(), rest),
        None => ("", text),
    };
    let id = rest.split('(').next().unwrap_or(rest).trim();
    (agency, id)
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

/// The attributes a row can carry, in the order of [`Attrs::cells`].
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

/// A row's non-empty attribute cells.
#[derive(Debug, Default)]
struct Attrs {
    cells: [Option<String>; ATTRIBUTES.len()],
}

impl Attrs {
    fn get(&self, role: Role) -> Option<&str> {
        let i = ATTRIBUTES.iter().position(|r| *r == role)?;
        self.cells.get(i)?.as_deref()
    }
}

/// What the header says about the columns.
struct Layout {
    delimiter: u8,
    /// Values of coded columns are written `ID: name`.
    labels: bool,
    /// The column of each role (the first, for ignored and unknown ones).
    columns: HashMap<Role, usize>,
    /// The dimension columns, with their names, in order.
    dimensions: Vec<(usize, String)>,
}

/// One data row, checked on its own.
struct Row {
    line: u64,
    flow: String,
    key: String,
    period: Option<Period>,
    value: Option<Decimal>,
    attrs: Attrs,
}

/// What the rows say about one dataflow.
struct Flow {
    reference: String,
    first_line: u64,
    name: Option<String>,
    released: Option<(String, u64)>,
    publisher: Option<String>,
    title: Option<String>,
    /// Latest year with a value, and with any period.
    value_year: Option<i32>,
    any_year: Option<i32>,
    /// The dimensions of its first row that has any.
    dimensions: Option<Vec<String>>,
}

struct Reader<'a> {
    text: &'a str,
    lines: LineIndex,
    name: &'a Path,
    layout: Layout,
}

/// The separator after the first header term (`DATAFLOW` or `STRUCTURE[…]`), and whether the
/// text is SDMX-CSV at all.
fn delimiter(first_line: &str) -> Option<u8> {
    let t = first_line
        .trim_start_matches('\u{feff}')
        .trim_start_matches('"');
    let upper = t.get(..9).map(str::to_ascii_uppercase).unwrap_or_default();
    let rest = if upper.starts_with("STRUCTURE") {
        let rest = t.get(9..)?;
        match rest.strip_prefix('[') {
            Some(inner) => inner.split_once(']').map(|(_, r)| r)?,
            None => rest,
        }
    } else if upper.starts_with("DATAFLOW") {
        t.get(8..)?
    } else {
        return None;
    };
    let rest = rest.trim_start_matches('"');
    match rest.bytes().next() {
        None => Some(b','),
        Some(b @ (b',' | b';' | b'\t' | b'|')) => Some(b),
        Some(_) => None,
    }
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, name: &'a Path) -> Result<Reader<'a>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first = text.lines().next().unwrap_or("");
        let delimiter = delimiter(first).ok_or_else(|| {
            Error::invalid(
                "not SDMX-CSV: the first column must be DATAFLOW (SDMX-CSV 1.0) or STRUCTURE (2.0)",
            )
            .at(name, 1)
        })?;
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| Error::invalid(e.to_string()).at(name, 1))?
            .clone();
        let layout = Layout::new(&headers, delimiter).map_err(|e| e.at(name, 1))?;
        Ok(Reader {
            text,
            lines: LineIndex::new(text),
            name,
            layout,
        })
    }

    fn read(&self) -> Result<Dataset> {
        // Cells are trimmed where they are read (`cell`): the csv crate's own trimming copies
        // every record.
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(self.layout.delimiter)
            .from_reader(self.text.as_bytes());
        let mut cursor = self.lines.cursor();
        let mut groups: Vec<(String, Vec<Row>)> = Vec::new();
        let mut group_of: HashMap<String, usize> = HashMap::new();
        let mut flows: Vec<Flow> = Vec::new();
        let mut flow_of: HashMap<String, usize> = HashMap::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| self.record_line(p.byte()));
                let msg = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!(
                        "the row has {len} field{} but the header has {expected_len} (is a quote left open, or a separator unquoted?)",
                        if *len == 1 { "" } else { "s" }
                    ),
                    csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_string(),
                    _ => e.to_string(),
                };
                Error::invalid(msg).at(self.name, line).with_source(e)
            })?;
            let line = record
                .position()
                .map_or(0, |p| cursor.record_line(self.text, p.byte()));
            let (row, flow_name, dims) =
                self.row(&record, line).map_err(|e| e.at(self.name, line))?;
            let fi = match flow_of.get(&row.flow) {
                Some(i) => *i,
                None => {
                    flow_of.insert(row.flow.clone(), flows.len());
                    flows.push(Flow {
                        reference: row.flow.clone(),
                        first_line: line,
                        name: None,
                        released: None,
                        publisher: None,
                        title: None,
                        value_year: None,
                        any_year: None,
                        dimensions: None,
                    });
                    flows.len() - 1
                }
            };
            if let Some(flow) = flows.get_mut(fi) {
                flow.note_row(&row, flow_name, dims);
            }
            let gi = match group_of.get(&row.key) {
                Some(i) => *i,
                None => {
                    group_of.insert(row.key.clone(), groups.len());
                    groups.push((row.key.clone(), Vec::new()));
                    groups.len() - 1
                }
            };
            if let Some((_, rows)) = groups.get_mut(gi) {
                rows.push(row);
            }
        }
        let mut data = Dataset::new();
        for flow in &flows {
            let source = flow.source(self.name)?;
            data.insert_source(source)
                .map_err(|e| e.at(self.name, flow.first_line))?;
        }
        for (key, rows) in &groups {
            let series = self.series(key, rows)?;
            data.insert_series(series)?;
        }
        Ok(data)
    }

    /// The line a CSV record starts on, from its byte offset (the csv crate's own line count
    /// is wrong with CRLF endings).
    fn record_line(&self, byte: u64) -> u64 {
        self.lines.record_line(self.text, byte)
    }

    /// A cell's text, with the `: name` of a labelled code removed.
    fn cell<'r>(&self, record: &'r csv::StringRecord, role: Role) -> &'r str {
        let text = self
            .layout
            .columns
            .get(&role)
            .and_then(|i| record.get(*i))
            .map_or("", str::trim);
        if self.layout.labels && role.is_coded() {
            strip_label(text)
        } else {
            text
        }
    }

    /// Checks one row; returns it with the dataflow's name (if labelled) and the names of the
    /// dimensions that have a value.
    fn row(
        &self,
        record: &csv::StringRecord,
        line: u64,
    ) -> Result<(Row, Option<String>, Vec<String>)> {
        let flow_cell = self.cell(record, Role::StructureId);
        let (flow, mut flow_name) = match flow_cell.split_once(": ") {
            Some((reference, name)) if self.layout.labels => {
                (reference.trim(), Some(name.trim().to_string()))
            }
            _ => (flow_cell, None),
        };
        if flow.is_empty() {
            return Err(Error::invalid(
                "the dataflow cell (DATAFLOW or STRUCTURE_ID) is empty",
            ));
        }
        let structure_name = self.cell(record, Role::StructureName);
        if !structure_name.is_empty() {
            flow_name = Some(structure_name.to_string());
        }
        match self
            .cell(record, Role::Action)
            .to_ascii_uppercase()
            .as_str()
        {
            "" | "I" | "A" | "R" | "M" => {}
            "D" => {
                return Err(Error::invalid(
                    "ACTION D deletes data: a deletion message is not a dataset, and is not supported",
                ));
            }
            other => {
                return Err(Error::parse(
                    "ACTION",
                    other,
                    "expected I (information), A (append), R (replace), M (merge) or D (delete)",
                ));
            }
        }
        let mut parts = Vec::new();
        let mut dims = Vec::new();
        for (i, name) in &self.layout.dimensions {
            let raw = record.get(*i).map_or("", str::trim);
            let value = if self.layout.labels {
                strip_label(raw)
            } else {
                raw
            };
            if !value.is_empty() {
                parts.push(value);
                dims.push(name.clone());
            }
        }
        let key = if !parts.is_empty() {
            parts.join(".")
        } else if !self.cell(record, Role::SeriesKey).is_empty() {
            self.cell(record, Role::SeriesKey).to_string()
        } else {
            split_ref(flow).1.to_string()
        };
        if key.is_empty() {
            return Err(Error::invalid(
                "the row has no series key: no dimension has a value",
            ));
        }
        if key.contains(char::is_whitespace) {
            return Err(Error::invalid(format!(
                "the series key `{key}` contains a space (a series id has none)"
            )));
        }
        let time = self.cell(record, Role::Time);
        let period = if time.is_empty() {
            None
        } else {
            Some(parse_period(time).map_err(|e| e.context(format!("series `{key}`")))?)
        };
        let value_cell = self.cell(record, Role::Value);
        let value = if is_missing(value_cell) {
            None
        } else {
            Some(
                parse_value(value_cell, self.layout.delimiter != b',')
                    .map_err(|e| e.context(format!("series `{key}`")))?,
            )
        };
        if value.is_some() && period.is_none() {
            return Err(Error::invalid(format!(
                "series `{key}`: a value without a TIME_PERIOD"
            )));
        }
        let mut attrs = Attrs::default();
        for (slot, role) in attrs.cells.iter_mut().zip(ATTRIBUTES) {
            let text = self.cell(record, role);
            if !text.is_empty() {
                *slot = Some(text.to_string());
            }
        }
        let row = Row {
            line,
            flow: flow.to_string(),
            key,
            period,
            value,
            attrs,
        };
        Ok((row, flow_name, dims))
    }

    /// Builds one series from its rows.
    fn series(&self, key: &str, rows: &[Row]) -> Result<Series> {
        let in_series =
            |e: Error, line: u64| e.context(format!("series `{key}`")).at(self.name, line);
        // A series attribute: from its series-level rows, else its rows with a value, else
        // any of its rows.
        let attr = |role: Role| -> Option<(&str, u64)> {
            let levels: [&dyn Fn(&Row) -> bool; 3] = [
                &|r: &Row| r.period.is_none(),
                &|r: &Row| r.value.is_some(),
                &|_: &Row| true,
            ];
            levels.iter().find_map(|level| {
                rows.iter()
                    .filter(|r| level(r))
                    .find_map(|r| r.attrs.get(role).map(|v| (v, r.line)))
            })
        };
        let first_line = rows.first().map_or(0, |r| r.line);
        let code = attr(Role::UnitMeasure);
        let mult = match attr(Role::UnitMult) {
            Some((text, line)) => {
                Some((parse_unit_mult(text).map_err(|e| in_series(e, line))?, line))
            }
            None => None,
        };
        let unit =
            unit_from_codes(code.map_or("", |c| c.0), mult.map_or(0, |m| m.0)).map_err(|e| {
                let line = code.or(mult.map(|m| ("", m.1))).map_or(first_line, |c| c.1);
                in_series(e, line)
            })?;
        let frequency = match attr(Role::Freq) {
            Some((text, line)) => parse_freq(text).map_err(|e| in_series(e, line))?,
            None => rows
                .iter()
                .find_map(|r| r.period)
                .map(Period::frequency)
                .ok_or_else(|| {
                    in_series(
                        Error::invalid(
                            "no row has a TIME_PERIOD and there is no FREQ: cannot tell the frequency",
                        ),
                        first_line,
                    )
                })?,
        };
        let kind = match attr(Role::Kind) {
            Some((text, line)) => text.parse::<Kind>().map_err(|e| in_series(e, line))?,
            None => default_kind(&unit),
        };
        let source = rows.first().map(|r| r.flow.clone()).unwrap_or_default();
        let name = attr(Role::Name).map_or(key, |n| n.0);
        let meta = SeriesMeta::new(key, unit.clone(), frequency, kind)
            .with_name(name)
            .with_source(source.clone());
        let mut series = Series::new(meta);
        let series_decimals = rows
            .iter()
            .filter(|r| r.period.is_none())
            .find_map(|r| r.attrs.get(Role::Decimals).map(|d| (d, r.line)));
        // Widen the span once to the periods that have values: rows in descending order would
        // otherwise move the stored values once per row.
        let valued = || {
            rows.iter()
                .filter(|r| r.value.is_some())
                .filter_map(|r| r.period)
                .filter(|p| p.frequency() == frequency)
        };
        if let (Some(first), Some(last)) = (valued().min(), valued().max()) {
            let line = rows.first().map_or(0, |r| r.line);
            series
                .cover(first, last)
                .map_err(|e| e.at(self.name, line))?;
        }
        let mut seen: HashMap<Period, u64> = HashMap::new();
        for row in rows {
            let Some(period) = row.period else {
                continue;
            };
            let line = row.line;
            period
                .expect_frequency(frequency)
                .map_err(|e| in_series(e, line))?;
            if let Some(first) = seen.insert(period, line) {
                return Err(in_series(
                    Error::invalid(format!(
                        "a second row for {} (the first is on line {first})",
                        format_period(period)
                    )),
                    line,
                ));
            }
            let Some(value) = row.value else {
                continue;
            };
            let observation = self
                .observation(row, value, &unit, code, mult, series_decimals, &source)
                .map_err(|e| in_series(e, line))?;
            series
                .insert_observation(period, observation)
                .map_err(|e| e.at(self.name, line))?;
        }
        Ok(series)
    }

    /// One observation of a series in `unit`, converting from the row's own unit if it has
    /// another.
    #[allow(clippy::too_many_arguments)]
    fn observation(
        &self,
        row: &Row,
        value: Decimal,
        unit: &Unit,
        code: Option<(&str, u64)>,
        mult: Option<(u32, u64)>,
        series_decimals: Option<(&str, u64)>,
        source: &str,
    ) -> Result<Observation> {
        let decimals = match row
            .attrs
            .get(Role::Decimals)
            .or(series_decimals.map(|d| d.0))
        {
            Some(text) => Some(parse_decimals(text)?),
            None => None,
        };
        let mut precision = read_precision(value, decimals);
        let own_code = row.attrs.get(Role::UnitMeasure);
        let own_mult = match row.attrs.get(Role::UnitMult) {
            Some(text) => Some(parse_unit_mult(text)?),
            None => None,
        };
        let differs = own_code.is_some_and(|c| Some(c) != code.map(|c| c.0))
            || own_mult.is_some_and(|m| Some(m) != mult.map(|m| m.0));
        let mut value = value;
        if differs {
            let own = unit_from_codes(
                own_code.or(code.map(|c| c.0)).unwrap_or(""),
                own_mult.or(mult.map(|m| m.0)).unwrap_or(0),
            )?;
            if &own != unit {
                value = own.convert(value, unit)?;
                let shift = own.scale().exponent() as i32 - unit.scale().exponent() as i32;
                precision = Precision {
                    written: precision.written + shift,
                    significant: precision.significant + shift,
                };
            }
        }
        let mut o = Observation::new(value);
        o.precision = Some(precision);
        if let Some(q) = row.attrs.get(Role::Qualifier) {
            o.qualifier = q.parse::<Qualifier>()?;
        }
        if let Some(r) = row.attrs.get(Role::Rounding) {
            o.rounding = r.parse::<Rounding>()?;
        }
        o.status = nonempty(row.attrs.get(Role::Status));
        o.note = nonempty(row.attrs.get(Role::Comment));
        o.locator = row.attrs.get(Role::Locator).map(str::to_string);
        if row.flow != source {
            o.source = Some(row.flow.clone());
        }
        Ok(o)
    }
}

/// The id of a labelled code `ID: name`.
fn strip_label(text: &str) -> &str {
    text.split_once(": ").map_or(text, |(id, _)| id.trim())
}

impl Layout {
    fn new(headers: &csv::StringRecord, delimiter: u8) -> Result<Layout> {
        let mut ids = Vec::new();
        let mut labels = false;
        for (i, h) in headers.iter().enumerate() {
            let h = h.trim().trim_start_matches('\u{feff}');
            let (id, labelled) = match h.split_once(": ") {
                Some((id, _)) => (id.trim(), true),
                None => (h, false),
            };
            let id = id.split('[').next().unwrap_or(id).trim();
            if id.is_empty() {
                return Err(Error::invalid(format!(
                    "column {} of the header has no name (a trailing separator?)",
                    i + 1
                )));
            }
            labels |= labelled;
            ids.push(id.to_string());
        }
        let first = ids
            .first()
            .map(|s| s.to_ascii_uppercase())
            .unwrap_or_default();
        if first == "STRUCTURE" {
            if ids.get(1).map(|s| s.to_ascii_uppercase()).as_deref() != Some("STRUCTURE_ID") {
                return Err(Error::invalid(
                    "SDMX-CSV 2.0: the second column must be STRUCTURE_ID",
                ));
            }
        } else if first != "DATAFLOW" {
            return Err(Error::invalid(
                "not SDMX-CSV: the first column must be DATAFLOW (SDMX-CSV 1.0) or STRUCTURE (2.0)",
            ));
        }
        // labels=name: a name column follows each component column.
        let names_follow = ids.iter().any(|id| Role::of(id) == Role::StructureName);
        let mut roles: Vec<Option<Role>> = Vec::with_capacity(ids.len());
        let mut in_components = false;
        let mut skip_next = false;
        for id in &ids {
            let role = Role::of(id);
            if skip_next {
                roles.push(None);
                skip_next = false;
                continue;
            }
            if !role.is_technical() {
                in_components = true;
            }
            if names_follow && in_components {
                skip_next = true;
            }
            roles.push(Some(role));
        }
        let mut columns: HashMap<Role, usize> = HashMap::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, (id, role)) in ids.iter().zip(&roles).enumerate() {
            let Some(role) = role else {
                continue;
            };
            if let Some(first) = seen.insert(id.to_ascii_uppercase(), i) {
                return Err(Error::invalid(format!(
                    "column `{id}` is given twice (columns {} and {})",
                    first + 1,
                    i + 1
                )));
            }
            let duplicate_role =
                columns.contains_key(role) && !matches!(role, Role::Ignored | Role::Unknown);
            if duplicate_role {
                return Err(Error::invalid(format!(
                    "column `{id}` repeats what another column gives (column {})",
                    columns.get(role).map_or(0, |c| c + 1)
                )));
            }
            columns.entry(*role).or_insert(i);
        }
        let time = *columns.get(&Role::Time).ok_or_else(|| {
            Error::invalid("no TIME_PERIOD column (the time dimension must be called TIME_PERIOD)")
        })?;
        if !columns.contains_key(&Role::Value) {
            return Err(Error::invalid(
                "no OBS_VALUE column (only the OBS_VALUE measure is read)",
            ));
        }
        let dimensions = ids
            .iter()
            .zip(&roles)
            .enumerate()
            .take(time)
            .filter_map(|(i, (id, role))| match role {
                Some(Role::Unknown | Role::UnitMeasure | Role::Freq) => Some((i, id.clone())),
                _ => None,
            })
            .collect();
        Ok(Layout {
            delimiter,
            labels,
            columns,
            dimensions,
        })
    }
}

impl Flow {
    fn note_row(&mut self, row: &Row, name: Option<String>, dims: Vec<String>) {
        if self.name.is_none() {
            self.name = name;
        }
        if self.released.is_none() {
            self.released = row
                .attrs
                .get(Role::Released)
                .map(|r| (r.to_string(), row.line));
        }
        if self.publisher.is_none() {
            self.publisher = row.attrs.get(Role::Publisher).map(str::to_string);
        }
        if self.title.is_none() {
            self.title = row.attrs.get(Role::SourceTitle).map(str::to_string);
        }
        if let Some(p) = row.period {
            let year = p.calendar_year();
            self.any_year = self.any_year.max(Some(year));
            if row.value.is_some() {
                self.value_year = self.value_year.max(Some(year));
            }
        }
        if self.dimensions.is_none() && !dims.is_empty() {
            self.dimensions = Some(dims);
        }
    }

    /// The dataflow's source; errors are placed with `here`.
    fn source(&self, file: &Path) -> Result<Source> {
        let (agency, id) = split_ref(&self.reference);
        let or_reference = |s: &str| {
            if s.is_empty() {
                self.reference.clone()
            } else {
                s.to_string()
            }
        };
        let publisher = self
            .publisher
            .clone()
            .unwrap_or_else(|| or_reference(agency));
        let title = self
            .title
            .clone()
            .or_else(|| self.name.clone())
            .unwrap_or_else(|| or_reference(id));
        let released = match &self.released {
            Some((text, line)) => parse_release(text).map_err(|e| {
                e.context(format!("dataflow `{}`", self.reference))
                    .at(file, *line)
            })?,
            None => ReleaseDate::Year(self.value_year.or(self.any_year).ok_or_else(|| {
                Error::invalid(format!(
                    "cannot tell when dataflow `{}` was released: it has no period and no RELEASED or LAST_UPDATE column",
                    self.reference
                ))
                .at(file, self.first_line)
            })?),
        };
        let mut source = Source::new(self.reference.clone(), publisher, title, released);
        source.note = self
            .dimensions
            .as_ref()
            .map(|d| format!("{KEY_NOTE}{}", d.join(".")));
        Ok(source)
    }
}

/// The dimension names a source's note records, if it records valid ones.
fn key_names(source: &Source) -> Option<Vec<String>> {
    let names: Vec<String> = source
        .note
        .as_deref()?
        .strip_prefix(KEY_NOTE)?
        .split('.')
        .map(str::to_string)
        .collect();
    let valid = names.iter().enumerate().all(|(i, n)| {
        n.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '$' | '-'))
            && matches!(Role::of(n), Role::Unknown | Role::UnitMeasure | Role::Freq)
            && !names.iter().take(i).any(|m| m.eq_ignore_ascii_case(n))
    });
    valid.then_some(names)
}

/// A column of the written file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Structure,
    StructureId,
    Action,
    Dim(usize),
    Time,
    Value,
    Attr(Role),
}

/// One written row's cells.
#[derive(Default)]
struct OutRow {
    flow: String,
    dims: Vec<Option<String>>,
    time: String,
    value: String,
    attrs: HashMap<Role, String>,
}

/// How a value is written: its text, the extra power of ten moved into `UNIT_MULT`, and
/// `DECIMALS`.
fn written_value(o: &Observation, unit: &Unit) -> Result<(String, u32, Option<u32>)> {
    let Some(p) = o.precision else {
        return Ok((o.value.to_string(), 0, None));
    };
    // DECIMALS cannot be negative: a value known to the thousands (373000 with written = 3)
    // is written as 373 with three more powers of ten in UNIT_MULT.
    let mut shift = 0u32;
    if p.written > 0 {
        let room = Scale::MAX_EXPONENT.saturating_sub(unit.scale().exponent());
        let wanted = (p.written as u32).min(room);
        let scalable = Scale::new(unit.scale().exponent() + wanted)
            .and_then(|s| unit.with_scale(s))
            .is_ok();
        if scalable {
            shift = wanted;
        }
    }
    let decimals = (shift as i32).saturating_sub(p.written).clamp(0, 28) as u32;
    let mut v = o.value;
    if shift > 0 {
        v.set_scale(v.scale() + shift)
            .map_err(|_| Error::overflow(format!("{} written in 10^{shift}", o.value)))?;
    }
    // Digits past DECIMALS that are zeros say nothing: drop them.
    v = v.normalize();
    if v.scale() < decimals {
        v.rescale(decimals);
    }
    Ok((v.to_string(), shift, Some(decimals)))
}

/// Writes a dataset as SDMX-CSV 2.0.
///
/// Each observation is a row; its `STRUCTURE_ID` is its source's id (a dataflow reference
/// such as `CAAM:NEV(1.0)` for data read from SDMX). A series id is split at its dots into
/// the dimension columns: their names are those of the file it was read from (kept in the
/// source's note as `SDMX series key: FREQ.REF_AREA.INDICATOR`), else `INDICATOR` for an id
/// without dots and `DIM_1`, `DIM_2`, … for one with. `DECIMALS` is the precision; a value
/// known only to the tens or more (373000 known to the thousands) is written as 373 with
/// three more powers of ten in `UNIT_MULT`. A series' first row is from its own source; when
/// that cannot say its unit and source (a series with no observations, with values written
/// in another `UNIT_MULT`, or with none from its own source), it is a series-level row with an
/// empty `TIME_PERIOD` and `OBS_VALUE`, as SDMX-CSV 2.0 allows for attributes of a partial key.
///
/// Reading what it writes gives the same series ids, names, units, frequencies, kinds,
/// values, precisions, qualifiers, roundings, statuses, notes, locators and observation
/// sources, and the same sources' ids, publishers, titles and release dates. Not kept: series
/// notes and lineage, sources' urls, locators and notes (other than the key names), and the
/// exactness of computed values (a value with no precision is read back as reported to its
/// written decimals).
///
/// # Errors
/// An observation or series with no source (every SDMX row names a dataflow), a series id
/// with an empty part between dots or a space, a unit with no code that reads back, and
/// dataflows whose shared dimension columns are in different orders.
///
/// # Example
/// ```
/// use indstat::io::sdmx;
/// use indstat::Dataset;
///
/// let data = Dataset::bundled()?;
/// let csv = sdmx::write_csv(&data)?;
/// assert!(csv.starts_with("STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,DECIMALS,"));
/// let again = sdmx::read_csv(&csv, "bundled.csv")?;
/// assert_eq!(again.get("gdp")?.unit(), data.get("gdp")?.unit());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn write_csv(data: &Dataset) -> Result<String> {
    let mut dims: Vec<String> = Vec::new();
    let mut namings: Vec<Vec<usize>> = Vec::new();
    for s in data.iter() {
        let here = || format!("series `{}`", s.id());
        if s.id().is_empty()
            || s.id().contains(char::is_whitespace)
            || s.id().split('.').any(str::is_empty)
        {
            return Err(Error::invalid(
                "an SDMX series key is non-empty parts without spaces, joined by dots",
            )
            .context(here()));
        }
        let mut columns = Vec::new();
        for name in naming(s, data) {
            let at = match dims.iter().position(|d| d.eq_ignore_ascii_case(&name)) {
                Some(at) => at,
                None => {
                    dims.push(name);
                    dims.len() - 1
                }
            };
            if columns.last().is_some_and(|last| *last >= at) {
                return Err(Error::invalid(
                    "its dimensions come in another order than those of an earlier series: write the dataflows to separate files",
                )
                .context(here()));
            }
            columns.push(at);
        }
        namings.push(columns);
    }
    let dim_named = |name: &str| dims.iter().position(|d| d.eq_ignore_ascii_case(name));
    let unit_dim = dim_named("UNIT_MEASURE");
    let freq_dim = dim_named("FREQ");

    let mut rows: Vec<OutRow> = Vec::new();
    let (mut qualifiers, mut roundings, mut locators) = (false, false, false);
    for (s, columns) in data.iter().zip(&namings) {
        let here = || format!("series `{}`", s.id());
        let parts: Vec<&str> = s.id().split('.').collect();
        let mut cells = vec![None; dims.len()];
        for (col, part) in columns.iter().zip(&parts) {
            if let Some(cell) = cells.get_mut(*col) {
                *cell = Some(part.to_string());
            }
        }
        let unit = s.unit();
        // The code: the key's UNIT_MEASURE part when it is a dimension, else the unit's own.
        let code = match unit_dim {
            Some(u) if columns.contains(&u) => cells.get(u).cloned().flatten().unwrap_or_default(),
            Some(_) => {
                return Err(Error::invalid(
                    "UNIT_MEASURE is a dimension of another dataflow in the dataset but not of this series: write them to separate files",
                )
                .context(here()))
            }
            None => unit_codes(unit).0,
        };
        let implied = dimension_of_code(&code).map(|d| d.1).unwrap_or(0);
        let base_mult = unit
            .scale()
            .exponent()
            .checked_sub(implied)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "its UNIT_MEASURE `{code}` implies a larger scale than its unit `{unit}`"
                ))
                .context(here())
            })?;
        if unit_from_codes(&code, base_mult).ok().as_ref() != Some(unit) {
            return Err(Error::invalid(format!(
                "its unit `{unit}` has no SDMX UNIT_MEASURE code that reads back as the same unit (from `{code}`)"
            ))
            .context(here()));
        }
        let series_attrs = |mult: u32| {
            let mut a = HashMap::new();
            a.insert(Role::UnitMeasure, code.clone());
            a.insert(Role::UnitMult, mult.to_string());
            a.insert(Role::Name, s.meta().name.clone());
            a.insert(Role::Freq, freq_code(s.frequency()).to_string());
            a.insert(Role::Kind, s.meta().kind.as_str().to_string());
            a
        };
        let source_cells = |id: Option<&str>, a: &mut HashMap<Role, String>| -> Result<String> {
            let id = id.ok_or_else(|| {
                Error::invalid(
                    "no source: every SDMX-CSV row names its dataflow, so every value needs a source",
                )
            })?;
            let source = data
                .source(id)
                .ok_or_else(|| Error::not_found("source", id))?;
            a.insert(Role::Released, source.released.to_string());
            a.insert(Role::Publisher, source.publisher.clone());
            a.insert(Role::SourceTitle, source.title.clone());
            Ok(id.to_string())
        };
        let mut obs_rows = Vec::new();
        let mut shifted = false;
        for (period, _) in s.observations() {
            let Some(o) = s.observation(period) else {
                continue;
            };
            let in_obs = |e: Error| e.context(format!("period {period}")).context(here());
            let (value, shift, decimals) = written_value(&o, unit).map_err(in_obs)?;
            shifted |= shift > 0;
            let mut attrs = series_attrs(base_mult + shift);
            let flow = source_cells(o.source.as_deref(), &mut attrs).map_err(in_obs)?;
            if let Some(d) = decimals {
                attrs.insert(Role::Decimals, d.to_string());
            }
            let (status, comment) = status_and_comment(&o);
            if let Some(st) = status {
                attrs.insert(Role::Status, st.to_string());
            }
            if let Some(c) = comment {
                attrs.insert(Role::Comment, c.to_string());
            }
            if o.qualifier != Qualifier::Plain {
                qualifiers = true;
                attrs.insert(Role::Qualifier, o.qualifier.as_str().to_string());
            }
            if o.rounding != Rounding::HalfAwayFromZero {
                roundings = true;
                attrs.insert(Role::Rounding, o.rounding.as_str().to_string());
            }
            if let Some(l) = &o.locator {
                locators = true;
                attrs.insert(Role::Locator, l.clone());
            }
            obs_rows.push(OutRow {
                flow,
                dims: cells.clone(),
                time: format_period(period),
                value,
                attrs,
            });
        }
        // The reader takes a series' source from its first row: put first an observation
        // from the series' own source, or else a series-level row.
        let own = s.meta().source.as_deref();
        match obs_rows.iter().position(|r| Some(r.flow.as_str()) == own) {
            Some(i) if i > 0 => {
                let first = obs_rows.remove(i);
                obs_rows.insert(0, first);
            }
            Some(_) => {}
            None => shifted = true,
        }
        if obs_rows.is_empty() || shifted {
            if obs_rows.is_empty() && freq_dim.is_some_and(|f| !columns.contains(&f)) {
                return Err(Error::invalid(
                    "it has no observations and FREQ is a dimension of another dataflow: its frequency cannot be written",
                )
                .context(here()));
            }
            let mut attrs = series_attrs(base_mult);
            let flow = source_cells(s.meta().source.as_deref(), &mut attrs)
                .map_err(|e| e.context(here()))?;
            rows.push(OutRow {
                flow,
                dims: cells.clone(),
                attrs,
                ..OutRow::default()
            });
        }
        rows.extend(obs_rows);
    }

    // Publisher and title columns only when the reader could not derive them from the id.
    let sources_need = |role: Role| {
        rows.iter().any(|r| {
            let (agency, id) = split_ref(&r.flow);
            let derived = match role {
                Role::Publisher => agency,
                _ => id,
            };
            let derived = if derived.is_empty() {
                r.flow.as_str()
            } else {
                derived
            };
            r.attrs.get(&role).is_some_and(|v| v != derived)
        })
    };
    let mut columns = vec![Col::Structure, Col::StructureId, Col::Action];
    columns.extend((0..dims.len()).map(Col::Dim));
    columns.extend([Col::Time, Col::Value]);
    if unit_dim.is_none() {
        columns.push(Col::Attr(Role::UnitMeasure));
    }
    columns.extend(
        [
            Role::UnitMult,
            Role::Decimals,
            Role::Status,
            Role::Comment,
            Role::Name,
        ]
        .map(Col::Attr),
    );
    if freq_dim.is_none() {
        columns.push(Col::Attr(Role::Freq));
    }
    columns.extend([Role::Kind, Role::Released].map(Col::Attr));
    for (needed, role) in [
        (qualifiers, Role::Qualifier),
        (roundings, Role::Rounding),
        (locators, Role::Locator),
        (sources_need(Role::Publisher), Role::Publisher),
        (sources_need(Role::SourceTitle), Role::SourceTitle),
    ] {
        if needed {
            columns.push(Col::Attr(role));
        }
    }

    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    let header: Vec<&str> = columns
        .iter()
        .map(|c| match c {
            Col::Structure => "STRUCTURE",
            Col::StructureId => "STRUCTURE_ID",
            Col::Action => "ACTION",
            Col::Dim(i) => dims.get(*i).map_or("", String::as_str),
            Col::Time => "TIME_PERIOD",
            Col::Value => "OBS_VALUE",
            Col::Attr(role) => attribute_header(*role),
        })
        .collect();
    let csv_error = |e: csv::Error| Error::invalid(format!("cannot write CSV: {e}"));
    out.write_record(&header).map_err(csv_error)?;
    for row in &rows {
        let record: Vec<&str> = columns
            .iter()
            .map(|c| match c {
                Col::Structure => "dataflow",
                Col::StructureId => row.flow.as_str(),
                Col::Action => "I",
                Col::Dim(i) => row.dims.get(*i).and_then(|d| d.as_deref()).unwrap_or(""),
                Col::Time => row.time.as_str(),
                Col::Value => row.value.as_str(),
                Col::Attr(role) => row.attrs.get(role).map_or("", String::as_str),
            })
            .collect();
        out.write_record(&record).map_err(csv_error)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Error::invalid(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::invalid(format!("cannot write CSV: {e}")))
}

/// The header of an attribute column as [`write_csv`] writes it.
fn attribute_header(role: Role) -> &'static str {
    match role {
        Role::UnitMeasure => "UNIT_MEASURE",
        Role::UnitMult => "UNIT_MULT",
        Role::Decimals => "DECIMALS",
        Role::Status => "OBS_STATUS",
        Role::Comment => "COMMENT",
        Role::Name => "SERIES_NAME",
        Role::Freq => "FREQ",
        Role::Released => "RELEASED",
        Role::Kind => "KIND",
        Role::Qualifier => "QUALIFIER",
        Role::Rounding => "ROUNDING",
        Role::Locator => "LOCATOR",
        Role::Publisher => "PUBLISHER",
        Role::SourceTitle => "SOURCE_TITLE",
        _ => "",
    }
}

/// The dimension names a series' id parts are written under.
fn naming(s: &Series, data: &Dataset) -> Vec<String> {
    let parts = s.id().split('.').count();
    let source = s.meta().source.as_deref().and_then(|id| data.source(id));
    if let Some(src) = source {
        match key_names(src) {
            Some(names) if names.len() == parts => return names,
            Some(_) => {}
            // Read from a file without dimensions: the key was the dataflow's id.
            None if split_ref(&src.id).1 == s.id() => return Vec::new(),
            None => {}
        }
    }
    if parts == 1 {
        vec!["INDICATOR".to_string()]
    } else {
        (1..=parts).map(|i| format!("DIM_{i}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_follow_the_first_term() {
        assert_eq!(delimiter("DATAFLOW,FREQ"), Some(b','));
        assert_eq!(delimiter("STRUCTURE;STRUCTURE_ID"), Some(b';'));
        assert_eq!(delimiter("STRUCTURE[;],STRUCTURE_ID"), Some(b','));
        assert_eq!(delimiter("\"DATAFLOW\",X"), Some(b','));
        assert_eq!(delimiter("series,period,value"), None);
        assert_eq!(delimiter("STRUCTUREX"), None);
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
