//! Check a briefing from its transcript alone: find every figure statement, match it to the
//! bundled reference series by their aliases, draft the claims and verify them; then list what
//! could not be matched, for a person to finish.
//!
//! Run with `cargo run --example check_transcript [TRANSCRIPT]` (default: the bundled SCIO
//! briefing of 2023-03-01).

use indstat::extract::{check, reference_data};
use indstat::verify::{Format, Verdict};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/briefings/2023-03-01-scio-miit/transcript.txt"
        )
        .into()
    });
    let text = std::fs::read_to_string(&path)?;
    // The date that "last year" refers to comes from the transcript's header here; pass
    // Some(date) to give it.
    let checked = check(&text, &reference_data()?, None);

    print!("{}", checked.report.render(Format::Table, false));
    let flagged = checked
        .report
        .findings()
        .iter()
        .filter(|f| f.verdict == Verdict::Inconsistent)
        .count();
    println!("{flagged} drafted claims disagree with the data.");

    println!("\nNot matched to a series ({}):", checked.unmatched.len());
    for (statement, why) in checked.unmatched.iter().take(10) {
        println!("  {:>6}  {:<28} {}", statement.start, statement.text, why);
    }
    Ok(())
}
