//! Calendar periods: the index of every series.
//!
//! A series is indexed by [`Period`], never by position: the value "a year earlier" is looked
//! up by period, so a missing month stays missing instead of shifting every later lag.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, ErrorKind, Result};

/// The first and last years a [`Period`] can have (four-digit years).
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1000..=9999;

/// How often a series is observed.
///
/// # Example
/// ```
/// use indstat::Frequency;
/// let f: Frequency = "quarterly".parse()?;
/// assert_eq!(f, Frequency::Quarterly);
/// assert_eq!(f.periods_per_year(), 4);
/// assert!("weekly".parse::<Frequency>().is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Frequency {
    /// Once a year: `2022`.
    Annual,
    /// Twice a year: `2022H1`, `2022H2`.
    Half,
    /// Four times a year: `2022Q1` … `2022Q4`.
    Quarterly,
    /// Twelve times a year: `2022-01` … `2022-12`.
    Monthly,
}

crate::string_enum::string_enum!(Frequency, what = "frequency", path = "indstat::Frequency", {
    Annual => "annual" | "yearly" | "year" | "a" | "y",
    Half => "half" | "half-yearly" | "halfyearly" | "semiannual" | "semi-annual" | "h" | "s",
    Quarterly => "quarterly" | "quarter" | "q",
    Monthly => "monthly" | "month" | "m",
});

impl Frequency {
    /// Number of periods in a year (FRED's `n`): 1, 2, 4 or 12.
    ///
    /// # Example
    /// ```
    /// use indstat::Frequency;
    /// assert_eq!(Frequency::Monthly.periods_per_year(), 12);
    /// ```
    pub fn periods_per_year(self) -> u32 {
        match self {
            Frequency::Annual => 1,
            Frequency::Half => 2,
            Frequency::Quarterly => 4,
            Frequency::Monthly => 12,
        }
    }

    /// Whether every period of `self` lies inside one period of `lower` (monthly → quarterly,
    /// quarterly → annual, …), so that `self` can be aggregated to `lower`.
    ///
    /// # Example
    /// ```
    /// use indstat::Frequency;
    /// assert!(Frequency::Monthly.nests_in(Frequency::Annual));
    /// assert!(!Frequency::Annual.nests_in(Frequency::Monthly));
    /// ```
    pub fn nests_in(self, lower: Frequency) -> bool {
        self.periods_per_year() % lower.periods_per_year() == 0
    }
}

/// A calendar period: a year, a half, a quarter or a month.
///
/// Periods of one frequency are ordered in time; periods of different frequencies order by
/// frequency first (so that sorting is total), which is not a time order.
///
/// # Example
/// ```
/// use indstat::{Frequency, Period};
///
/// let march: Period = "2022-03".parse()?;
/// assert_eq!(march.frequency(), Frequency::Monthly);
/// assert_eq!(march.to_string(), "2022-03");
/// assert_eq!("2022M03".parse::<Period>()?, march);
/// assert_eq!(march.years_ago(1)?.to_string(), "2021-03");
/// assert_eq!(march.shift(10)?.to_string(), "2023-01");
/// assert!("2022-13".parse::<Period>().is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    frequency: Frequency,
    year: i32,
    /// 1-based position within the year (half, quarter or month); 1 for annual periods.
    sub: u8,
}

impl Period {
    /// Builds a period from its year and 1-based position in the year (1 for annual).
    ///
    /// # Errors
    /// When the year is outside [`YEAR_RANGE`] or the position is outside 1..=n.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Period};
    /// assert_eq!(Period::new(Frequency::Quarterly, 2022, 4)?.to_string(), "2022Q4");
    /// assert!(Period::new(Frequency::Quarterly, 2022, 5).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn new(frequency: Frequency, year: i32, sub: u32) -> Result<Period> {
        if !YEAR_RANGE.contains(&year) {
            return Err(Error::parse(
                "period",
                format!("{year}"),
                format!(
                    "years run from {} to {}",
                    YEAR_RANGE.start(),
                    YEAR_RANGE.end()
                ),
            ));
        }
        let n = frequency.periods_per_year();
        if sub == 0 || sub > n {
            return Err(Error::parse(
                "period",
                format!("{year} position {sub}"),
                format!("a {frequency} period's position in its year is 1 to {n}"),
            ));
        }
        Ok(Period {
            frequency,
            year,
            sub: sub as u8,
        })
    }

    /// The year `year`, for years written in code (`Period::year(2022)`).
    ///
    /// # Panics
    /// When `year` is outside [`YEAR_RANGE`]: a year is never clamped into range, since
    /// `Period::year(999)` silently becoming 1000 would index the wrong observation. Use
    /// [`Period::try_year`] (or [`Period::new`]) for years that come from input.
    ///
    /// # Example
    /// ```
    /// use indstat::Period;
    /// assert_eq!(Period::year(2022).to_string(), "2022");
    /// assert!(std::panic::catch_unwind(|| Period::year(999)).is_err());
    /// ```
    pub fn year(year: i32) -> Period {
        match Period::try_year(year) {
            Ok(p) => p,
            Err(e) => panic!("Period::year: {e}"),
        }
    }

    /// The year `year`, or an error when it is outside [`YEAR_RANGE`].
    ///
    /// # Errors
    /// [`ErrorKind::Parse`] naming the year and the range.
    ///
    /// # Example
    /// ```
    /// use indstat::Period;
    /// assert_eq!(Period::try_year(2022)?, Period::year(2022));
    /// assert!(Period::try_year(999).is_err());
    /// assert!(Period::try_year(10_000).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn try_year(year: i32) -> Result<Period> {
        Period::new(Frequency::Annual, year, 1)
    }

    /// The month `month` (1–12) of `year`.
    ///
    /// # Errors
    /// When the month or the year is out of range.
    ///
    /// # Example
    /// ```
    /// use indstat::Period;
    /// assert_eq!(Period::month(2023, 5)?.to_string(), "2023-05");
    /// assert!(Period::month(2023, 0).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn month(year: i32, month: u32) -> Result<Period> {
        Period::new(Frequency::Monthly, year, month)
    }

    /// This period's frequency.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Period};
    /// assert_eq!("2022H2".parse::<Period>()?.frequency(), Frequency::Half);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn frequency(self) -> Frequency {
        self.frequency
    }

    /// The calendar year the period lies in.
    ///
    /// # Example
    /// ```
    /// use indstat::Period;
    /// assert_eq!("2022Q3".parse::<Period>()?.calendar_year(), 2022);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn calendar_year(self) -> i32 {
        self.year
    }

    /// 1-based position in the year: the half, quarter or month number; 1 for a year.
    ///
    /// # Example
    /// ```
    /// use indstat::Period;
    /// assert_eq!("2022-11".parse::<Period>()?.position(), 11);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn position(self) -> u32 {
        u32::from(self.sub)
    }

    /// A running count of periods of this frequency since year 0; consecutive periods differ
    /// by one. Used for dense storage and lags.
    ///
    /// # Example
    /// ```
    /// use indstat::Period;
    /// let dec: Period = "2021-12".parse()?;
    /// let jan: Period = "2022-01".parse()?;
    /// assert_eq!(jan.ordinal() - dec.ordinal(), 1);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn ordinal(self) -> i64 {
        i64::from(self.year) * i64::from(self.frequency.periods_per_year()) + i64::from(self.sub)
            - 1
    }

    /// The period of `frequency` with the given [ordinal](Period::ordinal).
    ///
    /// # Errors
    /// When the ordinal's year falls outside [`YEAR_RANGE`].
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Period};
    /// let p: Period = "2022Q2".parse()?;
    /// assert_eq!(Period::from_ordinal(Frequency::Quarterly, p.ordinal())?, p);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn from_ordinal(frequency: Frequency, ordinal: i64) -> Result<Period> {
        let n = i64::from(frequency.periods_per_year());
        let year = ordinal.div_euclid(n);
        let sub = ordinal.rem_euclid(n) + 1;
        let year = i32::try_from(year)
            .ok()
            .filter(|y| YEAR_RANGE.contains(y))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "the {frequency} period number {ordinal} falls in year {year}, outside the years {} to {} a period can have",
                    YEAR_RANGE.start(),
                    YEAR_RANGE.end()
                ))
            })?;
        Period::new(frequency, year, sub as u32)
    }

    /// The period `n` periods later (earlier when `n` is negative).
    ///
    /// # Errors
    /// When the result's year falls outside [`YEAR_RANGE`].
    ///
    /// # Example
    /// ```
    /// use indstat::Period;
    /// let q: Period = "2022Q4".parse()?;
    /// assert_eq!(q.shift(1)?.to_string(), "2023Q1");
    /// assert_eq!(q.shift(-4)?.to_string(), "2021Q4");
    /// assert!(q.shift(i64::MAX).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn shift(self, n: i64) -> Result<Period> {
        let ordinal = self.ordinal().checked_add(n).ok_or_else(|| {
            Error::invalid(format!("{self} shifted by {n} periods is out of range"))
        })?;
        Period::from_ordinal(self.frequency, ordinal)
    }

    /// The same period `n` years earlier: the base of a year-on-year comparison.
    ///
    /// # Errors
    /// When the result's year falls outside [`YEAR_RANGE`].
    ///
    /// # Example
    /// ```
    /// use indstat::Period;
    /// assert_eq!("2022H1".parse::<Period>()?.years_ago(2)?.to_string(), "2020H1");
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn years_ago(self, n: i32) -> Result<Period> {
        let year = self
            .year
            .checked_sub(n)
            .filter(|y| YEAR_RANGE.contains(y))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "{self} minus {n} years is outside the years {} to {}",
                    YEAR_RANGE.start(),
                    YEAR_RANGE.end()
                ))
            })?;
        Period::new(self.frequency, year, self.position())
    }

    /// Number of periods from `self` to `later` (negative when `later` is earlier).
    ///
    /// # Errors
    /// When the two periods have different frequencies.
    ///
    /// # Example
    /// ```
    /// use indstat::Period;
    /// let a: Period = "2012".parse()?;
    /// let b: Period = "2022".parse()?;
    /// assert_eq!(a.periods_until(b)?, 10);
    /// assert!(a.periods_until("2022Q1".parse()?).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn periods_until(self, later: Period) -> Result<i64> {
        self.expect_frequency(later.frequency).map_err(|_| {
            Error::new(ErrorKind::FrequencyMismatch {
                expected: self.frequency.to_string(),
                found: later.to_string(),
            })
        })?;
        Ok(later.ordinal() - self.ordinal())
    }

    /// Checks that this period has the given frequency.
    ///
    /// # Errors
    /// [`ErrorKind::FrequencyMismatch`] otherwise.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Period};
    /// let p: Period = "2022-01".parse()?;
    /// assert!(p.expect_frequency(Frequency::Monthly).is_ok());
    /// assert!(p.expect_frequency(Frequency::Annual).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn expect_frequency(self, frequency: Frequency) -> Result<()> {
        if self.frequency == frequency {
            Ok(())
        } else {
            Err(Error::new(ErrorKind::FrequencyMismatch {
                expected: frequency.to_string(),
                found: self.to_string(),
            }))
        }
    }

    /// The period of the lower frequency `lower` that contains this one (the quarter of a
    /// month, the year of a quarter).
    ///
    /// # Errors
    /// When `self`'s periods do not nest in `lower`'s (a year is not inside a month).
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Period};
    /// let may: Period = "2023-05".parse()?;
    /// assert_eq!(may.within(Frequency::Quarterly)?.to_string(), "2023Q2");
    /// assert_eq!(may.within(Frequency::Annual)?.to_string(), "2023");
    /// assert!(Period::year(2023).within(Frequency::Monthly).is_err());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn within(self, lower: Frequency) -> Result<Period> {
        if !self.frequency.nests_in(lower) {
            return Err(Error::invalid(format!(
                "a {} period such as {self} does not lie inside one {lower} period",
                self.frequency
            )));
        }
        let per = self.frequency.periods_per_year() / lower.periods_per_year();
        Period::new(lower, self.year, (self.position() - 1) / per + 1)
    }

    /// First day of the period.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use indstat::Period;
    /// let q: Period = "2022Q2".parse()?;
    /// assert_eq!(q.start_date(), NaiveDate::from_ymd_opt(2022, 4, 1).unwrap());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn start_date(self) -> NaiveDate {
        let months = 12 / self.frequency.periods_per_year();
        let month = (self.position() - 1) * months + 1;
        // Years are within YEAR_RANGE and months within 1..=12, so the date always exists.
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// Last day of the period.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use indstat::Period;
    /// let feb: Period = "2024-02".parse()?;
    /// assert_eq!(feb.end_date(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
    /// assert_eq!(Period::year(2022).end_date(), NaiveDate::from_ymd_opt(2022, 12, 31).unwrap());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn end_date(self) -> NaiveDate {
        let months = 12 / self.frequency.periods_per_year();
        let last_month = self.position() * months;
        let next = if last_month == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, last_month + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.frequency {
            Frequency::Annual => write!(f, "{}", self.year),
            Frequency::Half => write!(f, "{}H{}", self.year, self.sub),
            Frequency::Quarterly => write!(f, "{}Q{}", self.year, self.sub),
            Frequency::Monthly => write!(f, "{}-{:02}", self.year, self.sub),
        }
    }
}

impl FromStr for Period {
    type Err = Error;

    /// Parses `2022`, `2022H1`, `2022S1`, `2022Q4`, `2022-03`, `2022M03` and `2022M3`
    /// (letters in either case, surrounding spaces ignored).
    fn from_str(input: &str) -> Result<Period> {
        let s = input.trim();
        let bad = |reason: &str| Error::parse("period", input, reason);
        let year_digits = s.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
        let Some(year_text) = year_digits else {
            return Err(bad(
                "expected a four-digit year, then nothing, H1-H2, Q1-Q4, or -MM / MMM for a month (2022, 2022H1, 2022Q4, 2022-03)",
            ));
        };
        let year: i32 = year_text
            .parse()
            .map_err(|_| bad("the year is not a number"))?;
        if !YEAR_RANGE.contains(&year) {
            // Named as written ("0120"), not as the number it reads as.
            return Err(bad(&format!(
                "years run from {} to {}",
                YEAR_RANGE.start(),
                YEAR_RANGE.end()
            )));
        }
        let rest = &s[4..];
        if rest.is_empty() {
            return Period::new(Frequency::Annual, year, 1).map_err(|e| e.context(input));
        }
        let (frequency, digits) = match rest.as_bytes()[0] {
            b'H' | b'h' | b'S' | b's' => (Frequency::Half, &rest[1..]),
            b'Q' | b'q' => (Frequency::Quarterly, &rest[1..]),
            b'M' | b'm' | b'-' => (Frequency::Monthly, &rest[1..]),
            _ => {
                return Err(bad(
                    "after the year expected H (half), Q (quarter), M or - (month)",
                ));
            }
        };
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("the half, quarter or month must be one or two digits"));
        }
        let sub: u32 = digits.parse().map_err(|_| bad("not a number"))?;
        let n = frequency.periods_per_year();
        if sub == 0 || sub > n {
            return Err(bad(&format!("a {frequency} period number is 1 to {n}")));
        }
        Period::new(frequency, year, sub)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Period, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn parses_every_written_form() {
        assert_eq!(p("2022"), Period::year(2022));
        assert_eq!(p("2022H1").position(), 1);
        assert_eq!(p("2022h2").position(), 2);
        assert_eq!(p("2022Q4").position(), 4);
        assert_eq!(p("2022-03"), p("2022M03"));
        assert_eq!(p("2022M3"), p("2022-03"));
        assert_eq!(p(" 2022-12 ").position(), 12);
    }

    #[test]
    fn rejects_malformed_periods_with_reasons() {
        for bad in [
            "",
            "22",
            "2022Q0",
            "2022Q5",
            "2022H3",
            "2022-00",
            "2022-13",
            "2022X1",
            "20a2",
            "2022-123",
            "2022Q",
            "０２２",
            "0999",
        ] {
            let err = bad.parse::<Period>().unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::Parse { what: "period", .. }),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn years_out_of_range_are_refused_not_clamped() {
        // Found by the fuzz run: the error named `120` for the input `0120`.
        let e = "0120".parse::<Period>().unwrap_err().to_string();
        assert!(e.contains("`0120`"), "{e}");
        // Issue 9 #11: Period::year(999) used to equal Period::year(1000).
        assert!(Period::try_year(999).is_err());
        assert!(Period::try_year(10_000).is_err());
        assert_eq!(Period::try_year(1000).unwrap().calendar_year(), 1000);
        assert!(std::panic::catch_unwind(|| Period::year(999)).is_err());
        assert!(std::panic::catch_unwind(|| Period::year(i32::MIN)).is_err());
    }

    #[test]
    fn order_and_lags_are_by_calendar() {
        assert!(p("2021-12") < p("2022-01"));
        assert_eq!(p("2022-01").shift(-1).unwrap(), p("2021-12"));
        assert_eq!(p("2022Q1").years_ago(1).unwrap(), p("2021Q1"));
        assert_eq!(p("2021").periods_until(p("2022")).unwrap(), 1);
    }

    #[test]
    fn dates_cover_the_period() {
        let q = p("2022Q4");
        assert_eq!(
            q.start_date(),
            NaiveDate::from_ymd_opt(2022, 10, 1).unwrap()
        );
        assert_eq!(q.end_date(), NaiveDate::from_ymd_opt(2022, 12, 31).unwrap());
        let h = p("2023H1");
        assert_eq!(h.end_date(), NaiveDate::from_ymd_opt(2023, 6, 30).unwrap());
        assert_eq!(
            p("2023-02").end_date(),
            NaiveDate::from_ymd_opt(2023, 2, 28).unwrap()
        );
    }

    #[test]
    fn serde_uses_the_text_form() {
        let json = serde_json::to_string(&p("2022-03")).unwrap();
        assert_eq!(json, "\"2022-03\"");
        let back: Period = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p("2022-03"));
        assert!(serde_json::from_str::<Period>("\"2022Q7\"").is_err());
    }

    fn any_period() -> impl Strategy<Value = Period> {
        (0usize..4, 1000i32..=9999, 1u32..=12).prop_map(|(f, y, s)| {
            let freq = Frequency::ALL[f];
            let sub = (s - 1) % freq.periods_per_year() + 1;
            Period::new(freq, y, sub).unwrap()
        })
    }

    proptest! {
        #[test]
        fn display_then_parse_round_trips(period in any_period()) {
            prop_assert_eq!(period.to_string().parse::<Period>().unwrap(), period);
        }

        #[test]
        fn shift_is_invertible_and_ordered(period in any_period(), n in -500i64..500) {
            if let Ok(moved) = period.shift(n) {
                prop_assert_eq!(moved.shift(-n).unwrap(), period);
                prop_assert_eq!(period.periods_until(moved).unwrap(), n);
                prop_assert_eq!(n.signum(), (moved.ordinal() - period.ordinal()).signum());
            }
        }

        #[test]
        fn parser_never_panics(s in "\\PC{0,12}") {
            let _ = s.parse::<Period>();
        }

        #[test]
        fn dates_are_consecutive(period in any_period()) {
            if let Ok(next) = period.shift(1) {
                prop_assert_eq!(period.end_date().succ_opt().unwrap(), next.start_date());
            }
        }
    }
}
