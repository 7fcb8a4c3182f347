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
        .div(&Interval::rounded(d("354.5"), 1).unwrap())
        .unwrap()
        .shift(-Decimal::ONE)
        .unwrap()
        .scale(Decimal::ONE_HUNDRED)
        .unwrap();
    assert!(growth.contains(d("99.1")), "{growth}");
    let reported = Interval::rounded(d("96.9"), 1).unwrap();
    assert!(!growth.overlaps(&reported));
    assert!(growth.distance(&reported) > d("2"));
}

#[test]
fn division_by_zero_and_straddling_is_an_error() {
    let straddle = Interval::closed(d("-1"), d("1")).unwrap();
    assert!(Interval::point(d("1")).div(&straddle).is_err());
    // Zero as an open end gives an unbounded quotient.
    let open = Interval::new(Bound::Open(Decimal::ZERO), Bound::Closed(d("2"))).unwrap();
    let q = Interval::point(d("1")).div(&open).unwrap();
    assert_eq!(q.high(), Bound::Unbounded);
    assert_eq!(q.low(), Bound::Closed(d("0.5")));
}

#[test]
fn inexact_division_is_widened_outward() {
    let third = Interval::point(d("1"))
        .div(&Interval::point(d("3")))
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
    let sum = more_than.add(&Interval::point(d("1"))).unwrap();
    assert_eq!(sum.to_string(), "[521, +∞)");
    let neg = more_than.mul(&Interval::point(d("-1"))).unwrap();
    assert_eq!(neg.to_string(), "(-∞, -520]");
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
