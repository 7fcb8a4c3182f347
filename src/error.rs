//! The crate's one error type.
//!
//! Every error says *what* went wrong (its [`ErrorKind`]), *where* (a chain of context such as
//! a file and line, a series, a period or a claim) and *why*. Context is added from the inside
//! out, so a message reads from the outermost place to the problem:
//!
//! ```text
//! data/reference/observations.csv line 14: series `nev_sales`: unit `10 thousand vehicles` cannot convert to `yuan`
//! ```

use std::fmt;
use std::path::PathBuf;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error of this crate: a kind plus where it happened.
///
/// # Example
/// ```
/// use indstat::{ErrorKind, Unit};
///
/// let vehicles: Unit = "10 thousand vehicles".parse()?;
/// let yuan: Unit = "yuan".parse()?;
/// let err = vehicles.factor_to(&yuan).unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::IncompatibleUnits { .. }));
/// assert_eq!(
///     err.to_string(),
///     "unit `10 thousand vehicles` cannot convert to `yuan`: a count of vehicles is not a currency (CNY)"
/// );
/// # Ok::<(), indstat::Error>(())
/// ```
pub struct Error(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    context: Vec<String>,
}

/// What went wrong.
///
/// The variants carry the values needed to say why; where it happened is the error's
/// [context](Error::context).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Text that should be a `what` (a period, unit, figure, …) is not one.
    Parse {
        /// What was being parsed, such as `"period"`.
        what: &'static str,
        /// The text as given.
        input: String,
        /// Why it is not valid.
        reason: String,
    },
    /// Two units of different dimensions were asked to convert or combine.
    IncompatibleUnits {
        /// The unit converted from.
        from: String,
        /// The unit converted to.
        to: String,
        /// Why they are incompatible.
        reason: String,
    },
    /// A period of one frequency was used where another frequency was required.
    FrequencyMismatch {
        /// The frequency required.
        expected: String,
        /// The period given.
        found: String,
    },
    /// A series already has a value for this period.
    DuplicatePeriod {
        /// The period given twice.
        period: String,
    },
    /// A result does not fit in a `Decimal` (about 7.9e28) or a period's year range.
    Overflow {
        /// The operation that overflowed.
        operation: String,
    },
    /// An operation is undefined on its inputs (division by an interval containing zero,
    /// a fractional power of a negative number, …).
    Domain {
        /// What was asked.
        operation: String,
        /// Why it is undefined.
        reason: String,
    },
    /// Something the input refers to does not exist (a series, a source, a column).
    NotFound {
        /// What kind of thing, such as `"series"`.
        what: &'static str,
        /// Its name.
        name: String,
    },
    /// Input that is well-formed but invalid for another reason.
    Invalid {
        /// Why it is invalid.
        reason: String,
    },
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's message.
        message: String,
    },
}

impl Error {
    /// Creates an error of the given kind, with no context yet.
    ///
    /// # Example
    /// ```
    /// use indstat::{Error, ErrorKind};
    /// let err = Error::new(ErrorKind::NotFound { what: "series", name: "gdp".into() });
    /// assert_eq!(err.to_string(), "series `gdp` not found");
    /// ```
    pub fn new(kind: ErrorKind) -> Error {
        Error(Box::new(Inner {
            kind,
            context: Vec::new(),
        }))
    }

    /// What went wrong.
    ///
    /// # Example
    /// ```
    /// use indstat::{ErrorKind, Period};
    /// let err = "2022Q5".parse::<Period>().unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::Parse { what: "period", .. }));
    /// ```
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Where it happened, outermost first (a file and line, then a series, …).
    ///
    /// # Example
    /// ```
    /// use indstat::{Error, ErrorKind};
    /// let err = Error::invalid("negative count")
    ///     .context("series `nev_sales`")
    ///     .context("observations.csv line 3");
    /// assert_eq!(err.context_chain(), ["observations.csv line 3", "series `nev_sales`"]);
    /// assert_eq!(err.to_string(), "observations.csv line 3: series `nev_sales`: negative count");
    /// ```
    pub fn context_chain(&self) -> Vec<&str> {
        self.0.context.iter().rev().map(String::as_str).collect()
    }

    /// Adds where the error happened; call it from the inside out.
    ///
    /// # Example
    /// ```
    /// use indstat::Error;
    /// let err = Error::invalid("empty value").context("line 2");
    /// assert_eq!(err.to_string(), "line 2: empty value");
    /// ```
    pub fn context(mut self, place: impl Into<String>) -> Error {
        self.0.context.push(place.into());
        self
    }

    /// Shorthand for an [`ErrorKind::Parse`] error.
    ///
    /// # Example
    /// ```
    /// use indstat::Error;
    /// let err = Error::parse("period", "2022Q9", "a quarter is 1 to 4");
    /// assert_eq!(err.to_string(), "invalid period `2022Q9`: a quarter is 1 to 4");
    /// ```
    pub fn parse(what: &'static str, input: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::new(ErrorKind::Parse {
            what,
            input: input.into(),
            reason: reason.into(),
        })
    }

    /// Shorthand for an [`ErrorKind::Invalid`] error.
    ///
    /// # Example
    /// ```
    /// use indstat::Error;
    /// assert_eq!(Error::invalid("no claims").to_string(), "no claims");
    /// ```
    pub fn invalid(reason: impl Into<String>) -> Error {
        Error::new(ErrorKind::Invalid {
            reason: reason.into(),
        })
    }

    /// Shorthand for an [`ErrorKind::Overflow`] error.
    ///
    /// # Example
    /// ```
    /// use indstat::Error;
    /// assert_eq!(Error::overflow("a × b").to_string(), "overflow: a × b does not fit in a Decimal");
    /// ```
    pub fn overflow(operation: impl Into<String>) -> Error {
        Error::new(ErrorKind::Overflow {
            operation: operation.into(),
        })
    }

    /// Shorthand for an [`ErrorKind::Domain`] error.
    ///
    /// # Example
    /// ```
    /// use indstat::Error;
    /// let err = Error::domain("ln(x)", "x must be positive");
    /// assert_eq!(err.to_string(), "ln(x) is undefined: x must be positive");
    /// ```
    pub fn domain(operation: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::new(ErrorKind::Domain {
            operation: operation.into(),
            reason: reason.into(),
        })
    }

    /// Shorthand for an [`ErrorKind::NotFound`] error.
    ///
    /// # Example
    /// ```
    /// use indstat::Error;
    /// assert_eq!(Error::not_found("source", "caam").to_string(), "source `caam` not found");
    /// ```
    pub fn not_found(what: &'static str, name: impl Into<String>) -> Error {
        Error::new(ErrorKind::NotFound {
            what,
            name: name.into(),
        })
    }

    /// Shorthand for an [`ErrorKind::Io`] error.
    ///
    /// # Example
    /// ```
    /// use indstat::Error;
    /// let err = Error::io("missing.csv", "No such file or directory");
    /// assert_eq!(err.to_string(), "cannot access `missing.csv`: No such file or directory");
    /// ```
    pub fn io(path: impl Into<PathBuf>, message: impl fmt::Display) -> Error {
        Error::new(ErrorKind::Io {
            path: path.into(),
            message: message.to_string(),
        })
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Parse {
                what,
                input,
                reason,
            } => write!(f, "invalid {what} `{input}`: {reason}"),
            ErrorKind::IncompatibleUnits { from, to, reason } => {
                write!(f, "unit `{from}` cannot convert to `{to}`: {reason}")
            }
            ErrorKind::FrequencyMismatch { expected, found } => {
                write!(f, "period `{found}` is not {expected}")
            }
            ErrorKind::DuplicatePeriod { period } => {
                write!(f, "period `{period}` is given twice")
            }
            ErrorKind::Overflow { operation } => {
                write!(f, "overflow: {operation} does not fit in a Decimal")
            }
            ErrorKind::Domain { operation, reason } => {
                write!(f, "{operation} is undefined: {reason}")
            }
            ErrorKind::NotFound { what, name } => write!(f, "{what} `{name}` not found"),
            ErrorKind::Invalid { reason } => f.write_str(reason),
            ErrorKind::Io { path, message } => {
                write!(f, "cannot access `{}`: {message}", path.display())
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for place in self.0.context.iter().rev() {
            write!(f, "{place}: ")?;
        }
        write!(f, "{}", self.0.kind)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Debug shows the message too, so `?` in a doc test or main prints something readable.
        write!(f, "{self}")
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_reads_outermost_first() {
        let err = Error::new(ErrorKind::IncompatibleUnits {
            from: "10 thousand vehicles".into(),
            to: "yuan".into(),
            reason: "different dimensions".into(),
        })
        .context("series `nev_sales`")
        .context("data/reference/observations.csv line 14");
        assert_eq!(
            err.to_string(),
            "data/reference/observations.csv line 14: series `nev_sales`: unit `10 thousand vehicles` cannot convert to `yuan`: different dimensions"
        );
    }

    #[test]
    fn error_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }
}
