//! NEV production and sales 2016–2022 (CAAM): year-on-year growth, the CAGR, and the
//! revised-base finding — the growth CAAM reported for 2022 is not the growth of the levels it
//! published, because it is computed on a revised 2021 base.
//!
//! Run with `cargo run --example nev_growth`.

use indstat::transform::{cagr, implied_base};
use indstat::{Dataset, Figure, Period, Transform, round_half_away};

fn main() -> Result<(), indstat::Error> {
    let data = Dataset::bundled()?;
    for id in ["nev_production", "nev_sales"] {
        let levels = data.require(id)?;
        let growth = Transform::Pc1.apply(levels)?;
        println!("{id} ({})", levels.unit());
        for (period, level) in levels.iter() {
            let level = level.map_or("—".to_string(), |v| v.to_string());
            let g = match growth.value_at(period) {
                Some(g) => format!("{:>7}%", round_half_away(g, 1)),
                None => match growth.gap(period) {
                    Some(gap) => format!("  — ({gap})"),
                    None => "  —".into(),
                },
            };
            println!("  {period}  {level:>6}  {g}");
        }
        let (from, to) = (Period::year(2016), Period::year(2022));
        let c = cagr(levels, from, to)?;
        println!("  CAGR {from}–{to}: {}%\n", round_half_away(c, 1));
    }

    // CAAM reported +96.9% for 2022 production. The base that implies, on intervals:
    let level = "705.8".parse::<Figure>()?.interval()?;
    let reported = "96.9%".parse::<Figure>()?.interval()?;
    let base = implied_base(level, reported)?;
    println!("96.9% growth to 705.8 implies a 2021 base of {base:.2} (10 thousand vehicles),");
    println!("against the 354.5 first published: the growth is on a revised base.");
    Ok(())
}
