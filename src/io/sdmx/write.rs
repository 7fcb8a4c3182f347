//! Writing SDMX-CSV: columns, one row per observation, values in their written precision.

use super::*;

/// The dimension names a source's note records, if it records valid ones.
pub(super) fn key_names(source: &Source) -> Option<Vec<String>> {
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
pub(super) enum Col {
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
pub(super) struct OutRow {
    flow: String,
    dims: Vec<Option<String>>,
    time: String,
    value: String,
    attrs: HashMap<Role, String>,
}

/// How a value is written: its text, the extra power of ten moved into `UNIT_MULT`, and
/// `DECIMALS`.
pub(super) fn written_value(o: &Observation, unit: &Unit) -> Result<(String, u32, Option<u32>)> {
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
/// assert_eq!(again.require("gdp")?.unit(), data.require("gdp")?.unit());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn write_csv(data: &Dataset) -> Result<String> {
    let (dims, namings) = key_dimensions(data)?;
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

    let columns = columns(
        &rows,
        dims.len(),
        unit_dim,
        freq_dim,
        [qualifiers, roundings, locators],
    );
    render(&dims, &columns, &rows)
}

/// The key dimensions of the file, in order, and for each series the positions of its own
/// (a series of another dataflow may name others).
fn key_dimensions(data: &Dataset) -> Result<(Vec<String>, Vec<Vec<usize>>)> {
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
    Ok((dims, namings))
}

/// The columns to write: the fixed ones, the key dimensions, and the attribute columns that
/// some row needs (`optional`: qualifiers, roundings, locators).
fn columns(
    rows: &[OutRow],
    dims: usize,
    unit_dim: Option<usize>,
    freq_dim: Option<usize>,
    optional: [bool; 3],
) -> Vec<Col> {
    let [qualifiers, roundings, locators] = optional;
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
    columns.extend((0..dims).map(Col::Dim));
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

    columns
}

/// The CSV text of the header and rows.
fn render(dims: &[String], columns: &[Col], rows: &[OutRow]) -> Result<String> {
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
    for row in rows {
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
pub(super) fn attribute_header(role: Role) -> &'static str {
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
pub(super) fn naming(s: &Series, data: &Dataset) -> Vec<String> {
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
