//! Reading the dates records carry (`meta.date`, as the source wrote it) into days, for the
//! quotes-over-time chart. Only unambiguous forms are read: ISO 8601 (`2019-11-17`,
//! `2019-11-17T10:00:00Z`, `2019/11/17`), a day, a month's name and a year (`26-FEB-1987
//! 15:01:01.79`, `Sun, 17 Nov 2019 10:00:00 GMT`) and a month's name, a day and a year
//! (`November 17, 2019`). `11/17/2019` is left unread: month and day could be either way round.

use chrono::{Datelike, Month, NaiveDate, TimeDelta};

/// A calendar day, as the number of days since 1970-01-01 (the calendar is chrono's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i64);

impl Day {
    /// The day of a year, month (1 to 12) and day of the month, when there is one.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Day> {
        let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
        Some(Day(date.signed_duration_since(epoch()).num_days()))
    }

    fn date(self) -> NaiveDate {
        (epoch().checked_add_signed(TimeDelta::try_days(self.0).unwrap_or_default()))
            .unwrap_or(epoch())
    }

    /// Year, month and day of the month.
    pub fn ymd(self) -> (i64, u32, u32) {
        let date = self.date();
        (i64::from(date.year()), date.month(), date.day())
    }

    /// The Monday of the day's week.
    pub fn week_start(self) -> Day {
        Day(self.0 - i64::from(self.date().weekday().num_days_from_monday()))
    }

    /// The first of the day's month.
    pub fn month_start(self) -> Day {
        Day(self.0 - i64::from(self.date().day0()))
    }

    /// `1987-02-26`.
    pub fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }
}

/// 1970-01-01.
fn epoch() -> NaiveDate {
    NaiveDate::default()
}

/// The day a date string names, when it is written in one of the forms this module reads.
pub fn parse(text: &str) -> Option<Day> {
    let tokens = tokens(text);
    let mut t: &[&str] = &tokens;
    // A weekday before the date (`Sun, 17 Nov 2019`).
    if t.first().is_some_and(|w| is_alpha(w) && month(w).is_none()) {
        t = &t[1..];
    }
    let [a, b, c, ..] = t else {
        return None;
    };
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = |s: &str| number(s, 4..=4).map(i64::from);
    let (y, m, d) = if let Some(y) = year(a) {
        (y, number(b, 1..=2)?, number(c, 1..=2)?)
    } else if let Some(m) = month(b) {
        (year(c)?, m, number(a, 1..=2)?)
    } else {
        (year(c)?, month(a)?, number(b, 1..=2)?)
    };
    Day::from_ymd(y, m, d)
}

/// Runs of digits and runs of letters, in order.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut last_digit = false;
    for (i, c) in text.char_indices() {
        let (word, digit) = (c.is_alphanumeric(), c.is_ascii_digit());
        match start {
            Some(s) if !word || digit != last_digit => {
                out.push(&text[s..i]);
                start = word.then_some(i);
            }
            None if word => start = Some(i),
            _ => {}
        }
        last_digit = digit;
        if out.len() >= 4 {
            return out;
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn is_alpha(s: &str) -> bool {
    s.chars().all(char::is_alphabetic)
}

/// The month a name or a beginning of it of three letters or more names (`FEB`, `February`,
/// `Sept`).
fn month(s: &str) -> Option<u32> {
    if s.len() < 3 || !s.is_ascii() || !is_alpha(s) {
        return None;
    }
    let month: Month = s[..3].parse().ok()?;
    let name = month.name();
    (s.len() <= name.len() && name[..s.len()].eq_ignore_ascii_case(s))
        .then(|| month.number_from_month())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        parse(text).map(Day::iso)
    }

    #[test]
    fn the_usual_forms_are_read() {
        for (text, day) in [
            ("26-FEB-1987 15:01:01.79", "1987-02-26"),
            ("2019-11-17", "2019-11-17"),
            ("2019-11-17T10:00:00Z", "2019-11-17"),
            ("2019/11/17", "2019-11-17"),
            ("Sun, 17 Nov 2019 10:00:00 GMT", "2019-11-17"),
            ("17 November 2019", "2019-11-17"),
            ("November 17, 2019", "2019-11-17"),
            ("Sept 3, 2001", "2001-09-03"),
            ("29-FEB-2000", "2000-02-29"),
        ] {
            assert_eq!(iso(text).as_deref(), Some(day), "{text}");
        }
    }

    #[test]
    fn ambiguous_or_impossible_dates_are_not_read() {
        for text in [
            "11/17/2019",
            "17/11/2019",
            "29-FEB-1987",
            "31 Apr 2019",
            "2019-13-01",
            "yesterday",
            "",
            "Nov 2019",
            "17 Novembre 2019",
        ] {
            assert_eq!(iso(text), None, "{text}");
        }
    }

    #[test]
    fn days_round_trip_and_weeks_start_on_monday() {
        for n in [-800_000, -1, 0, 1, 6_265, 18_000, 2_000_000] {
            let (y, m, d) = Day(n).ymd();
            assert_eq!(Day::from_ymd(y, m, d), Some(Day(n)));
        }
        assert_eq!(Day(0).iso(), "1970-01-01");
        // 1987-02-26 was a Thursday; its week starts on Monday 1987-02-23.
        let day = parse("26-FEB-1987").unwrap();
        assert_eq!(day.week_start().iso(), "1987-02-23");
        assert_eq!(day.month_start().iso(), "1987-02-01");
        assert_eq!(day.week_start().week_start(), day.week_start());
    }
}
