//! The roles of an attribution (source, cue, content) and their BIO labels, one per token: what a
//! learned tagger predicts and what the literature's PolNeAR instances are scored on.
//!
//! ```
//! use quotewire_core::bio::{Label, Role};
//!
//! let label: Label = "B-cue".parse().unwrap();
//! assert_eq!(label, Label::B(Role::Cue));
//! assert_eq!(Label::from_index(label.index()), label);
//! assert_eq!(label.to_string(), "B-cue");
//! assert!("B-speaker".parse::<Label>().is_err());
//! ```

use serde::Deserialize;

/// A role of an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Who said it.
    Source,
    /// The cue (`said`, `according to`).
    Cue,
    /// What was said.
    Content,
}

impl Role {
    /// Every role, in the order of precedence where spans overlap: cue, source, content.
    pub const PRECEDENCE: [Role; 3] = [Role::Cue, Role::Source, Role::Content];

    /// `source`, `cue` or `content`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Cue => "cue",
            Role::Content => "content",
        }
    }

    /// The role of a name (`source`, `cue`, `content`).
    pub fn from_name(name: &str) -> Option<Role> {
        Role::PRECEDENCE.into_iter().find(|r| r.name() == name)
    }
}

/// The BIO label of one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "String")]
pub enum Label {
    /// Outside every span.
    O,
    /// The first token of a span.
    B(Role),
    /// A later token of a span.
    I(Role),
}

/// The number of labels (`O`, and `B`/`I` of each role).
pub const LABELS: usize = 7;

impl Label {
    /// Every label, in the order of a model's outputs.
    pub const ALL: [Label; LABELS] = [
        Label::O,
        Label::B(Role::Source),
        Label::I(Role::Source),
        Label::B(Role::Cue),
        Label::I(Role::Cue),
        Label::B(Role::Content),
        Label::I(Role::Content),
    ];

    /// The label's place among a model's outputs.
    pub fn index(self) -> usize {
        let role = |r: Role| match r {
            Role::Source => 0,
            Role::Cue => 1,
            Role::Content => 2,
        };
        match self {
            Label::O => 0,
            Label::B(r) => 1 + 2 * role(r),
            Label::I(r) => 2 + 2 * role(r),
        }
    }

    /// The label of an output (an index past the last is `O`).
    pub fn from_index(index: usize) -> Label {
        Label::ALL.get(index).copied().unwrap_or(Label::O)
    }

    /// The role, if any.
    pub fn role(self) -> Option<Role> {
        match self {
            Label::O => None,
            Label::B(r) | Label::I(r) => Some(r),
        }
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Label::O => f.write_str("O"),
            Label::B(r) => write!(f, "B-{}", r.name()),
            Label::I(r) => write!(f, "I-{}", r.name()),
        }
    }
}

impl std::str::FromStr for Label {
    type Err = String;

    /// `O`, `B-source`, `I-cue`, ...
    fn from_str(label: &str) -> Result<Self, String> {
        let role =
            |name: &str| Role::from_name(name).ok_or_else(|| format!("unknown tag {label:?}"));
        match label.split_once('-') {
            None if label == "O" => Ok(Label::O),
            Some(("B", name)) => Ok(Label::B(role(name)?)),
            Some(("I", name)) => Ok(Label::I(role(name)?)),
            _ => Err(format!("unknown tag {label:?}")),
        }
    }
}

impl TryFrom<String> for Label {
    type Error = String;

    fn try_from(label: String) -> Result<Self, String> {
        label.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_round_trips_by_index_and_by_name() {
        for (i, label) in Label::ALL.into_iter().enumerate() {
            assert_eq!(label.index(), i);
            assert_eq!(Label::from_index(i), label);
            assert_eq!(label.to_string().parse::<Label>(), Ok(label));
        }
        assert_eq!(Label::from_index(99), Label::O);
        for bad in ["", "B", "B-", "X-cue", "b-cue", "I-Content"] {
            assert!(bad.parse::<Label>().is_err(), "{bad}");
        }
        let read: Vec<Label> = serde_json::from_str(r#"["O", "B-source", "I-source"]"#).unwrap();
        assert_eq!(
            read,
            [Label::O, Label::B(Role::Source), Label::I(Role::Source)]
        );
        assert!(serde_json::from_str::<Label>(r#""B-who""#).is_err());
    }
}
