//! Reading text files with their path, and placing byte offsets on lines.
//!
//! Every on-disk format (the folder format, SDMX-CSV, JSON-stat, claims files) reads its
//! files through here, so that errors name the file and line the same way everywhere, and so
//! that loading stays linear in the size of the input: a file's line starts are found once,
//! and each offset is placed on its line by binary search.

use std::path::Path;

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// The start of every line of a text, found once; [`LineIndex::line`] places a byte offset on
/// its 1-based line in O(log lines).
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    /// Byte offset of the first byte of each line after the first.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text` (one pass).
    pub(crate) fn new(text: &str) -> LineIndex {
        LineIndex::of_bytes(text.as_bytes())
    }

    fn of_bytes(bytes: &[u8]) -> LineIndex {
        let starts = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i + 1)
            .collect();
        LineIndex { starts }
    }

    /// The 1-based line of byte offset `at` (offsets past the end fall on the last line).
    pub(crate) fn line(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at) + 1
    }

    /// The line a CSV record starts on, from its byte offset in `text`. (The csv crate counts
    /// lines wrongly with CRLF endings, and its byte offset can point at the line break before
    /// the record.)
    pub(crate) fn record_line(&self, text: &str, byte: u64) -> u64 {
        self.line(record_start(text, byte)) as u64
    }

    /// A cursor for placing offsets that mostly come in increasing order.
    pub(crate) fn cursor(&self) -> LineCursor<'_> {
        LineCursor {
            index: self,
            passed: 0,
        }
    }
}

/// A reader's position in a [`LineIndex`]: places offsets that mostly grow (CSV records in
/// file order) in amortised constant time, and any other offset by binary search.
#[derive(Debug, Clone)]
pub(crate) struct LineCursor<'a> {
    index: &'a LineIndex,
    /// Lines known to start at or before the last offset placed.
    passed: usize,
}

impl LineCursor<'_> {
    /// The 1-based line of byte offset `at`.
    pub(crate) fn line(&mut self, at: usize) -> usize {
        let starts = &self.index.starts;
        let behind = self
            .passed
            .checked_sub(1)
            .and_then(|i| starts.get(i))
            .is_some_and(|&s| s > at);
        if behind {
            self.passed = starts.partition_point(|&s| s <= at);
        }
        while starts.get(self.passed).is_some_and(|&s| s <= at) {
            self.passed += 1;
        }
        self.passed + 1
    }

    /// As [`LineIndex::record_line`], for records read in order.
    pub(crate) fn record_line(&mut self, text: &str, byte: u64) -> u64 {
        self.line(record_start(text, byte)) as u64
    }
}

/// The offset where a CSV record whose position is `byte` really starts: past any line break
/// the csv crate counts as the record's.
fn record_start(text: &str, byte: u64) -> usize {
    let bytes = text.as_bytes();
    let mut at = usize::try_from(byte).unwrap_or(usize::MAX);
    while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
        at += 1;
    }
    at
}

/// Reads a file as UTF-8 text, with a clear error for binary files; a leading byte-order mark
/// is dropped.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e).with_source(e))?;
    let line = |bytes: &[u8], at: usize| {
        LineIndex::of_bytes(bytes.get(..at).unwrap_or(bytes)).line(at) as u64
    };
    // `contains` on bytes searches a word at a time; the offset is looked for only on error.
    if bytes.contains(&0) {
        let at = bytes.iter().position(|b| *b == 0).unwrap_or_default();
        return Err(
            Error::invalid(format!("not a text file: a NUL byte at offset {at}"))
                .at(path, line(&bytes, at)),
        );
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Error::invalid(format!("not UTF-8 text: an invalid byte at offset {at}"))
            .at(path, line(e.as_bytes(), at))
            .with_source(e.utf8_error())
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// A CSV reading error, placed on the line its record starts in `file` (whose text is `text`,
/// indexed by `lines`); `separator` names the field separator in the message ("comma").
pub(crate) fn csv_error(
    file: &Path,
    text: &str,
    lines: &LineIndex,
    separator: &str,
    e: csv::Error,
) -> Error {
    let line = e
        .position()
        .map_or(0, |p| lines.record_line(text, p.byte()));
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "the row has {len} field{} but the header has {expected_len} (is a quote left open, or a {separator} unquoted?)",
            if *len == 1 { "" } else { "s" }
        ),
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_string(),
        _ => e.to_string(),
    };
    Error::invalid(message).at(file, line).with_source(e)
}

/// A TOML deserialisation error, placed in `file`.
pub(crate) fn toml_error(file: &Path, lines: &LineIndex, e: toml::de::Error) -> Error {
    let error = Error::invalid(e.message().trim().to_string());
    let error = match e.span() {
        Some(span) => error.at(file, lines.line(span.start) as u64),
        None => error.context(file.display().to_string()),
    };
    error.with_source(e)
}

/// Parses a value cell: plain decimal text, its written decimals kept.
pub(crate) fn parse_value(text: &str) -> Result<Decimal> {
    if text.is_empty() {
        return Err(Error::parse("value", text, "the value is empty"));
    }
    let (negative, body) = match text.as_bytes()[0] {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let Some(decimals) = plain_decimals(body) else {
        return Err(Error::parse(
            "value",
            text,
            "expected plain decimal text such as 705.8 or -4.0 (no thousands separators, units or words: those go in the unit and qualifier columns)",
        ));
    };
    // Up to 18 digits fit a u64: the value is built directly (a data file's values nearly
    // always are this short); longer ones go through `Decimal`'s own exact parser.
    if body.len() <= 18 {
        let mantissa = body
            .bytes()
            .filter(u8::is_ascii_digit)
            .fold(0u64, |m, b| m * 10 + u64::from(b - b'0'));
        let mut value = Decimal::from_i128_with_scale(i128::from(mantissa), decimals);
        value.set_sign_negative(negative && mantissa != 0);
        return Ok(value);
    }
    Decimal::from_str_exact(text.strip_prefix('+').unwrap_or(text)).map_err(|_| {
        Error::parse(
            "value",
            text,
            "it overflows a Decimal (at most 28 significant digits, about 7.9e28)",
        )
    })
}

/// The number of decimals of `body` when it is plain decimal text (digits, with at most one
/// point between digits), in one pass.
fn plain_decimals(body: &str) -> Option<u32> {
    let bytes = body.as_bytes();
    if !bytes.first()?.is_ascii_digit() || !bytes.last()?.is_ascii_digit() {
        return None;
    }
    let mut point: Option<usize> = None;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'0'..=b'9' => {}
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    Some(point.map_or(0, |p| (bytes.len() - p - 1) as u32))
}

#[cfg(test)]
mod tests {
    use super::{LineIndex, parse_value};
    use rust_decimal::Decimal;

    /// The line of every offset, counted the slow way, equals the index's answer.
    #[test]
    fn lines_match_a_count_of_newlines() {
        let text = "a\nbb\r\n\nccc\n";
        let index = LineIndex::new(text);
        for at in 0..=text.len() + 2 {
            let slow = text.as_bytes()[..at.min(text.len())]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            assert_eq!(index.line(at), slow, "offset {at}");
        }
    }

    /// A cursor agrees with the index for offsets in any order: forwards, backwards, repeated.
    #[test]
    fn cursors_agree_with_the_index_in_any_order() {
        let text = "a\nbb\r\n\nccc\nd";
        let index = LineIndex::new(text);
        let mut cursor = index.cursor();
        let order = [0, 1, 2, 2, 7, 3, 12, 0, 5, 6, 20, 8, 1];
        for at in order {
            assert_eq!(cursor.line(at), index.line(at), "offset {at}");
        }
    }

    #[test]
    fn record_lines_skip_the_break_before_a_record() {
        let text = "h\r\nx\r\ny\n";
        let index = LineIndex::new(text);
        assert_eq!(index.record_line(text, 1), 2);
        assert_eq!(index.record_line(text, 3), 2);
        assert_eq!(index.record_line(text, 6), 3);
    }

    #[test]
    fn values_must_be_plain_decimals() {
        for bad in [
            "",
            "1,300",
            "7.05 million",
            "1e5",
            ".5",
            "5.",
            "--1",
            "abc",
            "99999999999999999999999999999999",
        ] {
            assert!(parse_value(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_value("-4.0").unwrap().to_string(), "-4.0");
        // The direct path and `Decimal`'s exact parser agree, bit for bit, signed zeros too.
        for text in [
            "0",
            "-0",
            "+0",
            "-0.0",
            "705.8",
            "705.80",
            "-4.0",
            "+12",
            "0.000001",
            "999999999999999999",
            "99999999999999999.9",
            "12345678901234567",
            "0.12345678901234567",
            "1234567890123456789",
            "-123456789012345678.9",
            "00012.50",
        ] {
            let exact = Decimal::from_str_exact(text.strip_prefix('+').unwrap_or(text)).unwrap();
            assert_eq!(
                parse_value(text).unwrap().serialize(),
                exact.serialize(),
                "{text}"
            );
        }
        assert_eq!(parse_value("+12").unwrap(), Decimal::from(12));
    }

    proptest::proptest! {
        #[test]
        fn values_read_as_decimal_reads_them(text in "[+-]?[0-9]{1,20}(\\.[0-9]{1,12})?") {
            let exact = Decimal::from_str_exact(text.strip_prefix('+').unwrap_or(&text));
            match (parse_value(&text), exact) {
                (Ok(ours), Ok(exact)) => proptest::prop_assert_eq!(ours.serialize(), exact.serialize()),
                (ours, exact) => proptest::prop_assert_eq!(ours.is_ok(), exact.is_ok()),
            }
        }
    }
}
