//! One definition of the names an enum is written with in files and on the command line.
//!
//! Claim kinds, verdicts, frequencies, series kinds, roundings… are each written as a word in
//! claims files, data files, reports and flags. `string_enum!` gives such an enum, from one
//! table of names, its `as_str`, `Display`, `FromStr` (case-insensitive, with accepted
//! aliases, and an error listing the canonical names) and serde as that string, so the four
//! never disagree.

/// Implements `as_str`, `Display`, `FromStr`, `Serialize` and `Deserialize` for a fieldless
/// enum from one table: `Variant => "canonical" | "alias" | …`. `what` names the thing in
/// errors ("claim kind"), `path` is the enum's public path for the generated doc example.
macro_rules! string_enum {
    (
        $ty:ident, what = $what:literal, path = $path:literal,
        { $( $variant:ident => $name:literal $( | $alias:literal )* ),+ $(,)? }
    ) => {
        impl $ty {
            /// Every value, in declaration order.
            #[doc = concat!("\n# Example\n```\nassert!(", $path, "::ALL.len() > 1);\n```")]
            pub const ALL: &'static [$ty] = &[ $( $ty::$variant ),+ ];

            /// The canonical name, as written in files, reports and flags.
            #[doc = concat!(
                "\n# Example\n```\nfor v in ", $path, "::ALL {\n",
                "    assert_eq!(v.as_str().parse::<", $path, ">().unwrap(), *v);\n}\n```"
            )]
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $ty::$variant => $name, )+
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::error::Error;

            /// The canonical name or an accepted alias, ignoring case and surrounding space.
            fn from_str(s: &str) -> ::std::result::Result<$ty, $crate::error::Error> {
                let trimmed = s.trim();
                // Names are ASCII: ASCII input needs no lower-cased copy.
                let lowered;
                let key = if trimmed.is_ascii() {
                    trimmed
                } else {
                    lowered = trimmed.to_lowercase();
                    lowered.as_str()
                };
                $(
                    if key.eq_ignore_ascii_case($name) $( || key.eq_ignore_ascii_case($alias) )* {
                        return Ok($ty::$variant);
                    }
                )+
                let names: &[&str] = &[ $( $name ),+ ];
                Err($crate::error::Error::parse(
                    $what,
                    s,
                    &format!("expected {}", $crate::string_enum::one_of(names)),
                ))
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<$ty, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use string_enum;

/// `a, b or c`, for error messages.
pub(crate) fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
