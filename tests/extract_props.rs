//! Extraction never panics and keeps its promises on any text: arbitrary strings, and strings
//! built from the pieces of figures in both scripts (digits, separators, scales, qualifiers,
//! time words, full-width and traditional characters, emoji, control characters).

use indstat::Dataset;
use indstat::extract::{check, draft_toml, statements, statements_dated};
use indstat::verify::Claims;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "more than ",
    "exceeded the ",
    "nearly ",
    "about ",
    "over ",
    "2.31",
    "1,300",
    "70,000",
    "0.2",
    "-4.0",
    "705.8",
    "2022",
    "13",
    "1",
    " million",
    " billion",
    " trillion yuan",
    "万",
    "亿",
    "万亿元",
    "兆",
    "萬",
    "億",
    "%",
    "％",
    "１２",
    "．",
    "５",
    " percent",
    " percentage points",
    "个百分点",
    "辆",
    "多",
    "余",
    "左右",
    "以上",
    "超过",
    "近",
    "约",
    "增长",
    "同比",
    "占",
    "比重",
    "分别",
    "和",
    "，",
    "。",
    ". ",
    "! ",
    "\n",
    "\r\n",
    " and ",
    ", respectively",
    "in 2022",
    "last year",
    "去年",
    "年末",
    "年",
    "月",
    "日",
    "March ",
    "by the end of November",
    "since 2012",
    "average annual growth of ",
    "accounting for ",
    " of GDP",
    "5G base stations",
    "新能源汽车产量",
    "(",
    ")",
    "（",
    "）",
    "1.",
    "、",
    "-",
    "/",
    ":",
    ",",
    ".",
    " ",
    "é",
    "😀",
    "\u{0}",
    "\u{7f}",
    "\"",
    "'",
    "\\",
    "#",
    "[",
    "]",
    "=",
    "第",
    "连续",
    "Global ",
    "No. ",
    "010-68783311",
    "C919",
    "14th",
    "mark",
    "times",
    "倍",
];

/// The bundled data, loaded once for all cases.
fn data() -> &'static Dataset {
    static DATA: std::sync::OnceLock<Dataset> = std::sync::OnceLock::new();
    DATA.get_or_init(|| Dataset::bundled().expect("bundled data"))
}

fn pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn invariants(text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let found = statements(text);
    let mut last_end = 0;
    for s in &found {
        assert!(s.start < s.end && s.end <= chars.len(), "{s:?}");
        assert!(s.start >= last_end, "overlapping statements in {text:?}");
        last_end = s.end;
        let slice: String = chars[s.start..s.end].iter().collect();
        assert_eq!(slice, s.text);
        assert!(
            s.sentence.contains(&s.text),
            "{:?} not in {:?}",
            s.text,
            s.sentence
        );
        assert!(!s.value.is_empty());
    }
    // The draft is a claims file `verify` reads, whatever the text.
    let draft = draft_toml(&found, data(), chrono::NaiveDate::from_ymd_opt(2023, 3, 1));
    if let Err(e) = Claims::parse(&draft, "draft.toml") {
        panic!("draft of {text:?} does not parse: {e}\n{draft}");
    }
    let _ = statements_dated(text, chrono::NaiveDate::from_ymd_opt(1, 1, 1));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_breaks_extraction(text in "\\PC{0,200}") {
        invariants(&text);
    }

    #[test]
    fn pieces_of_figures_never_break_extraction(text in pieces()) {
        invariants(&text);
    }

    #[test]
    fn any_bytes_read_as_text_never_break_check(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes);
        let checked = check(&text, data(), None);
        prop_assert_eq!(checked.sources.len() + checked.unmatched.len(), checked.statements.len());
    }
}

#[test]
fn a_whole_briefing_drafts_a_claims_file_verify_accepts() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/briefings/2023-03-01-scio-miit/transcript.txt"
    );
    let text = std::fs::read_to_string(path).expect("transcript");
    invariants(&text);
}
