//! Every parser of the vocabulary (Figure, Unit, Period, Qualifier, Rounding, Tolerance,
//! Frequency, and the prefix reader) against arbitrary strings and bytes: never a panic, and an
//! error that is a parse error naming the input and a reason.
//!
//! The `#[ignore]`d tests are the fuzz run, with as many cases as `PROPTEST_CASES` says
//! (default 20 000):
//!
//! ```sh
//! PROPTEST_CASES=20000 cargo test --test fuzz_parsers -- --ignored
//! ```
//!
//! The others run the same properties with a few hundred cases on every `cargo test`.

use indstat::{ErrorKind, Figure, Frequency, Period, Qualifier, Rounding, Tolerance, Unit};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Cases for the ignored fuzz run: `PROPTEST_CASES`, or 20 000.
fn fuzz_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000)
}

/// A parse result is fine if it is a value, or a parse error about this very input with a
/// reason (an overflow error for numbers too large to compute with is fine too).
fn check<T: std::fmt::Debug>(parser: &str, input: &str, result: indstat::Result<T>) {
    if let Err(e) = result {
        match e.kind() {
            ErrorKind::Parse {
                input: named,
                reason,
                ..
            } => {
                assert_eq!(named, input, "{parser}: the error names another input: {e}");
                assert!(
                    !reason.trim().is_empty(),
                    "{parser}: no reason for {input:?}"
                );
            }
            ErrorKind::Overflow { .. } => {}
            other => panic!("{parser}: {input:?} gave an unexpected error kind {other:?}"),
        }
    }
}

/// Every parser on one input; a figure that parses must also compute its interval and print a
/// form that parses back to it.
fn every_parser(input: &str) {
    check("figure", input, input.parse::<Figure>());
    check("unit", input, input.parse::<Unit>());
    check("period", input, input.parse::<Period>());
    check("qualifier", input, input.parse::<Qualifier>());
    check("rounding", input, input.parse::<Rounding>());
    check("tolerance", input, input.parse::<Tolerance>());
    check("frequency", input, input.parse::<Frequency>());
    if let Ok(f) = input.parse::<Figure>() {
        let _ = f.interval();
        let _ = f.growth_interval(&indstat::Reading::default());
        let shown = f.to_string();
        let back: Figure = shown
            .parse()
            .unwrap_or_else(|e| panic!("{input:?} → {shown:?} does not parse back: {e}"));
        assert_eq!(back, f, "{input:?} → {shown:?}");
    }
    if let Ok(u) = input.parse::<Unit>() {
        assert_eq!(u.to_string().parse::<Unit>().ok(), Some(u), "{input:?}");
    }
    match Figure::parse_prefix(input) {
        Ok((_, len)) => assert!(input.is_char_boundary(len) && len <= input.len()),
        Err(e) => assert!(matches!(
            e.kind(),
            ErrorKind::Parse { .. } | ErrorKind::Overflow { .. }
        )),
    }
}

/// Fragments of the grammar, so that random joins reach deep into it.
fn fragment() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "more than ",
        "nearly ",
        "about ",
        "at least ",
        "up to ",
        "fell ",
        "rose by ",
        "between ",
        " and ",
        " to ",
        "-",
        "~",
        "至",
        "超过",
        "破",
        "近",
        "约",
        "增长",
        "下降",
        "翻",
        "一",
        "两",
        "番",
        "十",
        "百",
        "千",
        "万",
        "亿",
        "多",
        "余",
        "左右",
        "以上",
        "0",
        "5",
        "12",
        "1,300",
        "12345,678",
        ".",
        ",",
        "7.05",
        "-4.0",
        "99999999999999999999999999",
        "e3",
        "th",
        "第",
        "%",
        "％",
        "１２",
        " million",
        " trillion",
        " thousand",
        " 100 million",
        "bn",
        " yuan",
        "元",
        "美元",
        "US$",
        "$",
        "€",
        "RMB ",
        "千瓦时",
        "千瓦",
        "瓦时",
        "吨",
        "辆",
        "户",
        "家",
        "倍",
        " times",
        "doubled",
        "double-digit",
        "两位数",
        " percentage points",
        "个百分点",
        " vehicles",
        " base stations",
        " per ",
        "mark",
        " the ",
        "(",
        ")",
        " ",
        "\u{3000}",
        "２０２２",
        "2022Q4",
        "-12",
        "H1",
        "M03",
    ])
    .prop_map(str::to_string)
}

fn grammar_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..10).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(Config::with_cases(256))]

    #[test]
    fn arbitrary_strings(s in "\\PC{0,40}") {
        every_parser(&s);
    }

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        every_parser(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn grammar_fragments(s in grammar_soup()) {
        every_parser(&s);
    }
}

#[test]
fn deep_nesting_and_huge_numbers() {
    let long = |piece: &str, n: usize| piece.repeat(n);
    let inputs = [
        long("(", 100_000),
        long("万", 10_000),
        long("亿", 10_000),
        long("十", 10_000),
        long("一", 10_000),
        long("9", 100_000),
        long("1,000", 10_000),
        long("more than ", 10_000) + "5",
        long("10% to ", 1_000) + "20%",
        long("多", 1_000),
        long("翻", 1_000),
        format!("{}亿", long("9", 28)),
        "79228162514264337593543950335万亿".to_string(),
        "-79228162514264337593543950335 trillion yuan".to_string(),
        "more than 79228162514264337593543950335".to_string(),
        "nearly -79228162514264337593543950335".to_string(),
        "about 79228162514264337593543950335".to_string(),
        "0.0000000000000000000000000001".to_string(),
        "0.00000000000000000000000000000".to_string(),
        "79228162514264337593543950335倍".to_string(),
        "99999999999999999999亿9999万".to_string(),
    ];
    for input in &inputs {
        every_parser(input);
    }
    // Too many digits is an error that says so.
    let e = long("9", 100).parse::<Figure>().unwrap_err().to_string();
    assert!(e.contains("digits"), "{e}");
}

#[test]
fn what_the_fuzz_run_found_stays_fixed() {
    // Each printed as another unit or figure before the fix: a one-letter noun whose plural
    // ("ss") read back as another noun, a scale word taken for a count noun ("十 million" as
    // ten "million"s), and a range whose first end printed as `1 to 12` and did not parse.
    for input in ["S", "十 million", "一-12", "两-12"] {
        every_parser(input);
    }
    assert!("S".parse::<Unit>().is_err());
    assert!("十 million".parse::<Unit>().is_err());
    assert_eq!("一-12".parse::<Figure>().unwrap().to_string(), "1 to 12");
}

#[test]
#[ignore = "fuzz run: PROPTEST_CASES=20000 cargo test --test fuzz_parsers -- --ignored"]
fn fuzz_arbitrary_strings() {
    let mut runner = proptest::test_runner::TestRunner::new(Config::with_cases(fuzz_cases()));
    runner
        .run(&"\\PC{0,80}", |s| {
            every_parser(&s);
            Ok(())
        })
        .unwrap();
}

#[test]
#[ignore = "fuzz run: PROPTEST_CASES=20000 cargo test --test fuzz_parsers -- --ignored"]
fn fuzz_arbitrary_bytes() {
    let mut runner = proptest::test_runner::TestRunner::new(Config::with_cases(fuzz_cases()));
    runner
        .run(&prop::collection::vec(any::<u8>(), 0..128), |bytes| {
            every_parser(&String::from_utf8_lossy(&bytes));
            Ok(())
        })
        .unwrap();
}

#[test]
#[ignore = "fuzz run: PROPTEST_CASES=20000 cargo test --test fuzz_parsers -- --ignored"]
fn fuzz_grammar_fragments() {
    let mut runner = proptest::test_runner::TestRunner::new(Config::with_cases(fuzz_cases()));
    runner
        .run(&grammar_soup(), |s| {
            every_parser(&s);
            Ok(())
        })
        .unwrap();
}
