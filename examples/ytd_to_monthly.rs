//! A year-to-date series with a combined January–February release, as Chinese monthly data are
//! published, turned into monthly values — without inventing January.
//!
//! Run with `cargo run --example ytd_to_monthly`.

use indstat::transform::{aggregate, ytd_to_discrete};
use indstat::{Frequency, Kind, Period, Series, SeriesMeta};
use rust_decimal::Decimal;

fn main() -> Result<(), indstat::Error> {
    // Cumulative output from January, 10 thousand vehicles (illustrative figures); no January
    // release: February's value covers January and February.
    let mut ytd = Series::new(SeriesMeta::new(
        "output_ytd",
        "万辆".parse()?,
        Frequency::Monthly,
        Kind::Flow,
    ));
    let cumulative = [(2, 93.3), (3, 158.8), (4, 212.7), (5, 283.7), (6, 371.5)];
    for (month, value) in cumulative {
        let value = Decimal::try_from(value).expect("a finite value");
        ytd.insert(Period::month(2023, month)?, value)?;
    }

    let monthly = ytd_to_discrete(&ytd)?;
    for (period, value) in monthly.iter() {
        match (value, monthly.gap(period)) {
            (Some(v), _) => println!("{period}  {v}"),
            (None, Some(gap)) => println!("{period}  —  ({gap})"),
            (None, None) => println!("{period}  —"),
        }
    }

    // The quarter needs all three months: February's combined value counts for January and
    // February, so Q1 is complete, and so is Q2.
    let quarterly = aggregate(&monthly, Frequency::Quarterly, None)?;
    for (period, value) in quarterly.iter() {
        match value {
            Some(v) => println!("{period}  {v}"),
            None => println!(
                "{period}  —  ({})",
                quarterly
                    .gap(period)
                    .map_or(String::new(), |g| g.to_string())
            ),
        }
    }
    Ok(())
}
