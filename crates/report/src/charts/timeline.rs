//! Quotes over time: the quotes of the documents of each day, week or month (whichever gives at
//! most a few hundred bars), from the dates records carry (`meta.date`).

use std::collections::BTreeMap;

use plotters::prelude::*;

use super::{Chart, Drawn, count, end, slot, slots, start, svg};
use crate::ReportError;
use crate::corpus::Corpus;
use crate::date::Day;

/// How long each bar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// A day.
    Day,
    /// A week from Monday.
    Week,
    /// A calendar month.
    Month,
}

impl Period {
    /// The period for dates from `first` to `last`: days up to three months, weeks up to three
    /// years, else months.
    pub fn spanning(first: Day, last: Day) -> Period {
        let days = last.0 - first.0;
        if days <= 92 {
            Period::Day
        } else if days <= 1096 {
            Period::Week
        } else {
            Period::Month
        }
    }

    fn start(self, day: Day) -> Day {
        match self {
            Period::Day => day,
            Period::Week => day.week_start(),
            Period::Month => day.month_start(),
        }
    }

    fn next(self, start: Day) -> Day {
        match self {
            Period::Day => Day(start.0 + 1),
            Period::Week => Day(start.0 + 7),
            Period::Month => Day(start.0 + 32).month_start(),
        }
    }

    fn label(self, start: Day) -> String {
        let iso = start.iso();
        match self {
            Period::Month => iso[..iso.len() - 3].to_string(),
            _ => iso,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week (from Monday)",
            Period::Month => "month",
        }
    }
}

/// The quotes of each period from the first date to the last, empty periods included.
pub fn buckets(quotes_by_day: &BTreeMap<Day, usize>) -> Option<(Period, Vec<(Day, usize)>)> {
    let (first, last) = (
        *quotes_by_day.keys().next()?,
        *quotes_by_day.keys().next_back()?,
    );
    let period = Period::spanning(first, last);
    let mut out: Vec<(Day, usize)> = Vec::new();
    let mut start = period.start(first);
    while start <= last {
        out.push((start, 0));
        start = period.next(start);
    }
    for (day, quotes) in quotes_by_day {
        let at = out.partition_point(|(s, _)| *s <= *day).saturating_sub(1);
        if let Some((_, n)) = out.get_mut(at) {
            *n += quotes;
        }
    }
    Some((period, out))
}

/// The chart, or why there is none.
pub fn chart(corpus: Option<&Corpus>) -> Result<Chart, ReportError> {
    let (id, label) = ("time", "Quotes over time");
    let Some(corpus) = corpus else {
        return Ok(Chart::absent(
            id,
            label,
            "Dates come from the records: give them with --records FILE.",
        ));
    };
    let unread = match &corpus.unread_dates {
        (0, _) => String::new(),
        (n, first) => format!(
            " {} a date that could not be read (such as {:?}).",
            crate::count(*n, "record has", "records have"),
            first.as_deref().unwrap_or_default()
        ),
    };
    let Some((period, bars)) = buckets(&corpus.quotes_by_day) else {
        return Ok(Chart::absent(
            id,
            label,
            format!(
                "No record carries a date (`meta.date`, from a JSON field such as `date`), so \
                 there is no time line.{unread}"
            ),
        ));
    };
    if bars.iter().all(|b| b.1 == 0) {
        return Ok(Chart::absent(
            id,
            label,
            format!(
                "The dated records ({}) have no quotation, so there is no time line.{unread}",
                corpus.dated
            ),
        ));
    }
    let n = bars.len();
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    let y_end = (max * 1.05).ceil() as i32 + 1;
    let labels: Vec<String> = bars.iter().map(|(d, _)| period.label(*d)).collect();
    let width = (120 + 8 * n as u32).clamp(560, 1100);
    let draw = |root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>| -> Drawn {
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(slots(n, n.div_ceil(8)), 0..y_end)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_label_formatter(&|x| labels.get(slot(*x)).cloned().unwrap_or_default())
            .y_desc("quotes")
            .x_desc(format!("{} of the document's date", period.name()))
            .label_style(("sans-serif", 14))
            .draw()?;
        chart.draw_series(bars.iter().enumerate().filter(|(_, (_, q))| *q > 0).map(
            |(i, (_, q))| {
                let mut bar = Rectangle::new(
                    [(start(i), 0), (end(i), count(*q))],
                    RGBColor(0x4e, 0x79, 0xa7).filled(),
                );
                bar.set_margin(0, 0, 1, 1);
                bar
            },
        ))?;
        Ok(())
    };
    let drawn = bars.iter().filter(|b| b.1 > 0).count();
    let undated = corpus
        .records
        .saturating_sub(corpus.dated + corpus.unread_dates.0);
    Ok(Chart {
        id: id.to_string(),
        label: label.to_string(),
        svg: Some(svg(id, label, (width, 340), draw)?),
        items: drawn,
        note: Some(format!(
            "Quotes of {} by the {} of their date, {} to {}; {} no date.{unread}",
            crate::count(corpus.dated, "dated record", "dated records"),
            period.name(),
            bars.first().map(|b| period.label(b.0)).unwrap_or_default(),
            bars.last().map(|b| period.label(b.0)).unwrap_or_default(),
            crate::count(undated, "record carries", "records carry"),
        )),
    })
}
