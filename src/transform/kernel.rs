//! Dense kernels: FRED transformations as tight loops over contiguous values and a validity
//! mask, for bulk work (long series, panels).
//!
//! One generic loop runs every value type; it calls the formulas of
//! [`formula`](crate::transform::formula) (the same ones [`Transform::compute`] uses), and is
//! monomorphised per value type and per transformation, so each `f64` or `Decimal` loop is
//! straight-line arithmetic. Each kernel writes into caller-provided buffers (no allocation),
//! reads the value `k` positions back in the *dense* storage — which is the period `k` periods
//! back, because storage has a slot for every period — and marks an output valid only when
//! both inputs are valid and the formula gives a value (a positive base where it needs one, a
//! finite result). Invalid outputs hold zero, never `NaN` or `inf`.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::transform::{Fault, Transform, Value, formula};

/// Applies `transform` to a dense series: `values[i]` is valid when `mask[i]`; `n` is the
/// number of periods per year. Writes `out` and `out_mask` (same length as `values`).
/// Results equal [`Transform::compute`]'s.
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
    dense(transform, values, mask, n, out, out_mask)
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
    dense(transform, values, mask, n, out, out_mask)
}

/// The one dense kernel, for any value type: a loop per transformation, each calling its
/// formula.
pub(crate) fn dense<V: Value>(
    transform: Transform,
    values: &[V],
    mask: &[bool],
    n: u32,
    out: &mut [V],
    out_mask: &mut [bool],
) -> Result<()> {
    let k = transform.lag_for(n);
    if !prepare(values, mask, out, out_mask, k)? {
        return Ok(());
    }
    let len = values.len();
    let (x, xm) = (&values[k..], &mask[k..]);
    let (b, bm) = (&values[..len - k], &mask[..len - k]);
    let (o, om) = (&mut out[k..], &mut out_mask[k..]);
    match transform {
        Transform::Lin => run(x, xm, b, bm, o, om, |x, _| formula::level(x)),
        Transform::Chg | Transform::Ch1 => run(x, xm, b, bm, o, om, formula::change),
        Transform::Pch | Transform::Pc1 => run(x, xm, b, bm, o, om, formula::percent_change),
        Transform::Pca => run(x, xm, b, bm, o, om, |x, b| {
            formula::compounded_annual(x, b, n)
        }),
        Transform::Cch => run(x, xm, b, bm, o, om, formula::continuous),
        Transform::Cca => run(x, xm, b, bm, o, om, |x, b| {
            formula::continuous_annual(x, b, n)
        }),
        Transform::Log => run(x, xm, b, bm, o, om, |x, _| formula::log(x)),
    }
    Ok(())
}

/// Checks that the four buffers have one length, and marks the first `k` outputs invalid
/// (they have no lagged value). Returns whether any output remains to compute.
fn prepare<V: Value>(
    values: &[V],
    mask: &[bool],
    out: &mut [V],
    out_mask: &mut [bool],
    k: usize,
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
    out[..head].fill(V::gap_filler());
    out_mask[..head].fill(false);
    Ok(k < len || k == 0)
}

/// out = f(x, b) where x and its base b are valid and `f` gives a value; zero elsewhere.
/// (For `lin` and `log`, `b` is `x` itself.)
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn run<V: Value>(
    x: &[V],
    xm: &[bool],
    b: &[V],
    bm: &[bool],
    out: &mut [V],
    om: &mut [bool],
    f: impl Fn(V, V) -> std::result::Result<V, Fault>,
) {
    // One length for all six, so the loop has no bounds checks.
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
        let r = if xm[i] & bm[i] {
            f(x[i], b[i]).ok()
        } else {
            None
        };
        om[i] = r.is_some();
        out[i] = r.unwrap_or_else(V::gap_filler);
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
    fn the_interval_path_runs_the_same_kernel_and_formulas() {
        use crate::interval::Interval;
        let values: Vec<Interval> = (0..30)
            .map(|i| Interval::point(Decimal::new(500 + (i * 37 % 113) - 56, 1)))
            .collect();
        let mut mask = vec![true; 30];
        mask[5] = false;
        for t in Transform::ALL {
            let (mut out, mut ok) = (vec![Interval::point(Decimal::ZERO); 30], vec![true; 30]);
            dense(t, &values, &mask, 4, &mut out, &mut ok).unwrap();
            let k = t.lag_for(4);
            for i in 0..30 {
                let expected = (mask[i] && i >= k && mask[i - k])
                    .then(|| t.compute(values[i], values[i - k], 4).ok())
                    .flatten();
                assert_eq!(ok[i].then_some(out[i]), expected, "{t} {i}");
            }
        }
    }

    #[test]
    fn a_level_that_is_not_a_number_is_refused_on_every_path() {
        // The old scalar `lin` passed NaN through while the f64 kernel refused it.
        assert_eq!(
            Transform::Lin.compute(f64::NAN, 0.0, 12),
            Err(crate::transform::Fault::Overflow)
        );
        let (mut out, mut ok) = ([1.0; 2], [true; 2]);
        fred_dense_into(
            Transform::Lin,
            &[f64::NAN, 2.0],
            &[true; 2],
            12,
            &mut out,
            &mut ok,
        )
        .unwrap();
        assert_eq!((out, ok), ([0.0, 2.0], [false, true]));
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
