//! Numbers as officials write them, read exactly: Arabic digits with thousands separators
//! (`1,300`, `-4.0`), Chinese numerals (`一千二百万`, `十四`, `两万`) and mixed forms (`1.2万亿`,
//! `12亿5千万`), with the scale characters 十百千万亿 that follow or interleave the digits.

use rust_decimal::Decimal;

use crate::unit::{Scale, chinese_scale_exponent, pow10, starts_prefixed_unit};

/// A number read at the start of a text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Numeral {
    /// The number at `scale`, with the decimals its writing implies.
    pub value: Decimal,
    /// The power of ten the number is written in (4 for `705.8万`, 8 for `12亿5千万`).
    pub scale: u32,
    /// `700多万`, `10余万`: "more than", written inside the number.
    pub more_than: bool,
    /// No digit was written: `万亿` in `破万亿` stands for 1万亿.
    pub implied_one: bool,
    /// Bytes read.
    pub len: usize,
}

#[derive(Debug, Clone, Copy)]
enum Token {
    Arabic(Decimal),
    Digit(u32),
    Scale(u32),
}

/// The value of a Chinese digit character.
fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Reads the number at the start of `text`: `Ok(None)` when none starts there, an error (the
/// reason) when one starts but is malformed.
pub(super) fn read(text: &str) -> Result<Option<Numeral>, String> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut pos = 0;
    let mut more_than = false;
    loop {
        let rest = &text[pos..];
        let after_scale = matches!(tokens.last(), None | Some(Token::Scale(_)));
        if after_scale {
            if let Some((value, len)) = arabic(rest, tokens.is_empty())? {
                tokens.push(Token::Arabic(value));
                pos += len;
                continue;
            }
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        if let Some(d) = chinese_digit(c) {
            if matches!(tokens.last(), Some(Token::Arabic(_))) {
                break;
            }
            tokens.push(Token::Digit(d));
        } else if let Some(e) = chinese_scale_exponent(c) {
            if starts_prefixed_unit(rest) {
                break;
            }
            tokens.push(Token::Scale(e));
        } else if (c == '多' || c == '余')
            && !more_than
            && !tokens.is_empty()
            && rest[c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|n| chinese_scale_exponent(n).is_some())
            && !starts_prefixed_unit(&rest[c.len_utf8()..])
        {
            // "700多万": the marker sits between the digits and the scale.
            more_than = true;
        } else {
            break;
        }
        pos += c.len_utf8();
    }
    if tokens.is_empty() {
        return Ok(None);
    }
    let written = &text[..pos];
    let has_digit = tokens
        .iter()
        .any(|t| matches!(t, Token::Arabic(_) | Token::Digit(_)));
    let implied_one = !has_digit && !matches!(tokens.first(), Some(Token::Scale(1)));
    let (value, scale) = match simple(&tokens) {
        Some(simple) => simple,
        None => compound(&tokens)
            .ok_or_else(|| format!("`{written}` is too large for a Decimal (28 digits at most)"))?,
    };
    if scale > Scale::MAX_EXPONENT {
        return Err(format!(
            "the scale of `{written}` is 1e{scale}, above 1e{}",
            Scale::MAX_EXPONENT
        ));
    }
    Ok(Some(Numeral {
        value,
        scale,
        more_than,
        implied_one,
        len: pos,
    }))
}

/// A number followed by a run of scale characters (`705.8万`, `1.2万亿`, `5千万`, `两万`): the
/// number keeps its written digits and the run multiplies into the scale, so the precision is
/// the last written digit. Chinese digits take this form only before a scale of a thousand or
/// more (二十 is 20, not 2 tens).
fn simple(tokens: &[Token]) -> Option<(Decimal, u32)> {
    let (first, run) = tokens.split_first()?;
    if !run.iter().all(|t| matches!(t, Token::Scale(_))) {
        return None;
    }
    let exponent: u32 = run
        .iter()
        .map(|t| match t {
            Token::Scale(e) => *e,
            _ => 0,
        })
        .sum();
    match *first {
        Token::Arabic(v) => Some((v, exponent)),
        Token::Digit(d) if exponent >= 3 => Some((Decimal::from(d), exponent)),
        _ => None,
    }
}

/// Any other combination (`一千二百万`, `十四`, `12亿5千万`, `万亿`), summed exactly and written
/// in the largest of 万, 亿 and 万亿 it uses: 12亿5千万 is 12.5亿, 一千二百万 is 1200万.
fn compound(tokens: &[Token]) -> Option<(Decimal, u32)> {
    let mut total = Decimal::ZERO;
    let mut section = Decimal::ZERO;
    let mut number: Option<Decimal> = None;
    let mut previous: Option<Token> = None;
    let (mut wan, mut yi, mut wan_yi) = (false, false, false);
    for &token in tokens {
        match token {
            Token::Arabic(v) => number = Some(v),
            Token::Digit(d) => {
                let d = Decimal::from(d);
                number = Some(match (previous, number) {
                    // A run of digits (二〇二二) reads positionally.
                    (Some(Token::Digit(_)), Some(n)) => {
                        n.checked_mul(Decimal::TEN)?.checked_add(d)?
                    }
                    _ => d,
                });
            }
            Token::Scale(e) if e <= 3 => {
                let n = number.take().unwrap_or(Decimal::ONE);
                section = section.checked_add(n.checked_mul(pow10(e as i32))?)?;
            }
            Token::Scale(e) => {
                let implied = if section.is_zero() && (e == 4 || total.is_zero()) {
                    Decimal::ONE
                } else {
                    Decimal::ZERO
                };
                let n = number.take().unwrap_or(implied);
                let group = section.checked_add(n)?.checked_mul(pow10(e as i32))?;
                if e == 4 {
                    section = group;
                    wan = true;
                } else {
                    total = total.checked_add(group)?;
                    section = Decimal::ZERO;
                    yi = true;
                    wan_yi |= matches!(previous, Some(Token::Scale(4)));
                }
            }
        }
        previous = Some(token);
    }
    let whole = total
        .checked_add(section)?
        .checked_add(number.unwrap_or(Decimal::ZERO))?;
    let scale = if wan_yi {
        12
    } else if yi {
        8
    } else if wan {
        4
    } else {
        0
    };
    let value = whole.checked_div(pow10(scale as i32))?.normalize();
    Some((value, scale))
}

/// Reads Arabic digits at the start of `text`: an optional sign (when `signed`), digits with
/// optional thousands separators (a first group of one to three digits, then groups of exactly
/// three) and decimals. Returns the value as written and the bytes read.
fn arabic(text: &str, signed: bool) -> Result<Option<(Decimal, usize)>, String> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut digits = String::new();
    if signed && matches!(bytes.first(), Some(b'+' | b'-')) {
        if bytes.get(1).is_some_and(u8::is_ascii_digit) {
            if bytes[0] == b'-' {
                digits.push('-');
            }
            i = 1;
        } else {
            return Ok(None);
        }
    }
    if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
        return Ok(None);
    }
    let mut group = 0usize; // digits in the current group
    let mut separated = false;
    while i < bytes.len() {
        match bytes[i] {
            b'0'..=b'9' => {
                digits.push(char::from(bytes[i]));
                group += 1;
            }
            b',' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                let first = !separated;
                if (first && group > 3) || (!first && group != 3) {
                    return Err(thousands_error(text, i));
                }
                separated = true;
                group = 0;
            }
            _ => break,
        }
        i += 1;
    }
    if separated && group != 3 {
        return Err(thousands_error(text, i));
    }
    if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        digits.push('.');
        i += 1;
        while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
            digits.push(char::from(b));
            i += 1;
        }
    }
    let value = Decimal::from_str_exact(&digits).map_err(|_| {
        format!(
            "`{}` has more digits than a Decimal holds (28 significant digits)",
            &text[..i]
        )
    })?;
    Ok(Some((value, i)))
}

fn thousands_error(text: &str, end: usize) -> String {
    let end = text[end..]
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .map_or(text.len(), |n| end + n);
    format!(
        "`{}`: thousands separators must split the digits into groups of three (1,234,567)",
        &text[..end]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_ok(s: &str) -> (String, u32) {
        let n = read(s).unwrap().unwrap();
        (n.value.to_string(), n.scale)
    }

    #[test]
    fn chinese_numerals_read_exactly() {
        // Expected values by hand: 一千二百万 = 1,200 × 10^4; 十四 = 10 + 4; 两万 = 2 × 10^4;
        // 12亿5千万 = 12 × 10^8 + 5 × 10^7 = 12.5 × 10^8.
        assert_eq!(read_ok("一千二百万"), ("1200".into(), 4));
        assert_eq!(read_ok("十四"), ("14".into(), 0));
        assert_eq!(read_ok("两万"), ("2".into(), 4));
        assert_eq!(read_ok("12亿5千万"), ("12.5".into(), 8));
        assert_eq!(read_ok("1.2万亿"), ("1.2".into(), 12));
        assert_eq!(read_ok("一千零五"), ("1005".into(), 0));
        assert_eq!(read_ok("二十"), ("20".into(), 0));
        assert_eq!(read_ok("万亿"), ("1".into(), 12));
    }

    #[test]
    fn kilo_units_are_not_scales() {
        let n = read("5千瓦").unwrap().unwrap();
        assert_eq!((n.value, n.scale, n.len), (Decimal::from(5), 0, 1));
    }

    #[test]
    fn leading_group_is_checked() {
        assert!(read("12345,678").is_err());
        assert!(read("1,2345").is_err());
        assert_eq!(read_ok("12,345,678"), ("12345678".into(), 0));
    }
}
