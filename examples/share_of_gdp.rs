//! Industry and manufacturing as shares of GDP, across 亿元 and trillion-yuan data: scales
//! convert exactly, and reported shares are checked as intervals.
//!
//! Run with `cargo run --example share_of_gdp`.

use indstat::transform::share_at;
use indstat::{Dataset, Figure, Period, Series, SeriesMeta, round_half_away};

fn main() -> Result<(), indstat::Error> {
    let data = Dataset::bundled()?;
    let (industry, gdp) = (data.require("industry_value_added")?, data.require("gdp")?);
    let y2022 = Period::year(2022);

    // Exact: 401,644 / 1,210,207 (both in 100 million yuan).
    let exact = share_at(industry, gdp, y2022)?;
    println!(
        "industry / GDP 2022 = {}% (exact), reported 33.2%",
        round_half_away(exact, 3)
    );

    // On intervals: each level stands for what rounds to it.
    let share = share_at(&industry.to_intervals()?, &gdp.to_intervals()?, y2022)?;
    let reported = "33.2%".parse::<Figure>()?.interval()?;
    println!(
        "on intervals: {share:.4} overlaps {reported}: {}",
        share.overlaps(&reported)
    );

    // GDP in trillion yuan against industry in 亿元: the share is the same, exactly.
    let mut gdp_trillion = Series::new(SeriesMeta::new(
        "gdp_trillion",
        "trillion yuan".parse()?,
        gdp.frequency(),
        gdp.meta().kind,
    ));
    gdp_trillion.insert(y2022, "121.0207".parse().expect("a decimal"))?;
    assert_eq!(share_at(industry, &gdp_trillion, y2022)?, exact);
    println!(
        "with GDP as 121.0207 trillion yuan: the same {}%",
        round_half_away(exact, 3)
    );

    // Manufacturing: MIIT publishes the share itself; 2021 had 31.4 trillion yuan.
    let m = data.require("manufacturing_share_of_gdp")?;
    for (p, v) in m.observations() {
        println!("manufacturing share {p}: {v}%");
    }
    Ok(())
}
