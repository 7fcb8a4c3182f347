//! Draws the bundled NEV output (2016–2022) and 5G rollout as SVG charts, and a verification
//! chart of the briefing's "up 96.9%" against the year-on-year growth of NEV output.
//!
//! Run with `cargo run --example chart --features charts`; the charts go to `target/charts/`.

use indstat::chart::{self, ChartKind, ChartOptions};
use indstat::{Dataset, Figure, Period, Transform};

fn main() -> indstat::Result<()> {
    let data = Dataset::bundled()?;
    let out = std::path::Path::new("target/charts");

    // NEV output as bars: 2019 has no value in the data and is left out, not drawn as zero.
    let nev = data.require("nev_production")?;
    let svg = chart::bar(
        &nev.to_f64(),
        &ChartOptions {
            title: Some("New-energy vehicle production, 2016–2022 (CAAM)".into()),
            sources: chart::source_lines(&data, nev),
            ..ChartOptions::default()
        },
    )?;
    let path = out.join("nev_production.svg");
    chart::write_svg(&path, &svg)?;
    println!("{}", path.display());

    // The 5G rollout as a line: the line breaks at 2020, which has no value.
    let fiveg = data.require("fiveg_base_stations")?;
    let svg = chart::line(
        &fiveg.to_f64(),
        &ChartOptions {
            title: Some("5G base stations in China, end of year".into()),
            sources: chart::source_lines(&data, fiveg),
            ..ChartOptions::default()
        },
    )?;
    let path = out.join("fiveg_base_stations.svg");
    chart::write_svg(&path, &svg)?;
    println!("{}", path.display());

    // "NEV production … up 96.9%": the reported interval [96.85, 96.95) against the growth
    // recomputed from the levels (99.1%: CAAM computed 96.9% on a revised 2021 base).
    let growth = Transform::Pc1.apply(&nev.to_f64())?;
    let figure: Figure = "96.9%".parse()?;
    let reported = figure.interval_in(growth.unit(), &Default::default())?;
    let svg = chart::claim(
        &growth,
        &reported,
        Period::year(2022),
        &ChartOptions {
            title: Some("Claim: NEV production up 96.9% in 2022".into()),
            kind: ChartKind::Line,
            ..ChartOptions::default()
        },
    )?;
    let path = out.join("nev_production_growth_claim.svg");
    chart::write_svg(&path, &svg)?;
    println!("{}", path.display());
    Ok(())
}
