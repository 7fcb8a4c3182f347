//! Series kernels, panels and verification, against polars and plain loops.
//!
//! Groups and functions (scripts read `target/criterion/<group>/<function>/new/estimates.json`):
//! - `yoy_10m`: `indstat` (f64 path: 100 series × 100,000 months through `Transform::apply_into`),
//!   `polars_pct_change` (`pct_change(12)` on one 10M-value polars Series);
//! - `yoy_decimal_1m`: `indstat` (Decimal path: 10 series × 100,000 months), `rust_decimal_loop`;
//! - `panel_10m`: `indstat` (Panel, 10,000 series × 1,000 months: yoy % per series and share of
//!   the period total), `polars_lazy` (the same with lazy expressions over a long DataFrame);
//! - `verify_100k`: `indstat` (100,000 claims over a dataset of 1M observations);
//! - `load_1m`: `indstat` (`Dataset::load` of a generated folder of 1,000 monthly series ×
//!   1,000 months, 1M rows, read from disk), `polars_read_csv` (the same observations.csv);
//! - `claims_100k`: `indstat` (a file of 100,000 growth claims on that folder, read, parsed and
//!   verified), `toml_parse` (the same file read and parsed into a `toml::Table`, nothing else).
//!   Goals: `load_1m` within 5× of `polars_read_csv`; `claims_100k` within 2× of `toml_parse`.
//!
//! Extra measurements (allocation, buffer reuse) are in the `*_variants` groups. Inputs are
//! generated deterministically; each pair's outputs are checked against each other once before
//! timing, so a fast wrong kernel cannot pass.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use indstat::frame::{Panel, PanelSeries};
use indstat::verify::{Claim, ClaimKind, ClaimPeriod, Claims, verify};
use indstat::{
    Dataset, Figure, Frequency, Kind, Observation, Period, Reading, Series, SeriesMeta, Transform,
    Unit,
};
use polars::prelude::*;
use rust_decimal::Decimal;

#[path = "../tests/support/scale_data.rs"]
mod scale_data;

/// A deterministic pseudo-random sequence (xorshift), so every run measures the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A positive level with trend and noise, as indicator data look.
fn level(rng: &mut Rng, i: usize) -> f64 {
    100.0 + i as f64 * 0.01 + rng.next() * 10.0
}

const MONTHS_PER_SERIES: usize = 100_000;

fn monthly_f64_series(count: usize) -> Vec<Series<f64>> {
    let mut rng = Rng(0x5eed);
    (0..count)
        .map(|s| {
            let meta = SeriesMeta::new(
                format!("s{s}"),
                Unit::number(),
                Frequency::Monthly,
                Kind::Flow,
            );
            let values: Vec<f64> = (0..MONTHS_PER_SERIES).map(|i| level(&mut rng, i)).collect();
            let start = Period::month(1001, 1).expect("valid start");
            Series::from_dense(meta, start, values, vec![true; MONTHS_PER_SERIES])
                .expect("a valid dense series")
        })
        .collect()
}

fn yoy_10m(c: &mut Criterion) {
    let series = monthly_f64_series(100);
    let flat: Vec<f64> = series.iter().flat_map(|s| s.values().to_vec()).collect();
    let pl = polars::prelude::Series::new("value".into(), flat.clone());

    // One check before timing: both compute (x_t / x_{t−12} − 1) · 100 where defined.
    let mut outs: Vec<Series<f64>> = series
        .iter()
        .map(|s| Series::new(s.meta().clone()))
        .collect();
    for (s, o) in series.iter().zip(outs.iter_mut()) {
        Transform::Pc1.apply_into(s, o).expect("transform");
    }
    let pct = polars::prelude::pct_change(&pl, &polars::prelude::Series::new("n".into(), [12i64]))
        .expect("pct_change");
    let pct = pct.f64().expect("f64");
    for (k, o) in outs.iter().enumerate() {
        for i in (12..MONTHS_PER_SERIES).step_by(997) {
            let ours = o.values()[i];
            let theirs = pct.get(k * MONTHS_PER_SERIES + i).expect("a value") * 100.0;
            assert!(
                (ours - theirs).abs() < 1e-9 * ours.abs().max(1.0),
                "{ours} vs {theirs}"
            );
        }
    }

    let mut g = c.benchmark_group("yoy_10m");
    g.throughput(Throughput::Elements(flat.len() as u64));
    g.sample_size(20).measurement_time(Duration::from_secs(8));
    g.bench_function("indstat", |b| {
        b.iter(|| {
            for (s, o) in series.iter().zip(outs.iter_mut()) {
                Transform::Pc1
                    .apply_into(black_box(s), o)
                    .expect("transform");
            }
        })
    });
    let n = polars::prelude::Series::new("n".into(), [12i64]);
    g.bench_function("polars_pct_change", |b| {
        b.iter(|| polars::prelude::pct_change(black_box(&pl), &n).expect("pct_change"))
    });
    g.finish();

    let mut v = c.benchmark_group("yoy_10m_variants");
    v.throughput(Throughput::Elements(flat.len() as u64));
    v.sample_size(20).measurement_time(Duration::from_secs(8));
    v.bench_function("indstat_fresh_allocation", |b| {
        b.iter(|| {
            series
                .iter()
                .map(|s| Transform::Pc1.apply(black_box(s)).expect("transform"))
                .collect::<Vec<_>>()
        })
    });
    let mask = vec![true; flat.len()];
    let (mut out, mut ok) = (vec![0.0; flat.len()], vec![false; flat.len()]);
    v.bench_function("kernel_flat_reused", |b| {
        b.iter(|| {
            indstat::transform::fred_dense_into(
                Transform::Pc1,
                black_box(&flat),
                &mask,
                12,
                &mut out,
                &mut ok,
            )
            .expect("kernel")
        })
    });
    v.bench_function("plain_loop_fresh_allocation", |b| {
        b.iter(|| {
            let x = black_box(&flat);
            let mut o = vec![0.0; x.len()];
            for i in 12..x.len() {
                o[i] = (x[i] / x[i - 12] - 1.0) * 100.0;
            }
            o
        })
    });
    v.finish();
}

fn yoy_decimal_1m(c: &mut Criterion) {
    let series: Vec<Series<Decimal>> = monthly_f64_series(10)
        .iter()
        .map(|s| s.map(|v| Decimal::from_f64_retain(v).unwrap_or_default().round_dp(2)))
        .collect();
    let flat: Vec<Vec<Decimal>> = series.iter().map(|s| s.values().to_vec()).collect();
    let hundred = Decimal::ONE_HUNDRED;
    let plain = |x: &[Decimal], o: &mut [Decimal]| {
        for i in 12..x.len() {
            o[i] = (x[i] / x[i - 12] - Decimal::ONE) * hundred;
        }
    };
    let mut outs: Vec<Series<Decimal>> = series
        .iter()
        .map(|s| Series::new(s.meta().clone()))
        .collect();
    let mut plain_out: Vec<Vec<Decimal>> =
        flat.iter().map(|x| vec![Decimal::ZERO; x.len()]).collect();
    for ((s, o), (x, p)) in series
        .iter()
        .zip(outs.iter_mut())
        .zip(flat.iter().zip(plain_out.iter_mut()))
    {
        Transform::Pc1.apply_into(s, o).expect("transform");
        plain(x, p);
        for i in (12..x.len()).step_by(991) {
            assert_eq!(o.values()[i], p[i]);
        }
    }

    let mut g = c.benchmark_group("yoy_decimal_1m");
    g.throughput(Throughput::Elements(1_000_000));
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("indstat", |b| {
        b.iter(|| {
            for (s, o) in series.iter().zip(outs.iter_mut()) {
                Transform::Pc1
                    .apply_into(black_box(s), o)
                    .expect("transform");
            }
        })
    });
    g.bench_function("rust_decimal_loop", |b| {
        b.iter(|| {
            for (x, p) in flat.iter().zip(plain_out.iter_mut()) {
                plain(black_box(x), p);
            }
        })
    });
    g.finish();
}

const PANEL_SERIES: usize = 10_000;
const PANEL_MONTHS: usize = 1_000;

fn panel_10m(c: &mut Criterion) {
    let mut rng = Rng(0xfeed);
    let start = Period::month(1950, 1).expect("valid start");
    let mut panel = Panel::new(Frequency::Monthly, start, PANEL_MONTHS);
    let unit: Unit = "万辆".parse().expect("unit");
    let mut ids: Vec<u32> = Vec::with_capacity(PANEL_SERIES * PANEL_MONTHS);
    let mut ts: Vec<u32> = Vec::with_capacity(PANEL_SERIES * PANEL_MONTHS);
    let mut vals: Vec<f64> = Vec::with_capacity(PANEL_SERIES * PANEL_MONTHS);
    for s in 0..PANEL_SERIES {
        let row: Vec<Option<f64>> = (0..PANEL_MONTHS)
            .map(|i| Some(level(&mut rng, i)))
            .collect();
        for (i, v) in row.iter().enumerate() {
            ids.push(s as u32);
            ts.push(i as u32);
            vals.push(v.unwrap_or_default());
        }
        panel
            .push(
                PanelSeries::new(format!("region{s}"), unit.clone(), Kind::Flow),
                &row,
            )
            .expect("push");
    }
    let height = vals.len();
    let df = DataFrame::new(
        height,
        vec![
            Column::new("series".into(), ids),
            Column::new("t".into(), ts),
            Column::new("value".into(), vals),
        ],
    )
    .expect("DataFrame");
    let by_series = col("value")
        .shift(lit(12))
        .over([col("series")])
        .expect("window over series");
    let total = col("value")
        .sum()
        .over([col("t")])
        .expect("window over periods");
    let lazy = |df: &DataFrame| {
        df.clone()
            .lazy()
            .with_columns([
                ((col("value") / by_series.clone() - lit(1.0)) * lit(100.0)).alias("yoy"),
                (col("value") / total.clone() * lit(100.0)).alias("share"),
            ])
            .collect()
            .expect("lazy query")
    };

    // One check before timing.
    let (mut yoy, mut share) = (panel.clone(), panel.clone());
    panel.transform_into(Transform::Pc1, &mut yoy).expect("yoy");
    panel.share_of_total_into(&mut share).expect("share");
    let out = lazy(&df);
    let (py, ps) = (
        out.column("yoy").expect("yoy").f64().expect("f64").clone(),
        out.column("share")
            .expect("share")
            .f64()
            .expect("f64")
            .clone(),
    );
    for s in (0..PANEL_SERIES).step_by(613) {
        let (y, _) = yoy.row(s).expect("row");
        let (sh, _) = share.row(s).expect("row");
        for i in (12..PANEL_MONTHS).step_by(37) {
            let at = s * PANEL_MONTHS + i;
            let (a, b) = (y[i], py.get(at).expect("value"));
            assert!((a - b).abs() < 1e-9 * a.abs().max(1.0), "yoy {a} vs {b}");
            let (a, b) = (sh[i], ps.get(at).expect("value"));
            assert!((a - b).abs() < 1e-9 * a.abs().max(1e-6), "share {a} vs {b}");
        }
    }

    let mut g = c.benchmark_group("panel_10m");
    g.throughput(Throughput::Elements(height as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.bench_function("indstat", |b| {
        b.iter(|| {
            panel.transform_into(Transform::Pc1, &mut yoy).expect("yoy");
            panel.share_of_total_into(&mut share).expect("share");
        })
    });
    g.bench_function("polars_lazy", |b| b.iter(|| lazy(black_box(&df))));
    g.finish();

    let mut v = c.benchmark_group("panel_10m_variants");
    v.sample_size(10).measurement_time(Duration::from_secs(15));
    v.bench_function("indstat_fresh_allocation", |b| {
        b.iter(|| {
            (
                panel.transform(Transform::Pc1).expect("yoy"),
                panel.share_of_total().expect("share"),
            )
        })
    });
    v.finish();
}

fn verify_100k(c: &mut Criterion) {
    // 1,000 monthly series × 1,000 months = 1M observations, with one decimal.
    let mut rng = Rng(0xc1a1);
    let mut data = Dataset::new();
    let unit: Unit = "亿元".parse().expect("unit");
    let start = Period::month(1950, 1).expect("valid start");
    let mut levels: Vec<Vec<Decimal>> = Vec::new();
    for s in 0..1_000 {
        let meta = SeriesMeta::new(
            format!("s{s}"),
            unit.clone(),
            Frequency::Monthly,
            Kind::Flow,
        );
        let mut series = Series::new(meta);
        let mut row = Vec::with_capacity(1_000);
        for i in 0..1_000 {
            let v = Decimal::new((level(&mut rng, i) * 10.0).round() as i64, 1);
            series
                .insert_observation(start.shift(i as i64).expect("period"), Observation::new(v))
                .expect("insert");
            row.push(v);
        }
        levels.push(row);
        data.insert_series(series).expect("series");
    }
    // 100,000 claims: levels, growth rates and shares, about half of them true.
    let mut claims = Claims::default();
    for k in 0..100_000usize {
        let s = k % 1_000;
        let i = 12 + (k / 1_000) * 9 % 980;
        let period = start.shift(i as i64).expect("period");
        let (kind, of, text) = match k % 3 {
            0 => {
                let v = levels[s][i]
                    + if k % 2 == 0 {
                        Decimal::ZERO
                    } else {
                        Decimal::ONE
                    };
                (ClaimKind::Level, Vec::new(), format!("{v}亿元"))
            }
            1 => {
                let g = (levels[s][i] / levels[s][i - 12] - Decimal::ONE) * Decimal::ONE_HUNDRED;
                (
                    ClaimKind::Growth,
                    Vec::new(),
                    format!("{}%", indstat::round_half_away(g, 1)),
                )
            }
            _ => {
                let other = (s + 1) % 1_000;
                let sh = levels[s][i] / levels[other][i] * Decimal::ONE_HUNDRED;
                (
                    ClaimKind::Share,
                    vec![format!("s{other}")],
                    format!("more than {}%", indstat::figure::truncate(sh, 0)),
                )
            }
        };
        let reported: Figure = text.parse().expect("figure");
        claims
            .push(Claim {
                id: format!("c{k}"),
                quote: None,
                speaker: None,
                kind,
                series: vec![format!("s{s}")],
                of,
                period: ClaimPeriod::At(period),
                reported,
                reported_text: text,
                base: Default::default(),
                reading: Reading::default(),
                note: None,
                line: None,
            })
            .expect("unique id");
    }
    let report = verify(&data, &claims);
    let counts = report.counts();
    let (ok, bad) = (counts.consistent, counts.inconsistent);
    assert_eq!(
        counts.unverifiable + counts.approximate,
        0,
        "every claim is evaluable, and exact or wrong"
    );
    // By construction: the level claims off by one unit (half of a third) are inconsistent;
    // every growth rate (rounded as published) and every truncated "more than" share holds.
    assert_eq!(
        (ok, bad),
        (83_333, 16_667),
        "{ok} consistent, {bad} inconsistent"
    );

    let mut g = c.benchmark_group("verify_100k");
    g.throughput(Throughput::Elements(100_000));
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("indstat", |b| {
        b.iter_batched(
            || (),
            |()| verify(black_box(&data), black_box(&claims)),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

/// The generated 1M-row folder and 100,000-claim file, written once per bench run.
fn scale_files() -> (std::path::PathBuf, std::path::PathBuf) {
    let root = std::env::temp_dir().join(format!("indstat-bench-scale-{}", std::process::id()));
    let folder = root.join("data");
    let claims = root.join("claims.toml");
    if !claims.exists() {
        scale_data::write_folder(&folder, 1_000, 1_000, false).expect("write the folder");
        std::fs::write(&claims, scale_data::claims_text(100_000, 1_000, 1_000))
            .expect("write the claims");
    }
    (folder, claims)
}

fn load_1m(c: &mut Criterion) {
    let (folder, _) = scale_files();
    let csv = folder.join("observations.csv");
    let read_polars = || {
        CsvReadOptions::default()
            .with_has_header(true)
            .try_into_reader_with_file_path(Some(csv.clone()))
            .and_then(|r| r.finish())
            .expect("polars reads the file")
    };
    // One check before timing: both read every row, and agree on a value.
    let data = Dataset::load(&folder).expect("the folder loads");
    let df = read_polars();
    assert_eq!(df.height(), 1_000_000);
    assert_eq!(data.iter().map(|s| s.count()).sum::<usize>(), 1_000_000);
    let last = data
        .require(&scale_data::series_id(999))
        .expect("the last series");
    let period: Period = scale_data::month_text(999).parse().expect("a month");
    assert_eq!(
        last.value_at(period).map(|v| v.to_string()),
        Some(scale_data::value_text(999, 999))
    );

    let mut g = c.benchmark_group("load_1m");
    g.throughput(Throughput::Elements(1_000_000));
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.bench_function("indstat", |b| {
        b.iter(|| Dataset::load(black_box(&folder)).expect("the folder loads"))
    });
    g.bench_function("polars_read_csv", |b| b.iter(read_polars));
    g.finish();
}

fn claims_100k(c: &mut Criterion) {
    let (folder, claims_path) = scale_files();
    let data = Dataset::load(&folder).expect("the folder loads");
    let parse_toml = || {
        let text = std::fs::read_to_string(&claims_path).expect("read the claims");
        text.parse::<toml::Table>().expect("valid TOML")
    };
    // One check before timing: both see 100,000 claims, and the report judges them all.
    let table = parse_toml();
    assert_eq!(
        table.get("claim").and_then(|c| c.as_array()).map(Vec::len),
        Some(100_000)
    );
    let report = verify(&data, &Claims::load(&claims_path).expect("the claims load"));
    let counts = report.counts();
    assert_eq!(
        (counts.total(), counts.unverifiable + counts.invalid),
        (100_000, 0),
        "{counts:?}"
    );

    let mut g = c.benchmark_group("claims_100k");
    g.throughput(Throughput::Elements(100_000));
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("indstat", |b| {
        b.iter(|| {
            let claims = Claims::load(black_box(&claims_path)).expect("the claims load");
            verify(black_box(&data), &claims)
        })
    });
    g.bench_function("toml_parse", |b| b.iter(parse_toml));
    g.finish();
}

criterion_group!(
    benches,
    yoy_10m,
    yoy_decimal_1m,
    panel_10m,
    verify_100k,
    load_1m,
    claims_100k
);
criterion_main!(benches);
