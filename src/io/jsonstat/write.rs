//! Writing JSON-stat 2.0: one dataset with a time dimension and a series dimension, and the
//! indstat extension for what the format cannot say.

use super::*;

/// Writes a dataset as a JSON-stat 2.0 dataset.
///
/// The cube has two dimensions: `series` (the metric: one category per series, labelled with
/// its name, with its unit as `{"label": "10 thousand vehicles", "decimals": 1}`) and `time`
/// (every period of any series, in SDMX's forms). Values are numbers (a value a JSON number
/// cannot hold exactly is written as a string of its digits), gaps `null`; statuses kept in
/// notes (`status: P`) are the `status` object. With one source, `source`, `label` and
/// `updated` are its publisher, title and release date.
///
/// `extension.indstat` keeps the rest, so that [`read()`] gives the same dataset back: every
/// source in full; each series' frequency, kind, source and note; and each observation's own
/// source, qualifier, rounding, locator, note and precision where they differ from what the
/// cube implies. Only series lineage is not kept.
///
/// # Errors
/// A series id that is empty or has a space, and a series or observation citing a source
/// that is not in the dataset (the document could not be read back).
///
/// # Example
/// ```
/// use indstat::io::jsonstat;
/// use indstat::{Dataset, Period};
///
/// let data = Dataset::bundled()?;
/// let json = jsonstat::write(&data)?;
/// let again = jsonstat::read(&json, "bundled.json")?;
/// assert_eq!(again.len(), data.len());
/// let gdp = Period::year(2022);
/// assert_eq!(again.require("gdp")?.observation(gdp), data.require("gdp")?.observation(gdp));
/// assert_eq!(again.source_of("gdp", gdp), data.source_of("gdp", gdp));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn write(data: &Dataset) -> Result<String> {
    let periods: Vec<Period> = data
        .iter()
        .flat_map(|s| s.observations().map(|(p, _)| p))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let position: HashMap<Period, usize> =
        periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let n = data.len();
    let m = periods.len();
    let total = n
        .checked_mul(m)
        .ok_or_else(|| Error::invalid("the dataset is too large for one JSON-stat cube"))?;
    let mut values = vec![Value::Null; total];
    let mut statuses = Map::new();
    let mut index = Vec::with_capacity(n);
    let mut labels = Map::new();
    let mut units = Map::new();
    let mut ext_series = Vec::with_capacity(n);
    let mut ext_observations = Map::new();
    let cited = |series: &str, source: Option<&str>| -> Result<()> {
        match source {
            Some(src) if data.source(src).is_none() => {
                Err(Error::not_found("source", src).context(format!("series `{series}`")))
            }
            _ => Ok(()),
        }
    };
    for (i, s) in data.iter().enumerate() {
        let id = s.id().to_string();
        if id.is_empty() || id.contains(char::is_whitespace) {
            return Err(
                Error::invalid("a series id must be non-empty, without spaces")
                    .context(format!("series `{id}`")),
            );
        }
        cited(&id, s.meta().source.as_deref())?;
        index.push(Value::String(id.clone()));
        labels.insert(id.clone(), Value::String(s.meta().name.clone()));
        let decimals = common_decimals(s);
        let mut unit = Map::new();
        unit.insert("label".into(), Value::String(s.unit().to_string()));
        if let Some(d) = decimals {
            unit.insert("decimals".into(), Value::from(d));
        }
        units.insert(id.clone(), Value::Object(unit));
        let mut details_of = Map::new();
        for (period, _) in s.observations() {
            let Some(o) = s.observation(period) else {
                continue;
            };
            cited(&id, o.source.as_deref())?;
            let at = position
                .get(&period)
                .map(|t| i * m + t)
                .ok_or_else(|| Error::invalid("a period is missing from the time dimension"))?;
            let value = json_value(o.value);
            // What the reader will make of the value, to write only what it cannot tell.
            let read_back = match &value {
                Value::Number(num) => decimal_of_number(num),
                _ => Some(o.value),
            }
            .unwrap_or(o.value);
            if let Some(slot) = values.get_mut(at) {
                *slot = value;
            }
            let (status, comment) = status_and_comment(&o);
            if let Some(st) = status {
                statuses.insert(at.to_string(), Value::String(st.to_string()));
            }
            let mut details = Map::new();
            if o.precision != Some(read_precision(read_back, decimals)) {
                details.insert(
                    "precision".into(),
                    match o.precision {
                        None => Value::Null,
                        Some(p) => serde_json::json!({ "written": p.written, "significant": p.significant }),
                    },
                );
            }
            if o.source != s.meta().source {
                if let Some(src) = &o.source {
                    details.insert("source".into(), Value::String(src.clone()));
                }
            }
            if o.qualifier != Qualifier::Plain {
                details.insert(
                    "qualifier".into(),
                    Value::String(o.qualifier.as_str().into()),
                );
            }
            if o.rounding != Rounding::HalfAwayFromZero {
                details.insert("rounding".into(), Value::String(o.rounding.as_str().into()));
            }
            if let Some(l) = &o.locator {
                details.insert("locator".into(), Value::String(l.clone()));
            }
            if let Some(note) = comment {
                details.insert("note".into(), Value::String(note.to_string()));
            }
            if !details.is_empty() {
                details_of.insert(format_period(period), Value::Object(details));
            }
        }
        if !details_of.is_empty() {
            ext_observations.insert(id.clone(), Value::Object(details_of));
        }
        let mut es = Map::new();
        es.insert("id".into(), Value::String(id));
        es.insert(
            "frequency".into(),
            Value::String(s.frequency().as_str().into()),
        );
        es.insert("kind".into(), Value::String(s.meta().kind.as_str().into()));
        if let Some(src) = &s.meta().source {
            es.insert("source".into(), Value::String(src.clone()));
        }
        if let Some(note) = &s.meta().note {
            es.insert("note".into(), Value::String(note.clone()));
        }
        ext_series.push(Value::Object(es));
    }
    let sources = data
        .sources()
        .map(serde_json::to_value)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| Error::invalid(format!("cannot write a source: {e}")))?;

    let mut root = Map::new();
    root.insert("version".into(), Value::String("2.0".into()));
    root.insert("class".into(), Value::String("dataset".into()));
    let all: Vec<&Source> = data.sources().collect();
    if let [one] = all.as_slice() {
        root.insert("label".into(), Value::String(one.title.clone()));
        root.insert("source".into(), Value::String(one.publisher.clone()));
        root.insert("updated".into(), Value::String(one.released.to_string()));
    } else if !all.is_empty() {
        let mut publishers: Vec<&str> = Vec::new();
        for s in &all {
            if !publishers.contains(&s.publisher.as_str()) {
                publishers.push(&s.publisher);
            }
        }
        root.insert("source".into(), Value::String(publishers.join("; ")));
    }
    root.insert("id".into(), serde_json::json!(["series", "time"]));
    root.insert("size".into(), serde_json::json!([n, m]));
    root.insert(
        "role".into(),
        serde_json::json!({ "time": ["time"], "metric": ["series"] }),
    );
    let time_index: Vec<Value> = periods
        .iter()
        .map(|p| Value::String(format_period(*p)))
        .collect();
    root.insert(
        "dimension".into(),
        serde_json::json!({
            "series": { "label": "series", "category": { "index": index, "label": labels, "unit": units } },
            "time": { "label": "time", "category": { "index": time_index } },
        }),
    );
    root.insert("value".into(), Value::Array(values));
    if !statuses.is_empty() {
        root.insert("status".into(), Value::Object(statuses));
    }
    root.insert(
        "extension".into(),
        serde_json::json!({ "indstat": {
            "sources": sources,
            "series": ext_series,
            "observations": ext_observations,
        } }),
    );
    serde_json::to_string_pretty(&Value::Object(root))
        .map_err(|e| Error::invalid(format!("cannot write JSON: {e}")))
}

/// The decimals most of a series' values are reported with, if any are reported with
/// decimals (a precision of tens or more has none).
pub(super) fn common_decimals(s: &Series) -> Option<u32> {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for (period, _) in s.observations() {
        let written = s
            .observation(period)
            .and_then(|o| o.precision)
            .map(|p| p.written);
        if let Some(w) = written.filter(|w| *w <= 0) {
            *counts.entry(w.unsigned_abs()).or_default() += 1;
        }
    }
    let most = counts.values().copied().max()?;
    counts.into_iter().find(|(_, c)| *c == most).map(|(d, _)| d)
}
