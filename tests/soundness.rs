//! Soundness of interval arithmetic, checked exactly: every result must contain the true
//! result of the operation on values drawn from the inputs.
//!
//! The truth is computed here independently of the crate: sums, products, quotients and integer
//! powers exactly as fractions of big integers; real powers x^(a/2^k) by comparing x^a with the
//! k-th repeated squares of the result's ends, bracketed by big binary floats rounded down and
//! up (no `f64`, no `Decimal` arithmetic). Values are drawn across the whole `Decimal` range:
//! mantissas up to 2^96 − 1, scales 0 to 28, both signs, so that results need more than 28
//! significant digits and the paths that widen a rounded end run.

use std::cmp::Ordering;

use indstat::{Bound, ErrorKind, Interval};
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{One, Signed, Zero};
use proptest::prelude::*;
use rust_decimal::Decimal;

// ---------------------------------------------------------------------------------------------
// Exact fractions

/// An exact fraction num/den with den > 0.
#[derive(Debug, Clone)]
struct Q {
    num: BigInt,
    den: BigInt,
}

impl Q {
    fn of(d: Decimal) -> Q {
        Q {
            num: BigInt::from(d.mantissa()),
            den: BigInt::from(10u8).pow(d.scale()),
        }
    }

    fn int(n: i64) -> Q {
        Q {
            num: BigInt::from(n),
            den: BigInt::one(),
        }
    }

    fn add(&self, o: &Q) -> Q {
        Q {
            num: &self.num * &o.den + &o.num * &self.den,
            den: &self.den * &o.den,
        }
    }

    fn neg(&self) -> Q {
        Q {
            num: -&self.num,
            den: self.den.clone(),
        }
    }

    fn mul(&self, o: &Q) -> Q {
        Q {
            num: &self.num * &o.num,
            den: &self.den * &o.den,
        }
    }

    fn div(&self, o: &Q) -> Q {
        assert!(!o.num.is_zero());
        let (num, den) = (&self.num * &o.den, &self.den * &o.num);
        if den.is_negative() {
            Q {
                num: -num,
                den: -den,
            }
        } else {
            Q { num, den }
        }
    }

    fn pow(&self, n: u32) -> Q {
        Q {
            num: self.num.pow(n),
            den: self.den.pow(n),
        }
    }

    fn cmp(&self, o: &Q) -> Ordering {
        (&self.num * &o.den).cmp(&(&o.num * &self.den))
    }

    fn is_zero(&self) -> bool {
        self.num.is_zero()
    }
}

/// Whether the interval holds the exact value `x`.
fn holds(i: &Interval, x: &Q) -> bool {
    let above = match i.low() {
        Bound::Closed(a) => x.cmp(&Q::of(a)) != Ordering::Less,
        Bound::Open(a) => x.cmp(&Q::of(a)) == Ordering::Greater,
        Bound::Unbounded => true,
    };
    let below = match i.high() {
        Bound::Closed(b) => x.cmp(&Q::of(b)) != Ordering::Greater,
        Bound::Open(b) => x.cmp(&Q::of(b)) == Ordering::Less,
        Bound::Unbounded => true,
    };
    above && below
}

/// A value of the interval (not necessarily a `Decimal`): an end if it is closed, otherwise a
/// point a fraction `t`/1024 of the way across; `None` when unbounded.
fn value_in(i: &Interval, t: u16) -> Option<Q> {
    let (Some(a), Some(b)) = (i.low().value(), i.high().value()) else {
        return None;
    };
    let t = match t {
        0 if i.low().is_closed() => 0,
        1024.. if i.high().is_closed() => 1024,
        t => i64::from(t.clamp(1, 1023)),
    };
    let (a, b) = (Q::of(a), Q::of(b));
    let step = Q {
        num: BigInt::from(t),
        den: BigInt::from(1024),
    };
    let x = a.add(&b.add(&a.neg()).mul(&step));
    assert!(holds(i, &x), "the drawn value is outside {i}");
    Some(x)
}

/// Accepts an error only if it is an overflow (the result does not fit a `Decimal`).
fn overflow_only(r: &Result<Interval, indstat::Error>) -> bool {
    match r {
        Ok(_) => true,
        Err(e) => matches!(e.kind(), ErrorKind::Overflow { .. }),
    }
}

// ---------------------------------------------------------------------------------------------
// Values across the whole Decimal range

fn any_decimal() -> impl Strategy<Value = Decimal> {
    let mantissa = prop_oneof![
        // 28- and 29-digit mantissas, up to 2^96 − 1.
        2 => (1u128 << 92)..(1u128 << 96),
        // Any number of bits.
        3 => (0u32..=96, any::<u128>()).prop_map(|(bits, m)| if bits == 0 { 0 } else { m >> (128 - bits) }),
        // Short ones: sums and products of these are exact.
        1 => 0u128..1000,
    ];
    (mantissa, 0u32..=28, any::<bool>()).prop_map(|(m, scale, negative)| {
        let d = Decimal::from_i128_with_scale(m as i128, scale);
        if negative { -d } else { d }
    })
}

/// An interval with ends from [`any_decimal`], or one end near the other so that products of
/// such intervals stay in range.
fn any_interval() -> impl Strategy<Value = Interval> {
    (any_decimal(), any_decimal(), any::<bool>(), any::<bool>()).prop_map(|(a, b, lc, hc)| {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let end = |v, closed| {
            if closed || a == b {
                Bound::Closed(v)
            } else {
                Bound::Open(v)
            }
        };
        Interval::new(end(a, lc), end(b, hc)).unwrap()
    })
}

fn near_interval() -> impl Strategy<Value = Interval> {
    (any_decimal(), 0u32..=28, 0u64..u64::MAX).prop_map(|(a, scale, w)| {
        let b = a
            .checked_add(Decimal::from_i128_with_scale(i128::from(w), scale))
            .unwrap_or(a);
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        Interval::closed(a, b).unwrap()
    })
}

fn interval() -> impl Strategy<Value = Interval> {
    prop_oneof![any_interval(), near_interval()]
}

// ---------------------------------------------------------------------------------------------
// Big binary floats rounded down or up, for powers too large to take exactly

/// Bits kept by the bracketing floats: far more than the 1e-12 an interval end is widened by.
const PRECISION: u64 = 320;

/// m × 2^e.
#[derive(Debug, Clone)]
struct Float {
    m: BigUint,
    e: i64,
}

impl Float {
    fn cut(m: BigUint, e: i64, up: bool) -> Float {
        let bits = m.bits();
        if bits <= PRECISION {
            return Float { m, e };
        }
        let drop = bits - PRECISION;
        let mut kept = &m >> drop;
        if up && (&kept << drop) != m {
            kept += 1u8;
        }
        Float {
            m: kept,
            e: e + drop as i64,
        }
    }

    /// num/den (both positive), rounded down or up.
    fn ratio(num: &BigUint, den: &BigUint, up: bool) -> Float {
        let shift = PRECISION as i64 + den.bits() as i64 - num.bits() as i64 + 2;
        let (n, d) = if shift >= 0 {
            (num << shift as u64, den.clone())
        } else {
            (num.clone(), den << (-shift) as u64)
        };
        let mut q = &n / &d;
        if up && &q * &d != n {
            q += 1u8;
        }
        Float::cut(q, -shift, up)
    }

    fn mul(&self, o: &Float, up: bool) -> Float {
        Float::cut(&self.m * &o.m, self.e + o.e, up)
    }

    fn pow(&self, n: u64, up: bool) -> Float {
        let mut acc = Float {
            m: BigUint::one(),
            e: 0,
        };
        let mut square = self.clone();
        let mut rest = n;
        while rest > 0 {
            if rest % 2 == 1 {
                acc = acc.mul(&square, up);
            }
            rest /= 2;
            if rest > 0 {
                square = square.mul(&square, up);
            }
        }
        acc
    }

    fn cmp(&self, o: &Float) -> Ordering {
        // Zero, and values a factor of two or more apart, compare without shifting (the
        // exponents of huge powers would need shifts of billions of bits).
        match (self.m.is_zero(), o.m.is_zero()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        let (top_a, top_b) = (self.m.bits() as i64 + self.e, o.m.bits() as i64 + o.e);
        if top_a != top_b {
            return top_a.cmp(&top_b);
        }
        let low = self.e.min(o.e);
        let a = &self.m << (self.e - low) as u64;
        let b = &o.m << (o.e - low) as u64;
        a.cmp(&b)
    }
}

/// (lower, upper) bracket of the positive fraction x.
fn bracket(x: &Q) -> (Float, Float) {
    let (num, den) = (x.num.magnitude(), x.den.magnitude());
    (Float::ratio(num, den, false), Float::ratio(num, den, true))
}

/// Checks that `r` holds x^(a/2^k) for x > 0, by proving end^(2^k) ≤ x^a (or ≥) with brackets.
fn holds_real_power(r: &Interval, x: &Q, a: i64, k: u32) -> bool {
    let one = Float {
        m: BigUint::one(),
        e: 0,
    };
    let (x_down, x_up) = bracket(x);
    let m = a.unsigned_abs();
    let (xa_down, xa_up) = (x_down.pow(m, false), x_up.pow(m, true));
    let root = 1u64 << k;
    // Powers of an end, as brackets.
    let end_pow = |v: Decimal| -> (Float, Float) {
        let (lo, hi) = bracket(&Q::of(v));
        (lo.pow(root, false), hi.pow(root, true))
    };
    let low_ok = match r.low() {
        Bound::Unbounded => true,
        Bound::Closed(v) | Bound::Open(v) if v <= Decimal::ZERO => true,
        Bound::Closed(v) | Bound::Open(v) => {
            let (_, end_up) = end_pow(v);
            if a > 0 {
                // end^(2^k) < x^a strictly, so an open end is fine too.
                end_up.cmp(&xa_down) == Ordering::Less
            } else {
                end_up.mul(&xa_up, true).cmp(&one) == Ordering::Less
            }
        }
    };
    let high_ok = match r.high() {
        Bound::Unbounded => true,
        Bound::Closed(v) | Bound::Open(v) => {
            if v <= Decimal::ZERO {
                return false;
            }
            let (end_down, _) = end_pow(v);
            if a > 0 {
                end_down.cmp(&xa_up) == Ordering::Greater
            } else {
                end_down.mul(&xa_down, false).cmp(&one) == Ordering::Greater
            }
        }
    };
    low_ok && high_ok
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Regressions found in review (each failed on the code before the fix)

#[test]
fn a_sum_past_28_digits_holds_the_true_sum() {
    // 10^27 + 0.01 has 30 significant digits; Decimal rounds it to 10^27.
    let big = d("1000000000000000000000000000");
    let sum = Interval::point(big)
        .checked_add(&Interval::point(d("0.01")))
        .unwrap();
    let truth = Q::of(big).add(&Q::of(d("0.01")));
    assert!(holds(&sum, &truth), "{sum} misses 10^27 + 0.01");
    let difference = Interval::point(big)
        .checked_sub(&Interval::point(d("0.01")))
        .unwrap();
    assert!(holds(&difference, &Q::of(big).add(&Q::of(d("-0.01")))));
}

#[test]
fn a_rounding_interval_at_29_digits_holds_every_value_that_rounds_to_it() {
    // v has 29 significant digits at one decimal; v ± 0.005 would need 31, so Decimal rounds
    // the half unit away and the interval came out empty ([v, v)), an error.
    for v in [
        d("7000000000000000000000000000.1"),
        d("-7000000000000000000000000000.1"),
    ] {
        let i = Interval::rounded(v, 2).unwrap();
        let half = Q::of(d("0.005"));
        let (low, high) = (Q::of(v).add(&half.neg()), Q::of(v).add(&half));
        let attained = if v < Decimal::ZERO { &high } else { &low };
        assert!(
            holds(&i, attained),
            "{i} misses an end of the rounding of {v}"
        );
        // Every value short of the other end rounds to v: the interval may not stop before it.
        assert!(
            Q::of(i.low().value().unwrap()).cmp(&low) != Ordering::Greater,
            "{i}"
        );
        assert!(
            Q::of(i.high().value().unwrap()).cmp(&high) != Ordering::Less,
            "{i}"
        );
    }
}

#[test]
fn rounding_to_tens_of_octillions_is_not_cut_at_10_to_the_28() {
    // Rounded at −29 decimals the half unit is 5 × 10^28; taking 10^28 as the largest unit
    // made it 5 × 10^27, and the interval missed most of what rounds to the value.
    let i = Interval::rounded(Decimal::ZERO, -29).unwrap();
    let half = d("50000000000000000000000000000");
    assert!(holds(&i, &Q::of(-half)), "{i} misses −5 × 10^28");
    assert!(
        i.high().value().unwrap() >= half,
        "{i} stops short of 5 × 10^28"
    );
    // One more power of ten does not fit a Decimal: an overflow error, not a narrower interval.
    let e = Interval::rounded(Decimal::ZERO, -30).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Overflow { .. }), "{e}");
}

#[test]
fn a_product_past_28_digits_holds_the_true_product() {
    let x = d("1.000000000000000000000000001");
    let p = Interval::point(x).checked_mul(&Interval::point(x)).unwrap();
    assert!(holds(&p, &Q::of(x).mul(&Q::of(x))), "{p}");
}

#[test]
fn a_quotient_whose_multiply_back_rounds_holds_the_true_quotient() {
    // 1 / 0.3 = 3.33…: Decimal gives 28 threes, and 28 threes × 0.3 = 0.99…9 (29 nines)
    // rounds back to 1, so multiplying back took the rounded quotient for the exact one.
    let a = Decimal::ONE;
    let b = d("0.3");
    let q = Interval::point(a).checked_div(&Interval::point(b)).unwrap();
    assert!(holds(&q, &Q::of(a).div(&Q::of(b))), "{q}");
    let r = Interval::point(b).checked_recip().unwrap();
    assert!(holds(&r, &Q::of(a).div(&Q::of(b))), "{r}");
}

#[test]
fn integer_powers_at_the_extremes_of_i32_end_and_are_sound() {
    // Negating i32::MIN overflowed and the power recursed until the stack overflowed.
    let one = Interval::point(Decimal::ONE);
    assert_eq!(one.checked_powi(i32::MIN).unwrap(), one);
    assert_eq!(one.checked_powi(i32::MAX).unwrap(), one);
    let minus_one = Interval::point(Decimal::NEGATIVE_ONE);
    assert_eq!(minus_one.checked_powi(i32::MIN).unwrap(), one);
    assert_eq!(minus_one.checked_powi(i32::MAX).unwrap(), minus_one);
    // 2^(2^31) does not fit: an overflow error, not a crash.
    let two = Interval::point(Decimal::TWO);
    let e = two.checked_powi(i32::MIN).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Overflow { .. }), "{e}");
    // 0.5^(2^31 − 1) is positive and far below 1e-28: the result is [0, a tiny step].
    let half = Interval::point(d("0.5"));
    let tiny = half.checked_powi(i32::MAX).unwrap();
    assert_eq!(tiny.low(), Bound::Closed(Decimal::ZERO));
    let hi = tiny.high().value().unwrap();
    assert!(
        hi > Decimal::ZERO && hi <= d("0.000000000000000000000000001"),
        "{tiny}"
    );
}

#[test]
fn a_real_power_with_a_large_exponent_is_sound() {
    // x is 1 + 1.11e-16: as an f64 it becomes 1 or 1 + 2^−52, off by about 1.1e-16, which
    // the power multiplies by p = 2^20 + 1/2 into an error of about 1e-10, far beyond the old
    // fixed widening of 1e-12.
    let x = d("1.000000000000000111022302462");
    let p = 1_048_576.5;
    let r = Interval::point(x).checked_powf(p).unwrap();
    assert!(
        holds_real_power(&r, &Q::of(x), 2_097_153, 1),
        "{x}^{p} not in {r}"
    );
    // An exponent beyond any useful bound is refused rather than guessed.
    let e = Interval::point(x).checked_powf(1e300 + 0.5).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Domain { .. }), "{e}");
}

#[test]
fn the_checker_can_fail() {
    // The real-power check must reject an interval that misses the power: 2^0.5 ≈ 1.41421356.
    let two = Q::of(Decimal::TWO);
    let below = Interval::closed(d("1.41"), d("1.4142")).unwrap();
    let around = Interval::closed(d("1.4142"), d("1.4143")).unwrap();
    assert!(!holds_real_power(&below, &two, 1, 1));
    assert!(holds_real_power(&around, &two, 1, 1));
    // And with a negative exponent: 2^−0.5 ≈ 0.70710678.
    let inv = Interval::closed(d("0.7071"), d("0.7072")).unwrap();
    assert!(holds_real_power(&inv, &two, -1, 1));
    assert!(!holds_real_power(&inv, &two, 1, 1));
    // The exact check rejects an end a hair off.
    let third = Q::int(1).div(&Q::int(3));
    let short = Interval::closed(d("0.3333333333333333333333333333"), d("0.4")).unwrap();
    assert!(holds(&short, &third));
    let above = Interval::closed(d("0.3333333333333333333333333334"), d("0.4")).unwrap();
    assert!(!holds(&above, &third));
}

// ---------------------------------------------------------------------------------------------
// Properties over the whole range

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn sums_and_differences_hold_the_exact_result(a in interval(), b in interval(), s in 0u16..=1024, t in 0u16..=1024) {
        let (Some(x), Some(y)) = (value_in(&a, s), value_in(&b, t)) else { return Ok(()) };
        let sum = a.checked_add(&b);
        prop_assert!(overflow_only(&sum));
        if let Ok(sum) = sum {
            prop_assert!(holds(&sum, &x.add(&y)), "{} + {} not in {}", a, b, sum);
        }
        let diff = a.checked_sub(&b);
        prop_assert!(overflow_only(&diff));
        if let Ok(diff) = diff {
            prop_assert!(holds(&diff, &x.add(&y.neg())), "{} − {} not in {}", a, b, diff);
        }
    }

    #[test]
    fn products_hold_the_exact_product(a in interval(), b in interval(), s in 0u16..=1024, t in 0u16..=1024) {
        let (Some(x), Some(y)) = (value_in(&a, s), value_in(&b, t)) else { return Ok(()) };
        let p = a.checked_mul(&b);
        prop_assert!(overflow_only(&p));
        if let Ok(p) = p {
            prop_assert!(holds(&p, &x.mul(&y)), "{} × {} not in {}", a, b, p);
        }
    }

    #[test]
    fn quotients_hold_the_exact_quotient(a in interval(), b in prop_oneof![interval(), any_decimal().prop_map(Interval::point)], s in 0u16..=1024, t in 0u16..=1024) {
        let (Some(x), Some(y)) = (value_in(&a, s), value_in(&b, t)) else { return Ok(()) };
        match a.checked_div(&b) {
            Ok(q) => {
                prop_assert!(!y.is_zero());
                prop_assert!(holds(&q, &x.div(&y)), "{} ÷ {} not in {}", a, b, q);
            }
            Err(e) => {
                let zero_inside = b.low().value().is_some_and(|l| l <= Decimal::ZERO)
                    && b.high().value().is_some_and(|h| h >= Decimal::ZERO);
                match e.kind() {
                    ErrorKind::Domain { .. } => prop_assert!(zero_inside, "{}", e),
                    ErrorKind::Overflow { .. } => {}
                    _ => prop_assert!(false, "unexpected error {}", e),
                }
            }
        }
    }

    #[test]
    fn the_recip_of_a_point_holds_the_exact_reciprocal(v in any_decimal()) {
        prop_assume!(!v.is_zero());
        let r = Interval::point(v).checked_recip();
        prop_assert!(overflow_only(&r));
        if let Ok(r) = r {
            prop_assert!(holds(&r, &Q::int(1).div(&Q::of(v))), "1 / {} not in {}", v, r);
        }
    }

    #[test]
    fn rounding_intervals_hold_what_rounds_to_the_value(v in any_decimal(), decimals in -30i32..=30) {
        let i = match Interval::rounded(v, decimals) {
            Ok(i) => i,
            Err(e) => {
                // Only a half unit or an end beyond Decimal's range may fail.
                prop_assert!(matches!(e.kind(), ErrorKind::Overflow { .. }), "{}", e);
                return Ok(());
            }
        };
        // The values that round half away from zero to v: [v − h, v + h) for v ≥ 0 and
        // (v − h, v + h] below zero, with h = 5 × 10^−(decimals+1).
        let ten = BigInt::from(10u8);
        let half = if decimals >= 0 {
            Q { num: BigInt::from(5), den: ten.pow(decimals.unsigned_abs() + 1) }
        } else {
            Q { num: BigInt::from(5) * ten.pow(decimals.unsigned_abs() - 1), den: BigInt::one() }
        };
        let (low, high) = (Q::of(v).add(&half.neg()), Q::of(v).add(&half));
        let attained = if v < Decimal::ZERO { &high } else { &low };
        prop_assert!(holds(&i, attained), "{} at {} decimals: {} misses an end", v, decimals, i);
        let a = Q::of(i.low().value().unwrap());
        let b = Q::of(i.high().value().unwrap());
        prop_assert!(a.cmp(&low) != Ordering::Greater && b.cmp(&high) != Ordering::Less, "{} at {} decimals: {}", v, decimals, i);
        prop_assert!(i.contains(v));
    }

    #[test]
    fn integer_powers_hold_the_exact_power(a in interval(), s in 0u16..=1024, n in -6i32..=9) {
        let Some(x) = value_in(&a, s) else { return Ok(()) };
        match a.checked_powi(n) {
            Ok(p) => {
                let truth = if n >= 0 {
                    x.pow(n.unsigned_abs())
                } else {
                    prop_assert!(!x.is_zero());
                    Q::int(1).div(&x.pow(n.unsigned_abs()))
                };
                prop_assert!(holds(&p, &truth), "({})^{} not in {}", a, n, p);
            }
            Err(e) => match e.kind() {
                ErrorKind::Overflow { .. } => {}
                ErrorKind::Domain { .. } => prop_assert!(n < 0),
                _ => prop_assert!(false, "unexpected error {}", e),
            },
        }
    }

    #[test]
    fn large_integer_powers_end_quickly_and_are_sound(m in 1u32..=9999, scale in 0u32..=4, n in prop_oneof![Just(i32::MIN), Just(i32::MAX), any::<i32>(), -40i32..=40]) {
        // Bases from 0.0001 to 9999: the power either fits or overflows, and ends quickly.
        let v = Decimal::new(i64::from(m), scale).normalize();
        let r = Interval::point(v).checked_powi(n);
        prop_assert!(overflow_only(&r));
        let Ok(r) = r else { return Ok(()) };
        let k = n.unsigned_abs();
        if k <= 2000 || v == Decimal::ONE {
            let truth = if n >= 0 { Q::of(v).pow(k) } else { Q::int(1).div(&Q::of(v).pow(k)) };
            prop_assert!(holds(&r, &truth), "{}^{} not in {}", v, n, r);
            return Ok(());
        }
        // Too large to take exactly (and v ≠ 1, so not a Decimal): bracket v^k.
        let (lo, hi) = bracket(&Q::of(v));
        let (down, up) = (lo.pow(u64::from(k), false), hi.pow(u64::from(k), true));
        let (rl, rh) = (r.low().value().unwrap(), r.high().value().unwrap());
        prop_assert!(rh > Decimal::ZERO);
        let (_, rl_up) = bracket(&Q::of(rl.max(Decimal::ZERO)));
        let (rh_down, _) = bracket(&Q::of(rh));
        let one = Float { m: BigUint::one(), e: 0 };
        if n >= 0 {
            prop_assert!(rl <= Decimal::ZERO || rl_up.cmp(&down) != Ordering::Greater, "{}^{} not in {}", v, n, r);
            prop_assert!(rh_down.cmp(&up) != Ordering::Less, "{}^{} not in {}", v, n, r);
        } else {
            // 1/v^k ≥ rl ⇔ rl × v^k ≤ 1, and 1/v^k ≤ rh ⇔ rh × v^k ≥ 1.
            prop_assert!(rl <= Decimal::ZERO || rl_up.mul(&up, true).cmp(&one) != Ordering::Greater, "{}^{} not in {}", v, n, r);
            prop_assert!(rh_down.mul(&down, false).cmp(&one) != Ordering::Less, "{}^{} not in {}", v, n, r);
        }
    }

    #[test]
    fn real_powers_hold_the_true_power(a in interval(), s in 0u16..=1024, j in -32i64..32, k in 1u32..=4) {
        // p = num / 2^k with num odd, never a whole number: the f64 path runs.
        let num = 2 * j + 1;
        let p = num as f64 / f64::from(1u32 << k);
        let Some(x) = value_in(&a, s) else { return Ok(()) };
        match a.checked_powf(p) {
            Ok(r) => {
                prop_assert!(x.num.sign() != Sign::Minus);
                if x.is_zero() {
                    prop_assert!(p > 0.0 && r.contains(Decimal::ZERO), "0^{} not in {}", p, r);
                } else {
                    prop_assert!(holds_real_power(&r, &x, num, k), "({})^{} not in {}", a, p, r);
                }
            }
            Err(e) => match e.kind() {
                ErrorKind::Overflow { .. } => {}
                ErrorKind::Domain { .. } => prop_assert!(
                    a.low().value().is_some_and(|l| l < Decimal::ZERO) || (p < 0.0 && a.contains(Decimal::ZERO))
                ),
                _ => prop_assert!(false, "unexpected error {}", e),
            },
        }
    }

    #[test]
    fn real_powers_of_values_near_one_with_large_exponents_hold_the_true_power(
        digits in 1u64..u64::MAX, half_exponent in 1u64..(1u64 << 24)
    ) {
        // 1 + digits × 10^−28 (to 1 + 1.8e-9), raised to p = half_exponent + 1/2: f64 loses up to
        // 1.1e-16 of x, which p multiplies.
        let x = Decimal::ONE + Decimal::from_i128_with_scale(i128::from(digits), 28);
        let p = half_exponent as f64 + 0.5;
        let r = Interval::point(x).checked_powf(p);
        prop_assert!(overflow_only(&r));
        if let Ok(r) = r {
            prop_assert!(holds_real_power(&r, &Q::of(x), 2 * half_exponent as i64 + 1, 1), "{}^{} not in {}", x, p, r);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The precision of the Decimal CAGR, as documented on `transform::cagr`

/// The documented bound on the relative error of the growth factor g = 1 + CAGR/100 of the
/// `Decimal` path: 6e-15 × |ln g| (the exponent 1/years passes through `f64` and reaches
/// `powd` with 15 to 17 significant digits) plus 1e-26 (Decimal's division and powd).
fn documented_factor_error(g: f64) -> f64 {
    6e-15 * g.ln().abs() + 1e-26
}

/// The Decimal CAGR of `start` → `end` over `years` whole years, from a series.
fn decimal_cagr(start: Decimal, end: Decimal, years: i32) -> Decimal {
    use indstat::{Frequency, Kind, Period, Series, SeriesMeta, transform};
    let mut s = Series::new(SeriesMeta::new(
        "x",
        "亿元".parse().unwrap(),
        Frequency::Annual,
        Kind::Flow,
    ));
    s.insert(Period::year(2000), start).unwrap();
    s.insert(Period::year(2000 + years), end).unwrap();
    transform::cagr(&s, Period::year(2000), Period::year(2000 + years)).unwrap()
}

/// Whether g^n lies within ratio × (1 ± n × rel × 1.01), checked with brackets.
fn factor_within(g: &Q, n: u32, ratio: &Q, rel: f64) -> bool {
    let (g_down, g_up) = bracket(g);
    let (pow_down, pow_up) = (
        g_down.pow(u64::from(n), false),
        g_up.pow(u64::from(n), true),
    );
    // The allowed relative deviation of g^n, as a fraction with a power-of-two denominator.
    let slack = f64::from(n) * rel * 1.01;
    let scale = 1u128 << 100;
    let slack_num = BigInt::from((slack * scale as f64) as u128 + 1);
    let one = Q::int(1);
    let frac = |num: BigInt| Q {
        num,
        den: BigInt::from(scale),
    };
    let low = ratio.mul(&one.add(&frac(-slack_num.clone())));
    let high = ratio.mul(&one.add(&frac(slack_num)));
    let (_, low_up) = bracket(&low);
    let (high_down, _) = bracket(&high);
    low_up.cmp(&pow_down) != Ordering::Greater && pow_up.cmp(&high_down) != Ordering::Greater
}

#[test]
fn the_decimal_cagr_of_nev_output_has_the_documented_precision() {
    // CAAM NEV production, 10 thousand vehicles: 51.7 in 2016, 705.8 in 2022.
    let (start, end) = (d("51.7"), d("705.8"));
    let c = decimal_cagr(start, end, 6);
    let g = Q::int(1).add(&Q::of(c).mul(&Q::of(d("0.01"))));
    let ratio = Q::of(end).div(&Q::of(start));
    let gf = 1.0 + 54.6 / 100.0;
    assert!(
        factor_within(&g, 6, &ratio, documented_factor_error(gf)),
        "{c}"
    );
    // It is not exact to 28 digits: g^6 misses the ratio by more than 1e-20.
    assert!(!factor_within(&g, 6, &ratio, 1e-20 / 6.0), "{c}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_decimal_cagr_has_the_documented_precision(
        start in 1i64..10_000_000_000, end in 1i64..10_000_000_000, scale in 0u32..=4, years in 1i32..=40
    ) {
        let (start, end) = (Decimal::new(start, scale), Decimal::new(end, 2));
        let c = decimal_cagr(start, end, years);
        let g = Q::int(1).add(&Q::of(c).mul(&Q::of(d("0.01"))));
        let ratio = Q::of(end).div(&Q::of(start));
        let gf = 1.0 + rust_decimal::prelude::ToPrimitive::to_f64(&c).unwrap() / 100.0;
        prop_assert!(
            factor_within(&g, years.unsigned_abs(), &ratio, documented_factor_error(gf)),
            "CAGR {} over {} years of {} → {}", c, years, start, end
        );
    }
}
