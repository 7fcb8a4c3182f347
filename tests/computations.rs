//! Integration tests for the computations (issue 3): growth, shares, CAGR, FRED's
//! transformations, calendar conversions, their gaps and failures, and ratio units.
//!
//! Every expected figure is derived here independently of the crate — by hand-written
//! `Decimal` or `f64` arithmetic, or taken from the briefing
//! (`/work/shared/sources/scio-miit-briefing-2023-03-01.txt`) and the official figures
//! (`/work/shared/reference/official-figures.csv`, cited by line) — never copied from the
//! crate's output.
//!
//! Sections, one module each:
//! 1. `briefing` — the briefing's figures against the official ones.
//! 2. `missing_month` — every transformation on a monthly series with a missing month.
//! 3. `non_positive_base` — zero and negative bases give gaps or errors, never inf/NaN.
//! 4. `overflow` — Decimal overflow is an error or a gap, never a panic.
//! 5. `calendar` — year-to-date conversion (merged January–February) and aggregation.
//! 6. `properties` — proptest invariants; `interval_zero_products` — a bug found on the way.
//! 7. `ratio_units` — units of ratios and shares.
//! 8. `combined_releases` — January–February releases compared like with like.
//! 9. `value_names` — the `Value` trait's `try_*` arithmetic beside inherent methods.

use approx::assert_relative_eq;
use indstat::transform::{self, Aggregation, Lag};
use indstat::{
    ErrorKind, Figure, Frequency, Gap, Interval, Kind, Period, Reading, Series, SeriesMeta,
    Transform, Unit, round_half_away,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

/// Exact decimal from text (`705.8`, or scientific `1e-20`).
fn d(s: &str) -> Decimal {
    if s.contains('e') {
        Decimal::from_scientific(s).unwrap()
    } else {
        Decimal::from_str_exact(s).unwrap()
    }
}

fn unit(s: &str) -> Unit {
    s.parse().unwrap()
}

fn month(year: i32, m: u32) -> Period {
    Period::month(year, m).unwrap()
}

fn quarter(year: i32, q: u32) -> Period {
    Period::new(Frequency::Quarterly, year, q).unwrap()
}

fn to_f64(v: Decimal) -> f64 {
    v.to_f64().unwrap()
}

/// A series of any value type from (period, value) pairs.
fn series<V: indstat::Element>(
    id: &str,
    unit_text: &str,
    frequency: Frequency,
    kind: Kind,
    values: &[(Period, V)],
) -> Series<V> {
    let mut s = Series::new(SeriesMeta::new(id, unit(unit_text), frequency, kind));
    for (p, v) in values {
        s.insert(*p, *v).unwrap();
    }
    s
}

/// An annual Decimal series from (year, decimal text) pairs.
fn annual(id: &str, unit_text: &str, kind: Kind, values: &[(i32, &str)]) -> Series {
    let values: Vec<(Period, Decimal)> = values
        .iter()
        .map(|(y, v)| (Period::year(*y), d(v)))
        .collect();
    series(id, unit_text, Frequency::Annual, kind, &values)
}

fn is_overflow(e: &indstat::Error) -> bool {
    matches!(e.kind(), ErrorKind::Overflow { .. })
}

fn is_domain(e: &indstat::Error) -> bool {
    matches!(e.kind(), ErrorKind::Domain { .. })
}

/// FRED's formulas, written out in plain f64 (n = periods per year), to check the crate against.
fn by_hand(t: Transform, x: f64, lagged: f64, n: i32) -> f64 {
    match t {
        Transform::Lin => x,
        Transform::Chg | Transform::Ch1 => x - lagged,
        Transform::Pch | Transform::Pc1 => (x / lagged - 1.0) * 100.0,
        Transform::Pca => ((x / lagged).powi(n) - 1.0) * 100.0,
        Transform::Cch => (x.ln() - lagged.ln()) * 100.0,
        Transform::Cca => (x.ln() - lagged.ln()) * 100.0 * f64::from(n),
        Transform::Log => x.ln(),
    }
}

/// How many periods back each transformation looks on a monthly series (FRED's definitions).
fn monthly_lag(t: Transform) -> i64 {
    match t {
        Transform::Lin | Transform::Log => 0,
        Transform::Ch1 | Transform::Pc1 => 12,
        _ => 1,
    }
}

// ---------------------------------------------------------------------------------------------
// 1. The briefing's figures against the official ones.
// ---------------------------------------------------------------------------------------------
mod briefing {
    use super::*;

    /// official-figures.csv line 8: industry_value_added,2022,401644,100 million yuan
    fn industry() -> Series {
        annual(
            "industry_value_added",
            "100 million yuan",
            Kind::Flow,
            &[(2022, "401644")],
        )
    }

    /// official-figures.csv line 3: gdp,2022,1210207,100 million yuan
    fn gdp() -> Series {
        annual("gdp", "100 million yuan", Kind::Flow, &[(2022, "1210207")])
    }

    /// official-figures.csv lines 13, 22, 24: nev_production 2016 51.7, 2021 354.5, 2022 705.8
    /// (10 thousand vehicles).
    fn nev_production() -> Series {
        annual(
            "nev_production",
            "10 thousand vehicles",
            Kind::Flow,
            &[(2016, "51.7"), (2021, "354.5"), (2022, "705.8")],
        )
    }

    #[test]
    fn industry_is_33_2_percent_of_gdp_in_decimal() {
        let y = Period::year(2022);
        // Briefing line 47: "accounting for 33.2% of GDP". By hand: 401644 × 100 / 1210207 =
        // 33.18804…, which rounds half away from zero to 33.2.
        let by_hand = d("401644") * d("100") / d("1210207");
        assert_eq!(round_half_away(by_hand, 1), d("33.2"));
        let float = 401_644.0_f64 / 1_210_207.0 * 100.0;

        let share = transform::share(&industry(), &gdp()).unwrap();
        assert_eq!(share.unit(), &Unit::percent());
        let s = share.value_at(y).unwrap();
        assert!((s - by_hand).abs() < d("1e-24"), "{s} vs {by_hand}");
        assert_relative_eq!(to_f64(s), float, epsilon = 1e-12);
        assert_eq!(round_half_away(s, 1), d("33.2"));

        let at = transform::share_at(&industry(), &gdp(), y).unwrap();
        assert_eq!(at, s);
        assert_eq!(round_half_away(at, 1), d("33.2"));

        // Briefing line 47: "exceeded the 40 trillion yuan mark": 401644 亿 = 40.1644 trillion.
        let forty: Figure = "exceeded 40 trillion yuan".parse().unwrap();
        let i = forty
            .interval_in(&unit("100 million yuan"), &Reading::default())
            .unwrap();
        assert!(i.contains(d("401644")));
    }

    #[test]
    fn industry_share_on_intervals_overlaps_33_2_percent() {
        let y = Period::year(2022);
        // Each level is rounded to one unit of 100 million yuan.
        let part = industry().map(|v| Interval::rounded(v, 0).unwrap());
        let whole = gdp().map(|v| Interval::rounded(v, 0).unwrap());
        let s = transform::share_at(&part, &whole, y).unwrap();
        let reported = "33.2%".parse::<Figure>().unwrap().interval().unwrap();
        assert!(s.overlaps(&reported));
        // Sound: it holds the exact share (by hand, as above) …
        assert!(s.contains(d("401644") * d("100") / d("1210207")));
        // … and is tight: by hand the extremes are 401643.5/1210207.5 = 33.187986…% and
        // 401644.5/1210206.5 = 33.188096…%.
        assert!(
            Interval::closed(d("33.1879"), d("33.1882"))
                .unwrap()
                .encloses(&s)
        );
        // The series form gives the same interval.
        let series_form = transform::share(&part, &whole).unwrap();
        assert_eq!(series_form.value_at(y), Some(s));
        // A share of 33.3% would not be consistent.
        let wrong = "33.3%".parse::<Figure>().unwrap().interval().unwrap();
        assert!(!s.overlaps(&wrong));
    }

    #[test]
    fn fiveg_stock_change_is_the_flow_built_in_2022() {
        // official-figures.csv lines 36–37: fiveg_base_stations 2021 142.5, 2022 231.2
        // (10 thousand base stations, end-of-year stock); line 38: 88.7 built in 2022.
        let stations = annual(
            "fiveg_base_stations",
            "10 thousand base stations",
            Kind::Stock,
            &[(2021, "142.5"), (2022, "231.2")],
        );
        // By hand, in tenths: 2312 − 1425 = 887.
        let built = Decimal::new(2312 - 1425, 1);
        assert_eq!(built, d("88.7"));
        for t in [Transform::Ch1, Transform::Chg] {
            let out = t.apply(&stations).unwrap();
            assert_eq!(out.value_at(Period::year(2022)), Some(built), "{t}");
            assert_eq!(
                out.meta().kind,
                Kind::Flow,
                "{t}: a stock's change is a flow"
            );
            assert_eq!(out.unit(), &unit("10 thousand base stations"));
            assert_eq!(out.value_at(Period::year(2021)), None);
            assert_eq!(
                out.gap(Period::year(2021)),
                Some(&Gap::NoValue {
                    series: "fiveg_base_stations".into(),
                    period: Period::year(2020)
                })
            );
        }
        // Briefing line 51: "a total of 2.31 million 5G base stations".
        let reported = "2.31 million"
            .parse::<Figure>()
            .unwrap()
            .interval_in(stations.unit(), &Reading::default())
            .unwrap();
        assert!(reported.contains(stations.value_at(Period::year(2022)).unwrap()));
    }

    #[test]
    fn three_sectors_add_up_to_gdp_and_their_shares_to_100() {
        // official-figures.csv lines 5–7: primary 88345, secondary 483164, tertiary 638698
        // (100 million yuan); line 3: gdp 1210207.
        let parts = [
            ("primary_industry_value_added", "88345"),
            ("secondary_industry_value_added", "483164"),
            ("tertiary_industry_value_added", "638698"),
        ];
        let sum: Decimal = parts.iter().map(|(_, v)| d(v)).sum();
        assert_eq!(sum, d("1210207"));
        assert_eq!(88_345 + 483_164 + 638_698, 1_210_207);

        let y = Period::year(2022);
        let mut total = Decimal::ZERO;
        let mut float_total = 0.0;
        for (id, v) in parts {
            let s = annual(id, "100 million yuan", Kind::Flow, &[(2022, v)]);
            let share = transform::share(&s, &gdp()).unwrap().value_at(y).unwrap();
            let float = v.parse::<f64>().unwrap() / 1_210_207.0 * 100.0;
            assert_relative_eq!(to_f64(share), float, max_relative = 1e-12);
            total += share;
            float_total += float;
        }
        // Each share is exact to Decimal's 28 digits, so the sum is 100 within a few 1e-26.
        assert!((total - Decimal::ONE_HUNDRED).abs() < d("1e-24"), "{total}");
        assert_relative_eq!(float_total, 100.0, epsilon = 1e-12);
    }

    #[test]
    fn nev_growth_on_the_published_base_is_99_1_not_96_9() {
        let nev = nev_production();
        let (y21, y22) = (Period::year(2021), Period::year(2022));
        // By hand: (705.8 / 354.5 − 1) × 100 = 99.0973…
        let by_hand = (d("705.8") / d("354.5") - Decimal::ONE) * Decimal::ONE_HUNDRED;
        assert_eq!(round_half_away(by_hand, 1), d("99.1"));
        let float = (705.8_f64 / 354.5 - 1.0) * 100.0;

        let g = transform::growth(&nev, y21, y22).unwrap();
        assert!((g - by_hand).abs() < d("1e-24"));
        assert_relative_eq!(to_f64(g), float, max_relative = 1e-12);
        assert_eq!(round_half_away(g, 1), d("99.1"));
        // official-figures.csv line 33: reported growth 96.9% (on a revised base).
        assert_ne!(round_half_away(g, 1), d("96.9"));

        let pc1 = Transform::Pc1.apply(&nev).unwrap();
        assert_eq!(pc1.unit(), &Unit::percent());
        assert_eq!(round_half_away(pc1.value_at(y22).unwrap(), 1), d("99.1"));
        // 2020 is not in this series, so 2021 has no base: a gap.
        assert_eq!(pc1.value_at(y21), None);
    }

    #[test]
    fn the_base_implied_by_96_9_percent_is_about_358_5_not_354_5() {
        // Briefing line 107: "production reached 7.05 million units … increasing 96.9%";
        // CAAM's level is 705.8 (official-figures.csv line 24).
        let level = "705.8".parse::<Figure>().unwrap().interval().unwrap();
        let growth = "96.9%".parse::<Figure>().unwrap().interval().unwrap();
        let base = transform::implied_base(level, growth).unwrap();
        // By hand: 705.75 / 1.9695 = 358.3397… and 705.85 / 1.9685 = 358.5725…
        assert!(
            Interval::closed(d("358.33"), d("358.58"))
                .unwrap()
                .encloses(&base)
        );
        assert!(!base.contains(d("354.5")), "not the published 2021 base");
        // The point reading 705.8 / 1.969 = 358.456… lies inside.
        assert!(base.contains(d("705.8") / d("1.969")));
        // Decimal and f64 paths agree with the hand computation.
        let dec = transform::implied_base(d("705.8"), d("96.9")).unwrap();
        assert_relative_eq!(to_f64(dec), 705.8 / 1.969, max_relative = 1e-12);
        let float = transform::implied_base(705.8_f64, 96.9).unwrap();
        assert_relative_eq!(float, 705.8 / 1.969, max_relative = 1e-12);
    }

    #[test]
    fn software_revenue_exceeded_10_trillion_yuan() {
        // official-figures.csv lines 40–41: software_revenue 2021 94994, 2022 108126
        // (100 million yuan). Briefing line 51: "the income of the software industry exceeded
        // 10 trillion yuan".
        let revenue = annual(
            "software_revenue",
            "100 million yuan",
            Kind::Flow,
            &[(2021, "94994"), (2022, "108126")],
        );
        let figure: Figure = "exceeded 10 trillion yuan".parse().unwrap();
        let i = figure
            .interval_in(revenue.unit(), &Reading::default())
            .unwrap();
        // "Exceeded 10 trillion" is [10, 20) trillion = [100000, 200000) 亿 (DESIGN.md idea 1).
        assert!(i.contains(d("100000")) && !i.contains(d("99999.99")));
        assert!(!i.contains(d("200000")));
        assert!(i.contains(revenue.value_at(Period::year(2022)).unwrap()));
        // 2021's 9.4994 trillion had not.
        assert!(!i.contains(revenue.value_at(Period::year(2021)).unwrap()));
    }

    #[test]
    fn nev_cagr_agrees_across_decimal_f64_and_interval() {
        let nev = nev_production();
        let (from, to) = (Period::year(2016), Period::year(2022));
        // By hand: ((705.8 / 51.7)^(1/6) − 1) × 100 = 54.596…
        let float = ((705.8_f64 / 51.7).powf(1.0 / 6.0) - 1.0) * 100.0;
        assert!((54.59..54.60).contains(&float));

        let dec = transform::cagr(&nev, from, to).unwrap();
        assert_relative_eq!(to_f64(dec), float, max_relative = 1e-9);
        let f = transform::cagr(&nev.to_f64(), from, to).unwrap();
        assert_relative_eq!(f, float, max_relative = 1e-12);
        // Interval of exact points: contains the value, and is narrow.
        let points = transform::cagr(&nev.map(Interval::point), from, to).unwrap();
        assert!(points.contains(Decimal::from_f64(float).unwrap()));
        assert!(points.contains(dec));
        assert!(points.width().unwrap() < d("1e-9"));
        // Interval of reported levels (one decimal): wider, still containing it.
        let reported = nev.map(|v| Interval::rounded(v, 1).unwrap());
        let wide = transform::cagr(&reported, from, to).unwrap();
        assert!(wide.encloses(&points));
        // By hand: ((705.75/51.75)^(1/6) − 1) × 100 ≈ 54.57 and ((705.85/51.65)^(1/6) − 1) ×
        // 100 ≈ 54.63.
        assert!(
            Interval::closed(d("54.5"), d("54.7"))
                .unwrap()
                .encloses(&wide)
        );
    }

    #[test]
    fn start_implied_by_87_percent_cagr_over_ten_years_is_about_1_35() {
        // Briefing line 109: "Since … 2012, its compound annual growth rate has reached 87%",
        // ending at 705.8 (10 thousand) in 2022.
        let end = "705.8".parse::<Figure>().unwrap().interval().unwrap();
        let cagr = "87%".parse::<Figure>().unwrap().interval().unwrap();
        let start = transform::implied_start(end, cagr, 10.0).unwrap();
        assert!(start.contains(d("1.35")));
        // By hand: 705.8 / 1.87^10 = 1.34979…; the reading's extremes are 705.75 / 1.875^10 =
        // 1.3141… and 705.85 / 1.865^10 = 1.3865….
        let float = 705.8_f64 / 1.87_f64.powi(10);
        assert!(start.contains(Decimal::from_f64(float).unwrap()));
        assert!(
            Interval::closed(d("1.31"), d("1.39"))
                .unwrap()
                .encloses(&start)
        );
        let dec = transform::implied_start(d("705.8"), d("87"), 10.0).unwrap();
        assert_relative_eq!(to_f64(dec), float, max_relative = 1e-9);
        let f = transform::implied_start(705.8_f64, 87.0, 10.0).unwrap();
        assert_relative_eq!(f, float, max_relative = 1e-12);
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Every transformation on a monthly series with a missing month.
// ---------------------------------------------------------------------------------------------
mod missing_month {
    use super::*;

    const ID: &str = "output";

    /// 36 months 2020-01..2022-12 with values 100 + i, except 2021-06 (i = 17), which is missing.
    fn levels() -> Series {
        let start = month(2020, 1);
        let values: Vec<(Period, Decimal)> = (0..36)
            .filter(|i| *i != 17)
            .map(|i| (start.shift(i).unwrap(), Decimal::from(100 + i)))
            .collect();
        series(
            ID,
            "10 thousand vehicles",
            Frequency::Monthly,
            Kind::Flow,
            &values,
        )
    }

    /// The months of each transformation that need 2021-06 (the missing month).
    fn needing_the_missing_month(t: Transform) -> Vec<Period> {
        let missing = month(2021, 6);
        match monthly_lag(t) {
            0 => vec![missing],
            1 => vec![missing, month(2021, 7)],
            _ => vec![missing, month(2022, 6)],
        }
    }

    /// Checks one transformation's output against the hand computation, for any value type.
    fn check<V: indstat::Element + std::fmt::Debug>(
        t: Transform,
        out: &Series<V>,
        as_f64: impl Fn(V) -> f64,
    ) {
        let start = month(2020, 1);
        let missing = month(2021, 6);
        let lag = monthly_lag(t);
        let needing = needing_the_missing_month(t);
        for i in 0..36 {
            let p = start.shift(i).unwrap();
            let got = out.value_at(p);
            if needing.contains(&p) {
                assert!(got.is_none(), "{t} {p}: {got:?} should be a gap");
                assert_eq!(
                    out.gap(p),
                    Some(&Gap::NoValue {
                        series: ID.into(),
                        period: missing
                    }),
                    "{t} {p}"
                );
            } else if i < lag {
                // Before the first lag is available: a gap naming the month before the span.
                assert!(got.is_none(), "{t} {p}");
                assert_eq!(
                    out.gap(p),
                    Some(&Gap::NoValue {
                        series: ID.into(),
                        period: p.shift(-lag).unwrap()
                    }),
                    "{t} {p}"
                );
            } else {
                let x = 100.0 + i as f64;
                let lagged = 100.0 + (i - lag) as f64;
                let expected = by_hand(t, x, lagged, 12);
                let v = as_f64(got.unwrap_or_else(|| panic!("{t} {p} should have a value")));
                assert!(v.is_finite());
                assert_relative_eq!(v, expected, epsilon = 1e-12, max_relative = 1e-12);
            }
        }
        // Nothing else is missing.
        let gaps = out.iter().filter(|(_, v)| v.is_none()).count();
        let expected_gaps = needing.len() + lag as usize;
        assert_eq!(gaps, expected_gaps, "{t}");
    }

    #[test]
    fn every_transform_on_decimal_skips_exactly_the_months_needing_the_gap() {
        let s = levels();
        assert_eq!(s.value_at(month(2021, 6)), None);
        for t in Transform::ALL {
            let out = t.apply(&s).unwrap();
            check(t, &out, to_f64);
        }
    }

    #[test]
    fn every_transform_on_f64_skips_exactly_the_months_needing_the_gap() {
        let s = levels().to_f64();
        for t in Transform::ALL {
            let out = t.apply(&s).unwrap();
            check(t, &out, |v| v);
        }
    }

    #[test]
    fn lags_are_by_period_not_by_position() {
        // pc1 for 2021-07 compares with 2020-07 (value 106), not with whatever sits 12 slots
        // back among the present values (2020-08 = 107 if the missing month were dropped).
        let out = Transform::Pc1.apply(&levels()).unwrap();
        let by_hand = (d("118") / d("106") - Decimal::ONE) * Decimal::ONE_HUNDRED;
        let got = out.value_at(month(2021, 7)).unwrap();
        assert!((got - by_hand).abs() < d("1e-24"), "{got} vs {by_hand}");
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Zero or negative bases.
// ---------------------------------------------------------------------------------------------
mod non_positive_base {
    use super::*;

    /// 2016..2021: 5, 0, 4, −2, 3, 6.
    fn annual_with_zero_and_negative() -> Series {
        annual(
            "x",
            "10 thousand vehicles",
            Kind::Flow,
            &[
                (2016, "5"),
                (2017, "0"),
                (2018, "4"),
                (2019, "-2"),
                (2020, "3"),
                (2021, "6"),
            ],
        )
    }

    fn non_positive(period: Period, value: &str) -> Gap {
        Gap::NonPositiveBase {
            period,
            value: value.into(),
        }
    }

    /// Asserts every value of the series is finite (for f64) and returns nothing.
    fn all_finite(s: &Series<f64>) {
        for (p, v) in s.observations() {
            assert!(v.is_finite(), "{p}: {v}");
        }
    }

    #[test]
    fn growth_rates_on_a_zero_or_negative_base_are_gaps() {
        let s = annual_with_zero_and_negative();
        let y = Period::year;
        for t in [Transform::Pch, Transform::Pc1] {
            let dec = t.apply(&s).unwrap();
            let f = t.apply(&s.to_f64()).unwrap();
            all_finite(&f);
            // 2018's base is 2017's 0; 2020's base is 2019's −2.
            for out in [dec.gap(y(2018)), f.gap(y(2018))] {
                assert_eq!(out, Some(&non_positive(y(2017), "0")), "{t}");
            }
            for out in [dec.gap(y(2020)), f.gap(y(2020))] {
                assert_eq!(out, Some(&non_positive(y(2019), "-2")), "{t}");
            }
            assert_eq!(dec.value_at(y(2018)), None);
            assert_eq!(f.value_at(y(2020)), None);
            // A positive base with a zero or negative level is a real growth rate (by hand:
            // 0/5 → −100%, −2/4 → −150%, 6/3 → +100%).
            assert_eq!(dec.value_at(y(2017)), Some(d("-100")));
            assert_eq!(dec.value_at(y(2019)), Some(d("-150")));
            assert_eq!(dec.value_at(y(2021)), Some(d("100")));
            assert_eq!(f.value_at(y(2019)), Some(-150.0));
        }
    }

    #[test]
    fn pc1_on_a_monthly_zero_looks_a_year_back() {
        let start = month(2021, 1);
        let values: Vec<(Period, Decimal)> = (0..24)
            .map(|i| {
                let v = if i == 2 { 0 } else { 50 + i };
                (start.shift(i).unwrap(), Decimal::from(v))
            })
            .collect();
        let s = series(
            "m",
            "10 thousand vehicles",
            Frequency::Monthly,
            Kind::Flow,
            &values,
        );
        let out = Transform::Pc1.apply(&s).unwrap();
        assert_eq!(out.value_at(month(2022, 3)), None);
        assert_eq!(
            out.gap(month(2022, 3)),
            Some(&non_positive(month(2021, 3), "0"))
        );
        // 2022-04 compares 65 with 53: by hand (65/53 − 1) × 100.
        let by_hand = (d("65") / d("53") - Decimal::ONE) * Decimal::ONE_HUNDRED;
        assert_eq!(out.value_at(month(2022, 4)), Some(by_hand));
        let f = Transform::Pc1.apply(&s.to_f64()).unwrap();
        all_finite(&f);
        assert_eq!(
            f.gap(month(2022, 3)),
            Some(&non_positive(month(2021, 3), "0"))
        );
    }

    #[test]
    fn log_of_zero_or_negative_is_a_gap() {
        let s = annual_with_zero_and_negative();
        let y = Period::year;
        let dec = Transform::Log.apply(&s).unwrap();
        let f = Transform::Log.apply(&s.to_f64()).unwrap();
        all_finite(&f);
        // The logarithm's argument is the value itself, so the gap names it.
        let not_positive = |period, value: &str| Gap::NotPositive {
            period,
            value: value.to_string(),
        };
        for out in [dec.gap(y(2017)), f.gap(y(2017))] {
            assert_eq!(out, Some(&not_positive(y(2017), "0")));
        }
        for out in [dec.gap(y(2019)), f.gap(y(2019))] {
            assert_eq!(out, Some(&not_positive(y(2019), "-2")));
        }
        assert_relative_eq!(
            f.value_at(y(2016)).unwrap(),
            5.0_f64.ln(),
            max_relative = 1e-15
        );
        assert_relative_eq!(
            to_f64(dec.value_at(y(2021)).unwrap()),
            6.0_f64.ln(),
            max_relative = 1e-12
        );
    }

    #[test]
    fn cch_on_a_zero_or_negative_base_is_a_gap() {
        let s = annual_with_zero_and_negative();
        let y = Period::year;
        for t in [Transform::Cch, Transform::Cca, Transform::Pca] {
            let dec = t.apply(&s).unwrap();
            let f = t.apply(&s.to_f64()).unwrap();
            all_finite(&f);
            for out in [dec.gap(y(2018)), f.gap(y(2018))] {
                assert_eq!(out, Some(&non_positive(y(2017), "0")), "{t}");
            }
            for out in [dec.gap(y(2020)), f.gap(y(2020))] {
                assert_eq!(out, Some(&non_positive(y(2019), "-2")), "{t}");
            }
        }
        // The continuously compounded rates also need a positive current value: they are gaps
        // wherever the level itself is zero or negative.
        for t in [Transform::Cch, Transform::Cca] {
            let dec = t.apply(&s).unwrap();
            let f = t.apply(&s.to_f64()).unwrap();
            for p in [y(2017), y(2019)] {
                assert_eq!(dec.value_at(p), None, "{t} {p}");
                assert_eq!(f.value_at(p), None, "{t} {p}");
                assert!(
                    matches!(dec.gap(p), Some(Gap::NotPositive { period, .. }) if *period == p),
                    "{t} {p}: {:?}",
                    dec.gap(p)
                );
            }
        }
    }

    #[test]
    fn cch_gap_names_the_value_that_is_not_positive() {
        let s = annual_with_zero_and_negative();
        let y = Period::year;
        let out = Transform::Cch.apply(&s).unwrap();
        // ln(0) is what fails for 2017, not 2016's 5: the gap should name 2017 and 0.
        let not_positive = |period, value: &str| Gap::NotPositive {
            period,
            value: value.to_string(),
        };
        assert_eq!(out.gap(y(2017)), Some(&not_positive(y(2017), "0")));
        assert_eq!(out.gap(y(2019)), Some(&not_positive(y(2019), "-2")));
    }

    #[test]
    fn growth_and_cagr_on_a_zero_or_negative_base_are_errors() {
        let s = annual_with_zero_and_negative();
        let y = Period::year;
        for (from, to) in [(2017, 2018), (2019, 2020), (2017, 2021), (2019, 2021)] {
            let e = transform::growth(&s, y(from), y(to)).unwrap_err();
            assert!(is_domain(&e), "growth {from}→{to}: {e}");
            let e = transform::cagr(&s, y(from), y(to)).unwrap_err();
            assert!(is_domain(&e), "cagr {from}→{to}: {e}");
            assert!(transform::growth(&s.to_f64(), y(from), y(to)).is_err());
            assert!(transform::cagr(&s.to_f64(), y(from), y(to)).is_err());
            let intervals = s.map(Interval::point);
            assert!(transform::growth(&intervals, y(from), y(to)).is_err());
            assert!(transform::cagr(&intervals, y(from), y(to)).is_err());
        }
        // A CAGR to a negative end is not defined either.
        assert!(transform::cagr(&s, y(2016), y(2019)).is_err());
        // A reported zero ("0", read as [−0.5, 0.5)) may be zero: not a base.
        let rounded = s.map(|v| Interval::rounded(v, 0).unwrap());
        assert!(transform::growth(&rounded, y(2017), y(2018)).is_err());
        // A positive base with a zero end is fine: −100%.
        assert_eq!(transform::growth(&s, y(2016), y(2017)).unwrap(), d("-100"));
        // Rebasing on a zero base is an error, too.
        assert!(transform::rebase(&s, &[y(2017)]).is_err());
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Decimal overflow.
// ---------------------------------------------------------------------------------------------
mod overflow {
    use super::*;

    #[test]
    fn converting_decimal_max_to_a_smaller_scale_overflows() {
        let yi = unit("100 million yuan");
        let yuan = unit("yuan");
        let e = yi.convert(Decimal::MAX, &yuan).unwrap_err();
        assert!(is_overflow(&e), "{e}");
        // The other way divides, exactly: by hand, MAX's mantissa with 8 more decimals.
        let down = yuan.convert(Decimal::MAX, &yi).unwrap();
        assert_eq!(
            down,
            Decimal::from_i128_with_scale(Decimal::MAX.mantissa(), 8)
        );
    }

    #[test]
    fn share_of_huge_values_is_an_overflow_gap_or_error() {
        let y = Period::year(2022);
        // The part in 亿元 against a whole in yuan: factor 1e8 × 100.
        let part = series(
            "big",
            "100 million yuan",
            Frequency::Annual,
            Kind::Flow,
            &[(y, d("1e20"))],
        );
        let whole = series(
            "one",
            "yuan",
            Frequency::Annual,
            Kind::Flow,
            &[(y, Decimal::ONE)],
        );
        let s = transform::share(&part, &whole).unwrap();
        assert_eq!(s.value_at(y), None);
        assert_eq!(s.gap(y), Some(&Gap::Overflow { period: y }));
        let e = transform::share_at(&part, &whole, y).unwrap_err();
        assert!(is_overflow(&e), "{e}");
        // Same unit, value near Decimal::MAX: × 100 overflows.
        let near = series(
            "near",
            "yuan",
            Frequency::Annual,
            Kind::Flow,
            &[(y, Decimal::MAX / Decimal::TWO)],
        );
        let s = transform::share(&near, &whole).unwrap();
        assert_eq!(s.gap(y), Some(&Gap::Overflow { period: y }));
        // On intervals too.
        let e = transform::share_at(&near.map(Interval::point), &whole.map(Interval::point), y)
            .unwrap_err();
        assert!(is_overflow(&e), "{e}");
    }

    #[test]
    fn transforms_that_overflow_leave_an_overflow_gap() {
        let (a, b) = (month(2023, 1), month(2023, 2));
        // chg of MAX after −MAX: 2 × MAX does not fit.
        let s = series(
            "s",
            "yuan",
            Frequency::Monthly,
            Kind::Flow,
            &[(a, -Decimal::MAX), (b, Decimal::MAX)],
        );
        let out = Transform::Chg.apply(&s).unwrap();
        assert_eq!(out.gap(b), Some(&Gap::Overflow { period: b }));
        // pca of a ten-billion-fold monthly rise: (1e10)^12 = 1e120.
        let s = series(
            "s",
            "yuan",
            Frequency::Monthly,
            Kind::Flow,
            &[(a, Decimal::ONE), (b, d("1e10"))],
        );
        let out = Transform::Pca.apply(&s).unwrap();
        assert_eq!(out.gap(b), Some(&Gap::Overflow { period: b }));
        // f64: overflowing to infinity is a gap too, never inf.
        let s = series(
            "s",
            "yuan",
            Frequency::Monthly,
            Kind::Flow,
            &[(a, -1e308), (b, 1e308)],
        );
        let out = Transform::Chg.apply(&s).unwrap();
        assert_eq!(out.gap(b), Some(&Gap::Overflow { period: b }));
        let s = series(
            "s",
            "yuan",
            Frequency::Monthly,
            Kind::Flow,
            &[(a, 1e-300), (b, 1e300)],
        );
        let out = Transform::Pca.apply(&s).unwrap();
        assert_eq!(out.gap(b), Some(&Gap::Overflow { period: b }));
    }

    #[test]
    fn scalar_computations_that_overflow_are_errors() {
        let y = Period::year;
        let s = series(
            "s",
            "yuan",
            Frequency::Annual,
            Kind::Flow,
            &[(y(2021), d("1e-28")), (y(2022), Decimal::MAX)],
        );
        let e = transform::growth(&s, y(2021), y(2022)).unwrap_err();
        assert!(is_overflow(&e), "{e}");
        let e = transform::implied_base(Decimal::MAX, d("-99.9999")).unwrap_err();
        assert!(is_overflow(&e), "{e}");
        let e = Interval::rounded(Decimal::MAX, 0).unwrap_err();
        assert!(is_overflow(&e), "{e}");
        let e = Interval::point(Decimal::MAX)
            .checked_mul(&Interval::point(Decimal::TWO))
            .unwrap_err();
        assert!(is_overflow(&e), "{e}");
    }

    #[test]
    fn aggregating_huge_flows_is_an_overflow_gap() {
        let values: Vec<(Period, Decimal)> =
            (1..=3).map(|m| (month(2022, m), Decimal::MAX)).collect();
        let s = series("s", "yuan", Frequency::Monthly, Kind::Flow, &values);
        let q = transform::aggregate(&s, Frequency::Quarterly, None).unwrap();
        let q1 = quarter(2022, 1);
        assert_eq!(q.value_at(q1), None);
        assert_eq!(q.gap(q1), Some(&Gap::Overflow { period: q1 }));
        // Averaging overflows the same way (the sum comes first); ending does not.
        let avg =
            transform::aggregate(&s, Frequency::Quarterly, Some(Aggregation::Average)).unwrap();
        assert_eq!(avg.gap(q1), Some(&Gap::Overflow { period: q1 }));
        let end =
            transform::aggregate(&s, Frequency::Quarterly, Some(Aggregation::EndOfPeriod)).unwrap();
        assert_eq!(end.value_at(q1), Some(Decimal::MAX));
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Calendar: year-to-date values and aggregation.
// ---------------------------------------------------------------------------------------------
mod calendar {
    use super::*;

    /// Discrete monthly output (10 thousand vehicles), January to December.
    const DISCRETE: [(i32, [i64; 12]); 2] = [
        (2022, [18, 22, 35, 30, 32, 36, 31, 33, 37, 40, 45, 50]),
        (2023, [20, 25, 38, 33, 35, 39, 34, 36, 40, 43, 48, 55]),
    ];

    /// Year-to-date values as Chinese releases give them: no January, February = Jan + Feb.
    fn ytd_without_january() -> Series {
        let mut values = Vec::new();
        for (year, months) in DISCRETE {
            let mut cumulative = 0;
            for (i, v) in months.iter().enumerate() {
                cumulative += v;
                if i > 0 {
                    values.push((month(year, i as u32 + 1), Decimal::from(cumulative)));
                }
            }
        }
        series(
            "output_ytd",
            "10 thousand vehicles",
            Frequency::Monthly,
            Kind::Flow,
            &values,
        )
    }

    #[test]
    fn ytd_with_combined_january_february_over_two_years() {
        let ytd = ytd_without_january();
        for out in [
            transform::ytd_to_discrete(&ytd).unwrap(),
            transform::ytd_to_discrete(&ytd.to_f64())
                .unwrap()
                .map(|v| Decimal::from_f64(v).unwrap()),
        ] {
            assert_eq!(out.meta().kind, Kind::Flow);
            assert_eq!(out.unit(), ytd.unit());
            for (year, months) in DISCRETE {
                let (jan, feb) = (month(year, 1), month(year, 2));
                assert_eq!(out.value_at(jan), None, "{jan} is not invented");
                assert_eq!(out.gap(jan), Some(&Gap::Combined { into: feb }));
                // February holds January–February (never February minus last December), and
                // the series says so: its value covers January too.
                assert_eq!(
                    out.value_at(feb),
                    Some(Decimal::from(months[0] + months[1]))
                );
                assert_eq!(transform::combined_from(&out, feb), Some(jan));
                assert_eq!(transform::combined_from(&out, month(year, 3)), None);
                for (i, v) in months.iter().enumerate().skip(2) {
                    let p = month(year, i as u32 + 1);
                    assert_eq!(out.value_at(p), Some(Decimal::from(*v)), "{p}");
                }
            }
            // Year on year, January–February 2023 against January–February 2022, by hand:
            // (20 + 25) / (18 + 22) = 45 / 40, so +12.5%; never a two-month total against
            // one month.
            let pc1 = Transform::Pc1.apply(&out).unwrap();
            assert_eq!(pc1.value_at(month(2023, 2)), Some(d("12.5")));
            assert_eq!(
                pc1.gap(month(2023, 1)),
                Some(&Gap::Combined {
                    into: month(2023, 2)
                })
            );
            // The first quarter is complete: the combined value counts for both months.
            let q = transform::aggregate(&out, Frequency::Quarterly, None).unwrap();
            assert_eq!(
                q.value_at(quarter(2022, 1)),
                Some(Decimal::from(18 + 22 + 35))
            );
            assert_eq!(
                q.value_at(quarter(2023, 1)),
                Some(Decimal::from(20 + 25 + 38))
            );
        }
    }

    #[test]
    fn ytd_with_a_january_release_and_a_missing_month() {
        // (Before: August was a gap naming July, and the third quarter incomplete, though
        // the year-to-date values give July–August and the quarter exactly.)
        // 2023 has a January release; 2023-07 is missing.
        let mut ytd = ytd_without_january();
        ytd.insert(month(2023, 1), Decimal::from(DISCRETE[1].1[0]))
            .unwrap();
        let values: Vec<(Period, Decimal)> = ytd
            .observations()
            .filter(|(p, _)| *p != month(2023, 7))
            .collect();
        let ytd = series(
            "output_ytd",
            "10 thousand vehicles",
            Frequency::Monthly,
            Kind::Flow,
            &values,
        );
        let out = transform::ytd_to_discrete(&ytd).unwrap();
        let months = DISCRETE[1].1;
        assert_eq!(out.value_at(month(2023, 1)), Some(Decimal::from(months[0])));
        assert_eq!(out.value_at(month(2023, 2)), Some(Decimal::from(months[1])));
        // July alone is unknown; August's YTD minus June's is July + August (34 + 36), a
        // combined value marked as such — never August alone.
        assert_eq!(out.value_at(month(2023, 7)), None);
        assert_eq!(
            out.gap(month(2023, 7)),
            Some(&Gap::Combined {
                into: month(2023, 8)
            })
        );
        assert_eq!(out.value_at(month(2023, 8)), Some(Decimal::from(34 + 36)));
        assert_eq!(
            transform::combined_from(&out, month(2023, 8)),
            Some(month(2023, 7))
        );
        assert_eq!(out.value_at(month(2023, 9)), Some(Decimal::from(months[8])));
        // So the third quarter is complete: 34 + 36 + 40.
        let q = transform::aggregate(&out, Frequency::Quarterly, None).unwrap();
        assert_eq!(
            q.value_at(quarter(2023, 3)),
            Some(Decimal::from(34 + 36 + 40))
        );
    }

    #[test]
    fn ytd_needs_a_sub_annual_flow() {
        let ytd = ytd_without_january();
        let mut stock = ytd.clone();
        stock.meta_mut().kind = Kind::Stock;
        assert!(transform::ytd_to_discrete(&stock).is_err());
        let annual = annual("a", "10 thousand vehicles", Kind::Flow, &[(2022, "1")]);
        assert!(transform::ytd_to_discrete(&annual).is_err());
    }

    /// 17 months, 2022-01..2023-05, with values 1..=17.
    fn months_1_to_17(kind: Kind) -> Series {
        let values: Vec<(Period, Decimal)> = (0..17)
            .map(|i| (month(2022, 1).shift(i).unwrap(), Decimal::from(i + 1)))
            .collect();
        series(
            "x",
            "10 thousand vehicles",
            Frequency::Monthly,
            kind,
            &values,
        )
    }

    #[test]
    fn flows_sum_to_quarters_and_years() {
        let s = months_1_to_17(Kind::Flow);
        let q = transform::aggregate(&s, Frequency::Quarterly, None).unwrap();
        assert_eq!(q.frequency(), Frequency::Quarterly);
        // By hand: 1+2+3, 4+5+6, 7+8+9, 10+11+12, 13+14+15.
        for (p, v) in [
            (quarter(2022, 1), 6),
            (quarter(2022, 2), 15),
            (quarter(2022, 3), 24),
            (quarter(2022, 4), 33),
            (quarter(2023, 1), 42),
        ] {
            assert_eq!(q.value_at(p), Some(Decimal::from(v)), "{p}");
        }
        // 2023Q2 has April and May only.
        assert_eq!(q.value_at(quarter(2023, 2)), None);
        assert_eq!(
            q.gap(quarter(2023, 2)),
            Some(&Gap::Incomplete { have: 2, need: 3 })
        );
        // Quarters to years: 2022 = 1 + … + 12 = 78; 2023 has one complete quarter.
        let a = transform::aggregate(&q, Frequency::Annual, None).unwrap();
        assert_eq!(a.value_at(Period::year(2022)), Some(Decimal::from(78)));
        assert_eq!(
            a.gap(Period::year(2023)),
            Some(&Gap::Incomplete { have: 1, need: 4 })
        );
        // Months straight to years gives the same.
        let direct = transform::aggregate(&s, Frequency::Annual, None).unwrap();
        assert_eq!(direct.value_at(Period::year(2022)), Some(Decimal::from(78)));
        assert_eq!(
            direct.gap(Period::year(2023)),
            Some(&Gap::Incomplete { have: 5, need: 12 })
        );
        // f64 path.
        let qf = transform::aggregate(&s.to_f64(), Frequency::Quarterly, None).unwrap();
        assert_eq!(qf.value_at(quarter(2022, 4)), Some(33.0));
        assert_eq!(
            qf.gap(quarter(2023, 2)),
            Some(&Gap::Incomplete { have: 2, need: 3 })
        );
    }

    #[test]
    fn a_missing_month_inside_a_quarter_makes_it_incomplete() {
        let s = months_1_to_17(Kind::Flow);
        let values: Vec<(Period, Decimal)> = s
            .observations()
            .filter(|(p, _)| *p != month(2022, 5))
            .collect();
        let s = series(
            "x",
            "10 thousand vehicles",
            Frequency::Monthly,
            Kind::Flow,
            &values,
        );
        let q = transform::aggregate(&s, Frequency::Quarterly, None).unwrap();
        assert_eq!(q.value_at(quarter(2022, 2)), None, "never a partial sum");
        assert_eq!(
            q.gap(quarter(2022, 2)),
            Some(&Gap::Incomplete { have: 2, need: 3 })
        );
        assert_eq!(q.value_at(quarter(2022, 3)), Some(Decimal::from(24)));
    }

    #[test]
    fn stocks_take_the_end_of_period() {
        let s = months_1_to_17(Kind::Stock);
        let q = transform::aggregate(&s, Frequency::Quarterly, None).unwrap();
        // The value of the quarter's last month: March = 3, June = 6, …
        for (p, v) in [
            (quarter(2022, 1), 3),
            (quarter(2022, 2), 6),
            (quarter(2022, 3), 9),
            (quarter(2022, 4), 12),
            (quarter(2023, 1), 15),
        ] {
            assert_eq!(q.value_at(p), Some(Decimal::from(v)), "{p}");
        }
        // 2023Q2 has no June: no end-of-period value, with a reason (see
        // below for which reason the docs promise).
        let incomplete_or_missing =
            |g: Option<&Gap>| matches!(g, Some(Gap::Incomplete { .. } | Gap::NoValue { .. }));
        assert_eq!(q.value_at(quarter(2023, 2)), None);
        assert!(incomplete_or_missing(q.gap(quarter(2023, 2))));
        let a = transform::aggregate(&q, Frequency::Annual, None).unwrap();
        assert_eq!(a.value_at(Period::year(2022)), Some(Decimal::from(12)));
        assert_eq!(a.value_at(Period::year(2023)), None);
        assert!(incomplete_or_missing(a.gap(Period::year(2023))));
        // A missing month other than the last does not matter to a stock.
        let values: Vec<(Period, Decimal)> = s
            .observations()
            .filter(|(p, _)| *p != month(2022, 1))
            .collect();
        let s = series(
            "x",
            "10 thousand vehicles",
            Frequency::Monthly,
            Kind::Stock,
            &values,
        );
        let q = transform::aggregate(&s, Frequency::Quarterly, None).unwrap();
        assert_eq!(q.value_at(quarter(2022, 1)), Some(Decimal::from(3)));
    }

    #[test]
    fn incomplete_stock_quarter_names_its_missing_last_month() {
        // For a stock only the end of the period counts (see the docs of `aggregate`).
        let s = months_1_to_17(Kind::Stock);
        let q = transform::aggregate(&s, Frequency::Quarterly, None).unwrap();
        assert_eq!(
            q.gap(quarter(2023, 2)),
            Some(&Gap::NoValue {
                series: s.id().to_string(),
                period: Period::month(2023, 6).unwrap()
            })
        );
    }

    #[test]
    fn rates_average() {
        let s = months_1_to_17(Kind::Rate);
        let q = transform::aggregate(&s, Frequency::Quarterly, None).unwrap();
        // By hand: (1+2+3)/3 = 2, (4+5+6)/3 = 5, …
        for (p, v) in [
            (quarter(2022, 1), 2),
            (quarter(2022, 4), 11),
            (quarter(2023, 1), 14),
        ] {
            assert_eq!(q.value_at(p), Some(Decimal::from(v)), "{p}");
        }
        assert_eq!(
            q.gap(quarter(2023, 2)),
            Some(&Gap::Incomplete { have: 2, need: 3 })
        );
        let a = transform::aggregate(&q, Frequency::Annual, None).unwrap();
        // (2 + 5 + 8 + 11) / 4 = 6.5
        assert_eq!(a.value_at(Period::year(2022)), Some(d("6.5")));
        // A non-terminating average: (1 + 1 + 2) / 3 = 4/3.
        let r = series(
            "r",
            "percent",
            Frequency::Monthly,
            Kind::Rate,
            &[
                (month(2022, 1), 1.0),
                (month(2022, 2), 1.0),
                (month(2022, 3), 2.0),
            ],
        );
        let q = transform::aggregate(&r, Frequency::Quarterly, None).unwrap();
        assert_relative_eq!(
            q.value_at(quarter(2022, 1)).unwrap(),
            4.0 / 3.0,
            max_relative = 1e-15
        );
        // The method can be chosen: the end of period of a rate.
        let end =
            transform::aggregate(&r, Frequency::Quarterly, Some(Aggregation::EndOfPeriod)).unwrap();
        assert_eq!(end.value_at(quarter(2022, 1)), Some(2.0));
    }

    #[test]
    fn aggregation_needs_a_lower_frequency() {
        let s = months_1_to_17(Kind::Flow);
        assert!(transform::aggregate(&s, Frequency::Monthly, None).is_err());
        let q = transform::aggregate(&s, Frequency::Quarterly, None).unwrap();
        assert!(transform::aggregate(&q, Frequency::Monthly, None).is_err());
    }

    #[test]
    fn aggregate_ratio_recomputes_the_share_from_its_components() {
        let start = month(2022, 1);
        let num = [30, 31, 35, 40, 41];
        let den = [100, 100, 110, 120, 121];
        let pairs = |xs: &[i64]| -> Vec<(Period, Decimal)> {
            xs.iter()
                .enumerate()
                .map(|(i, v)| (start.shift(i as i64).unwrap(), Decimal::from(*v)))
                .collect()
        };
        let industry = series(
            "industry",
            "100 million yuan",
            Frequency::Monthly,
            Kind::Flow,
            &pairs(&num),
        );
        let gdp = series(
            "gdp",
            "100 million yuan",
            Frequency::Monthly,
            Kind::Flow,
            &pairs(&den),
        );
        let share = transform::aggregate_ratio(&industry, &gdp, Frequency::Quarterly).unwrap();
        assert_eq!(share.unit(), &Unit::percent());
        // By hand: (30+31+35) / (100+100+110) × 100 = 96/310 × 100 = 30.967…%, not the average
        // of the monthly shares (30 + 31 + 31.818…)/3 = 30.939…%.
        let q1 = share.value_at(quarter(2022, 1)).unwrap();
        assert!((q1 - d("9600") / d("310")).abs() < d("1e-24"));
        assert_relative_eq!(to_f64(q1), 9600.0 / 310.0, max_relative = 1e-12);
        let averaged = (30.0 / 100.0 + 31.0 / 100.0 + 35.0 / 110.0) / 3.0 * 100.0;
        assert!((to_f64(q1) - averaged).abs() > 0.02);
        // Q2 has two months: no ratio.
        assert_eq!(share.value_at(quarter(2022, 2)), None);
        assert!(share.gap(quarter(2022, 2)).is_some());
        // f64 agrees.
        let f = transform::aggregate_ratio(&industry.to_f64(), &gdp.to_f64(), Frequency::Quarterly)
            .unwrap();
        assert_relative_eq!(
            f.value_at(quarter(2022, 1)).unwrap(),
            9600.0 / 310.0,
            max_relative = 1e-12
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Properties.
// ---------------------------------------------------------------------------------------------
mod properties {
    use super::*;
    use approx::relative_eq;
    use proptest::prelude::*;

    /// Positive decimals with two decimals, 0.01 to 1e9.
    fn level() -> impl Strategy<Value = Decimal> {
        (1i64..=100_000_000_000).prop_map(|m| Decimal::new(m, 2))
    }

    /// Positive decimals with one decimal, 0.1 to 1e7.
    fn component() -> impl Strategy<Value = Decimal> {
        (1i64..=100_000_000).prop_map(|m| Decimal::new(m, 1))
    }

    fn monthly(id: &str, values: &[Option<Decimal>]) -> Series {
        let start = month(2020, 1);
        let mut s = Series::new(SeriesMeta::new(
            id,
            unit("10 thousand vehicles"),
            Frequency::Monthly,
            Kind::Flow,
        ));
        for (i, v) in values.iter().enumerate() {
            if let Some(v) = v {
                s.insert(start.shift(i as i64).unwrap(), *v).unwrap();
            }
        }
        s
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// level_t / (1 + pc1_t / 100) gives back level_{t−12}.
        #[test]
        fn pc1_inverts_to_the_level_a_year_earlier(levels in prop::collection::vec(level(), 13..40)) {
            let values: Vec<Option<Decimal>> = levels.iter().copied().map(Some).collect();
            let s = monthly("x", &values);
            let pc1 = Transform::Pc1.apply(&s).unwrap();
            let start = month(2020, 1);
            for t in 12..levels.len() {
                let p = start.shift(t as i64).unwrap();
                let g = pc1.value_at(p).unwrap();
                let back = levels[t] / (Decimal::ONE + g / Decimal::ONE_HUNDRED);
                let base = levels[t - 12];
                prop_assert!(
                    (back - base).abs() <= base * d("1e-20"),
                    "{p}: {back} vs {base}"
                );
            }
        }

        /// Shares of components rounded to one decimal sum to an interval containing 100.
        #[test]
        fn shares_of_rounded_components_contain_100(parts in prop::collection::vec(component(), 2..7)) {
            let y = Period::year(2022);
            let rounded: Vec<Interval> = parts.iter().map(|c| Interval::rounded(*c, 1).unwrap()).collect();
            let mut whole_value = Interval::point(Decimal::ZERO);
            for r in &rounded {
                whole_value = whole_value.checked_add(r).unwrap();
            }
            let whole = series("whole", "100 million yuan", Frequency::Annual, Kind::Flow, &[(y, whole_value)]);
            let mut total = Interval::point(Decimal::ZERO);
            let mut exact_total = Decimal::ZERO;
            let exact_whole: Decimal = parts.iter().copied().sum();
            for (i, r) in rounded.iter().enumerate() {
                let id = format!("part{i}");
                let part = series(&id, "100 million yuan", Frequency::Annual, Kind::Flow, &[(y, *r)]);
                let share = transform::share(&part, &whole).unwrap().value_at(y).unwrap();
                // Each share holds the exact share (by hand).
                let exact = parts[i] * Decimal::ONE_HUNDRED / exact_whole;
                prop_assert!(share.contains(exact), "{share} misses {exact}");
                total = total.checked_add(&share).unwrap();
                // Decimal path.
                let dp = series(&id, "100 million yuan", Frequency::Annual, Kind::Flow, &[(y, parts[i])]);
                let dw = series("whole", "100 million yuan", Frequency::Annual, Kind::Flow, &[(y, exact_whole)]);
                exact_total += transform::share_at(&dp, &dw, y).unwrap();
            }
            prop_assert!(total.contains(Decimal::ONE_HUNDRED), "{total}");
            prop_assert!((exact_total - Decimal::ONE_HUNDRED).abs() < d("1e-20"), "{exact_total}");
        }

        /// Contributions of additive components add up to the total's growth.
        #[test]
        fn contributions_add_up_to_the_total_growth(
            parts in prop::collection::vec((component(), component()), 2..6)
        ) {
            let (y0, y1) = (Period::year(2021), Period::year(2022));
            // Components in 万元, the total in 亿元 (= Σ / 10000, exactly).
            let mut sum0 = Decimal::ZERO;
            let mut sum1 = Decimal::ZERO;
            let mut components = Vec::new();
            for (i, (c0, c1)) in parts.iter().enumerate() {
                sum0 += c0;
                sum1 += c1;
                components.push(series(
                    &format!("c{i}"),
                    "10 thousand yuan",
                    Frequency::Annual,
                    Kind::Flow,
                    &[(y0, *c0), (y1, *c1)],
                ));
            }
            let total = series(
                "total",
                "100 million yuan",
                Frequency::Annual,
                Kind::Flow,
                &[(y0, sum0 / d("10000")), (y1, sum1 / d("10000"))],
            );
            let growth = transform::growth(&total, y0, y1).unwrap();
            // By hand: (Σc1 / Σc0 − 1) × 100.
            let by_hand = (sum1 / sum0 - Decimal::ONE) * Decimal::ONE_HUNDRED;
            let tol = d("1e-20") * Decimal::ONE.max(growth.abs());
            prop_assert!((growth - by_hand).abs() <= tol);
            let mut added = Decimal::ZERO;
            for c in &components {
                let one = transform::contribution(c, &total, y1, Lag::YearAgo).unwrap();
                let series_form = transform::contributions(c, &total, Lag::YearAgo).unwrap();
                prop_assert_eq!(series_form.value_at(y1), Some(one));
                added += one;
            }
            prop_assert!((added - growth).abs() <= tol, "{added} vs {growth}");
        }

        /// Every transformation gives the same answer in f64 as in Decimal, within 1e-9
        /// relative, and the same gaps; on exact points, the interval path encloses it.
        #[test]
        fn f64_agrees_with_decimal_for_every_transform(
            values in prop::collection::vec(
                prop::option::weighted(0.9, (1000i64..=100_000).prop_map(|m| Decimal::new(m, 2))),
                2..40,
            )
        ) {
            let s = monthly("x", &values);
            let f = s.to_f64();
            for t in Transform::ALL {
                let out_d = t.apply(&s).unwrap();
                let out_f = t.apply(&f).unwrap();
                prop_assert_eq!(out_d.len(), out_f.len());
                let out_i = t.apply(&s.map(Interval::point)).unwrap();
                for ((p, vd), (_, vf)) in out_d.iter().zip(out_f.iter()) {
                    prop_assert_eq!(vd.is_some(), vf.is_some(), "{} {}", t, p);
                    prop_assert_eq!(out_d.gap(p), out_f.gap(p), "{} {}", t, p);
                    if let (Some(vd), Some(vf)) = (vd, vf) {
                        // The interval path on exact points encloses the Decimal result.
                        let vi = out_i.value_at(p).unwrap();
                        prop_assert!(vi.contains(vd), "{} {}: {} misses {}", t, p, vi, vd);
                        let vd = to_f64(vd);
                        prop_assert!(vf.is_finite());
                        prop_assert!(
                            relative_eq!(vf, vd, epsilon = 1e-12, max_relative = 1e-9),
                            "{} {}: f64 {} vs Decimal {}", t, p, vf, vd
                        );
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 6b. A zero end in an interval product stays exactly zero.
// ---------------------------------------------------------------------------------------------
mod interval_zero_products {
    use super::*;

    #[test]
    fn a_zero_part_has_a_zero_share_on_intervals() {
        // By hand: 0 × 0.01 = 0 and [0, 1] × 0.01 = [0, 0.01].
        let zero = Interval::point(Decimal::ZERO);
        let hundredth = Interval::point(d("0.01"));
        assert_eq!(zero.checked_mul(&hundredth).unwrap(), zero);
        let unit_range = Interval::closed(Decimal::ZERO, Decimal::ONE).unwrap();
        assert_eq!(
            unit_range.checked_mul(&hundredth).unwrap(),
            Interval::closed(Decimal::ZERO, d("0.01")).unwrap()
        );
        // A square is never negative: (0.0)^2 = 0.
        assert_eq!(Interval::point(d("0.0")).checked_powi(2).unwrap(), zero);
        // Through a share: a part of 0 (10 thousand yuan) in a whole of 5 (100 million yuan)
        // is 0%, not [-0.2, 0.2]% — which would make "0.1%" look consistent.
        let y = Period::year(2022);
        let part = series(
            "p",
            "10 thousand yuan",
            Frequency::Annual,
            Kind::Flow,
            &[(y, zero)],
        );
        let whole = series(
            "w",
            "100 million yuan",
            Frequency::Annual,
            Kind::Flow,
            &[(y, Interval::point(d("5")))],
        );
        let share = transform::share(&part, &whole)
            .unwrap()
            .value_at(y)
            .unwrap();
        assert_eq!(share, zero);
    }
}

// ---------------------------------------------------------------------------------------------
// 7. Units of ratios and shares.
// ---------------------------------------------------------------------------------------------
mod ratio_units {
    use super::*;

    #[test]
    fn yuan_over_vehicles_is_yuan_per_vehicle() {
        let y = Period::year(2022);
        let revenue = series(
            "revenue",
            "100 million yuan",
            Frequency::Annual,
            Kind::Flow,
            &[(y, d("100"))],
        );
        let vehicles = series(
            "vehicles",
            "10 thousand vehicles",
            Frequency::Annual,
            Kind::Flow,
            &[(y, d("50"))],
        );
        let r = transform::ratio(&revenue, &vehicles).unwrap();
        let shown = r.unit().to_string();
        assert!(shown.ends_with("yuan per vehicle"), "{shown}");
        assert_eq!(shown, "10 thousand yuan per vehicle");
        // By hand: 100e8 yuan / 50e4 vehicles = 20000 yuan per vehicle = 2 × 10 thousand.
        assert_eq!(r.unit().scale().exponent(), 4);
        assert_eq!(r.value_at(y), Some(d("2")));
        assert_eq!(r.meta().kind, Kind::Rate);

        // A smaller numerator scale: yuan over 10 thousand vehicles. By hand: 2e9 yuan / 10e4
        // vehicles = 20000 yuan per vehicle.
        let yuan = series(
            "yuan",
            "yuan",
            Frequency::Annual,
            Kind::Flow,
            &[(y, d("2000000000"))],
        );
        let vehicles = series(
            "vehicles",
            "10 thousand vehicles",
            Frequency::Annual,
            Kind::Flow,
            &[(y, d("10"))],
        );
        let r = transform::ratio(&yuan, &vehicles).unwrap();
        assert_eq!(r.unit().to_string(), "yuan per vehicle");
        assert_eq!(r.value_at(y), Some(d("20000")));
        // f64 and intervals agree.
        let f = transform::ratio(&yuan.to_f64(), &vehicles.to_f64()).unwrap();
        assert_relative_eq!(f.value_at(y).unwrap(), 20_000.0, max_relative = 1e-12);
        let i =
            transform::ratio(&yuan.map(Interval::point), &vehicles.map(Interval::point)).unwrap();
        assert!(i.value_at(y).unwrap().contains(d("20000")));
    }

    #[test]
    fn same_dimension_ratio_is_a_pure_number() {
        let y = Period::year(2022);
        // official-figures.csv line 24 (production 705.8 万辆) and line 25 (sales 688.7 万辆),
        // production written here as 7.058 million vehicles.
        let sales = series(
            "nev_sales",
            "10 thousand vehicles",
            Frequency::Annual,
            Kind::Flow,
            &[(y, d("688.7"))],
        );
        let production = series(
            "nev_production",
            "million vehicles",
            Frequency::Annual,
            Kind::Flow,
            &[(y, d("7.058"))],
        );
        let r = transform::ratio(&sales, &production).unwrap();
        assert_eq!(r.unit(), &Unit::number());
        // By hand: 6887000 / 7058000 = 0.97577…
        assert_relative_eq!(
            to_f64(r.value_at(y).unwrap()),
            6_887_000.0 / 7_058_000.0,
            max_relative = 1e-12
        );
        // 亿元 over trillion yuan: 401644 亿 / 121.0207 trillion = 0.33188…
        let industry = series(
            "industry",
            "100 million yuan",
            Frequency::Annual,
            Kind::Flow,
            &[(y, d("401644"))],
        );
        let gdp = series(
            "gdp",
            "trillion yuan",
            Frequency::Annual,
            Kind::Flow,
            &[(y, d("121.0207"))],
        );
        let r = transform::ratio(&industry, &gdp).unwrap();
        assert_eq!(r.unit(), &Unit::number());
        assert!((r.value_at(y).unwrap() - d("401644") / d("1210207")).abs() < d("1e-26"));
        let (u, k) =
            transform::ratio_unit(&unit("100 million yuan"), &unit("trillion yuan")).unwrap();
        assert_eq!((u, k), (Unit::number(), d("0.0001")));
    }

    #[test]
    fn a_share_of_vehicles_in_yuan_is_an_error() {
        let y = Period::year(2022);
        let vehicles = series(
            "nev_production",
            "10 thousand vehicles",
            Frequency::Annual,
            Kind::Flow,
            &[(y, d("705.8"))],
        );
        let gdp = series(
            "gdp",
            "100 million yuan",
            Frequency::Annual,
            Kind::Flow,
            &[(y, d("1210207"))],
        );
        let e = transform::share(&vehicles, &gdp).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::IncompatibleUnits { .. }),
            "{e}"
        );
        let e = transform::share_at(&vehicles, &gdp, y).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::IncompatibleUnits { .. }),
            "{e}"
        );
        assert!(transform::share(&vehicles.to_f64(), &gdp.to_f64()).is_err());
        // Percentage points are not percent either.
        let pp = series(
            "pp",
            "percentage points",
            Frequency::Annual,
            Kind::Rate,
            &[(y, d("0.3"))],
        );
        let pct = series(
            "pct",
            "percent",
            Frequency::Annual,
            Kind::Rate,
            &[(y, d("27.7"))],
        );
        assert!(transform::share(&pp, &pct).is_err());
    }
}

// ---------------------------------------------------------------------------------------------
// 8. Combined January–February releases: compared like with like (issue 9, defect 2).
// ---------------------------------------------------------------------------------------------
mod combined_releases {
    use super::*;

    /// Year-to-date output (10 thousand vehicles): 2022 released January (50) and February
    /// (100); 2023 only February (110, January–February); 2024 January (60) and February (121).
    fn ytd() -> Series {
        let values = [
            (month(2022, 1), 50),
            (month(2022, 2), 100),
            (month(2022, 3), 160),
            (month(2023, 2), 110),
            (month(2023, 3), 176),
            (month(2024, 1), 60),
            (month(2024, 2), 121),
        ]
        .map(|(p, v)| (p, Decimal::from(v)));
        series(
            "output_ytd",
            "10 thousand vehicles",
            Frequency::Monthly,
            Kind::Flow,
            &values,
        )
    }

    fn discrete() -> Series {
        transform::ytd_to_discrete(&ytd()).unwrap()
    }

    fn mismatch(period: Period, other: Period) -> Gap {
        Gap::CombinedMismatch { period, other }
    }

    #[test]
    fn a_combined_value_is_compared_with_the_same_months_a_year_earlier() {
        let m = discrete();
        // Discrete by hand: 2022 Jan 50, Feb 100 − 50 = 50; 2023 Jan–Feb 110.
        assert_eq!(m.value_at(month(2022, 2)), Some(Decimal::from(50)));
        assert_eq!(m.value_at(month(2023, 2)), Some(Decimal::from(110)));
        let pc1 = Transform::Pc1.apply(&m).unwrap();
        // (110 / (50 + 50) − 1) · 100 = 10, not (110 / 50 − 1) · 100 = 120.
        assert_eq!(pc1.value_at(month(2023, 2)), Some(Decimal::from(10)));
        assert_eq!(
            transform::combined_from(&pc1, month(2023, 2)),
            Some(month(2023, 1))
        );
        let ch1 = Transform::Ch1.apply(&m).unwrap();
        assert_eq!(ch1.value_at(month(2023, 2)), Some(Decimal::from(110 - 100)));
        // March 2023: 176 − 110 = 66 against 160 − 100 = 60, a single month each: +10%.
        assert_eq!(pc1.value_at(month(2023, 3)), Some(Decimal::from(10)));
        assert_eq!(transform::combined_from(&pc1, month(2023, 3)), None);
    }

    #[test]
    fn a_single_month_against_a_combined_one_is_widened_to_the_same_months() {
        let pc1 = Transform::Pc1.apply(&discrete()).unwrap();
        // 2024: Jan 60, Feb 121 − 60 = 61; Jan–Feb 121 against 2023's 110: (121/110 − 1)·100.
        assert_eq!(pc1.value_at(month(2024, 2)), Some(Decimal::from(10)));
        assert_eq!(
            transform::combined_from(&pc1, month(2024, 2)),
            Some(month(2024, 1))
        );
        assert_eq!(
            pc1.gap(month(2024, 1)),
            Some(&Gap::Combined {
                into: month(2024, 2)
            })
        );
    }

    #[test]
    fn combined_against_single_months_that_cannot_be_combined_is_a_gap_with_the_reason() {
        // A rate cannot be summed over months: the combined growth of 2023 has nothing alike in
        // 2022 (its months are single), so its change is a gap saying why.
        let mut rate = discrete();
        rate.meta_mut().kind = Kind::Rate;
        let ch1 = Transform::Ch1.apply(&rate).unwrap();
        assert_eq!(ch1.value_at(month(2023, 2)), None);
        assert_eq!(
            ch1.gap(month(2023, 2)),
            Some(&mismatch(month(2023, 2), month(2022, 2)))
        );
        // A flow without January 2022 cannot be combined either: the missing month is named.
        let mut values: Vec<(Period, Decimal)> = discrete()
            .observations()
            .filter(|(p, _)| *p != month(2022, 1))
            .collect();
        values.retain(|(p, _)| p.calendar_year() < 2024);
        let mut flow = series(
            "x",
            "10 thousand vehicles",
            Frequency::Monthly,
            Kind::Flow,
            &values,
        );
        flow.set_gap(
            month(2023, 1),
            Gap::Combined {
                into: month(2023, 2),
            },
        )
        .unwrap();
        let pc1 = Transform::Pc1.apply(&flow).unwrap();
        assert_eq!(pc1.value_at(month(2023, 2)), None);
        assert_eq!(
            pc1.gap(month(2023, 2)),
            Some(&Gap::NoValue {
                series: "x".into(),
                period: month(2022, 1)
            })
        );
    }

    #[test]
    fn month_on_month_changes_next_to_a_combined_release_are_gaps() {
        let pch = Transform::Pch.apply(&discrete()).unwrap();
        // March (one month) against January–February (two), and January–February against a
        // base that overlaps it: neither compares.
        assert_eq!(pch.value_at(month(2023, 3)), None);
        assert_eq!(
            pch.gap(month(2023, 3)),
            Some(&mismatch(month(2023, 3), month(2023, 2)))
        );
        assert_eq!(pch.value_at(month(2023, 2)), None);
        assert_eq!(
            pch.gap(month(2023, 2)),
            Some(&mismatch(month(2023, 2), month(2023, 1)))
        );
        // 2022 has single months: (160 − 100) / 50 = 1.2, +20% by hand.
        assert_eq!(pch.value_at(month(2022, 3)), Some(Decimal::from(20)));
    }

    #[test]
    fn the_f64_and_interval_forms_respect_the_mark() {
        let m = discrete();
        let f = Transform::Pc1.apply(&m.to_f64()).unwrap();
        assert_relative_eq!(f.value_at(month(2023, 2)).unwrap(), 10.0, epsilon = 1e-12);
        assert_relative_eq!(f.value_at(month(2024, 2)).unwrap(), 10.0, epsilon = 1e-12);
        let pch = Transform::Pch.apply(&m.to_f64()).unwrap();
        assert_eq!(pch.value_at(month(2023, 3)), None);
        let i = Transform::Pc1.apply(&m.map(Interval::point)).unwrap();
        assert!(
            i.value_at(month(2023, 2))
                .unwrap()
                .contains(Decimal::from(10))
        );
        // The levels themselves keep the mark through `lin`.
        let lin = Transform::Lin.apply(&m).unwrap();
        assert_eq!(
            transform::combined_from(&lin, month(2023, 2)),
            Some(month(2023, 1))
        );
    }

    #[test]
    fn ytd_values_after_missing_months_or_at_the_start_are_combined_values() {
        // Year-to-date from June 2022 (January–June 300), July 350, November 600, no December,
        // January 2023 40.
        let values = [
            (month(2022, 6), 300),
            (month(2022, 7), 350),
            (month(2022, 11), 600),
            (month(2023, 1), 40),
        ]
        .map(|(p, v)| (p, Decimal::from(v)));
        let ytd = series(
            "ytd",
            "10 thousand vehicles",
            Frequency::Monthly,
            Kind::Flow,
            &values,
        );
        let out = transform::ytd_to_discrete(&ytd).unwrap();
        // June holds January–June; July 350 − 300 = 50; November 600 − 350 = 250 holds
        // August–November; December has no later value in its year.
        assert_eq!(out.value_at(month(2022, 6)), Some(Decimal::from(300)));
        assert_eq!(
            transform::combined_from(&out, month(2022, 6)),
            Some(month(2022, 1))
        );
        assert_eq!(out.value_at(month(2022, 7)), Some(Decimal::from(50)));
        assert_eq!(out.value_at(month(2022, 11)), Some(Decimal::from(250)));
        assert_eq!(
            transform::combined_from(&out, month(2022, 11)),
            Some(month(2022, 8))
        );
        assert_eq!(
            out.gap(month(2022, 12)),
            Some(&Gap::NoValue {
                series: "ytd".into(),
                period: month(2022, 12)
            })
        );
        assert_eq!(out.value_at(month(2023, 1)), Some(Decimal::from(40)));
        // The first half is complete (300); the second quarter is not: January–June cannot be
        // split between the quarters.
        let half = transform::aggregate(&out, Frequency::Half, None).unwrap();
        assert_eq!(
            half.value_at(Period::new(Frequency::Half, 2022, 1).unwrap()),
            Some(Decimal::from(300))
        );
        let q = transform::aggregate(&out, Frequency::Quarterly, None).unwrap();
        assert_eq!(
            q.gap(quarter(2022, 2)),
            Some(&Gap::Incomplete { have: 0, need: 3 })
        );
    }

    mod against_the_truth {
        use super::*;
        use proptest::prelude::*;

        /// The true monthly values summed over `from ..= to`, or `None` outside the data.
        fn truth_over(truth: &[i64], start: Period, from: Period, to: Period) -> Option<i64> {
            let i = usize::try_from(from.ordinal() - start.ordinal()).ok()?;
            let j = usize::try_from(to.ordinal() - start.ordinal()).ok()?;
            truth.get(i..=j).map(|months| months.iter().sum())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Year-to-date releases with any months missing (three years of true monthly
            /// values): every discrete value is the truth over the months it says it covers,
            /// every year-on-year growth compares the same months of two years, and every
            /// complete quarter is the truth's sum.
            #[test]
            fn combined_values_always_cover_what_they_say(
                truth in prop::collection::vec(1i64..1000, 36),
                released in prop::collection::vec(prop::bool::weighted(0.7), 36),
            ) {
                let start = month(2021, 1);
                let mut values = Vec::new();
                let mut cumulative = 0;
                for (i, (v, r)) in truth.iter().zip(&released).enumerate() {
                    let p = start.shift(i as i64).unwrap();
                    if p.position() == 1 {
                        cumulative = 0;
                    }
                    cumulative += v;
                    if *r {
                        values.push((p, Decimal::from(cumulative)));
                    }
                }
                prop_assume!(!values.is_empty());
                let ytd = series("ytd", "10 thousand vehicles", Frequency::Monthly, Kind::Flow, &values);
                let discrete = transform::ytd_to_discrete(&ytd).unwrap();
                for (p, v) in discrete.observations() {
                    let first = transform::combined_from(&discrete, p).unwrap_or(p);
                    prop_assert_eq!(Some(v), truth_over(&truth, start, first, p).map(Decimal::from), "{}", p);
                }
                let pc1 = Transform::Pc1.apply(&discrete).unwrap();
                for (p, g) in pc1.observations() {
                    let first = transform::combined_from(&pc1, p).unwrap_or(p);
                    let x = truth_over(&truth, start, first, p).unwrap();
                    let b = truth_over(&truth, start, first.shift(-12).unwrap(), p.shift(-12).unwrap()).unwrap();
                    let expected = (Decimal::from(x) / Decimal::from(b) - Decimal::ONE) * Decimal::ONE_HUNDRED;
                    prop_assert_eq!(g, expected, "{}", p);
                }
                let q = transform::aggregate(&discrete, Frequency::Quarterly, None).unwrap();
                for (p, v) in q.observations() {
                    let from = Period::month(p.calendar_year(), p.position() * 3 - 2).unwrap();
                    let to = from.shift(2).unwrap();
                    prop_assert_eq!(Some(v), truth_over(&truth, start, from, to).map(Decimal::from), "{}", p);
                }
            }
        }
    }

    #[test]
    fn aggregation_counts_a_combined_value_for_both_months() {
        let q = transform::aggregate(&discrete(), Frequency::Quarterly, None).unwrap();
        // Q1 2023: January–February 110 + March 66 = 176, complete.
        assert_eq!(q.value_at(quarter(2023, 1)), Some(Decimal::from(176)));
        // Averaging a rate weighs the combined value twice: (2 · 10 + 4) / 3 = 8.
        let mut r = Series::new(SeriesMeta::new(
            "growth",
            Unit::percent(),
            Frequency::Monthly,
            Kind::Rate,
        ));
        r.set_gap(
            month(2023, 1),
            Gap::Combined {
                into: month(2023, 2),
            },
        )
        .unwrap();
        r.insert(month(2023, 2), Decimal::from(10)).unwrap();
        r.insert(month(2023, 3), Decimal::from(4)).unwrap();
        let avg = transform::aggregate(&r, Frequency::Quarterly, None).unwrap();
        assert_eq!(avg.value_at(quarter(2023, 1)), Some(Decimal::from(8)));
        // Without the mark, January is simply missing: two of three months.
        let mut plain = r.clone();
        plain
            .set_gap(month(2023, 1), Gap::Incomplete { have: 0, need: 1 })
            .unwrap();
        let avg = transform::aggregate(&plain, Frequency::Quarterly, None).unwrap();
        assert_eq!(
            avg.gap(quarter(2023, 1)),
            Some(&Gap::Incomplete { have: 2, need: 3 })
        );
    }

    #[test]
    fn scalar_growth_and_shares_compare_the_same_months() {
        let m = discrete();
        let g = transform::growth(&m, month(2022, 2), month(2023, 2)).unwrap();
        assert_eq!(g, Decimal::from(10));
        // Output as a share of a whole released month by month (flows): January–February
        // 110 of 100 + 120 = 220, so 50%.
        let whole = series(
            "whole",
            "10 thousand vehicles",
            Frequency::Monthly,
            Kind::Flow,
            &[
                (month(2023, 1), Decimal::from(100)),
                (month(2023, 2), Decimal::from(120)),
            ],
        );
        let share = transform::share_at(&m, &whole, month(2023, 2)).unwrap();
        assert_eq!(share, Decimal::from(50));
        // Contribution to growth over the same months: output's Jan–Feb 2023 (110) against
        // 2022's 50 + 50, in a total of 100 + 100 in 2022: (110 − 100) / 200 · 100 = 5 points.
        let total_2022 = series(
            "total",
            "10 thousand vehicles",
            Frequency::Monthly,
            Kind::Flow,
            &[
                (month(2022, 1), Decimal::from(100)),
                (month(2022, 2), Decimal::from(100)),
                (month(2023, 2), Decimal::from(230)),
            ],
        );
        let c = transform::contribution(&m, &total_2022, month(2023, 2), Lag::YearAgo).unwrap();
        assert_eq!(c, Decimal::from(5));
        let cs = transform::contributions(&m, &total_2022, Lag::YearAgo).unwrap();
        assert_eq!(cs.value_at(month(2023, 2)), Some(Decimal::from(5)));
        assert_eq!(
            cs.gap(month(2023, 1)),
            Some(&Gap::Combined {
                into: month(2023, 2)
            })
        );
        // An index keeps the mark, and refuses a combined base: 2022-03 (60) = 100, so
        // January–February 2023 (110) is 110 / 60 · 100.
        let index = transform::rebase(&m, &[month(2022, 3)]).unwrap();
        assert_eq!(
            index.value_at(month(2023, 2)),
            Some(Decimal::from(110) / Decimal::from(60) * Decimal::ONE_HUNDRED)
        );
        assert_eq!(
            transform::combined_from(&index, month(2023, 2)),
            Some(month(2023, 1))
        );
        assert!(transform::rebase(&m, &[month(2023, 2)]).is_err());
        let shares = transform::share(&m, &whole).unwrap();
        assert_eq!(shares.value_at(month(2023, 2)), Some(Decimal::from(50)));
        assert_eq!(
            transform::combined_from(&shares, month(2023, 2)),
            Some(month(2023, 1))
        );
        // A rate cannot be summed: a percentage-point change from a single month to a
        // combined one is refused with the reason.
        let mut rate = m.clone();
        rate.meta_mut().kind = Kind::Rate;
        rate.meta_mut().unit = Unit::percent();
        let err =
            transform::percentage_point_change(&rate, month(2022, 2), month(2023, 2)).unwrap_err();
        assert!(err.to_string().contains("combined"), "{err}");
    }
}

// ---------------------------------------------------------------------------------------------
// 9. The `Value` trait's fallible arithmetic beside the types' own methods (issue 11, item 5).
// ---------------------------------------------------------------------------------------------
mod value_names {
    use super::*;
    use indstat::transform::{Fault, Value};
    use rust_decimal::MathematicalOps;

    #[test]
    fn trait_methods_do_not_shadow_inherent_ones() {
        // With both traits in scope, `ln` is rust_decimal's and `try_ln` the crate's (before,
        // both were `ln` and the call was ambiguous). ln 1 = 0 exactly.
        assert_eq!(Decimal::ONE.try_ln(), Ok(Decimal::ONE.ln()));
        assert_eq!(Decimal::ONE.ln(), Decimal::ZERO);
        assert_eq!(Decimal::ZERO.try_ln(), Err(Fault::NonPositive));
        // f64: 2³ = 8 by both names; the trait's is fallible.
        assert_eq!(2.0f64.try_powi(3), Ok(2.0f64.powi(3)));
        assert_eq!(f64::MAX.try_mul(2.0), Err(Fault::Overflow));
        // Interval: its own `div` takes a reference and returns the crate's error; the trait's
        // returns a fault. 4 ÷ 2 = 2.
        let (four, two) = (Interval::point(d("4")), Interval::point(d("2")));
        assert_eq!(four.checked_div(&two).unwrap(), two);
        assert_eq!(four.try_div(two), Ok(two));
        assert_eq!(
            four.try_div(Interval::point(Decimal::ZERO)),
            Err(Fault::ZeroDivisor)
        );
    }
}
