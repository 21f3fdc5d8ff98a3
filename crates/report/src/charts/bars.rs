//! The most quoted speakers: one horizontal bar each, coloured by speaker kind; one chart of
//! all kinds and one per kind.

use plotters::prelude::*;
use quotewire_export::spans::kind_name;
use quotewire_export::top::TopRow;
use quotewire_export::{TopOptions, top};
use quotewire_pipeline::index::SpeakerIndex;

use super::{Chart, Drawn, count, end, kind_colour, label_width, middle, slot, slots, start, svg};
use crate::{ReportError, escape};

/// Characters of a speaker's name on the chart.
const NAME_CHARS: usize = 28;

/// The charts: `speakers` (every kind), then `speakers-KIND` for each kind with a speaker, the
/// kinds with the most quotes first.
pub fn charts(index: &SpeakerIndex, n: usize) -> Result<Vec<Chart>, ReportError> {
    let label = "The most quoted speakers, by quotes";
    let all = top(index, &options(None, n))?.rows;
    if all.is_empty() {
        return Ok(vec![Chart::absent(
            "speakers",
            label,
            "The index has no speakers.",
        )]);
    }
    let mut charts = vec![chart("speakers", label, &all)?];
    let mut kinds: Vec<(usize, quotewire_core::EntityKind)> = Vec::new();
    for entry in index.speakers.values() {
        match kinds.iter_mut().find(|(_, k)| *k == entry.kind) {
            Some((quotes, _)) => *quotes += entry.summary.quotes,
            None => kinds.push((entry.summary.quotes, entry.kind)),
        }
    }
    kinds.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| kind_name(a.1).cmp(&kind_name(b.1)))
    });
    for (_, kind) in kinds {
        let rows = top(index, &options(Some(kind), n))?.rows;
        let name = kind_name(kind);
        let label = format!("The most quoted speakers of kind {name}, by quotes");
        charts.push(chart(&format!("speakers-{name}"), &label, &rows)?);
    }
    Ok(charts)
}

fn options(kind: Option<quotewire_core::EntityKind>, n: usize) -> TopOptions {
    TopOptions {
        kind,
        n,
        ..TopOptions::default()
    }
}

/// One bar chart of ranked speakers (at least one).
fn chart(id: &str, label: &str, rows: &[TopRow]) -> Result<Chart, ReportError> {
    let names: Vec<String> = rows
        .iter()
        .map(|r| escape::shorten(&r.name, NAME_CHARS))
        .collect();
    let n = rows.len();
    let max = rows.iter().map(|r| r.quotes).max().unwrap_or(0).max(1) as f64;
    let x_end = (max * 1.08).ceil() as i32 + 1;
    let left = label_width(names.iter().map(|s| s.chars().count()), 15.0);
    let size = (820, 60 + 22 * n as u32);
    // Rank 1 at the top: the slot from the bottom.
    let name_at = |at: i32| {
        (n - 1)
            .checked_sub(slot(at))
            .and_then(|j| names.get(j))
            .cloned()
            .unwrap_or_default()
    };
    let draw = |root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>| -> Drawn {
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .x_label_area_size(32)
            .y_label_area_size(left)
            .build_cartesian_2d(0..x_end, slots(n, 1))?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_label_formatter(&|at| name_at(*at))
            .x_desc("quotes")
            .label_style(("sans-serif", 15))
            .draw()?;
        chart.draw_series(rows.iter().enumerate().map(|(i, r)| {
            let y = n - 1 - i;
            let colour = kind_colour(&kind_name(r.kind));
            let mut bar =
                Rectangle::new([(0, start(y)), (count(r.quotes), end(y))], colour.filled());
            bar.set_margin(3, 3, 0, 0);
            bar
        }))?;
        chart.draw_series(rows.iter().enumerate().map(|(i, r)| {
            Text::new(
                format!(" {}", r.quotes),
                (count(r.quotes), middle(n - 1 - i)),
                ("sans-serif", 14).into_font().into_text_style(root).pos(
                    plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Left,
                        plotters::style::text_anchor::VPos::Center,
                    ),
                ),
            )
        }))?;
        Ok(())
    };
    Ok(Chart {
        id: id.to_string(),
        label: label.to_string(),
        svg: Some(svg(id, label, size, draw)?),
        items: rows.len(),
        note: None,
    })
}
