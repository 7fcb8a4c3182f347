//! FRED's formulas, each written once over [`Value`]: the scalar [`Transform::compute`], the
//! generic series path and the dense `f64` and `Decimal` kernels all call these, so a fix
//! lands in one place. They are `#[inline(always)]` so that each kernel loop, monomorphised
//! per value type and per transformation, compiles to straight-line arithmetic.
//!
//! [`Transform::compute`]: crate::transform::Transform::compute

use crate::transform::{Fault, Value};

/// `lin`: x_t (refused only when it is not a number, as an `f64` NaN or infinity).
#[inline(always)]
pub(crate) fn level<V: Value>(x: V) -> Result<V, Fault> {
    x.try_finite()
}

/// `chg`, `ch1`: x_t − x_{t−k}.
#[inline(always)]
pub(crate) fn change<V: Value>(x: V, lagged: V) -> Result<V, Fault> {
    x.try_sub(lagged)
}

/// `pch`, `pc1`: (x_t / x_{t−k} − 1) · 100, on a positive base.
#[inline(always)]
pub(crate) fn percent_change<V: Value>(x: V, lagged: V) -> Result<V, Fault> {
    x.growth_over(lagged)
}

/// `pca`: ((x_t / x_{t−1})^n − 1) · 100, on a positive base.
#[inline(always)]
pub(crate) fn compounded_annual<V: Value>(x: V, lagged: V, n: u32) -> Result<V, Fault> {
    if !lagged.is_positive() {
        return Err(Fault::NonPositive);
    }
    let n = i32::try_from(n).map_err(|_| Fault::Overflow)?;
    x.try_div(lagged)?
        .try_powi(n)?
        .try_sub(V::from_i32(1))?
        .try_mul(V::from_i32(100))
}

/// `cch`: (ln x_t − ln x_{t−1}) · 100, on a positive base.
#[inline(always)]
pub(crate) fn continuous<V: Value>(x: V, lagged: V) -> Result<V, Fault> {
    if !lagged.is_positive() {
        return Err(Fault::NonPositive);
    }
    x.try_ln()?
        .try_sub(lagged.try_ln()?)?
        .try_mul(V::from_i32(100))
}

/// `cca`: `cch` · n.
#[inline(always)]
pub(crate) fn continuous_annual<V: Value>(x: V, lagged: V, n: u32) -> Result<V, Fault> {
    let n = i32::try_from(n).map_err(|_| Fault::Overflow)?;
    continuous(x, lagged)?.try_mul(V::from_i32(n))
}

/// `log`: ln x_t, for a positive value.
#[inline(always)]
pub(crate) fn log<V: Value>(x: V) -> Result<V, Fault> {
    x.try_ln()
}
