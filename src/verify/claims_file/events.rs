//! The plain shape of a claims file read straight from the TOML token stream.
//!
//! Every claims file seen in practice, hand-written or drafted by `indstat extract`, is a run
//! of `[[claim]]` tables whose values are text, `true`/`false` or lists of them. The `toml`
//! crate builds a format-preserving document for any TOML first (about 40 allocations per
//! claim, most of the time spent reading 100,000 claims); this reader takes the same entries
//! from `toml_parser`'s events, the parser of the same project, which lexes, validates and
//! decodes every token. It declines, returning `None`, on anything outside that shape or
//! anything the parser reports: such a file goes through the `toml` crate, whose semantics
//! and messages stay the reference. A differential test holds the two readers to the same
//! entries.

use std::borrow::Cow;

use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, RecursionGuard, ValidateWhitespace, parse_document};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

use super::KEYS;
use super::raw::{Key, RawEntry, RawValue};

/// The entries of `text` when it has the plain shape, else `None`.
pub(super) fn entries(text: &str) -> Option<Vec<RawEntry>> {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut reader = Reader {
        source,
        state: State::Top,
        entries: Vec::new(),
        declined: false,
    };
    let mut error: Option<ParseError> = None;
    {
        let mut validated = ValidateWhitespace::new(&mut reader, source);
        // Lists of lists are declined at their first level; the guard only bounds the
        // parser's own descent while it skips them.
        let mut guarded = RecursionGuard::new(&mut validated, 2);
        parse_document(&tokens, &mut guarded, &mut error);
    }
    let complete = matches!(reader.state, State::Top | State::Table);
    (error.is_none() && !reader.declined && complete).then_some(reader.entries)
}

/// Where the reader is in the shape it accepts.
enum State {
    /// Before the first `[[claim]]`.
    Top,
    /// Inside `[[ ]]`: the header's byte offset, and whether its one key (`claim`) was read.
    Header { at: usize, named: bool },
    /// In a claim's table, between fields.
    Table,
    /// After a key, before `=`.
    Key(&'static str),
    /// After `=`: the key.
    Value(&'static str),
    /// Inside a list: the key, the list's byte offset, the items so far.
    List(&'static str, usize, Vec<RawValue>),
}

struct Reader<'s> {
    source: Source<'s>,
    state: State,
    entries: Vec<RawEntry>,
    /// Something outside the plain shape was seen: the `toml` crate reads the file.
    declined: bool,
}

impl<'s> Reader<'s> {
    fn decline(&mut self) {
        self.declined = true;
    }

    /// The decoded text of a key or string token, borrowed unless it has escapes; `None` where
    /// the `toml` crate would read it otherwise: an escape TOML 1.0 lacks (`\x`, `\e`; the
    /// crate reads TOML 1.0 and refuses them), a CRLF in a multi-line string.
    fn decoded(
        &self,
        span: Span,
        encoding: Option<Encoding>,
        key: bool,
        error: &mut dyn ErrorSink,
    ) -> Option<(Cow<'s, str>, ScalarKind)> {
        let text = self.source.get(span)?.as_str();
        let raw = Raw::new_unchecked(text, encoding, span);
        let escapes = matches!(
            encoding,
            Some(Encoding::BasicString | Encoding::MlBasicString)
        );
        if escapes && (text.contains("\\x") || text.contains("\\e")) {
            return None;
        }
        // The `toml` crate reads a CRLF inside a multi-line string as LF; this parser keeps it.
        let multi_line = matches!(
            encoding,
            Some(Encoding::MlBasicString | Encoding::MlLiteralString)
        );
        if multi_line && text.contains('\r') {
            return None;
        }
        let mut out = Cow::Borrowed("");
        if key {
            raw.decode_key(&mut out, error);
            Some((out, ScalarKind::String))
        } else {
            let kind = raw.decode_scalar(&mut out, error);
            Some((out, kind))
        }
    }

    /// A scalar value as claims care: text or a flag; `None` for anything else.
    fn value(
        &self,
        span: Span,
        encoding: Option<Encoding>,
        error: &mut dyn ErrorSink,
    ) -> Option<RawValue> {
        match self.decoded(span, encoding, false, error)? {
            (text, ScalarKind::String) => Some(RawValue::Text(text.into_owned())),
            (_, ScalarKind::Boolean(b)) => Some(RawValue::Flag(b)),
            _ => None,
        }
    }

    /// Adds a field to the current claim; a key given twice declines (TOML refuses it).
    fn field(&mut self, key: &'static str, value: RawValue, at: usize) {
        let Some(entry) = self.entries.last_mut() else {
            return self.decline();
        };
        if entry.fields.iter().any(|(k, ..)| *k == Key::Known(key)) {
            return self.decline();
        }
        entry.fields.push((Key::Known(key), value, at));
        self.state = State::Table;
    }
}

impl EventReceiver for Reader<'_> {
    fn array_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        match self.state {
            State::Top | State::Table => {
                self.state = State::Header {
                    at: span.start(),
                    named: false,
                }
            }
            _ => self.decline(),
        }
    }

    fn array_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        match self.state {
            State::Header { at, named: true } => {
                self.entries.push(RawEntry {
                    at,
                    fields: Vec::with_capacity(KEYS.len()),
                });
                self.state = State::Table;
            }
            _ => self.decline(),
        }
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        let Some((name, _)) = self.decoded(span, encoding, true, error) else {
            return self.decline();
        };
        match self.state {
            State::Header { at, named: false } if name == "claim" => {
                self.state = State::Header { at, named: true }
            }
            State::Table => match Key::of(&name) {
                Key::Known(key) => self.state = State::Key(key),
                // An unknown key is reported, with the keys a claim takes, by the other reader.
                Key::Unknown(_) => self.decline(),
            },
            _ => self.decline(),
        }
    }

    fn key_val_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        match self.state {
            State::Key(key) => self.state = State::Value(key),
            _ => self.decline(),
        }
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        let value = self.value(span, encoding, error);
        match (&mut self.state, value) {
            (State::Value(key), Some(value)) => {
                let key = *key;
                self.field(key, value, span.start());
            }
            (State::List(_, _, items), Some(value)) => items.push(value),
            _ => self.decline(),
        }
    }

    fn array_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        match self.state {
            State::Value(key) => {
                self.state = State::List(key, span.start(), Vec::new());
                true
            }
            _ => {
                self.decline();
                false
            }
        }
    }

    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        match std::mem::replace(&mut self.state, State::Table) {
            State::List(key, at, items) => self.field(key, RawValue::List(items), at),
            _ => self.decline(),
        }
    }

    fn value_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if !matches!(self.state, State::List(..)) {
            self.decline();
        }
    }

    // Whitespace, comments and newlines are validated by `ValidateWhitespace`; nothing else
    // belongs in the plain shape.
    fn std_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.decline();
    }

    fn inline_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.decline();
        false
    }

    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.decline();
    }

    fn error(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.decline();
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;
    use crate::text::LineIndex;

    type Lined = Vec<(usize, Vec<(Key, RawValue, usize)>)>;

    /// Entries with lines in place of byte offsets: what the claims reader uses of them.
    fn by_line(entries: Vec<RawEntry>, text: &str) -> Lined {
        let lines = LineIndex::new(text);
        entries
            .into_iter()
            .map(|e| {
                let fields = e
                    .fields
                    .into_iter()
                    .map(|(k, v, at)| (k, v, lines.line(at)));
                (lines.line(e.at), fields.collect())
            })
            .collect()
    }

    /// Whether the event reader accepts `text`; where it does, it must give what the `toml`
    /// crate gives.
    fn same_as_toml(text: &str) -> std::result::Result<bool, TestCaseError> {
        let lines = LineIndex::new(text);
        let by_toml = super::super::raw::entries_by_toml(text, Path::new("c.toml"), &lines);
        match (entries(text), by_toml) {
            (None, _) => Ok(false),
            (Some(fast), Ok(slow)) => {
                prop_assert_eq!(by_line(fast, text), by_line(slow, text), "{:?}", text);
                Ok(true)
            }
            (Some(_), Err(e)) => Err(TestCaseError::fail(format!(
                "accepted what the toml crate refuses ({e}): {text:?}"
            ))),
        }
    }

    #[test]
    fn reads_the_plain_shape_with_lines() {
        let text = r#"# drafted
[[claim]]
id = "c0"  # first
quote = 'grew "8.6%"'
series = [
  "a",
  "b",
]
strict = true

[[ claim ]]
"id" = "c\u00e9"
note = """two
lines"""
"#;
        let got = by_line(entries(text).expect("the plain shape"), text);
        let text_of = |t: &str| RawValue::Text(t.to_string());
        let first = vec![
            (Key::Known("id"), text_of("c0"), 3),
            (Key::Known("quote"), text_of("grew \"8.6%\""), 4),
            (
                Key::Known("series"),
                RawValue::List(vec![text_of("a"), text_of("b")]),
                5,
            ),
            (Key::Known("strict"), RawValue::Flag(true), 9),
        ];
        let second = vec![
            (Key::Known("id"), text_of("cé"), 12),
            (Key::Known("note"), text_of("two\nlines"), 13),
        ];
        assert_eq!(got, [(2, first), (11, second)]);
        assert!(same_as_toml(text).expect("the same entries"));
        // CRLF line ends are read, but not inside a multi-line string (see `decoded`).
        let crlf = text.replace('\n', "\r\n");
        assert!(!same_as_toml(&crlf).expect("declined"));
        let (head, _) = crlf.split_once("note").expect("a note");
        assert!(same_as_toml(head).expect("the same entries"));
        assert_eq!(entries(""), Some(Vec::new()));
    }

    #[test]
    fn declines_everything_else() {
        let head = "[[claim]]\nid = \"a\"\n";
        for tail in [
            "period = 2022\n",           // a number: the toml reader names it
            "period = 2022-01-01\n",     // a date
            "series = [\"a\", 1]\n",     // a list item that is not text
            "series = [[\"a\"]]\n",      // a list of lists
            "series = { id = \"a\" }\n", // an inline table
            "series.id = \"a\"\n",       // a dotted key
            "colour = \"red\"\n",        // an unknown key: its message lists the keys
            "id = \"b\"\n",              // a key given twice
            "quote = \"\\x41\"\n",       // TOML 1.1 escapes, which TOML 1.0 refuses
            "quote = \"\\e\"\n",
            "[claim]\nid = \"b\"\n", // a table, not a list of tables
            "[[claim.more]]\n",      // a nested list of tables
            "[[claims]]\n",          // another name
            "quote = \"unterminated\n",
            "quote = \"a\" \"b\"\n",
        ] {
            let text = format!("{head}{tail}");
            assert_eq!(entries(&text), None, "{text:?}");
        }
        assert_eq!(entries("id = \"a\"\n[[claim]]\n"), None, "a top-level key");
        assert_eq!(entries("[[claim]]\nid"), None, "a key without a value");
    }

    /// Lines a claims file may hold, plain or not, well-formed or not.
    fn line() -> impl Strategy<Value = String> {
        let keys = prop::sample::select(vec![
            "id", "quote", "kind", "series", "of", "period", "reported", "over", "strict", "note",
            "\"id\"", "'kind'", "colour", "id.x", "ID",
        ]);
        let values = prop::sample::select(vec![
            r#""text""#,
            "'literal'",
            r#""esc \"q\" \u00e9 \t""#,
            r#""\x41""#,
            r#""\e""#,
            r#""\q""#,
            "true",
            "false",
            "1",
            "1.5",
            "1979-05-27",
            r#"["a", "b"]"#,
            "[]",
            r#"["a",]"#,
            "[1]",
            r#"[["a"]]"#,
            "{a = 1}",
            "\"\"\"multi\nline\"\"\"",
            "'''ml\nlit'''",
            "\"unterminated",
            "\"tab\there\"",
            "\"del\u{7f}\"",
            "[\n\"a\"\n]",
        ]);
        prop_oneof![
            3 => (keys, values).prop_map(|(k, v)| format!("{k} = {v}")),
            2 => Just("[[claim]]".to_string()),
            1 => prop::sample::select(vec![
                "[[ claim ]]",
                "[claim]",
                "[[claims]]",
                "[[claim.x]]",
                "",
                "   ",
                "# note",
                "# ctrl \u{1}",
                "# del \u{7f}",
                "id = \"a\" # trailing",
                "[[claim]] # c",
            ])
            .prop_map(str::to_string),
            1 => any::<String>(),
        ]
    }

    proptest! {
        #[test]
        fn agrees_with_the_toml_crate(
            lines in prop::collection::vec(line(), 0..14),
            crlf in any::<bool>(),
            insert in prop::option::of((any::<prop::sample::Index>(), any::<char>())),
        ) {
            let mut text = lines.join("\n");
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            if let Some((at, c)) = insert {
                let cuts: Vec<usize> =
                    text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
                text.insert(cuts[at.index(cuts.len())], c);
            }
            same_as_toml(&text)?;
        }

        #[test]
        fn reads_every_plain_file(
            claims in prop::collection::vec(
                prop::collection::vec(
                    (prop::sample::select(KEYS.to_vec()), "[a-z0-9 %.]{0,12}", any::<bool>()),
                    0..6,
                ),
                0..6,
            ),
        ) {
            let mut text = String::new();
            for fields in &claims {
                text.push_str("[[claim]]\n");
                let mut seen = Vec::new();
                for (key, value, flag) in fields {
                    if seen.contains(key) {
                        continue;
                    }
                    seen.push(*key);
                    if *key == "strict" {
                        text.push_str(&format!("{key} = {flag}\n"));
                    } else {
                        text.push_str(&format!("{key} = \"{value}\"\n"));
                    }
                }
            }
            prop_assert!(same_as_toml(&text)?, "declined {:?}", text);
        }
    }
}
