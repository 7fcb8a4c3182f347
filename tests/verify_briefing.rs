//! The verification of the SCIO briefing of 2023-03-01 against the bundled data: one test per
//! finding the verifier must make, with the expected figures derived here from the briefing
//! and the reference figures (shared/reference/official-figures.csv), not from the program.

use indstat::verify::{Cause, Claims, Finding, ReadingUsed, Report, Verdict, verify};
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

/// An interval's ends as decimals, `None` for an infinite end.
fn ends(i: &Interval) -> (Option<Decimal>, Option<Decimal>) {
    (i.low().value(), i.high().value())
}

#[test]
fn nev_production_is_approximate_truncated() {
    let r = report();
    let f = finding(&r, "nev-production-2022");
    // CAAM: 705.8万, one decimal: [705.75, 705.85) 万. "7.05 million" = 705万 at two decimals of
    // a million (one 万): rounded it stands for [704.5, 705.5) 万, truncated for [705, 706) 万.
    let data = (d("705.8") - d("0.05"), d("705.8") + d("0.05"));
    let rounded = (d("705") - d("0.5"), d("705") + d("0.5"));
    let truncated = (d("705"), d("706"));
    assert_eq!(ends(&f.computed.unwrap()), (Some(data.0), Some(data.1)));
    assert_eq!(
        ends(&f.reported.unwrap()),
        (Some(rounded.0), Some(rounded.1))
    );
    // The default reading misses (705.5 ≤ 705.75); the truncated one holds the data.
    assert!(rounded.1 <= data.0 && truncated.0 <= data.0 && data.1 <= truncated.1);
    assert_eq!(f.verdict, Verdict::Approximate);
    assert_eq!(f.reading, Some(ReadingUsed::Truncated));
    assert_eq!(f.label(), "approximate (truncated)");
    assert!(f.has_cause(|c| *c == Cause::Truncation), "{}", f.note());
    assert!(f.note().contains("[705, 706)"), "{}", f.note());
    // No cause of error beside a reading that explains it.
    assert_eq!(f.causes.len(), 1, "{:?}", f.causes);
    // Sales: 688.7万 and "6.88 million": rounded [687.5, 688.5), truncated [688, 689).
    let s = finding(&r, "nev-sales-2022");
    assert!(d("688.5") <= d("688.7") - d("0.05") && d("688.7") + d("0.05") <= d("689"));
    assert_eq!(s.verdict, Verdict::Approximate);
    assert_eq!(s.reading, Some(ReadingUsed::Truncated));
}

#[test]
fn more_than_6_5_million_for_705_8_wan_is_approximate_as_a_bound() {
    let r = report();
    let f = finding(&r, "nev-production-2022-exceeding-6-5-million");
    // "exceeding 6.5 million" by default is [6.5, 6.6) million = [650, 660) 万; 705.8万 is
    // above 660, so only the strict reading (650, +∞) holds it.
    let value = d("705.8");
    assert!(value > d("660") && value > d("650"));
    assert_eq!(ends(&f.reported.unwrap()), (Some(d("650")), Some(d("660"))));
    assert_eq!(f.verdict, Verdict::Approximate);
    assert_eq!(f.reading, Some(ReadingUsed::Bound));
    assert_eq!(f.label(), "approximate (bound)");
    assert!(f.has_cause(|c| *c == Cause::StrictReading));
    assert!(f.note().contains("(650, +∞)"), "{}", f.note());
    // The same words with `strict = true` declared are consistent under that reading.
    let strict = finding(&r, "nev-production-2022-exceeding-6-5-million-strict");
    assert_eq!(strict.verdict, Verdict::Consistent);
    assert_eq!(strict.reading, Some(ReadingUsed::Bound));
    assert_eq!(strict.label(), "consistent");
}

#[test]
fn a_one_sided_figure_in_the_data_read_strictly_is_approximate_bound() {
    let r = report();
    // The reporter's "exceeding 6.5 million" (b22) is [6.5, 6.6) million by default; Xin
    // Guobin's 7.05 million ([7.045, 7.055)) is above 6.6, inside (6.5, +∞).
    assert!(d("7.045") > d("6.6"));
    for id in [
        "nev-question-vs-answer-production",
        "nev-question-vs-answer-sales",
    ] {
        let f = finding(&r, id);
        assert_eq!(f.verdict, Verdict::Approximate, "{id}");
        assert_eq!(f.reading, Some(ReadingUsed::Bound), "{id}");
        assert!(f.note().contains("read strictly"), "{id}: {}", f.note());
    }
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
    // Declared truncation: [705, 706) 万 holds [705.75, 705.85).
    assert_eq!(ends(&f.reported.unwrap()), (Some(d("705")), Some(d("706"))));
    assert_eq!(f.verdict, Verdict::Consistent);
    assert_eq!(f.reading, Some(ReadingUsed::Truncated));
    assert!(
        f.note()
            .contains("only because the figure is read as truncated"),
        "{}",
        f.note()
    );
}

/// The growth of `end` over `base`, in percent, at the extreme ends of their intervals
/// (each value ± half its last digit).
fn growth_range(end: Decimal, base: Decimal, half: Decimal) -> (Decimal, Decimal) {
    let h = Decimal::ONE_HUNDRED;
    (
        ((end - half) / (base + half) - Decimal::ONE) * h,
        ((end + half) / (base - half) - Decimal::ONE) * h,
    )
}

#[test]
fn nev_growth_is_inconsistent_and_names_how_far_the_implied_base_is() {
    let r = report();
    let f = finding(&r, "nev-production-growth-2022");
    assert_eq!(f.verdict, Verdict::Inconsistent);
    assert_eq!(f.reading, None);
    // 705.8 / 354.5 − 1 ≈ 99.1%, with each figure ± 0.05: [99.055, 99.140]. 96.9% is
    // [96.85, 96.95): neither rounded nor truncated ([96.9, 97.0)) does it reach.
    let (low, high) = growth_range(d("705.8"), d("354.5"), d("0.05"));
    let computed = f.computed.unwrap();
    let tiny = d("0.0001");
    assert!(computed.contains(low + tiny) && computed.contains(high - tiny));
    assert!(!computed.contains(low - tiny) && !computed.contains(high + tiny));
    assert!(low > d("97.0"));
    // The base 96.9% implies: 705.8 / 1.969 ≈ 358.456, within [358.33, 358.58]; that is
    // (358.456 − 354.5) / 354.5 ≈ 1.12% above the published base.
    let (implied, off) = f
        .causes
        .iter()
        .find_map(|c| match c {
            Cause::RevisedBase {
                implied,
                off_percent,
            } => Some((*implied, *off_percent)),
            _ => None,
        })
        .expect("a revised-base cause");
    let outer = Interval::closed(d("358.33"), d("358.58")).unwrap();
    assert!(outer.encloses(&implied), "{implied}");
    assert!(implied.contains(d("705.8") / d("1.969")));
    let expected_off = (d("705.8") / d("1.969") - d("354.5")) / d("354.5") * d("100");
    assert!(
        (off - expected_off).abs() < d("0.05"),
        "{off} vs {expected_off}"
    );
    assert!(
        f.note().contains("1.1% above the published 354.5"),
        "{}",
        f.note()
    );
    assert!(f.note().contains("revised or comparable"));
}

#[test]
fn a_growth_that_truncation_explains_gets_no_revised_base() {
    // 705.8 / 354.5 − 1 is in [99.055, 99.140]: "99.0%" rounded is [98.95, 99.05), which
    // misses; truncated, [99.0, 99.1), which holds part of it.
    let (low, _) = growth_range(d("705.8"), d("354.5"), d("0.05"));
    assert!(low >= d("99.05") && low < d("99.1"));
    let claims = Claims::parse(
        "[[claim]]\nid = \"g\"\nkind = \"growth\"\nseries = \"nev_production\"\nperiod = \"2022\"\nreported = \"99.0%\"\n",
        "inline.toml",
    )
    .unwrap();
    let r = verify(&Dataset::bundled().unwrap(), &claims);
    let f = finding(&r, "g");
    assert_eq!(f.verdict, Verdict::Approximate);
    assert_eq!(f.reading, Some(ReadingUsed::Truncated));
    assert!(
        !f.has_cause(|c| matches!(c, Cause::RevisedBase { .. })),
        "{}",
        f.note()
    );
    assert!(!f.note().contains("revised"), "{}", f.note());
}

#[test]
fn a_growth_whose_implied_base_is_far_from_the_published_one_is_not_called_a_revision() {
    // 50% on 705.8 implies a base of 705.8 / 1.5 ≈ 470.5, (470.5 − 354.5) / 354.5 ≈ 32.7%
    // above the published 354.5: too far for a revision.
    let off = (d("705.8") / d("1.5") - d("354.5")) / d("354.5") * d("100");
    assert!(off > d("32") && off < d("33.5"));
    let claims = Claims::parse(
        "[[claim]]\nid = \"g\"\nkind = \"growth\"\nseries = \"nev_production\"\nperiod = \"2022\"\nreported = \"50%\"\n",
        "inline.toml",
    )
    .unwrap();
    let r = verify(&Dataset::bundled().unwrap(), &claims);
    let f = finding(&r, "g");
    assert_eq!(f.verdict, Verdict::Inconsistent);
    assert!(!f.has_cause(|c| matches!(c, Cause::RevisedBase { .. })));
    assert!(f.note().contains("32.7% above"), "{}", f.note());
    assert!(f.note().contains("too far for a revision"), "{}", f.note());
}

#[test]
fn a_strict_one_sided_claim_is_never_called_a_power_of_ten_slip() {
    // "more than 65 million" read strictly is (6500, +∞) 万. Against 705.8万 it is false; a
    // tenth of it, (650, +∞), would hold 705.8, but an unbounded figure proves no slip.
    assert!(d("705.8") < d("6500") && d("705.8") > d("650"));
    let claims = Claims::parse(
        "[[claim]]\nid = \"p\"\nkind = \"level\"\nseries = \"nev_production\"\nperiod = \"2022\"\nreported = \"more than 65 million\"\nstrict = true\n",
        "inline.toml",
    )
    .unwrap();
    let r = verify(&Dataset::bundled().unwrap(), &claims);
    let f = finding(&r, "p");
    assert_eq!(f.verdict, Verdict::Inconsistent);
    assert!(
        !f.has_cause(|c| matches!(c, Cause::PowerOfTen { .. })),
        "{}",
        f.note()
    );
    assert!(!f.note().contains("power of ten"), "{}", f.note());
}

#[test]
fn the_smes_figure_is_off_by_a_power_of_ten() {
    let r = report();
    let f = finding(&r, "smes-2022");
    // "exceeded 520 million" in the English transcript; 5200万户 (52 million) in Chinese.
    // Reported [520, 530) million = [52000, 53000) 万; the data [5200, 5300) 万: a tenth.
    assert_eq!(
        ends(&f.reported.unwrap()),
        (Some(d("52000")), Some(d("53000")))
    );
    assert_eq!(
        ends(&f.computed.unwrap()),
        (Some(d("52000") / d("10")), Some(d("53000") / d("10")))
    );
    assert_eq!(f.verdict, Verdict::Inconsistent);
    assert_eq!(f.label(), "inconsistent");
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
    // 108,126 亿元 = 10.8126 trillion, [108125.5, 108126.5) 亿元: inside "exceeded 10 trillion"
    // ([100000, 200000) 亿元) and "10.8 trillion" ([107500, 108500) 亿元).
    let data = (d("108126") - d("0.5"), d("108126") + d("0.5"));
    let exceeded = finding(&r, "software-revenue-2022-exceeded-10-trillion");
    assert_eq!(
        ends(&exceeded.computed.unwrap()),
        (Some(data.0), Some(data.1))
    );
    assert_eq!(
        ends(&exceeded.reported.unwrap()),
        (Some(d("100000")), Some(d("200000")))
    );
    let plain = finding(&r, "software-revenue-2022-10-8-trillion");
    assert_eq!(
        ends(&plain.reported.unwrap()),
        (Some(d("107500")), Some(d("108500")))
    );
    for id in [
        "software-revenue-2022-exceeded-10-trillion",
        "software-revenue-2022-10-8-trillion",
        "software-revenue-said-twice",
    ] {
        assert_eq!(finding(&r, id).verdict, Verdict::Consistent, "{id}");
        assert_eq!(finding(&r, id).reading, Some(ReadingUsed::Rounded), "{id}");
    }
}

#[test]
fn the_three_sectors_add_up_to_gdp() {
    let r = report();
    let f = finding(&r, "gdp-three-sectors-2022");
    assert_eq!(f.verdict, Verdict::Consistent);
    // Primary 88,345, secondary 483,164, tertiary 638,698 亿元 (NBS), each ± 0.5: the sum is
    // within ± 1.5 of their total.
    let total = d("88345") + d("483164") + d("638698");
    let half = d("0.5") * d("3");
    assert_eq!(
        ends(&f.computed.unwrap()),
        (Some(total - half), Some(total + half))
    );
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
            "reading",
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
    assert!(smes["reading"].is_null());
    let truncated = items
        .iter()
        .find(|i| i["id"] == "nev-production-2022")
        .unwrap();
    assert_eq!(truncated["verdict"], "approximate");
    assert_eq!(truncated["reading"], "truncated");
    let rounded = items
        .iter()
        .find(|i| i["id"] == "industry-share-of-gdp-2022")
        .unwrap();
    assert_eq!(rounded["reading"], "rounded");
    assert_eq!(smes["reported"]["low"], "52000");
    let strict = items
        .iter()
        .find(|i| i["id"] == "nev-production-2022-exceeding-6-5-million-strict")
        .unwrap();
    assert!(strict["reported"]["high"].is_null());
}

#[test]
fn the_bundled_summary_reads_in_four_verdicts() {
    let r = report();
    // Approximate, derived above: two truncations (7.05 and 6.88 million), two strict
    // "exceeding 6.5 million" against 705.8万 and 688.7万, two statements against the
    // reporter's one-sided "exceeding 6.5 million".
    let approximate = [
        "nev-production-2022",
        "nev-sales-2022",
        "nev-production-2022-exceeding-6-5-million",
        "nev-sales-2022-exceeding-6-5-million",
        "nev-question-vs-answer-production",
        "nev-question-vs-answer-sales",
    ];
    // Inconsistent: 520 million for 5200万, and growth rates on revised bases: 96.9% and
    // 93.4% (NEV 2022), 11.2% (software: 108126 / 94994 − 1 ≈ 13.8%), 5.5% (electronics:
    // 15.4 / 14.1 − 1 ≈ 9.2%), 10.9% (NEV sales 2020: 136.7 / 121 − 1 ≈ 13%).
    let inconsistent = [
        "smes-2022",
        "nev-production-growth-2022",
        "nev-sales-growth-2022",
        "software-revenue-growth-2022",
        "electronic-info-manufacturing-revenue-growth-2022",
        "nev-sales-growth-2020",
    ];
    assert!((d("108126") / d("94994") - Decimal::ONE) * d("100") > d("13.8"));
    assert!((d("15.4") / d("14.1") - Decimal::ONE) * d("100") > d("9.2"));
    for id in approximate {
        assert_eq!(finding(&r, id).verdict, Verdict::Approximate, "{id}");
    }
    for id in inconsistent {
        assert_eq!(finding(&r, id).verdict, Verdict::Inconsistent, "{id}");
    }
    let c = r.counts();
    assert_eq!(c.approximate, approximate.len());
    assert_eq!(c.inconsistent, inconsistent.len());
    assert_eq!(c.invalid, 0);
    assert_eq!(c.total(), r.findings().len());
    let summary = r.summary();
    for word in [
        "consistent,",
        "approximate,",
        "inconsistent,",
        "unverifiable",
    ] {
        assert!(summary.contains(word), "{summary}");
    }
    assert!(summary.contains(&format!("{} approximate", approximate.len())));
    // Every growth claim flagged inconsistent names a plausible revised base, none a slip.
    for id in &inconsistent[1..] {
        let f = finding(&r, id);
        assert!(
            f.has_cause(|c| matches!(c, Cause::RevisedBase { .. })),
            "{id}"
        );
        assert_eq!(f.causes.len(), 1, "{id}: {:?}", f.causes);
    }
}

/// A monthly dataset written to a temporary folder: a stock of users, and two series whose
/// sum is a whole (one in 万, one in millions, so the sum is unit-checked).
fn monthly_data(test: &str) -> Dataset {
    let dir = std::env::temp_dir().join(format!("indstat-verify-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("sources.toml"),
        "[[source]]\nid = \"s\"\npublisher = \"P\"\ntitle = \"T\"\nreleased = \"2023-04-20\"\n",
    )
    .unwrap();
    let series = |id: &str, unit: &str| {
        format!(
            "[[series]]\nid = \"{id}\"\nname = \"{id}\"\nunit = \"{unit}\"\nfrequency = \"monthly\"\nkind = \"stock\"\nsource = \"s\"\n\n"
        )
    };
    std::fs::write(
        dir.join("series.toml"),
        series("users", "10 thousand users")
            + &series("broadband", "10 thousand users")
            + &series("fixed", "10 thousand users")
            + &series("mobile", "million users")
            + &series("satellite", "10 thousand users"),
    )
    .unwrap();
    std::fs::write(
        dir.join("observations.csv"),
        "series,period,value\n\
         users,2022-03,9000\nusers,2022-12,10000\nusers,2023-02,14000\nusers,2023-03,15000\n\
         broadband,2023-03,600\nfixed,2023-03,400\nmobile,2023-03,6\nsatellite,2022-03,1\n",
    )
    .unwrap();
    let data = Dataset::load(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    data.unwrap()
}

fn verify_text(data: &Dataset, text: &str) -> Report {
    verify(data, &Claims::parse(text, "inline.toml").unwrap())
}

#[test]
fn change_since_the_end_of_last_year_and_since_a_chosen_base() {
    let data = monthly_data("base");
    let claim = |id: &str, kind: &str, reported: &str, extra: &str| {
        format!(
            "[[claim]]\nid = \"{id}\"\nkind = \"{kind}\"\nseries = \"users\"\nperiod = \"2023-03\"\nreported = \"{reported}\"\n{extra}\n"
        )
    };
    // 比上年末: 15000 − 10000 (2022-12) = 5000 万 = 50 million; growth 15000 / 10000 − 1 = 50%.
    // Since 2023-02: 15000 − 14000 = 1000 万. Year on year (the default) it is 15000 − 9000.
    let (march, december, february, year_ago) = (d("15000"), d("10000"), d("14000"), d("9000"));
    let text = claim("year-end", "difference", "5000万", "over = \"year-end\"")
        + &claim("year-end-growth", "growth", "50%", "over = \"year-end\"")
        + &claim(
            "since-february",
            "difference",
            "1000万",
            "base = \"2023-02\"",
        )
        + &claim("year-on-year", "difference", "5000万", "");
    let r = verify_text(&data, &text);
    let f = finding(&r, "year-end");
    assert_eq!(f.verdict, Verdict::Consistent, "{}", f.note());
    assert!(f.computed.unwrap().contains(march - december));
    assert_eq!(f.inputs[1].period, Period::month(2022, 12).unwrap());
    let g = finding(&r, "year-end-growth");
    assert_eq!(g.verdict, Verdict::Consistent, "{}", g.note());
    assert!(
        g.computed
            .unwrap()
            .contains((march / december - Decimal::ONE) * d("100"))
    );
    let s = finding(&r, "since-february");
    assert_eq!(s.verdict, Verdict::Consistent, "{}", s.note());
    assert!(s.computed.unwrap().contains(march - february));
    // The same 5000万 year on year is 6000万: a different base, and inconsistent.
    let y = finding(&r, "year-on-year");
    assert!(y.computed.unwrap().contains(march - year_ago));
    assert_eq!(y.verdict, Verdict::Inconsistent);
}

#[test]
fn a_share_of_a_sum_is_unit_checked_and_a_missing_whole_is_implied() {
    let data = monthly_data("share");
    // Whole: fixed 400 万 + mobile 6 million (= 600 万) = 1000 万; broadband 600 万 is 60%.
    let whole = d("400") + d("6") * d("100");
    let share = d("600") / whole * d("100");
    assert_eq!(share, d("60"));
    let text = "[[claim]]\nid = \"sum\"\nkind = \"share\"\nseries = \"broadband\"\nof = [\"fixed\", \"mobile\"]\nperiod = \"2023-03\"\nreported = \"60%\"\n\n\
                [[claim]]\nid = \"gap\"\nkind = \"share\"\nseries = \"broadband\"\nof = [\"fixed\", \"satellite\"]\nperiod = \"2023-03\"\nreported = \"60%\"\n\n\
                [[claim]]\nid = \"absent\"\nkind = \"share\"\nseries = \"broadband\"\nof = \"no_such_series\"\nperiod = \"2023-03\"\nreported = \"60%\"\n";
    let r = verify_text(&data, text);
    let f = finding(&r, "sum");
    assert_eq!(f.verdict, Verdict::Consistent, "{}", f.note());
    assert!(f.computed.unwrap().contains(share));
    assert_eq!(f.inputs.len(), 3);
    // `satellite` has no March value, `no_such_series` is not in the data: the whole 600 万
    // at 60% implies, 600 / 0.6 = 1000 万, is reported with why the whole is missing.
    for (id, why) in [
        ("gap", "series `satellite` has no value for 2023-03"),
        ("absent", "series `no_such_series` is not in the data"),
    ] {
        let f = finding(&r, id);
        assert_eq!(f.verdict, Verdict::Unverifiable, "{id}");
        let implied = f
            .causes
            .iter()
            .find_map(|c| match c {
                Cause::ImpliedWhole { whole } => Some(*whole),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{id}: no implied whole: {}", f.note()));
        assert!(implied.contains(d("600") / d("0.6")), "{id}: {implied}");
        assert!(f.note().starts_with(why), "{id}: {}", f.note());
    }
}

/// Growth written as a multiple (倍), as Chinese releases write it: 增长1.2倍 is +120%,
/// 翻一番 (doubled) is +100%. NEV production grew from 354.5 to 705.8 (10 thousand vehicles):
/// (705.8 / 354.5 − 1) × 100 ≈ 99.1%, inside 翻一番's [95, 105)% and far below 1.2倍's
/// [115, 125)%. (Before multiples were wired into growth claims, both were refused.)
#[test]
fn growth_claims_accept_multiples() {
    let (low, high) = growth_range(d("705.8"), d("354.5"), d("0.05"));
    assert!(low > d("95") && high < d("105") && high < d("115"));
    let claim = |id: &str, reported: &str| {
        format!(
            "[[claim]]\nid = \"{id}\"\nkind = \"growth\"\nseries = \"nev_production\"\nperiod = \"2022\"\nreported = \"{reported}\"\n"
        )
    };
    let text = [
        claim("doubled", "翻一番"),
        claim("doubled-en", "doubled"),
        claim("too-much", "增长1.2倍"),
        claim("times-en", "up 1.2 times"),
    ]
    .concat();
    let claims = Claims::parse(&text, "inline.toml").unwrap();
    let r = verify(&Dataset::bundled().unwrap(), &claims);
    assert_eq!(finding(&r, "doubled").verdict, Verdict::Consistent);
    assert_eq!(finding(&r, "doubled-en").verdict, Verdict::Consistent);
    for id in ["too-much", "times-en"] {
        let f = finding(&r, id);
        assert_eq!(f.verdict, Verdict::Inconsistent, "{id}: {}", f.note());
        let (rl, rh) = ends(f.reported.as_ref().unwrap());
        assert_eq!((rl, rh), (Some(d("115")), Some(d("125"))));
    }
}
