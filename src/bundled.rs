//! The data bundled with the crate, embedded in the binary so that `indstat` runs from any
//! folder: the official reference series (`data/reference`) and the SCIO briefing of
//! 2023-03-01 (`data/briefings/2023-03-01-scio-miit`) with its claims.

use crate::dataset::FolderText;

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
