//! `Decimal` operations rounded outward: each result is the exact one when `Decimal` can hold
//! it, else the nearest `Decimal` beyond it on the side asked for, found by comparing with the
//! exact result ([`Exact`]) and stepping a unit in the last place at a time. Real powers go
//! through `f64` and are widened by a bound on its error. The interval operations in
//! [`super::arithmetic`] are built on these.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

use super::exact::Exact;
use super::{End, Ext, Side};
use crate::error::{Error, Result};

/// How much a real power or logarithm computed in `f64` is widened beyond the `f64` error
/// bounds, relative to its value: a margin for the roundings of the widening itself.
pub(super) const POWF_RELATIVE_WIDENING: f64 = 1e-12;

/// A bound on the relative error of turning a `Decimal` into an `f64` (rust_decimal divides
/// by a power of ten in `f64`, a few roundings of 2^−53 each) and on the relative error of
/// `f64::powf` (correctly rounded or within a few units in the last place on the platforms
/// Rust supports): 2^−50, eight units in the last place.
pub(super) const F64_RELATIVE_ERROR: f64 = 1.0 / 1_125_899_906_842_624.0;

/// The largest |p| for which [`real_power`] bounds x^p: beyond it the error bound of the `f64`
/// path (|p| · 2^−49) is no longer small.
pub(super) const LARGEST_REAL_EXPONENT: f64 = 1e12;

/// How many units in the last place a rounded result may be moved before the search for an
/// outward bound gives up (rust_decimal rounds to within one; this bounds the work).
pub(super) const MOST_STEPS: usize = 8;

/// Half a unit of the `decimals`-th decimal, 5 × 10^−(decimals+1); `None` when that is below
/// Decimal's resolution (decimals ≥ 28).
pub(super) fn half_unit(decimals: i32) -> Result<Option<Decimal>> {
    let exponent = -i64::from(decimals) - 1;
    if exponent < -28 {
        return Ok(None);
    }
    if exponent < 0 {
        // -28 ≤ exponent < 0, so the scale fits.
        return Ok(Some(Decimal::new(5, exponent.unsigned_abs() as u32)));
    }
    // 5 × 10^28 still fits a Decimal (its largest value is about 7.9 × 10^28).
    if exponent > 28 {
        return Err(Error::overflow(format!(
            "half a rounding unit at {decimals} decimals"
        )));
    }
    let mut v = Decimal::new(5, 0);
    for _ in 0..exponent {
        v = v.checked_mul(Decimal::TEN).ok_or_else(|| {
            Error::overflow(format!("half a rounding unit at {decimals} decimals"))
        })?;
    }
    Ok(Some(v))
}

/// An error for a value too wide to check exactly (cannot happen for sums, products and
/// quotients of two `Decimal`s; reported rather than guessed).
pub(super) fn too_wide(what: &str) -> Error {
    Error::overflow(format!("{what}: too wide to check exactly"))
}

/// Moves a value one unit in its last place toward `side` (a unit of the 28th decimal for a
/// zero, whatever its scale).
pub(super) fn step_out(v: Decimal, side: Side) -> Result<Decimal> {
    let ulp = if v.is_zero() {
        Decimal::new(1, 28)
    } else {
        Decimal::new(1, v.scale())
    };
    let r = match side {
        Side::Low => v.checked_sub(ulp),
        Side::High => v.checked_add(ulp),
    };
    r.ok_or_else(|| Error::overflow(format!("moving {v} outward")))
}

/// A `Decimal` on the `side` of a true value, starting from `Decimal`'s rounded result `r`,
/// and whether it equals the true value. `versus_truth` compares a candidate with the true
/// value exactly.
pub(super) fn settle(
    r: Decimal,
    side: Side,
    versus_truth: impl Fn(Decimal) -> Option<Ordering>,
    what: &dyn Fn() -> String,
) -> Result<(Decimal, bool)> {
    let mut candidate = r;
    for _ in 0..=MOST_STEPS {
        let order = versus_truth(candidate).ok_or_else(|| too_wide(&what()))?;
        let outside = match (order, side) {
            (Ordering::Equal, _) => return Ok((candidate, true)),
            (Ordering::Less, Side::Low) | (Ordering::Greater, Side::High) => true,
            _ => false,
        };
        if outside {
            return Ok((candidate, false));
        }
        candidate = step_out(candidate, side)?;
    }
    Err(Error::overflow(format!(
        "{}: no outward bound within {MOST_STEPS} units of {r}",
        what()
    )))
}

// The fast paths below rest on how `Decimal` rounds: it lowers a result's scale below the
// natural one (the larger scale for a sum, the sum of the scales for a product) exactly when it
// has to drop digits. A result at its natural scale is therefore exact and needs no wide
// integers; any other goes through the exact comparison. tests/soundness.rs checks both paths
// against exact fractions.

/// x + y, or the nearest `Decimal` beyond it on `side` when the sum needs more than 28 digits;
/// and whether it is exact.
pub(super) fn sum(x: Decimal, y: Decimal, side: Side) -> Result<(Decimal, bool)> {
    let what = || format!("{x} + {y}");
    let r = x.checked_add(y).ok_or_else(|| Error::overflow(what()))?;
    if r.scale() == x.scale().max(y.scale()) {
        return Ok((r, true));
    }
    let truth = Exact::from_decimal(x)
        .add(&Exact::from_decimal(y))
        .ok_or_else(|| too_wide(&what()))?;
    settle(r, side, |c| Exact::from_decimal(c).compare(&truth), &what)
}

/// x × y as (rounded down, whether exact) and (rounded up, whether exact).
pub(super) fn product(x: Decimal, y: Decimal) -> Result<((Decimal, bool), (Decimal, bool))> {
    let what = || format!("{x} × {y}");
    let r = x.checked_mul(y).ok_or_else(|| Error::overflow(what()))?;
    // A zero factor gives an exact zero, whatever scale Decimal gives it.
    if x.is_zero() || y.is_zero() {
        return Ok(((Decimal::ZERO, true), (Decimal::ZERO, true)));
    }
    if r.scale() == x.scale() + y.scale() {
        return Ok(((r, true), (r, true)));
    }
    let truth = Exact::from_decimal(x)
        .mul(&Exact::from_decimal(y))
        .ok_or_else(|| too_wide(&what()))?;
    let versus_truth = |c: Decimal| Exact::from_decimal(c).compare(&truth);
    Ok((
        settle(r, Side::Low, versus_truth, &what)?,
        settle(r, Side::High, versus_truth, &what)?,
    ))
}

/// x × y rounded toward `side` when inexact; and whether it is exact.
pub(super) fn product_toward(x: Decimal, y: Decimal, side: Side) -> Result<(Decimal, bool)> {
    let (down, up) = product(x, y)?;
    Ok(match side {
        Side::Low => down,
        Side::High => up,
    })
}

/// a ÷ b (b ≠ 0) rounded toward `side` when inexact; and whether it is exact.
pub(super) fn quotient(a: Decimal, b: Decimal, side: Side) -> Result<(Decimal, bool)> {
    let what = || format!("{a} ÷ {b}");
    let q = a.checked_div(b).ok_or_else(|| Error::overflow(what()))?;
    if a.is_zero() {
        return Ok((Decimal::ZERO, true));
    }
    // Multiplying back proves q exact only when that product is itself exact.
    if let Some(back) = q.checked_mul(b) {
        if back.scale() == q.scale() + b.scale() && back == a {
            return Ok((q, true));
        }
    }
    let exact_a = Exact::from_decimal(a);
    let exact_b = Exact::from_decimal(b);
    // c against a/b is c·b against a, the other way round when b is negative.
    let negative = b.is_sign_negative();
    settle(
        q,
        side,
        |c| {
            let order = Exact::from_decimal(c).mul(&exact_b)?.compare(&exact_a)?;
            Some(if negative { order.reverse() } else { order })
        },
        &what,
    )
}

pub(super) fn add_ends(a: End, b: End, side: Side) -> Result<End> {
    match (a.at, b.at) {
        (Ext::Fin(x), Ext::Fin(y)) => {
            let (s, exact) = sum(x, y, side)?;
            Ok(End {
                at: Ext::Fin(s),
                // A bound moved past the true sum is closed: it is not attained, but closing it
                // keeps every value the inputs give.
                closed: (a.closed && b.closed) || !exact,
            })
        }
        _ => Ok(End {
            at: match side {
                Side::Low => Ext::NegInf,
                Side::High => Ext::PosInf,
            },
            closed: false,
        }),
    }
}

/// The product of two ends, as (rounded down, rounded up).
pub(super) fn mul_ends(a: End, b: End) -> Result<(End, End)> {
    let zero_closed = |e: End| e.closed && e.at.sign() == 0;
    let closed = (a.closed && b.closed) || zero_closed(a) || zero_closed(b);
    match (a.at, b.at) {
        (Ext::Fin(x), Ext::Fin(y)) => {
            let ((down, down_exact), (up, up_exact)) = product(x, y)?;
            Ok((
                End {
                    at: Ext::Fin(down),
                    closed: closed || !down_exact,
                },
                End {
                    at: Ext::Fin(up),
                    closed: closed || !up_exact,
                },
            ))
        }
        _ => {
            let s = a.at.sign() * b.at.sign();
            let at = match s {
                0 => Ext::Fin(Decimal::ZERO),
                s if s > 0 => Ext::PosInf,
                _ => Ext::NegInf,
            };
            let e = End {
                at,
                closed: closed && s == 0,
            };
            Ok((e, e))
        }
    }
}

/// v^n (n ≥ 1) rounded toward `side` when inexact, by squaring; and whether it is exact.
pub(super) fn power(v: Decimal, n: u32, side: Side) -> Result<(Decimal, bool)> {
    let negative = v.is_sign_negative() && n % 2 == 1;
    // The magnitude is rounded away from or toward zero so that the signed result moves
    // toward `side`. Products of lower (upper) bounds of non-negative numbers are lower
    // (upper) bounds of their product, so each step may round in the same direction.
    let magnitude_side = if negative { side.other() } else { side };
    let mut square = v.abs();
    if square.is_zero() {
        return Ok((Decimal::ZERO, true));
    }
    let mut acc = Decimal::ONE;
    let mut exact = true;
    let mut rest = n;
    let mut times = |x: Decimal, y: Decimal| -> Result<Decimal> {
        let (p, p_exact) = product_toward(x, y, magnitude_side)
            .map_err(|_| Error::overflow(format!("{v}^{n}")))?;
        exact &= p_exact;
        // A lower bound below zero says nothing a zero does not.
        Ok(p.max(Decimal::ZERO))
    };
    loop {
        if rest % 2 == 1 {
            acc = times(acc, square)?;
        }
        rest /= 2;
        if rest == 0 {
            break;
        }
        square = times(square, square)?;
    }
    Ok((if negative { -acc } else { acc }, exact))
}

/// x^p for x > 0 and a non-integer p, as a `Decimal` on `side` of the true value.
pub(super) fn real_power(x: Decimal, p: f64, side: Side) -> Result<Decimal> {
    let what = || format!("{x}^{p}");
    if p.abs() > LARGEST_REAL_EXPONENT {
        return Err(Error::domain(
            what(),
            "the exponent is too large to bound the power (at most 10^12)",
        ));
    }
    let xf = x
        .to_f64()
        .ok_or_else(|| Error::overflow(format!("{x} as f64")))?;
    let y = xf.powf(p);
    if !y.is_finite() {
        return Err(Error::overflow(what()));
    }
    // x(1+δ)^p = x^p (1+δ)^p, and |ln (1+δ)^p| ≤ 2|p|δ; powf adds one more δ. With e^t ≤ 1+2t
    // for t ≤ 1, a relative error of `rel` each way bounds both.
    let rel =
        2.0 * (2.0 * p.abs() * F64_RELATIVE_ERROR + F64_RELATIVE_ERROR) + POWF_RELATIVE_WIDENING;
    // Below 1e-200 the relative bounds of subnormal f64 fail, but x^p there is far below
    // Decimal's smallest step (1e-28): zero and that step bound it.
    if y < 1e-200 {
        return Ok(match side {
            Side::Low => Decimal::ZERO,
            Side::High => Decimal::new(1, 28),
        });
    }
    let widened = match side {
        Side::Low => y * (1.0 - rel),
        Side::High => y * (1.0 + rel),
    };
    let d = Decimal::from_f64(widened).ok_or_else(|| Error::overflow(what()))?;
    // from_f64 gives the shortest decimal that reads back as the same f64 (within 2^−53
    // relative, inside the margin), cut at 28 decimals (within 5e-29): one unit of the 28th
    // decimal outward covers the cut.
    let unit = Decimal::new(1, 28);
    let (d, _) = match side {
        Side::Low => sum(d, -unit, Side::Low)?,
        Side::High => sum(d, unit, Side::High)?,
    };
    Ok(if side == Side::Low {
        d.max(Decimal::ZERO)
    } else {
        d
    })
}
