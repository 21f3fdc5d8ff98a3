//! The id, text, title and date of a JSON document, read without decoding its other fields.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use crate::JsonFields;

/// The values of the candidate id, text, title and date fields of one JSON object (the last of a repeated
/// key), each by its position in the candidate list.
pub(crate) struct Found {
    pub ids: Vec<Option<Value>>,
    pub texts: Vec<Option<Value>>,
    pub titles: Vec<Option<Value>>,
    pub dates: Vec<Option<Value>>,
}

/// Parses `line` as one JSON object, checking all of it but decoding only the candidate fields.
pub(crate) fn read(line: &str, fields: &JsonFields) -> Result<Found, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(line);
    let found = Seed(fields).deserialize(&mut de)?;
    de.end()?;
    Ok(found)
}

struct Seed<'f>(&'f JsonFields);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Found;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Found, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut found = Found {
            ids: vec![None; self.0.id.len()],
            texts: vec![None; self.0.text.len()],
            titles: vec![None; self.0.title.len()],
            dates: vec![None; self.0.date.len()],
        };
        while let Some(Key(key)) = map.next_key()? {
            let id = self.0.id.iter().position(|f| *f == key);
            let text = self.0.text.iter().position(|f| *f == key);
            let title = self.0.title.iter().position(|f| *f == key);
            let date = self.0.date.iter().position(|f| *f == key);
            if id.is_none() && text.is_none() && title.is_none() && date.is_none() {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let value: Value = map.next_value()?;
            if let Some(i) = id {
                found.ids[i] = Some(value.clone());
            }
            if let Some(t) = title {
                found.titles[t] = Some(value.clone());
            }
            if let Some(d) = date {
                found.dates[d] = Some(value.clone());
            }
            if let Some(t) = text {
                found.texts[t] = Some(value);
            }
        }
        Ok(found)
    }
}

/// A key, borrowed from the line unless it holds escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string key")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}
