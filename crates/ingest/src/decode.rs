//! Bytes to text: UTF-8 where valid, Windows-1252 otherwise; empty and binary input refused.

use quotewire_core::Encoding;

use crate::IngestError;

/// Decodes `bytes` to text: UTF-8 when valid, else Windows-1252 (which maps every byte).
///
/// Empty (or whitespace-only) and NUL-bearing input are errors.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Encoding), IngestError> {
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(IngestError::Binary { offset });
    }
    let (text, encoding) = match String::from_utf8(bytes) {
        Ok(text) => (text, Encoding::Utf8),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(e.as_bytes());
            (text.into_owned(), Encoding::Windows1252)
        }
    };
    check_not_empty(&text)?;
    Ok((text, encoding))
}

/// Refuses text that is empty, whitespace only, or holds NUL characters.
pub fn check_text(text: &str) -> Result<(), IngestError> {
    if let Some(offset) = memchr::memchr(0, text.as_bytes()) {
        return Err(IngestError::Binary { offset });
    }
    check_not_empty(text)
}

fn check_not_empty(text: &str) -> Result<(), IngestError> {
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_kept() {
        let (text, enc) = decode("Séoul “quoted”".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "Séoul “quoted”");
        assert_eq!(enc, Encoding::Utf8);
    }

    #[test]
    fn windows_1252_is_decoded() {
        // 0x93/0x94 are curly quotes and 0xE9 is é in Windows-1252.
        let (text, enc) = decode(b"\x93Caf\xe9\x94, he said.".to_vec()).unwrap();
        assert_eq!(text, "“Café”, he said.");
        assert_eq!(enc, Encoding::Windows1252);
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert!(matches!(decode(Vec::new()), Err(IngestError::Empty)));
        assert!(matches!(
            decode(b" \n\t ".to_vec()),
            Err(IngestError::Empty)
        ));
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00".to_vec()),
            Err(IngestError::Binary { offset: 4 })
        ));
    }
}
