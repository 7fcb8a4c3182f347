//! Charts: each SVG is parsed (a small well-formedness-checking scanner, no XML dependency)
//! and the series' points, gaps, title, unit, source and claim band are found in it.
#![cfg(feature = "charts")]

use indstat::chart::{self, ChartKind, ChartOptions};
use indstat::{
    Dataset, ErrorKind, Figure, Frequency, Interval, Kind, Period, Series, SeriesMeta, Transform,
    Unit,
};
use proptest::prelude::*;

/// One element of an SVG document: its name, attributes and direct text.
#[derive(Debug, Clone)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn num(&self, name: &str) -> f64 {
        self.attr(name)
            .unwrap_or_else(|| panic!("<{}> has no {name}", self.name))
            .parse()
            .unwrap_or_else(|_| panic!("<{}> {name} is not a number", self.name))
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Parses an SVG document into its elements in document order, checking that it is
/// well-formed: one `<svg>` root, every tag closed in order, attributes quoted and unique,
/// no stray `<` or unescaped `&` in text.
fn parse(svg: &str) -> Vec<Element> {
    let mut elements: Vec<Element> = Vec::new();
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut roots = 0;
    let mut rest = svg.trim_start();
    if let Some(after) = rest.strip_prefix("<?xml") {
        rest = &after[after.find("?>").expect("unterminated XML declaration") + 2..];
    }
    loop {
        let lt = rest.find('<');
        let text = &rest[..lt.unwrap_or(rest.len())];
        check_text(text);
        if let Some((_, i)) = stack.last() {
            elements[*i].text.push_str(&unescape(text));
        } else {
            assert!(text.trim().is_empty(), "text outside the root: {text:?}");
        }
        let Some(lt) = lt else { break };
        rest = &rest[lt + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = &after[after.find("-->").expect("unterminated comment") + 3..];
            continue;
        }
        let gt = rest.find('>').expect("unterminated tag");
        let tag = &rest[..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let (open, _) = stack.pop().unwrap_or_else(|| panic!("stray </{name}>"));
            assert_eq!(open, name.trim(), "</{name}> closes <{open}>");
            continue;
        }
        let (tag, closed) = match tag.strip_suffix('/') {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let element = parse_tag(tag);
        if stack.is_empty() {
            roots += 1;
            assert_eq!(element.name, "svg", "the root is not <svg>");
        }
        elements.push(element);
        if !closed {
            stack.push((elements.last().unwrap().name.clone(), elements.len() - 1));
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    assert_eq!(roots, 1, "one root element");
    elements
}

fn check_text(text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        let entity = &rest[i..rest[i..].find(';').map_or(rest.len(), |j| i + j + 1)];
        assert!(
            ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "&#39;"].contains(&entity),
            "unescaped & in {text:?}"
        );
        rest = &rest[i + 1..];
    }
}

fn parse_tag(tag: &str) -> Element {
    let tag = tag.trim();
    let end = tag.find(char::is_whitespace).unwrap_or(tag.len());
    let name = tag[..end].to_string();
    assert!(
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == ':'),
        "bad element name {name:?}"
    );
    let mut attrs = Vec::new();
    let mut rest = tag[end..].trim_start();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .unwrap_or_else(|| panic!("attribute without value in <{tag}>"));
        let key = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().expect("attribute value");
        assert!(
            quote == '"' || quote == '\'',
            "unquoted attribute {key} in <{tag}>"
        );
        let close = after[1..]
            .find(quote)
            .expect("unterminated attribute value")
            + 1;
        let value = &after[1..close];
        assert!(!value.contains('<'), "< in attribute {key}");
        check_text(value);
        assert!(
            attrs.iter().all(|(k, _): &(String, String)| *k != key),
            "attribute {key} given twice in <{tag}>"
        );
        attrs.push((key, unescape(value)));
        rest = after[close + 1..].trim_start();
    }
    Element {
        name,
        attrs,
        text: String::new(),
    }
}

fn with_class<'a>(elements: &'a [Element], class: &str) -> Vec<&'a Element> {
    elements
        .iter()
        .filter(|e| e.attr("class") == Some(class))
        .collect()
}

fn texts(elements: &[Element]) -> Vec<String> {
    elements
        .iter()
        .filter(|e| e.name == "text")
        .map(|e| e.text.trim().to_string())
        .collect()
}

/// The data line's stretches: the points of each polyline in the data colour.
fn segments(elements: &[Element]) -> Vec<Vec<(i64, i64)>> {
    elements
        .iter()
        .filter(|e| e.name == "polyline" && e.attr("stroke") == Some("#1F77B4"))
        .map(|e| {
            e.attr("points")
                .unwrap()
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect()
        })
        .collect()
}

fn bundled(id: &str) -> (Dataset, Series) {
    let data = Dataset::bundled().unwrap();
    let series = data.require(id).unwrap().clone();
    (data, series)
}

/// Every observation of `series` is a mark of `class` with its period and value, and no
/// other mark is there.
fn assert_points(elements: &[Element], class: &str, series: &Series<f64>) {
    let marks = with_class(elements, class);
    let expected: Vec<(String, f64)> = series
        .observations()
        .map(|(p, v)| (p.to_string(), v))
        .collect();
    let found: Vec<(String, f64)> = marks
        .iter()
        .map(|m| {
            (
                m.attr("data-period").unwrap().to_string(),
                m.num("data-value"),
            )
        })
        .collect();
    assert_eq!(found, expected, "{class} marks of {}", series.id());
}

#[test]
fn nev_line_chart_has_every_point_and_breaks_at_the_gap() {
    let (data, nev) = bundled("nev_production");
    let options = ChartOptions {
        sources: chart::source_lines(&data, &nev),
        ..ChartOptions::default()
    };
    let svg = chart::line(&nev.to_f64(), &options).unwrap();
    let elements = parse(&svg);
    assert_eq!(elements[0].attr("width"), Some("800"));
    assert_eq!(elements[0].attr("height"), Some("450"));

    assert_points(&elements, "point", &nev.to_f64());
    let points = with_class(&elements, "point");
    assert_eq!(points.len(), 6);
    assert_eq!(points[5].attr("data-value"), Some("705.8"));
    assert!(points.iter().all(|p| p.attr("data-period") != Some("2019")));
    // Points run left to right, and the larger value is drawn higher.
    assert!(points.windows(2).all(|w| w[0].num("cx") < w[1].num("cx")));
    assert!(points[5].num("cy") < points[4].num("cy"));

    // 2019 has no value: two stretches, 2016–2018 and 2020–2022, through the points.
    let at = |i: usize| (points[i].num("cx") as i64, points[i].num("cy") as i64);
    assert_eq!(
        segments(&elements),
        vec![vec![at(0), at(1), at(2)], vec![at(3), at(4), at(5)]]
    );

    let texts = texts(&elements);
    assert!(texts.contains(&"New-energy vehicle production (CAAM)".to_string()));
    assert!(texts.contains(&"10 thousand vehicles".to_string()));
    assert!(texts.iter().any(|t| t.starts_with("Source: CAAM")));
    for year in ["2016", "2019", "2022"] {
        assert!(texts.contains(&year.to_string()), "x label {year}");
    }
}

#[test]
fn fiveg_bar_chart_has_a_bar_per_observation_and_none_for_the_gap() {
    let (_, fiveg) = bundled("fiveg_base_stations");
    let svg = chart::bar(&fiveg.to_f64(), &ChartOptions::default()).unwrap();
    let elements = parse(&svg);
    assert_points(&elements, "bar", &fiveg.to_f64());
    let bars = with_class(&elements, "bar");
    let periods: Vec<_> = bars
        .iter()
        .map(|b| b.attr("data-period").unwrap())
        .collect();
    assert_eq!(periods, ["2019", "2021", "2022"]);
    // Bars stand on one baseline, and their heights follow the values.
    let base = |b: &Element| b.num("y") + b.num("height");
    assert!(bars.iter().all(|b| (base(b) - base(bars[0])).abs() <= 1.0));
    let ratio = bars[2].num("height") / bars[1].num("height");
    assert!((ratio - 231.2 / 142.5).abs() < 0.02, "{ratio}");
    // No line on a bar chart.
    assert!(segments(&elements).is_empty());
    assert!(with_class(&elements, "point").is_empty());

    let texts = texts(&elements);
    assert!(texts.contains(&"5G base stations, end of year".to_string()));
    assert!(texts.contains(&"10 thousand base stations".to_string()));
    assert!(texts.contains(&"Source: miit-2023-01".to_string()));
}

#[test]
fn options_choose_kind_title_size_and_footer() {
    let (_, fiveg) = bundled("fiveg_base_stations");
    let options = ChartOptions {
        title: Some("5G <rollout> & more".into()),
        width: 640,
        height: 360,
        kind: ChartKind::Bar,
        sources: vec!["MIIT communiqués".into(), "Compiled by hand".into()],
    };
    let elements = parse(&chart::draw(&fiveg.to_f64(), &options).unwrap());
    assert_eq!(elements[0].attr("width"), Some("640"));
    assert_eq!(with_class(&elements, "bar").len(), 3);
    let texts = texts(&elements);
    for t in [
        "5G <rollout> & more",
        "MIIT communiqués",
        "Compiled by hand",
    ] {
        assert!(texts.contains(&t.to_string()), "{t}");
    }
    assert!(!texts.iter().any(|t| t.starts_with("Source: miit")));
    // line() draws a line whatever the kind says.
    let elements = parse(&chart::line(&fiveg.to_f64(), &options).unwrap());
    assert_eq!(with_class(&elements, "point").len(), 3);
}

#[test]
fn a_derived_series_names_its_computation() {
    let (_, nev) = bundled("nev_production");
    let growth = Transform::Pc1.apply(&nev.to_f64()).unwrap();
    let elements = parse(&chart::line(&growth, &ChartOptions::default()).unwrap());
    let texts = texts(&elements);
    assert!(texts.contains(&"percent".to_string()));
    assert!(texts.contains(&"Computed: pc1 of nev_production".to_string()));
    // 2016 has no previous year and 2019 no value: growth in 2017, 2018, 2021, 2022 only.
    let periods: Vec<_> = with_class(&elements, "point")
        .iter()
        .map(|p| p.attr("data-period").unwrap().to_string())
        .collect();
    assert_eq!(periods, ["2017", "2018", "2021", "2022"]);
    assert_eq!(segments(&elements).len(), 2);
}

#[test]
fn claim_chart_draws_the_reported_interval_as_a_band() {
    let (_, nev) = bundled("nev_production");
    let growth = Transform::Pc1.apply(&nev.to_f64()).unwrap();
    let figure: Figure = "96.9%".parse().unwrap();
    let reported = figure
        .interval_in(&Unit::percent(), &Default::default())
        .unwrap();
    let svg = chart::claim(
        &growth,
        &reported,
        Period::year(2022),
        &ChartOptions::default(),
    )
    .unwrap();
    let elements = parse(&svg);
    let bands = with_class(&elements, "claim-band");
    assert_eq!(bands.len(), 1);
    let band = bands[0];
    assert_eq!(band.attr("data-period"), Some("2022"));
    assert_eq!(band.attr("data-low"), Some("96.85"));
    assert_eq!(band.attr("data-high"), Some("96.95"));
    assert!(band.num("height") >= 4.0 && band.num("width") > 10.0);
    let label = with_class(&elements, "claim-label");
    assert_eq!(label[0].text, "claim 2022: [96.85, 96.95)");

    // The data are there too; the 2022 point (99.1%) is drawn above the band and in its column.
    assert_points(&elements, "point", &growth);
    let p2022 = with_class(&elements, "point")
        .into_iter()
        .find(|p| p.attr("data-period") == Some("2022"))
        .unwrap();
    assert!(p2022.num("cy") < band.num("y"));
    let (x0, x1) = (band.num("x"), band.num("x") + band.num("width"));
    assert!(x0 < p2022.num("cx") && p2022.num("cx") < x1);
}

#[test]
fn claim_band_clips_unbounded_ends_and_widens_the_axes() {
    let (_, fiveg) = bundled("fiveg_base_stations");
    let s = fiveg.to_f64();
    // "more than 230", read strictly: (230, +∞) reaches the top of the plot.
    let above = Interval::at_least("230".parse().unwrap(), true);
    let elements =
        parse(&chart::claim(&s, &above, Period::year(2022), &ChartOptions::default()).unwrap());
    let band = with_class(&elements, "claim-band")[0].clone();
    assert_eq!(band.attr("data-low"), Some("230"));
    assert_eq!(band.attr("data-high"), Some(""));
    let points = with_class(&elements, "point");
    assert!(band.num("y") < points.iter().map(|p| p.num("cy")).fold(f64::MAX, f64::min));

    // A claim about 2024 beyond the data, far above it: both axes widen to show the band.
    let far = Interval::half_open("400".parse().unwrap(), "500".parse().unwrap()).unwrap();
    let elements =
        parse(&chart::claim(&s, &far, Period::year(2024), &ChartOptions::default()).unwrap());
    let band = with_class(&elements, "claim-band")[0].clone();
    assert_eq!(band.attr("data-period"), Some("2024"));
    assert!(texts(&elements).contains(&"2024".to_string()));
    let last = with_class(&elements, "point").last().unwrap().num("cx");
    assert!(band.num("x") > last);
    assert!(band.num("height") > 20.0);

    // A period of another frequency is an error.
    let err = chart::claim(
        &s,
        &far,
        "2022Q4".parse().unwrap(),
        &ChartOptions::default(),
    );
    assert!(matches!(
        err.unwrap_err().kind(),
        ErrorKind::FrequencyMismatch { .. }
    ));
}

#[test]
fn empty_and_all_gap_series_are_errors() {
    let meta = SeriesMeta::new("nothing", Unit::number(), Frequency::Annual, Kind::Flow);
    let empty: Series<f64> = Series::new(meta.clone());
    let err = chart::line(&empty, &ChartOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "chart of series `nothing`: series `nothing` has no values to chart"
    );
    let gaps = Series::from_dense(
        meta,
        Period::year(2020),
        vec![0.0, f64::NAN],
        vec![false, true],
    )
    .unwrap();
    assert!(chart::bar(&gaps, &ChartOptions::default()).is_err());
    let band = Interval::point(1.into());
    assert!(chart::claim(&gaps, &band, Period::year(2020), &ChartOptions::default()).is_err());
}

#[test]
fn sizes_out_of_range_are_errors() {
    let (_, nev) = bundled("nev_production");
    for (width, height) in [(0, 450), (800, 0), (50, 50), (100_000, 450)] {
        let options = ChartOptions {
            width,
            height,
            ..ChartOptions::default()
        };
        let err = chart::line(&nev.to_f64(), &options).unwrap_err();
        assert!(err.to_string().contains("chart size"), "{err}");
    }
}

#[test]
fn write_svg_creates_folders_and_names_the_path_on_error() {
    let dir = std::env::temp_dir().join(format!("indstat-chart-test-{}", std::process::id()));
    let (_, nev) = bundled("nev_production");
    let svg = chart::line(&nev.to_f64(), &ChartOptions::default()).unwrap();
    let path = dir.join("a").join("b").join("nev.svg");
    chart::write_svg(&path, &svg).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), svg);

    // A file's path used as a folder cannot be written.
    let bad = path.join("inside.svg");
    let err = chart::write_svg(&bad, &svg).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io { .. }));
    assert!(
        err.to_string().contains(&bad.display().to_string()),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The charts the example writes (NEV output, the 5G rollout, the 96.9% claim) parse and
/// show their series.
#[test]
fn the_example_charts_render() {
    let (data, nev) = bundled("nev_production");
    let fiveg = data.require("fiveg_base_stations").unwrap();
    let nev_svg = chart::bar(
        &nev.to_f64(),
        &ChartOptions {
            sources: chart::source_lines(&data, &nev),
            ..ChartOptions::default()
        },
    )
    .unwrap();
    assert_points(&parse(&nev_svg), "bar", &nev.to_f64());
    let fiveg_svg = chart::line(&fiveg.to_f64(), &ChartOptions::default()).unwrap();
    assert_points(&parse(&fiveg_svg), "point", &fiveg.to_f64());
    let growth = Transform::Pc1.apply(&nev.to_f64()).unwrap();
    let reported = "96.9%"
        .parse::<Figure>()
        .unwrap()
        .interval_in(growth.unit(), &Default::default())
        .unwrap();
    let claim_svg = chart::claim(
        &growth,
        &reported,
        Period::year(2022),
        &ChartOptions::default(),
    )
    .unwrap();
    assert_eq!(with_class(&parse(&claim_svg), "claim-band").len(), 1);
}

/// Runs of consecutive values, as (first index, length).
fn runs(values: &[Option<f64>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, v) in values.iter().chain([&None]).enumerate() {
        match (v.is_some(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i - s));
                start = None;
            }
            _ => {}
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any monthly series with gaps charts without panicking: one point per value, one line
    /// stretch per run of consecutive values, one bar per value.
    #[test]
    fn any_series_charts_with_its_points_and_gaps(
        values in prop::collection::vec(prop::option::weighted(0.8, -1e9f64..1e9), 1..60),
    ) {
        let meta = SeriesMeta::new("p", Unit::number(), Frequency::Monthly, Kind::Flow);
        let present: Vec<bool> = values.iter().map(Option::is_some).collect();
        let dense: Vec<f64> = values.iter().map(|v| v.unwrap_or(0.0)).collect();
        let s = Series::from_dense(meta, Period::month(2020, 1).unwrap(), dense, present).unwrap();
        let line = chart::line(&s, &ChartOptions::default());
        if values.iter().all(Option::is_none) {
            prop_assert!(line.is_err());
            return Ok(());
        }
        let elements = parse(&line.unwrap());
        let points = with_class(&elements, "point");
        prop_assert_eq!(points.len(), values.iter().flatten().count());
        for p in &points {
            let period: Period = p.attr("data-period").unwrap().parse().unwrap();
            prop_assert_eq!(s.value_at(period), Some(p.num("data-value")));
        }
        let multi = runs(&values).into_iter().filter(|(_, n)| *n > 1).count();
        let drawn = segments(&elements).into_iter().filter(|s| s.len() > 1).count();
        prop_assert_eq!(drawn, multi);
        let bars = parse(&chart::bar(&s, &ChartOptions::default()).unwrap());
        prop_assert_eq!(with_class(&bars, "bar").len(), points.len());
    }
}
