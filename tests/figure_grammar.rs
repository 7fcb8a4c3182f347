//! The figure grammar as officials and reporters write figures (issue 9 #3, #4, #5, #10 and
//! issue 12 §1). Every expected value is worked out by hand in the test from the rule it checks,
//! never copied from the program's output.

use indstat::{
    Currency, Dimension, Figure, Interval, Physical, Qualifier, QualifierDirection, Reading,
    Rounding, Scale, Shape, Unit,
};
use rust_decimal::Decimal;

fn fig(s: &str) -> Figure {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn unit(s: &str) -> Unit {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn interval(s: &str) -> Interval {
    fig(s).interval().unwrap()
}

fn strict() -> Reading {
    Reading {
        strict: true,
        ..Reading::default()
    }
}

fn truncated() -> Reading {
    Reading {
        rounding: Rounding::Truncate,
        ..Reading::default()
    }
}

/// The whole value a figure names: its number times its scale.
fn amount(f: &Figure) -> Decimal {
    f.value() * f.scale().factor()
}

fn pow10(e: u32) -> Decimal {
    Decimal::from(10u64.pow(e))
}

/// Asserts `inside` are in `i` and `outside` are not.
fn assert_holds(i: &Interval, inside: &[&str], outside: &[&str], what: &str) {
    for v in inside {
        assert!(i.contains(d(v)), "{what}: {v} should be in {i}");
    }
    for v in outside {
        assert!(!i.contains(d(v)), "{what}: {v} should not be in {i}");
    }
}

fn parse_error(s: &str) -> String {
    match s.parse::<Figure>() {
        Ok(f) => panic!("{s:?} parsed as {f}"),
        Err(e) => e.to_string(),
    }
}

// --- Issue 9 #3: qualifiers on negative figures ------------------------------------------------

#[test]
fn more_than_a_negative_figure_is_a_larger_fall() {
    // "fell more than 5%": the magnitude exceeds 5, rounded down at the units digit (s = 1):
    // −5 − 1 = −6 (open) to −5 (closed).
    let i = interval("more than -5%");
    assert_holds(
        &i,
        &["-5", "-5.5", "-5.99"],
        &["-4.9", "-6", "-4"],
        "more than -5%",
    );
    for written in [
        "fell more than 5%",
        "fell by more than 5%",
        "dropped by more than 5%",
        "declined by more than 5%",
    ] {
        assert_eq!(fig(written), fig("more than -5%"), "{written}");
    }
    assert_eq!(interval("下降超过5%"), i);
    // Strictly: any fall larger than 5%.
    let s = fig("fell more than 5%").interval_with(&strict()).unwrap();
    assert_holds(
        &s,
        &["-5.01", "-100"],
        &["-5", "-4"],
        "strict more than -5%",
    );
}

#[test]
fn nearly_a_negative_figure_is_a_smaller_fall() {
    // "nearly −4%": a magnitude just under 4 → [−4, −4 + 1).
    let i = interval("nearly -4%");
    assert_holds(
        &i,
        &["-4", "-3.9", "-3.01"],
        &["-4.1", "-3", "-5"],
        "nearly -4%",
    );
    let s = fig("nearly -4%").interval_with(&strict()).unwrap();
    assert_holds(
        &s,
        &["-3.99", "0", "10"],
        &["-4", "-4.5"],
        "strict nearly -4%",
    );
}

// --- Issue 9 #4: zero ------------------------------------------------------------------------

#[test]
fn zero_is_open_at_both_ends() {
    // −0.05 rounds half away from zero to −0.1, so it is not "0.0"; −0.049 rounds to −0.0.
    let i = interval("0.0%");
    assert_holds(&i, &["0", "-0.049", "0.049"], &["-0.05", "0.05"], "0.0%");
    // Truncated: everything in (−0.1, 0.1) truncates to 0.0.
    let t = fig("0.0").interval_with(&truncated()).unwrap();
    assert_holds(
        &t,
        &["-0.09", "0", "0.09"],
        &["-0.1", "0.1"],
        "truncated 0.0",
    );
}

// --- Issue 9 #5: Chinese compound units ------------------------------------------------------

#[test]
fn kilo_units_are_physical_units() {
    assert_eq!(
        unit("千瓦时").dimension(),
        &Dimension::Physical(Physical::KilowattHour)
    );
    assert_eq!(unit("千瓦时").scale(), Scale::ONE);
    // 亿千瓦时 is 1e8 kWh, not "100 billion 瓦时s".
    assert_eq!(unit("亿千瓦时"), unit("100 million kilowatt-hours"));
    // 千瓦 is 1e3 W; 万千瓦 is 1e4 × 1e3 W = 1e7 W.
    assert_eq!(unit("千瓦"), unit("kW"));
    assert_eq!(
        unit("千瓦").convert(Decimal::ONE, &unit("watts")).unwrap(),
        pow10(3)
    );
    assert_eq!(
        unit("万千瓦")
            .convert(Decimal::ONE, &unit("watts"))
            .unwrap(),
        pow10(7)
    );
    assert_eq!(
        unit("千克").dimension(),
        &Dimension::Physical(Physical::Kilogram)
    );
    assert_eq!(unit("公斤"), unit("kg"));
    // 1 TWh = 10^9 kWh = 10 亿千瓦时; 1 GWh = 10^6 kWh.
    assert_eq!(
        unit("TWh")
            .convert(Decimal::ONE, &unit("亿千瓦时"))
            .unwrap(),
        Decimal::TEN
    );
    assert_eq!(unit("GWh"), unit("million kWh"));
    assert_eq!(fig("0.2 percentage-point"), fig("0.2 percentage points"));
    assert_eq!(fig("3.9亿千瓦").to_string(), "3.9亿 kilowatts");
    assert_eq!(unit("吨"), unit("tonnes"));
    assert_eq!(unit("万吨"), unit("10 thousand tonnes"));
    // A figure: 5亿千瓦时 is 5 × 1e8 kWh.
    let f = fig("5亿千瓦时");
    assert_eq!(amount(&f), Decimal::from(500_000_000));
    assert_eq!(
        f.dimension(),
        Some(&Dimension::Physical(Physical::KilowattHour))
    );
}

#[test]
fn an_unknown_chinese_word_is_named_not_counted() {
    let e = "瓦时".parse::<Unit>().unwrap_err().to_string();
    assert!(e.contains("瓦时") && !e.contains("瓦时s"), "{e}");
    let e = parse_error("5瓦时");
    assert!(e.contains("瓦时") && !e.contains("瓦时s"), "{e}");
    let e = parse_error("3万公里");
    assert!(e.contains("公里"), "{e}");
}

// --- Issue 9 #10: parsing --------------------------------------------------------------------

#[test]
fn thousands_separators_check_the_leading_group() {
    let e = parse_error("12345,678");
    assert!(e.contains("groups of three"), "{e}");
    assert_eq!(fig("12,345,678").value(), Decimal::from(12_345_678));
    assert!("1,2345".parse::<Figure>().is_err());
}

#[test]
fn full_width_digits_and_signs_are_read() {
    assert_eq!(fig("１２３"), fig("123"));
    assert_eq!(fig("１２％"), fig("12%"));
    assert_eq!(fig("１２．５％"), fig("12.5%"));
    assert_eq!(fig("－４．０％"), fig("-4.0%"));
    assert_eq!(fig("１，３００"), fig("1,300"));
}

#[test]
fn mixed_chinese_numerals_read_exactly() {
    // 12亿5千万 = 12 × 10^8 + 5 × 10^3 × 10^4 = 1,250,000,000, written to 千万 = 0.1亿.
    let f = fig("12亿5千万");
    assert_eq!(
        amount(&f),
        d("12") * pow10(8) + d("5") * pow10(3) * pow10(4)
    );
    assert_eq!(amount(&f), Decimal::from(1_250_000_000u64));
    assert_eq!(f, fig("12.5亿"));
    assert_holds(
        &f.interval().unwrap(),
        &["12.45", "12.5"],
        &["12.44", "12.55"],
        "12亿5千万 in 亿",
    );
}

#[test]
fn scientific_notation_is_refused_with_a_reason() {
    let e = parse_error("1.2e3");
    assert!(e.contains("1.2e3") && e.contains("scientific"), "{e}");
    assert!(parse_error("5E-2%").contains("scientific"));
}

#[test]
fn ordinals_are_not_quantities() {
    for ordinal in ["14th", "the 14th", "1st", "22nd", "3rd", "第14", "第十四"] {
        let e = parse_error(ordinal);
        assert!(
            e.contains("ordinal") || e.contains("expected a number"),
            "{ordinal}: {e}"
        );
    }
    for ordinal in ["14th", "第14", "2nd"] {
        assert!(parse_error(ordinal).contains("ordinal, not a quantity"));
    }
}

#[test]
fn chinese_percent_and_names_glued_to_numbers() {
    assert_eq!(fig("百分之五"), fig("5%"));
    assert_eq!(fig("百分之12.5"), fig("12.5%"));
    assert_eq!(fig("增长百分之五"), fig("5%"));
    // "5G", "4K" are names, not 5 of something called G.
    for name in ["5G", "4K", "3D printers"] {
        let e = parse_error(name);
        assert!(e.contains("name"), "{name}: {e}");
    }
    assert!(Figure::parse_prefix("5G基站").is_err());
    // Letters that are a scale or a unit still read when glued: 6.5bn, 5kg, 3kW.
    assert_eq!(amount(&fig("6.5bn")), d("6.5") * pow10(9));
    assert_eq!(fig("5kg"), fig("5 kilograms"));
}

#[test]
fn dates_and_spans_of_time_are_not_quantities() {
    for written in ["2022年", "五年", "3个月", "一季度", "10日"] {
        let e = parse_error(written);
        assert!(e.contains("span of time"), "{written}: {e}");
        assert!(Figure::parse_prefix(written).is_err(), "{written}");
    }
    // "近五年年均增长10%以上": 近五年 is a span of time, the growth is the figure.
    let text = "近五年年均增长10%以上";
    assert!(Figure::parse_prefix(text).is_err());
    let at = text.find("增长").unwrap();
    let (f, len) = Figure::parse_prefix(&text[at..]).unwrap();
    assert_eq!((f, len), (fig("more than 10%"), text.len() - at));
}

// --- Issue 12 §1: qualifiers -----------------------------------------------------------------

#[test]
fn every_qualifier_word_has_its_reading() {
    use QualifierDirection::*;
    let words: &[(&str, QualifierDirection)] = &[
        ("top", AtLeast),
        ("tops", AtLeast),
        ("topped", AtLeast),
        ("topping", AtLeast),
        ("surpass", AtLeast),
        ("surpassed", AtLeast),
        ("surpassing", AtLeast),
        ("in excess of", AtLeast),
        ("upwards of", AtLeast),
        ("as many as", AtLeast),
        ("over", AtLeast),
        ("above", AtLeast),
        ("at least", AtLeast),
        ("more than", AtLeast),
        ("nearly", AtMost),
        ("almost", AtMost),
        ("close to", AtMost),
        ("just under", AtMost),
        ("less than", AtMost),
        ("under", AtMost),
        ("below", AtMost),
        ("up to", AtMost),
        ("about", Approximate),
        ("around", Approximate),
        ("approximately", Approximate),
        ("roughly", Approximate),
        ("some", Approximate),
        ("超过", AtLeast),
        ("超", AtLeast),
        ("逾", AtLeast),
        ("突破", AtLeast),
        ("破", AtLeast),
        ("近", AtMost),
        ("将近", AtMost),
        ("接近", AtMost),
        ("不到", AtMost),
        ("不足", AtMost),
        ("约", Approximate),
        ("大约", Approximate),
    ];
    for &(word, direction) in words {
        let text = if word.is_ascii() {
            format!("{word} 50%")
        } else {
            format!("{word}50%")
        };
        let f = fig(&text);
        assert_eq!(f.qualifier().direction(), direction, "{text}");
        // By hand: 50 has one significant zero, s = 10; u = 1; 5% of 50 is 2.5 > u/2.
        let i = f.interval().unwrap();
        match direction {
            AtLeast => assert_holds(&i, &["50", "59.9"], &["49.9", "60"], &text),
            AtMost => assert_holds(&i, &["50", "40.1"], &["40", "50.1"], &text),
            Approximate => assert_holds(&i, &["47.5", "52.5"], &["47.4", "52.6"], &text),
            Exact => unreachable!(),
        }
    }
}

#[test]
fn chinese_qualifiers_after_the_number() {
    // 多 and 余 inside or after the number, 以上 after it: more than.
    assert_eq!(fig("700多万").qualifier(), Qualifier::MoreThan);
    assert_eq!(amount(&fig("700多万")), Decimal::from(7_000_000));
    assert_eq!(fig("10余家").qualifier(), Qualifier::MoreThan);
    assert_eq!(fig("5%以上").qualifier(), Qualifier::MoreThan);
    // After a bare number or scale too: 5万以上 is more than 5万, 5左右 about 5.
    assert_eq!(fig("5万以上"), fig("more than 5万"));
    assert_eq!(fig("5左右"), fig("about 5"));
    // 左右 and 上下: about.
    assert_eq!(
        fig("5%左右").qualifier().direction(),
        QualifierDirection::Approximate
    );
    assert_eq!(
        fig("5%上下").qualifier().direction(),
        QualifierDirection::Approximate
    );
    // Two qualifiers are refused.
    assert!(parse_error("超过5%以上").contains("two qualifiers"));
}

#[test]
fn at_least_as_many_as_and_up_to_are_inclusive_bounds() {
    // Default reading: like "more than" / "nearly".
    assert_eq!(interval("at least 5"), interval("more than 5"));
    assert_eq!(interval("up to 5"), interval("nearly 5"));
    // Strictly they include the figure; "more than" and "less than" do not.
    let at_least = fig("as many as 5").interval_with(&strict()).unwrap();
    assert_holds(&at_least, &["5", "1000"], &["4.99"], "strict as many as 5");
    let more = fig("more than 5").interval_with(&strict()).unwrap();
    assert_holds(&more, &["5.01"], &["5"], "strict more than 5");
    let up_to = fig("up to 5").interval_with(&strict()).unwrap();
    assert_holds(&up_to, &["5", "-3"], &["5.01"], "strict up to 5");
}

#[test]
fn a_scale_after_a_qualifier_stands_for_one() {
    // 破万亿 = exceeded 1 × 10^4 × 10^8.
    let f = fig("破万亿");
    assert_eq!(amount(&f), pow10(12));
    assert_eq!(f.qualifier().direction(), QualifierDirection::AtLeast);
    let g = fig("突破万亿元");
    assert_eq!(amount(&g), pow10(12));
    assert_eq!(g.dimension(), Some(&Dimension::Currency(Currency::Cny)));
    let h = fig("超亿辆");
    assert_eq!(amount(&h), pow10(8));
    assert_eq!(h.dimension(), Some(&Dimension::Count("vehicle".into())));
    assert_eq!(amount(&fig("over a million")), pow10(6));
    // Without a qualifier a bare scale is not a figure.
    assert!(parse_error("万亿元").contains("scale without a number"));
}

// --- Chinese numerals ------------------------------------------------------------------------

#[test]
fn chinese_numerals() {
    // 一千二百万 = (1 × 1000 + 2 × 100) × 10^4; 十四 = 10 + 4; 两万 = 2 × 10^4;
    // 1.2万亿 = 1.2 × 10^4 × 10^8; 三千零五 = 3 × 1000 + 5.
    let cases: &[(&str, Decimal)] = &[
        ("一千二百万", (d("1000") + d("200")) * pow10(4)),
        ("十四", d("10") + d("4")),
        ("两万", d("2") * pow10(4)),
        ("二万", d("2") * pow10(4)),
        ("1.2万亿", d("1.2") * pow10(4) * pow10(8)),
        ("三千零五", d("3000") + d("5")),
        ("十万", d("10") * pow10(4)),
        ("四百五十亿", d("450") * pow10(8)),
    ];
    for (text, expected) in cases {
        assert_eq!(amount(&fig(text)), *expected, "{text}");
    }
    // Precision as written: 两万 is 2万 to the 万 ([1.5, 2.5) 万), 1.2万亿 to 0.1万亿.
    assert_holds(
        &interval("两万"),
        &["1.5", "2.49"],
        &["1.49", "2.5"],
        "两万",
    );
    assert_holds(&interval("1.2万亿"), &["1.15"], &["1.25"], "1.2万亿");
}

// --- Ranges and bands ------------------------------------------------------------------------

#[test]
fn ranges_are_the_hull_of_both_ends() {
    // 10% is [9.5, 10.5), 20% is [19.5, 20.5): the hull is [9.5, 20.5).
    let expected = Interval::half_open(d("9.5"), d("20.5")).unwrap();
    for written in [
        "10% to 20%",
        "between 10% and 20%",
        "10%-20%",
        "10-20%",
        "10%~20%",
        "10%至20%",
        "１０％～２０％",
    ] {
        let f = fig(written);
        assert_eq!(f.interval().unwrap(), expected, "{written}");
        assert_eq!(f.shape(), Shape::Range { to: d("20") }, "{written}");
        assert_eq!(f.dimension(), Some(&Dimension::Percent), "{written}");
    }
    // "about" widens both ends: 10 ± max(0.5, 5% of 10) = [9.5, 10.5], 20 ± 1 = [19, 21].
    let about = fig("about 10% to 20%");
    assert_eq!(
        about.interval().unwrap(),
        Interval::closed(d("9.5"), d("21")).unwrap()
    );
    assert_eq!(fig("around 10-20%").qualifier(), Qualifier::Around);
    assert!(parse_error("more than 10% to 20%").contains("range"));
    // Ends in other units are refused, naming both.
    let e = parse_error("10% to 20 yuan");
    assert!(e.contains("10%") && e.contains("20 yuan"), "{e}");
}

#[test]
fn digit_bands() {
    for written in [
        "double-digit",
        "double-digit growth",
        "两位数",
        "两位数增长",
    ] {
        let i = interval(written);
        assert_holds(&i, &["10", "99.99"], &["9.99", "100"], written);
        assert_eq!(fig(written).dimension(), Some(&Dimension::Percent));
    }
    let single = interval("single-digit growth");
    assert_holds(&single, &["0", "9.99"], &["10", "-0.1"], "single-digit");
    // A decline: the band negated.
    for written in [
        "double-digit decline",
        "两位数下降",
        "fell by double digits",
    ] {
        let i = interval(written);
        assert_holds(&i, &["-10", "-99.9"], &["-9.9", "-100", "50"], written);
    }
}

// --- Multiples ---------------------------------------------------------------------------------

#[test]
fn multiples_state_growth_in_percent() {
    // 增长1.2倍: the multiple [1.15, 1.25) times; as growth 100 × that = [115, 125) percent.
    let f = fig("增长1.2倍");
    assert_eq!(f.dimension(), Some(&Dimension::Times));
    assert_holds(&f.interval().unwrap(), &["1.15"], &["1.25"], "1.2倍");
    let g = f.growth_interval(&Reading::default()).unwrap();
    assert_holds(
        &g,
        &["115", "120", "124.99"],
        &["114.99", "125"],
        "增长1.2倍",
    );
    assert_eq!(fig("up 1.2 times"), f);
    // 翻一番 and "doubled": ×2, a growth of 100%.
    for written in ["翻一番", "翻了一番", "doubled"] {
        let g = fig(written).growth_interval(&Reading::default()).unwrap();
        assert_holds(&g, &["100", "96"], &["90", "110"], written);
    }
    // 翻两番: ×4 = 2², a growth of 300%.
    let g = fig("翻两番").growth_interval(&Reading::default()).unwrap();
    assert_holds(&g, &["300"], &["100", "400"], "翻两番");
    // A percent figure is its own growth; a level is no growth.
    assert_eq!(
        fig("96.9%").growth_interval(&Reading::default()).unwrap(),
        interval("96.9%")
    );
    assert!(
        fig("7.05 million")
            .growth_interval(&Reading::default())
            .is_err()
    );
    assert!("1.2万倍".parse::<Figure>().is_err());
}

#[test]
fn a_multiple_compares_with_a_ratio() {
    // "是…的2.2倍": a ratio of 2.2, written to one decimal → [2.15, 2.25) against a pure number.
    let i = fig("2.2倍")
        .interval_in(&Unit::number(), &Reading::default())
        .unwrap();
    assert_holds(&i, &["2.15", "2.2"], &["2.25", "2.14"], "2.2倍 as a ratio");
    assert!(
        fig("2.2 times")
            .interval_in(&Unit::percent(), &Reading::default())
            .is_err()
    );
    assert_eq!(fig("2.2 times that of"), fig("2.2倍"));
    assert_eq!(fig("1.5 times as much as"), fig("1.5 times"));
}

// --- Currencies and measure words --------------------------------------------------------------

#[test]
fn currencies_as_written() {
    let cases: &[(&str, Currency)] = &[
        ("5 U.S. dollars", Currency::Usd),
        ("5 US dollars", Currency::Usd),
        ("US$5 billion", Currency::Usd),
        ("$5 billion", Currency::Usd),
        ("5亿美元", Currency::Usd),
        ("5亿元人民币", Currency::Cny),
        ("5人民币", Currency::Cny),
        ("RMB 5 billion", Currency::Cny),
        ("5 RMB", Currency::Cny),
        ("5元", Currency::Cny),
        ("5 yuan", Currency::Cny),
        ("5 euro", Currency::Eur),
        ("€5bn", Currency::Eur),
    ];
    for &(text, currency) in cases {
        assert_eq!(
            fig(text).dimension(),
            Some(&Dimension::Currency(currency)),
            "{text}"
        );
    }
    assert_eq!(amount(&fig("US$5 billion")), d("5") * pow10(9));
    assert!("$5 million yuan".parse::<Figure>().is_err());
}

#[test]
fn measure_words_count_what_the_series_counts() {
    let enterprises = unit("10 thousand enterprises");
    let i = fig("12.5万户")
        .interval_in(&enterprises, &Reading::default())
        .unwrap();
    assert_holds(
        &i,
        &["12.45", "12.5"],
        &["12.55"],
        "12.5万户 of enterprises",
    );
    // 3亿户 against subscribers counted in millions: 3 × 10^8 = 300 × 10^6.
    let subscribers = unit("million subscribers");
    let j = fig("3亿户")
        .interval_in(&subscribers, &Reading::default())
        .unwrap();
    assert!(j.contains(d("300")), "{j}");
    // And the other way: "300 million users" against a series counted in 亿户: 300 × 10^6 =
    // 3 × 10^8, so [299.5, 300.5) million is [2.995, 3.005) 亿.
    let k = fig("300 million users")
        .interval_in(&unit("亿户"), &Reading::default())
        .unwrap();
    assert_holds(
        &k,
        &["2.995", "3"],
        &["3.005", "2.99"],
        "300 million users in 亿户",
    );
    for word in ["家", "个", "台", "座", "项", "件", "块", "套"] {
        let f = fig(&format!("5{word}"));
        assert!(
            f.interval_in(&enterprises, &Reading::default()).is_ok(),
            "{word}"
        );
    }
    // Named nouns stay strict.
    let stations = unit("base stations");
    assert!(
        fig("5 vehicles")
            .interval_in(&stations, &Reading::default())
            .is_err()
    );
    assert!(
        fig("5万辆")
            .interval_in(&stations, &Reading::default())
            .is_err()
    );
}

// --- Display, and the prefix API --------------------------------------------------------------

#[test]
fn every_form_round_trips_through_display() {
    for written in [
        "fell more than 5%",
        "0.0%",
        "5亿千瓦时",
        "3万千瓦",
        "3.9亿千瓦左右",
        "50 megawatts",
        "5 watts",
        "5千克",
        "１２％",
        "12亿5千万",
        "破万亿",
        "突破万亿元",
        "超亿辆",
        "一千二百万",
        "十四",
        "两万",
        "1.2万亿",
        "10% to 20%",
        "10-20万辆",
        "between 10% and 20%",
        "about 10% to 20%",
        "2.2 times that of",
        "百分之五",
        "double-digit",
        "两位数下降",
        "single-digit growth",
        "增长1.2倍",
        "翻一番",
        "翻两番",
        "doubled",
        "US$5 billion",
        "12.5万户",
        "700多万",
        "5%左右",
        "as many as 300 million",
        "up to 5 percentage points",
        "1210207 100 million yuan",
        "5十",
    ] {
        let f = fig(written);
        let shown = f.to_string();
        let back: Figure = shown
            .parse()
            .unwrap_or_else(|e| panic!("{written} → {shown}: {e}"));
        assert_eq!(back, f, "{written} → {shown}");
    }
}

#[test]
fn prefix_reads_the_figure_at_the_start_of_a_text() {
    let text = "新能源汽车产量达到705.8万辆，同比增长96.9%。";
    let at = text.find("705").unwrap();
    let (f, len) = Figure::parse_prefix(&text[at..]).unwrap();
    assert_eq!(&text[at..at + len], "705.8万辆");
    assert_eq!(f, fig("705.8万辆"));
    let at = text.find("同比").unwrap();
    let (g, len) = Figure::parse_prefix(&text[at..]).unwrap();
    assert_eq!(&text[at..at + len], "同比增长96.9%");
    assert_eq!(g, fig("96.9%"));
    // Full-width text: the length is in the original bytes.
    let wide = "１２％，";
    let (h, len) = Figure::parse_prefix(wide).unwrap();
    assert_eq!((&wide[..len], h), ("１２％", fig("12%")));
    // English nouns are left to the caller; a change and a level are not a range.
    let (f, len) = Figure::parse_prefix("more than 6.5 million racks").unwrap();
    assert_eq!(
        (f, len),
        (fig("more than 6.5 million"), "more than 6.5 million".len())
    );
    let (f, len) = Figure::parse_prefix("rose 5% to 10.2 trillion yuan").unwrap();
    assert_eq!((f, len), (fig("5%"), "rose 5%".len()));
    assert!(Figure::parse_prefix("the 14th five-year plan").is_err());
    assert!(Figure::parse_prefix("14th five-year plan").is_err());
}

#[test]
fn prefix_scans_a_long_transcript_position_by_position() {
    // 20,000 statements in one paragraph: every figure found, each exactly as long as written.
    let statement = "产量增长5.5%，达到705.8万辆；";
    let text = statement.repeat(20_000);
    let mut found = 0;
    for (at, c) in text.char_indices() {
        if c == '增' || c == '7' {
            let (_, len) = Figure::parse_prefix(&text[at..]).unwrap();
            let written = &text[at..at + len];
            assert!(written == "增长5.5%" || written == "705.8万辆", "{written}");
            found += 1;
        }
    }
    assert_eq!(found, 40_000);
}
