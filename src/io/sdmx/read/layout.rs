//! The layout of an SDMX-CSV header: its separator and version, which column holds what,
//! the dimension columns, and whether values are written with labels.

use super::*;

/// Why a text is not SDMX-CSV.
pub(super) const NOT_SDMX_CSV: &str =
    "not SDMX-CSV: the first column must be DATAFLOW (SDMX-CSV 1.0) or STRUCTURE (2.0)";

/// What the header says about the columns.
pub(super) struct Layout {
    /// The field separator.
    pub(super) delimiter: u8,
    /// Values of coded columns are written `ID: name`.
    pub(super) labels: bool,
    /// The column of each role (the first, for ignored and unknown ones).
    pub(super) columns: HashMap<Role, usize>,
    /// The dimension columns, with their names, in order.
    pub(super) dimensions: Vec<(usize, String)>,
}

/// The separator after the first header term (`DATAFLOW` or `STRUCTURE[…]`), and whether the
/// text is SDMX-CSV at all.
pub(super) fn delimiter(first_line: &str) -> Option<u8> {
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

impl Layout {
    /// What `headers`, the header of a text separated by `delimiter`, says: the columns' ids
    /// and roles, its version checked, and its dimension columns.
    pub(super) fn new(headers: &csv::StringRecord, delimiter: u8) -> Result<Layout> {
        let (ids, labels) = column_ids(headers)?;
        check_version(&ids)?;
        let roles = column_roles(&ids);
        let columns = role_columns(&ids, &roles)?;
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

/// The id of each column (its header without a label or a `[…]` part), and whether any
/// header has a label (`FREQ: Frequency`).
fn column_ids(headers: &csv::StringRecord) -> Result<(Vec<String>, bool)> {
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
    Ok((ids, labels))
}

/// Checks that the first columns are those of SDMX-CSV 1.0 (`DATAFLOW`) or 2.0 (`STRUCTURE`,
/// `STRUCTURE_ID`).
fn check_version(ids: &[String]) -> Result<()> {
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
        return Err(Error::invalid(NOT_SDMX_CSV));
    }
    Ok(())
}

/// The role of each column; `None` for the name column that follows each component column
/// in `labels=name` output.
fn column_roles(ids: &[String]) -> Vec<Option<Role>> {
    let names_follow = ids.iter().any(|id| Role::of(id) == Role::StructureName);
    let mut roles: Vec<Option<Role>> = Vec::with_capacity(ids.len());
    let mut in_components = false;
    let mut skip_next = false;
    for id in ids {
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
    roles
}

/// The column of each role (the first, for ignored and unknown ones); a column given twice,
/// or two columns giving the same thing, is an error.
fn role_columns(ids: &[String], roles: &[Option<Role>]) -> Result<HashMap<Role, usize>> {
    let mut columns: HashMap<Role, usize> = HashMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, (id, role)) in ids.iter().zip(roles).enumerate() {
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
    Ok(columns)
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
}
