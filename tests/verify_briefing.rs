//! The verification of the SCIO briefing of 2023-03-01 against the bundled data: one test per
//! finding the verifier must make, with the expected figures derived here from the briefing
//! and the reference figures (shared/reference/official-figures.csv), not from the program.

use indstat::verify::{Cause, Claims, Finding, Report, Verdict, verify};
use indstat::{Dataset, Interval, Period};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn report() -> Report {
    let data = Dataset::load_all(&[
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/reference"),
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/briefings/2023-03-01-scio-miit"
        ),
    ])
    .expect("bundled data loads from the repository");
    let claims = Claims::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/briefings/2023-03-01-scio-miit/claims.toml"
    ))
    .expect("bundled claims load");
    verify(&data, &claims)
}

fn finding<'a>(report: &'a Report, id: &str) -> &'a Finding {
    report
        .finding(id)
        .unwrap_or_else(|| panic!("claim `{id}` is in the bundled claims"))
}

#[test]
fn the_bundled_data_in_the_binary_equals_the_repository_files() {
    let from_files = report();
    let embedded = verify(&Dataset::bundled().unwrap(), &Claims::bundled().unwrap());
    assert_eq!(from_files, embedded);
    assert!(from_files.findings().len() >= 30);
}

#[test]
fn nev_production_is_consistent_only_if_truncated() {
    let r = report();
    let f = finding(&r, "nev-production-2022");
    // CAAM: 705.8万 = 7.058 million. Rounded half away from zero to two decimals that is 7.06
    // million; truncated, 7.05 million, as the briefing says.
    assert_eq!(indstat::round_half_away(d("7.058"), 2), d("7.06"));
    assert_eq!(indstat::truncate(d("7.058"), 2), d("7.05"));
    assert_eq!(f.verdict, Verdict::Inconsistent);
    assert!(f.has_cause(|c| *c == Cause::Truncation), "{}", f.note());
    assert!(f.note().contains("truncated"));
    // Same for sales: 688.7万 = 6.887 million, "6.88 million".
    let s = finding(&r, "nev-sales-2022");
    assert!(s.has_cause(|c| *c == Cause::Truncation), "{}", s.note());
}

#[test]
fn a_declared_truncation_makes_the_figure_consistent_and_says_so() {
    let claims = Claims::parse(
        "[[claim]]\nid = \"t\"\nkind = \"level\"\nseries = \"nev_production\"\nperiod = \"2022\"\nreported = \"7.05 million\"\nrounding = \"truncate\"\n",
        "inline.toml",
    )
    .unwrap();
    let r = verify(&Dataset::bundled().unwrap(), &claims);
    let f = finding(&r, "t");
    assert_eq!(f.verdict, Verdict::Consistent);
    assert!(
        f.note()
            .contains("only because the figure is read as truncated"),
        "{}",
        f.note()
    );
}

#[test]
fn nev_growth_is_inconsistent_with_the_published_base_and_names_the_implied_base() {
    let r = report();
    let f = finding(&r, "nev-production-growth-2022");
    assert_eq!(f.verdict, Verdict::Inconsistent);
    // 705.8 / 354.5 − 1 = 99.1%, not 96.9%.
    let growth = (705.8f64 / 354.5 - 1.0) * 100.0;
    assert!((growth - 99.1).abs() < 0.05);
    assert!(
        f.computed
            .unwrap()
            .contains(Decimal::try_from(growth).unwrap().round_dp(6))
    );
    // The base 96.9% implies: 705.8 / 1.969 ≈ 358.45, within [358.33, 358.58].
    let implied = f
        .causes
        .iter()
        .find_map(|c| match c {
            Cause::RevisedBase { implied } => Some(*implied),
            _ => None,
        })
        .expect("a revised-base cause");
    let outer = Interval::closed(d("358.33"), d("358.58")).unwrap();
    assert!(outer.encloses(&implied), "{implied}");
    assert!(implied.contains(d("705.8") / d("1.969")));
    assert!(!implied.contains(d("354.5")));
    assert!(f.note().contains("revised or comparable"));
}

#[test]
fn the_smes_figure_is_off_by_a_power_of_ten() {
    let r = report();
    let f = finding(&r, "smes-2022");
    // "exceeded 520 million" in the English transcript; 5200万户 (52 million) in Chinese.
    assert_eq!(f.verdict, Verdict::Inconsistent);
    assert!(
        f.has_cause(|c| *c == Cause::PowerOfTen { exponent: 1 }),
        "{:?}",
        f.causes
    );
    assert!(f.note().contains("power of ten"));
}

#[test]
fn an_unbounded_claim_reports_its_bound() {
    let r = report();
    let f = finding(&r, "nev-production-2022-exceeding-6-5-million-strict");
    assert_eq!(f.verdict, Verdict::Consistent);
    assert!(f.has_cause(|c| *c == Cause::Unbounded));
    assert_eq!(f.reported.unwrap().to_string(), "(650, +∞)");
    // The default reading of the same words is [650, 660) 万: 705.8万 is outside it.
    let default = finding(&r, "nev-production-2022-exceeding-6-5-million");
    assert_eq!(default.verdict, Verdict::Inconsistent);
    assert!(default.has_cause(|c| *c == Cause::StrictReading));
}

#[test]
fn a_share_without_its_whole_reports_the_implied_whole() {
    let r = report();
    let f = finding(&r, "iot-share-of-global-total-2022");
    assert_eq!(f.verdict, Verdict::Unverifiable);
    let whole = f
        .causes
        .iter()
        .find_map(|c| match c {
            Cause::ImpliedWhole { whole } => Some(*whole),
            _ => None,
        })
        .expect("an implied whole");
    // 18.45亿 connections at "more than 70%" ([70, 80)%): the world has 18.45/0.8 to 18.45/0.7.
    assert!(whole.contains(d("18.45") / d("0.75")));
    assert!(!whole.contains(d("27")) && !whole.contains(d("22")));
}

#[test]
fn a_cagr_without_its_start_reports_the_implied_start() {
    let r = report();
    let f = finding(&r, "nev-cagr-2012-2022");
    assert_eq!(f.verdict, Verdict::Unverifiable);
    assert!(f.note().contains("no value for 2012"));
    let start = f
        .causes
        .iter()
        .find_map(|c| match c {
            Cause::ImpliedStart { start } => Some(*start),
            _ => None,
        })
        .expect("an implied start");
    // 705.8 / 1.87^10 ≈ 1.3505 (10 thousand vehicles).
    let expected = 705.8f64 / 1.87f64.powi(10);
    assert!(
        start.contains(Decimal::try_from(expected).unwrap().round_dp(4)),
        "{start}"
    );
}

#[test]
fn industry_and_manufacturing_shares_of_gdp_are_consistent() {
    let r = report();
    let f = finding(&r, "industry-share-of-gdp-2022");
    assert_eq!(f.verdict, Verdict::Consistent);
    // 401,644 / 1,210,207 = 33.19%.
    let share = 401_644f64 / 1_210_207f64 * 100.0;
    assert!((share - 33.2).abs() < 0.05);
    assert!(
        f.computed
            .unwrap()
            .contains(Decimal::try_from(share).unwrap().round_dp(8))
    );
    assert_eq!(
        finding(&r, "manufacturing-share-of-gdp-2022").verdict,
        Verdict::Consistent
    );
}

#[test]
fn base_stations_and_iot_connections_agree_across_scales() {
    let r = report();
    // 2.31 million and 231.2万 base stations; 1.845 billion and 18.45亿 connections.
    for id in [
        "fiveg-base-stations-2022-jin",
        "fiveg-base-stations-2022-tian",
        "cellular-iot-connections-2022",
        "fiveg-base-stations-said-twice",
    ] {
        assert_eq!(finding(&r, id).verdict, Verdict::Consistent, "{id}");
    }
    // 231.2 − 142.5 = 88.7 (10 thousand) built in 2022.
    let built = finding(&r, "fiveg-base-stations-built-2022");
    assert_eq!(built.verdict, Verdict::Consistent);
    assert!(built.computed.unwrap().contains(d("231.2") - d("142.5")));
}

#[test]
fn software_revenue_statements_agree_with_each_other_and_the_reference() {
    let r = report();
    for id in [
        "software-revenue-2022-exceeded-10-trillion",
        "software-revenue-2022-10-8-trillion",
        "software-revenue-said-twice",
    ] {
        assert_eq!(finding(&r, id).verdict, Verdict::Consistent, "{id}");
    }
    // 108,126 亿元 = 10.8126 trillion: in [10, 20) and rounds to 10.8.
    assert_eq!(indstat::round_half_away(d("10.8126"), 1), d("10.8"));
}

#[test]
fn the_three_sectors_add_up_to_gdp() {
    let r = report();
    let f = finding(&r, "gdp-three-sectors-2022");
    assert_eq!(f.verdict, Verdict::Consistent);
    assert_eq!(88_345 + 483_164 + 638_698, 1_210_207);
    assert!(f.computed.unwrap().contains(d("1210207")));
    assert_eq!(f.inputs.len(), 3);
}

#[test]
fn every_finding_names_its_inputs_and_their_sources() {
    let r = report();
    for f in r.findings() {
        if f.verdict != Verdict::Unverifiable {
            assert!(!f.inputs.is_empty(), "{}", f.id);
            for i in &f.inputs {
                assert!(i.source.is_some(), "{}: {} has no source", f.id, i.series);
            }
        }
    }
    let gdp = finding(&r, "industry-share-of-gdp-2022");
    let gdp_input = gdp.inputs.iter().find(|i| i.series == "gdp").unwrap();
    assert_eq!(gdp_input.period, Period::year(2022));
    assert_eq!(gdp_input.source.as_ref().unwrap().publisher, "NBS");
}

#[test]
fn a_claim_that_cannot_be_evaluated_does_not_stop_the_others() {
    let text = "[[claim]]\nid = \"unknown\"\nkind = \"level\"\nseries = \"no_such_series\"\nperiod = \"2022\"\nreported = \"1\"\n\n\
                [[claim]]\nid = \"missing-period\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"1999\"\nreported = \"1\"\n\n\
                [[claim]]\nid = \"units\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"1 million vehicles\"\n\n\
                [[claim]]\nid = \"fine\"\nkind = \"level\"\nseries = \"gdp\"\nperiod = \"2022\"\nreported = \"121.0207 trillion yuan\"\n";
    let r = verify(
        &Dataset::bundled().unwrap(),
        &Claims::parse(text, "inline.toml").unwrap(),
    );
    assert_eq!(
        finding(&r, "unknown").note(),
        "series `no_such_series` is not in the data"
    );
    assert!(
        finding(&r, "missing-period")
            .note()
            .contains("no value for 1999")
    );
    assert!(
        finding(&r, "units")
            .note()
            .starts_with("units cannot be compared")
    );
    for id in ["unknown", "missing-period", "units"] {
        assert_eq!(finding(&r, id).verdict, Verdict::Unverifiable);
    }
    assert_eq!(finding(&r, "fine").verdict, Verdict::Consistent);
}

#[test]
fn the_json_report_has_the_documented_shape() {
    let r = report();
    let json: serde_json::Value =
        serde_json::from_str(&r.render(indstat::verify::Format::Json, false)).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), r.findings().len());
    for item in items {
        for key in [
            "id",
            "verdict",
            "computed",
            "reported",
            "note",
            "quote",
            "reported_text",
        ] {
            assert!(item.get(key).is_some(), "missing {key} in {item}");
        }
    }
    let smes = items.iter().find(|i| i["id"] == "smes-2022").unwrap();
    assert_eq!(smes["verdict"], "inconsistent");
    assert_eq!(smes["reported"]["low"], "52000");
    let strict = items
        .iter()
        .find(|i| i["id"] == "nev-production-2022-exceeding-6-5-million-strict")
        .unwrap();
    assert!(strict["reported"]["high"].is_null());
}
