//! Token tagging for a learned attribution model: BIO labels over word pieces, the windows a
//! long document is read in, constrained (Viterbi) decoding, and the byte spans the labels give.
//!
//! Nothing here needs a model: the encoder (feature `transformer`, [`crate::learned`]) gives each
//! word piece a score per [`Label`], and these functions turn scores into spans of the original
//! text. A word piece is a byte span of the text (as the tokenizer's offsets give it); a span read
//! from labels runs from the start of its first piece to the end of its last, so it is exact in
//! bytes whatever the text's characters are.
//!
//! ```
//! use quotewire_attrib::tagging::{Label, Role, RoleSpan, decode, piece_labels, spans_of};
//! use quotewire_core::Span;
//!
//! let text = "Kōno said no.";
//! let pieces = [Span::new(0, 5), Span::new(6, 10), Span::new(11, 13), Span::new(13, 14)];
//! let gold = [RoleSpan::new(Role::Source, Span::new(0, 5)), RoleSpan::new(Role::Cue, Span::new(6, 10))];
//! let labels = piece_labels(&pieces, &gold);
//! assert_eq!(labels, [Label::B(Role::Source), Label::B(Role::Cue), Label::O, Label::O]);
//! let spans = spans_of(&labels, &pieces);
//! assert_eq!(&text[spans[0].span.range()], "Kōno");
//! // Scores that favour an illegal `O I-cue`: the decoder gives a legal reading instead.
//! let mut scores = vec![[-9.0f32; 7]; 2];
//! scores[0][Label::O.index()] = 0.0;
//! scores[1][Label::I(Role::Cue).index()] = 0.0;
//! scores[1][Label::B(Role::Cue).index()] = -1.0;
//! assert_eq!(decode(&scores, &[false, false]), [Label::O, Label::B(Role::Cue)]);
//! ```

use quotewire_core::Span;

pub use quotewire_core::bio::{LABELS, Label, Role};

/// Whether `label` may follow `previous` (`None` at the start): `I-x` only after `B-x` or `I-x`;
/// when the piece continues the previous piece's word, only `I-x` after `B-x`/`I-x` and `O` after
/// `O`, so that a span never starts or ends inside a word.
pub fn may_follow(label: Label, previous: Option<Label>, continues_word: bool) -> bool {
    let previous_role = previous.and_then(Label::role);
    match label {
        Label::I(r) => previous_role == Some(r),
        Label::O => !continues_word || previous_role.is_none(),
        Label::B(_) => !continues_word || previous.is_none(),
    }
}

/// A byte span of one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleSpan {
    /// The role.
    pub role: Role,
    /// The bytes.
    pub span: Span,
}

impl RoleSpan {
    /// A span of `role`.
    pub const fn new(role: Role, span: Span) -> Self {
        RoleSpan { role, span }
    }
}

fn covers(span: Span, byte: usize) -> bool {
    span.start <= byte && byte < span.end
}

/// The training labels of `pieces` (byte spans, in text order) from gold spans: each piece takes
/// the role of its first byte (where gold spans overlap, cue before source before content), and
/// is `B` where the role changes or a gold span of its role starts (covers its first byte but not
/// the previous piece's).
pub fn piece_labels(pieces: &[Span], gold: &[RoleSpan]) -> Vec<Label> {
    let role_at = |byte: usize| {
        Role::PRECEDENCE
            .into_iter()
            .find(|&r| gold.iter().any(|g| g.role == r && covers(g.span, byte)))
    };
    let mut labels = Vec::with_capacity(pieces.len());
    let mut previous: Option<(Role, usize)> = None;
    for piece in pieces {
        let label = match role_at(piece.start) {
            None => Label::O,
            Some(role) => {
                let starts = match previous {
                    Some((r, before)) if r == role => gold.iter().any(|g| {
                        g.role == role && covers(g.span, piece.start) && !covers(g.span, before)
                    }),
                    _ => true,
                };
                if starts {
                    Label::B(role)
                } else {
                    Label::I(role)
                }
            }
        };
        previous = role_at(piece.start).map(|r| (r, piece.start));
        labels.push(label);
    }
    labels
}

/// The spans of a label sequence over `pieces`: `B-x` opens a span of role x, `I-x` continues
/// it, anything else closes it (an `I-x` with no open span of role x starts one, so that no
/// label is lost; [`decode`] never gives one). A span runs from its first piece's start to its
/// last piece's end.
pub fn spans_of(labels: &[Label], pieces: &[Span]) -> Vec<RoleSpan> {
    let mut out = Vec::new();
    let mut open: Option<(Role, usize, usize)> = None;
    for (label, piece) in labels.iter().zip(pieces) {
        match (*label, open) {
            (Label::I(r), Some((role, start, _))) if r == role => {
                open = Some((role, start, piece.end));
            }
            _ => {
                if let Some((role, start, end)) = open.take() {
                    out.push(RoleSpan::new(role, Span::new(start, end)));
                }
                if let Label::B(r) | Label::I(r) = label {
                    open = Some((*r, piece.start, piece.end));
                }
            }
        }
    }
    if let Some((role, start, end)) = open {
        out.push(RoleSpan::new(role, Span::new(start, end)));
    }
    out
}

/// The best label sequence for per-piece scores (log-probabilities, one row of [`LABELS`] per
/// piece, in [`Label::ALL`] order) among those whose every step is legal ([`may_follow`];
/// `continues_word[i]` says piece `i` continues piece `i - 1`'s word). A score that is not a
/// number counts as impossible; an empty input gives no labels.
pub fn decode(scores: &[[f32; LABELS]], continues_word: &[bool]) -> Vec<Label> {
    let n = scores.len();
    if n == 0 {
        return Vec::new();
    }
    let score = |row: &[f32; LABELS], j: usize| {
        let s = f64::from(row[j]);
        if s.is_nan() { f64::NEG_INFINITY } else { s }
    };
    let continues = |i: usize| continues_word.get(i).copied().unwrap_or(false);
    // best[j]: the best total of a legal path ending in label j; back[i][j]: its label before.
    let mut best = [f64::NEG_INFINITY; LABELS];
    let mut legal = [false; LABELS];
    for (j, label) in Label::ALL.iter().enumerate() {
        if may_follow(*label, None, false) {
            best[j] = score(&scores[0], j);
            legal[j] = true;
        }
    }
    let mut back = vec![[0u8; LABELS]; n];
    for i in 1..n {
        let mut next = [f64::NEG_INFINITY; LABELS];
        let mut next_legal = [false; LABELS];
        for (j, label) in Label::ALL.iter().enumerate() {
            let mut chosen: Option<(usize, f64)> = None;
            for (k, previous) in Label::ALL.iter().enumerate() {
                if !legal[k] || !may_follow(*label, Some(*previous), continues(i)) {
                    continue;
                }
                if chosen.is_none_or(|(_, s)| best[k] > s) {
                    chosen = Some((k, best[k]));
                }
            }
            if let Some((k, s)) = chosen {
                next[j] = s + score(&scores[i], j);
                next_legal[j] = true;
                back[i][j] = k as u8;
            }
        }
        best = next;
        legal = next_legal;
    }
    // `O` is legal after every label, so a legal path always exists.
    let mut last = 0;
    for j in 0..LABELS {
        if legal[j] && (!legal[last] || best[j] > best[last]) {
            last = j;
        }
    }
    let mut labels = vec![Label::O; n];
    let mut j = last;
    for i in (0..n).rev() {
        labels[i] = Label::ALL[j];
        j = usize::from(back[i][j]);
    }
    labels
}

/// How a long sequence of word pieces is read: windows of `size` pieces, each `stride` after the
/// one before, the last reaching the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Windows {
    /// Pieces per window (the encoder adds its two special tokens around them).
    pub size: usize,
    /// Pieces from one window's start to the next one's.
    pub stride: usize,
}

impl Default for Windows {
    /// 254 pieces (256 tokens with the two special ones), a stride of 128.
    fn default() -> Self {
        Windows {
            size: 254,
            stride: 128,
        }
    }
}

impl Windows {
    /// Windows of the same size with no context: for [`Windows::packed`], each piece read once,
    /// in the window that labels it.
    pub fn without_context(self) -> Windows {
        Windows {
            size: self.size,
            stride: self.size,
        }
    }

    /// The windows (piece ranges `start..end`) over `n` pieces: one when they fit, none when
    /// there are none. A size or stride of 0 counts as 1, a stride over the size as the size.
    pub fn over(&self, n: usize) -> Vec<std::ops::Range<usize>> {
        let size = self.size.max(1);
        let stride = self.stride.clamp(1, size);
        let mut out = Vec::new();
        let mut start = 0;
        while start < n {
            let end = (start + size).min(n);
            out.push(start..end);
            if end == n {
                break;
            }
            start += stride;
        }
        out
    }

    /// The windows of [`Windows::over`], each labelling the pieces it holds most centrally
    /// (the farthest from its nearer edge; of equals, the first window).
    pub fn labelled(&self, n: usize) -> Vec<Window> {
        let over = self.over(n);
        let owners = owners(&over, n);
        over.iter()
            .enumerate()
            .map(|(w, read)| {
                let start = read.clone().find(|&i| owners[i] == w).unwrap_or(read.start);
                let end = read
                    .clone()
                    .rev()
                    .find(|&i| owners[i] == w)
                    .map_or(start, |i| i + 1);
                Window {
                    read: read.clone(),
                    labels: start..end,
                }
            })
            .collect()
    }

    /// Windows that label whole sentences: each labels as many whole sentences as fit in
    /// `stride` pieces and reads them with `size - stride` pieces of context around them (as
    /// many before as after, where the text has them), the next starting where the next sentence
    /// starts, so that no sentence is cut and each piece is labelled once. A sentence longer than
    /// `stride` is labelled by [`Windows::labelled`]'s windows over it alone. `pieces` are the
    /// pieces' byte spans in text order, `sentences` the text's, in order (with none, the text
    /// reads as one sentence).
    pub fn packed(&self, pieces: &[Span], sentences: &[Span]) -> Vec<Window> {
        let n = pieces.len();
        let size = self.size.max(1);
        let core = self.stride.clamp(1, size);
        let context = size - core;
        // Where a sentence starts, as a piece index inside the text.
        let mut cuts: Vec<usize> = sentences
            .iter()
            .map(|s| pieces.partition_point(|p| p.start < s.start))
            .filter(|&i| 0 < i && i < n)
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        cuts.push(n);
        let mut out = Vec::new();
        let mut start = 0;
        while start < n {
            let first = cuts.partition_point(|&c| c <= start);
            let fits = cuts[first..].partition_point(|&c| c - start <= core);
            if fits > 0 {
                let end = cuts[first + fits - 1];
                let before = (context / 2)
                    .max(context.saturating_sub(n - end))
                    .min(start);
                let read_start = start - before;
                let read_end = (end + context - before).min(n);
                out.push(Window {
                    read: read_start..read_end,
                    labels: start..end,
                });
                start = end;
            } else {
                // One sentence longer than a window's labels: read alone, in overlapping windows.
                let end = cuts[first];
                out.extend(self.labelled(end - start).into_iter().map(|w| Window {
                    read: start + w.read.start..start + w.read.end,
                    labels: start + w.labels.start..start + w.labels.end,
                }));
                start = end;
            }
        }
        out
    }
}

/// A window of word pieces: those read (a range of piece indices), and the part of them whose
/// labels it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// The pieces read.
    pub read: std::ops::Range<usize>,
    /// The pieces labelled (inside `read`).
    pub labels: std::ops::Range<usize>,
}

/// For each of `n` pieces, the window (an index into `windows`, which together cover the pieces)
/// in which it is most central: the farthest from that window's nearer edge (of equals, the
/// first).
fn owners(windows: &[std::ops::Range<usize>], n: usize) -> Vec<usize> {
    let mut owner = vec![0; n];
    let mut margin: Vec<Option<usize>> = vec![None; n];
    for (w, range) in windows.iter().enumerate() {
        for i in range.clone().filter(|&i| i < n) {
            let m = (i - range.start).min(range.end - 1 - i);
            if margin[i].is_none_or(|best| m > best) {
                owner[i] = w;
                margin[i] = Some(m);
            }
        }
    }
    owner
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use Role::{Content, Cue, Source};

    fn find(text: &str, part: &str) -> Span {
        let start = text.find(part).unwrap();
        Span::new(start, start + part.len())
    }

    /// Whitespace-separated words, punctuation split off, as byte spans (a stand-in tokenizer).
    fn pieces(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            let punct = c.is_ascii_punctuation() || "“”’".contains(c);
            if c.is_whitespace() || punct {
                if let Some(s) = start.take() {
                    out.push(Span::new(s, i));
                }
                if punct {
                    out.push(Span::new(i, i + c.len_utf8()));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        out
    }

    #[test]
    fn labels_index_round_trip() {
        for (i, label) in Label::ALL.iter().enumerate() {
            assert_eq!(label.index(), i);
            assert_eq!(Label::from_index(i), *label);
        }
        assert_eq!(Label::from_index(LABELS), Label::O);
    }

    #[test]
    fn gold_becomes_labels_and_labels_give_back_the_exact_bytes() {
        let text = "Séoul’s minister said “no cool answers” came from Kōno.";
        let toks = pieces(text);
        let gold = [
            RoleSpan::new(Source, find(text, "Séoul’s minister")),
            RoleSpan::new(Cue, find(text, "said")),
            RoleSpan::new(Content, find(text, "“no cool answers” came from Kōno")),
        ];
        let labels = piece_labels(&toks, &gold);
        let spans = spans_of(&labels, &toks);
        assert_eq!(spans, gold);
        let read: Vec<&str> = spans.iter().map(|s| &text[s.span.range()]).collect();
        assert_eq!(
            read,
            [
                "Séoul’s minister",
                "said",
                "“no cool answers” came from Kōno"
            ]
        );
    }

    #[test]
    fn overlaps_go_to_cue_then_source_then_content_and_adjacent_spans_begin_anew() {
        let text = "Ça va. Très bien, said Zoë.";
        let toks = pieces(text);
        let gold = [
            RoleSpan::new(Content, find(text, "Ça va.")),
            RoleSpan::new(Content, find(text, "Très bien, said Zoë")),
            RoleSpan::new(Source, find(text, "said Zoë")),
            RoleSpan::new(Cue, find(text, "said")),
        ];
        let labels = piece_labels(&toks, &gold);
        use Label::{B, I, O};
        assert_eq!(
            labels,
            [
                B(Content),
                I(Content),
                I(Content),
                B(Content),
                I(Content),
                I(Content),
                B(Cue),
                B(Source),
                O
            ]
        );
        let spans = spans_of(&labels, &toks);
        assert_eq!(&text[spans[1].span.range()], "Très bien,");
        assert_eq!(&text[spans[3].span.range()], "Zoë");
    }

    #[test]
    fn a_stray_inside_label_still_makes_a_span() {
        let toks = [Span::new(0, 2), Span::new(3, 5), Span::new(6, 8)];
        let labels = [Label::I(Cue), Label::I(Content), Label::O];
        assert_eq!(
            spans_of(&labels, &toks),
            [
                RoleSpan::new(Cue, Span::new(0, 2)),
                RoleSpan::new(Content, Span::new(3, 5))
            ]
        );
    }

    fn legal(labels: &[Label], continues: &[bool]) -> bool {
        labels.iter().enumerate().all(|(i, label)| {
            let previous = i.checked_sub(1).map(|p| labels[p]);
            may_follow(*label, previous, i > 0 && continues[i])
        })
    }

    #[test]
    fn decoding_takes_the_best_legal_path() {
        let mut scores = vec![[-10.0f32; LABELS]; 3];
        // Argmax alone: I-content, I-content, O: illegal at the start.
        scores[0][Label::I(Content).index()] = -0.1;
        scores[0][Label::B(Content).index()] = -2.0;
        scores[1][Label::I(Content).index()] = -0.1;
        scores[2][Label::O.index()] = -0.1;
        let labels = decode(&scores, &[false; 3]);
        assert_eq!(labels, [Label::B(Content), Label::I(Content), Label::O]);
        // A piece continuing a word cannot start a span or leave one.
        let mut scores = vec![[-10.0f32; LABELS]; 2];
        scores[0][Label::B(Cue).index()] = -0.5;
        scores[0][Label::O.index()] = -0.6;
        scores[1][Label::O.index()] = -0.1;
        scores[1][Label::I(Cue).index()] = -3.0;
        assert_eq!(decode(&scores, &[false, true]), [Label::O, Label::O]);
        assert_eq!(decode(&scores, &[false, false]), [Label::B(Cue), Label::O]);
        assert!(decode(&[], &[]).is_empty());
        // Not-a-number scores are impossible, never chosen over a number.
        let mut scores = [[f32::NAN; LABELS]; 2];
        scores[1][Label::B(Source).index()] = -1.0;
        scores[0][Label::O.index()] = -1.0;
        assert_eq!(
            decode(&scores, &[false, false]),
            [Label::O, Label::B(Source)]
        );
    }

    proptest! {
        #[test]
        fn decoding_never_gives_an_illegal_transition(
            rows in proptest::collection::vec(proptest::array::uniform7(-20.0f32..0.0), 0..40),
            continues in proptest::collection::vec(any::<bool>(), 40),
        ) {
            let labels = decode(&rows, &continues[..rows.len()]);
            prop_assert_eq!(labels.len(), rows.len());
            prop_assert!(legal(&labels, &continues), "{:?}", labels);
            // Exhaustively, on short inputs, no legal path scores higher.
            if rows.len() <= 4 {
                let total = |l: &[Label]| l.iter().zip(&rows).map(|(l, r)| f64::from(r[l.index()])).sum::<f64>();
                let mut best = f64::NEG_INFINITY;
                let n = rows.len();
                for code in 0..LABELS.pow(n as u32) {
                    let path: Vec<Label> = (0..n).map(|i| Label::ALL[code / LABELS.pow(i as u32) % LABELS]).collect();
                    if legal(&path, &continues) {
                        best = best.max(total(&path));
                    }
                }
                if n > 0 {
                    prop_assert!((total(&labels) - best).abs() < 1e-6);
                }
            }
        }

        #[test]
        fn windows_cover_every_piece_and_each_labels_what_it_reads(
            n in 0usize..2000, size in 1usize..300, stride in 1usize..300,
        ) {
            let windows = Windows { size, stride };
            let over = windows.over(n);
            if n > 0 {
                prop_assert_eq!(over.last().unwrap().end, n);
                prop_assert!(over.iter().all(|r| r.len() <= size && !r.is_empty()));
            }
            check_labelled(&windows.labelled(n), n, size)?;
        }

        #[test]
        fn packed_windows_label_every_piece_once_and_keep_sentences_whole(
            lengths in proptest::collection::vec(1usize..400, 0..30),
            size in 1usize..300, stride in 1usize..300,
        ) {
            // Pieces of one byte each; sentences of the lengths given, a byte apart.
            let mut pieces = Vec::new();
            let mut sentences = Vec::new();
            let mut at = 0;
            for len in &lengths {
                sentences.push(Span::new(at, at + 2 * len));
                pieces.extend((0..*len).map(|i| Span::new(at + 2 * i, at + 2 * i + 1)));
                at += 2 * len + 1;
            }
            let windows = Windows { size, stride };
            let packed = windows.packed(&pieces, &sentences);
            check_labelled(&packed, pieces.len(), size)?;
            // Each window labels whole sentences, or a part of one longer than `stride`.
            let bounds: Vec<(usize, usize)> = lengths
                .iter()
                .scan(0, |n, l| { *n += l; Some((*n - l, *n)) })
                .collect();
            for w in &packed {
                let whole = bounds.iter().any(|b| b.0 == w.labels.start)
                    && bounds.iter().any(|b| b.1 == w.labels.end);
                let inside_long = bounds.iter().any(|&(a, b)| {
                    b - a > stride.min(size) && a <= w.labels.start && w.labels.end <= b
                });
                prop_assert!(whole || inside_long, "{:?} {:?}", w, bounds);
            }
        }

        #[test]
        fn labels_of_any_gold_read_back_in_bounds(
            text in "[a-zé“” .,]{0,80}",
            raw in proptest::collection::vec((0usize..3, 0usize..100, 0usize..100), 0..6),
        ) {
            let toks = pieces(&text);
            let gold: Vec<RoleSpan> = raw.iter().map(|&(r, a, b)| {
                let (a, b) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
                RoleSpan::new(Role::PRECEDENCE[r], Span::new(a, b))
            }).collect();
            let labels = piece_labels(&toks, &gold);
            let spans = spans_of(&labels, &toks);
            let mut end = 0;
            for s in &spans {
                prop_assert!(s.span.slice(&text).is_some());
                prop_assert!(s.span.start >= end && s.span.start < s.span.end);
                end = s.span.end;
            }
        }
    }

    /// Every window reads at most `size` pieces and labels a part of them; together they label
    /// each of `n` pieces once, in order.
    fn check_labelled(windows: &[Window], n: usize, size: usize) -> Result<(), TestCaseError> {
        let mut next = 0;
        for w in windows {
            prop_assert!(w.read.len() <= size.max(1) && w.read.end <= n, "{:?}", w);
            prop_assert!(
                w.read.start <= w.labels.start && w.labels.end <= w.read.end,
                "{:?}",
                w
            );
            prop_assert_eq!(w.labels.start, next);
            prop_assert!(!w.labels.is_empty());
            next = w.labels.end;
        }
        prop_assert_eq!(next, n);
        Ok(())
    }

    #[test]
    fn each_piece_is_labelled_by_the_window_where_it_is_most_central() {
        let windows = Windows { size: 4, stride: 2 };
        assert_eq!(windows.over(7), [0..4, 2..6, 4..7]);
        // Piece 2 is at margin 1 in 0..4 and 0 in 2..6; piece 3 margin 0 / 1 / -.
        let labels: Vec<_> = windows.labelled(7).into_iter().map(|w| w.labels).collect();
        assert_eq!(labels, [0..3, 3..5, 5..7]);
        assert_eq!(windows.over(3), vec![std::ops::Range { start: 0, end: 3 }]);
        assert!(windows.over(0).is_empty());
        assert_eq!(Windows::default().over(300), [0..254, 128..300]);
    }
}
