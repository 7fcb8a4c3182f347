//! Qualifier words ("more than", "nearly", 超过, 左右, …) and the direction each bends a
//! figure's interval.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// The word that qualifies a reported figure, and so the interval it stands for.
///
/// Words that mean the speaker rounded down ("more than", "exceeded", …) read as [v, v + s);
/// their mirror ("nearly", "less than", …) as (v − s, v]; "about" as v ± a tolerance. For a
/// negative figure every qualifier speaks of magnitude and the interval is mirrored ("fell more
/// than 5%" is (−6, −5]). See [`Figure::interval`](crate::Figure::interval).
///
/// # Example
/// ```
/// use indstat::{Qualifier, QualifierDirection};
/// let q: Qualifier = "exceeded".parse()?;
/// assert_eq!(q.direction(), QualifierDirection::AtLeast);
/// assert_eq!("超过".parse::<Qualifier>()?, Qualifier::Exceeded);
/// assert_eq!("as many as".parse::<Qualifier>()?, Qualifier::AtLeast);
/// assert!("perhaps".parse::<Qualifier>().is_err());
/// # Ok::<(), indstat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Qualifier {
    /// Stated plainly: rounded (or truncated) at its written precision.
    #[default]
    Plain,
    /// "more than", "greater than", "in excess of", "upwards of", 多, 余, 以上.
    MoreThan,
    /// "over", 逾.
    Over,
    /// "exceeded", "exceeding", "passed", "crossed", 超过, 超, 突破, 破.
    Exceeded,
    /// "top", "tops", "topped", "topping".
    Topped,
    /// "above".
    Above,
    /// "surpass", "surpassed", "surpassing".
    Surpassed,
    /// "at least", "as many as", 多达, 至少: a bound from below that includes the figure.
    AtLeast,
    /// "less than", "fewer than", 不到, 不足.
    LessThan,
    /// "under", 以下.
    Under,
    /// "below".
    Below,
    /// "nearly", "close to", 近, 将近, 接近.
    Nearly,
    /// "just under".
    JustUnder,
    /// "almost".
    Almost,
    /// "up to", 以内: a bound from above that includes the figure.
    UpTo,
    /// "about", "roughly", "some", 约, 大约, 左右, 上下.
    About,
    /// "approximately".
    Approximately,
    /// "around".
    Around,
}

/// Which way a [`Qualifier`] bends a figure's interval.
///
/// # Example
/// ```
/// use indstat::{Qualifier, QualifierDirection};
/// assert_eq!(Qualifier::Nearly.direction(), QualifierDirection::AtMost);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QualifierDirection {
    /// Plain: rounding or truncation at the written precision.
    Exact,
    /// The value is at least the figure (the speaker rounded down).
    AtLeast,
    /// The value is at most the figure (the speaker rounded up).
    AtMost,
    /// The value is near the figure, within a tolerance.
    Approximate,
}

/// Every qualifier but [`Qualifier::Plain`] with the words that say it before the number, its
/// canonical English word first (the one [`Qualifier::as_str`] gives). English words match on
/// a word boundary, case-insensitive; the longest word wins ("just under" over "under").
const LEADING: &[(Qualifier, &[&str])] = &[
    (
        Qualifier::MoreThan,
        &[
            "more than",
            "greater than",
            "in excess of",
            "upwards of",
            "upward of",
        ],
    ),
    (Qualifier::Over, &["over", "逾"]),
    (
        Qualifier::Exceeded,
        &[
            "exceeded",
            "exceeding",
            "exceeds",
            "exceed",
            "passed",
            "crossed",
            "超过",
            "超",
            "突破",
            "破",
        ],
    ),
    (Qualifier::Topped, &["topped", "top", "tops", "topping"]),
    (Qualifier::Above, &["above"]),
    (
        Qualifier::Surpassed,
        &["surpassed", "surpass", "surpasses", "surpassing"],
    ),
    (
        Qualifier::AtLeast,
        &["at least", "as many as", "as much as", "多达", "至少"],
    ),
    (
        Qualifier::LessThan,
        &["less than", "fewer than", "不到", "不足"],
    ),
    (Qualifier::Under, &["under"]),
    (Qualifier::Below, &["below"]),
    (
        Qualifier::Nearly,
        &["nearly", "close to", "将近", "接近", "近"],
    ),
    (Qualifier::JustUnder, &["just under"]),
    (Qualifier::Almost, &["almost"]),
    (Qualifier::UpTo, &["up to"]),
    (
        Qualifier::About,
        &["about", "roughly", "some", "大约", "约"],
    ),
    (Qualifier::Approximately, &["approximately", "approx."]),
    (Qualifier::Around, &["around"]),
];

/// Whether the English `word` (lower case) can end what the grammar reads before a number: the
/// last word of a leading qualifier ("more *than*", "close *to*", "in excess *of*"), or the
/// article it allows after one ("exceeded *the* 5 million mark"). The extractor asks the
/// figure parser for a qualifier only after such a word.
pub(crate) fn may_end_a_qualifier(word: &str) -> bool {
    word == "the"
        || leading_words().any(|(w, _)| {
            w.is_ascii() && w.rsplit(' ').next().map(|l| l.trim_end_matches('.')) == Some(word)
        })
}

/// Every leading word with its qualifier.
fn leading_words() -> impl Iterator<Item = (&'static str, Qualifier)> {
    LEADING
        .iter()
        .flat_map(|(q, words)| words.iter().map(move |w| (*w, *q)))
}

/// Words written after the number and its unit (`5%左右`, `1万亿元以上`).
pub(super) const TRAILING_WORDS: &[(&str, Qualifier)] = &[
    ("左右", Qualifier::About),
    ("上下", Qualifier::About),
    ("以上", Qualifier::MoreThan),
    ("以下", Qualifier::Under),
    ("以内", Qualifier::UpTo),
];

impl Qualifier {
    /// The canonical English word (`""` for [`Qualifier::Plain`]).
    ///
    /// # Example
    /// ```
    /// use indstat::Qualifier;
    /// assert_eq!(Qualifier::JustUnder.as_str(), "just under");
    /// ```
    pub fn as_str(self) -> &'static str {
        LEADING
            .iter()
            .find(|(q, _)| *q == self)
            .and_then(|(_, words)| words.first())
            .copied()
            .unwrap_or_default()
    }

    /// Which way the qualifier bends the interval.
    ///
    /// # Example
    /// ```
    /// use indstat::{Qualifier, QualifierDirection};
    /// assert_eq!(Qualifier::Topped.direction(), QualifierDirection::AtLeast);
    /// assert_eq!(Qualifier::UpTo.direction(), QualifierDirection::AtMost);
    /// assert_eq!(Qualifier::Plain.direction(), QualifierDirection::Exact);
    /// ```
    pub fn direction(self) -> QualifierDirection {
        use Qualifier::*;
        match self {
            Plain => QualifierDirection::Exact,
            MoreThan | Over | Exceeded | Topped | Above | Surpassed | AtLeast => {
                QualifierDirection::AtLeast
            }
            LessThan | Under | Below | Nearly | JustUnder | Almost | UpTo => {
                QualifierDirection::AtMost
            }
            About | Approximately | Around => QualifierDirection::Approximate,
        }
    }

    /// Whether the bound includes the figure itself in the strict reading: "at least 5" and
    /// "up to 5" include 5, "more than 5" and "less than 5" do not.
    ///
    /// # Example
    /// ```
    /// use indstat::Qualifier;
    /// assert!(Qualifier::AtLeast.is_inclusive());
    /// assert!(!Qualifier::MoreThan.is_inclusive());
    /// ```
    pub fn is_inclusive(self) -> bool {
        matches!(self, Qualifier::AtLeast | Qualifier::UpTo)
    }

    /// The qualifier word at the start of `text` and its length in bytes (longest match,
    /// case-insensitive, English words on a word boundary).
    pub(super) fn leading(text: &str) -> Option<(Qualifier, usize)> {
        longest_of(text, leading_words())
    }
}

/// The longest of `words` at the start of `text`; ASCII words must end on a word boundary.
pub(super) fn longest_word<T: Copy>(text: &str, words: &[(&str, T)]) -> Option<(T, usize)> {
    longest_of(text, words.iter().copied())
}

/// [`longest_word`] over any sequence of words.
fn longest_of<'w, T>(
    text: &str,
    words: impl IntoIterator<Item = (&'w str, T)>,
) -> Option<(T, usize)> {
    let mut best: Option<(T, usize)> = None;
    for (word, meaning) in words {
        let Some(head) = text.get(..word.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(word) {
            continue;
        }
        let rest = &text[word.len()..];
        let boundary = !word.ends_with(|c: char| c.is_ascii_alphanumeric())
            || !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_');
        if boundary && best.as_ref().is_none_or(|(_, len)| word.len() > *len) {
            best = Some((meaning, word.len()));
        }
    }
    best
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Qualifier {
    type Err = Error;

    /// Accepts the words of the figure grammar (leading or trailing, English or Chinese), and
    /// the empty string for `Plain`.
    fn from_str(s: &str) -> Result<Qualifier> {
        let t = s.trim();
        if t.is_empty() {
            return Ok(Qualifier::Plain);
        }
        let leading = longest_of(t, leading_words());
        let trailing = longest_word(t, TRAILING_WORDS);
        for (q, len) in leading.into_iter().chain(trailing) {
            if len == t.len() {
                return Ok(q);
            }
        }
        Err(Error::parse(
            "qualifier",
            s,
            format!(
                "`{t}` is not a qualifier: expected one of {}, or empty",
                leading_words()
                    .chain(TRAILING_WORDS.iter().copied())
                    .map(|(w, _)| w)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ))
    }
}

impl Serialize for Qualifier {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Qualifier {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Qualifier, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every qualifier but `Plain` has one entry in `LEADING`, whose first word is its name and
    /// reads back as it. (The match fails to compile when a qualifier is added, until it is
    /// placed here and in the table.)
    #[test]
    fn every_qualifier_has_one_row_of_words_led_by_its_name() {
        use Qualifier::*;
        let worded = |q: Qualifier| match q {
            Plain => false,
            MoreThan | Over | Exceeded | Topped | Above | Surpassed | AtLeast | LessThan
            | Under | Below | Nearly | JustUnder | Almost | UpTo | About | Approximately
            | Around => true,
        };
        for (q, words) in LEADING {
            assert!(worded(*q), "{q:?}");
            assert_eq!(
                LEADING.iter().filter(|(other, _)| other == q).count(),
                1,
                "{q:?}"
            );
            assert_eq!(q.as_str(), words[0]);
            assert_eq!(q.as_str().parse::<Qualifier>().unwrap(), *q);
            for w in *words {
                assert_eq!(w.parse::<Qualifier>().unwrap(), *q, "{w}");
            }
        }
        assert_eq!(LEADING.len(), 17);
        assert_eq!(Plain.as_str(), "");
        assert_eq!("".parse::<Qualifier>().unwrap(), Plain);
    }
}
