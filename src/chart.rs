//! SVG charts of series (feature `charts`): a line or bar chart with a title, the unit on the
//! value axis, periods on the time axis, gaps shown as gaps and the sources in a footer, and a
//! verification chart that draws a claim's reported interval as a band against the data.
//!
//! Charts are drawn with [plotters](https://docs.rs/plotters)' SVG backend. No font is read:
//! text is written as SVG `<text>` in the generic `sans-serif` family and left to the viewer.
//!
//! Every observation is also written as a mark that carries its period and value, so a chart
//! can be checked (or scraped) without reading pixels: a `<circle class="point">` on a line
//! chart and a `<rect class="bar">` on a bar chart, each with `data-period`, `data-value` and a
//! `<title>` tooltip. A claim's band is a `<rect class="claim-band">` with `data-period`,
//! `data-low` and `data-high` (empty for an unbounded end).
//!
//! ```
//! use indstat::chart::{self, ChartOptions};
//!
//! let data = indstat::Dataset::bundled()?;
//! let nev = data.require("nev_production")?;
//! let options = ChartOptions { sources: chart::source_lines(&data, nev), ..ChartOptions::default() };
//! let svg = chart::line(&nev.to_f64(), &options)?;
//! assert!(svg.contains(r#"data-period="2022" data-value="705.8""#));
//! assert!(svg.contains("10 thousand vehicles"));
//! # Ok::<(), indstat::Error>(())
//! ```

use std::fmt;
use std::fmt::Write as _;
use std::path::Path;

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::prelude::*;
use rust_decimal::prelude::ToPrimitive;

use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::interval::{Bound, Interval};
use crate::period::Period;
use crate::series::Series;

/// The colour of the data: line, points and bars.
const DATA: RGBColor = RGBColor(31, 119, 180);
/// The colour of a claim's band.
const CLAIM: RGBColor = RGBColor(255, 127, 14);
/// The colour of the footer text.
const MUTED: RGBColor = RGBColor(90, 90, 90);
/// The generic font family of every text: no font file is needed.
const FONT: &str = "sans-serif";
/// Height of one footer line, in pixels.
const FOOTER_LINE: u32 = 15;
/// Smallest and largest chart sizes accepted, in pixels.
const MIN_WIDTH: u32 = 240;
const MIN_HEIGHT: u32 = 180;
const MAX_SIDE: u32 = 20_000;
/// How many periods a claim's period may lie outside the series' span.
const MAX_EXTENSION: i64 = 10_000;

/// How a series is drawn.
///
/// # Example
/// ```
/// use indstat::chart::ChartKind;
/// assert_eq!("bar".parse::<ChartKind>()?, ChartKind::Bar);
/// assert_eq!(ChartKind::default(), ChartKind::Line);
/// assert_eq!(ChartKind::Line.to_string(), "line");
/// assert!("pie".parse::<ChartKind>().is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ChartKind {
    /// A line through the observations, broken at gaps, with a point on each observation.
    #[default]
    Line,
    /// A bar per observation, from zero; no bar for a gap.
    Bar,
}

crate::string_enum::string_enum!(ChartKind, what = "chart kind", path = "indstat::chart::ChartKind", {
    Line => "line",
    Bar => "bar",
});

/// How to draw a chart.
///
/// The defaults are an 800×450 line chart titled with the series' name, whose footer names
/// the series' source id (and, for a derived series, how it was computed).
///
/// # Example
/// ```
/// use indstat::chart::{ChartKind, ChartOptions};
/// let o = ChartOptions::default();
/// assert_eq!((o.width, o.height, o.kind), (800, 450, ChartKind::Line));
/// assert!(o.title.is_none() && o.sources.is_empty());
///
/// let wide = ChartOptions { width: 1200, kind: ChartKind::Bar, ..ChartOptions::default() };
/// assert_eq!(wide.height, 450);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartOptions {
    /// The title; `None` for the series' name.
    pub title: Option<String>,
    /// Width in pixels (240 to 20000).
    pub width: u32,
    /// Height in pixels (180 to 20000).
    pub height: u32,
    /// Line or bar. [`line()`] and [`bar()`] ignore it; [`draw()`] and [`claim()`] follow it.
    pub kind: ChartKind,
    /// Footer lines, such as those of [`source_lines`]. Empty: `Source: <the series' source
    /// id>`. A derived series' lineage (`Computed: pc1 of nev_production`) is added either way.
    pub sources: Vec<String>,
}

impl Default for ChartOptions {
    fn default() -> ChartOptions {
        ChartOptions {
            title: None,
            width: 800,
            height: 450,
            kind: ChartKind::Line,
            sources: Vec::new(),
        }
    }
}

/// A chart of `series` as `options.kind` says, as SVG text.
///
/// Periods run along the x axis (every period of the series' span, gaps included, labelled
/// as [`Period`] prints them), values along the y axis labelled with the series' unit. A gap
/// (no value, or a value that is not a finite number) breaks the line or leaves out the bar.
///
/// # Errors
/// When the series has no value to draw, when the size is outside 240×180 to 20000×20000, or
/// when the values' range is too wide for `f64` arithmetic.
///
/// # Example
/// ```
/// use indstat::chart::{self, ChartKind, ChartOptions};
/// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
///
/// let meta = SeriesMeta::new("output", "万辆".parse()?, Frequency::Annual, Kind::Flow);
/// let mut s: Series<f64> = Series::new(meta);
/// s.insert(Period::year(2020), 136.6)?;
/// s.insert(Period::year(2022), 705.8)?; // 2021 is a gap
/// let svg = chart::draw(&s, &ChartOptions { kind: ChartKind::Bar, ..ChartOptions::default() })?;
/// assert_eq!(svg.matches(r#"class="bar""#).count(), 2);
/// assert!(!svg.contains(r#"data-period="2021""#));
///
/// let empty: Series<f64> = Series::new(SeriesMeta::new("none", Unit::number(), Frequency::Annual, Kind::Flow));
/// assert!(chart::draw(&empty, &ChartOptions::default()).is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn draw(series: &Series<f64>, options: &ChartOptions) -> Result<String> {
    render(series, options, options.kind, None)
}

/// A line chart of `series` (whatever `options.kind` says): see [`draw`].
///
/// # Errors
/// As [`draw`].
///
/// # Example
/// ```
/// use indstat::chart::{self, ChartOptions};
/// let data = indstat::Dataset::bundled()?;
/// let svg = chart::line(&data.require("fiveg_base_stations")?.to_f64(), &ChartOptions::default())?;
/// assert!(svg.contains(r#"data-period="2022" data-value="231.2""#));
/// assert!(svg.contains("Source: miit-2023-01"));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn line(series: &Series<f64>, options: &ChartOptions) -> Result<String> {
    render(series, options, ChartKind::Line, None)
}

/// A bar chart of `series` (whatever `options.kind` says): see [`draw`].
///
/// # Errors
/// As [`draw`].
///
/// # Example
/// ```
/// use indstat::chart::{self, ChartOptions};
/// let data = indstat::Dataset::bundled()?;
/// let options = ChartOptions { title: Some("NEV output".into()), ..ChartOptions::default() };
/// let svg = chart::bar(&data.require("nev_production")?.to_f64(), &options)?;
/// assert!(svg.contains(r#"<rect class="bar" data-period="2016" data-value="51.7""#));
/// assert!(svg.contains("NEV output"));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn bar(series: &Series<f64>, options: &ChartOptions) -> Result<String> {
    render(series, options, ChartKind::Bar, None)
}

/// A verification chart: `series` drawn as `options.kind` says, with a claim's `reported`
/// interval as a shaded band over `period`, labelled with the interval.
///
/// `reported` must be in the series' unit (as [`Figure::interval_in`](crate::Figure::interval_in)
/// gives it). An unbounded end ("more than 6.5 million" read strictly) is clipped to the plot
/// area; the value axis widens to show the band's finite ends, and the time axis to show
/// `period` when it lies outside the series' span.
///
/// # Errors
/// As [`draw`]; also when `period` is not of the series' frequency, or lies more than 10000
/// periods outside its span.
///
/// # Example
/// ```
/// use indstat::chart::{self, ChartOptions};
/// use indstat::{Figure, Period, Transform, Unit};
///
/// let data = indstat::Dataset::bundled()?;
/// let growth = Transform::Pc1.apply(&data.require("nev_production")?.to_f64())?;
/// let reported = "96.9%".parse::<Figure>()?.interval_in(&Unit::percent(), &Default::default())?;
/// let svg = chart::claim(&growth, &reported, Period::year(2022), &ChartOptions::default())?;
/// assert!(svg.contains(r#"class="claim-band" data-period="2022" data-low="96.85" data-high="96.95""#));
/// assert!(chart::claim(&growth, &reported, "2022Q1".parse()?, &ChartOptions::default()).is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn claim(
    series: &Series<f64>,
    reported: &Interval,
    period: Period,
    options: &ChartOptions,
) -> Result<String> {
    render(series, options, options.kind, Some((reported, period)))
}

/// Writes `svg` to `path`, creating its parent folders.
///
/// # Errors
/// An [`ErrorKind::Io`](crate::ErrorKind::Io) naming the path when a folder cannot be created
/// or the file cannot be written.
///
/// # Example
/// ```
/// use indstat::chart::{self, ChartOptions};
/// let data = indstat::Dataset::bundled()?;
/// let svg = chart::line(&data.require("nev_production")?.to_f64(), &ChartOptions::default())?;
/// let path = std::env::temp_dir().join("indstat-doc-chart").join("nev.svg");
/// chart::write_svg(&path, &svg)?;
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), svg);
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn write_svg(path: impl AsRef<Path>, svg: &str) -> Result<()> {
    let path = path.as_ref();
    let wrap = |e: std::io::Error| Error::io(path, e).context("writing an SVG chart");
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(wrap)?;
    }
    std::fs::write(path, svg).map_err(wrap)
}

/// Footer lines naming the sources of a dataset's series: one `Source: publisher, title
/// (released)` line per distinct source of its observations, in period order (the series'
/// own source when no observation names one). An id the dataset does not know is printed as
/// is.
///
/// # Example
/// ```
/// let data = indstat::Dataset::bundled()?;
/// let lines = indstat::chart::source_lines(&data, data.require("fiveg_base_stations")?);
/// assert_eq!(lines.len(), 3);
/// assert!(lines.iter().all(|l| l.starts_with("Source: MIIT")));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn source_lines(dataset: &Dataset, series: &Series) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for (period, _) in series.observations() {
        if let Some(id) = series.observation(period).and_then(|o| o.source) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    if ids.is_empty() {
        ids.extend(series.meta().source.clone());
    }
    ids.iter()
        .map(|id| match dataset.source(id) {
            Some(s) => format!("Source: {s}"),
            None => format!("Source: {id}"),
        })
        .collect()
}

/// The x axis: every period from the first to the last shown, with the value at each.
struct Slots {
    periods: Vec<Period>,
    values: Vec<Option<f64>>,
}

fn slots(series: &Series<f64>, claim_period: Option<Period>) -> Result<Slots> {
    let mut periods = Vec::with_capacity(series.len());
    let mut values = Vec::with_capacity(series.len());
    for (period, value) in series.iter() {
        periods.push(period);
        values.push(value.filter(|v| v.is_finite()));
    }
    if values.iter().all(Option::is_none) {
        return Err(Error::invalid(format!(
            "series `{}` has no values to chart",
            series.id()
        )));
    }
    if let Some(p) = claim_period {
        p.expect_frequency(series.frequency())
            .map_err(|e| e.context("the claim's period"))?;
        let (first, last) = match (periods.first(), periods.last()) {
            (Some(f), Some(l)) => (*f, *l),
            _ => return Err(Error::invalid("series has no periods to chart")),
        };
        let before = p.periods_until(first)?;
        let after = last.periods_until(p)?;
        if before > MAX_EXTENSION || after > MAX_EXTENSION {
            return Err(Error::invalid(format!(
                "the claim's period {p} is more than {MAX_EXTENSION} periods outside the span of series `{}`",
                series.id()
            )));
        }
        if before > 0 {
            let mut head = Vec::with_capacity(before as usize);
            for k in 0..before {
                head.push(p.shift(k)?);
            }
            periods.splice(0..0, head);
            values.splice(0..0, std::iter::repeat_n(None, before as usize));
        }
        for k in 1..=after {
            periods.push(last.shift(k)?);
            values.push(None);
        }
    }
    Ok(Slots { periods, values })
}

/// A finite end of a claim's band, as `f64`.
fn bound_f64(b: Bound) -> Option<f64> {
    b.value().and_then(|v| v.to_f64()).filter(|v| v.is_finite())
}

/// The y range: the data, the band's finite ends, zero for bars, and a margin.
fn value_range(values: &[Option<f64>], extra: &[f64], kind: ChartKind) -> Result<(f64, f64)> {
    let all = values.iter().flatten().chain(extra);
    let (mut lo, mut hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(*v), hi.max(*v))
    });
    if kind == ChartKind::Bar {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    let span = hi - lo;
    let pad = if span > 0.0 {
        span * 0.08
    } else {
        (hi.abs() * 0.1).max(1.0)
    };
    let bottom = if kind == ChartKind::Bar && lo == 0.0 {
        0.0
    } else {
        lo - pad
    };
    let top = if kind == ChartKind::Bar && hi == 0.0 {
        0.0
    } else {
        hi + pad
    };
    if !(top - bottom).is_finite() || top <= bottom {
        return Err(Error::invalid(format!(
            "values from {lo} to {hi} are too far apart to chart"
        )));
    }
    Ok((bottom, top))
}

/// Which periods get a label: all when they fit, else every k-th.
fn key_points(n: usize, plot_width: u32) -> Vec<f64> {
    let fit = (plot_width / 64).max(1) as usize;
    let step = n.div_ceil(fit).max(1);
    (0..n).step_by(step).map(|i| i as f64).collect()
}

fn drawing_error(e: impl fmt::Display) -> Error {
    Error::invalid(format!("drawing the chart failed: {e}"))
}

/// Escapes text for an SVG attribute or element.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The footer: the given source lines (or the series' source id), then the lineage, cut to
/// fit a quarter of the height.
fn footer_lines(series: &Series<f64>, options: &ChartOptions) -> Vec<String> {
    let meta = series.meta();
    let mut lines: Vec<String> = options
        .sources
        .iter()
        .map(|s| s.replace(['\n', '\r'], " "))
        .filter(|s| !s.trim().is_empty())
        .collect();
    if lines.is_empty() {
        if let Some(source) = &meta.source {
            lines.push(format!("Source: {source}"));
        }
    }
    if let Some(lineage) = &meta.lineage {
        lines.push(format!("Computed: {lineage}"));
    }
    if lines.is_empty() {
        lines.push(format!("Series: {} (no source given)", meta.id));
    }
    let room = ((options.height / 4) / FOOTER_LINE).max(1) as usize;
    if lines.len() > room {
        let hidden = lines.len() - (room - 1);
        lines.truncate(room - 1);
        lines.push(format!("… and {hidden} more"));
    }
    lines
}

fn render(
    series: &Series<f64>,
    options: &ChartOptions,
    kind: ChartKind,
    band: Option<(&Interval, Period)>,
) -> Result<String> {
    let (w, h) = (options.width, options.height);
    if !(MIN_WIDTH..=MAX_SIDE).contains(&w) || !(MIN_HEIGHT..=MAX_SIDE).contains(&h) {
        return Err(Error::invalid(format!(
            "chart size {w}×{h} is outside {MIN_WIDTH}×{MIN_HEIGHT} to {MAX_SIDE}×{MAX_SIDE} pixels"
        )));
    }
    let context = || format!("chart of series `{}`", series.id());
    let slots = slots(series, band.map(|(_, p)| p)).map_err(|e| e.context(context()))?;
    let extra: Vec<f64> = band
        .map(|(i, _)| [bound_f64(i.low()), bound_f64(i.high())])
        .into_iter()
        .flatten()
        .flatten()
        .collect();
    let (y0, y1) = value_range(&slots.values, &extra, kind).map_err(|e| e.context(context()))?;
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| series.meta().name.clone())
        .replace(['\n', '\r'], " ");
    let unit = series.unit().to_string();
    let footer = footer_lines(series, options);
    let footer_h = FOOTER_LINE * footer.len() as u32 + 10;
    let n = slots.periods.len();
    let labels: Vec<String> = slots.periods.iter().map(Period::to_string).collect();

    let mut svg = String::new();
    let mut marks = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let (upper, lower) = root.split_vertically(h - footer_h);
        for (k, text) in footer.iter().enumerate() {
            lower
                .draw(&Text::new(
                    text.as_str(),
                    (12, 4 + (k as u32 * FOOTER_LINE) as i32),
                    (FONT, 13).into_font().color(&MUTED),
                ))
                .map_err(drawing_error)?;
        }
        let x_range = PeriodAxis {
            keys: key_points(n, w.saturating_sub(110)),
            labels: &labels,
        };
        let mut chart = ChartBuilder::on(&upper)
            .caption(&title, (FONT, 22))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(84)
            .build_cartesian_2d(x_range, y0..y1)
            .map_err(drawing_error)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc(unit.as_str())
            .label_style((FONT, 14))
            .axis_desc_style((FONT, 15))
            .max_light_lines(0)
            .bold_line_style(RGBColor(220, 220, 220))
            .draw()
            .map_err(drawing_error)?;

        if kind == ChartKind::Line {
            let mut run: Vec<(f64, f64)> = Vec::new();
            for (i, v) in slots.values.iter().enumerate() {
                match v {
                    Some(v) => run.push((i as f64, *v)),
                    None if run.is_empty() => {}
                    None => draw_run(&mut chart, std::mem::take(&mut run))?,
                }
            }
            if !run.is_empty() {
                draw_run(&mut chart, run)?;
            }
        }

        if let Some((interval, period)) = band {
            let i = slots.periods.iter().position(|p| *p == period).unwrap_or(0) as f64;
            let low = bound_f64(interval.low()).unwrap_or(y0).clamp(y0, y1);
            let high = bound_f64(interval.high()).unwrap_or(y1).clamp(y0, y1);
            let (left, top) = chart.backend_coord(&(i - 0.45, high));
            let (right, bottom) = chart.backend_coord(&(i + 0.45, low));
            // A narrow interval is still drawn at least 4 px high, centred on its middle.
            let (top, bottom) = if bottom - top < 4 {
                let mid = (top + bottom) / 2;
                (mid - 2, mid + 2)
            } else {
                (top, bottom)
            };
            let text = format!("claim {period}: {interval}");
            let data = |b: Bound| {
                b.value()
                    .map(|v| v.normalize().to_string())
                    .unwrap_or_default()
            };
            let _ = writeln!(
                marks,
                r##"<rect class="claim-band" data-period="{p}" data-low="{lo}" data-high="{hi}" x="{left}" y="{top}" width="{bw}" height="{bh}" fill="#FF7F0E" fill-opacity="0.3" stroke="#FF7F0E" stroke-width="1.5"><title>{t}</title></rect>"##,
                p = escape(&period.to_string()),
                lo = data(interval.low()),
                hi = data(interval.high()),
                bw = (right - left).max(1),
                bh = bottom - top,
                t = escape(&text),
            );
            let (plot_x, _) = chart.plotting_area().get_pixel_range();
            let right_half = (left + right) / 2 > (plot_x.start + plot_x.end) / 2;
            let (anchor, x) = if right_half {
                ("end", left - 6)
            } else {
                ("start", right + 6)
            };
            let _ = writeln!(
                marks,
                r#"<text class="claim-label" x="{x}" y="{y}" dy="0.5ex" text-anchor="{anchor}" font-family="{FONT}" font-size="13" fill="{c}">{t}</text>"#,
                y = (top + bottom) / 2,
                c = hex(CLAIM),
                t = escape(&text),
            );
        }

        for (i, (period, value)) in slots.periods.iter().zip(&slots.values).enumerate() {
            let Some(v) = value else { continue };
            let x = i as f64;
            let tip = escape(&format!("{period}: {} {unit}", short(*v)));
            match kind {
                ChartKind::Line => {
                    let (cx, cy) = chart.backend_coord(&(x, *v));
                    let _ = writeln!(
                        marks,
                        r#"<circle class="point" data-period="{p}" data-value="{v}" cx="{cx}" cy="{cy}" r="3.5" fill="{c}" stroke="white" stroke-width="1"><title>{tip}</title></circle>"#,
                        p = escape(&period.to_string()),
                        c = hex(DATA),
                    );
                }
                ChartKind::Bar => {
                    let base = 0.0_f64.clamp(y0, y1);
                    let (left, a) = chart.backend_coord(&(x - 0.35, *v));
                    let (right, b) = chart.backend_coord(&(x + 0.35, base));
                    let _ = writeln!(
                        marks,
                        r#"<rect class="bar" data-period="{p}" data-value="{v}" x="{left}" y="{y}" width="{bw}" height="{bh}" fill="{c}"><title>{tip}</title></rect>"#,
                        p = escape(&period.to_string()),
                        y = a.min(b),
                        bw = (right - left).max(1),
                        bh = (a - b).abs(),
                        c = hex(DATA),
                    );
                }
            }
        }
        root.present().map_err(drawing_error)?;
    }
    let end = svg
        .rfind("</svg>")
        .ok_or_else(|| drawing_error("the SVG backend wrote no closing tag"))?;
    svg.insert_str(end, &marks);
    Ok(svg)
}

/// The time axis: slot `i` (the i-th period shown) at x = i, from −0.5 to n − 0.5, labelled
/// with the periods at the chosen key points.
struct PeriodAxis<'l> {
    keys: Vec<f64>,
    labels: &'l [String],
}

impl Ranged for PeriodAxis<'_> {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let n = self.labels.len().max(1) as f64;
        let t = (value + 0.5) / n;
        if !t.is_finite() {
            return limit.0;
        }
        limit.0 + (f64::from(limit.1 - limit.0) * t).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, _hint: Hint) -> Vec<f64> {
        self.keys.clone()
    }

    fn range(&self) -> std::ops::Range<f64> {
        -0.5..self.labels.len() as f64 - 0.5
    }
}

impl ValueFormatter<f64> for PeriodAxis<'_> {
    fn format(value: &f64) -> String {
        value.to_string()
    }

    fn format_ext(&self, value: &f64) -> String {
        let i = value.round();
        if (value - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < self.labels.len() {
            self.labels[i as usize].clone()
        } else {
            String::new()
        }
    }
}

type Chart<'a, 'b, 'l> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<PeriodAxis<'l>, plotters::coord::types::RangedCoordf64>,
>;

/// Draws one unbroken stretch of the line.
fn draw_run(chart: &mut Chart<'_, '_, '_>, run: Vec<(f64, f64)>) -> Result<()> {
    chart
        .draw_series(LineSeries::new(run, DATA.stroke_width(2)))
        .map_err(drawing_error)?;
    Ok(())
}

/// A value for people: at most six significant digits, no trailing zeros.
fn short(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return v.to_string();
    }
    let magnitude = v.abs().log10().floor() as i32;
    if !(-4..15).contains(&magnitude) {
        return format!("{v:.5e}");
    }
    let decimals = (5 - magnitude).max(0) as usize;
    let text = format!("{v:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Frequency, Kind, SeriesMeta, Unit};

    fn series(values: &[Option<f64>]) -> Series<f64> {
        let meta = SeriesMeta::new("t", Unit::number(), Frequency::Monthly, Kind::Flow);
        let present = values.iter().map(Option::is_some).collect();
        let values = values.iter().map(|v| v.unwrap_or(0.0)).collect();
        Series::from_dense(meta, Period::month(2020, 1).unwrap(), values, present).unwrap()
    }

    #[test]
    fn odd_values_never_panic() {
        let cases: Vec<Vec<Option<f64>>> = vec![
            vec![Some(1.0)],
            vec![Some(0.0), Some(0.0)],
            vec![Some(-5.0), None, Some(-7.0)],
            vec![Some(1e300), Some(-1e300)],
            vec![Some(f64::MAX), Some(f64::MIN)],
            vec![Some(f64::NAN), Some(2.0), Some(f64::INFINITY)],
            vec![Some(1e-300), Some(2e-300)],
            vec![Some(1.0); 600],
        ];
        for values in cases {
            let s = series(&values);
            for kind in [ChartKind::Line, ChartKind::Bar] {
                let o = ChartOptions {
                    kind,
                    ..ChartOptions::default()
                };
                let _ = draw(&s, &o);
                let band = Interval::at_least(rust_decimal::Decimal::ONE, true);
                let _ = claim(&s, &band, Period::month(2019, 6).unwrap(), &o);
            }
        }
        assert!(
            draw(
                &series(&[Some(f64::MAX), Some(f64::MIN)]),
                &Default::default()
            )
            .is_err()
        );
        assert!(draw(&series(&[Some(f64::NAN)]), &Default::default()).is_err());
    }

    #[test]
    fn sizes_are_checked() {
        let s = series(&[Some(1.0)]);
        for (width, height) in [(0, 0), (100, 450), (800, 10), (30_000, 450)] {
            let o = ChartOptions {
                width,
                height,
                ..ChartOptions::default()
            };
            assert!(draw(&s, &o).is_err(), "{width}×{height}");
        }
    }

    #[test]
    fn text_is_escaped() {
        let o = ChartOptions {
            title: Some("a <b> & \"c\"".into()),
            sources: vec!["x < y".into()],
            ..ChartOptions::default()
        };
        let svg = draw(&series(&[Some(1.0)]), &o).unwrap();
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("x &lt; y"));
    }

    #[test]
    fn long_footers_are_cut() {
        let o = ChartOptions {
            sources: (0..40).map(|i| format!("Source {i}")).collect(),
            ..ChartOptions::default()
        };
        let lines = footer_lines(&series(&[Some(1.0)]), &o);
        assert!(lines.len() <= 7);
        assert!(lines.last().unwrap().contains("more"));
    }
}
