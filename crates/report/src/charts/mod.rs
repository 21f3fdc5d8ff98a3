//! The charts, drawn by `plotters` into SVG strings that go into the page as they are. Each
//! chart's `<svg>` gets an id; a chart the data cannot give is absent, with a note saying why.

pub mod bars;
pub mod heatmap;
pub mod network;
pub mod timeline;

use plotters::coord::Shift;
use plotters::coord::combinators::{BindKeyPoints, WithKeyPoints};
use plotters::coord::types::RangedCoordi32;
use plotters::prelude::{DrawingArea, IntoDrawingArea, RGBColor, SVGBackend};

use crate::ReportError;
use crate::escape;

/// A chart of the report, or the reason it is absent.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The id of its `<svg>` element.
    pub id: String,
    /// What it shows, for people (its `aria-label`).
    pub label: String,
    /// The SVG, or `None` when the data cannot give the chart.
    pub svg: Option<String>,
    /// What it draws: bars, cells or nodes (none when absent).
    pub items: usize,
    /// What the reader should know: why it is absent, or what was left out.
    pub note: Option<String>,
}

impl Chart {
    /// A chart the data cannot give.
    pub fn absent(id: &str, label: &str, why: impl Into<String>) -> Chart {
        Chart {
            id: id.to_string(),
            label: label.to_string(),
            svg: None,
            items: 0,
            note: Some(why.into()),
        }
    }
}

/// What a drawing function gives.
pub type Drawn = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// Draws on an SVG canvas of `size` pixels and gives the SVG element, with `id` and `label`.
pub fn svg(
    id: &str,
    label: &str,
    size: (u32, u32),
    paint: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Drawn,
) -> Result<String, ReportError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        let failed = |e: &dyn std::fmt::Display| ReportError::Chart {
            chart: id.to_string(),
            reason: e.to_string(),
        };
        paint(&root).map_err(|e| failed(&e))?;
        root.present().map_err(|e| failed(&e))?;
    }
    let attributes = format!(
        r#"<svg id="{}" class="chart" role="img" aria-label="{}" "#,
        escape::html(id),
        escape::html(label)
    );
    Ok(match out.strip_prefix("<svg ") {
        Some(rest) => attributes + rest,
        None => out,
    })
}

/// The colour of a speaker kind (by its name in records), the same in every chart.
pub fn kind_colour(kind: &str) -> RGBColor {
    match kind {
        "person" => RGBColor(0x4e, 0x79, 0xa7),
        "organisation" => RGBColor(0xf2, 0x8e, 0x2b),
        "government" => RGBColor(0xe1, 0x57, 0x59),
        "group" => RGBColor(0x76, 0xb7, 0xb2),
        "outlet" => RGBColor(0x59, 0xa1, 0x4f),
        "document" => RGBColor(0xb0, 0x7a, 0xa1),
        _ => RGBColor(0x9c, 0x95, 0x8f),
    }
}

/// `#rrggbb` of a colour, for the page's legends.
pub fn hex(colour: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", colour.0, colour.1, colour.2)
}

/// A colour between `from` (at 0) and `to` (at 1).
pub fn mix(from: RGBColor, to: RGBColor, at: f64) -> RGBColor {
    let at = at.clamp(0.0, 1.0);
    let channel = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * at).round() as u8;
    RGBColor(
        channel(from.0, to.0),
        channel(from.1, to.1),
        channel(from.2, to.2),
    )
}

/// Favourable (green) to unfavourable (red) through grey, for a net stance from -1 to 1.
pub fn stance_colour(net: f64) -> RGBColor {
    const GREY: RGBColor = RGBColor(0xe8, 0xe8, 0xe8);
    const GREEN: RGBColor = RGBColor(0x1a, 0x98, 0x50);
    const RED: RGBColor = RGBColor(0xd7, 0x30, 0x27);
    if net >= 0.0 {
        mix(GREY, GREEN, net)
    } else {
        mix(GREY, RED, -net)
    }
}

/// The width in pixels plotters' text layout gives a label (it counts bytes: a crude estimate
/// that errs long for non-ASCII names), for sizing label areas.
pub fn label_width(labels: impl Iterator<Item = usize>, font_px: f64) -> u32 {
    let longest = labels.max().unwrap_or(0) as f64;
    (longest * font_px * 0.55).ceil() as u32 + 12
}

/// An axis of `n` slots (categories, periods), a labelled tick in the middle of every
/// `every`-th slot. Slot `i` runs from [`start`]`(i)` to [`end`]`(i)` (two units, so that its
/// middle is a whole number).
pub fn slots(n: usize, every: usize) -> WithKeyPoints<RangedCoordi32> {
    let ticks = (0..n).step_by(every.max(1)).map(middle).collect();
    (0..end(n.max(1) - 1)).with_key_points(ticks)
}

/// Where slot `i` starts.
pub fn start(i: usize) -> i32 {
    2 * i as i32
}

/// The middle of slot `i`.
pub fn middle(i: usize) -> i32 {
    start(i) + 1
}

/// Where slot `i` ends.
pub fn end(i: usize) -> i32 {
    start(i) + 2
}

/// The slot of a tick.
pub fn slot(at: i32) -> usize {
    (at.max(0) / 2) as usize
}

/// A count as a coordinate.
pub fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}
