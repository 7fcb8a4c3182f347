//! The data bundled with the crate, embedded in the binary so that `indstat` runs from any
//! folder: the official reference series (`data/reference`) and the SCIO briefing of
//! 2023-03-01 (`data/briefings/2023-03-01-scio-miit`) with its claims.

use crate::dataset::{Dataset, FolderText};
use crate::error::Result;

/// Where the bundled briefing lives in the repository.
pub const BRIEFING: &str = "data/briefings/2023-03-01-scio-miit";
/// Where the bundled reference data lives in the repository.
pub const REFERENCE: &str = "data/reference";

/// The bundled folders' texts: the reference data, then the briefing.
pub(crate) fn folders() -> Vec<FolderText> {
    vec![
        FolderText {
            name: REFERENCE.into(),
            sources: include_str!("../data/reference/sources.toml").into(),
            series: include_str!("../data/reference/series.toml").into(),
            observations: include_str!("../data/reference/observations.csv").into(),
        },
        FolderText {
            name: BRIEFING.into(),
            sources: include_str!("../data/briefings/2023-03-01-scio-miit/sources.toml").into(),
            series: include_str!("../data/briefings/2023-03-01-scio-miit/series.toml").into(),
            observations: include_str!("../data/briefings/2023-03-01-scio-miit/observations.csv")
                .into(),
        },
    ]
}

/// The bundled claims file's text.
pub(crate) const CLAIMS: &str = include_str!("../data/briefings/2023-03-01-scio-miit/claims.toml");

impl Dataset {
    /// The data bundled with the crate: the official reference series and the figures of
    /// the SCIO briefing of 2023-03-01, embedded in the binary.
    ///
    /// # Errors
    /// Never in a released build (the bundled files are tested); the `Result` keeps the
    /// loader's contract.
    ///
    /// # Example
    /// ```
    /// let data = indstat::Dataset::bundled()?;
    /// assert!(data.len() > 60);
    /// # Ok::<(), indstat::Error>(())
    /// ```
    pub fn bundled() -> Result<Dataset> {
        Dataset::from_texts(&folders())
    }
}
