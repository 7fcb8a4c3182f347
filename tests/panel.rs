//! Panels (feature `polars`): gap-correct transforms equal to the Series path, unit-checked
//! shares and sums, and round trips through DataFrames, CSV and Parquet.
#![cfg(feature = "polars")]

use indstat::frame::{Panel, PanelSeries};
use indstat::{Dataset, Frequency, Kind, Period, Series, SeriesMeta, Transform, Unit};
use polars::prelude::*;
use proptest::prelude::*;

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("indstat-panel-{name}-{}", std::process::id()))
}

/// Monthly series with gaps where `keep` is false, starting at different months.
fn series_with_gaps(rows: &[(usize, Vec<Option<f64>>)]) -> Vec<Series<f64>> {
    rows.iter()
        .enumerate()
        .map(|(k, (offset, values))| {
            let meta = SeriesMeta::new(
                format!("s{k}"),
                "万辆".parse().unwrap(),
                Frequency::Monthly,
                Kind::Flow,
            );
            let mut s = Series::new(meta);
            let start = Period::month(2015, 1)
                .unwrap()
                .shift(*offset as i64)
                .unwrap();
            for (i, v) in values.iter().enumerate() {
                if let Some(v) = v {
                    s.insert(start.shift(i as i64).unwrap(), *v).unwrap();
                }
            }
            s
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn panel_transforms_equal_series_transforms(
        rows in prop::collection::vec(
            (0usize..20, prop::collection::vec(prop::option::weighted(0.85, 1.0f64..1000.0), 1..60)),
            1..6,
        )
    ) {
        let series = series_with_gaps(&rows);
        let panel = Panel::from_series(&series).unwrap();
        for t in Transform::ALL {
            let out = panel.transform(t).unwrap();
            for s in &series {
                let expected = t.apply(s).unwrap();
                for i in 0..panel.periods() {
                    let p = panel.period_at(i).unwrap();
                    match (expected.value_at(p), out.get(s.id(), p)) {
                        (Some(a), Some(b)) => prop_assert!((a - b).abs() <= 1e-12 * a.abs().max(1.0), "{t} {p}: {a} vs {b}"),
                        (None, None) => {}
                        (a, b) => prop_assert!(false, "{t} {} {p}: series {a:?}, panel {b:?}", s.id()),
                    }
                }
                prop_assert_eq!(&out.series_info(s.id()).unwrap().unit, expected.unit());
            }
        }
    }
}

#[test]
fn a_missing_month_never_shifts_a_lag() {
    // 24 months; March 2022 missing. pc1 for March 2022 and March 2023 needs it.
    let mut values: Vec<Option<f64>> = (0..36).map(|i| Some(100.0 + i as f64)).collect();
    values[14] = None;
    let series = series_with_gaps(&[(0, values)]);
    let out = Panel::from_series(&series)
        .unwrap()
        .transform(Transform::Pc1)
        .unwrap();
    let march = |y| Period::month(y, 3).unwrap();
    assert_eq!(out.get("s0", march(2016)), None);
    assert_eq!(out.get("s0", march(2017)), None);
    // April 2016 compares with April 2015: (115 / 103 − 1) × 100, computed by hand.
    let april = out.get("s0", Period::month(2016, 4).unwrap()).unwrap();
    approx::assert_relative_eq!(april, (115.0 / 103.0 - 1.0) * 100.0, epsilon = 1e-12);
}

#[test]
fn shares_and_sums_are_unit_checked_and_exact_across_scales() {
    let mut p = Panel::new(Frequency::Annual, Period::year(2022), 2);
    // NBS 2022 value added by sector; tertiary given in trillion yuan to test scales.
    p.push(
        PanelSeries::new("primary", "亿元".parse().unwrap(), Kind::Flow),
        &[Some(88_345.0), None],
    )
    .unwrap();
    p.push(
        PanelSeries::new("secondary", "亿元".parse().unwrap(), Kind::Flow),
        &[Some(483_164.0), Some(1.0)],
    )
    .unwrap();
    p.push(
        PanelSeries::new("tertiary", "trillion yuan".parse().unwrap(), Kind::Flow),
        &[Some(63.8698), Some(1.0)],
    )
    .unwrap();
    let gdp = p.sum("gdp").unwrap();
    approx::assert_relative_eq!(
        gdp.value_at(Period::year(2022)).unwrap(),
        1_210_207.0,
        epsilon = 1e-6
    );
    assert_eq!(
        gdp.value_at(Period::year(2023)),
        None,
        "a partial total is not a total"
    );
    let share = p.share_of_total().unwrap();
    approx::assert_relative_eq!(
        share.get("secondary", Period::year(2022)).unwrap(),
        483_164.0 / 1_210_207.0 * 100.0,
        epsilon = 1e-9
    );
    assert_eq!(share.series_info("primary").unwrap().unit, Unit::percent());
    // Vehicles and yuan do not add up.
    p.push(
        PanelSeries::new("nev", "万辆".parse().unwrap(), Kind::Flow),
        &[Some(705.8), None],
    )
    .unwrap();
    let err = p.share_of_total().unwrap_err().to_string();
    assert!(
        err.contains("nev") && err.contains("cannot convert"),
        "{err}"
    );
    assert!(p.sum("x").is_err());
}

fn bundled_panel() -> Panel {
    Panel::from_dataset(&Dataset::bundled().unwrap(), Frequency::Annual).unwrap()
}

#[test]
fn dataframe_round_trip_keeps_units_and_sources() {
    let p = bundled_panel();
    let df = p.to_dataframe().unwrap();
    assert!(df.column("unit").is_ok() && df.column("source").is_ok());
    let back = Panel::from_dataframe(&df, Frequency::Annual, &Unit::number()).unwrap();
    assert_eq!(back, p);
    let gdp = back.series_info("gdp").unwrap();
    assert_eq!(gdp.unit.to_string(), "100 million yuan");
    assert_eq!(
        gdp.source.as_deref(),
        Some("nbs-2023-02-28-communique-preliminary")
    );
    // And to a dataset: values and units as in the bundled data.
    let data = back.to_dataset().unwrap();
    let nev = data.require("nev_production").unwrap();
    assert_eq!(
        nev.value_at(Period::year(2022)),
        Some("705.8".parse().unwrap())
    );
    assert_eq!(nev.unit().to_string(), "10 thousand vehicles");
}

#[test]
fn csv_and_parquet_round_trips() {
    let p = bundled_panel();
    let csv = temp("round.csv");
    p.write_csv(&csv).unwrap();
    let from_csv = Panel::read_csv(&csv, Frequency::Annual, &Unit::number()).unwrap();
    let parquet = temp("round.parquet");
    p.write_parquet(&parquet).unwrap();
    let from_parquet = Panel::read_parquet(&parquet, Frequency::Annual, &Unit::number()).unwrap();
    let _ = (std::fs::remove_file(&csv), std::fs::remove_file(&parquet));
    assert_eq!(from_csv, p);
    assert_eq!(from_parquet, p);
}

#[test]
fn bad_dataframes_are_errors() {
    let no_value = df!("series" => ["a"], "period" => ["2023-01"]).unwrap();
    assert!(
        Panel::from_dataframe(&no_value, Frequency::Monthly, &Unit::number())
            .unwrap_err()
            .to_string()
            .contains("`value`")
    );
    let bad_period = df!("series" => ["a"], "period" => ["2023-13"], "value" => [1.0]).unwrap();
    assert!(Panel::from_dataframe(&bad_period, Frequency::Monthly, &Unit::number()).is_err());
    let wrong_frequency = df!("series" => ["a"], "period" => ["2023"], "value" => [1.0]).unwrap();
    assert!(Panel::from_dataframe(&wrong_frequency, Frequency::Monthly, &Unit::number()).is_err());
    let duplicate = df!(
        "series" => ["a", "a"],
        "period" => ["2023-01", "2023-01"],
        "value" => [1.0, 2.0],
    )
    .unwrap();
    let err = Panel::from_dataframe(&duplicate, Frequency::Monthly, &Unit::number()).unwrap_err();
    assert!(err.to_string().contains("second value"), "{err}");
    let unit_changes = df!(
        "series" => ["a", "a"],
        "period" => ["2023-01", "2023-02"],
        "value" => [1.0, 2.0],
        "unit" => ["万辆", "亿元"],
    )
    .unwrap();
    assert!(Panel::from_dataframe(&unit_changes, Frequency::Monthly, &Unit::number()).is_err());
    assert!(Panel::read_csv(temp("missing.csv"), Frequency::Monthly, &Unit::number()).is_err());
}

/// Issue 9, defect 11: `Panel::new` used to replace a start of the wrong frequency by January
/// of its year, and accepted spans past the year 9999 (a huge `periods` wrapped to a negative
/// shift). Both are now refused; nothing is clamped.
#[test]
fn panel_constructors_never_replace_or_clamp_what_they_are_given() {
    // A yearly start for a monthly panel.
    assert!(Panel::try_new(Frequency::Monthly, Period::year(2023), 12).is_err());
    let replaced =
        std::panic::catch_unwind(|| Panel::new(Frequency::Monthly, Period::year(2023), 12));
    assert!(replaced.is_err(), "Panel::new must not guess a start month");
    // 9999-12 is the last month: 12 months from 9999-01 fit, 13 do not.
    let jan_9999 = Period::month(9999, 1).unwrap();
    assert!(Panel::try_new(Frequency::Monthly, jan_9999, 12).is_ok());
    assert!(Panel::try_new(Frequency::Monthly, jan_9999, 13).is_err());
    // A count of periods that no shift can reach.
    assert!(Panel::try_new(Frequency::Annual, Period::year(2000), usize::MAX).is_err());
    assert!(Panel::try_new(Frequency::Annual, Period::year(2000), usize::MAX / 2 + 2).is_err());
}
