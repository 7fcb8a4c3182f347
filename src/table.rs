//! Aligned plain-text tables for the terminal (the report table, the series listing).

/// The widths of a table's columns, fitted to its header and cells (counted in characters).
pub(crate) struct Columns {
    widths: Vec<usize>,
}

impl Columns {
    /// Columns wide enough for `headers` and every row.
    pub(crate) fn fit<const N: usize>(headers: [&str; N], rows: &[[String; N]]) -> Columns {
        let widths = (0..N)
            .map(|i| {
                rows.iter()
                    .map(|r| r[i].chars().count())
                    .chain([headers[i].chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        Columns { widths }
    }

    /// The width of column `i`.
    pub(crate) fn width(&self, i: usize) -> usize {
        self.widths.get(i).copied().unwrap_or(0)
    }

    /// `cell` padded with spaces to column `i`'s width.
    pub(crate) fn pad(&self, i: usize, cell: &str) -> String {
        let fill = self.width(i).saturating_sub(cell.chars().count());
        format!("{cell}{}", " ".repeat(fill))
    }

    /// One line of padded cells, two spaces apart, without trailing spaces.
    pub(crate) fn line<S: AsRef<str>>(&self, cells: &[S]) -> String {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| self.pad(i, c.as_ref()))
            .collect();
        padded.join("  ").trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fit_the_widest_cell_in_characters() {
        let rows = [["gdp".to_string(), "亿元".to_string()]];
        let c = Columns::fit(["SERIES", "UNIT"], &rows);
        assert_eq!(c.line(&["SERIES", "UNIT"]), "SERIES  UNIT");
        assert_eq!(c.line(&rows[0]), "gdp     亿元");
    }
}
