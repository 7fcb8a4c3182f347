//! The crate's one error type.
//!
//! Every error says *what* went wrong (its [`ErrorKind`]), *where* (a chain of context such as
//! a file and line, a series, a period or a claim) and *why*. Context is added from the inside
//! out, so a message reads from the outermost place to the problem:
//!
//! ```text
//! data/reference/observations.csv line 14: series `nev_sales`: unit `10 thousand vehicles` cannot convert to `yuan`
//! ```
//!
//! Programs need not read the message: [`Error::location`] gives the file and line as values,
//! predicates ([`Error::is_parse`], [`Error::is_unit`], …) the kind of problem, and
//! [`std::error::Error::source`] the underlying I/O, TOML or CSV error where there is one.

use std::fmt;
use std::path::{Path, PathBuf};

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
    /// The innermost file and line given with [`Error::at`].
    location: Option<(PathBuf, u64)>,
    /// The error of another library this one comes from.
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
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
            location: None,
            source: None,
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

    /// Adds the file and line where the error happened: as context (`file line 12: …`) and as
    /// the [`location`](Error::location), which keeps the innermost one given.
    ///
    /// # Example
    /// ```
    /// use indstat::Error;
    /// let err = Error::invalid("empty value").at("obs.csv", 12);
    /// assert_eq!(err.to_string(), "obs.csv line 12: empty value");
    /// assert_eq!(err.location(), Some((std::path::Path::new("obs.csv"), 12)));
    /// ```
    pub fn at(mut self, file: impl AsRef<Path>, line: u64) -> Error {
        let file = file.as_ref();
        self.0
            .context
            .push(format!("{} line {line}", file.display()));
        if self.0.location.is_none() {
            self.0.location = Some((file.to_path_buf(), line));
        }
        self
    }

    /// The file and 1-based line the error is about, when it is about a place in a file.
    ///
    /// # Example
    /// ```
    /// use indstat::dataset::FolderText;
    /// let folder = FolderText {
    ///     name: "d".into(),
    ///     sources: String::new(),
    ///     series: "[[series]]\nid = \"x\"\nunit = \"亿元\"\nfrequency = \"annual\"\nkind = \"flow\"\n".into(),
    ///     observations: "series,period,value\nx,2022,1\nx,2023,lots\n".into(),
    /// };
    /// let err = indstat::Dataset::from_texts(&[folder]).unwrap_err();
    /// let (file, line) = err.location().unwrap();
    /// assert_eq!((file.to_str(), line), (Some("d/observations.csv"), 3));
    /// assert!(err.is_parse());
    /// ```
    pub fn location(&self) -> Option<(&Path, u64)> {
        self.0
            .location
            .as_ref()
            .map(|(file, line)| (file.as_path(), *line))
    }

    /// The same error, caused by `source` (returned by [`std::error::Error::source`]).
    ///
    /// # Example
    /// ```
    /// use std::error::Error as _;
    /// let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
    /// let err = indstat::Error::io("x.csv", &io).with_source(io);
    /// assert!(err.source().unwrap().downcast_ref::<std::io::Error>().is_some());
    /// ```
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.0.source = Some(Box::new(source));
        self
    }

    /// Whether some text could not be read as what it should be (a period, unit, figure,
    /// value).
    ///
    /// # Example
    /// ```
    /// assert!("2022Q5".parse::<indstat::Period>().unwrap_err().is_parse());
    /// ```
    pub fn is_parse(&self) -> bool {
        matches!(self.0.kind, ErrorKind::Parse { .. })
    }

    /// Whether two units could not convert or combine.
    ///
    /// # Example
    /// ```
    /// let vehicles: indstat::Unit = "10 thousand vehicles".parse()?;
    /// assert!(vehicles.factor_to(&"yuan".parse()?).unwrap_err().is_unit());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn is_unit(&self) -> bool {
        matches!(self.0.kind, ErrorKind::IncompatibleUnits { .. })
    }

    /// Whether a period had another frequency than the one required.
    ///
    /// # Example
    /// ```
    /// let err = "2022Q1".parse::<indstat::Period>()?.expect_frequency(indstat::Frequency::Annual).unwrap_err();
    /// assert!(err.is_frequency());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn is_frequency(&self) -> bool {
        matches!(self.0.kind, ErrorKind::FrequencyMismatch { .. })
    }

    /// Whether a period was given a second value.
    ///
    /// # Example
    /// ```
    /// use indstat::{Frequency, Kind, Period, Series, SeriesMeta, Unit};
    /// let mut s = Series::new(SeriesMeta::new("x", Unit::number(), Frequency::Annual, Kind::Flow));
    /// s.insert(Period::year(2022), 1.0)?;
    /// assert!(s.insert(Period::year(2022), 2.0).unwrap_err().is_duplicate());
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn is_duplicate(&self) -> bool {
        matches!(self.0.kind, ErrorKind::DuplicatePeriod { .. })
    }

    /// Whether a result did not fit in a `Decimal` or a period's range.
    ///
    /// # Example
    /// ```
    /// assert!(indstat::Error::overflow("10^30").is_overflow());
    /// ```
    pub fn is_overflow(&self) -> bool {
        matches!(self.0.kind, ErrorKind::Overflow { .. })
    }

    /// Whether an operation was undefined on its inputs.
    ///
    /// # Example
    /// ```
    /// assert!(indstat::Error::domain("growth", "the base is zero").is_domain());
    /// ```
    pub fn is_domain(&self) -> bool {
        matches!(self.0.kind, ErrorKind::Domain { .. })
    }

    /// Whether something referred to (a series, a source, a column) does not exist.
    ///
    /// # Example
    /// ```
    /// assert!(indstat::Dataset::new().require("gdp").unwrap_err().is_not_found());
    /// ```
    pub fn is_not_found(&self) -> bool {
        matches!(self.0.kind, ErrorKind::NotFound { .. })
    }

    /// Whether well-formed input was invalid for another reason.
    ///
    /// # Example
    /// ```
    /// assert!(indstat::Error::invalid("two headers").is_invalid());
    /// ```
    pub fn is_invalid(&self) -> bool {
        matches!(self.0.kind, ErrorKind::Invalid { .. })
    }

    /// Whether a file could not be read or written.
    ///
    /// # Example
    /// ```
    /// assert!(indstat::Dataset::load("no/such/folder").unwrap_err().is_io());
    /// ```
    pub fn is_io(&self) -> bool {
        matches!(self.0.kind, ErrorKind::Io { .. })
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

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

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
    fn the_innermost_location_is_kept() {
        let err = Error::invalid("bad").at("inner.csv", 7).at("outer.toml", 2);
        assert_eq!(err.location(), Some((Path::new("inner.csv"), 7)));
        assert_eq!(err.to_string(), "outer.toml line 2: inner.csv line 7: bad");
        assert_eq!(Error::invalid("bad").location(), None);
    }

    #[test]
    fn error_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }
}
