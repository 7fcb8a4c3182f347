//! The transcript as characters: offsets are Unicode scalar positions, and every look-up is
//! bounds-checked so that no input can make the extractor panic.

/// The characters of a transcript, and the same characters folded for matching: full-width
/// digits and signs to ASCII, traditional 萬 and 億 to 万 and 亿, ASCII letters to lower case.
/// Folding is one character for one character, so offsets agree between the two.
pub(crate) struct Chars {
    pub(crate) raw: Vec<char>,
    pub(crate) folded: Vec<char>,
}

impl Chars {
    pub(crate) fn new(text: &str) -> Chars {
        let raw: Vec<char> = text.chars().collect();
        let folded = raw.iter().map(|&c| fold(c)).collect();
        Chars { raw, folded }
    }

    pub(crate) fn len(&self) -> usize {
        self.raw.len()
    }

    /// The folded character at `i`, or a space outside the text (a neutral boundary).
    pub(crate) fn at(&self, i: usize) -> char {
        self.folded.get(i).copied().unwrap_or(' ')
    }

    /// The folded character before `i`, or a space at the start.
    pub(crate) fn before(&self, i: usize) -> char {
        i.checked_sub(1).map_or(' ', |j| self.at(j))
    }

    /// The original text of `start..end` (clamped to the text).
    pub(crate) fn raw_text(&self, start: usize, end: usize) -> String {
        let end = end.min(self.raw.len());
        self.raw
            .get(start.min(end)..end)
            .map(|s| s.iter().collect())
            .unwrap_or_default()
    }

    /// The folded text of `start..end` (clamped to the text).
    pub(crate) fn folded_text(&self, start: usize, end: usize) -> String {
        let end = end.min(self.folded.len());
        self.folded
            .get(start.min(end)..end)
            .map(|s| s.iter().collect())
            .unwrap_or_default()
    }

    /// Whether the folded text at `i` starts with `word` (already folded: lower-case ASCII).
    pub(crate) fn has_at(&self, i: usize, word: &str) -> bool {
        (i..)
            .zip(word.chars())
            .all(|(j, c)| j < self.len() && self.at(j) == c)
    }

    /// The position in `list` of the word that is exactly the folded text `start..end`,
    /// compared in place (no allocation: this runs for every word near a number).
    pub(crate) fn word_in(&self, start: usize, end: usize, list: &[&str]) -> Option<usize> {
        let n = end.checked_sub(start)?;
        list.iter()
            .position(|w| w.len() >= n && w.chars().count() == n && self.has_at(start, w))
    }

    /// Whether the folded text ending just before `end` ends with `word`.
    pub(crate) fn has_before(&self, end: usize, word: &str) -> bool {
        let n = word.chars().count();
        match end.checked_sub(n) {
            Some(start) => self.has_at(start, word),
            None => false,
        }
    }
}

/// The folding described on [`Chars`].
pub(crate) fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '％' => '%',
        '－' | '−' => '-',
        '＋' => '+',
        // Traditional characters of the figure grammar and of the words around figures.
        '萬' => '万',
        '億' => '亿',
        '過' => '过',
        '約' => '约',
        '將' => '将',
        '餘' => '余',
        '輛' => '辆',
        '個' => '个',
        '點' => '点',
        '長' => '长',
        '噸' => '吨',
        '臺' => '台',
        '戶' => '户',
        '產' => '产',
        '銷' => '销',
        '為' => '为',
        '達' => '达',
        '減' => '减',
        '總' => '总',
        '額' => '额',
        '較' => '较',
        '與' => '与',
        '幣' => '币',
        '際' => '际',
        '資' => '资',
        '業' => '业',
        '務' => '务',
        '計' => '计',
        '當' => '当',
        '屆' => '届',
        '號' => '号',
        '時' => '时',
        '從' => '从',
        '於' => '于',
        '佔' => '占',
        '貿' => '贸',
        '車' => '车',
        '進' => '进',
        '動' => '动',
        '機' => '机',
        '國' => '国',
        '內' => '内',
        '據' => '据',
        '網' => '网',
        '電' => '电',
        '訊' => '讯',
        '設' => '设',
        '備' => '备',
        '術' => '术',
        '經' => '经',
        '濟' => '济',
        '發' => '发',
        '區' => '区',
        '農' => '农',
        '廠' => '厂',
        '營' => '营',
        '稅' => '税',
        '費' => '费',
        '規' => '规',
        '標' => '标',
        '準' => '准',
        '聯' => '联',
        '終' => '终',
        '數' => '数',
        '價' => '价',
        '貨' => '货',
        '運' => '运',
        '輸' => '输',
        '鐵' => '铁',
        '鋼' => '钢',
        '礦' => '矿',
        '氣' => '气',
        '東' => '东',
        '軟' => '软',
        '體' => '体',
        '實' => '实',
        '現' => '现',
        '淨' => '净',
        '導' => '导',
        '積' => '积',
        '場' => '场',
        '質' => '质',
        '線' => '线',
        '儲' => '储',
        '銀' => '银',
        '險' => '险',
        '證' => '证',
        '級' => '级',
        '製' => '制',
        'A'..='Z' => c.to_ascii_lowercase(),
        'Ａ'..='Ｚ' => char::from_u32(c as u32 - 'Ａ' as u32 + 'a' as u32).unwrap_or(c),
        'ａ'..='ｚ' => char::from_u32(c as u32 - 'ａ' as u32 + 'a' as u32).unwrap_or(c),
        '\u{a0}' | '\u{3000}' => ' ',
        _ => c,
    }
}

/// Chinese, Japanese and Korean ideographs: no spaces between words.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// A letter of a Latin-script word (folded text is lower case).
pub(crate) fn is_latin(c: char) -> bool {
    c.is_alphabetic() && !is_cjk(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_offsets() {
        let c = Chars::new("增长１２．５％，萬億 ABC");
        assert_eq!(c.raw.len(), c.folded.len());
        assert_eq!(c.folded_text(2, 7), "12.5%");
        assert_eq!(c.folded_text(8, 10), "万亿");
        assert!(c.has_at(11, "abc"));
        assert!(c.has_before(7, "5%"));
        assert!(!c.has_before(1, "5%"));
        assert_eq!(c.raw_text(5, 100), "５％，萬億 ABC");
        assert_eq!(c.raw_text(100, 5), "");
    }
}
