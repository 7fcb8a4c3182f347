//! English singular and plural forms of counted nouns ("vehicles" ↔ "vehicle").

use std::fmt;

/// Nouns whose singular ends in a single `s`: their plural adds `es` ("bus" → "buses").
const SINGULARS_IN_S: &[&str] = &[
    "atlas", "bonus", "bus", "campus", "canvas", "census", "corpus", "gas", "lens", "status",
    "virus",
];

/// Nouns whose singular and plural are the same word.
const INVARIANT_NOUNS: &[&str] = &["aircraft", "chassis", "series", "sheep", "species"];

/// Splits a noun phrase into everything before its last word (with the space) and the word.
fn last_word(noun: &str) -> (&str, &str) {
    match noun.rfind(' ') {
        Some(i) => (&noun[..=i], &noun[i + 1..]),
        None => ("", noun),
    }
}

/// English singular of the last word of a noun phrase ("base stations" → "base station").
pub(crate) fn singularize(noun: &str) -> String {
    let (head, last) = last_word(noun);
    let single = if INVARIANT_NOUNS.contains(&last) || SINGULARS_IN_S.contains(&last) {
        last.to_string()
    } else if let Some(stem) = last
        .strip_suffix("es")
        .filter(|stem| SINGULARS_IN_S.contains(stem))
    {
        stem.to_string()
    } else if let Some(stem) = last.strip_suffix("ies").filter(|s| !s.is_empty()) {
        format!("{stem}y")
    } else if ["ches", "shes", "sses", "xes", "zes"]
        .iter()
        .any(|suffix| last.ends_with(suffix))
    {
        last[..last.len() - 2].to_string()
    } else if last.ends_with('s') && !last.ends_with("ss") && last.len() > 1 {
        last[..last.len() - 1].to_string()
    } else {
        last.to_string()
    };
    format!("{head}{single}")
}

/// English plural of the last word of a noun phrase; the inverse of [`singularize`].
pub(crate) fn pluralize(noun: &str) -> String {
    Plural(noun).to_string()
}

/// A noun phrase written with its last word in the plural ("base station" → "base
/// stations"), straight into a formatter: a unit's name is written once per verified input.
pub(crate) struct Plural<'a>(pub(crate) &'a str);

impl fmt::Display for Plural<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (head, last) = last_word(self.0);
        f.write_str(head)?;
        let bytes = last.as_bytes();
        let consonant_y =
            last.ends_with('y') && bytes.len() > 1 && !b"aeiou".contains(&bytes[bytes.len() - 2]);
        if INVARIANT_NOUNS.contains(&last) {
            f.write_str(last)
        } else if consonant_y {
            f.write_str(&last[..last.len() - 1])?;
            f.write_str("ies")
        } else if SINGULARS_IN_S.contains(&last)
            || ["ch", "sh", "ss", "x", "z"]
                .iter()
                .any(|s| last.ends_with(s))
        {
            f.write_str(last)?;
            f.write_str("es")
        } else {
            f.write_str(last)?;
            f.write_str("s")
        }
    }
}
