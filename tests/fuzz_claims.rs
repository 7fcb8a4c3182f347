//! Property tests of the claims-file parser: on any text or bytes it never panics, and when
//! it refuses the input its error names the file it could not read. Claims that do parse are
//! verified against the bundled data without a panic either.

use indstat::Dataset;
use indstat::verify::{Claims, Verdict, verify};
use proptest::prelude::*;

const FILE: &str = "fuzz-claims.toml";

/// Any claims-file field, with values of every TOML type and awkward text.
fn field() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "id",
        "quote",
        "kind",
        "series",
        "of",
        "period",
        "from",
        "to",
        "reported",
        "over",
        "base",
        "rounding",
        "tolerance",
        "strict",
        "note",
        "colour",
    ]);
    let text = prop_oneof![
        prop::sample::select(vec![
            "level",
            "share",
            "ratio",
            "growth",
            "cagr",
            "difference",
            "sum",
            "gdp",
            "nev_production",
            "nev_sales",
            "2022",
            "2012",
            "2022-12",
            "2022Q4",
            "year-end",
            "previous",
            "truncate",
            "more than 6.5 million",
            "nearly 121",
            "about 7%",
            "-4.0%",
            "0",
            "1e30",
            "99999999999999999999999999999",
            "5200万",
            "一千二百万",
            "1.2倍",
            "2%",
            "",
        ])
        .prop_map(String::from),
        "\\PC{0,16}",
    ];
    let value = prop_oneof![
        text.clone().prop_map(|t| format!("{t:?}")),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        prop::collection::vec(text, 0..3).prop_map(|v| format!("{v:?}")),
        Just("1979-05-27".to_string()),
        Just("{ a = 1 }".to_string()),
    ];
    (key, value).prop_map(|(k, v)| format!("{k} = {v}\n"))
}

/// A claims file of a few `[[claim]]` tables of random fields.
fn claims_file() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(field(), 0..9), 0..4).prop_map(|claims| {
        claims
            .into_iter()
            .map(|fields| format!("[[claim]]\n{}\n", fields.concat()))
            .collect()
    })
}

/// A claim with every key a claim needs, each from a pool of good and bad values, so that
/// many parse and the verifier sees odd but valid claims.
fn shaped_claim() -> impl Strategy<Value = String> {
    let pick = |v: Vec<&'static str>| prop::sample::select(v).prop_map(String::from);
    (
        pick(vec!["level", "share", "ratio", "growth", "difference", "sum", "cagr"]),
        pick(vec![
            "\"nev_production\"",
            "\"gdp\"",
            "[\"nev_production\", \"nev_sales\"]",
            "\"no_such\"",
        ]),
        pick(vec!["", "of = \"gdp\"\n", "of = [\"gdp\", \"nev_sales\"]\n"]),
        pick(vec![
            "period = \"2022\"\n",
            "period = \"2019\"\n",
            "period = \"9999\"\n",
            "from = \"2012\"\nto = \"2022\"\n",
        ]),
        prop_oneof![
            pick(vec![
                "7.05 million", "more than 6.5 million", "nearly 121", "about 7%", "-4.0%",
                "0", "0%", "96.9%", "5200万", "1e20", "33.2%", "less than 0.0001",
            ]),
            "[0-9]{1,12}(\\.[0-9]{1,6})?%?",
        ],
        pick(vec![
            "",
            "over = \"previous\"\n",
            "over = \"year-end\"\n",
            "base = \"2018\"\n",
            "strict = true\n",
            "rounding = \"truncate\"\n",
            "tolerance = \"1%\"\n",
        ]),
    )
        .prop_map(|(kind, series, of, period, reported, extra)| {
            format!(
                "kind = \"{kind}\"\nseries = {series}\n{of}{period}reported = \"{reported}\"\n{extra}"
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics_and_errors_name_the_file(text in "\\PC{0,200}") {
        if let Err(e) = Claims::parse(&text, FILE) {
            prop_assert!(e.to_string().contains(FILE), "{}", e);
        }
        if let Ok(claims) = Claims::parse_keep_going(&text, FILE) {
            for bad in claims.invalid() {
                prop_assert!(bad.message.contains(FILE), "{}", bad.message);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_in_a_file_never_panic_and_errors_name_the_file(
        bytes in prop::collection::vec(any::<u8>(), 0..200)
    ) {
        let dir = std::env::temp_dir().join(format!("indstat-fuzz-claims-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(FILE);
        std::fs::write(&path, &bytes).unwrap();
        let result = Claims::load(&path);
        let kept = Claims::load_keep_going(&path);
        if let Err(e) = result {
            prop_assert!(e.to_string().contains(FILE), "{}", e);
        }
        if let Err(e) = kept {
            prop_assert!(e.to_string().contains(FILE), "{}", e);
        }
    }

    #[test]
    fn shaped_claims_verify_without_panic(claims in prop::collection::vec(shaped_claim(), 1..6)) {
        let text: String = claims
            .iter()
            .enumerate()
            .map(|(i, c)| format!("[[claim]]\nid = \"c{i}\"\n{c}\n"))
            .collect();
        let data = Dataset::bundled().unwrap();
        let parsed = Claims::parse_keep_going(&text, FILE).unwrap();
        prop_assert_eq!(parsed.len() + parsed.invalid().len(), claims.len());
        let report = verify(&data, &parsed);
        prop_assert_eq!(report.findings().len(), claims.len());
        for f in report.findings() {
            // A reading exactly for the verdicts that meet the data.
            let met = matches!(f.verdict, Verdict::Consistent | Verdict::Approximate);
            prop_assert_eq!(f.reading.is_some(), met, "{}: {:?}", f.id, f.verdict);
        }
        let _ = report.render(indstat::verify::Format::Json, false);
    }

    #[test]
    fn random_claims_parse_or_fail_with_a_line_and_verify_without_panic(text in claims_file()) {
        let data = Dataset::bundled().unwrap();
        match Claims::parse_keep_going(&text, FILE) {
            Ok(claims) => {
                for bad in claims.invalid() {
                    // Every problem is placed in the file, on a line of the text.
                    for line in bad.message.lines() {
                        prop_assert!(line.starts_with(&format!("{FILE} line ")), "{}", line);
                    }
                }
                let report = verify(&data, &claims);
                prop_assert_eq!(
                    report.findings().len(),
                    claims.len() + claims.invalid().len()
                );
                let invalid = report
                    .findings()
                    .iter()
                    .filter(|f| f.verdict == Verdict::Invalid)
                    .count();
                prop_assert_eq!(invalid, claims.invalid().len());
                // Rendering every format must not panic either.
                for format in [
                    indstat::verify::Format::Table,
                    indstat::verify::Format::Markdown,
                    indstat::verify::Format::Json,
                ] {
                    let _ = report.render(format, true);
                }
            }
            Err(e) => prop_assert!(e.to_string().contains(FILE), "{}", e),
        }
        // The strict parser agrees: an error exactly when something was invalid.
        let strict = Claims::parse(&text, FILE);
        let kept = Claims::parse_keep_going(&text, FILE);
        prop_assert_eq!(
            strict.is_err(),
            kept.map_or(true, |k| !k.invalid().is_empty())
        );
    }
}
