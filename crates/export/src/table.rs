//! A table: named, typed columns and rows of cells, as every table of this crate is written.

/// The type of a column's values: text (UTF-8), a count or position, a real number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text (Arrow `Utf8`).
    Text,
    /// A count, a position or a byte offset (Arrow `UInt64`).
    Count,
    /// A score (Arrow `Float64`).
    Real,
    /// Yes or no (Arrow `Boolean`; `true`/`false` in CSV).
    Flag,
}

/// One column: its name, type, and whether a cell may be empty (null in Parquet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header.
    pub name: String,
    /// The type of its values.
    pub ty: ColumnType,
    /// Whether a cell may be empty.
    pub nullable: bool,
}

impl Column {
    /// A column that always has a value.
    pub fn required(name: impl Into<String>, ty: ColumnType) -> Self {
        Column {
            name: name.into(),
            ty,
            nullable: false,
        }
    }

    /// A column whose cells may be empty.
    pub fn optional(name: impl Into<String>, ty: ColumnType) -> Self {
        Column {
            name: name.into(),
            ty,
            nullable: true,
        }
    }
}

/// One cell: a value of its column's type, or none.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(Option<String>),
    /// A count, position or offset.
    Count(Option<u64>),
    /// A score.
    Real(Option<f64>),
    /// Yes or no.
    Flag(Option<bool>),
}

impl Cell {
    /// A text cell with a value.
    pub fn text(value: impl Into<String>) -> Self {
        Cell::Text(Some(value.into()))
    }

    /// A count cell with a value.
    pub fn count(value: usize) -> Self {
        Cell::Count(Some(value as u64))
    }

    /// Whether the cell fits a column of this type (an empty cell only a nullable column).
    pub fn fits(&self, column: &Column) -> bool {
        let (ty, empty) = match self {
            Cell::Text(v) => (ColumnType::Text, v.is_none()),
            Cell::Count(v) => (ColumnType::Count, v.is_none()),
            Cell::Real(v) => (ColumnType::Real, v.is_none()),
            Cell::Flag(v) => (ColumnType::Flag, v.is_none()),
        };
        ty == column.ty && (column.nullable || !empty)
    }

    /// The cell as CSV writes it: empty when there is no value.
    pub fn to_field(&self) -> String {
        match self {
            Cell::Text(v) => v.clone().unwrap_or_default(),
            Cell::Count(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Real(v) => v.map(|v| v.to_string()).unwrap_or_default(),
            Cell::Flag(v) => v.map(|v| v.to_string()).unwrap_or_default(),
        }
    }
}

/// One row: a cell per column, in the order of the columns.
pub type Row = Vec<Cell>;
