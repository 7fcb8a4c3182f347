//! SDMX codes: UNIT_MEASURE and UNIT_MULT to units and back, FREQ, dataflow references.

use super::*;

/// The unit an SDMX `UNIT_MEASURE` code and `UNIT_MULT` exponent stand for.
///
/// See the [module documentation](super) for the codes. A code that is a unit indstat can parse
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
pub(super) fn dimension_of_code(code: &str) -> Result<(Dimension, u32)> {
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
        "KG" => Dimension::Physical(Physical::Kilogram),
        "TIMES" => Dimension::Times,
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
pub(super) fn dimension_code(d: &Dimension) -> String {
    match d {
        Dimension::Currency(c) => c.code().to_string(),
        Dimension::Percent => "PC".into(),
        Dimension::PercentagePoint => "PP".into(),
        Dimension::Physical(Physical::Tonne) => "T".into(),
        Dimension::Physical(Physical::KilowattHour) => "KWH".into(),
        Dimension::Physical(Physical::Watt) => "W".into(),
        Dimension::Physical(Physical::Kilogram) => "KG".into(),
        Dimension::Number => "NUM".into(),
        Dimension::Times => "TIMES".into(),
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
pub(super) fn parse_unit_mult(text: &str) -> Result<u32> {
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
pub(super) fn parse_freq(code: &str) -> Result<Frequency> {
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
pub(super) fn freq_code(f: Frequency) -> &'static str {
    match f {
        Frequency::Annual => "A",
        Frequency::Half => "S",
        Frequency::Quarterly => "Q",
        Frequency::Monthly => "M",
    }
}

/// The agency and the id of a structure reference `AGENCY:ID(VERSION)`.
pub(super) fn split_ref(text: &str) -> (&str, &str) {
    let (agency, rest) = match text.split_once(':') {
        Some((agency, rest)) => (agency.trim(), rest),
        None => ("", text),
    };
    let id = rest.split('(').next().unwrap_or(rest).trim();
    (agency, id)
}
