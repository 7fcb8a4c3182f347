//! Where values come from: sources, release dates, and the lineage of derived values.
//!
//! Every observation knows its source (its series' source unless overridden), and every value
//! computed from observations carries a [`Lineage`] naming the inputs it used, so a report can
//! print where each number came from.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::period::Period;

/// A release date, as precise as the publisher gave it: a day, a month or a year.
///
/// # Example
/// ```
/// use indstat::ReleaseDate;
/// let d: ReleaseDate = "2023-01".parse()?;
/// assert_eq!(d.to_string(), "2023-01");
/// assert_eq!(d.first_day().to_string(), "2023-01-01");
/// assert!("2023-02-30".parse::<ReleaseDate>().is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReleaseDate(Precision);

/// What a release date is made of; private, so that only real dates can be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Precision {
    Day(NaiveDate),
    Month(i32, u32),
    Year(i32),
}

impl ReleaseDate {
    /// A release on a day.
    ///
    /// # Example
    /// ```
    /// let day = chrono::NaiveDate::from_ymd_opt(2023, 2, 28).unwrap();
    /// assert_eq!(indstat::ReleaseDate::day(day).to_string(), "2023-02-28");
    /// ```
    pub fn day(date: NaiveDate) -> ReleaseDate {
        ReleaseDate(Precision::Day(date))
    }

    /// A release known to the month.
    ///
    /// # Errors
    /// When `month` is not 1 to 12, or `year` is not 0 to 9999.
    ///
    /// # Example
    /// ```
    /// use indstat::ReleaseDate;
    /// assert_eq!(ReleaseDate::month(2023, 1)?.to_string(), "2023-01");
    /// assert!(ReleaseDate::month(2023, 13).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn month(year: i32, month: u32) -> Result<ReleaseDate> {
        check_year(year)?;
        if !(1..=12).contains(&month) {
            return Err(Error::parse(
                "date",
                format!("{year:04}-{month:02}"),
                "the month must be 01 to 12",
            ));
        }
        Ok(ReleaseDate(Precision::Month(year, month)))
    }

    /// A release known to the year.
    ///
    /// # Errors
    /// When `year` is not 0 to 9999.
    ///
    /// # Example
    /// ```
    /// use indstat::ReleaseDate;
    /// assert_eq!(ReleaseDate::year(2022)?.to_string(), "2022");
    /// assert!(ReleaseDate::year(-5).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn year(year: i32) -> Result<ReleaseDate> {
        check_year(year)?;
        Ok(ReleaseDate(Precision::Year(year)))
    }

    /// The day, when the publisher gave one.
    ///
    /// # Example
    /// ```
    /// use indstat::ReleaseDate;
    /// assert!("2023-01".parse::<ReleaseDate>()?.as_day().is_none());
    /// assert!("2023-01-31".parse::<ReleaseDate>()?.as_day().is_some());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn as_day(self) -> Option<NaiveDate> {
        match self.0 {
            Precision::Day(d) => Some(d),
            _ => None,
        }
    }

    /// The first day the date can mean.
    ///
    /// # Example
    /// ```
    /// use indstat::ReleaseDate;
    /// assert_eq!("2022".parse::<ReleaseDate>()?.first_day().to_string(), "2022-01-01");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn first_day(self) -> NaiveDate {
        let first = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN);
        match self.0 {
            Precision::Day(d) => d,
            Precision::Month(y, m) => first(y, m),
            Precision::Year(y) => first(y, 1),
        }
    }
}

/// Release dates are written with four-digit years.
fn check_year(year: i32) -> Result<()> {
    if (0..=9999).contains(&year) {
        Ok(())
    } else {
        Err(Error::parse(
            "date",
            year.to_string(),
            "the year must be 0000 to 9999",
        ))
    }
}

impl fmt::Display for ReleaseDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Precision::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Precision::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Precision::Year(y) => write!(f, "{y:04}"),
        }
    }
}

impl FromStr for ReleaseDate {
    type Err = Error;

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; the date must exist.
    fn from_str(s: &str) -> Result<ReleaseDate> {
        let t = s.trim();
        let bad = |why: &str| Error::parse("date", s, why);
        let parts: Vec<&str> = t.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("expected YYYY-MM-DD, YYYY-MM or YYYY"));
            }
            p.parse().map_err(|_| bad("not a number"))
        };
        match parts.as_slice() {
            [y] => ReleaseDate::year(num(y, 4)? as i32),
            [y, m] => {
                let (y, m) = (num(y, 4)? as i32, num(m, 2)?);
                if !(1..=12).contains(&m) {
                    return Err(bad("the month must be 01 to 12"));
                }
                ReleaseDate::month(y, m)
            }
            [y, m, d] => {
                let (y, m, d) = (num(y, 4)? as i32, num(m, 2)?, num(d, 2)?);
                NaiveDate::from_ymd_opt(y, m, d)
                    .map(ReleaseDate::day)
                    .ok_or_else(|| bad("no such day in the calendar"))
            }
            _ => Err(bad("expected YYYY-MM-DD, YYYY-MM or YYYY")),
        }
    }
}

impl Serialize for ReleaseDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReleaseDate {
    /// A string (`"2023-02-28"`, `"2023-01"`, `"2022"`), or a TOML date written unquoted
    /// (`released = 2023-02-28`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<ReleaseDate, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = ReleaseDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date such as \"2023-02-28\", \"2023-01\" or \"2022\"")
            }
            fn visit_str<E: serde::de::Error>(
                self,
                v: &str,
            ) -> std::result::Result<ReleaseDate, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<ReleaseDate, E> {
                // `released = 2022`: a bare year.
                v.to_string().parse().map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<ReleaseDate, E> {
                v.to_string().parse().map_err(E::custom)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<ReleaseDate, A::Error> {
                // TOML's own dates arrive as a one-entry map holding their text.
                let Some((_, text)) = map.next_entry::<String, String>()? else {
                    return Err(serde::de::Error::custom("an empty date"));
                };
                let date = text.get(..10).unwrap_or(&text);
                date.parse().map_err(serde::de::Error::custom)
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A publication that values come from.
///
/// # Example
/// ```
/// use indstat::Source;
/// let s = Source::new("caam-2023-01", "CAAM", "2022 automobile production and sales", "2023-01".parse()?)
///     .with_locator("NEV production 705.8万辆");
/// assert_eq!(s.to_string(), "CAAM, 2022 automobile production and sales (2023-01): “NEV production 705.8万辆”");
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Unique id within a dataset, used by series and observations to refer to it.
    pub id: String,
    /// Who published it (NBS, MIIT, CAAM, …).
    pub publisher: String,
    /// The publication's title.
    pub title: String,
    /// When it was released.
    pub released: ReleaseDate,
    /// Where it can be found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where in it the value is (a quote, a table number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// Anything a reader should know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Source {
    /// A source with no url, locator or note.
    ///
    /// # Example
    /// ```
    /// use indstat::Source;
    /// let s = Source::new("nbs-2023", "NBS", "Statistical communiqué 2022", "2023-02-28".parse()?);
    /// assert_eq!(s.publisher, "NBS");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn new(
        id: impl Into<String>,
        publisher: impl Into<String>,
        title: impl Into<String>,
        released: ReleaseDate,
    ) -> Source {
        Source {
            id: id.into(),
            publisher: publisher.into(),
            title: title.into(),
            released,
            url: None,
            locator: None,
            note: None,
        }
    }

    /// The same source with a locator (a quote or place in the publication).
    ///
    /// # Example
    /// ```
    /// use indstat::Source;
    /// let s = Source::new("x", "MIIT", "Briefing", "2023-03-01".parse()?).with_locator("p. 3");
    /// assert_eq!(s.locator.as_deref(), Some("p. 3"));
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn with_locator(mut self, locator: impl Into<String>) -> Source {
        self.locator = Some(locator.into());
        self
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {} ({})", self.publisher, self.title, self.released)?;
        if let Some(l) = &self.locator {
            write!(f, ": “{l}”")?;
        }
        Ok(())
    }
}

/// One input of a derived value: which series and period it read, and from which source.
///
/// # Example
/// ```
/// use indstat::{LineageInput, Period};
/// let input = LineageInput::new("nev_production", Period::year(2021))
///     .with_source("caam-2022-01")
///     .with_value("354.5");
/// assert_eq!(input.to_string(), "nev_production 2021 = 354.5 [caam-2022-01]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineageInput {
    /// The series read.
    pub series: String,
    /// The period read; `None` when the whole series was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The source of the value read (the observation's, else the series').
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The value read, as text (with its qualifier).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl LineageInput {
    /// An input with no source or value recorded yet.
    ///
    /// # Example
    /// ```
    /// use indstat::{LineageInput, Period};
    /// assert_eq!(LineageInput::new("gdp", Period::year(2022)).to_string(), "gdp 2022");
    /// ```
    pub fn new(series: impl Into<String>, period: Period) -> LineageInput {
        LineageInput {
            series: series.into(),
            period: Some(period),
            source: None,
            value: None,
        }
    }

    /// An input that is a whole series (the input of a derived series).
    ///
    /// # Example
    /// ```
    /// use indstat::LineageInput;
    /// assert_eq!(LineageInput::whole("nev_production").to_string(), "nev_production");
    /// ```
    pub fn whole(series: impl Into<String>) -> LineageInput {
        LineageInput {
            series: series.into(),
            period: None,
            source: None,
            value: None,
        }
    }

    /// The same input with its source id.
    ///
    /// # Example
    /// ```
    /// use indstat::{LineageInput, Period};
    /// let i = LineageInput::new("gdp", Period::year(2022)).with_source("nbs");
    /// assert_eq!(i.source.as_deref(), Some("nbs"));
    /// ```
    pub fn with_source(mut self, source: impl Into<String>) -> LineageInput {
        self.source = Some(source.into());
        self
    }

    /// The same input with the value read, as text.
    ///
    /// # Example
    /// ```
    /// use indstat::{LineageInput, Period};
    /// let i = LineageInput::new("gdp", Period::year(2022)).with_value("1210207");
    /// assert_eq!(i.value.as_deref(), Some("1210207"));
    /// ```
    pub fn with_value(mut self, value: impl Into<String>) -> LineageInput {
        self.value = Some(value.into());
        self
    }
}

impl fmt::Display for LineageInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.series)?;
        if let Some(p) = self.period {
            write!(f, " {p}")?;
        }
        if let Some(v) = &self.value {
            write!(f, " = {v}")?;
        }
        if let Some(s) = &self.source {
            write!(f, " [{s}]")?;
        }
        Ok(())
    }
}

/// How a derived value or series was made: the operation and the inputs it read.
///
/// # Example
/// ```
/// use indstat::{Lineage, LineageInput, Period};
/// let mut l = Lineage::new("share of gdp");
/// l.push(LineageInput::new("industry_value_added", Period::year(2022)));
/// l.push(LineageInput::new("gdp", Period::year(2022)));
/// assert_eq!(l.to_string(), "share of gdp of industry_value_added 2022, gdp 2022");
/// assert_eq!(l.inputs().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Lineage {
    operation: String,
    inputs: Vec<LineageInput>,
}

impl Lineage {
    /// A lineage for `operation` with no inputs yet.
    ///
    /// # Example
    /// ```
    /// use indstat::Lineage;
    /// assert_eq!(Lineage::new("pc1").operation(), "pc1");
    /// ```
    pub fn new(operation: impl Into<String>) -> Lineage {
        Lineage {
            operation: operation.into(),
            inputs: Vec::new(),
        }
    }

    /// The operation.
    ///
    /// # Example
    /// ```
    /// use indstat::Lineage;
    /// assert_eq!(Lineage::new("cagr").operation(), "cagr");
    /// ```
    pub fn operation(&self) -> &str {
        &self.operation
    }

    /// The inputs, in the order they were recorded.
    ///
    /// # Example
    /// ```
    /// use indstat::Lineage;
    /// assert!(Lineage::new("x").inputs().is_empty());
    /// ```
    pub fn inputs(&self) -> &[LineageInput] {
        &self.inputs
    }

    /// Records an input (an input already recorded is not repeated).
    ///
    /// # Example
    /// ```
    /// use indstat::{Lineage, LineageInput, Period};
    /// let mut l = Lineage::new("growth");
    /// l.push(LineageInput::new("gdp", Period::year(2022)));
    /// l.push(LineageInput::new("gdp", Period::year(2022)));
    /// assert_eq!(l.inputs().len(), 1);
    /// ```
    pub fn push(&mut self, input: LineageInput) {
        if !self.inputs.contains(&input) {
            self.inputs.push(input);
        }
    }
}

impl fmt::Display for Lineage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.operation)?;
        for (i, input) in self.inputs.iter().enumerate() {
            f.write_str(if i == 0 { " of " } else { ", " })?;
            write!(f, "{input}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_dates_keep_their_precision() {
        for text in ["2023-02-28", "2023-01", "2022"] {
            assert_eq!(text.parse::<ReleaseDate>().unwrap().to_string(), text);
        }
        for bad in [
            "2023-13",
            "2023-02-29",
            "23-01-01",
            "2023/01/01",
            "",
            "2023-1",
        ] {
            assert!(bad.parse::<ReleaseDate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn sources_deserialize_from_toml() {
        let s: Source = toml::from_str(
            r#"
id = "caam-2023-01"
publisher = "CAAM"
title = "2022 production and sales"
released = "2023-01"
note = "revised base"
"#,
        )
        .unwrap();
        assert_eq!(s.released, ReleaseDate::month(2023, 1).unwrap());
        assert_eq!(s.note.as_deref(), Some("revised base"));
        let bad = toml::from_str::<Source>(
            "id = \"x\"\npublisher = \"p\"\ntitle = \"t\"\nreleased = \"2023-02-30\"",
        );
        assert!(bad.unwrap_err().to_string().contains("2023-02-30"));
        // An unquoted TOML date is accepted too.
        let bare: Source =
            toml::from_str("id = \"x\"\npublisher = \"p\"\ntitle = \"t\"\nreleased = 2023-01-12")
                .unwrap();
        assert_eq!(bare.released.to_string(), "2023-01-12");
    }
}
