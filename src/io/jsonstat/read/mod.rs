//! Reading JSON-stat 2.0: the document, the cube's shape (dimensions, units, values and
//! statuses, in `cube`), the indstat extension (`extension`), and the series they make
//! (`series`).

use super::*;

mod cube;
mod extension;
mod series;

use cube::{Cell, Cube};
use extension::Ext;
use series::{Planned, SeriesInput};

/// One document being read: where errors are placed.
pub(super) struct Doc<'a> {
    /// The document's name, which every error starts with.
    name: &'a Path,
    /// The texts of the numbers among the values, as written.
    pub(super) written: WrittenNumbers<'a>,
}

/// The dataset's sources, and the one a series cites when the extension does not list it.
struct Sources {
    /// Every source, in order.
    list: Vec<Source>,
    /// The id of the source a series cites when the extension does not list it.
    default: Option<String>,
}

impl<'a> Doc<'a> {
    /// A reader of the document `name`, with no number texts yet.
    pub(super) fn new(name: &'a Path) -> Doc<'a> {
        Doc {
            name,
            written: WrittenNumbers::default(),
        }
    }

    /// An error at `key`.
    fn at(&self, key: &str, e: Error) -> Error {
        e.context(format!("key `{key}`"))
            .context(self.name.display().to_string())
    }

    /// An error at `key`: the document is invalid, for `reason`.
    fn bad(&self, key: &str, reason: impl Into<String>) -> Error {
        self.at(key, Error::invalid(reason))
    }

    /// `v`, the value at `key`, as a string.
    fn string<'v>(&self, v: &'v Value, key: &str) -> Result<&'v str> {
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

    /// Reads the document (`root`) as a dataset: the cube, its values grouped by series, the
    /// extension, the sources, the order of the series, then the dataset.
    pub(super) fn read(&self, root: &Value) -> Result<Dataset> {
        let obj = self.dataset_object(root)?;
        let (cube, values) = self.cube(obj)?;
        let by_series = cube.group_by_series(values);
        let ext = self.extension(obj)?;
        let sources = self.sources(obj, &ext, &cube.periods, &by_series)?;
        let order = self.plan(&cube, &ext, &by_series)?;
        self.dataset(obj, &cube, &ext, sources, &order)
    }

    /// The dataset's sources: the extension's when it lists them, else the one made from the
    /// top-level `source`, which every series then cites.
    fn sources(
        &self,
        obj: &Map<String, Value>,
        ext: &Ext,
        periods: &[Period],
        by_series: &BTreeMap<usize, Vec<Cell>>,
    ) -> Result<Sources> {
        match &ext.sources {
            Some(sources) => Ok(Sources {
                list: sources.clone(),
                default: None,
            }),
            None => {
                let list: Vec<Source> = self
                    .top_source(obj, periods, by_series)?
                    .into_iter()
                    .collect();
                let default = list.first().map(|s| s.id.clone());
                Ok(Sources { list, default })
            }
        }
    }

    /// The source made from the top-level `source`, `label` and `updated`.
    fn top_source(
        &self,
        obj: &Map<String, Value>,
        periods: &[Period],
        by_series: &BTreeMap<usize, Vec<Cell>>,
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
                let with_value = by_series
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

    /// The dataset: the sources, then the series in `order`; every series
    /// `extension.indstat.observations` gives details of must be one of them.
    fn dataset(
        &self,
        obj: &Map<String, Value>,
        cube: &Cube<'_>,
        ext: &Ext,
        sources: Sources,
        order: &[Planned<'_>],
    ) -> Result<Dataset> {
        let mut data = Dataset::new();
        for (i, source) in sources.list.into_iter().enumerate() {
            data.insert_source(source)
                .map_err(|e| self.at(&format!("extension.indstat.sources[{i}]"), e))?;
        }
        let label = obj.get("label").and_then(Value::as_str);
        for planned in order {
            let series = self.series(SeriesInput {
                planned,
                cube,
                ext,
                data: &data,
                default_source: sources.default.as_deref(),
                label,
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
}
