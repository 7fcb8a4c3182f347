//! Reading JSON-stat 2.0: dimensions, units, values and statuses, the indstat extension, and
//! the series they make.

use super::*;

/// A dimension as read.
pub(super) struct Dim {
    id: String,
    categories: Vec<String>,
    labels: Vec<Option<String>>,
    units: Vec<Option<UnitSpec>>,
}

/// A category's `unit`.
pub(super) struct UnitSpec {
    unit: Unit,
    decimals: Option<u32>,
}

/// The statuses of the values.
pub(super) enum Statuses<'a> {
    None,
    All(&'a str),
    List(&'a [Value]),
    Sparse(&'a Map<String, Value>),
}

impl Statuses<'_> {
    pub(super) fn get(&self, index: usize) -> Option<&str> {
        match self {
            Statuses::None => None,
            Statuses::All(s) => Some(s),
            Statuses::List(list) if list.len() == 1 => list.first().and_then(Value::as_str),
            Statuses::List(list) => list.get(index).and_then(Value::as_str),
            Statuses::Sparse(map) => map.get(&index.to_string()).and_then(Value::as_str),
        }
    }
}

/// A series as `extension.indstat` describes it.
#[derive(Deserialize)]
pub(super) struct ExtSeries {
    id: String,
    frequency: Option<Frequency>,
    kind: Option<Kind>,
    source: Option<String>,
    note: Option<String>,
}

/// What `extension.indstat` says about one observation.
#[derive(Default)]
pub(super) struct ExtObservation {
    source: Option<String>,
    qualifier: Option<Qualifier>,
    rounding: Option<Rounding>,
    /// `Some(None)`: an exact value.
    precision: Option<Option<Precision>>,
    locator: Option<String>,
    note: Option<String>,
}

/// One document being read: where errors are placed.
pub(super) struct Doc<'a> {
    name: &'a Path,
    pub(super) written: WrittenNumbers<'a>,
}

impl<'a> Doc<'a> {
    pub(super) fn new(name: &'a Path) -> Doc<'a> {
        Doc {
            name,
            written: WrittenNumbers::default(),
        }
    }

    /// An error at `key`.
    pub(super) fn at(&self, key: &str, e: Error) -> Error {
        e.context(format!("key `{key}`"))
            .context(self.name.display().to_string())
    }

    pub(super) fn bad(&self, key: &str, reason: impl Into<String>) -> Error {
        self.at(key, Error::invalid(reason))
    }

    pub(super) fn string<'v>(&self, v: &'v Value, key: &str) -> Result<&'v str> {
        v.as_str()
            .ok_or_else(|| self.bad(key, format!("expected a string, found {}", type_of(v))))
    }

    /// The document as a JSON-stat 2.0 dataset object: not an error report, of class
    /// `dataset`, of version 2.x.
    fn dataset_object<'v>(&self, root: &'v Value) -> Result<&'v Map<String, Value>> {
        let obj = root.as_object().ok_or_else(|| {
            self.bad(
                "(document)",
                "not a JSON-stat dataset: the document is not a JSON object",
            )
        })?;
        if let Some(error) = obj.get("error") {
            return Err(self.bad("error", format!("the document reports an error: {error}")));
        }
        match obj.get("class").map(|c| (c, c.as_str())) {
            Some((_, Some("dataset"))) => {}
            Some((_, Some(other))) => {
                return Err(self.bad(
                    "class",
                    format!(
                        "only JSON-stat datasets (class \"dataset\") are supported, not \"{other}\""
                    ),
                ));
            }
            Some((c, None)) => {
                return Err(self.bad(
                    "class",
                    format!("expected \"dataset\", found {}", type_of(c)),
                ));
            }
            None => return Err(self.bad(
                "class",
                "missing: not a JSON-stat 2.0 dataset (JSON-stat 1.x bundles are not supported)",
            )),
        }
        if let Some(v) = obj.get("version") {
            if !v.as_str().is_some_and(|s| s.starts_with("2.")) {
                return Err(self.bad(
                    "version",
                    format!("only JSON-stat 2.x is supported, not {v}"),
                ));
            }
        }
        Ok(obj)
    }

    pub(super) fn read(&self, root: &Value) -> Result<Dataset> {
        let obj = self.dataset_object(root)?;
        let ids = self.ids(obj)?;
        let size = self.size(obj, ids.len())?;
        let dimension = obj
            .get("dimension")
            .and_then(Value::as_object)
            .ok_or_else(|| self.bad("dimension", "missing or not an object"))?;
        let dims = ids
            .iter()
            .zip(&size)
            .map(|(id, n)| self.dim(dimension, id, *n))
            .collect::<Result<Vec<_>>>()?;
        let role = match obj.get("role") {
            None => None,
            Some(Value::Object(r)) => Some(r),
            Some(other) => {
                return Err(self.bad(
                    "role",
                    format!("expected an object, found {}", type_of(other)),
                ));
            }
        };
        let time = self.time_dimension(role, &ids)?;
        let metric = self.metric_dimensions(role, &ids, &dims)?;
        let time_dim = dims
            .get(time)
            .ok_or_else(|| self.bad("role.time", "no such dimension"))?;
        let periods = time_dim
            .categories
            .iter()
            .map(|c| {
                parse_period(c)
                    .map_err(|e| self.at(&format!("dimension.{}.category.index", time_dim.id), e))
            })
            .collect::<Result<Vec<_>>>()?;

        let total = size
            .iter()
            .try_fold(1usize, |acc, n| acc.checked_mul(*n))
            .ok_or_else(|| self.bad("size", "the cube is too large"))?;
        let strides = row_major_strides(&size);
        let cells = self.values(obj, total, &size)?;
        let statuses = self.statuses(obj, total)?;

        // Group the values by series: the index with the time coordinate taken out.
        let time_stride = strides.get(time).copied().unwrap_or(1).max(1);
        let time_size = size.get(time).copied().unwrap_or(1).max(1);
        let combos = group_by_series(cells, time_stride, time_size);
        let coords_of = |index: usize| -> Vec<usize> {
            size.iter()
                .zip(&strides)
                .enumerate()
                .filter(|(i, _)| *i != time)
                .map(|(_, (n, s))| (index / (*s).max(1)) % (*n).max(1))
                .collect()
        };
        let non_time: Vec<&Dim> = dims
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != time)
            .map(|(_, d)| d)
            .collect();
        let series_id = |coords: &[usize]| -> String {
            if non_time.is_empty() {
                return "series".to_string();
            }
            non_time
                .iter()
                .zip(coords)
                .map(|(d, c)| d.categories.get(*c).map_or("", String::as_str))
                .collect::<Vec<_>>()
                .join(".")
        };

        let ext = self.extension(obj)?;
        let sources = match &ext.sources {
            Some(sources) => sources.clone(),
            None => self
                .top_source(obj, &periods, &combos)?
                .into_iter()
                .collect(),
        };
        let default_source = match &ext.sources {
            Some(_) => None,
            None => sources.first().map(|s| s.id.clone()),
        };

        // The series, in the extension's order when it lists them, else the cube's.
        let mut order: Vec<Planned<'_>> = Vec::new();
        let by_id: HashMap<String, &[Cell]> = combos
            .values()
            .filter_map(|cells| {
                let (index, _, _) = cells.first()?;
                Some((series_id(&coords_of(*index)), cells.as_slice()))
            })
            .collect();
        let mut listed: BTreeSet<String> = BTreeSet::new();
        if let Some(list) = &ext.series {
            for (i, es) in list.iter().enumerate() {
                if !listed.insert(es.id.clone()) {
                    return Err(self.bad(
                        &format!("extension.indstat.series[{i}]"),
                        format!("series `{}` is listed twice", es.id),
                    ));
                }
                let (coords, cells) = match by_id.get(&es.id) {
                    Some(cells) => {
                        let index = cells.first().map_or(0, |c| c.0);
                        (coords_of(index), *cells)
                    }
                    None => {
                        let coords = self.resolve(&es.id, &non_time).ok_or_else(|| {
                            self.bad(
                                &format!("extension.indstat.series[{i}]"),
                                format!(
                                    "series `{}` is not a combination of the dataset's categories",
                                    es.id
                                ),
                            )
                        })?;
                        (coords, &[][..])
                    }
                };
                order.push(Planned {
                    id: es.id.clone(),
                    coords,
                    ext: Some(es),
                    cells,
                });
            }
        }
        for cells in combos.values() {
            let Some((index, _, _)) = cells.first() else {
                continue;
            };
            let coords = coords_of(*index);
            let id = series_id(&coords);
            if !listed.contains(&id) {
                order.push(Planned {
                    id,
                    coords,
                    ext: None,
                    cells: cells.as_slice(),
                });
            }
        }

        let mut data = Dataset::new();
        for (i, source) in sources.into_iter().enumerate() {
            data.insert_source(source)
                .map_err(|e| self.at(&format!("extension.indstat.sources[{i}]"), e))?;
        }
        let time_key = format!("dimension.{}.category.index", time_dim.id);
        for planned in &order {
            let series = self.series(SeriesInput {
                id: &planned.id,
                coords: &planned.coords,
                ext_series: planned.ext,
                cells: planned.cells,
                non_time: &non_time,
                metric: &metric,
                dims: &dims,
                time,
                periods: &periods,
                statuses: &statuses,
                ext: &ext,
                data: &data,
                default_source: default_source.as_deref(),
                time_key: &time_key,
                label: obj.get("label").and_then(Value::as_str),
            })?;
            data.insert_series(series)
                .map_err(|e| self.at("dimension", e))?;
        }
        for id in ext.observations.keys() {
            if data.series(id).is_none() {
                return Err(self.bad(
                    &format!("extension.indstat.observations.{id}"),
                    format!("series `{id}` has no values and is not listed"),
                ));
            }
        }
        Ok(data)
    }

    pub(super) fn ids(&self, obj: &Map<String, Value>) -> Result<Vec<String>> {
        let list = obj
            .get("id")
            .and_then(Value::as_array)
            .ok_or_else(|| self.bad("id", "missing or not an array of dimension ids"))?;
        let mut ids: Vec<String> = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            let id = self.string(v, &format!("id[{i}]"))?;
            if ids.iter().any(|d| d == id) {
                return Err(self.bad(
                    &format!("id[{i}]"),
                    format!("dimension `{id}` is given twice"),
                ));
            }
            ids.push(id.to_string());
        }
        Ok(ids)
    }

    pub(super) fn size(&self, obj: &Map<String, Value>, dims: usize) -> Result<Vec<usize>> {
        let list = obj
            .get("size")
            .and_then(Value::as_array)
            .ok_or_else(|| self.bad("size", "missing or not an array of numbers"))?;
        if list.len() != dims {
            return Err(self.bad(
                "size",
                format!("has {} entries but `id` has {dims}", list.len()),
            ));
        }
        list.iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or_else(|| {
                        self.bad(
                            &format!("size[{i}]"),
                            format!("expected a count of categories, found {v}"),
                        )
                    })
            })
            .collect()
    }

    pub(super) fn dim(&self, dimension: &Map<String, Value>, id: &str, size: usize) -> Result<Dim> {
        let key = format!("dimension.{id}");
        let d = dimension
            .get(id)
            .and_then(Value::as_object)
            .ok_or_else(|| self.bad(&key, "missing or not an object"))?;
        let ckey = format!("{key}.category");
        let cat = d
            .get("category")
            .and_then(Value::as_object)
            .ok_or_else(|| self.bad(&ckey, "missing or not an object"))?;
        let ikey = format!("{ckey}.index");
        let label = match cat.get("label") {
            None => None,
            Some(Value::Object(m)) => Some(m),
            Some(other) => {
                return Err(self.bad(
                    &format!("{ckey}.label"),
                    format!("expected an object, found {}", type_of(other)),
                ));
            }
        };
        let categories: Vec<String> =
            match cat.get("index") {
                Some(Value::Array(list)) => list
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.string(v, &format!("{ikey}[{i}]")).map(str::to_string))
                    .collect::<Result<_>>()?,
                Some(Value::Object(map)) => {
                    let mut slots: Vec<Option<String>> = vec![None; map.len()];
                    for (cid, pos) in map {
                        let slot = pos
                            .as_u64()
                            .and_then(|p| usize::try_from(p).ok())
                            .and_then(|p| slots.get_mut(p))
                            .ok_or_else(|| {
                                self.bad(
                                    &format!("{ikey}.{cid}"),
                                    format!(
                                        "expected a position from 0 to {}, found {pos}",
                                        map.len().saturating_sub(1)
                                    ),
                                )
                            })?;
                        if slot.is_some() {
                            return Err(self.bad(
                                &format!("{ikey}.{cid}"),
                                format!("position {pos} is given to two categories"),
                            ));
                        }
                        *slot = Some(cid.clone());
                    }
                    slots.into_iter().flatten().collect()
                }
                Some(other) => {
                    return Err(self.bad(
                        &ikey,
                        format!("expected an array or an object, found {}", type_of(other)),
                    ));
                }
                None => match label {
                    Some(m) if m.len() == 1 => m.keys().cloned().collect(),
                    _ => return Err(self.bad(
                        &ikey,
                        "missing (it may be left out only when `label` names a single category)",
                    )),
                },
            };
        let mut seen = BTreeSet::new();
        for c in &categories {
            if !seen.insert(c.as_str()) {
                return Err(self.bad(&ikey, format!("category `{c}` is given twice")));
            }
        }
        if categories.len() != size {
            return Err(self.bad(
                &ikey,
                format!(
                    "has {} categories but `size` gives {size}",
                    categories.len()
                ),
            ));
        }
        let labels = categories
            .iter()
            .map(|c| match label.and_then(|m| m.get(c)) {
                None => Ok(None),
                Some(v) => self
                    .string(v, &format!("{ckey}.label.{c}"))
                    .map(|s| Some(s.to_string())),
            })
            .collect::<Result<Vec<_>>>()?;
        let units = match cat.get("unit") {
            None => categories.iter().map(|_| None).collect(),
            Some(Value::Object(m)) => categories
                .iter()
                .map(|c| match m.get(c) {
                    None => Ok(None),
                    Some(u) => self.unit(u, &format!("{ckey}.unit.{c}")).map(Some),
                })
                .collect::<Result<Vec<_>>>()?,
            Some(other) => {
                return Err(self.bad(
                    &format!("{ckey}.unit"),
                    format!("expected an object, found {}", type_of(other)),
                ));
            }
        };
        Ok(Dim {
            id: id.to_string(),
            categories,
            labels,
            units,
        })
    }

    pub(super) fn unit(&self, v: &Value, key: &str) -> Result<UnitSpec> {
        let u = v
            .as_object()
            .ok_or_else(|| self.bad(key, format!("expected an object, found {}", type_of(v))))?;
        let unit = match u.get("label") {
            None => Unit::number(),
            Some(label) => self
                .string(label, &format!("{key}.label"))?
                .parse::<Unit>()
                .map_err(|e| self.at(&format!("{key}.label"), e))?,
        };
        let decimals = match u.get("decimals") {
            None | Some(Value::Null) => None,
            Some(d) => Some(
                d.as_u64()
                    .map(|n| n.to_string())
                    .ok_or_else(|| {
                        Error::parse(
                            "decimals",
                            d.to_string(),
                            "expected a whole number of decimals",
                        )
                    })
                    .and_then(|t| parse_decimals(&t))
                    .map_err(|e| self.at(&format!("{key}.decimals"), e))?,
            ),
        };
        Ok(UnitSpec { unit, decimals })
    }

    pub(super) fn role_list<'v>(
        &self,
        role: Option<&'v Map<String, Value>>,
        which: &str,
    ) -> Result<Option<Vec<&'v str>>> {
        let key = format!("role.{which}");
        match role.and_then(|r| r.get(which)) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(list)) => list
                .iter()
                .enumerate()
                .map(|(i, v)| self.string(v, &format!("{key}[{i}]")))
                .collect::<Result<Vec<_>>>()
                .map(Some),
            Some(other) => {
                Err(self.bad(&key, format!("expected an array, found {}", type_of(other))))
            }
        }
    }

    pub(super) fn time_dimension(
        &self,
        role: Option<&Map<String, Value>>,
        ids: &[String],
    ) -> Result<usize> {
        match self.role_list(role, "time")? {
            Some(list) => match list.as_slice() {
                [one] => ids.iter().position(|id| id == one).ok_or_else(|| {
                    self.bad("role.time", format!("`{one}` is not a dimension of `id`"))
                }),
                [] => Err(self.bad("role.time", "empty: name the time dimension")),
                _ => Err(self.bad(
                    "role.time",
                    "more than one time dimension: a series has one time axis",
                )),
            },
            None => ids
                .iter()
                .position(|id| TIME_NAMES.iter().any(|t| id.eq_ignore_ascii_case(t)))
                .ok_or_else(|| {
                    self.bad(
                        "role.time",
                        "no time dimension: give role.time, or call the dimension time, TIME_PERIOD or year",
                    )
                }),
        }
    }

    pub(super) fn metric_dimensions(
        &self,
        role: Option<&Map<String, Value>>,
        ids: &[String],
        dims: &[Dim],
    ) -> Result<Vec<usize>> {
        match self.role_list(role, "metric")? {
            Some(list) => list
                .iter()
                .map(|m| {
                    ids.iter().position(|id| id == m).ok_or_else(|| {
                        self.bad("role.metric", format!("`{m}` is not a dimension of `id`"))
                    })
                })
                .collect(),
            None => Ok(dims
                .iter()
                .enumerate()
                .filter(|(_, d)| d.units.iter().any(Option::is_some))
                .map(|(i, _)| i)
                .collect()),
        }
    }

    /// The non-null values with their index.
    pub(super) fn values(
        &self,
        obj: &Map<String, Value>,
        total: usize,
        size: &[usize],
    ) -> Result<Vec<(usize, Decimal)>> {
        let dims = size
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(" × ");
        let mut cells = Vec::new();
        match obj.get("value") {
            Some(Value::Array(list)) => {
                if list.len() != total {
                    return Err(self.bad(
                        "value",
                        format!(
                            "has {} but `size` gives {total} ({dims})",
                            count(list.len(), "value")
                        ),
                    ));
                }
                for (i, v) in list.iter().enumerate() {
                    let written = self.written.by_position.get(i).copied().flatten();
                    if let Some(d) = self.cell(v, written, || format!("value[{i}]"))? {
                        cells.push((i, d));
                    }
                }
            }
            Some(Value::Object(map)) => {
                for (k, v) in map {
                    let key = format!("value.{k}");
                    let i = k
                        .parse::<usize>()
                        .ok()
                        .filter(|i| *i < total)
                        .ok_or_else(|| {
                            self.bad(
                                &key,
                                format!(
                                    "expected an index from 0 to {} ({dims})",
                                    total.saturating_sub(1)
                                ),
                            )
                        })?;
                    let written = self.written.by_key.get(k).copied();
                    if let Some(d) = self.cell(v, written, || key.clone())? {
                        cells.push((i, d));
                    }
                }
                cells.sort_by_key(|(i, _)| *i);
            }
            Some(other) => {
                return Err(self.bad(
                    "value",
                    format!("expected an array or an object, found {}", type_of(other)),
                ));
            }
            None => return Err(self.bad("value", "missing")),
        }
        Ok(cells)
    }

    /// A cell's value; `written` is the number's text in the document, when known, so that
    /// its digits are read as written. `key` names the cell in errors (built only then).
    pub(super) fn cell(
        &self,
        v: &Value,
        written: Option<&str>,
        key: impl Fn() -> String,
    ) -> Result<Option<Decimal>> {
        match v {
            Value::Null => Ok(None),
            Value::Number(n) => {
                let exact = match written {
                    Some(text) => decimal_of_text(text),
                    None => decimal_of_number(n),
                };
                let shown = written.map_or_else(|| n.to_string(), str::to_string);
                exact.map(Some).ok_or_else(|| {
                    self.bad(
                        &key(),
                        format!("the number {shown} does not fit in a Decimal (at most 28 significant digits, about 7.9e28)"),
                    )
                })
            }
            Value::String(s) if is_missing(s) => Ok(None),
            Value::String(s) => parse_value(s, false)
                .map(Some)
                .map_err(|e| self.at(&key(), e)),
            other => Err(self.bad(
                &key(),
                format!("expected a number or null, found {}", type_of(other)),
            )),
        }
    }

    pub(super) fn statuses<'v>(
        &self,
        obj: &'v Map<String, Value>,
        total: usize,
    ) -> Result<Statuses<'v>> {
        let check = |v: &Value, key: &str| -> Result<()> {
            match v {
                Value::Null | Value::String(_) => Ok(()),
                other => Err(self.bad(
                    key,
                    format!("expected a string or null, found {}", type_of(other)),
                )),
            }
        };
        match obj.get("status") {
            None | Some(Value::Null) => Ok(Statuses::None),
            Some(Value::String(s)) => Ok(Statuses::All(s)),
            Some(Value::Array(list)) => {
                if list.len() != total && list.len() != 1 {
                    return Err(self.bad(
                        "status",
                        format!("has {} entries but there are {total} values", list.len()),
                    ));
                }
                for (i, v) in list.iter().enumerate() {
                    check(v, &format!("status[{i}]"))?;
                }
                Ok(Statuses::List(list))
            }
            Some(Value::Object(map)) => {
                for (k, v) in map {
                    let key = format!("status.{k}");
                    if !k.parse::<usize>().is_ok_and(|i| i < total) {
                        return Err(self.bad(
                            &key,
                            format!("expected an index from 0 to {}", total.saturating_sub(1)),
                        ));
                    }
                    check(v, &key)?;
                }
                Ok(Statuses::Sparse(map))
            }
            Some(other) => Err(self.bad(
                "status",
                format!(
                    "expected a string, an array or an object, found {}",
                    type_of(other)
                ),
            )),
        }
    }

    /// The source made from the top-level `source`, `label` and `updated`.
    pub(super) fn top_source(
        &self,
        obj: &Map<String, Value>,
        periods: &[Period],
        combos: &BTreeMap<usize, Vec<Cell>>,
    ) -> Result<Option<Source>> {
        let Some(v) = obj.get("source") else {
            return Ok(None);
        };
        let publisher = self.string(v, "source")?;
        let title = match obj.get("label") {
            Some(l) => self.string(l, "label")?,
            None => publisher,
        };
        let released = match obj.get("updated") {
            Some(u) => {
                parse_release(self.string(u, "updated")?).map_err(|e| self.at("updated", e))?
            }
            None => {
                let with_value = combos
                    .values()
                    .flatten()
                    .filter_map(|(_, t, _)| periods.get(*t))
                    .map(|p| p.calendar_year())
                    .max();
                let year = with_value
                    .or_else(|| periods.iter().map(|p| p.calendar_year()).max())
                    .ok_or_else(|| {
                        self.bad(
                            "updated",
                            "missing, and there is no period to date the source by",
                        )
                    })?;
                ReleaseDate::year(year)?
            }
        };
        Ok(Some(Source::new(SOURCE_ID, publisher, title, released)))
    }

    /// The category coordinates of a series id, for a series listed without values.
    pub(super) fn resolve(&self, id: &str, non_time: &[&Dim]) -> Option<Vec<usize>> {
        match non_time {
            [] => (id == "series").then(Vec::new),
            [one] => one.categories.iter().position(|c| c == id).map(|i| vec![i]),
            _ => {
                let parts: Vec<&str> = id.split('.').collect();
                if parts.len() != non_time.len() {
                    return None;
                }
                non_time
                    .iter()
                    .zip(parts)
                    .map(|(d, p)| d.categories.iter().position(|c| c == p))
                    .collect()
            }
        }
    }

    pub(super) fn extension(&self, obj: &Map<String, Value>) -> Result<Ext> {
        let mut ext = Ext::default();
        let Some(indstat) = obj.get("extension").and_then(|e| e.get("indstat")) else {
            return Ok(ext);
        };
        let base = "extension.indstat";
        let indstat = indstat
            .as_object()
            .ok_or_else(|| self.bad(base, "expected an object"))?;
        if let Some(v) = indstat.get("sources") {
            let list = v
                .as_array()
                .ok_or_else(|| self.bad(&format!("{base}.sources"), "expected an array"))?;
            let sources = list
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    Source::deserialize(s)
                        .map_err(|e| self.bad(&format!("{base}.sources[{i}]"), e.to_string()))
                })
                .collect::<Result<Vec<_>>>()?;
            ext.sources = Some(sources);
        }
        if let Some(v) = indstat.get("series") {
            let list = v
                .as_array()
                .ok_or_else(|| self.bad(&format!("{base}.series"), "expected an array"))?;
            let series = list
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    ExtSeries::deserialize(s)
                        .map_err(|e| self.bad(&format!("{base}.series[{i}]"), e.to_string()))
                })
                .collect::<Result<Vec<_>>>()?;
            ext.series = Some(series);
        }
        if let Some(v) = indstat.get("observations") {
            let key = format!("{base}.observations");
            let by_series = v
                .as_object()
                .ok_or_else(|| self.bad(&key, "expected an object"))?;
            for (id, periods) in by_series {
                let key = format!("{key}.{id}");
                let periods = periods
                    .as_object()
                    .ok_or_else(|| self.bad(&key, "expected an object of periods"))?;
                let mut details = HashMap::new();
                for (period, o) in periods {
                    let key = format!("{key}.{period}");
                    let p = parse_period(period).map_err(|e| self.at(&key, e))?;
                    details.insert(p, self.ext_observation(o, &key)?);
                }
                ext.observations.insert(id.clone(), details);
            }
        }
        Ok(ext)
    }

    pub(super) fn ext_observation(&self, v: &Value, key: &str) -> Result<ExtObservation> {
        let o = v
            .as_object()
            .ok_or_else(|| self.bad(key, "expected an object"))?;
        let text = |field: &str| -> Result<Option<String>> {
            match o.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => self
                    .string(v, &format!("{key}.{field}"))
                    .map(|s| Some(s.to_string())),
            }
        };
        let mut ext = ExtObservation {
            source: text("source")?,
            locator: text("locator")?,
            note: text("note")?,
            ..ExtObservation::default()
        };
        if let Some(q) = text("qualifier")? {
            ext.qualifier = Some(
                q.parse()
                    .map_err(|e| self.at(&format!("{key}.qualifier"), e))?,
            );
        }
        if let Some(r) = text("rounding")? {
            ext.rounding = Some(
                r.parse()
                    .map_err(|e| self.at(&format!("{key}.rounding"), e))?,
            );
        }
        match o.get("precision") {
            None => {}
            Some(Value::Null) => ext.precision = Some(None),
            Some(p) => {
                let pkey = format!("{key}.precision");
                let exponent = |field: &str| -> Result<i32> {
                    p.get(field)
                        .and_then(Value::as_i64)
                        .and_then(|n| i32::try_from(n).ok())
                        .filter(|n| n.abs() <= 28)
                        .ok_or_else(|| {
                            self.bad(&pkey, format!("expected {{\"written\": n, \"significant\": n}} with whole numbers from -28 to 28 (`{field}`)"))
                        })
                };
                ext.precision = Some(Some(Precision {
                    written: exponent("written")?,
                    significant: exponent("significant")?,
                }));
            }
        }
        Ok(ext)
    }

    pub(super) fn series(&self, input: SeriesInput<'_>) -> Result<Series> {
        let SeriesInput {
            id,
            coords,
            ext_series,
            cells,
            non_time,
            metric,
            dims,
            time,
            periods,
            statuses,
            ext,
            data,
            default_source,
            time_key,
            label,
        } = input;
        let in_series = |key: &str, e: Error| self.at(key, e.context(format!("series `{id}`")));
        if id.is_empty() || id.contains(char::is_whitespace) {
            return Err(self.bad(
                "dimension",
                format!(
                    "the series id `{id}` (category ids joined with dots) is empty or has a space"
                ),
            ));
        }
        // The unit: the first metric dimension whose category has one.
        let coord_of = |dim: usize| -> Option<usize> {
            let pos = if dim > time { dim - 1 } else { dim };
            (dim != time).then(|| coords.get(pos).copied()).flatten()
        };
        let spec = metric.iter().find_map(|m| {
            let c = coord_of(*m)?;
            dims.get(*m)?.units.get(c)?.as_ref()
        });
        let unit = spec.map_or_else(Unit::number, |s| s.unit.clone());
        let decimals = spec.and_then(|s| s.decimals);
        let name = if non_time.is_empty() {
            label.unwrap_or(id).to_string()
        } else {
            non_time
                .iter()
                .zip(coords)
                .map(|(d, c)| {
                    d.labels
                        .get(*c)
                        .cloned()
                        .flatten()
                        .or_else(|| d.categories.get(*c).cloned())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let frequency = match ext_series.and_then(|e| e.frequency) {
            Some(f) => f,
            None => {
                let first = cells.first().and_then(|(_, t, _)| periods.get(*t)).copied();
                let uniform = periods
                    .first()
                    .map(|p| p.frequency())
                    .filter(|f| periods.iter().all(|p| p.frequency() == *f));
                first.map(Period::frequency).or(uniform).ok_or_else(|| {
                    in_series(
                        time_key,
                        Error::invalid("cannot tell its frequency: it has no value"),
                    )
                })?
            }
        };
        let kind = ext_series
            .and_then(|e| e.kind)
            .unwrap_or_else(|| default_kind(&unit));
        let source = match ext_series {
            Some(es) => es.source.clone(),
            None => default_source.map(str::to_string),
        };
        if let Some(s) = &source {
            if data.source(s).is_none() {
                return Err(in_series(
                    "extension.indstat.series",
                    Error::not_found("source", s),
                ));
            }
        }
        let mut meta = SeriesMeta::new(id, unit, frequency, kind).with_name(name);
        meta.source = source;
        meta.note = ext_series.and_then(|e| e.note.clone());
        let mut series = Series::new(meta);
        // Widen the span once: a time dimension listed in descending order would otherwise
        // move the stored values once per cell.
        let valued = || {
            cells
                .iter()
                .filter_map(|(_, t, _)| periods.get(*t).copied())
                .filter(|p| p.frequency() == frequency)
        };
        if let (Some(first), Some(last)) = (valued().min(), valued().max()) {
            series
                .cover(first, last)
                .map_err(|e| in_series(time_key, e))?;
        }
        let details = ext.observations.get(id);
        for (index, t, value) in cells {
            let Some(period) = periods.get(*t).copied() else {
                continue;
            };
            period
                .expect_frequency(frequency)
                .map_err(|e| in_series(time_key, e))?;
            let mut o = Observation::new(*value);
            o.precision = Some(read_precision(*value, decimals));
            o.status = nonempty(statuses.get(*index));
            if let Some(d) = details.and_then(|d| d.get(&period)) {
                let key = format!(
                    "extension.indstat.observations.{id}.{}",
                    format_period(period)
                );
                if let Some(s) = &d.source {
                    if data.source(s).is_none() {
                        return Err(self.at(&key, Error::not_found("source", s)));
                    }
                    o.source = Some(s.clone());
                }
                if let Some(q) = d.qualifier {
                    o.qualifier = q;
                }
                if let Some(r) = d.rounding {
                    o.rounding = r;
                }
                if let Some(p) = d.precision {
                    o.precision = p;
                }
                if d.locator.is_some() {
                    o.locator.clone_from(&d.locator);
                }
                if d.note.is_some() {
                    o.note.clone_from(&d.note);
                }
            }
            series
                .insert_observation(period, o)
                .map_err(|e| self.at(time_key, e))?;
        }
        if let Some(d) = details {
            if let Some(p) = d.keys().find(|p| series.value_at(**p).is_none()) {
                return Err(self.bad(
                    &format!("extension.indstat.observations.{id}.{}", format_period(*p)),
                    "details for a period that has no value",
                ));
            }
        }
        Ok(series)
    }
}

/// A value of the cube: its index in `value`, the position of its period in the time
/// dimension, and the value.
pub(super) type Cell = (usize, usize, Decimal);

/// A series to build: its id, its categories' positions, what the extension says of it, and
/// its values.
pub(super) struct Planned<'a> {
    id: String,
    coords: Vec<usize>,
    ext: Option<&'a ExtSeries>,
    cells: &'a [Cell],
}

/// `extension.indstat`, read.
#[derive(Default)]
pub(super) struct Ext {
    sources: Option<Vec<Source>>,
    series: Option<Vec<ExtSeries>>,
    observations: HashMap<String, HashMap<Period, ExtObservation>>,
}

/// Everything needed to build one series.
pub(super) struct SeriesInput<'a> {
    id: &'a str,
    coords: &'a [usize],
    ext_series: Option<&'a ExtSeries>,
    cells: &'a [Cell],
    non_time: &'a [&'a Dim],
    metric: &'a [usize],
    dims: &'a [Dim],
    time: usize,
    periods: &'a [Period],
    statuses: &'a Statuses<'a>,
    ext: &'a Ext,
    data: &'a Dataset,
    default_source: Option<&'a str>,
    time_key: &'a str,
    label: Option<&'a str>,
}

/// The stride of each dimension of a row-major cube (the last dimension varies fastest).
fn row_major_strides(size: &[usize]) -> Vec<usize> {
    let mut strides = vec![1usize; size.len()];
    for i in (0..size.len().saturating_sub(1)).rev() {
        let next = strides.get(i + 1).copied().unwrap_or(1);
        let n = size.get(i + 1).copied().unwrap_or(1);
        if let Some(s) = strides.get_mut(i) {
            *s = next.saturating_mul(n);
        }
    }
    strides
}

/// The cells grouped by series: each cell's index with the time coordinate taken out, and
/// its time coordinate.
fn group_by_series(
    cells: Vec<(usize, Decimal)>,
    time_stride: usize,
    time_size: usize,
) -> BTreeMap<usize, Vec<Cell>> {
    let mut combos: BTreeMap<usize, Vec<Cell>> = BTreeMap::new();
    for (index, value) in cells {
        let t = (index / time_stride) % time_size;
        let combo =
            (index / time_stride.saturating_mul(time_size)) * time_stride + index % time_stride;
        combos.entry(combo).or_default().push((index, t, value));
    }
    combos
}
