//! The cube: its dimensions and their categories, labels and units, which dimension is time
//! and which give units, its values and their statuses, and where a value sits in it.

use super::*;

/// A dimension as read.
pub(super) struct Dim {
    /// Its id in `id`.
    id: String,
    /// Its categories' ids, in order.
    categories: Vec<String>,
    /// Each category's label, if it has one.
    labels: Vec<Option<String>>,
    /// Each category's unit, if it has one.
    units: Vec<Option<UnitSpec>>,
}

/// A category's `unit`.
pub(super) struct UnitSpec {
    /// Its `label`, read as a unit.
    pub(super) unit: Unit,
    /// Its `decimals`: the precision of the values.
    pub(super) decimals: Option<u32>,
}

/// The statuses of the values.
pub(super) enum Statuses<'a> {
    /// No `status`.
    None,
    /// One status for every value.
    All(&'a str),
    /// A status per value, in the order of `value` (or one for every value).
    List(&'a [Value]),
    /// The statuses of some values, by index.
    Sparse(&'a Map<String, Value>),
}

impl Statuses<'_> {
    /// The status of the value at `index`, if it has one.
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

/// A value of the cube: its index in `value`, the position of its period in the time
/// dimension, and the value.
pub(super) type Cell = (usize, usize, Decimal);

/// The cube as read: its dimensions, which of them is time and which give units, the time
/// dimension's periods, and the statuses of the values.
pub(super) struct Cube<'v> {
    /// The dimensions, in the order of `id`.
    dims: Vec<Dim>,
    /// The number of categories of each dimension.
    size: Vec<usize>,
    /// How far apart in `value` the neighbouring categories of each dimension are.
    strides: Vec<usize>,
    /// The position of the time dimension.
    time: usize,
    /// The positions of the dimensions whose categories give units.
    metric: Vec<usize>,
    /// The time dimension's categories, as periods.
    pub(super) periods: Vec<Period>,
    /// The key of the time dimension's categories, where errors about periods are placed.
    pub(super) time_key: String,
    /// The statuses of the values.
    pub(super) statuses: Statuses<'v>,
}

impl Doc<'_> {
    /// The cube's shape (`id`, `size`, `dimension`, `role`), the periods of its time
    /// dimension and its statuses, with its non-null values and their index.
    pub(super) fn cube<'v>(
        &self,
        obj: &'v Map<String, Value>,
    ) -> Result<(Cube<'v>, Vec<(usize, Decimal)>)> {
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
        let role = self.role(obj)?;
        let time = self.time_dimension(role, &ids)?;
        let metric = self.metric_dimensions(role, &ids, &dims)?;
        let time_dim = dims
            .get(time)
            .ok_or_else(|| self.bad("role.time", "no such dimension"))?;
        let time_key = format!("dimension.{}.category.index", time_dim.id);
        let periods = time_dim
            .categories
            .iter()
            .map(|c| parse_period(c).map_err(|e| self.at(&time_key, e)))
            .collect::<Result<Vec<_>>>()?;
        let total = size
            .iter()
            .try_fold(1usize, |acc, n| acc.checked_mul(*n))
            .ok_or_else(|| self.bad("size", "the cube is too large"))?;
        let strides = row_major_strides(&size);
        let values = self.values(obj, total, &size)?;
        let statuses = self.statuses(obj, total)?;
        let cube = Cube {
            dims,
            size,
            strides,
            time,
            metric,
            periods,
            time_key,
            statuses,
        };
        Ok((cube, values))
    }

    /// `role`, if it is given.
    fn role<'v>(&self, obj: &'v Map<String, Value>) -> Result<Option<&'v Map<String, Value>>> {
        match obj.get("role") {
            None => Ok(None),
            Some(Value::Object(r)) => Ok(Some(r)),
            Some(other) => Err(self.bad(
                "role",
                format!("expected an object, found {}", type_of(other)),
            )),
        }
    }

    /// The dimension ids of `id`, each given once.
    fn ids(&self, obj: &Map<String, Value>) -> Result<Vec<String>> {
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

    /// The number of categories of each dimension (`size`), one per dimension id.
    fn size(&self, obj: &Map<String, Value>, dims: usize) -> Result<Vec<usize>> {
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

    /// Dimension `id` of `dimension`: its categories in order, their labels and units; it
    /// must have `size` categories.
    fn dim(&self, dimension: &Map<String, Value>, id: &str, size: usize) -> Result<Dim> {
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
        let categories = self.category_ids(cat, label, &ikey)?;
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

    /// The category ids of a dimension's `category` (`cat`), in order and each once: from its
    /// `index` (at `ikey`), else from its `label` when that names a single category.
    fn category_ids(
        &self,
        cat: &Map<String, Value>,
        label: Option<&Map<String, Value>>,
        ikey: &str,
    ) -> Result<Vec<String>> {
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
                        ikey,
                        format!("expected an array or an object, found {}", type_of(other)),
                    ));
                }
                None => match label {
                    Some(m) if m.len() == 1 => m.keys().cloned().collect(),
                    _ => return Err(self.bad(
                        ikey,
                        "missing (it may be left out only when `label` names a single category)",
                    )),
                },
            };
        let mut seen = BTreeSet::new();
        for c in &categories {
            if !seen.insert(c.as_str()) {
                return Err(self.bad(ikey, format!("category `{c}` is given twice")));
            }
        }
        Ok(categories)
    }

    /// A category's `unit` at `key`: its `label` read as a unit, and its `decimals`.
    fn unit(&self, v: &Value, key: &str) -> Result<UnitSpec> {
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

    /// The dimension ids `role.{which}` lists, if it is given.
    fn role_list<'v>(
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

    /// The position of the time dimension: the one of `role.time`, else the first with a
    /// name in `TIME_NAMES`.
    fn time_dimension(&self, role: Option<&Map<String, Value>>, ids: &[String]) -> Result<usize> {
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

    /// The positions of the dimensions whose categories give units: those of `role.metric`,
    /// else every dimension with a unit.
    fn metric_dimensions(
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
    fn values(
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
    fn cell(
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

    /// The statuses of the `total` values (`status`), each a string or null.
    fn statuses<'v>(&self, obj: &'v Map<String, Value>, total: usize) -> Result<Statuses<'v>> {
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
}

impl Cube<'_> {
    /// The dimensions other than time, in the order of `id`: those that tell series apart.
    fn non_time(&self) -> impl Iterator<Item = &Dim> {
        self.dims
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != self.time)
            .map(|(_, d)| d)
    }

    /// The values grouped by series, keyed by their index with the time coordinate taken out.
    pub(super) fn group_by_series(
        &self,
        values: Vec<(usize, Decimal)>,
    ) -> BTreeMap<usize, Vec<Cell>> {
        let time_stride = self.strides.get(self.time).copied().unwrap_or(1).max(1);
        let time_size = self.size.get(self.time).copied().unwrap_or(1).max(1);
        let mut by_series: BTreeMap<usize, Vec<Cell>> = BTreeMap::new();
        for (index, value) in values {
            let t = (index / time_stride) % time_size;
            let combo =
                (index / time_stride.saturating_mul(time_size)) * time_stride + index % time_stride;
            by_series.entry(combo).or_default().push((index, t, value));
        }
        by_series
    }

    /// The positions of the categories, in the dimensions other than time, of the value at
    /// `index`: the series' coordinates.
    pub(super) fn coords_of(&self, index: usize) -> Vec<usize> {
        self.size
            .iter()
            .zip(&self.strides)
            .enumerate()
            .filter(|(i, _)| *i != self.time)
            .map(|(_, (n, s))| (index / (*s).max(1)) % (*n).max(1))
            .collect()
    }

    /// The id of the series at `coords`: its categories' ids joined with dots (`series` when
    /// the cube has only a time dimension).
    pub(super) fn series_id(&self, coords: &[usize]) -> String {
        if self.non_time().next().is_none() {
            return "series".to_string();
        }
        self.non_time()
            .zip(coords)
            .map(|(d, c)| d.categories.get(*c).map_or("", String::as_str))
            .collect::<Vec<_>>()
            .join(".")
    }

    /// The coordinates of a series id, for a series listed without values.
    pub(super) fn coords_of_series(&self, id: &str) -> Option<Vec<usize>> {
        let non_time: Vec<&Dim> = self.non_time().collect();
        match non_time.as_slice() {
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

    /// The name of the series at `coords`: its categories' labels (else ids) joined with
    /// commas; `alone` when the cube has only a time dimension.
    pub(super) fn series_name(&self, coords: &[usize], alone: &str) -> String {
        if self.non_time().next().is_none() {
            return alone.to_string();
        }
        self.non_time()
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
    }

    /// The unit of the series at `coords`: that of the first metric dimension whose category
    /// has one.
    pub(super) fn unit_of(&self, coords: &[usize]) -> Option<&UnitSpec> {
        let coord_of = |dim: usize| -> Option<usize> {
            let pos = if dim > self.time { dim - 1 } else { dim };
            (dim != self.time)
                .then(|| coords.get(pos).copied())
                .flatten()
        };
        self.metric.iter().find_map(|m| {
            let c = coord_of(*m)?;
            self.dims.get(*m)?.units.get(c)?.as_ref()
        })
    }
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
