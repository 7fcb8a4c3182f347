//! The exact value of a sum or product of `Decimal`s, so that a result `Decimal` arithmetic
//! rounded can be told apart from an exact one, and compared with the truth.
//!
//! `Decimal` keeps 96 bits of mantissa and at most 28 decimals; a sum or product that needs
//! more is rounded without notice. Here a value is a sign, an integer magnitude of up to 384
//! bits and a decimal scale: wide enough for the product of two `Decimal`s (192 bits at scale
//! 56) and for any such value brought to the scale of another (at most 10^56 × 2^192 < 2^384).
//! Anything wider is reported as `None` and the caller gives up with an error, never a guess.

use std::cmp::Ordering;

use rust_decimal::Decimal;

/// Little-endian 64-bit limbs.
const LIMBS: usize = 6;

/// An unsigned integer of up to 384 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Wide([u64; LIMBS]);

impl Wide {
    fn from_u128(v: u128) -> Wide {
        let mut limbs = [0; LIMBS];
        limbs[0] = v as u64;
        limbs[1] = (v >> 64) as u64;
        Wide(limbs)
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }

    fn checked_mul(&self, other: &Wide) -> Option<Wide> {
        let mut out = [0u64; 2 * LIMBS];
        for (i, &a) in self.0.iter().enumerate() {
            // Most limbs of a Decimal's magnitude are zero: skipping them is most of the speed.
            if a == 0 {
                continue;
            }
            let mut carry: u128 = 0;
            for (j, &b) in other.0.iter().enumerate() {
                let t = u128::from(a) * u128::from(b) + u128::from(out[i + j]) + carry;
                out[i + j] = t as u64;
                carry = t >> 64;
            }
            out[i + LIMBS] = carry as u64;
        }
        let (low, high) = out.split_at(LIMBS);
        if high.iter().any(|&l| l != 0) {
            return None;
        }
        let mut limbs = [0; LIMBS];
        limbs.copy_from_slice(low);
        Some(Wide(limbs))
    }

    fn checked_mul_small(&self, k: u64) -> Option<Wide> {
        let mut limbs = [0; LIMBS];
        let mut carry: u128 = 0;
        for (out, &a) in limbs.iter_mut().zip(self.0.iter()) {
            let t = u128::from(a) * u128::from(k) + carry;
            *out = t as u64;
            carry = t >> 64;
        }
        (carry == 0).then_some(Wide(limbs))
    }

    fn checked_add(&self, other: &Wide) -> Option<Wide> {
        let mut limbs = [0; LIMBS];
        let mut carry = false;
        for ((out, &a), &b) in limbs.iter_mut().zip(self.0.iter()).zip(other.0.iter()) {
            let (s, c1) = a.overflowing_add(b);
            let (s, c2) = s.overflowing_add(u64::from(carry));
            *out = s;
            carry = c1 || c2;
        }
        (!carry).then_some(Wide(limbs))
    }

    /// self − other, for self ≥ other.
    fn sub_smaller(&self, other: &Wide) -> Wide {
        let mut limbs = [0; LIMBS];
        let mut borrow = false;
        for ((out, &a), &b) in limbs.iter_mut().zip(self.0.iter()).zip(other.0.iter()) {
            let (d, b1) = a.overflowing_sub(b);
            let (d, b2) = d.overflowing_sub(u64::from(borrow));
            *out = d;
            borrow = b1 || b2;
        }
        Wide(limbs)
    }

    fn cmp_magnitude(&self, other: &Wide) -> Ordering {
        // Most significant limb first.
        self.0.iter().rev().cmp(other.0.iter().rev())
    }

    /// self × 10^k.
    fn checked_mul_pow10(&self, mut k: u32) -> Option<Wide> {
        const TEN_19: u64 = 10_000_000_000_000_000_000;
        let mut v = *self;
        while k >= 19 {
            v = v.checked_mul_small(TEN_19)?;
            k -= 19;
        }
        v.checked_mul_small(10u64.pow(k))
    }
}

/// An exact decimal: (−1)^negative × magnitude × 10^−scale. Zero is never negative.
#[derive(Debug, Clone, Copy)]
pub(super) struct Exact {
    negative: bool,
    magnitude: Wide,
    scale: u32,
}

impl Exact {
    pub(super) fn from_decimal(d: Decimal) -> Exact {
        Exact {
            negative: d.is_sign_negative() && !d.is_zero(),
            magnitude: Wide::from_u128(d.mantissa().unsigned_abs()),
            scale: d.scale(),
        }
    }

    /// The exact product.
    pub(super) fn mul(&self, other: &Exact) -> Option<Exact> {
        let magnitude = self.magnitude.checked_mul(&other.magnitude)?;
        Some(Exact {
            negative: (self.negative != other.negative) && !magnitude.is_zero(),
            magnitude,
            scale: self.scale.checked_add(other.scale)?,
        })
    }

    /// The exact sum.
    pub(super) fn add(&self, other: &Exact) -> Option<Exact> {
        let scale = self.scale.max(other.scale);
        let a = self.magnitude.checked_mul_pow10(scale - self.scale)?;
        let b = other.magnitude.checked_mul_pow10(scale - other.scale)?;
        if self.negative == other.negative {
            let magnitude = a.checked_add(&b)?;
            return Some(Exact {
                negative: self.negative && !magnitude.is_zero(),
                magnitude,
                scale,
            });
        }
        // Opposite signs: the larger magnitude gives the sign.
        let (magnitude, negative) = match a.cmp_magnitude(&b) {
            Ordering::Less => (b.sub_smaller(&a), other.negative),
            _ => (a.sub_smaller(&b), self.negative),
        };
        Some(Exact {
            negative: negative && !magnitude.is_zero(),
            magnitude,
            scale,
        })
    }

    /// How `self` compares with `other`, exactly.
    pub(super) fn compare(&self, other: &Exact) -> Option<Ordering> {
        let scale = self.scale.max(other.scale);
        let a = self.magnitude.checked_mul_pow10(scale - self.scale)?;
        let b = other.magnitude.checked_mul_pow10(scale - other.scale)?;
        Some(match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => a.cmp_magnitude(&b),
            (true, true) => b.cmp_magnitude(&a),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn e(s: &str) -> Exact {
        Exact::from_decimal(d(s))
    }

    #[test]
    fn a_sum_decimal_rounds_is_seen_as_different() {
        // 1e27 + 0.01 needs 30 significant digits; Decimal keeps 28 and drops the 0.01.
        let rounded = d("1000000000000000000000000000") + d("0.01");
        let truth = e("1000000000000000000000000000").add(&e("0.01")).unwrap();
        assert_eq!(
            Exact::from_decimal(rounded).compare(&truth),
            Some(Ordering::Less)
        );
    }

    #[test]
    fn signs_and_scales_compare_by_value() {
        let minus_half = e("-0.5");
        assert_eq!(minus_half.compare(&e("-0.50000")), Some(Ordering::Equal));
        assert_eq!(minus_half.compare(&e("-0.4")), Some(Ordering::Less));
        assert_eq!(minus_half.compare(&e("0")), Some(Ordering::Less));
        assert_eq!(e("0").compare(&e("-0")), Some(Ordering::Equal));
        let sum = e("-0.5").add(&e("0.5")).unwrap();
        assert_eq!(sum.compare(&e("0")), Some(Ordering::Equal));
    }

    #[test]
    fn the_widest_products_fit() {
        let max = Exact::from_decimal(Decimal::MAX);
        let tiny = e("0.0000000000000000000000000001");
        let p = max
            .mul(&max)
            .unwrap()
            .mul(&tiny)
            .unwrap()
            .mul(&tiny)
            .unwrap();
        // (2^96 − 1)^2 at scale 56 against a value at scale 0: 10^56 × 2^192 < 2^384.
        assert_eq!(p.compare(&max), Some(Ordering::Less));
        assert_eq!(p.compare(&e("0")), Some(Ordering::Greater));
        // (2^96 − 1)^2 at scale 0 against a value at scale 56: 10^56 × 2^192 < 2^384.
        let square = max.mul(&max).unwrap();
        let tiniest = tiny.mul(&tiny).unwrap();
        assert_eq!(square.compare(&tiniest), Some(Ordering::Greater));
        assert_eq!(tiniest.compare(&square), Some(Ordering::Less));
    }
}
