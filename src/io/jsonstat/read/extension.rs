//! `extension.indstat`: what indstat's writer keeps that JSON-stat has no place for (every
//! source, each series' frequency, kind, source and note, and observations' own details).

use super::*;

/// `extension.indstat`, read.
#[derive(Default)]
pub(super) struct Ext {
    /// Every source of the dataset, when listed.
    pub(super) sources: Option<Vec<Source>>,
    /// The series, in order, when listed.
    pub(super) series: Option<Vec<ExtSeries>>,
    /// Observations' own details, by series id and period (sorted: an error names the first).
    pub(super) observations: BTreeMap<String, BTreeMap<Period, ExtObservation>>,
}

/// A series as `extension.indstat` describes it.
#[derive(Deserialize)]
pub(super) struct ExtSeries {
    /// Its id.
    pub(super) id: String,
    /// Its frequency, when the periods do not tell it.
    pub(super) frequency: Option<Frequency>,
    /// Stock, flow or rate.
    pub(super) kind: Option<Kind>,
    /// The id of the source it cites.
    pub(super) source: Option<String>,
    /// Its note.
    pub(super) note: Option<String>,
}

/// What `extension.indstat` says about one observation.
#[derive(Default)]
pub(super) struct ExtObservation {
    /// The id of the source it cites, when not its series'.
    source: Option<String>,
    /// Its qualifier.
    qualifier: Option<Qualifier>,
    /// How it was rounded.
    rounding: Option<Rounding>,
    /// Its precision; `Some(None)`: an exact value.
    precision: Option<Option<Precision>>,
    /// Where in the source it is.
    locator: Option<String>,
    /// Its note.
    note: Option<String>,
}

/// The key of the details of series `id`'s observation of `period`.
pub(super) fn details_key(id: &str, period: Period) -> String {
    format!(
        "extension.indstat.observations.{id}.{}",
        format_period(period)
    )
}

impl Doc<'_> {
    /// `extension.indstat`, when the document has it: its sources, series and observations'
    /// details.
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
                let mut details = BTreeMap::new();
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

    /// What `extension.indstat` says about one observation, at `key`.
    fn ext_observation(&self, v: &Value, key: &str) -> Result<ExtObservation> {
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

    /// Gives `o` what `extension.indstat` says of it (`detail`, at `key`): its own source,
    /// which must be one of `data`'s, its qualifier, rounding, precision, locator and note.
    pub(super) fn add_details(
        &self,
        o: &mut Observation,
        detail: &ExtObservation,
        key: &str,
        data: &Dataset,
    ) -> Result<()> {
        if let Some(s) = &detail.source {
            if data.source(s).is_none() {
                return Err(self.at(key, Error::not_found("source", s)));
            }
            o.source = Some(s.clone());
        }
        if let Some(q) = detail.qualifier {
            o.qualifier = q;
        }
        if let Some(r) = detail.rounding {
            o.rounding = r;
        }
        if let Some(p) = detail.precision {
            o.precision = p;
        }
        if detail.locator.is_some() {
            o.locator.clone_from(&detail.locator);
        }
        if detail.note.is_some() {
            o.note.clone_from(&detail.note);
        }
        Ok(())
    }
}
