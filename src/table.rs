//! Aligned plain-text tables for the terminal (the report table, the series listing).
//!
//! Widths are display columns, not characters: a CJK character such as `亿` takes two columns
//! in a terminal, so counting characters would shift every row that holds Chinese text.

use unicode_width::UnicodeWidthStr;

/// The widths of a table's columns, fitted to its header and cells (in display columns).
pub(crate) struct Columns {
    widths: Vec<usize>,
}

/// The columns `text` takes in a terminal.
fn display_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

impl Columns {
    /// Columns wide enough for `headers` and every row.
    pub(crate) fn fit<const N: usize>(headers: [&str; N], rows: &[[String; N]]) -> Columns {
        let widths = headers
            .iter()
            .enumerate()
            .map(|(i, header)| {
                rows.iter()
                    .filter_map(|r| r.get(i))
                    .map(|cell| display_width(cell))
                    .chain([display_width(header)])
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
        let fill = self.width(i).saturating_sub(display_width(cell));
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

    /// The column where the second cell of `line` starts, in display columns.
    fn second_column_at(line: &str, first_cell: &str) -> usize {
        let rest = &line[first_cell.len()..];
        let spaces = rest.len() - rest.trim_start().len();
        display_width(first_cell) + spaces
    }

    #[test]
    fn cjk_cells_take_two_columns_per_character_and_rows_stay_aligned() {
        // `亿元` is two characters but four terminal columns; `gdp` three. The header `SERIES`
        // is six columns, so the unit column starts at 6 + 2 = 8 on every line.
        let rows = [
            ["gdp".to_string(), "亿元".to_string()],
            ["工业增加值".to_string(), "yuan".to_string()],
        ];
        let c = Columns::fit(["SERIES", "UNIT"], &rows);
        // 工业增加值: five characters, ten columns, wider than the header.
        assert_eq!(c.width(0), 10);
        let header = c.line(&["SERIES", "UNIT"]);
        let first = c.line(&rows[0]);
        let second = c.line(&rows[1]);
        assert_eq!(second_column_at(&header, "SERIES"), 12);
        assert_eq!(second_column_at(&first, "gdp"), 12);
        assert_eq!(second_column_at(&second, "工业增加值"), 12);
        // 10 − 3 columns of padding, then the two-space gap.
        assert_eq!(first, format!("gdp{}亿元", " ".repeat(10 - 3 + 2)));
    }

    #[test]
    fn a_wide_cell_is_padded_by_its_display_width() {
        let c = Columns::fit(["A"], &[["万辆".to_string()]]);
        assert_eq!(c.width(0), 4);
        assert_eq!(c.pad(0, "a"), "a   ");
        assert_eq!(c.pad(0, "万"), "万  ");
    }
}
