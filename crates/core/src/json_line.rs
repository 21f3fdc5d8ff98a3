//! The JSON formatting of output lines: serde_json's compact output, with a fast path for the
//! numbers records are made of (scores rounded to four decimals at most), written from their
//! integer digits instead of by the shortest-decimal search. The bytes are the same
//! (`decimals_are_written_as_serde_json_writes_them` checks every such number up to 10).

use std::io;

use serde_json::ser::{CompactFormatter, Formatter};

/// Numbers `k / 10^4` with `|k|` up to this are written from their digits.
const MAX_SCALED: i64 = 100_000;

/// serde_json's compact formatter, with [`write_decimal`] for floats.
pub(crate) struct LineFormatter;

impl Formatter for LineFormatter {
    #[inline]
    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        let mut buffer = [0; 16];
        match write_decimal(value, &mut buffer) {
            Some(len) => writer.write_all(&buffer[..len]),
            None => CompactFormatter.write_f64(writer, value),
        }
    }
}

/// Writes `value` into `out` as its shortest decimal when it is the float nearest to `k / 10^4`
/// for an integer `0 < |k| <= MAX_SCALED` (the shortest decimal is then `k / 10^4`'s own digits,
/// as no other decimal of four places or fewer lies within a unit of the last place); returns
/// the length written, or `None` for any other value (zero, `-0.0`, more decimals, larger).
fn write_decimal(value: f64, out: &mut [u8; 16]) -> Option<usize> {
    let scaled = value * 1e4;
    if scaled.abs() > MAX_SCALED as f64 {
        return None;
    }
    let k = scaled.round() as i64;
    if k == 0 || (k as f64 / 1e4).to_bits() != value.to_bits() {
        return None;
    }
    let mut len = 0;
    if k < 0 {
        out[0] = b'-';
        len = 1;
    }
    let (whole, mut fraction) = (k.unsigned_abs() / 10_000, k.unsigned_abs() % 10_000);
    // At most two digits before the point (MAX_SCALED / 10^4 = 10).
    if whole >= 10 {
        out[len] = b'0' + (whole / 10) as u8;
        len += 1;
    }
    out[len] = b'0' + (whole % 10) as u8;
    out[len + 1] = b'.';
    len += 2;
    let mut places = 4;
    while places > 1 && fraction % 10 == 0 {
        fraction /= 10;
        places -= 1;
    }
    for place in (0..places).rev() {
        out[len + place] = b'0' + (fraction % 10) as u8;
        fraction /= 10;
    }
    Some(len + places)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_json_writes(value: f64) -> String {
        let mut out = Vec::new();
        CompactFormatter.write_f64(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn decimals_are_written_as_serde_json_writes_them() {
        let mut buffer = [0; 16];
        for k in -MAX_SCALED..=MAX_SCALED {
            let value = k as f64 / 1e4;
            match write_decimal(value, &mut buffer) {
                Some(len) => assert_eq!(
                    std::str::from_utf8(&buffer[..len]).unwrap(),
                    serde_json_writes(value),
                    "{k}"
                ),
                None => assert_eq!(k, 0),
            }
        }
    }

    #[test]
    fn other_numbers_are_left_to_serde_json() {
        let mut buffer = [0; 16];
        for value in [
            0.0,
            -0.0,
            0.12345,
            1.0 / 3.0,
            10.0001,
            -25.5,
            1e-9,
            f64::MAX,
            f64::NAN,
            f64::NEG_INFINITY,
            0.1 + 0.2,
        ] {
            assert_eq!(write_decimal(value, &mut buffer), None, "{value}");
        }
        let mut out = Vec::new();
        LineFormatter.write_f64(&mut out, 0.1 + 0.2).unwrap();
        assert_eq!(out, b"0.30000000000000004");
    }
}
