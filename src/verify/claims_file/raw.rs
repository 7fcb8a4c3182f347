//! A claims file read untyped: each `[[claim]]` table's keys and values as written, with the
//! byte offset of each, for [`super`] to type and check field by field.
//!
//! Two readers give the same entries. [`super::events`] reads the plain shape every claims
//! file has in practice (`[[claim]]` tables of text, true/false and lists) straight from the
//! TOML token stream; anything else, and every malformed file, goes through the `toml` crate
//! here, whose messages the errors keep.

use std::fmt;
use std::path::Path;

use serde::Deserialize;

use super::KEYS;
use crate::error::Result;
use crate::text::{LineIndex, toml_error};

/// One `[[claim]]` table as written. Fields are typed only after reading, so that every
/// problem in every claim can be reported with its own line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RawEntry {
    /// The byte offset of its `[[claim]]` header.
    pub(super) at: usize,
    /// Its keys and values in file order, each value with its byte offset.
    pub(super) fields: Vec<(Key, RawValue, usize)>,
}

/// The entries of a claims file, in file order.
///
/// # Errors
/// When `text` is not TOML or not a list of `[[claim]]` tables.
pub(super) fn entries(text: &str, file: &Path, lines: &LineIndex) -> Result<Vec<RawEntry>> {
    match super::events::entries(text) {
        Some(entries) => Ok(entries),
        None => entries_by_toml(text, file, lines),
    }
}

/// The entries of a claims file, read by the `toml` crate (any TOML; its error messages).
///
/// # Errors
/// As [`entries`].
pub(super) fn entries_by_toml(text: &str, file: &Path, lines: &LineIndex) -> Result<Vec<RawEntry>> {
    let parsed: ClaimsFile = toml::from_str(text).map_err(|e| toml_error(file, lines, e))?;
    Ok(parsed
        .claim
        .0
        .into_iter()
        .map(|entry| RawEntry {
            at: entry.span().start,
            fields: entry
                .into_inner()
                .fields
                .into_iter()
                .map(|(key, value)| {
                    let at = value.span().start;
                    (key, value.into_inner(), at)
                })
                .collect(),
        })
        .collect())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimsFile {
    #[serde(default)]
    claim: ClaimList,
}

/// The `[[claim]]` tables; its own type so that a `claim` key of another shape gets a message
/// saying what it should be.
#[derive(Default)]
struct ClaimList(Vec<toml::Spanned<SpannedEntry>>);

impl<'de> Deserialize<'de> for ClaimList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<ClaimList, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = ClaimList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of claims, each a table under its own [[claim]] header")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<ClaimList, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = seq.next_element()? {
                    entries.push(entry);
                }
                Ok(ClaimList(entries))
            }
        }
        d.deserialize_seq(Visitor)
    }
}

/// One `[[claim]]` table as the `toml` crate gives it, each value with its span.
struct SpannedEntry {
    fields: Vec<(Key, toml::Spanned<RawValue>)>,
}

/// A claim's key: one of [`KEYS`] (not copied), or an unknown one as written.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Key {
    Known(&'static str),
    Unknown(String),
}

impl Key {
    /// The key named `name`.
    pub(super) fn of(name: &str) -> Key {
        match KEYS.iter().find(|k| **k == name) {
            Some(k) => Key::Known(k),
            None => Key::Unknown(name.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Key, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Key, E> {
                Ok(Key::of(v))
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// A TOML value as far as claims care: text, a flag, a list, or something else (named).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum RawValue {
    Text(String),
    Flag(bool),
    List(Vec<RawValue>),
    Other(&'static str),
}

impl RawValue {
    /// What the value is, for messages.
    pub(super) fn describe(&self) -> &'static str {
        match self {
            RawValue::Text(_) => "text",
            RawValue::Flag(_) => "a boolean",
            RawValue::List(_) => "a list",
            RawValue::Other(what) => what,
        }
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<RawValue, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a TOML value")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<RawValue, E> {
                Ok(RawValue::Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(
                self,
                v: String,
            ) -> std::result::Result<RawValue, E> {
                Ok(RawValue::Text(v))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> std::result::Result<RawValue, E> {
                Ok(RawValue::Flag(v))
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> std::result::Result<RawValue, E> {
                Ok(RawValue::Other("a number"))
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> std::result::Result<RawValue, E> {
                Ok(RawValue::Other("a number"))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> std::result::Result<RawValue, E> {
                Ok(RawValue::Other("a number"))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<RawValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<RawValue>()? {
                    items.push(item);
                }
                Ok(RawValue::List(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<RawValue, A::Error> {
                // TOML dates arrive as a one-entry map with a private key.
                let mut what = "a table";
                while let Some(key) = map.next_key::<String>()? {
                    if key.contains("datetime") {
                        what = "a date";
                    }
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(RawValue::Other(what))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl<'de> Deserialize<'de> for SpannedEntry {
    fn deserialize<D: serde::Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<SpannedEntry, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SpannedEntry;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a claim: a table under a [[claim]] header")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<SpannedEntry, A::Error> {
                let mut fields = Vec::with_capacity(KEYS.len());
                while let Some(key) = map.next_key::<Key>()? {
                    fields.push((key, map.next_value::<toml::Spanned<RawValue>>()?));
                }
                Ok(SpannedEntry { fields })
            }
        }
        d.deserialize_map(Visitor)
    }
}
