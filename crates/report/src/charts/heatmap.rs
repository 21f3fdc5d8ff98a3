//! Stance toward each target by speaker: a cell per speaker and issue target (`run --target`)
//! the speaker takes a stance toward, green for favour, red for against, grey for neutral, with
//! the number of quotes in it.

use std::collections::BTreeMap;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use quotewire_core::StanceLabel;
use quotewire_pipeline::index::{IndexEntry, SpeakerIndex, TargetSummary};

use super::{Chart, Drawn, end, label_width, middle, slot, slots, stance_colour, start, svg};
use crate::{ReportError, escape};

/// Targets (columns) at most.
const MAX_TARGETS: usize = 20;
/// Characters of a name on the chart.
const NAME_CHARS: usize = 28;

/// A speaker's stance toward one target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// Quotes with a stance toward the target.
    pub quotes: usize,
    /// Favour less against, over all of them: -1 to 1.
    pub net: f64,
}

impl Cell {
    fn of(summary: &TargetSummary) -> Cell {
        let count = |l| summary.labels.get(&l).map_or(0, Vec::len) as f64;
        let quotes = summary.quotes;
        let net = (count(StanceLabel::Favor) - count(StanceLabel::Against)) / quotes.max(1) as f64;
        Cell { quotes, net }
    }
}

/// The heatmap's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid<'i> {
    /// The targets (columns), the most quoted about first.
    pub targets: Vec<String>,
    /// The speakers (rows), those with the most quotes toward the targets first.
    pub speakers: Vec<&'i IndexEntry>,
    /// A cell per speaker and target, where the speaker takes a stance toward it.
    pub cells: Vec<Vec<Option<Cell>>>,
}

/// The grid of the index, with at most `n` speakers.
pub fn grid(index: &SpeakerIndex, n: usize) -> Grid<'_> {
    let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in index.speakers.values() {
        for (target, summary) in &entry.summary.stance {
            *totals.entry(target).or_default() += summary.quotes;
        }
    }
    let mut targets: Vec<(&str, usize)> = totals.into_iter().filter(|(_, q)| *q > 0).collect();
    targets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    targets.truncate(MAX_TARGETS);
    let toward = |e: &IndexEntry| -> usize {
        targets
            .iter()
            .filter_map(|(t, _)| e.summary.stance.get(*t))
            .map(|s| s.quotes)
            .sum()
    };
    let mut speakers: Vec<(&String, &IndexEntry, usize)> = index
        .speakers
        .iter()
        .map(|(k, e)| (k, e, toward(e)))
        .filter(|(_, _, q)| *q > 0)
        .collect();
    speakers.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(b.0)));
    speakers.truncate(n);
    let cells = speakers
        .iter()
        .map(|(_, e, _)| {
            targets
                .iter()
                .map(|(t, _)| {
                    e.summary
                        .stance
                        .get(*t)
                        .filter(|s| s.quotes > 0)
                        .map(Cell::of)
                })
                .collect()
        })
        .collect();
    Grid {
        targets: targets.into_iter().map(|(t, _)| t.to_string()).collect(),
        speakers: speakers.into_iter().map(|(_, e, _)| e).collect(),
        cells,
    }
}

/// The heatmap, or why there is none.
pub fn chart(index: &SpeakerIndex, n: usize) -> Result<Chart, ReportError> {
    let (id, label) = ("stance", "Stance toward each target by speaker");
    let Grid {
        targets,
        speakers,
        cells,
    } = grid(index, n);
    if targets.is_empty() || speakers.is_empty() {
        return Ok(Chart::absent(
            id,
            label,
            "No speaker takes a stance toward an issue target: name targets with \
             `quotewire run --target 'NAME=alias|alias'`.",
        ));
    }
    let names: Vec<String> = speakers
        .iter()
        .map(|e| escape::shorten(&e.name, NAME_CHARS))
        .collect();
    let columns: Vec<String> = targets.iter().map(|t| escape::shorten(t, 14)).collect();
    let (rows, cols) = (speakers.len(), targets.len());
    let left = label_width(names.iter().map(|s| s.chars().count()), 15.0);
    let cell_w = 70;
    let size = (left + 30 + cell_w * cols as u32, 70 + 24 * rows as u32);
    let at = |list: &[String], i: usize| list.get(i).cloned().unwrap_or_default();
    let drawn: usize = cells.iter().flatten().flatten().count();
    let draw = |root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>| -> Drawn {
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .x_label_area_size(40)
            .y_label_area_size(left)
            .build_cartesian_2d(slots(cols, 1), slots(rows, 1))?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_label_formatter(&|x| at(&columns, slot(*x)))
            .y_label_formatter(&|y| {
                (rows - 1)
                    .checked_sub(slot(*y))
                    .map_or(String::new(), |j| at(&names, j))
            })
            .label_style(("sans-serif", 15))
            .draw()?;
        let placed = cells.iter().enumerate().flat_map(|(r, row)| {
            row.iter()
                .enumerate()
                .filter_map(move |(c, cell)| cell.map(|cell| (c, rows - 1 - r, cell)))
        });
        chart.draw_series(placed.clone().map(|(x, y, cell)| {
            let mut rect = Rectangle::new(
                [(start(x), start(y)), (end(x), end(y))],
                stance_colour(cell.net).filled(),
            );
            rect.set_margin(1, 1, 1, 1);
            rect
        }))?;
        let style = ("sans-serif", 14)
            .into_font()
            .into_text_style(root)
            .pos(Pos::new(HPos::Center, VPos::Center));
        chart.draw_series(placed.map(|(x, y, cell)| {
            Text::new(
                cell.quotes.to_string(),
                (middle(x), middle(y)),
                style.clone(),
            )
        }))?;
        Ok(())
    };
    let more = index
        .speakers
        .values()
        .filter(|e| e.summary.stance.values().any(|s| s.quotes > 0))
        .count()
        .saturating_sub(speakers.len());
    Ok(Chart {
        id: id.to_string(),
        label: label.to_string(),
        svg: Some(svg(id, label, size, draw)?),
        items: drawn,
        note: (more > 0).then(|| {
            format!("{more} more speakers take a stance toward a target; the {} with the most such quotes are shown.", speakers.len())
        }),
    })
}
