//! The literature's PolNeAR metric (CofeNet's protocol): attributions scored on *instances*,
//! windows of sentences with one BIO tag per token (`derived/cofenet_dev_instances.jsonl`).
//!
//! A prediction's byte spans become tags ([`tags`]): a token takes a role when its bytes lie
//! inside a span of that role; an attribution lying wholly inside another's content is dropped
//! first (the gold never nests, the outer content wins); where spans overlap, cue wins over
//! source and source over content; a token is `B-` where the role changes or a span of its role
//! starts, else `I-`. Spans are then read back from the tags ([`spans`]) and a gold span is a
//! hit only when a predicted span has the same role and the same first and last token. Hits are
//! pooled over all instances (micro P/R/F1 per role), with begin-match beside (same role, same
//! first token), and only the first [`MAX_TOKENS`] tokens of an instance count.
//!
//! The brat dev gold of every annotator through [`tags`] gives back the instances' own spans but
//! for 11 of about 7,000: spans that an annotator started one character into a word (`ot to
//! recommend`, the second `'` of a `''`), whose word CofeNet's tags count and [`tags`] does not.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use quotewire_core::Span;
pub use quotewire_core::bio::{Label, Role};
use serde::Deserialize;

use crate::attribution::doc_key;
use crate::gold::{Attribution, GoldDoc};
use crate::prf::Counts;
use crate::{EvalError, read_to_string};

/// Tokens of an instance that are scored: the first 300, as published.
pub const MAX_TOKENS: usize = 300;

/// The dev instances file, relative to the shared data folder.
pub const DEV_INSTANCES: &str = "polnear/derived/cofenet_dev_instances.jsonl";

/// The spans of `a` of one role.
fn spans_of(role: Role, a: &Attribution) -> &[Span] {
    match role {
        Role::Cue => &a.cue,
        Role::Source => &a.source,
        Role::Content => &a.content,
    }
}

/// One instance: tokens as byte spans into its article, with their gold tags.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Instance {
    /// Its number in the file.
    pub instance: usize,
    /// The article's file name (`<article>.txt`).
    pub doc: String,
    /// The annotation the tags come from (`<article>_<annotator>`).
    pub annotated_as: String,
    /// Tokens, in order.
    pub tokens: Vec<Span>,
    /// One tag per token.
    pub labels: Vec<Label>,
}

/// Reads an instances file (JSON Lines), checking that each instance has a tag per token.
pub fn read_instances(path: &Path) -> Result<Vec<Instance>, EvalError> {
    let data = read_to_string(path)?;
    let mut instances = Vec::new();
    for (i, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let instance: Instance = serde_json::from_str(line).map_err(|source| EvalError::Json {
            path: path.into(),
            line: i + 1,
            source,
        })?;
        if instance.tokens.len() != instance.labels.len() {
            return Err(EvalError::Format {
                path: path.into(),
                line: i + 1,
                message: format!(
                    "{} tokens but {} labels",
                    instance.tokens.len(),
                    instance.labels.len()
                ),
            });
        }
        instances.push(instance);
    }
    Ok(instances)
}

/// A span read from tags: its role and its tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TagSpan {
    /// The role.
    pub role: Role,
    /// The first token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

/// The spans of a tag sequence: `B-X` opens a span of role X, `I-X` continues it only while a
/// span of role X is open, any other tag closes it, and an `I-X` with no open span starts nothing.
pub fn spans(tags: &[Label]) -> Vec<TagSpan> {
    let mut out = Vec::new();
    let mut open: Option<(Role, usize)> = None;
    for (i, tag) in tags.iter().enumerate() {
        if let (Label::I(role), Some((open_role, _))) = (tag, open) {
            if *role == open_role {
                continue;
            }
        }
        if let Some((role, start)) = open.take() {
            out.push(TagSpan {
                role,
                start,
                end: i,
            });
        }
        if let Label::B(role) = tag {
            open = Some((*role, i));
        }
    }
    if let Some((role, start)) = open {
        out.push(TagSpan {
            role,
            start,
            end: tags.len(),
        });
    }
    out
}

fn fragments(a: &Attribution) -> impl Iterator<Item = &Span> {
    a.source.iter().chain(&a.cue).chain(&a.content)
}

fn within(outer: &Span, inner: &Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Whether every fragment of `inner` lies inside a content fragment of `outer`.
fn nested_in(inner: &Attribution, outer: &Attribution) -> bool {
    let mut parts = fragments(inner).peekable();
    parts.peek().is_some() && parts.all(|s| outer.content.iter().any(|c| within(c, s)))
}

/// The attributions that lie inside no other's content (of two lying inside each other, the
/// first is kept).
pub fn outermost(attributions: &[&Attribution]) -> Vec<usize> {
    (0..attributions.len())
        .filter(|&i| {
            let a = attributions[i];
            !attributions
                .iter()
                .enumerate()
                .any(|(j, b)| j != i && nested_in(a, b) && !(j > i && nested_in(b, a)))
        })
        .collect()
}

/// The tags of `tokens` from predicted attributions (see the module documentation).
pub fn tags(tokens: &[Span], attributions: &[Attribution]) -> Vec<Label> {
    // Where the tokens are; a span that does not reach them tags nothing.
    let (Some(start), Some(end)) = (
        tokens.iter().map(|t| t.start).min(),
        tokens.iter().map(|t| t.end).max(),
    ) else {
        return Vec::new();
    };
    let touches = |s: &Span| s.start <= end && start <= s.end;
    let near: Vec<&Attribution> = attributions
        .iter()
        .filter(|a| fragments(a).any(touches))
        .collect();
    let spans: Vec<(Role, Span)> = outermost(&near)
        .into_iter()
        .flat_map(|i| Role::PRECEDENCE.map(|role| (role, spans_of(role, near[i]))))
        .flat_map(|(role, list)| list.iter().map(move |s| (role, *s)))
        .collect();
    let mut out = Vec::with_capacity(tokens.len());
    let mut previous = None;
    for (i, token) in tokens.iter().enumerate() {
        let covering = |role: Role| {
            spans
                .iter()
                .filter(move |(r, s)| *r == role && within(s, token))
        };
        let role = Role::PRECEDENCE
            .into_iter()
            .find(|r| covering(*r).next().is_some());
        let tag = match role {
            None => Label::O,
            Some(role) => {
                let starts = covering(role).any(|(_, s)| i == 0 || !within(s, &tokens[i - 1]));
                if previous != Some(role) || starts {
                    Label::B(role)
                } else {
                    Label::I(role)
                }
            }
        };
        previous = role;
        out.push(tag);
    }
    out
}

/// Counts of one measure, per role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PerRole {
    /// Source spans.
    pub source: Counts,
    /// Cue spans.
    pub cue: Counts,
    /// Content spans.
    pub content: Counts,
}

impl PerRole {
    fn get_mut(&mut self, role: Role) -> &mut Counts {
        match role {
            Role::Cue => &mut self.cue,
            Role::Source => &mut self.source,
            Role::Content => &mut self.content,
        }
    }
}

/// The instance scores: exact and begin-match counts per role, pooled over instances.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InstanceScores {
    /// Instances scored.
    pub instances: usize,
    /// Articles they come from.
    pub articles: usize,
    /// Annotations (article and annotator) they come from.
    pub annotations: usize,
    /// Instances longer than [`MAX_TOKENS`], scored on their first tokens only.
    pub cut: usize,
    /// Same role, same first and last token.
    pub exact: PerRole,
    /// Same role, same first token.
    pub begin: PerRole,
}

/// Scores the attributions that `prediction` gives for each instance's article against the
/// instance's tags.
pub fn score<'p>(
    instances: &[Instance],
    prediction: impl Fn(&Instance) -> &'p [Attribution],
) -> InstanceScores {
    let mut scores = InstanceScores {
        instances: instances.len(),
        articles: instances
            .iter()
            .map(|i| &i.doc)
            .collect::<HashSet<_>>()
            .len(),
        annotations: instances
            .iter()
            .map(|i| &i.annotated_as)
            .collect::<HashSet<_>>()
            .len(),
        ..InstanceScores::default()
    };
    for instance in instances {
        let n = instance.tokens.len().min(MAX_TOKENS);
        scores.cut += usize::from(instance.tokens.len() > MAX_TOKENS);
        let gold = spans(&instance.labels[..n]);
        let predicted = spans(&tags(&instance.tokens[..n], prediction(instance)));
        for role in Role::PRECEDENCE {
            let gold: Vec<&TagSpan> = gold.iter().filter(|s| s.role == role).collect();
            let predicted: Vec<&TagSpan> = predicted.iter().filter(|s| s.role == role).collect();
            let exact = gold.iter().filter(|g| predicted.contains(g)).count();
            let begin = gold
                .iter()
                .filter(|g| predicted.iter().any(|p| p.start == g.start))
                .count();
            let (p, g) = (predicted.len(), gold.len());
            scores.exact.get_mut(role).add(Counts::matched(exact, p, g));
            scores.begin.get_mut(role).add(Counts::matched(begin, p, g));
        }
    }
    scores
}

/// Scores predictions by article (keyed as [`doc_key`] names them): one output per article,
/// scored against each of its annotations.
pub fn score_articles(
    instances: &[Instance],
    predictions: &HashMap<String, Vec<Attribution>>,
) -> InstanceScores {
    score(instances, |i| {
        predictions
            .get(doc_key(&i.doc))
            .map_or(&[][..], Vec::as_slice)
    })
}

/// The dev instances scored, when `data` has the instances file and `gold` holds every article
/// of it (PolNeAR dev, brat or derived); `None` otherwise. A token outside its article's text is
/// an error: the instances do not belong to that text.
pub fn score_dev(
    data: &Path,
    gold: &[GoldDoc],
    predictions: &HashMap<String, Vec<Attribution>>,
) -> Result<Option<(PathBuf, InstanceScores)>, EvalError> {
    let path = data.join(DEV_INSTANCES);
    if !path.is_file() {
        return Ok(None);
    }
    let instances = read_instances(&path)?;
    let texts: HashMap<&str, &str> = gold
        .iter()
        .map(|d| (doc_key(&d.id), d.text.as_str()))
        .collect();
    for instance in &instances {
        let Some(text) = texts.get(doc_key(&instance.doc)) else {
            return Ok(None);
        };
        if let Some(t) = instance.tokens.iter().find(|t| t.slice(text).is_none()) {
            return Err(EvalError::Span {
                doc: instance.doc.clone(),
                start: t.start,
                end: t.end,
                problem: format!("of instance {} is not in the text", instance.instance),
            });
        }
    }
    let scores = score_articles(&instances, predictions);
    Ok(Some((path, scores)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_core::QuoteKind;

    use Label::{B, I, O};
    use Role::{Content, Cue, Source};

    /// Whitespace tokens of `text`, with the final `.` split off, as byte spans.
    fn tokens(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_whitespace() || c == '.', start) {
                (true, Some(s)) => {
                    out.push(Span::new(s, i));
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
            if c == '.' {
                out.push(Span::new(i, i + 1));
            }
        }
        out
    }

    /// The byte span of the first `part` in `text`.
    fn find(text: &str, part: &str) -> Span {
        let start = text.find(part).unwrap();
        Span::new(start, start + part.len())
    }

    fn attribution(source: &[Span], cue: &[Span], content: &[Span]) -> Attribution {
        Attribution {
            kind: QuoteKind::Indirect,
            content: content.to_vec(),
            cue: cue.to_vec(),
            source: source.to_vec(),
            speaker: None,
            rule: None,
        }
    }

    const TEXT: &str = "Séoul’s minister said “no cool answers” came from Kōno.";

    #[test]
    fn tokens_take_the_role_of_the_span_they_lie_in() {
        let toks = tokens(TEXT);
        let source = find(TEXT, "Séoul’s minister");
        let cue = find(TEXT, "said");
        let content = find(TEXT, "“no cool answers” came from Kōno");
        assert_eq!(&TEXT[source.range()], "Séoul’s minister");
        assert_eq!(&TEXT[toks[0].range()], "Séoul’s");
        assert_eq!(&TEXT[toks[8].range()], "Kōno");
        let a = attribution(&[source], &[cue], &[content]);
        assert_eq!(
            tags(&toks, &[a]),
            [
                B(Source),
                I(Source),
                B(Cue),
                B(Content),
                I(Content),
                I(Content),
                I(Content),
                I(Content),
                I(Content),
                O
            ]
        );
    }

    #[test]
    fn a_token_only_partly_inside_a_span_stays_outside() {
        let toks = tokens(TEXT);
        // "Séoul" without "’s": the token "Séoul’s" is not inside.
        let source = find(TEXT, "Séoul");
        assert_eq!(&TEXT[source.range()], "Séoul");
        assert_eq!(tags(&toks, &[attribution(&[source], &[], &[])])[0], O);
    }

    #[test]
    fn an_attribution_inside_another_content_is_dropped() {
        let text = "Kim said Lee told him “we won” today.";
        let toks = tokens(text);
        let outer = attribution(
            &[find(text, "Kim")],
            &[find(text, "said")],
            &[find(text, "Lee told him “we won” today")],
        );
        let inner = attribution(
            &[find(text, "Lee")],
            &[find(text, "told")],
            &[find(text, "“we won”")],
        );
        assert_eq!(&text[inner.content[0].range()], "“we won”");
        let expected = [
            B(Source),
            B(Cue),
            B(Content),
            I(Content),
            I(Content),
            I(Content),
            I(Content),
            I(Content),
            O,
        ];
        // In either order: the inner one is dropped, not merged as a cue inside the content.
        assert_eq!(tags(&toks, &[inner.clone(), outer.clone()]), expected);
        assert_eq!(tags(&toks, &[outer.clone(), inner.clone()]), expected);
        // Of two lying inside each other (content only, the same content), the first is kept.
        let bare = attribution(&[], &[], &inner.content);
        assert_eq!(outermost(&[&bare, &bare]), [0]);
        assert_eq!(outermost(&[&outer, &inner]), [0]);
    }

    #[test]
    fn overlaps_go_to_cue_then_source_then_content() {
        let text = "Officials close to Trump said on Monday it was über.";
        let toks = tokens(text);
        // Source and content both claim "to Trump"; a second reading claims "Officials close"
        // as its cue (it reaches out of the first one's content, so it is not nested).
        let a = attribution(
            &[find(text, "Officials close to Trump")],
            &[find(text, "said")],
            &[find(text, "close to Trump said on Monday it was über")],
        );
        let b = attribution(&[], &[find(text, "Officials close")], &[]);
        assert_eq!(
            &text[a.content[0].range()],
            "close to Trump said on Monday it was über"
        );
        assert_eq!(
            tags(&toks, &[a, b]),
            [
                B(Cue),
                I(Cue),
                B(Source),
                I(Source),
                B(Cue),
                B(Content),
                I(Content),
                I(Content),
                I(Content),
                I(Content),
                O
            ]
        );
    }

    #[test]
    fn a_span_that_starts_right_after_another_of_its_role_begins_anew() {
        let text = "Ça va. Très bien.";
        let toks = tokens(text);
        let a = attribution(&[], &[], &[find(text, "Ça va.")]);
        let b = attribution(&[], &[], &[find(text, "Très bien.")]);
        let got = tags(&toks, &[a, b]);
        assert_eq!(
            got,
            [
                B(Content),
                I(Content),
                I(Content),
                B(Content),
                I(Content),
                I(Content)
            ]
        );
        assert_eq!(
            spans(&got),
            [
                TagSpan {
                    role: Content,
                    start: 0,
                    end: 3
                },
                TagSpan {
                    role: Content,
                    start: 3,
                    end: 6
                }
            ]
        );
    }

    #[test]
    fn spans_are_read_as_published() {
        // A stray I- starts nothing; an I- of another role closes the open span.
        let tags = [
            I(Cue),
            B(Source),
            I(Source),
            I(Cue),
            B(Content),
            I(Content),
            O,
            I(Content),
        ];
        assert_eq!(
            spans(&tags),
            [
                TagSpan {
                    role: Source,
                    start: 1,
                    end: 3
                },
                TagSpan {
                    role: Content,
                    start: 4,
                    end: 6
                }
            ]
        );
        assert_eq!(
            spans(&[B(Cue)]),
            [TagSpan {
                role: Cue,
                start: 0,
                end: 1
            }]
        );
        assert!(spans(&[]).is_empty());
    }

    fn instance(doc: &str, tokens: Vec<Span>, labels: Vec<Label>) -> Instance {
        Instance {
            instance: 0,
            doc: format!("{doc}.txt"),
            annotated_as: format!("{doc}_a1"),
            tokens,
            labels,
        }
    }

    #[test]
    fn exact_needs_both_ends_and_begin_match_the_first_token() {
        let text = "Séoul’s minister said “no cool answers” came from Kōno.";
        let toks = tokens(text);
        let gold = vec![
            B(Source),
            I(Source),
            B(Cue),
            B(Content),
            I(Content),
            I(Content),
            I(Content),
            I(Content),
            I(Content),
            O,
        ];
        // Source exact; content begins right but stops short of "came from Kōno"; no cue.
        let predicted = attribution(
            &[find(text, "Séoul’s minister")],
            &[],
            &[find(text, "“no cool answers”")],
        );
        assert_eq!(&text[predicted.content[0].range()], "“no cool answers”");
        let predictions = HashMap::from([("d".to_string(), vec![predicted])]);
        let s = score_articles(&[instance("d", toks, gold)], &predictions);
        assert_eq!(s.exact.source, Counts::matched(1, 1, 1));
        assert_eq!(s.exact.content, Counts::matched(0, 1, 1));
        assert_eq!(s.begin.content, Counts::matched(1, 1, 1));
        assert_eq!(s.exact.cue, Counts::matched(0, 0, 1));
        assert_eq!(
            (s.instances, s.articles, s.annotations, s.cut),
            (1, 1, 1, 0)
        );
    }

    #[test]
    fn only_the_first_300_tokens_count() {
        let text = "é ".repeat(MAX_TOKENS + 10);
        let toks = tokens(&text);
        assert_eq!((toks.len(), &text[toks[0].range()]), (MAX_TOKENS + 10, "é"));
        // A gold content over tokens 290..305: cut, it ends at 300; a cue past the cut is not seen.
        let mut gold = vec![O; toks.len()];
        gold[290] = B(Content);
        gold[291..305].fill(I(Content));
        gold[307] = B(Cue);
        let content = Span::new(toks[290].start, toks[304].end);
        let predicted = attribution(&[], &[], &[content]);
        let predictions = HashMap::from([("d".to_string(), vec![predicted])]);
        let s = score_articles(&[instance("d", toks, gold)], &predictions);
        assert_eq!(s.exact.content, Counts::matched(1, 1, 1));
        assert_eq!(s.exact.cue, Counts::matched(0, 0, 0));
        assert_eq!(s.cut, 1);
    }

    #[test]
    fn one_output_per_article_is_scored_against_each_annotation() {
        let text = "Kim said so.";
        let toks = tokens(text);
        let first = instance("d", toks.clone(), vec![B(Source), B(Cue), B(Content), O]);
        let mut second = instance("d", toks, vec![B(Source), B(Cue), O, O]);
        second.annotated_as = "d_a2".into();
        let predicted = attribution(
            &[find(text, "Kim")],
            &[find(text, "said")],
            &[find(text, "so")],
        );
        let predictions = HashMap::from([("d".to_string(), vec![predicted])]);
        let s = score_articles(&[first, second], &predictions);
        assert_eq!(s.exact.source, Counts::matched(2, 2, 2));
        assert_eq!(s.exact.content, Counts::matched(1, 2, 1));
        assert_eq!((s.articles, s.annotations), (1, 2));
    }

    #[test]
    fn instances_are_read_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("i.jsonl");
        let line = r#"{"instance": 3, "doc": "d.txt", "annotated_as": "d_x", "tokens": [{"start": 0, "end": 3}, {"start": 4, "end": 8}], "labels": ["B-source", "B-cue"]}"#;
        std::fs::write(&path, format!("{line}\n\n")).unwrap();
        let read = read_instances(&path).unwrap();
        assert_eq!(read[0].labels, [B(Source), B(Cue)]);
        std::fs::write(&path, line.replace("B-cue", "B-speaker")).unwrap();
        let err = read_instances(&path).unwrap_err();
        assert!(
            err.to_string().contains("unknown tag \"B-speaker\""),
            "{err}"
        );
        std::fs::write(&path, line.replace(r#", "B-cue""#, "")).unwrap();
        let err = read_instances(&path).unwrap_err();
        assert!(err.to_string().contains("2 tokens but 1 labels"), "{err}");
    }

    #[test]
    fn dev_instances_are_scored_only_when_the_gold_holds_their_articles() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DEV_INSTANCES);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let line = r#"{"instance": 0, "doc": "d.txt", "annotated_as": "d_x", "tokens": [{"start": 0, "end": 3}, {"start": 4, "end": 8}], "labels": ["B-source", "B-cue"]}"#;
        std::fs::write(&path, line).unwrap();
        let doc = |id: &str, text: &str| GoldDoc {
            id: id.into(),
            text: text.into(),
            quotes: vec![],
        };
        let none = HashMap::new();
        let other = [doc("e", "Kim said.")];
        assert!(score_dev(dir.path(), &other, &none).unwrap().is_none());
        let (found, s) = score_dev(dir.path(), &[doc("d", "Kim said.")], &none)
            .unwrap()
            .unwrap();
        assert_eq!((found, s.exact.source), (path, Counts::matched(0, 0, 1)));
        let err = score_dev(dir.path(), &[doc("d", "Kim")], &none).unwrap_err();
        assert!(matches!(err, EvalError::Span { start: 4, .. }), "{err}");
        assert!(
            score_dev(&dir.path().join("nowhere"), &other, &none)
                .unwrap()
                .is_none()
        );
    }
}
