//! Quality of `indstat extract` on the bundled briefing, measured against the 65 figure
//! statements of `data/briefings/2023-03-01-scio-miit/observations.csv` (their `locator`
//! quotes) and its hand-written claims: recall, precision, qualifier and unit accuracy, and
//! the verdicts of the drafted claims.

use indstat::extract::{Statement, check, statements};
use indstat::verify::{Claims, verify};
use indstat::{Dataset, Qualifier};
use rust_decimal::Decimal;

const BRIEFING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/briefings/2023-03-01-scio-miit"
);

struct Expected {
    series: String,
    value: Decimal,
    qualifier: Qualifier,
    /// Character ranges of every occurrence of the locator in the transcript.
    places: Vec<(usize, usize)>,
}

fn transcript() -> String {
    std::fs::read_to_string(format!("{BRIEFING}/transcript.txt")).expect("bundled transcript")
}

/// Character offsets of every occurrence of `needle` in `text`.
fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let n = needle.chars().count();
    text.match_indices(needle)
        .map(|(b, _)| {
            let s = text[..b].chars().count();
            (s, s + n)
        })
        .collect()
}

fn expected(text: &str) -> Vec<Expected> {
    let mut rdr =
        csv::Reader::from_path(format!("{BRIEFING}/observations.csv")).expect("observations");
    let headers = rdr.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (series, value, qualifier, locator) = (
        col("series"),
        col("value"),
        col("qualifier"),
        col("locator"),
    );
    rdr.records()
        .map(|r| {
            let r = r.expect("record");
            Expected {
                series: r[series].to_string(),
                value: r[value].parse().expect("value"),
                qualifier: r[qualifier].parse().expect("qualifier"),
                places: occurrences(text, &r[locator]),
            }
        })
        .collect()
}

fn same_number(s: &Statement, v: Decimal) -> bool {
    s.value.parse::<Decimal>().is_ok_and(|x| x == v)
}

fn inside(s: &Statement, (a, b): (usize, usize)) -> bool {
    s.start >= a && s.end <= b
}

/// For each expected statement, the extracted statement that finds it (the first inside one
/// of its quotes with the same number).
fn pairing<'a>(want: &[Expected], got: &'a [Statement]) -> Vec<Option<&'a Statement>> {
    want.iter()
        .map(|e| {
            got.iter()
                .find(|s| same_number(s, e.value) && e.places.iter().any(|p| inside(s, *p)))
        })
        .collect()
}

#[test]
fn every_locator_is_in_the_transcript() {
    let text = transcript();
    let want = expected(&text);
    assert_eq!(want.len(), 65, "the briefing's README counts 65 statements");
    let lost: Vec<&str> = want
        .iter()
        .filter(|e| e.places.is_empty())
        .map(|e| e.series.as_str())
        .collect();
    assert!(lost.is_empty(), "locators not found verbatim: {lost:?}");
}

#[test]
fn figure_recall_and_precision_meet_the_bar() {
    let text = transcript();
    let want = expected(&text);
    let got = statements(&text);
    let pairs = pairing(&want, &got);
    let found = pairs.iter().filter(|p| p.is_some()).count();
    for (e, p) in want.iter().zip(&pairs) {
        if p.is_none() {
            println!("missed: {} ({})", e.series, e.value);
        }
    }
    // Precision: an extracted figure is right when it stands inside some statement's quote
    // with that statement's number.
    let right = got
        .iter()
        .filter(|s| {
            want.iter()
                .any(|e| same_number(s, e.value) && e.places.iter().any(|p| inside(s, *p)))
        })
        .count();
    for s in &got {
        if !want
            .iter()
            .any(|e| same_number(s, e.value) && e.places.iter().any(|p| inside(s, *p)))
        {
            println!(
                "not a statement of the briefing: {:?} in {:?}",
                s.text, s.sentence
            );
        }
    }
    let recall = found as f64 / want.len() as f64;
    let precision = right as f64 / got.len().max(1) as f64;
    println!(
        "recall {found}/{} = {recall:.3}; precision {right}/{} = {precision:.3}",
        want.len(),
        got.len()
    );
    assert!(recall >= 0.95, "recall {recall:.3} below 0.95");
    assert!(precision >= 0.90, "precision {precision:.3} below 0.90");
}

#[test]
fn qualifiers_and_units_of_found_statements_are_right() {
    let text = transcript();
    let want = expected(&text);
    let got = statements(&text);
    let data = Dataset::bundled().expect("bundled data");
    let pairs = pairing(&want, &got);
    let mut found = 0;
    let mut qualifier_ok = 0;
    let mut unit_ok = 0;
    for (e, p) in want.iter().zip(&pairs) {
        let Some(s) = p else { continue };
        found += 1;
        if s.qualifier == e.qualifier {
            qualifier_ok += 1;
        } else {
            println!(
                "qualifier of {}: extracted {:?}, expected {:?}",
                e.series, s.qualifier, e.qualifier
            );
        }
        // The unit is right when the figure reads in the series' own unit, at its scale.
        let unit = data.require(&e.series).expect("series").unit().clone();
        match s.figure.unit_against(&unit) {
            Ok(u) if u == unit => unit_ok += 1,
            other => println!(
                "unit of {} ({:?}): {other:?} against {unit}",
                e.series, s.text
            ),
        }
    }
    assert!(found >= 60, "too few statements found to judge ({found})");
    let q = qualifier_ok as f64 / found as f64;
    let u = unit_ok as f64 / found as f64;
    println!("qualifiers {qualifier_ok}/{found}, units {unit_ok}/{found}");
    assert!(q >= 0.95, "qualifier accuracy {q:.3} below 0.95");
    assert!(u >= 0.95, "unit accuracy {u:.3} below 0.95");
}

#[test]
fn drafted_claims_reproduce_the_hand_written_verdicts() {
    let text = transcript();
    // As `indstat check` runs by default: against the reference data only.
    let reference = indstat::extract::reference_data().expect("reference data");
    let checked = check(&text, &reference, None);
    let hand = Claims::bundled().expect("bundled claims");
    let hand_report = verify(&Dataset::bundled().expect("bundled data"), &hand);
    let mut compared = 0;
    let mut same = 0;
    for (id, k) in &checked.sources {
        let (Some(finding), Some(statement)) =
            (checked.report.finding(id), checked.statements.get(*k))
        else {
            panic!("drafted claim {id} has no finding or statement");
        };
        // The hand-written claims of the same statement (its quote is in the sentence) with the
        // same series, kind and period.
        let twins = hand.claims().iter().filter(|c| {
            c.series == [statement.series.clone().unwrap_or_default()]
                && c.kind == finding.kind
                && c.period == finding.period
                && c.quote
                    .as_ref()
                    .is_some_and(|q| statement.sentence.contains(q.as_str()))
        });
        for twin in twins {
            let Some(theirs) = hand_report.finding(&twin.id) else {
                continue;
            };
            compared += 1;
            if theirs.verdict == finding.verdict {
                same += 1;
            } else {
                println!(
                    "{id}: {} where {} says {}",
                    finding.verdict, twin.id, theirs.verdict
                );
            }
        }
    }
    println!("verdicts reproduced: {same}/{compared}");
    assert!(
        compared >= 8,
        "too few drafted claims match a hand-written one ({compared})"
    );
    assert!(
        same as f64 >= 0.8 * compared as f64,
        "{same}/{compared} verdicts reproduced, below 80%"
    );
}
