//! A province × month panel (feature `polars`): year-on-year growth per province and each
//! province's share of the national total, gap-correct, then handed to polars.
//!
//! Run with `cargo run --example panel --features polars`.

use indstat::frame::{Panel, PanelSeries};
use indstat::{Frequency, Kind, Period, Transform, Unit};

fn main() -> Result<(), indstat::Error> {
    // Illustrative monthly NEV output of three provinces, 10 thousand vehicles, 2021–2022;
    // Shanghai has no figure for 2022-03.
    let unit: Unit = "万辆".parse()?;
    let start = Period::month(2021, 1)?;
    let mut panel = Panel::new(Frequency::Monthly, start, 24);
    for (province, base, step) in [
        ("guangdong", 8.0, 0.6),
        ("shanghai", 5.0, 0.3),
        ("anhui", 2.0, 0.2),
    ] {
        let values: Vec<Option<f64>> = (0..24)
            .map(|i| (province != "shanghai" || i != 14).then_some(base + step * i as f64))
            .collect();
        panel.push(
            PanelSeries::new(province, unit.clone(), Kind::Flow),
            &values,
        )?;
    }

    let yoy = panel.transform(Transform::Pc1)?;
    let share = panel.share_of_total()?;
    for month in [Period::month(2022, 2)?, Period::month(2022, 3)?] {
        for province in panel.ids() {
            let show = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.1}"));
            println!(
                "{month} {province:<10} yoy {:>6}%  share {:>5}%",
                show(yoy.get(province, month)),
                show(share.get(province, month))
            );
        }
    }

    // polars takes over for I/O and joins: a long DataFrame with units and sources.
    let df = yoy.to_dataframe().map_err(|e| e.context("yoy panel"))?;
    println!("{}", df.head(Some(5)));
    Ok(())
}
