//! Extraction on two press releases indstat has never been tuned on (written for these tests
//! in the style of NBS and MIIT releases, `tests/fixtures/release-en.txt` and
//! `release-zh.txt`), and on mixed scripts. Every expected value is written by hand from the
//! text of the release.

use indstat::Qualifier;
use indstat::extract::{Measure, PeriodBasis, Statement, statements, statements_dated};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture")
}

/// (text as written, value, qualifier, unit, measure)
type Row = (
    &'static str,
    &'static str,
    Qualifier,
    Option<&'static str>,
    Measure,
);

fn check_rows(got: &[Statement], want: &[Row]) {
    let texts: Vec<&str> = got.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(got.len(), want.len(), "found {texts:?}");
    for (s, (text, value, qualifier, unit, measure)) in got.iter().zip(want) {
        assert_eq!(s.text, *text);
        assert_eq!(s.value, *value, "{text}");
        assert_eq!(s.qualifier, *qualifier, "{text}");
        assert_eq!(s.unit.as_deref(), *unit, "{text}");
        assert_eq!(s.measure, *measure, "{text}");
    }
}

#[test]
fn english_release() {
    use Measure::*;
    use Qualifier::*;
    let text = fixture("release-en.txt");
    let got = statements(&text);
    let pct = Some("percent");
    check_rows(
        &got,
        &[
            ("5.8%", "5.8", Plain, pct, Growth),
            ("12.89 million", "12.89", Plain, None, Level),
            ("38.7 percent", "38.7", Plain, pct, Growth),
            ("451.4 billion", "451.4", Plain, None, Level),
            ("432.0 billion", "432.0", Plain, None, Level),
            ("22.2%", "22.2", Plain, pct, Growth),
            ("18.9%", "18.9", Plain, pct, Growth),
            ("more than 4.19 million", "4.19", MoreThan, None, Level),
            ("1.02 million", "1.02", Plain, None, Difference),
            ("16.3%", "16.3", Plain, pct, Share),
            (
                "0.6 percentage points",
                "0.6",
                Plain,
                Some("percentage points"),
                PpChange,
            ),
            ("topped 1.28 million", "1.28", Topped, None, Level),
            ("Nearly 30%", "30", Nearly, pct, Share),
            ("12.6%", "12.6", Plain, pct, Cagr),
        ],
    );
    // Offsets are characters of the input.
    let chars: Vec<char> = text.chars().collect();
    for s in &got {
        let slice: String = chars[s.start..s.end].iter().collect();
        assert_eq!(slice, s.text);
        assert!(s.sentence.contains(&s.text));
    }
    // Periods: stated, and "by the end of November" against the header date (January 17, 2025).
    assert_eq!(
        got[0].period.map(|p| p.to_string()).as_deref(),
        Some("2024")
    );
    assert_eq!(got[0].period_basis, Some(PeriodBasis::Stated));
    assert_eq!(
        got[7].period.map(|p| p.to_string()).as_deref(),
        Some("2024-11")
    );
    assert_eq!(got[7].period_basis, Some(PeriodBasis::HeaderDate));
    // "over the previous year" is the base of a growth rate, not its period.
    assert_eq!(got[2].period, None);
    // Subjects, and the "respectively" lists paired in order.
    assert_eq!(got[1].subject, "output of new energy vehicles");
    assert_eq!(got[3].subject, "production of integrated circuits");
    assert_eq!(got[4].subject, "sales of integrated circuits");
    assert_eq!(got[5].subject, "production of integrated circuits");
    assert_eq!(got[6].subject, "sales of integrated circuits");
    assert_eq!(got[7].subject, "5G base stations");
    assert_eq!(
        got[9].whole.as_deref(),
        Some("value added of industries above designated size")
    );
}

#[test]
fn chinese_release() {
    use Measure::*;
    use Qualifier::*;
    let text = fixture("release-zh.txt");
    let got = statements(&text);
    let pct = Some("percent");
    check_rows(
        &got,
        &[
            ("5.8%", "5.8", Plain, pct, Growth),
            (
                "1316.8万辆",
                "1316.8",
                Plain,
                Some("10 thousand vehicles"),
                Level,
            ),
            ("38.7%", "38.7", Plain, pct, Growth),
            ("4514亿块", "4514", Plain, Some("100 million 块"), Level),
            ("4380亿块", "4380", Plain, Some("100 million 块"), Level),
            ("22.2%", "22.2", Plain, pct, Growth),
            ("11.6%", "11.6", Plain, pct, Growth),
            (
                "超过425万个",
                "425",
                Exceeded,
                // 个 is a measure word: it counts whatever the series it meets counts.
                Some("10 thousand 个"),
                Level,
            ),
            (
                "87.9万个",
                "87.9",
                Plain,
                // 个 is a measure word: it counts whatever the series it meets counts.
                Some("10 thousand 个"),
                Difference,
            ),
            ("16.3%", "16.3", Plain, pct, Share),
            (
                "0.6个百分点",
                "0.6",
                Plain,
                Some("percentage points"),
                PpChange,
            ),
            ("近360万亿元", "360", Nearly, Some("trillion yuan"), Level),
            ("12.6%", "12.6", Plain, pct, Cagr),
            (
                "约7.06亿吨",
                "7.06",
                About,
                Some("100 million tonnes"),
                Level,
            ),
        ],
    );
    assert_eq!(
        got[0].period.map(|p| p.to_string()).as_deref(),
        Some("2024")
    );
    assert_eq!(got[1].subject, "新能源汽车产量");
    assert_eq!(got[2].subject, "新能源汽车产量");
    // 分别: 产量和销量 … 4514亿块和4380亿块 … 分别增长22.2%和11.6%.
    assert_eq!(got[3].subject, "集成电路产量");
    assert_eq!(got[4].subject, "集成电路销量");
    assert_eq!(got[5].subject, "集成电路产量");
    assert_eq!(got[6].subject, "集成电路销量");
    assert_eq!(got[9].subject, "高技术制造业增加值");
    assert_eq!(got[9].whole.as_deref(), Some("规模以上工业增加值"));
    assert_eq!(got[13].subject, "粮食产量");
}

#[test]
fn traditional_characters_full_width_digits_and_zhao() {
    let got =
        statements("去年新能源汽車產量１３１６．８萬輛，同比增長３８．７％，銷售額超過１兆元。");
    let values: Vec<&str> = got.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(values, ["1316.8", "38.7", "1"]);
    assert_eq!(got[0].unit.as_deref(), Some("10 thousand vehicles"));
    assert_eq!(got[0].text, "１３１６．８萬輛");
    assert_eq!(got[1].measure, Measure::Growth);
    // 兆 is 10^12 in Hong Kong and Taiwan usage.
    assert_eq!(got[2].unit.as_deref(), Some("trillion yuan"));
    assert_eq!(got[2].qualifier, Qualifier::Exceeded);
    // 去年 needs a date.
    assert_eq!(got[0].period, None);
    let dated = statements_dated(
        "去年新能源汽車產量１３１６．８萬輛",
        chrono::NaiveDate::from_ymd_opt(2025, 1, 17),
    );
    assert_eq!(
        dated[0].period.map(|p| p.to_string()).as_deref(),
        Some("2024")
    );
    assert_eq!(dated[0].period_basis, Some(PeriodBasis::GivenDate));
}

#[test]
fn mixed_scripts_and_what_is_not_a_figure() {
    let got = statements(
        "2023年3月1日 Beijing | 3 p.m. March 1, 2023\n1. The 14th Five-Year Plan, 5G, C919, IMT-2030 and the Fortune Global 500.\n\
         电话：010-68783311。China had 2.31 million 5G base stations（5G基站231.2万个）.",
    );
    let texts: Vec<&str> = got.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["2.31 million", "231.2万个"]);
}

#[test]
fn traditional_subjects_match_simplified_names() {
    use indstat::extract::{match_series, reference_data};
    let mut got = statements(
        "2024年1月17日\n全年國內生產總值1260582億元，比上年增長5.2%。其中，第三產業增加值688238億元。年末5G基站337.7萬個。",
    );
    match_series(&mut got, &reference_data().expect("reference data"));
    let read: Vec<(&str, Measure, Option<&str>)> = got
        .iter()
        .map(|s| (s.text.as_str(), s.measure, s.series.as_deref()))
        .collect();
    assert_eq!(
        read,
        [
            ("1260582億元", Measure::Level, Some("gdp")),
            ("5.2%", Measure::Growth, Some("gdp")),
            // 增加值 is value added, not an increase.
            (
                "688238億元",
                Measure::Level,
                Some("tertiary_industry_value_added")
            ),
            // The 5 of 5G is part of the name, not a year.
            ("337.7萬個", Measure::Level, Some("fiveg_base_stations")),
        ]
    );
}

#[test]
fn a_parenthesis_stays_in_its_clause() {
    use indstat::extract::{match_series, reference_data};
    let mut got = statements(
        "In 2023, the gross domestic product (GDP) of China was 126,058.2 billion yuan, up by 5.2 percent.",
    );
    match_series(&mut got, &reference_data().expect("reference data"));
    assert_eq!(got[0].subject, "gross domestic product (GDP) of China");
    assert_eq!(got[0].value, "126058.2");
    assert_eq!(got[0].unit.as_deref(), Some("billion yuan"));
    assert_eq!(got[0].series.as_deref(), Some("gdp"));
    assert_eq!(got[1].measure, Measure::Growth);
    assert_eq!(got[1].series.as_deref(), Some("gdp"));
}

/// Wording from a release the extractor had not seen (written for this test, 2023 figures in
/// MIIT's style): "passed" as a qualifier, a comparison year that is not the period, a bare
/// counting noun that is not the subject, kilowatts after a Chinese scale.
#[test]
fn unseen_release_wording() {
    let en = "By the end of the year China had built 3.377 million 5G base stations, \
              1.065 million more than at the end of 2022, and 5G users passed 805 million. \
              Robot output was about 430,000 sets.";
    let got = statements(en);
    let find = |text: &str| {
        got.iter()
            .find(|s| s.text == text)
            .unwrap_or_else(|| panic!("{text} not found in {got:#?}"))
    };
    let users = find("passed 805 million");
    assert_eq!(users.qualifier, Qualifier::Exceeded);
    assert_eq!(users.subject, "5G users");
    // "than at the end of 2022" is the base of the change, not its period.
    assert_eq!(find("1.065 million").period, None);
    assert_eq!(find("3.377 million").period, None);
    let robots = find("about 430,000");
    assert_eq!(robots.qualifier, Qualifier::About);
    assert_ne!(robots.subject, "sets");

    // A bare measure takes the thing of the measure before it.
    let nev = statements(
        "The output of new energy vehicles exceeded 9.5 million, while sales reached 9.49 million. \
         Exports of NEVs rose 77.6%.",
    );
    let subjects: Vec<&str> = nev.iter().map(|s| s.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "output of new energy vehicles",
            "sales of new energy vehicles",
            "Exports of NEVs"
        ]
    );

    let zh = statements("光伏组件产量超过4亿千瓦，5G基站比2022年末净增106.5万个。");
    assert_eq!(zh[0].text, "超过4亿千瓦");
    assert_eq!(zh[0].qualifier, Qualifier::Exceeded);
    assert_eq!(zh[0].unit.as_deref(), Some("100 billion watts"));
    assert_eq!(zh[1].text, "106.5万个");
    assert_eq!(zh[1].period, None);
}
