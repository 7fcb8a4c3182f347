//! The series of a document: which the cube and the extension hold and in which order, and
//! each one built from its values and what the extension says of it.

use super::cube::{Cell, Cube};
use super::extension::{Ext, ExtSeries, details_key};
use super::*;

/// A series to build: its id, its categories' positions, what the extension says of it, and
/// its values.
pub(super) struct Planned<'a> {
    /// Its id: its categories' ids joined with dots.
    id: String,
    /// The positions of its categories in the dimensions other than time.
    coords: Vec<usize>,
    /// Its entry in `extension.indstat.series`, if it has one.
    ext: Option<&'a ExtSeries>,
    /// Its values (none for a series the extension lists without values).
    cells: &'a [Cell],
}

/// Everything needed to build one series.
pub(super) struct SeriesInput<'a> {
    /// The series: its id, its categories' positions, its extension entry and its values.
    pub(super) planned: &'a Planned<'a>,
    /// The cube it is part of.
    pub(super) cube: &'a Cube<'a>,
    /// `extension.indstat`, with the details of observations.
    pub(super) ext: &'a Ext,
    /// The dataset so far, whose sources the series and its observations may cite.
    pub(super) data: &'a Dataset,
    /// The source the series cites when the extension does not list it.
    pub(super) default_source: Option<&'a str>,
    /// The document's `label`: the name of the series of a cube with only a time dimension.
    pub(super) label: Option<&'a str>,
}

impl Doc<'_> {
    /// The series to build: those `extension.indstat.series` lists, in its order, then the
    /// cube's other series with values, in the cube's order.
    pub(super) fn plan<'p>(
        &self,
        cube: &Cube<'_>,
        ext: &'p Ext,
        by_series: &'p BTreeMap<usize, Vec<Cell>>,
    ) -> Result<Vec<Planned<'p>>> {
        // Each series with values: its categories' positions, its id and its values.
        let valued: Vec<(Vec<usize>, String, &[Cell])> = by_series
            .values()
            .filter_map(|cells| {
                let (index, _, _) = cells.first()?;
                let coords = cube.coords_of(*index);
                let id = cube.series_id(&coords);
                Some((coords, id, cells.as_slice()))
            })
            .collect();
        let by_id: HashMap<&str, &[Cell]> = valued
            .iter()
            .map(|(_, id, cells)| (id.as_str(), *cells))
            .collect();
        let mut order: Vec<Planned<'p>> = Vec::new();
        let mut listed: BTreeSet<String> = BTreeSet::new();
        if let Some(list) = &ext.series {
            for (i, es) in list.iter().enumerate() {
                if !listed.insert(es.id.clone()) {
                    return Err(self.bad(
                        &format!("extension.indstat.series[{i}]"),
                        format!("series `{}` is listed twice", es.id),
                    ));
                }
                let (coords, cells) = match by_id.get(es.id.as_str()) {
                    Some(cells) => {
                        let index = cells.first().map_or(0, |c| c.0);
                        (cube.coords_of(index), *cells)
                    }
                    None => {
                        let coords = cube.coords_of_series(&es.id).ok_or_else(|| {
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
        for (coords, id, cells) in valued {
            if !listed.contains(&id) {
                order.push(Planned {
                    id,
                    coords,
                    ext: None,
                    cells,
                });
            }
        }
        Ok(order)
    }

    /// Builds one series: its metadata from the cube and the extension, then its values with
    /// their statuses and the details the extension gives them.
    pub(super) fn series(&self, input: SeriesInput<'_>) -> Result<Series> {
        let SeriesInput {
            planned,
            cube,
            ext,
            data,
            default_source,
            label,
        } = input;
        let id = planned.id.as_str();
        if id.is_empty() || id.contains(char::is_whitespace) {
            return Err(self.bad(
                "dimension",
                format!(
                    "the series id `{id}` (category ids joined with dots) is empty or has a space"
                ),
            ));
        }
        let spec = cube.unit_of(&planned.coords);
        let unit = spec.map_or_else(Unit::number, |s| s.unit.clone());
        let decimals = spec.and_then(|s| s.decimals);
        let name = cube.series_name(&planned.coords, label.unwrap_or(id));
        let frequency = self.frequency(planned, cube)?;
        let kind = planned
            .ext
            .and_then(|e| e.kind)
            .unwrap_or_else(|| default_kind(&unit));
        let source = self.series_source(planned, data, default_source)?;
        let mut meta = SeriesMeta::new(id, unit, frequency, kind).with_name(name);
        meta.source = source;
        meta.note = planned.ext.and_then(|e| e.note.clone());
        let mut series = Series::new(meta);
        self.cover_values(&mut series, planned, cube, frequency)?;
        let details = ext.observations.get(id);
        for (index, t, value) in planned.cells {
            let Some(period) = cube.periods.get(*t).copied() else {
                continue;
            };
            period
                .expect_frequency(frequency)
                .map_err(|e| self.in_series(id, &cube.time_key, e))?;
            let mut o = Observation::new(*value);
            o.precision = Some(read_precision(*value, decimals));
            o.status = nonempty(cube.statuses.get(*index));
            if let Some(d) = details.and_then(|d| d.get(&period)) {
                self.add_details(&mut o, d, &details_key(id, period), data)?;
            }
            series
                .insert_observation(period, o)
                .map_err(|e| self.at(&cube.time_key, e))?;
        }
        if let Some(d) = details {
            if let Some(p) = d.keys().find(|p| series.value_at(**p).is_none()) {
                return Err(self.bad(
                    &details_key(id, *p),
                    "details for a period that has no value",
                ));
            }
        }
        Ok(series)
    }

    /// An error about series `id`, at `key`.
    fn in_series(&self, id: &str, key: &str, e: Error) -> Error {
        self.at(key, e.context(format!("series `{id}`")))
    }

    /// The frequency of a series: the extension's, else that of its first value's period,
    /// else that of every period of the time dimension when they share one.
    fn frequency(&self, planned: &Planned<'_>, cube: &Cube<'_>) -> Result<Frequency> {
        if let Some(f) = planned.ext.and_then(|e| e.frequency) {
            return Ok(f);
        }
        let periods = &cube.periods;
        let first = planned
            .cells
            .first()
            .and_then(|(_, t, _)| periods.get(*t))
            .copied();
        let uniform = periods
            .first()
            .map(|p| p.frequency())
            .filter(|f| periods.iter().all(|p| p.frequency() == *f));
        first.map(Period::frequency).or(uniform).ok_or_else(|| {
            self.in_series(
                &planned.id,
                &cube.time_key,
                Error::invalid("cannot tell its frequency: it has no value"),
            )
        })
    }

    /// The source a series cites: the extension's, else `default_source`; it must be one of
    /// `data`'s.
    fn series_source(
        &self,
        planned: &Planned<'_>,
        data: &Dataset,
        default_source: Option<&str>,
    ) -> Result<Option<String>> {
        let source = match planned.ext {
            Some(es) => es.source.clone(),
            None => default_source.map(str::to_string),
        };
        if let Some(s) = &source {
            if data.source(s).is_none() {
                return Err(self.in_series(
                    &planned.id,
                    "extension.indstat.series",
                    Error::not_found("source", s),
                ));
            }
        }
        Ok(source)
    }

    /// Widens `series` once to the periods of its values in its frequency: a time dimension
    /// listed in descending order would otherwise move the stored values once per cell.
    fn cover_values(
        &self,
        series: &mut Series,
        planned: &Planned<'_>,
        cube: &Cube<'_>,
        frequency: Frequency,
    ) -> Result<()> {
        let valued = || {
            planned
                .cells
                .iter()
                .filter_map(|(_, t, _)| cube.periods.get(*t).copied())
                .filter(|p| p.frequency() == frequency)
        };
        if let (Some(first), Some(last)) = (valued().min(), valued().max()) {
            series
                .cover(first, last)
                .map_err(|e| self.in_series(&planned.id, &cube.time_key, e))?;
        }
        Ok(())
    }
}
