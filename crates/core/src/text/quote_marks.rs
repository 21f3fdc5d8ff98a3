//! The quotation marks quotewire knows, with their roles, and sets of them that a stage chooses.
//!
//! There is one table, [`QUOTE_MARKS`]; each stage builds the [`QuoteSet`] it accepts from it
//! (by style, level and role), so the stages cannot disagree about what a mark is.

/// Where a mark stands in a quotation, as English and French typography use it.
///
/// German reverses some of them (`„…“`, `»…«`): a stage that reads such text uses the marks
/// without their roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Opens a quotation (`“`, `‘`, `«`, `„`).
    Opening,
    /// Closes a quotation (`”`, `’`, `»`).
    Closing,
    /// Opens or closes it (the straight `"` and `'`, the double prime `″`).
    Either,
}

/// Whether a mark is double (a quotation) or single (a quotation inside one, or an apostrophe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// `"`, `“`, `”`, `„`, `‟`, `«`, `»`, `″`.
    Double,
    /// `'`, `‘`, `’`, `‚`, `‹`, `›`.
    Single,
}

/// The family a mark belongs to: a quotation opens and closes with marks of one style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// The typewriter marks `"` and `'`.
    Straight,
    /// The English curly marks `“ ” ‘ ’`.
    Curly,
    /// The low curly marks `„ ‚` (German, Polish, Czech openings).
    LowCurly,
    /// The reversed curly mark `‟`.
    ReversedCurly,
    /// Guillemets `« » ‹ ›`.
    Guillemet,
    /// The double prime `″`, typed for a quotation mark in some sources.
    Prime,
}

/// One quotation mark and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QuoteMark {
    /// The character.
    pub ch: char,
    /// Opening, closing or either.
    pub role: Role,
    /// Double or single.
    pub level: Level,
    /// Its style family.
    pub style: Style,
}

const fn mark(ch: char, role: Role, level: Level, style: Style) -> QuoteMark {
    QuoteMark {
        ch,
        role,
        level,
        style,
    }
}

/// Every quotation mark quotewire knows.
pub const QUOTE_MARKS: [QuoteMark; 14] = {
    use Level::*;
    use Role::*;
    use Style::*;
    [
        mark('"', Either, Double, Straight),
        mark('\'', Either, Single, Straight),
        mark('“', Opening, Double, Curly),
        mark('”', Closing, Double, Curly),
        mark('‘', Opening, Single, Curly),
        mark('’', Closing, Single, Curly),
        mark('„', Opening, Double, LowCurly),
        mark('‚', Opening, Single, LowCurly),
        mark('‟', Opening, Double, ReversedCurly),
        mark('«', Opening, Double, Guillemet),
        mark('»', Closing, Double, Guillemet),
        mark('‹', Opening, Single, Guillemet),
        mark('›', Closing, Single, Guillemet),
        mark('″', Either, Double, Prime),
    ]
};

impl QuoteMark {
    /// The mark `c` is, if it is one.
    pub const fn of(c: char) -> Option<QuoteMark> {
        match index(c) {
            Some(i) => Some(QUOTE_MARKS[i]),
            None => None,
        }
    }
}

/// Position of `c` in [`QUOTE_MARKS`].
#[inline]
const fn index(c: char) -> Option<usize> {
    // Only two marks are ASCII; the others are all above U+00AA.
    if (c as u32) < 0x80 {
        return match c {
            '"' => Some(0),
            '\'' => Some(1),
            _ => None,
        };
    }
    let mut i = 2;
    while i < QUOTE_MARKS.len() {
        if QUOTE_MARKS[i].ch == c {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// A set of quotation marks chosen from [`QUOTE_MARKS`], built in `const` context.
///
/// ```
/// use quotewire_core::text::{QuoteSet, Style};
///
/// // Straight and English curly marks, and double guillemets.
/// const MARKS: QuoteSet = QuoteSet::ALL
///     .styles(&[Style::Straight, Style::Curly])
///     .union(QuoteSet::ALL.styles(&[Style::Guillemet]).double());
/// assert!(MARKS.contains('«') && !MARKS.contains('‹') && !MARKS.contains('a'));
/// assert!(MARKS.closing().contains('”') && !MARKS.closing().contains('“'));
/// assert!(MARKS.closing().contains('"'), "a straight mark opens and closes");
/// let text = "«Non», a-t-il dit.";
/// assert_eq!(text.trim_start_matches(|c| MARKS.contains(c)), "Non», a-t-il dit.");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QuoteSet(u16);

impl QuoteSet {
    /// Every mark of [`QUOTE_MARKS`].
    pub const ALL: QuoteSet = QuoteSet((1 << QUOTE_MARKS.len()) - 1);
    /// No mark.
    pub const NONE: QuoteSet = QuoteSet(0);

    const fn filter(self, keep: Keep<'_>) -> QuoteSet {
        let mut bits = 0;
        let mut i = 0;
        while i < QUOTE_MARKS.len() {
            if self.0 & (1 << i) != 0 && keep.keeps(&QUOTE_MARKS[i]) {
                bits |= 1 << i;
            }
            i += 1;
        }
        QuoteSet(bits)
    }

    /// The marks of this set in any of `styles`.
    pub const fn styles(self, styles: &[Style]) -> QuoteSet {
        self.filter(Keep::Styles(styles))
    }

    /// The double marks of this set.
    pub const fn double(self) -> QuoteSet {
        self.filter(Keep::Level(Level::Double))
    }

    /// The single marks of this set.
    pub const fn single(self) -> QuoteSet {
        self.filter(Keep::Level(Level::Single))
    }

    /// The marks of this set that can open a quotation ([`Role::Opening`] or [`Role::Either`]).
    pub const fn opening(self) -> QuoteSet {
        self.filter(Keep::Role(Role::Opening))
    }

    /// The marks of this set that can close a quotation ([`Role::Closing`] or [`Role::Either`]).
    pub const fn closing(self) -> QuoteSet {
        self.filter(Keep::Role(Role::Closing))
    }

    /// The marks in either set.
    pub const fn union(self, other: QuoteSet) -> QuoteSet {
        QuoteSet(self.0 | other.0)
    }

    /// The marks of this set that are not in `other`.
    pub const fn without(self, other: QuoteSet) -> QuoteSet {
        QuoteSet(self.0 & !other.0)
    }

    /// Whether `c` is a mark of this set.
    #[inline]
    pub const fn contains(self, c: char) -> bool {
        match index(c) {
            Some(i) => self.0 & (1 << i) != 0,
            None => false,
        }
    }

    /// The marks of this set, in the order of [`QUOTE_MARKS`].
    pub fn marks(self) -> impl Iterator<Item = QuoteMark> {
        QUOTE_MARKS
            .into_iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, m)| m)
    }
}

/// What [`QuoteSet::filter`] keeps (an enum, as trait methods and closures cannot be called in
/// a `const fn`).
#[derive(Clone, Copy)]
enum Keep<'a> {
    Styles(&'a [Style]),
    Level(Level),
    Role(Role),
}

impl Keep<'_> {
    const fn keeps(self, mark: &QuoteMark) -> bool {
        match self {
            Keep::Styles(styles) => {
                let mut j = 0;
                while j < styles.len() {
                    if styles[j] as u8 == mark.style as u8 {
                        return true;
                    }
                    j += 1;
                }
                false
            }
            Keep::Level(level) => level as u8 == mark.level as u8,
            Keep::Role(role) => matches!(mark.role, Role::Either) || role as u8 == mark.role as u8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_each_mark_once_and_index_finds_it() {
        for (i, m) in QUOTE_MARKS.iter().enumerate() {
            assert_eq!(index(m.ch), Some(i), "{}", m.ch);
            assert_eq!(QuoteMark::of(m.ch), Some(*m));
        }
        assert_eq!(QuoteSet::ALL.marks().count(), QUOTE_MARKS.len());
        assert_eq!(QuoteMark::of('a'), None);
        assert_eq!(QuoteMark::of('é'), None);
    }

    #[test]
    fn sets_by_style_level_and_role() {
        let chars = |s: QuoteSet| s.marks().map(|m| m.ch).collect::<String>();
        assert_eq!(chars(QuoteSet::ALL.double()), "\"“”„‟«»″");
        assert_eq!(
            chars(QuoteSet::ALL.without(QuoteSet::ALL.styles(&[Style::Prime]))),
            "\"'“”‘’„‚‟«»‹›"
        );
        let english = QuoteSet::ALL.styles(&[Style::Straight, Style::Curly]);
        assert_eq!(chars(english.opening()), "\"'“‘");
        assert_eq!(chars(english.closing()), "\"'”’");
        assert_eq!(
            chars(QuoteSet::ALL.single().styles(&[Style::Guillemet])),
            "‹›"
        );
        assert_eq!(
            chars(QuoteSet::NONE.union(QuoteSet::ALL.styles(&[Style::Prime]))),
            "″"
        );
    }
}
