//! Reading SDMX-CSV: each row, and the series and sources they make; the header's layout is
//! in `layout`.

use super::*;
use crate::text::csv_error;

mod layout;

use layout::{Layout, NOT_SDMX_CSV, delimiter};

/// One data row, checked on its own.
pub(super) struct Row {
    /// Its line in the text.
    line: u64,
    /// Its dataflow's reference (`CAAM:NEV(1.0)`).
    flow: String,
    /// Its series key.
    key: String,
    /// Its `TIME_PERIOD`; none for a series-level attribute row.
    period: Option<Period>,
    /// Its `OBS_VALUE`; none for a gap.
    value: Option<Decimal>,
    /// Its attribute cells.
    attrs: Attrs,
}

/// What the rows say about one dataflow.
pub(super) struct Flow {
    /// Its reference (`CAAM:NEV(1.0)`).
    reference: String,
    /// The line of its first row.
    first_line: u64,
    /// Its name, from labels or `STRUCTURE_NAME`.
    name: Option<String>,
    /// Its release date as written, with its line.
    released: Option<(String, u64)>,
    /// Its publisher (`PUBLISHER`).
    publisher: Option<String>,
    /// Its title (`SOURCE_TITLE`).
    title: Option<String>,
    /// Latest year with a value.
    value_year: Option<i32>,
    /// Latest year with any period.
    any_year: Option<i32>,
    /// The dimensions of its first row that has any.
    dimensions: Option<Vec<String>>,
}

/// A reader of one SDMX-CSV text, its header read.
pub(super) struct Reader<'a> {
    /// The text, without a byte order mark.
    text: &'a str,
    /// Where its lines start, to name a record's line.
    lines: LineIndex,
    /// The text's name, for errors.
    name: &'a Path,
    /// What its header says.
    layout: Layout,
}

/// A series' unit, with the `UNIT_MEASURE` code and `UNIT_MULT` it was read from and the
/// lines that give them.
pub(super) struct SeriesUnit<'r> {
    /// The unit of the series' values.
    unit: Unit,
    /// Its `UNIT_MEASURE` and that cell's line.
    code: Option<(&'r str, u64)>,
    /// Its `UNIT_MULT` and that cell's line.
    mult: Option<(u32, u64)>,
}

/// The checked rows of a text, grouped: what each dataflow's rows say, and each series key's
/// rows, both in the order first met.
struct GroupedRows {
    /// What each dataflow's rows say.
    flows: Vec<Flow>,
    /// Each series key with its rows.
    series: Vec<(String, Vec<Row>)>,
}

/// Things by key, in the order their keys are first met.
struct FirstSeen<T> {
    /// The things, in the order their keys are first met.
    items: Vec<T>,
    /// The position of each key's thing in `items`.
    index: HashMap<String, usize>,
}

impl<T> Default for FirstSeen<T> {
    fn default() -> Self {
        FirstSeen {
            items: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<T> FirstSeen<T> {
    /// The thing of `key`, made by `new` if the key is new.
    fn get_or_insert_with(&mut self, key: &str, new: impl FnOnce() -> T) -> Option<&mut T> {
        let i = match self.index.get(key) {
            Some(i) => *i,
            None => {
                self.index.insert(key.to_string(), self.items.len());
                self.items.push(new());
                self.items.len() - 1
            }
        };
        self.items.get_mut(i)
    }
}

impl<'a> Reader<'a> {
    /// A reader of `text` (named `name` in errors), its header read.
    pub(super) fn new(text: &'a str, name: &'a Path) -> Result<Reader<'a>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first = text.lines().next().unwrap_or("");
        let delimiter = delimiter(first).ok_or_else(|| Error::invalid(NOT_SDMX_CSV).at(name, 1))?;
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

    /// Reads every row, then makes a source of each dataflow and a series of each key.
    pub(super) fn read(&self) -> Result<Dataset> {
        let rows = self.grouped_rows()?;
        let mut data = Dataset::new();
        for flow in &rows.flows {
            let source = flow.source(self.name)?;
            data.insert_source(source)
                .map_err(|e| e.at(self.name, flow.first_line))?;
        }
        for (key, series_rows) in &rows.series {
            let series = self.series(key, series_rows)?;
            data.insert_series(series)?;
        }
        Ok(data)
    }

    /// Every row, checked on its own, and grouped by dataflow and by series key.
    fn grouped_rows(&self) -> Result<GroupedRows> {
        // Cells are trimmed where they are read (`cell`): the csv crate's own trimming copies
        // every record.
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(self.layout.delimiter)
            .from_reader(self.text.as_bytes());
        let mut cursor = self.lines.cursor();
        let mut flows: FirstSeen<Flow> = FirstSeen::default();
        let mut series_rows: FirstSeen<(String, Vec<Row>)> = FirstSeen::default();
        for record in reader.records() {
            let record =
                record.map_err(|e| csv_error(self.name, self.text, &self.lines, "separator", e))?;
            let line = record
                .position()
                .map_or(0, |p| cursor.record_line(self.text, p.byte()));
            let (row, flow_name, dims) =
                self.row(&record, line).map_err(|e| e.at(self.name, line))?;
            if let Some(flow) = flows.get_or_insert_with(&row.flow, || Flow::new(&row.flow, line)) {
                flow.note_row(&row, flow_name, dims);
            }
            if let Some((_, rows)) =
                series_rows.get_or_insert_with(&row.key, || (row.key.clone(), Vec::new()))
            {
                rows.push(row);
            }
        }
        Ok(GroupedRows {
            flows: flows.items,
            series: series_rows.items,
        })
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
        let (flow, flow_name) = self.dataflow(record)?;
        self.check_action(record)?;
        let (key, dims) = self.series_key(record, flow)?;
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
        let row = Row {
            line,
            flow: flow.to_string(),
            key,
            period,
            value,
            attrs: self.attrs(record),
        };
        Ok((row, flow_name, dims))
    }

    /// A row's dataflow reference, and its name when the row gives one (a labelled
    /// reference, or `STRUCTURE_NAME`).
    fn dataflow<'r>(&self, record: &'r csv::StringRecord) -> Result<(&'r str, Option<String>)> {
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
        Ok((flow, flow_name))
    }

    /// Checks a row's `ACTION`: any but `D` (a deletion) is read as data.
    fn check_action(&self, record: &csv::StringRecord) -> Result<()> {
        match self
            .cell(record, Role::Action)
            .to_ascii_uppercase()
            .as_str()
        {
            "" | "I" | "A" | "R" | "M" => Ok(()),
            "D" => Err(Error::invalid(
                "ACTION D deletes data: a deletion message is not a dataset, and is not supported",
            )),
            other => Err(Error::parse(
                "ACTION",
                other,
                "expected I (information), A (append), R (replace), M (merge) or D (delete)",
            )),
        }
    }

    /// A row's series key (its dimensions' values joined with dots, else its `SERIES_KEY`,
    /// else the id of its dataflow `flow`), and the names of the dimensions that have a value.
    fn series_key(&self, record: &csv::StringRecord, flow: &str) -> Result<(String, Vec<String>)> {
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
        Ok((key, dims))
    }

    /// A row's non-empty attribute cells.
    fn attrs(&self, record: &csv::StringRecord) -> Attrs {
        Attrs::new(|role| self.cell(record, role))
    }

    /// Builds one series from its rows.
    pub(super) fn series(&self, key: &str, rows: &[Row]) -> Result<Series> {
        let first_line = rows.first().map_or(0, |r| r.line);
        let unit = self.series_unit(key, rows, first_line)?;
        let frequency = self.frequency(key, rows, first_line)?;
        let kind = match series_attr(rows, Role::Kind) {
            Some((text, line)) => text
                .parse::<Kind>()
                .map_err(|e| self.in_series(key, e, line))?,
            None => default_kind(&unit.unit),
        };
        let source = rows.first().map(|r| r.flow.clone()).unwrap_or_default();
        let name = series_attr(rows, Role::Name).map_or(key, |n| n.0);
        let meta = SeriesMeta::new(key, unit.unit.clone(), frequency, kind)
            .with_name(name)
            .with_source(source.clone());
        let mut series = Series::new(meta);
        let series_decimals = rows
            .iter()
            .filter(|r| r.period.is_none())
            .find_map(|r| r.attrs.get(Role::Decimals).map(|d| (d, r.line)));
        self.cover_values(&mut series, rows, frequency, first_line)?;
        let mut seen: HashMap<Period, u64> = HashMap::new();
        for row in rows {
            let Some(period) = row.period else {
                continue;
            };
            let line = row.line;
            period
                .expect_frequency(frequency)
                .map_err(|e| self.in_series(key, e, line))?;
            if let Some(first) = seen.insert(period, line) {
                return Err(self.in_series(
                    key,
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
                .observation(row, value, &unit, series_decimals, &source)
                .map_err(|e| self.in_series(key, e, line))?;
            series
                .insert_observation(period, observation)
                .map_err(|e| e.at(self.name, line))?;
        }
        Ok(series)
    }

    /// An error about series `key`, on `line`.
    fn in_series(&self, key: &str, e: Error, line: u64) -> Error {
        e.context(format!("series `{key}`")).at(self.name, line)
    }

    /// A series' unit, from its `UNIT_MEASURE` and `UNIT_MULT`; an error with no line of its
    /// own is placed on `first_line`.
    fn series_unit<'r>(
        &self,
        key: &str,
        rows: &'r [Row],
        first_line: u64,
    ) -> Result<SeriesUnit<'r>> {
        let code = series_attr(rows, Role::UnitMeasure);
        let mult = match series_attr(rows, Role::UnitMult) {
            Some((text, line)) => Some((
                parse_unit_mult(text).map_err(|e| self.in_series(key, e, line))?,
                line,
            )),
            None => None,
        };
        let unit =
            unit_from_codes(code.map_or("", |c| c.0), mult.map_or(0, |m| m.0)).map_err(|e| {
                let line = code.or(mult.map(|m| ("", m.1))).map_or(first_line, |c| c.1);
                self.in_series(key, e, line)
            })?;
        Ok(SeriesUnit { unit, code, mult })
    }

    /// A series' frequency: its `FREQ`, else that of the first period of its rows.
    fn frequency(&self, key: &str, rows: &[Row], first_line: u64) -> Result<Frequency> {
        match series_attr(rows, Role::Freq) {
            Some((text, line)) => parse_freq(text).map_err(|e| self.in_series(key, e, line)),
            None => rows
                .iter()
                .find_map(|r| r.period)
                .map(Period::frequency)
                .ok_or_else(|| {
                    self.in_series(
                        key,
                        Error::invalid(
                            "no row has a TIME_PERIOD and there is no FREQ: cannot tell the frequency",
                        ),
                        first_line,
                    )
                }),
        }
    }

    /// Widens `series` once to the periods that have values in its frequency: rows in
    /// descending order would otherwise move the stored values once per row.
    fn cover_values(
        &self,
        series: &mut Series,
        rows: &[Row],
        frequency: Frequency,
        first_line: u64,
    ) -> Result<()> {
        let valued = || {
            rows.iter()
                .filter(|r| r.value.is_some())
                .filter_map(|r| r.period)
                .filter(|p| p.frequency() == frequency)
        };
        if let (Some(first), Some(last)) = (valued().min(), valued().max()) {
            series
                .cover(first, last)
                .map_err(|e| e.at(self.name, first_line))?;
        }
        Ok(())
    }

    /// One observation of a series in `unit`, converting from the row's own unit if it has
    /// another.
    pub(super) fn observation(
        &self,
        row: &Row,
        value: Decimal,
        series_unit: &SeriesUnit<'_>,
        series_decimals: Option<(&str, u64)>,
        source: &str,
    ) -> Result<Observation> {
        let SeriesUnit { unit, code, mult } = series_unit;
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

/// A series attribute: from its series-level rows, else its rows with a value, else any of
/// its rows; with the line that gives it.
fn series_attr(rows: &[Row], role: Role) -> Option<(&str, u64)> {
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
}

impl Flow {
    /// A dataflow first met on `first_line`, nothing noted yet.
    fn new(reference: &str, first_line: u64) -> Flow {
        Flow {
            reference: reference.to_string(),
            first_line,
            name: None,
            released: None,
            publisher: None,
            title: None,
            value_year: None,
            any_year: None,
            dimensions: None,
        }
    }

    /// Notes what a row of the dataflow says: its name, release date, publisher and title
    /// (the first given of each), its period's year, and its dimensions.
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
