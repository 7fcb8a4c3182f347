//! Verify the bundled SCIO briefing of 2023-03-01 from the library API, and print each
//! finding with its likely cause.
//!
//! Run with `cargo run --example briefing`.

use indstat::Dataset;
use indstat::verify::{Claims, Verdict, verify};

fn main() -> Result<(), indstat::Error> {
    let data = Dataset::bundled()?;
    let claims = Claims::bundled()?;
    let report = verify(&data, &claims);

    for finding in report.findings() {
        if finding.verdict == Verdict::Consistent {
            continue;
        }
        println!("{} — {}", finding.id, finding.verdict);
        if let Some(quote) = &finding.quote {
            println!("  said:  “{quote}”");
        }
        for note in &finding.notes {
            println!("  note:  {note}");
        }
        for input in &finding.inputs {
            println!("  input: {input}");
        }
    }
    println!("\n{}", report.summary());
    Ok(())
}
