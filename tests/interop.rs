//! Integration tests for `indstat::interop`: SDMX-CSV 1.0 and 2.0, and JSON-stat 2.0.
//!
//! The fixtures in `tests/fixtures/` are written by hand after the public specifications
//! (the SDMX-CSV field guide of sdmx-twg/sdmx-csv, and json-stat.org's format page), with the
//! briefing's figures: NEV production 2021 354.5 and 2022 705.8 (10 thousand vehicles, CAAM),
//! GDP 2021 1143670 and 2022 1210207 (100 million yuan, NBS). Each fixture holds the same data,
//! with 2022 provisional (status P) and 2023 missing.

use std::path::{Path, PathBuf};

use indstat::io::{jsonstat, sdmx, status};
use indstat::{
    Dataset, Frequency, Kind, Observation, Period, Precision, Qualifier, ReleaseDate, Rounding,
    Series, SeriesMeta, Source, Unit,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn unit(s: &str) -> Unit {
    s.parse().unwrap()
}

/// What two datasets are compared on. Everything but series lineage by default.
#[derive(Clone, Copy)]
struct Compare {
    series_notes: bool,
    /// Sources' urls, locators and notes.
    source_extras: bool,
    /// Observations without a precision (exact values).
    exact_values: bool,
    /// Sources no value cites, and the order of sources.
    all_sources: bool,
}

const EVERYTHING: Compare = Compare {
    series_notes: true,
    source_extras: true,
    exact_values: true,
    all_sources: true,
};

/// What an SDMX-CSV round trip keeps (see `sdmx::write_csv`).
const SDMX_KEEPS: Compare = Compare {
    series_notes: false,
    source_extras: false,
    exact_values: false,
    all_sources: false,
};

fn observations(s: &Series) -> Vec<(Period, Observation)> {
    s.observations()
        .map(|(p, _)| (p, s.observation(p).unwrap()))
        .collect()
}

/// Asserts that `b` holds what `a` holds: the same series in the same order with the same
/// metadata and observations, and the same sources.
fn assert_same(a: &Dataset, b: &Dataset, compare: Compare) {
    let ids = |d: &Dataset| d.iter().map(|s| s.id().to_string()).collect::<Vec<_>>();
    assert_eq!(ids(a), ids(b), "series ids");
    for sa in a.iter() {
        let sb = b.require(sa.id()).unwrap();
        let (ma, mb) = (sa.meta(), sb.meta());
        let id = sa.id();
        assert_eq!(ma.name, mb.name, "{id}: name");
        assert_eq!(ma.unit, mb.unit, "{id}: unit");
        assert_eq!(ma.frequency, mb.frequency, "{id}: frequency");
        assert_eq!(ma.kind, mb.kind, "{id}: kind");
        assert_eq!(ma.source, mb.source, "{id}: source");
        if compare.series_notes {
            assert_eq!(ma.note, mb.note, "{id}: note");
        }
        let (oa, ob) = (observations(sa), observations(sb));
        assert_eq!(
            oa.iter().map(|o| o.0).collect::<Vec<_>>(),
            ob.iter().map(|o| o.0).collect::<Vec<_>>(),
            "{id}: periods"
        );
        for ((p, x), (_, y)) in oa.iter().zip(&ob) {
            if compare.exact_values || x.precision.is_some() {
                assert_eq!(x, y, "{id} {p}");
            } else {
                assert_eq!(x.value, y.value, "{id} {p}: value");
            }
        }
    }
    let cited: std::collections::BTreeSet<String> = a
        .iter()
        .flat_map(|s| {
            observations(s)
                .into_iter()
                .filter_map(|(_, o)| o.source)
                .chain(s.meta().source.clone())
        })
        .collect();
    let sources = |d: &Dataset| {
        let mut list = d
            .sources()
            .filter(|s| compare.all_sources || cited.contains(&s.id))
            .map(|s| {
                let mut s = s.clone();
                if !compare.source_extras {
                    s.url = None;
                    s.locator = None;
                    s.note = None;
                }
                s
            })
            .collect::<Vec<_>>();
        if !compare.all_sources {
            list.sort_by(|x, y| x.id.cmp(&y.id));
        }
        list
    };
    assert_eq!(sources(a), sources(b), "sources");
}

fn via_sdmx(data: &Dataset) -> Dataset {
    let csv = sdmx::write_csv(data).unwrap();
    sdmx::read_csv(&csv, "written.csv").unwrap_or_else(|e| panic!("{e}\n{csv}"))
}

fn via_jsonstat(data: &Dataset) -> Dataset {
    let json = jsonstat::write(data).unwrap();
    jsonstat::read(&json, "written.json").unwrap_or_else(|e| panic!("{e}\n{json}"))
}

fn sdmx_err(csv: &str) -> String {
    match sdmx::read_csv(csv, "in.csv") {
        Ok(_) => panic!("read without error:\n{csv}"),
        Err(e) => e.to_string(),
    }
}

fn json_err(json: &str) -> String {
    match jsonstat::read(json, "in.json") {
        Ok(_) => panic!("read without error:\n{json}"),
        Err(e) => e.to_string(),
    }
}

// --- SDMX-CSV ---------------------------------------------------------------------------

#[test]
fn sdmx_2_0_reads_the_briefing_figures() {
    let data = sdmx::read_csv_file(fixture("sdmx-2.0.csv")).unwrap();
    let ids: Vec<&str> = data.iter().map(|s| s.id()).collect();
    assert_eq!(ids, ["A.CN.NEV_PROD", "A.CN.GDP"]);

    let nev = data.require("A.CN.NEV_PROD").unwrap();
    assert_eq!(nev.unit(), &unit("万辆"));
    assert_eq!(nev.unit().to_string(), "10 thousand vehicles");
    assert_eq!(nev.meta().name, "New energy vehicle production");
    assert_eq!(nev.frequency(), Frequency::Annual);
    assert_eq!(nev.meta().kind, Kind::Flow);
    assert_eq!(nev.value_at(Period::year(2021)), Some(d("354.5")));
    let o = nev.observation(Period::year(2022)).unwrap();
    assert_eq!(o.value, d("705.8"));
    assert_eq!(o.interval().unwrap().to_string(), "[705.75, 705.85)");
    assert_eq!(status(&o), Some("P"));
    // OBS_STATUS is a field of the observation; COMMENT alone is the note.
    assert_eq!(o.status.as_deref(), Some("P"));
    assert_eq!(
        o.note.as_deref(),
        Some("reported growth +96.9% (on a revised 2021 base)")
    );
    assert_eq!(
        o.source.as_deref(),
        Some("CAAM:NEV_PRODUCTION(1.0)"),
        "the series' source"
    );
    // The empty OBS_VALUE of 2023 is a gap, not an error.
    assert_eq!(nev.value_at(Period::year(2023)), None);
    assert_eq!(nev.count(), 2);

    let gdp = data.require("A.CN.GDP").unwrap();
    assert_eq!(gdp.unit(), &unit("亿元"));
    assert_eq!(gdp.value_at(Period::year(2022)), Some(d("1210207")));
    assert_eq!(
        gdp.interval_at(Period::year(2022))
            .unwrap()
            .unwrap()
            .to_string(),
        "[1210206.5, 1210207.5)"
    );
    let o = gdp.observation(Period::year(2021)).unwrap();
    assert_eq!(
        (o.status.as_deref(), o.note.as_deref()),
        (Some("A"), Some("preliminary, later revised"))
    );

    let caam = data.source("CAAM:NEV_PRODUCTION(1.0)").unwrap();
    assert_eq!(caam.publisher, "CAAM");
    assert_eq!(caam.title, "NEV_PRODUCTION");
    // No LAST_UPDATE for CAAM: the year of its latest period with a value.
    assert_eq!(caam.released, ReleaseDate::year(2022).unwrap());
    assert_eq!(
        caam.note.as_deref(),
        Some("SDMX series key: FREQ.REF_AREA.INDICATOR")
    );
    let nbs = data.source("NBS:NA_MAIN(1.0)").unwrap();
    assert_eq!(nbs.publisher, "NBS");
    assert_eq!(nbs.released.to_string(), "2023-02-28");
    assert_eq!(data.sources().count(), 2);
}

#[test]
fn sdmx_1_0_reads_like_2_0() {
    let v1 = sdmx::read_csv_file(fixture("sdmx-1.0.csv")).unwrap();
    let v2 = sdmx::read_csv_file(fixture("sdmx-2.0.csv")).unwrap();
    assert_same(&v1, &v2, EVERYTHING);
}

#[test]
fn sdmx_round_trips() {
    for name in ["sdmx-2.0.csv", "sdmx-1.0.csv"] {
        let data = sdmx::read_csv_file(fixture(name)).unwrap();
        let csv = sdmx::write_csv(&data).unwrap();
        assert!(
            csv.starts_with(
                "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,DECIMALS,OBS_STATUS,COMMENT,SERIES_NAME,KIND,RELEASED\n\
                 dataflow,CAAM:NEV_PRODUCTION(1.0),I,A,CN,NEV_PROD,2021,354.5,VEHICLES,4,1,A,,New energy vehicle production,flow,2022\n"
            ),
            "{csv}"
        );
        let again = sdmx::read_csv(&csv, "written.csv").unwrap();
        assert_same(&data, &again, EVERYTHING);
        // Writing what was read back gives the same text.
        assert_eq!(sdmx::write_csv(&again).unwrap(), csv);
    }
}

#[test]
fn unit_mult_maps_to_chinese_scales() {
    let csv = "\
DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT
X:F(1.0),NEV,2022,705.8,VEHICLES,4
X:F(1.0),GDP,2022,1210207,CNY,8
X:F(1.0),RACKS,2022,6.5,RACKS,6
X:F(1.0),SHARE,2022,33.2,PC,
X:F(1.0),CHANGE,2022,0.3,PPT,0
X:F(1.0),STEEL,2022,101796,T,4
X:F(1.0),INDEX,2022,103.4,_Z,
X:F(1.0),PRICE,2022,18.45,CNY_PER_VEHICLE,4
";
    let data = sdmx::read_csv(csv, "units.csv").unwrap();
    let unit_of = |id: &str| data.require(id).unwrap().unit().clone();
    assert_eq!(unit_of("NEV"), unit("万辆"));
    assert_eq!(unit_of("GDP"), unit("亿元"));
    assert_eq!(unit_of("RACKS"), unit("million racks"));
    assert_eq!(unit_of("SHARE"), Unit::percent());
    assert_eq!(unit_of("CHANGE"), Unit::percentage_points());
    assert_eq!(unit_of("STEEL"), unit("万吨"));
    assert_eq!(unit_of("INDEX"), Unit::number());
    assert_eq!(unit_of("PRICE"), unit("10 thousand yuan per vehicle"));
    // Percent is a rate; the others flows.
    assert_eq!(data.require("SHARE").unwrap().meta().kind, Kind::Rate);
    assert_eq!(data.require("NEV").unwrap().meta().kind, Kind::Flow);
    // Without FREQ the frequency comes from the period; without RELEASED the source is dated
    // by the latest period.
    assert_eq!(data.require("NEV").unwrap().frequency(), Frequency::Annual);
    assert_eq!(
        data.source("X:F(1.0)").unwrap().released,
        ReleaseDate::year(2022).unwrap()
    );
    assert_same(&data, &via_sdmx(&data), EVERYTHING);
}

#[test]
fn decimals_give_the_precision() {
    let csv = "\
DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,DECIMALS
CAAM:NEV(1.0),ONE,2022,705.8,VEHICLES,4,1
CAAM:NEV(1.0),TWO,2022,705.8,VEHICLES,4,2
CAAM:NEV(1.0),WRITTEN,2022,705.80,VEHICLES,4,
CAAM:NEV(1.0),NONE,2022,5200,VEHICLES,4,0
CAAM:NEV(1.0),MORE,2022,705.83,VEHICLES,4,1
";
    let data = sdmx::read_csv(csv, "decimals.csv").unwrap();
    let at = |id: &str| {
        data.require(id)
            .unwrap()
            .observation(Period::year(2022))
            .unwrap()
    };
    assert_eq!(
        at("ONE").interval().unwrap().to_string(),
        "[705.75, 705.85)"
    );
    assert_eq!(
        at("TWO").interval().unwrap().to_string(),
        "[705.795, 705.805)"
    );
    assert_eq!(
        at("WRITTEN").precision,
        Some(Precision {
            written: -2,
            significant: -2
        })
    );
    assert_eq!(
        at("NONE").precision,
        Some(Precision {
            written: 0,
            significant: 2
        })
    );
    assert_eq!(
        at("MORE").precision,
        Some(Precision {
            written: -1,
            significant: -1
        })
    );
    assert_same(&data, &via_sdmx(&data), EVERYTHING);
}

#[test]
fn periods_in_sdmx_forms_give_the_frequency() {
    let csv = "\
DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE
X:F,H,2022-S1,1
X:F,H,2022-S2,2
X:F,Q,2022-Q4,3
X:F,M,2022-M03,4
X:F,M,2022-04,5
X:F,A,2022-A1,6
X:F,OWN,2022Q3,7
";
    let data = sdmx::read_csv(csv, "periods.csv").unwrap();
    let freq = |id: &str| data.require(id).unwrap().frequency();
    assert_eq!(freq("H"), Frequency::Half);
    assert_eq!(freq("Q"), Frequency::Quarterly);
    assert_eq!(freq("M"), Frequency::Monthly);
    assert_eq!(freq("A"), Frequency::Annual);
    assert_eq!(freq("OWN"), Frequency::Quarterly);
    assert_eq!(
        data.require("M")
            .unwrap()
            .value_at(Period::month(2022, 3).unwrap()),
        Some(d("4"))
    );
    let csv = sdmx::write_csv(&data).unwrap();
    assert!(
        csv.contains(",H,2022-S1,1,") && csv.contains(",Q,2022-Q4,3,"),
        "{csv}"
    );
    assert_same(&data, &via_sdmx(&data), EVERYTHING);
}

#[test]
fn sdmx_with_labels_semicolons_and_decimal_commas() {
    // The localisation example of the SDMX-CSV 2.0 field guide: `;` between fields, `,` as the
    // decimal separator, ids and names written `ID: name`.
    let csv = "\
STRUCTURE[|];STRUCTURE_ID;ACTION;SERIES_KEY;OBS_KEY;FREQ: Fréquence;INDICATOR: Indicateur;TIME_PERIOD: Période;OBS_VALUE: Valeur;UNIT_MEASURE: Unité;UNIT_MULT: Multiplicateur;DECIMALS: Décimales
dataflow;CAAM:NEV(1.0): Production de véhicules à énergie nouvelle;I;A.NEV_PROD;A.NEV_PROD.2021;A: Annuel;NEV_PROD: Production VEN;2021: 2021;354,5;VEHICLES: Véhicules;4: Dix mille;1: Un
dataflow;CAAM:NEV(1.0): Production de véhicules à énergie nouvelle;I;A.NEV_PROD;A.NEV_PROD.2022;A: Annuel;NEV_PROD: Production VEN;2022: 2022;705,8;VEHICLES: Véhicules;4: Dix mille;1: Un
";
    let data = sdmx::read_csv(csv, "labels.csv").unwrap();
    let nev = data.require("A.NEV_PROD").unwrap();
    assert_eq!(nev.unit(), &unit("万辆"));
    assert_eq!(nev.value_at(Period::year(2022)), Some(d("705.8")));
    let source = data.source("CAAM:NEV(1.0)").unwrap();
    assert_eq!(source.title, "Production de véhicules à énergie nouvelle");

    // labels=name: a name column after each component, and STRUCTURE_NAME.
    let csv = "\
STRUCTURE,STRUCTURE_ID,STRUCTURE_NAME,ACTION,FREQ,Frequency,INDICATOR,Indicator,TIME_PERIOD,Time,OBS_VALUE,Observation value,UNIT_MEASURE,Unit,UNIT_MULT,Multiplier
dataflow,CAAM:NEV(1.0),NEV production,I,A,Annual,NEV_PROD,NEV production,2022,2022,705.8,,VEHICLES,Vehicles,4,Ten thousands
";
    let named = sdmx::read_csv(csv, "names.csv").unwrap();
    assert_eq!(
        named
            .require("A.NEV_PROD")
            .unwrap()
            .value_at(Period::year(2022)),
        Some(d("705.8"))
    );
    assert_eq!(
        named.source("CAAM:NEV(1.0)").unwrap().title,
        "NEV production"
    );
}

#[test]
fn a_row_in_another_unit_multiplier_is_converted_exactly() {
    let csv = "\
DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,DECIMALS
CAAM:NEV(1.0),NEV_PROD,2021,354.5,VEHICLES,4,1
CAAM:NEV(1.0),NEV_PROD,2022,7.058,VEHICLES,6,3
";
    let data = sdmx::read_csv(csv, "mixed.csv").unwrap();
    let nev = data.require("NEV_PROD").unwrap();
    assert_eq!(nev.unit(), &unit("万辆"));
    let o = nev.observation(Period::year(2022)).unwrap();
    assert_eq!(o.value, d("705.8"));
    assert_eq!(o.interval().unwrap().to_string(), "[705.75, 705.85)");
    // Another unit of measure is not convertible.
    let bad = csv.replace("7.058,VEHICLES,6", "7.058,CNY,6");
    let err = sdmx_err(&bad);
    assert!(
        err.starts_with("in.csv line 3: series `NEV_PROD`: unit `million yuan` cannot convert to `10 thousand vehicles`"),
        "{err}"
    );
}

#[test]
fn several_dataflows_with_one_key_make_one_series() {
    let csv = "\
DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,RELEASED
CAAM:NEV(2023),NEV_PROD,2022,705.8,VEHICLES,4,2023-01-12
CAAM:NEV(2022),NEV_PROD,2021,354.5,VEHICLES,4,2022-01-12
";
    let data = sdmx::read_csv(csv, "flows.csv").unwrap();
    let nev = data.require("NEV_PROD").unwrap();
    assert_eq!(nev.meta().source.as_deref(), Some("CAAM:NEV(2023)"));
    assert_eq!(
        data.source_of("NEV_PROD", Period::year(2021))
            .unwrap()
            .released
            .to_string(),
        "2022-01-12"
    );
    assert_eq!(
        data.source_of("NEV_PROD", Period::year(2022))
            .unwrap()
            .released
            .to_string(),
        "2023-01-12"
    );
    assert_same(&data, &via_sdmx(&data), EVERYTHING);
    assert_same(&data, &via_jsonstat(&data), EVERYTHING);
}

#[test]
fn precision_coarser_than_units_moves_into_unit_mult() {
    // 37.3 trillion yuan stored in 100 million yuan: 373000, known to the thousands.
    let mut data = Dataset::new();
    data.insert_source(Source::new(
        "nbs",
        "NBS",
        "Communiqué",
        "2023-02-28".parse().unwrap(),
    ))
    .unwrap();
    let mut s = Series::new(
        SeriesMeta::new("iva", unit("亿元"), Frequency::Annual, Kind::Flow).with_source("nbs"),
    );
    let o =
        Observation::from_figure(&"37.3 trillion yuan".parse().unwrap(), &unit("亿元")).unwrap();
    assert_eq!(o.interval().unwrap().to_string(), "[372500, 373500)");
    s.insert_observation(Period::year(2021), o).unwrap();
    s.insert(Period::year(2022), d("401644")).unwrap();
    data.insert_series(s).unwrap();
    let csv = sdmx::write_csv(&data).unwrap();
    // A series-level row gives the series' unit, then 373 × 10^11 yuan with no decimals.
    assert!(
        csv.contains("dataflow,nbs,I,iva,,,CNY,8,,,,iva,A,flow,2023-02-28,NBS,Communiqué\n"),
        "{csv}"
    );
    assert!(
        csv.contains("dataflow,nbs,I,iva,2021,373,CNY,11,0,"),
        "{csv}"
    );
    let again = sdmx::read_csv(&csv, "iva.csv").unwrap();
    assert_same(&data, &again, SDMX_KEEPS);
    assert_eq!(
        again
            .require("iva")
            .unwrap()
            .interval_at(Period::year(2021))
            .unwrap()
            .unwrap()
            .to_string(),
        "[372500, 373500)"
    );
}

#[test]
fn empty_series_survive_both_formats() {
    let mut data = Dataset::new();
    data.insert_source(Source::new(
        "src",
        "MIIT",
        "Briefing",
        "2023-03-01".parse().unwrap(),
    ))
    .unwrap();
    let meta = SeriesMeta::new("planned", unit("万个"), Frequency::Quarterly, Kind::Stock)
        .with_source("src")
        .with_name("Planned base stations");
    data.insert_series(Series::new(meta)).unwrap();
    assert_same(&data, &via_sdmx(&data), SDMX_KEEPS);
    assert_same(&data, &via_jsonstat(&data), EVERYTHING);
}

#[test]
fn bundled_data_round_trips_through_sdmx() {
    let data = Dataset::bundled().unwrap();
    let once = via_sdmx(&data);
    assert_same(&data, &once, SDMX_KEEPS);
    assert_same(&once, &via_sdmx(&once), EVERYTHING);
}

#[test]
fn bundled_data_round_trips_through_jsonstat() {
    let data = Dataset::bundled().unwrap();
    assert_same(&data, &via_jsonstat(&data), EVERYTHING);
}

#[test]
fn sdmx_errors_name_the_line() {
    let good = text("sdmx-2.0.csv");
    let cases = [
        (
            good.replace("I,A,CN,NEV_PROD,2022,", "I,A,CN,NEV_PROD,2022-W05,"),
            "in.csv line 3: series `A.CN.NEV_PROD`: invalid period `2022-W05`: weekly, daily and trimester periods are not supported",
        ),
        (
            good.replace(",705.8,", ",705.8 thousand,"),
            "in.csv line 3: series `A.CN.NEV_PROD`: invalid value `705.8 thousand`: expected plain decimal text",
        ),
        (
            good.replace("2022,705.8,VEHICLES,4,", "2022,705.8,VEHICLES,99,"),
            "in.csv line 3: series `A.CN.NEV_PROD`: invalid UNIT_MULT `99`: expected a power of ten from 0 to 14",
        ),
        (
            good.replace("2021,1143670,CNY,8,0,", "2021,1143670,CNY,8,-1,"),
            "in.csv line 5: series `A.CN.GDP`: invalid decimals `-1`",
        ),
        (
            good.replace("(1.0),I,A,CN,GDP,2022", "(1.0),D,A,CN,GDP,2022"),
            "in.csv line 6: ACTION D deletes data",
        ),
        (
            good.replace("I,A,CN,GDP,2022", "I,W,CN,GDP,2022"),
            "in.csv line 6: series `W.CN.GDP`: invalid FREQ `W`",
        ),
        (
            good.replace("I,A,CN,GDP,2022", "I,Q,CN,GDP,2022"),
            "in.csv line 6: series `Q.CN.GDP`: period `2022` is not quarterly",
        ),
        (
            good.replace("2022,1210207", "2021,1210207"),
            "in.csv line 6: series `A.CN.GDP`: a second row for 2021 (the first is on line 5)",
        ),
        (
            good.replace("2022,705.8,VEHICLES", "2022,705.8,VEHI$LES"),
            "in.csv line 3: series `A.CN.NEV_PROD`: invalid unit code `VEHI$LES`",
        ),
        (
            good.replace("I,A,CN,GDP,2022,", "I,A,CN,GDP,2022,\"1,"),
            "in.csv line 6: the row has",
        ),
        (
            good.replace("TIME_PERIOD", "TIME"),
            "in.csv line 1: no TIME_PERIOD column",
        ),
        (
            good.replace("OBS_CONF", "OBS_STATUS"),
            "in.csv line 1: column `OBS_STATUS` is given twice",
        ),
        (
            "series,period,value\ngdp,2022,1210207\n".to_string(),
            "in.csv line 1: not SDMX-CSV",
        ),
        (
            good.replace("STRUCTURE_ID", "ID"),
            "in.csv line 1: SDMX-CSV 2.0: the second column must be STRUCTURE_ID",
        ),
        (
            good.replace(
                "dataflow,NBS:NA_MAIN(1.0),I,A,CN,GDP,2022",
                "dataflow,,I,A,CN,GDP,2022",
            ),
            "in.csv line 6: the dataflow cell",
        ),
        (
            good.replace(
                "revised\",2023-02-28T09:30:00+08:00",
                "revised\",28 February",
            ),
            "in.csv line 5: dataflow `NBS:NA_MAIN(1.0)`: invalid date",
        ),
    ];
    for (csv, expected) in cases {
        let err = sdmx_err(&csv);
        assert!(
            err.starts_with(expected),
            "expected `{expected}`, got `{err}`"
        );
    }
}

// --- JSON-stat --------------------------------------------------------------------------

#[test]
fn jsonstat_reads_the_briefing_figures() {
    let data = jsonstat::read_file(fixture("jsonstat.json")).unwrap();
    let ids: Vec<&str> = data.iter().map(|s| s.id()).collect();
    assert_eq!(ids, ["CN.NEV_PROD", "CN.GDP"]);
    let nev = data.require("CN.NEV_PROD").unwrap();
    assert_eq!(nev.meta().name, "China, New energy vehicle production");
    assert_eq!(nev.unit(), &unit("万辆"));
    assert_eq!(nev.frequency(), Frequency::Annual);
    assert_eq!(nev.value_at(Period::year(2021)), Some(d("354.5")));
    assert_eq!(nev.value_at(Period::year(2023)), None);
    let o = nev.observation(Period::year(2022)).unwrap();
    assert_eq!(o.interval().unwrap().to_string(), "[705.75, 705.85)");
    assert_eq!(status(&o), Some("P"));
    assert_eq!((o.status.as_deref(), o.note.as_deref()), (Some("P"), None));
    assert_eq!(o.source.as_deref(), Some("jsonstat"));
    let gdp = data.require("CN.GDP").unwrap();
    assert_eq!(gdp.unit(), &unit("亿元"));
    assert_eq!(gdp.value_at(Period::year(2022)), Some(d("1210207")));
    let source = data.source("jsonstat").unwrap();
    assert_eq!(source.publisher, "CAAM; NBS");
    assert_eq!(
        source.title,
        "China: new energy vehicle production and gross domestic product"
    );
    assert_eq!(source.released.to_string(), "2023-02-28");
}

#[test]
fn jsonstat_round_trips() {
    let data = jsonstat::read_file(fixture("jsonstat.json")).unwrap();
    let json = jsonstat::write(&data).unwrap();
    let again = jsonstat::read(&json, "written.json").unwrap();
    assert_same(&data, &again, EVERYTHING);
    assert_eq!(jsonstat::write(&again).unwrap(), json);
    // The written document is JSON-stat 2.0 with the units in the metric dimension.
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["class"], "dataset");
    assert_eq!(v["version"], "2.0");
    assert_eq!(v["role"]["time"][0], "time");
    assert_eq!(
        v["dimension"]["series"]["category"]["unit"]["CN.NEV_PROD"],
        serde_json::json!({ "label": "10 thousand vehicles", "decimals": 1 })
    );
    // 2023 has no value in any series: the time dimension is 2021 and 2022.
    assert_eq!(v["size"], serde_json::json!([2, 2]));
    assert_eq!(v["value"][1], serde_json::json!(705.8));
}

#[test]
fn sdmx_to_jsonstat_and_back_keeps_everything() {
    let data = sdmx::read_csv_file(fixture("sdmx-2.0.csv")).unwrap();
    assert_same(&data, &via_jsonstat(&data), EVERYTHING);
    // And JSON-stat to SDMX keeps what SDMX can hold.
    let json = jsonstat::read_file(fixture("jsonstat.json")).unwrap();
    let once = via_sdmx(&json);
    assert_same(&json, &once, SDMX_KEEPS);
    assert_same(&once, &via_sdmx(&once), EVERYTHING);
}

#[test]
fn jsonstat_forms_of_index_value_and_status() {
    // Object index, sparse values, one status for all, no role (a dimension named `time`),
    // numeric strings.
    let json = r#"{
      "version": "2.0", "class": "dataset",
      "id": ["concept", "time"], "size": [2, 2],
      "dimension": {
        "concept": { "category": { "index": { "sales": 1, "production": 0 },
          "unit": { "production": { "label": "万辆", "decimals": 1 },
                    "sales": { "label": "万辆", "decimals": 1 } } } },
        "time": { "category": { "index": { "2022": 1, "2021": 0 } } }
      },
      "value": { "0": 354.5, "1": "705.8", "3": 688.7 },
      "status": "E"
    }"#;
    let data = jsonstat::read(json, "sparse.json").unwrap();
    let ids: Vec<&str> = data.iter().map(|s| s.id()).collect();
    assert_eq!(ids, ["production", "sales"]);
    let sales = data.require("sales").unwrap();
    assert_eq!(sales.value_at(Period::year(2021)), None);
    assert_eq!(sales.value_at(Period::year(2022)), Some(d("688.7")));
    assert_eq!(
        status(&sales.observation(Period::year(2022)).unwrap()),
        Some("E")
    );
    assert_eq!(data.sources().count(), 0);
    assert_same(&data, &via_jsonstat(&data), EVERYTHING);

    // A status array, monthly and quarterly periods in SDMX and indstat forms.
    let json = r#"{
      "version": "2.0", "class": "dataset",
      "id": ["month"], "size": [3], "role": { "time": ["month"] },
      "dimension": { "month": { "category": { "index": ["2022-M01", "2022-02", "2022M03"] } } },
      "value": [1, null, 3], "status": ["A", null, "P"]
    }"#;
    let data = jsonstat::read(json, "months.json").unwrap();
    let s = data.require("series").unwrap();
    assert_eq!(s.frequency(), Frequency::Monthly);
    assert_eq!(s.count(), 2);
    assert_eq!(
        status(&s.observation(Period::month(2022, 3).unwrap()).unwrap()),
        Some("P")
    );
}

#[test]
fn jsonstat_errors_name_the_key() {
    let good = text("jsonstat.json");
    let cases = [
        (
            good.replace("\"class\": \"dataset\"", "\"class\": \"collection\""),
            "in.json: key `class`: only JSON-stat datasets (class \"dataset\") are supported, not \"collection\"",
        ),
        (
            good.replace("\"class\": \"dataset\",", ""),
            "in.json: key `class`: missing",
        ),
        (
            good.replace(
                "[354.5, 705.8, null, 1143670, 1210207, null]",
                "[354.5, 705.8, null, 1143670, 1210207]",
            ),
            "in.json: key `value`: has 5 values but `size` gives 6 (1 × 2 × 3)",
        ),
        (
            good.replace("\"size\": [1, 2, 3]", "\"size\": [1, 2, 4]"),
            "in.json: key `dimension.year.category.index`: has 3 categories but `size` gives 4",
        ),
        (
            good.replace("\"size\": [1, 2, 3]", "\"size\": [1, 2]"),
            "in.json: key `size`: has 2 entries but `id` has 3",
        ),
        (
            good.replace("\"2023\"]", "\"2023-W01\"]"),
            "in.json: key `dimension.year.category.index`: invalid period `2023-W01`",
        ),
        (
            good.replace("705.8,", "\"705.8万\","),
            "in.json: key `value[1]`: invalid value `705.8万`",
        ),
        (
            good.replace(
                "\"label\": \"10 thousand vehicles\"",
                "\"label\": \"10 thousand %\"",
            ),
            "in.json: key `dimension.indicator.category.unit.NEV_PROD.label`: invalid unit",
        ),
        (
            good.replace("\"decimals\": 1", "\"decimals\": -1"),
            "in.json: key `dimension.indicator.category.unit.NEV_PROD.decimals`: invalid decimals",
        ),
        (
            good.replace(
                "{ \"NEV_PROD\": 0, \"GDP\": 1 }",
                "{ \"NEV_PROD\": 0, \"GDP\": 5 }",
            ),
            "in.json: key `dimension.indicator.category.index.GDP`: expected a position from 0 to 1",
        ),
        (
            good.replace(
                "\"role\": { \"time\": [\"year\"],",
                "\"role\": { \"time\": [\"year\", \"area\"],",
            ),
            "in.json: key `role.time`: more than one time dimension",
        ),
        (
            good.replace("\"4\": \"P\"", "\"6\": \"P\""),
            "in.json: key `status.6`: expected an index from 0 to 5",
        ),
        (
            good.replace(
                "\"updated\": \"2023-02-28T09:30:00Z\"",
                "\"updated\": \"last week\"",
            ),
            "in.json: key `updated`: invalid date",
        ),
        (
            good.replace("\"time\": [\"year\"]", "\"time\": [\"when\"]"),
            "in.json: key `role.time`: `when` is not a dimension of `id`",
        ),
        (
            good.replace("\"size\": [1, 2, 3],", "\"size\": [1, 2, 3]"),
            "in.json line 9: not valid JSON: expected `,` or `}`",
        ),
        (
            "[1, 2, 3]".to_string(),
            "in.json: key `(document)`: not a JSON-stat dataset",
        ),
    ];
    for (json, expected) in cases {
        let err = json_err(&json);
        assert!(
            err.starts_with(expected),
            "expected `{expected}`, got `{err}`"
        );
    }
}

#[test]
fn writers_refuse_what_they_could_not_read_back() {
    let mut data = Dataset::new();
    let meta = SeriesMeta::new("gdp", unit("亿元"), Frequency::Annual, Kind::Flow);
    let mut s = Series::new(meta.clone().with_source("nowhere"));
    s.insert(Period::year(2022), d("1210207")).unwrap();
    data.insert_series(s).unwrap();
    let err = jsonstat::write(&data).unwrap_err().to_string();
    assert_eq!(err, "series `gdp`: source `nowhere` not found");
    let err = sdmx::write_csv(&data).unwrap_err().to_string();
    assert!(err.contains("source `nowhere` not found"), "{err}");

    // SDMX-CSV needs a dataflow for every row.
    let mut data = Dataset::new();
    let mut s = Series::new(meta);
    s.insert(Period::year(2022), d("1210207")).unwrap();
    data.insert_series(s).unwrap();
    let err = sdmx::write_csv(&data).unwrap_err().to_string();
    assert!(
        err.contains("series `gdp`") && err.contains("no source"),
        "{err}"
    );
    // JSON-stat has no such need.
    assert_same(&data, &via_jsonstat(&data), EVERYTHING);
}

// --- Properties ---------------------------------------------------------------------------

/// The fixture with `insert` put in place of the characters `at..at + cut`.
fn mutate(text: &str, at: usize, cut: usize, insert: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + cut).min(chars.len());
    chars[..at]
        .iter()
        .chain(insert.chars().collect::<Vec<_>>().iter())
        .chain(chars[end..].iter())
        .collect()
}

/// JSON values that stress the cube arithmetic.
fn json_piece() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::json;
    prop::sample::select(vec![
        json!(null),
        json!(0),
        json!(1),
        json!(2),
        json!(-1),
        json!(1e300),
        json!(18446744073709551615u64),
        json!(0.5),
        json!("2022"),
        json!("x"),
        json!([]),
        json!([1]),
        json!([0, 0]),
        json!([3, 1000000000]),
        json!([null, 1, "2"]),
        json!({}),
        json!({ "0": 1, "99": 2 }),
        json!({ "index": ["a", "a"] }),
        json!({ "index": { "a": 0, "b": 0 } }),
        json!({ "index": { "a": 7 } }),
        json!({ "label": { "a": "A" } }),
    ])
}

const KEYS: [&str; 8] = [
    "/id",
    "/size",
    "/value",
    "/status",
    "/role/time",
    "/dimension/year/category",
    "/dimension/indicator/category/index",
    "/dimension/indicator/category/unit/GDP",
];

/// A dataset of a few series with varied units, frequencies, precisions, qualifiers, statuses
/// and sources.
fn any_dataset() -> impl Strategy<Value = Dataset> {
    let units = prop::sample::select(vec![
        "万辆",
        "亿元",
        "percent",
        "pp",
        "万吨",
        "number",
        "million",
        "10 thousand base stations",
        "yuan per vehicle",
        "trillion yuan",
    ]);
    let observation = (
        0i32..30,
        1u32..=12,
        -1_000_000_000i64..1_000_000_000,
        0u32..4,
        0usize..5,
        0usize..4,
        0usize..4,
        any::<bool>(),
    );
    let series = (
        "[a-z]{1,4}(\\.[A-Z][A-Z0-9_]{0,3}){0,2}",
        "[A-Z][a-z]{0,8}",
        units,
        0usize..4,
        0usize..3,
        any::<bool>(),
        prop::collection::vec(observation, 0..6),
    );
    prop::collection::vec(series, 1..4).prop_map(|list| {
        let mut data = Dataset::new();
        data.insert_source(Source::new(
            "CAAM:NEV(1.0)",
            "CAAM",
            "NEV",
            "2023-01-12".parse().unwrap(),
        ))
        .unwrap();
        let mut folder = Source::new(
            "nbs-2023-02-28",
            "NBS",
            "Statistical communiqué",
            "2023-02-28".parse().unwrap(),
        );
        folder.note = Some("preliminary".into());
        data.insert_source(folder).unwrap();
        let sources = ["CAAM:NEV(1.0)", "nbs-2023-02-28"];
        for (i, (id, name, unit_text, freq, kind, source, obs)) in list.into_iter().enumerate() {
            let id = format!("{id}{i}");
            let u = unit(unit_text);
            let frequency = Frequency::ALL[freq];
            let kind = [Kind::Flow, Kind::Stock, Kind::Rate][kind];
            let meta = SeriesMeta::new(id, u.clone(), frequency, kind)
                .with_name(name)
                .with_source(sources[usize::from(source)]);
            let mut s = Series::new(meta);
            for (year, sub, mantissa, scale, qualifier, note, precision, own_source) in obs {
                let n = frequency.periods_per_year();
                let period = Period::new(frequency, 2000 + year, (sub - 1) % n + 1).unwrap();
                let mut o = Observation::new(Decimal::new(mantissa, scale));
                o.qualifier = [
                    Qualifier::Plain,
                    Qualifier::MoreThan,
                    Qualifier::Nearly,
                    Qualifier::About,
                    Qualifier::Plain,
                ][qualifier];
                let (status, comment) = [
                    (None, None),
                    (Some("P"), None),
                    (Some("E"), Some("estimated by the office")),
                    (None, Some("a plain note")),
                ][note];
                o.status = status.map(str::to_string);
                o.note = comment.map(str::to_string);
                match precision {
                    1 => o.precision = None,
                    2 => o.rounding = Rounding::Truncate,
                    3 if scale == 0
                        && !matches!(
                            u.dimension(),
                            indstat::Dimension::Percent | indstat::Dimension::PercentagePoint
                        ) =>
                    {
                        // Known only to the 10^shift: as a figure in a larger unit.
                        let shift = 2u32.min(14 - u.scale().exponent());
                        let value = Decimal::from(mantissa) * Decimal::from(10i64.pow(shift));
                        let mut zeros = 0;
                        let mut m = mantissa.unsigned_abs();
                        while m != 0 && m % 10 == 0 {
                            m /= 10;
                            zeros += 1;
                        }
                        o = Observation { value, ..o };
                        o.precision = Some(Precision {
                            written: shift as i32,
                            significant: shift as i32 + zeros,
                        });
                    }
                    _ => {}
                }
                if own_source {
                    o.source = Some(sources[usize::from(!source)].to_string());
                    o.locator = Some("table 2".into());
                }
                let _ = s.insert_observation(period, o);
            }
            data.insert_series(s).unwrap();
        }
        data
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn readers_never_panic_on_any_text(s in "\\PC{0,300}") {
        let _ = sdmx::read_csv(&s, "any.csv");
        let _ = jsonstat::read(&s, "any.json");
        let header = format!("STRUCTURE,STRUCTURE_ID,ACTION,FREQ,TIME_PERIOD,OBS_VALUE,UNIT_MULT,DECIMALS\n{s}");
        let _ = sdmx::read_csv(&header, "any.csv");
        let header = format!("DATAFLOW;TIME_PERIOD: Time;OBS_VALUE\n{s}");
        let _ = sdmx::read_csv(&header, "any.csv");
    }

    #[test]
    fn readers_never_panic_on_damaged_fixtures(
        at in 0usize..2000,
        cut in 0usize..8,
        insert in "[,;\"\\n0-9A-Za-z:.\\-\\[\\]{} ]{0,8}",
    ) {
        for name in ["sdmx-2.0.csv", "sdmx-1.0.csv"] {
            let _ = sdmx::read_csv(&mutate(&text(name), at, cut, &insert), name);
        }
        let _ = jsonstat::read(&mutate(&text("jsonstat.json"), at, cut, &insert), "jsonstat.json");
    }

    #[test]
    fn jsonstat_reader_never_panics_on_odd_structures(
        picks in prop::collection::vec((0usize..KEYS.len(), json_piece()), 1..4),
    ) {
        let mut doc: serde_json::Value = serde_json::from_str(&text("jsonstat.json")).unwrap();
        for (key, piece) in picks {
            if let Some(slot) = doc.pointer_mut(KEYS[key]) {
                *slot = piece;
            }
        }
        let _ = jsonstat::read(&doc.to_string(), "odd.json");
    }

    #[test]
    fn any_dataset_round_trips_through_jsonstat(data in any_dataset()) {
        assert_same(&data, &via_jsonstat(&data), EVERYTHING);
    }

    #[test]
    fn any_dataset_round_trips_through_sdmx(data in any_dataset()) {
        let once = via_sdmx(&data);
        assert_same(&data, &once, SDMX_KEEPS);
        assert_same(&once, &via_sdmx(&once), EVERYTHING);
    }
}

/// JSON-stat numbers keep the digits they were written with: `705.80` has two decimals (so its
/// interval is ±0.005, not ±0.05), and 20-digit values, past what an f64 holds, are exact.
#[test]
fn jsonstat_numbers_keep_their_written_digits() {
    let json = r#"{"version": "2.0", "class": "dataset", "id": ["year"], "size": [3],
      "dimension": {"year": {"category": {"index": ["2020", "2021", "2022"]}}},
      "value": [705.80, 98765432109876543210, 1234567890.1234567891]}"#;
    let data = jsonstat::read(json, "digits.json").unwrap();
    let s = data.require("series").unwrap();
    let at = |y: i32| s.observation(Period::year(y)).unwrap();
    assert_eq!(at(2020).value.to_string(), "705.80");
    assert_eq!(at(2020).precision.map(|p| p.written), Some(-2));
    assert_eq!(
        at(2020).interval().unwrap().to_string(),
        "[705.795, 705.805)"
    );
    assert_eq!(at(2021).value, d("98765432109876543210"));
    assert_eq!(at(2022).value, d("1234567890.1234567891"));
    // The same cells keyed by index (the object form of `value`) read the same way.
    let keyed = json.replace(
        "[705.80, 98765432109876543210, 1234567890.1234567891]",
        r#"{"2": 1234567890.1234567891, "0": 705.80}"#,
    );
    let data = jsonstat::read(&keyed, "digits.json").unwrap();
    let s = data.require("series").unwrap();
    assert_eq!(s.value_at(Period::year(2020)), Some(d("705.80")));
    assert_eq!(
        s.value_at(Period::year(2020))
            .map(|v| v.to_string())
            .as_deref(),
        Some("705.80")
    );
    assert_eq!(
        s.value_at(Period::year(2022)),
        Some(d("1234567890.1234567891"))
    );
    // Past a Decimal's 28 digits is an error naming the cell, not a rounded value.
    let huge = json.replace("705.80", "123456789012345678901234567890");
    let err = jsonstat::read(&huge, "digits.json")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("value[0]") && err.contains("123456789012345678901234567890"),
        "{err}"
    );
}

/// Rows and cells in descending period order land in their periods (the readers widen each
/// series' span once instead of moving its values per row), with no slot outside the span.
#[test]
fn descending_periods_land_in_their_periods() {
    let mut csv = String::from("DATAFLOW,FREQ,INDICATOR,TIME_PERIOD,OBS_VALUE\n");
    for year in (1990..2023).rev() {
        csv.push_str(&format!("X:F(1.0),A,V,{year},{}.5\n", year - 1900));
    }
    let data = sdmx::read_csv(&csv, "desc.csv").unwrap();
    let v = data.require("A.V").unwrap();
    assert_eq!(v.len(), 33);
    for year in 1990..2023 {
        assert_eq!(
            v.value_at(Period::year(year)),
            Some(d(&format!("{}.5", year - 1900)))
        );
    }

    let years: Vec<String> = (2000..2010).rev().map(|y| format!("\"{y}\"")).collect();
    let values: Vec<String> = (2000..2010)
        .rev()
        .map(|y| format!("{}.25", y - 1990))
        .collect();
    let json = format!(
        r#"{{"version": "2.0", "class": "dataset", "id": ["year"], "size": [10],
        "dimension": {{"year": {{"category": {{"index": [{}]}}}}}}, "value": [{}]}}"#,
        years.join(","),
        values.join(",")
    );
    let data = jsonstat::read(&json, "desc.json").unwrap();
    let s = data.require("series").unwrap();
    assert_eq!(s.len(), 10);
    for year in 2000..2010 {
        assert_eq!(
            s.value_at(Period::year(year)),
            Some(d(&format!("{}.25", year - 1990)))
        );
    }
}

/// Of several unknown series in `extension.indstat.observations`, the error names the first in
/// id order, every run (it named whichever a hash map gave first).
#[test]
fn jsonstat_names_the_first_unknown_series_of_the_extension() {
    let text = std::fs::read_to_string(fixture("jsonstat.json")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let ids = ["zz", "mm", "qq", "bb", "yy", "cc", "xx", "dd", "ww", "ee"];
    let observations: serde_json::Map<String, serde_json::Value> = ids
        .iter()
        .map(|id| {
            (
                id.to_string(),
                serde_json::json!({ "2022": { "note": "n" } }),
            )
        })
        .collect();
    doc["extension"] = serde_json::json!({ "indstat": { "observations": observations } });
    let json = doc.to_string();
    for _ in 0..5 {
        let err = json_err(&json);
        assert!(err.contains("series `bb` has no values"), "{err}");
    }
}
