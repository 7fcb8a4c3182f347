//! Reading SDMX-CSV: the header layout, each row, and the series and sources they make.

use super::*;
use crate::text::csv_error;

/// What the header says about the columns.
pub(super) struct Layout {
    delimiter: u8,
    /// Values of coded columns are written `ID: name`.
    labels: bool,
    /// The column of each role (the first, for ignored and unknown ones).
    columns: HashMap<Role, usize>,
    /// The dimension columns, with their names, in order.
    dimensions: Vec<(usize, String)>,
}

/// One data row, checked on its own.
pub(super) struct Row {
    line: u64,
    flow: String,
    key: String,
    period: Option<Period>,
    value: Option<Decimal>,
    attrs: Attrs,
}

/// What the rows say about one dataflow.
pub(super) struct Flow {
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

pub(super) struct Reader<'a> {
    text: &'a str,
    lines: LineIndex,
    name: &'a Path,
    layout: Layout,
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

impl<'a> Reader<'a> {
    pub(super) fn new(text: &'a str, name: &'a Path) -> Result<Reader<'a>> {
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

    pub(super) fn read(&self) -> Result<Dataset> {
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
            let record =
                record.map_err(|e| csv_error(self.name, self.text, &self.lines, "separator", e))?;
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

    /// A cell's text, with the `: name` of a labelled code removed.
    pub(super) fn cell<'r>(&self, record: &'r csv::StringRecord, role: Role) -> &'r str {
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
    pub(super) fn row(
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
    pub(super) fn series(&self, key: &str, rows: &[Row]) -> Result<Series> {
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
    pub(super) fn observation(
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
pub(super) fn strip_label(text: &str) -> &str {
    text.split_once(": ").map_or(text, |(id, _)| id.trim())
}

impl Layout {
    pub(super) fn new(headers: &csv::StringRecord, delimiter: u8) -> Result<Layout> {
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
    pub(super) fn note_row(&mut self, row: &Row, name: Option<String>, dims: Vec<String>) {
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
    pub(super) fn source(&self, file: &Path) -> Result<Source> {
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
            None => ReleaseDate::year(self.value_year.or(self.any_year).ok_or_else(|| {
                Error::invalid(format!(
                    "cannot tell when dataflow `{}` was released: it has no period and no RELEASED or LAST_UPDATE column",
                    self.reference
                ))
                .at(file, self.first_line)
            })?)
            .map_err(|e| e.at(file, self.first_line))?,
        };
        let mut source = Source::new(self.reference.clone(), publisher, title, released);
        source.note = self
            .dimensions
            .as_ref()
            .map(|d| format!("{KEY_NOTE}{}", d.join(".")));
        Ok(source)
    }
}
