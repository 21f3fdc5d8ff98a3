//! Who speaks about whom: speakers as nodes around a circle (sized by their quotes), an arrow
//! from a speaker to each other speaker its quotes take a stance toward, green when mostly
//! positive, red when mostly negative, grey otherwise, wider for more quotes.

use std::collections::{BTreeMap, HashMap};
use std::f64::consts::TAU;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use quotewire_core::StanceLabel;
use quotewire_export::spans::kind_name;
use quotewire_pipeline::index::{IndexEntry, SpeakerIndex};

use super::{Chart, Drawn, kind_colour, stance_colour, svg};
use crate::{ReportError, escape};

/// A speaker's stance toward another, over all its quotes about them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Edge {
    /// Quotes taking a stance toward the other speaker.
    pub quotes: usize,
    /// Of which positive.
    pub positive: usize,
    /// Of which negative.
    pub negative: usize,
}

/// A node: a speaker of the index (by key), or a target no speaker of the index is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Index key, or the target's name.
    pub key: String,
    /// Name shown.
    pub name: String,
    /// Speaker kind (`unknown` for a target that is no speaker of the index).
    pub kind: String,
    /// The speaker's quotes.
    pub quotes: usize,
}

/// The network: nodes and edges `(from, to, edge)` by node position; the edges with the most
/// quotes first, as long as their speakers fit in `n` nodes.
pub fn graph(index: &SpeakerIndex, n: usize) -> (Vec<Node>, Vec<(usize, usize, Edge)>) {
    let names = Names::of(index);
    let mut edges: BTreeMap<(String, String), Edge> = BTreeMap::new();
    let mut nodes_of: BTreeMap<String, Node> = BTreeMap::new();
    for (key, entry) in &index.speakers {
        for (target, summary) in &entry.summary.speaker_stance {
            let to = match names
                .find(target)
                .and_then(|k| index.speakers.get_key_value(k))
            {
                Some((k, e)) => Node {
                    key: k.clone(),
                    name: e.name.clone(),
                    kind: kind_name(e.kind),
                    quotes: e.summary.quotes,
                },
                None => Node {
                    key: format!("{} (target)", target.to_lowercase()),
                    name: target.clone(),
                    kind: "unknown".into(),
                    quotes: 0,
                },
            };
            if to.key == *key || summary.quotes == 0 {
                continue;
            }
            let count = |l| summary.labels.get(&l).map_or(0, Vec::len);
            let edge = edges.entry((key.clone(), to.key.clone())).or_default();
            edge.quotes += summary.quotes;
            edge.positive += count(StanceLabel::Positive);
            edge.negative += count(StanceLabel::Negative);
            nodes_of.entry(key.clone()).or_insert_with(|| Node {
                key: key.clone(),
                name: entry.name.clone(),
                kind: kind_name(entry.kind),
                quotes: entry.summary.quotes,
            });
            nodes_of.entry(to.key.clone()).or_insert(to);
        }
    }
    let mut ranked: Vec<((String, String), Edge)> = edges.into_iter().collect();
    ranked.sort_by(|a, b| b.1.quotes.cmp(&a.1.quotes).then_with(|| a.0.cmp(&b.0)));
    let mut nodes: Vec<Node> = Vec::new();
    let mut chosen = Vec::new();
    let position = |nodes: &mut Vec<Node>, key: &str| -> Option<usize> {
        if let Some(i) = nodes.iter().position(|x| x.key == key) {
            return Some(i);
        }
        nodes.push(nodes_of.get(key)?.clone());
        Some(nodes.len() - 1)
    };
    for ((from, to), edge) in ranked {
        let new = [&from, &to]
            .iter()
            .filter(|k| !nodes.iter().any(|x| x.key == ***k))
            .count();
        if nodes.len() + new > n || chosen.len() >= 3 * n {
            continue;
        }
        if let (Some(a), Some(b)) = (position(&mut nodes, &from), position(&mut nodes, &to)) {
            chosen.push((a, b, edge));
        }
    }
    (nodes, chosen)
}

/// The speakers of an index by the names a stance target may have: key, name, a name joined
/// to it, an alias (lowercase), as `index show` finds them; a name several speakers share at
/// the first of these levels where it is found finds none.
struct Names<'i> {
    levels: [HashMap<String, Vec<&'i str>>; 3],
    keys: &'i BTreeMap<String, IndexEntry>,
}

impl<'i> Names<'i> {
    fn of(index: &'i SpeakerIndex) -> Names<'i> {
        let mut levels: [HashMap<String, Vec<&'i str>>; 3] = Default::default();
        for (key, entry) in &index.speakers {
            let mut add = |level: usize, name: &str| {
                let keys = levels[level].entry(name.to_lowercase()).or_default();
                if keys.last() != Some(&key.as_str()) {
                    keys.push(key);
                }
            };
            add(0, &entry.name);
            for joined in entry.joined.values() {
                add(1, &joined.name);
            }
            for alias in &entry.aliases {
                add(2, alias);
            }
        }
        Names {
            levels,
            keys: &index.speakers,
        }
    }

    /// The key of the one speaker a target names.
    fn find(&self, target: &str) -> Option<&'i str> {
        let lower = target.to_lowercase();
        if let Some((key, _)) = self.keys.get_key_value(&lower) {
            return Some(key);
        }
        for level in &self.levels {
            match level.get(&lower).map(Vec::as_slice) {
                Some([one]) => return Some(one),
                Some([_, _, ..]) => return None,
                _ => {}
            }
        }
        None
    }
}

/// The network chart, or why there is none.
pub fn chart(index: &SpeakerIndex, n: usize) -> Result<Chart, ReportError> {
    let (id, label) = (
        "network",
        "Who speaks about whom: stance toward other speakers",
    );
    let (nodes, edges) = graph(index, n.max(2));
    if edges.is_empty() {
        return Ok(Chart::absent(
            id,
            label,
            "No quotation takes a stance toward another speaker (scoring was off, or no story \
             quotes one speaker about another).",
        ));
    }
    let (w, h) = (900i32, 760i32);
    let (cx, cy) = (f64::from(w) / 2.0, f64::from(h) / 2.0);
    let ring = f64::from(h) / 2.0 - 120.0;
    let max_quotes = nodes.iter().map(|x| x.quotes).max().unwrap_or(1).max(1) as f64;
    let radius = |x: &Node| 5.0 + 11.0 * (x.quotes as f64 / max_quotes).sqrt();
    let angle = |i: usize| -TAU / 4.0 + TAU * i as f64 / nodes.len() as f64;
    let place: Vec<(f64, f64)> = (0..nodes.len())
        .map(|i| (cx + ring * angle(i).cos(), cy + ring * angle(i).sin()))
        .collect();
    let px = |(x, y): (f64, f64)| (x.round() as i32, y.round() as i32);
    let draw = |root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>| -> Drawn {
        for (a, b, edge) in &edges {
            let ((x1, y1), (x2, y2)) = (place[*a], place[*b]);
            let (dx, dy) = (x2 - x1, y2 - y1);
            let length = (dx * dx + dy * dy).sqrt().max(1.0);
            let (ux, uy) = (dx / length, dy / length);
            let start = (x1 + ux * radius(&nodes[*a]), y1 + uy * radius(&nodes[*a]));
            let tip = (x2 - ux * radius(&nodes[*b]), y2 - uy * radius(&nodes[*b]));
            let net = (edge.positive as f64 - edge.negative as f64) / edge.quotes.max(1) as f64;
            let colour = stance_colour(net.signum() * (0.45 + 0.55 * net.abs()));
            let width = 1 + (edge.quotes as f64).log2().round().clamp(0.0, 5.0) as u32;
            root.draw(&PathElement::new(
                vec![px(start), px(tip)],
                colour.stroke_width(width),
            ))?;
            let back = (tip.0 - ux * 9.0, tip.1 - uy * 9.0);
            let side = (-uy * 4.5, ux * 4.5);
            root.draw(&Polygon::new(
                vec![
                    px(tip),
                    px((back.0 + side.0, back.1 + side.1)),
                    px((back.0 - side.0, back.1 - side.1)),
                ],
                colour.filled(),
            ))?;
        }
        for (i, node) in nodes.iter().enumerate() {
            root.draw(&Circle::new(
                px(place[i]),
                radius(node).round() as u32,
                kind_colour(&node.kind).filled(),
            ))?;
            let (ux, uy) = (angle(i).cos(), angle(i).sin());
            let out = ring + radius(node) + 6.0;
            let h = if ux > 0.2 {
                HPos::Left
            } else if ux < -0.2 {
                HPos::Right
            } else {
                HPos::Center
            };
            let v = if uy > 0.6 {
                VPos::Top
            } else if uy < -0.6 {
                VPos::Bottom
            } else {
                VPos::Center
            };
            root.draw(&Text::new(
                escape::shorten(&node.name, 26),
                px((cx + out * ux, cy + out * uy)),
                ("sans-serif", 15)
                    .into_font()
                    .into_text_style(root)
                    .pos(Pos::new(h, v)),
            ))?;
        }
        Ok(())
    };
    Ok(Chart {
        id: id.to_string(),
        label: label.to_string(),
        svg: Some(svg(id, label, (w as u32, h as u32), draw)?),
        items: nodes.len(),
        note: Some(format!(
            "{} speakers and the {} strongest ties among them (an arrow from the speaker to the \
             speaker spoken about).",
            nodes.len(),
            edges.len()
        )),
    })
}
