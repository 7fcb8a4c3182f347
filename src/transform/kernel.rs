//! Dense `f64` kernels: FRED transformations as tight loops over contiguous values and a
//! validity mask, for bulk work (long series, panels).
//!
//! Each kernel writes into caller-provided buffers (no allocation), reads the value `k`
//! positions back in the *dense* storage — which is the period `k` periods back, because
//! storage has a slot for every period — and marks an output valid only when both inputs are
//! valid, the base is positive where the formula needs it, and the result is finite. Invalid
//! outputs hold `0.0`, never `NaN` or `inf`.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::transform::Transform;

/// Applies `transform` to a dense series: `values[i]` is valid when `mask[i]`; `n` is the
/// number of periods per year. Writes `out` and `out_mask` (same length as `values`).
///
/// # Errors
/// When the four slices differ in length.
///
/// # Example
/// ```
/// use indstat::transform::{fred_dense_into, Transform};
/// let values = [100.0, 110.0, 0.0, 121.0];
/// let mask = [true, true, false, true];
/// let (mut out, mut ok) = ([0.0; 4], [false; 4]);
/// fred_dense_into(Transform::Pch, &values, &mask, 12, &mut out, &mut ok)?;
/// assert_eq!(ok, [false, true, false, false]); // the third is missing, so is the fourth's base
/// approx::assert_relative_eq!(out[1], 10.0, epsilon = 1e-12);
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn fred_dense_into(
    transform: Transform,
    values: &[f64],
    mask: &[bool],
    n: u32,
    out: &mut [f64],
    out_mask: &mut [bool],
) -> Result<()> {
    let k = transform.lag_for(n);
    if !prepare(values, mask, out, out_mask, k, 0.0)? {
        return Ok(());
    }
    let len = values.len();
    let nf = f64::from(n);
    let (x, xm) = (&values[k..], &mask[k..]);
    let (b, bm) = (&values[..len - k], &mask[..len - k]);
    let (o, om) = (&mut out[k..], &mut out_mask[k..]);
    match transform {
        Transform::Lin => run1(x, xm, o, om, |x| x, |_| true),
        Transform::Log => run1(x, xm, o, om, f64::ln, |x| x > 0.0),
        Transform::Chg | Transform::Ch1 => run2(x, xm, b, bm, o, om, |x, b| x - b, |_| true),
        Transform::Pch | Transform::Pc1 => run2(
            x,
            xm,
            b,
            bm,
            o,
            om,
            |x, b| (x / b - 1.0) * 100.0,
            |b| b > 0.0,
        ),
        Transform::Pca => run2(
            x,
            xm,
            b,
            bm,
            o,
            om,
            |x, b| ((x / b).powf(nf) - 1.0) * 100.0,
            |b| b > 0.0,
        ),
        Transform::Cch => run2(
            x,
            xm,
            b,
            bm,
            o,
            om,
            |x, b| (x.ln() - b.ln()) * 100.0,
            |b| b > 0.0,
        ),
        Transform::Cca => run2(
            x,
            xm,
            b,
            bm,
            o,
            om,
            |x, b| (x.ln() - b.ln()) * 100.0 * nf,
            |b| b > 0.0,
        ),
    }
    Ok(())
}

/// [`fred_dense_into`] for exact `Decimal` values: the same checks (both inputs valid, a
/// positive base where the formula needs one) and checked arithmetic, so an overflow is an
/// invalid output, never a panic. Results equal [`Transform::compute`]'s exactly.
///
/// # Errors
/// When the four slices differ in length.
///
/// # Example
/// ```
/// use indstat::transform::{fred_dense_decimal_into, Transform};
/// use rust_decimal::Decimal;
/// let values = [Decimal::from(354), Decimal::from(708)];
/// let (mut out, mut ok) = ([Decimal::ZERO; 2], [false; 2]);
/// fred_dense_decimal_into(Transform::Pch, &values, &[true, true], 1, &mut out, &mut ok)?;
/// assert_eq!((out[1], ok), (Decimal::from(100), [false, true]));
/// # Ok::<(), indstat::Error>(())
/// ```
pub fn fred_dense_decimal_into(
    transform: Transform,
    values: &[Decimal],
    mask: &[bool],
    n: u32,
    out: &mut [Decimal],
    out_mask: &mut [bool],
) -> Result<()> {
    let k = transform.lag_for(n);
    if !prepare(values, mask, out, out_mask, k, Decimal::ZERO)? {
        return Ok(());
    }
    let len = values.len();
    let (x, xm) = (&values[k..], &mask[k..]);
    let (b, bm) = (&values[..len - k], &mask[..len - k]);
    let (o, om) = (&mut out[k..], &mut out_mask[k..]);
    // A cheap sign test: comparing Decimals aligns their scales.
    let positive = |d: Decimal| !d.is_sign_negative() && !d.is_zero();
    match transform {
        Transform::Lin => run2_decimal(x, xm, x, xm, o, om, |x, _| Some(x)),
        Transform::Chg | Transform::Ch1 => {
            run2_decimal(x, xm, b, bm, o, om, |x, b| x.checked_sub(b))
        }
        Transform::Pch | Transform::Pc1 => run2_decimal(x, xm, b, bm, o, om, |x, b| {
            if !positive(b) {
                return None;
            }
            x.checked_div(b)?
                .checked_sub(Decimal::ONE)?
                .checked_mul(Decimal::ONE_HUNDRED)
        }),
        Transform::Log => run2_decimal(x, xm, x, xm, o, om, |x, _| transform.compute(x, x, n).ok()),
        _ => run2_decimal(x, xm, b, bm, o, om, |x, b| transform.compute(x, b, n).ok()),
    }
    Ok(())
}

/// Checks that the four buffers have one length, and marks the first `k` outputs invalid
/// (they have no lagged value). Returns whether any output remains to compute.
fn prepare<T: Copy>(
    values: &[T],
    mask: &[bool],
    out: &mut [T],
    out_mask: &mut [bool],
    k: usize,
    zero: T,
) -> Result<bool> {
    let len = values.len();
    if mask.len() != len || out.len() != len || out_mask.len() != len {
        return Err(Error::invalid(format!(
            "dense kernel buffers differ in length: {} values, {} mask, {} out, {} out mask",
            len,
            mask.len(),
            out.len(),
            out_mask.len()
        )));
    }
    let head = k.min(len);
    out[..head].fill(zero);
    out_mask[..head].fill(false);
    Ok(k < len || k == 0)
}

/// out = f(x, b) where x and its base b are valid and `f` gives a value.
#[inline(always)]
fn run2_decimal(
    x: &[Decimal],
    xm: &[bool],
    b: &[Decimal],
    bm: &[bool],
    out: &mut [Decimal],
    om: &mut [bool],
    f: impl Fn(Decimal, Decimal) -> Option<Decimal>,
) {
    for (((o, m), (x, b)), (xv, bv)) in out
        .iter_mut()
        .zip(om.iter_mut())
        .zip(x.iter().zip(b))
        .zip(xm.iter().zip(bm))
    {
        let r = if *xv & *bv { f(*x, *b) } else { None };
        *m = r.is_some();
        *o = r.unwrap_or(Decimal::ZERO);
    }
}

/// out = f(x) where x is valid and `domain(x)` holds.
#[inline(always)]
fn run1(
    x: &[f64],
    xm: &[bool],
    out: &mut [f64],
    om: &mut [bool],
    f: impl Fn(f64) -> f64,
    domain: impl Fn(f64) -> bool,
) {
    for (((o, m), &x), &valid) in out.iter_mut().zip(om.iter_mut()).zip(x).zip(xm) {
        let r = f(x);
        let ok = valid & x.is_finite() & domain(x) & r.is_finite();
        *o = if ok { r } else { 0.0 };
        *m = ok;
    }
}

/// out = f(x, b) where x and its base b are valid and `domain(b)` holds.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn run2(
    x: &[f64],
    xm: &[bool],
    b: &[f64],
    bm: &[bool],
    out: &mut [f64],
    om: &mut [bool],
    f: impl Fn(f64, f64) -> f64,
    domain: impl Fn(f64) -> bool,
) {
    let n = out
        .len()
        .min(x.len())
        .min(b.len())
        .min(xm.len())
        .min(bm.len())
        .min(om.len());
    let (x, xm, b, bm) = (&x[..n], &xm[..n], &b[..n], &bm[..n]);
    let (out, om) = (&mut out[..n], &mut om[..n]);
    for i in 0..n {
        let r = f(x[i], b[i]);
        let ok = xm[i] & bm[i] & x[i].is_finite() & b[i].is_finite() & domain(b[i]) & r.is_finite();
        out[i] = if ok { r } else { 0.0 };
        om[i] = ok;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transform::Value;

    #[test]
    fn every_transform_matches_the_scalar_definition() {
        let values: Vec<f64> = (0..40)
            .map(|i| 50.0 + (i as f64 * 1.7).sin() * 20.0)
            .collect();
        let mut mask = vec![true; 40];
        mask[17] = false;
        for t in Transform::ALL {
            let (mut out, mut ok) = (vec![0.0; 40], vec![false; 40]);
            fred_dense_into(t, &values, &mask, 12, &mut out, &mut ok).unwrap();
            let k = t.lag_for(12);
            for i in 0..40 {
                let expected = if mask[i] && i >= k && mask[i - k] {
                    t.compute(values[i], values[i - k], 12).ok()
                } else {
                    None
                };
                match expected {
                    Some(e) => {
                        assert!(ok[i], "{t} {i}");
                        approx::assert_relative_eq!(
                            out[i],
                            e,
                            epsilon = 1e-12,
                            max_relative = 1e-12
                        );
                    }
                    None => assert!(!ok[i] && out[i] == 0.0, "{t} {i}"),
                }
            }
        }
        // The scalar path agrees on a positive base.
        assert_eq!(
            Value::growth_over(110.0f64, 100.0).map(|g| (g * 1e9).round()),
            Ok(1e10)
        );
    }

    #[test]
    fn the_decimal_kernel_equals_the_scalar_definition_exactly() {
        let values: Vec<Decimal> = (0..40)
            .map(|i| Decimal::new(500 + (i * 37 % 113) - 56, 1))
            .collect();
        let mut mask = vec![true; 40];
        mask[17] = false;
        for t in Transform::ALL {
            let (mut out, mut ok) = (vec![Decimal::ONE; 40], vec![true; 40]);
            fred_dense_decimal_into(t, &values, &mask, 12, &mut out, &mut ok).unwrap();
            let k = t.lag_for(12);
            for i in 0..40 {
                let expected = (mask[i] && i >= k && mask[i - k])
                    .then(|| t.compute(values[i], values[i - k], 12).ok())
                    .flatten();
                assert_eq!(ok[i].then_some(out[i]), expected, "{t} {i}");
            }
        }
    }

    #[test]
    fn non_positive_bases_and_mismatched_buffers() {
        let values = [0.0, -1.0, 5.0, 5.0];
        let (mut out, mut ok) = ([1.0; 4], [true; 4]);
        fred_dense_into(Transform::Pch, &values, &[true; 4], 1, &mut out, &mut ok).unwrap();
        assert_eq!(ok, [false, false, false, true]);
        assert!(out.iter().all(|v| v.is_finite()));
        assert!(
            fred_dense_into(Transform::Pch, &values, &[true; 3], 1, &mut out, &mut ok).is_err()
        );
    }
}
