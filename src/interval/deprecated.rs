//! The names the interval operations had before they were named `checked_*`, kept for one
//! release.

use rust_decimal::Decimal;

use super::Interval;
use crate::error::Result;

/// The names these operations had before they were named `checked_*` (as in std and jiff)
/// for fallible arithmetic. Kept for one release.
impl Interval {
    /// Deprecated: use [`Interval::checked_add`].
    ///
    /// # Errors
    /// As [`Interval::checked_add`].
    ///
    /// # Example
    /// ```
    /// # #![allow(deprecated)]
    /// use indstat::Interval;
    /// let (a, b) = (Interval::closed(1.into(), 2.into())?, Interval::closed(3.into(), 4.into())?);
    /// # let _ = &b;
    /// assert_eq!(a.add(&b)?, a.checked_add(&b)?);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    #[deprecated(since = "0.2.0", note = "use `checked_add`")]
    pub fn add(&self, other: &Interval) -> Result<Interval> {
        self.checked_add(other)
    }

    /// Deprecated: use [`Interval::checked_sub`].
    ///
    /// # Errors
    /// As [`Interval::checked_sub`].
    ///
    /// # Example
    /// ```
    /// # #![allow(deprecated)]
    /// use indstat::Interval;
    /// let (a, b) = (Interval::closed(1.into(), 2.into())?, Interval::closed(3.into(), 4.into())?);
    /// # let _ = &b;
    /// assert_eq!(a.sub(&b)?, a.checked_sub(&b)?);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    #[deprecated(since = "0.2.0", note = "use `checked_sub`")]
    pub fn sub(&self, other: &Interval) -> Result<Interval> {
        self.checked_sub(other)
    }

    /// Deprecated: use [`Interval::checked_mul`].
    ///
    /// # Errors
    /// As [`Interval::checked_mul`].
    ///
    /// # Example
    /// ```
    /// # #![allow(deprecated)]
    /// use indstat::Interval;
    /// let (a, b) = (Interval::closed(1.into(), 2.into())?, Interval::closed(3.into(), 4.into())?);
    /// # let _ = &b;
    /// assert_eq!(a.mul(&b)?, a.checked_mul(&b)?);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    #[deprecated(since = "0.2.0", note = "use `checked_mul`")]
    pub fn mul(&self, other: &Interval) -> Result<Interval> {
        self.checked_mul(other)
    }

    /// Deprecated: use [`Interval::checked_recip`].
    ///
    /// # Errors
    /// As [`Interval::checked_recip`].
    ///
    /// # Example
    /// ```
    /// # #![allow(deprecated)]
    /// use indstat::Interval;
    /// let (a, b) = (Interval::closed(1.into(), 2.into())?, Interval::closed(3.into(), 4.into())?);
    /// # let _ = &b;
    /// assert_eq!(a.recip()?, a.checked_recip()?);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    #[deprecated(since = "0.2.0", note = "use `checked_recip`")]
    pub fn recip(&self) -> Result<Interval> {
        self.checked_recip()
    }

    /// Deprecated: use [`Interval::checked_div`].
    ///
    /// # Errors
    /// As [`Interval::checked_div`].
    ///
    /// # Example
    /// ```
    /// # #![allow(deprecated)]
    /// use indstat::Interval;
    /// let (a, b) = (Interval::closed(1.into(), 2.into())?, Interval::closed(3.into(), 4.into())?);
    /// # let _ = &b;
    /// assert_eq!(a.div(&b)?, a.checked_div(&b)?);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    #[deprecated(since = "0.2.0", note = "use `checked_div`")]
    pub fn div(&self, other: &Interval) -> Result<Interval> {
        self.checked_div(other)
    }

    /// Deprecated: use [`Interval::checked_powi`].
    ///
    /// # Errors
    /// As [`Interval::checked_powi`].
    ///
    /// # Example
    /// ```
    /// # #![allow(deprecated)]
    /// use indstat::Interval;
    /// let (a, b) = (Interval::closed(1.into(), 2.into())?, Interval::closed(3.into(), 4.into())?);
    /// # let _ = &b;
    /// assert_eq!(a.powi(2)?, a.checked_powi(2)?);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    #[deprecated(since = "0.2.0", note = "use `checked_powi`")]
    pub fn powi(&self, n: i32) -> Result<Interval> {
        self.checked_powi(n)
    }

    /// Deprecated: use [`Interval::checked_powf`].
    ///
    /// # Errors
    /// As [`Interval::checked_powf`].
    ///
    /// # Example
    /// ```
    /// # #![allow(deprecated)]
    /// use indstat::Interval;
    /// let (a, b) = (Interval::closed(1.into(), 2.into())?, Interval::closed(3.into(), 4.into())?);
    /// # let _ = &b;
    /// assert_eq!(a.powf(0.5)?, a.checked_powf(0.5)?);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    #[deprecated(since = "0.2.0", note = "use `checked_powf`")]
    pub fn powf(&self, p: f64) -> Result<Interval> {
        self.checked_powf(p)
    }

    /// Deprecated: use [`Interval::checked_ln`].
    ///
    /// # Errors
    /// As [`Interval::checked_ln`].
    ///
    /// # Example
    /// ```
    /// # #![allow(deprecated)]
    /// use indstat::Interval;
    /// let (a, b) = (Interval::closed(1.into(), 2.into())?, Interval::closed(3.into(), 4.into())?);
    /// # let _ = &b;
    /// assert_eq!(a.ln()?, a.checked_ln()?);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    #[deprecated(since = "0.2.0", note = "use `checked_ln`")]
    pub fn ln(&self) -> Result<Interval> {
        self.checked_ln()
    }

    /// Deprecated: use [`Interval::checked_scale`].
    ///
    /// # Errors
    /// As [`Interval::checked_scale`].
    ///
    /// # Example
    /// ```
    /// # #![allow(deprecated)]
    /// use indstat::Interval;
    /// let (a, b) = (Interval::closed(1.into(), 2.into())?, Interval::closed(3.into(), 4.into())?);
    /// # let _ = &b;
    /// assert_eq!(a.scale(2.into())?, a.checked_scale(2.into())?);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    #[deprecated(since = "0.2.0", note = "use `checked_scale`")]
    pub fn scale(&self, k: Decimal) -> Result<Interval> {
        self.checked_scale(k)
    }

    /// Deprecated: use [`Interval::checked_shift`].
    ///
    /// # Errors
    /// As [`Interval::checked_shift`].
    ///
    /// # Example
    /// ```
    /// # #![allow(deprecated)]
    /// use indstat::Interval;
    /// let (a, b) = (Interval::closed(1.into(), 2.into())?, Interval::closed(3.into(), 4.into())?);
    /// # let _ = &b;
    /// assert_eq!(a.shift(2.into())?, a.checked_shift(2.into())?);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    #[deprecated(since = "0.2.0", note = "use `checked_shift`")]
    pub fn shift(&self, k: Decimal) -> Result<Interval> {
        self.checked_shift(k)
    }
}
