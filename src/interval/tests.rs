//! Unit tests of the interval type and its arithmetic on hand-picked cases; the exact
//! soundness checks over the whole Decimal range are in tests/soundness.rs.

use super::*;
use proptest::prelude::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn nev_growth_on_the_published_base_is_not_96_9() {
    // (705.8 / 354.5 − 1) × 100 with both levels rounded at one decimal.
    let growth = Interval::rounded(d("705.8"), 1)
        .unwrap()
        .checked_div(&Interval::rounded(d("354.5"), 1).unwrap())
        .unwrap()
        .checked_shift(-Decimal::ONE)
        .unwrap()
        .checked_scale(Decimal::ONE_HUNDRED)
        .unwrap();
    assert!(growth.contains(d("99.1")), "{growth}");
    let reported = Interval::rounded(d("96.9"), 1).unwrap();
    assert!(!growth.overlaps(&reported));
    assert!(growth.distance(&reported) > d("2"));
}

#[test]
fn division_by_zero_and_straddling_is_an_error() {
    let straddle = Interval::closed(d("-1"), d("1")).unwrap();
    assert!(Interval::point(d("1")).checked_div(&straddle).is_err());
    // Zero as an open end gives an unbounded quotient.
    let open = Interval::new(Bound::Open(Decimal::ZERO), Bound::Closed(d("2"))).unwrap();
    let q = Interval::point(d("1")).checked_div(&open).unwrap();
    assert_eq!(q.high(), Bound::Unbounded);
    assert_eq!(q.low(), Bound::Closed(d("0.5")));
}

#[test]
fn inexact_division_is_widened_outward() {
    let third = Interval::point(d("1"))
        .checked_div(&Interval::point(d("3")))
        .unwrap();
    assert!(!third.is_point());
    let (lo, hi) = (third.low().value().unwrap(), third.high().value().unwrap());
    assert!(lo * d("3") < d("1") && hi * d("3") > d("1"));
}

#[test]
fn rounding_at_the_last_decimal_is_not_empty() {
    let v = Decimal::new(1, 28);
    let i = Interval::rounded(v, 28).unwrap();
    assert!(i.contains(v) && i.contains(Decimal::ZERO));
}

#[test]
fn unbounded_ends_propagate() {
    let more_than = Interval::at_least(d("520"), false);
    let sum = more_than.checked_add(&Interval::point(d("1"))).unwrap();
    assert_eq!(sum.to_string(), "[521, +∞)");
    let neg = more_than.checked_mul(&Interval::point(d("-1"))).unwrap();
    assert_eq!(neg.to_string(), "(-∞, -520]");
}

#[test]
fn half_units_are_exact_or_refused() {
    use super::rounding::half_unit;
    // 5 × 10^−(decimals+1), computed by hand for each end of the range.
    assert_eq!(half_unit(0).unwrap(), Some(d("0.5")));
    assert_eq!(
        half_unit(27).unwrap(),
        Some(d("0.0000000000000000000000000005"))
    );
    assert_eq!(half_unit(28).unwrap(), None);
    assert_eq!(half_unit(i32::MAX).unwrap(), None);
    assert_eq!(half_unit(-1).unwrap(), Some(d("5")));
    assert_eq!(
        half_unit(-29).unwrap(),
        Some(d("50000000000000000000000000000"))
    );
    assert!(half_unit(-30).is_err());
    assert!(half_unit(i32::MIN).is_err());
}

#[test]
fn real_powers_below_and_above_decimal_range() {
    // (1e-28)^7.5 = 1e-210: far below Decimal's smallest step, bracketed by 0 and that step.
    let tiny = Interval::point(d("0.0000000000000000000000000001"))
        .checked_powf(7.5)
        .unwrap();
    assert_eq!(tiny.low(), Bound::Closed(Decimal::ZERO));
    assert_eq!(
        tiny.high(),
        Bound::Closed(d("0.0000000000000000000000000001"))
    );
    // 10^20^1.5 = 10^30 does not fit a Decimal.
    let big = Interval::point(d("100000000000000000000")).checked_powf(1.5);
    assert!(matches!(
        big.unwrap_err().kind(),
        crate::ErrorKind::Overflow { .. }
    ));
}

/// Intervals with ends of up to three decimals: enough for the set operations below (the
/// arithmetic is checked exactly over the whole Decimal range in tests/soundness.rs).
fn finite_interval() -> impl Strategy<Value = Interval> {
    (
        -1_000_000i64..1_000_000,
        0i64..100_000,
        0u32..4,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lo, width, scale, lc, hc)| {
            let a = Decimal::new(lo, scale);
            let b = Decimal::new(lo + width, scale);
            let low = if lc || width == 0 {
                Bound::Closed(a)
            } else {
                Bound::Open(a)
            };
            let high = if hc || width == 0 {
                Bound::Closed(b)
            } else {
                Bound::Open(b)
            };
            Interval::new(low, high).unwrap()
        })
}

proptest! {
    #[test]
    fn overlap_is_symmetric_and_distance_zero_iff_touching(a in finite_interval(), b in finite_interval()) {
        prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
        if a.overlaps(&b) {
            prop_assert_eq!(a.distance(&b), Decimal::ZERO);
        }
        prop_assert_eq!(a.distance(&b), b.distance(&a));
        prop_assert!(a.hull(&b).encloses(&a));
    }
}
