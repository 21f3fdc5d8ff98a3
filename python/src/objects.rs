//! Records as Python objects, built straight from the Rust values through their `Serialize`
//! impls: the objects `json.loads` makes of the line `quotewire run` writes (the same keys in the
//! same order, the same values and types), without writing the JSON or parsing it.
//!
//! What `serde_json` writes, and so what `json.loads` reads back, decides each case: a struct or
//! map is a dict, a sequence or tuple a list, `None` and unit `None`, a unit variant its name, an
//! integer an `int`, a float a `float` (a non-finite one `None`, as `serde_json` writes `null`).
//! An `f32` is written as its shortest decimal (`0.9`, not `0.8999999761581421`), which Python
//! reads as the nearest `f64`: so it is here, through the same `ryu` formatting.

use std::fmt;

use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyNone, PyString};
use rustc_hash::FxHashMap;
use serde::Serialize;
use serde::ser::{self, Impossible};

/// Objects made once and shared by every record made with the same cache: the Python strings
/// of field and variant names (`&'static str`, so known by their address), as `json.loads`
/// shares the keys of one document; and, as Python shares its small ints, the ints below
/// [`SHARED_INTS`] (span offsets) and the floats 0.0 and 1.0 (two sentiment scores in five).
/// They are immutable: sharing them changes no value, only how many objects there are to make
/// and to free (a dict or list is never shared).
#[derive(Default)]
pub struct Shared {
    names: FxHashMap<(usize, usize), Py<PyString>>,
    ints: Vec<Option<Py<PyAny>>>,
    zero_one: Option<[Py<PyAny>; 2]>,
}

/// Ints below this are shared.
const SHARED_INTS: u64 = 1 << 16;

impl Shared {
    fn get<'py>(&mut self, py: Python<'py>, name: &'static str) -> Bound<'py, PyString> {
        self.names
            .entry((name.as_ptr() as usize, name.len()))
            .or_insert_with(|| PyString::intern(py, name).unbind())
            .bind(py)
            .clone()
    }

    fn uint<'py>(&mut self, py: Python<'py>, v: u64) -> PyResult<Bound<'py, PyAny>> {
        if v >= SHARED_INTS {
            return v.into_bound_py_any(py);
        }
        let at = v as usize;
        if self.ints.len() <= at {
            self.ints.resize_with((at + 1).next_power_of_two(), || None);
        }
        match &self.ints[at] {
            Some(int) => Ok(int.bind(py).clone()),
            None => {
                let int = v.into_bound_py_any(py)?;
                self.ints[at] = Some(int.clone().unbind());
                Ok(int)
            }
        }
    }

    fn float<'py>(&mut self, py: Python<'py>, v: f64) -> Bound<'py, PyAny> {
        // By their bits: -0.0 is a float of its own.
        let shared = match v.to_bits() {
            0 => 0,
            bits if bits == 1f64.to_bits() => 1,
            _ => return PyFloat::new(py, v).into_any(),
        };
        let [zero, one] = self.zero_one.get_or_insert_with(|| {
            [
                PyFloat::new(py, 0.0).into_any().unbind(),
                PyFloat::new(py, 1.0).into_any().unbind(),
            ]
        });
        match shared {
            0 => zero.bind(py).clone(),
            _ => one.bind(py).clone(),
        }
    }
}

/// `value` as the Python objects `json.loads` makes of its JSON.
pub fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    shared: &mut Shared,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    value
        .serialize(Objects { py, shared })
        .map_err(|Error(e)| e)
}

/// The error of a conversion: a Python exception (out of memory, or a value JSON cannot hold).
#[derive(Debug)]
pub struct Error(PyErr);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e)
    }
}

type Result<T> = std::result::Result<T, Error>;

/// The serializer: each value becomes one Python object.
struct Objects<'a, 'py> {
    py: Python<'py>,
    shared: &'a mut Shared,
}

impl<'py> Objects<'_, 'py> {
    fn int<T: IntoPyObject<'py>>(&self, v: T) -> Result<Bound<'py, PyAny>> {
        Ok(v.into_bound_py_any(self.py)?)
    }

    fn none(&self) -> Bound<'py, PyAny> {
        PyNone::get(self.py).to_owned().into_any()
    }

    /// `{variant: value}`: how `serde_json` writes a variant with data (externally tagged).
    fn tagged(
        &mut self,
        variant: &'static str,
        value: Bound<'py, PyAny>,
    ) -> Result<Bound<'py, PyAny>> {
        let dict = PyDict::new(self.py);
        dict.set_item(self.shared.get(self.py, variant), value)?;
        Ok(dict.into_any())
    }
}

impl<'a, 'py> ser::Serializer for Objects<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = List<'a, 'py>;
    type SerializeTuple = List<'a, 'py>;
    type SerializeTupleStruct = List<'a, 'py>;
    type SerializeTupleVariant = List<'a, 'py>;
    type SerializeMap = Dict<'a, 'py>;
    type SerializeStruct = Dict<'a, 'py>;
    type SerializeStructVariant = Dict<'a, 'py>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Self::Ok> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok> {
        Ok(self.shared.uint(self.py, v.into())?)
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok> {
        Ok(self.shared.uint(self.py, v.into())?)
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok> {
        Ok(self.shared.uint(self.py, v.into())?)
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok> {
        Ok(self.shared.uint(self.py, v)?)
    }
    fn serialize_u128(self, v: u128) -> Result<Self::Ok> {
        self.int(v)
    }

    fn serialize_f32(self, v: f32) -> Result<Self::Ok> {
        if !v.is_finite() {
            return Ok(self.none());
        }
        // The decimal `serde_json` writes, read as Python reads it (correctly rounded).
        let mut buffer = ryu::Buffer::new();
        let written = buffer.format_finite(v);
        let read: f64 = written
            .parse()
            .map_err(|_| PyValueError::new_err(format!("float {written} does not read back")))?;
        Ok(self.shared.float(self.py, read))
    }

    fn serialize_f64(self, v: f64) -> Result<Self::Ok> {
        // The shortest decimal that reads back as `v` (what `serde_json` writes) reads back as
        // `v`: the value itself.
        match v.is_finite() {
            true => Ok(self.shared.float(self.py, v)),
            false => Ok(self.none()),
        }
    }

    fn serialize_char(self, v: char) -> Result<Self::Ok> {
        Ok(PyString::new(self.py, v.encode_utf8(&mut [0; 4])).into_any())
    }

    fn serialize_str(self, v: &str) -> Result<Self::Ok> {
        Ok(PyString::new(self.py, v).into_any())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<Self::Ok> {
        // `serde_json`: an array of numbers.
        Ok(PyList::new(self.py, v)?.into_any())
    }

    fn serialize_none(self) -> Result<Self::Ok> {
        Ok(self.none())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Self::Ok> {
        Ok(self.none())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok> {
        Ok(self.none())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok> {
        Ok(self.shared.get(self.py, variant).into_any())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        let value = value.serialize(Objects {
            py: self.py,
            shared: self.shared,
        })?;
        self.tagged(variant, value)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        Ok(List {
            objects: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant: None,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Ok(List {
            objects: self,
            items: Vec::with_capacity(len),
            variant: Some(variant),
        })
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Ok(Dict {
            dict: PyDict::new(self.py),
            objects: self,
            key: None,
            variant: None,
        })
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        self.serialize_map(None)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Ok(Dict {
            dict: PyDict::new(self.py),
            objects: self,
            key: None,
            variant: Some(variant),
        })
    }
}

/// A list in the making (or, for a tuple variant, the list of `{variant: [...]}`).
pub struct List<'a, 'py> {
    objects: Objects<'a, 'py>,
    items: Vec<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'py> List<'_, 'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let item = value.serialize(Objects {
            py: self.objects.py,
            shared: self.objects.shared,
        })?;
        self.items.push(item);
        Ok(())
    }

    fn finish(mut self) -> Result<Bound<'py, PyAny>> {
        let list = PyList::new(self.objects.py, self.items)?.into_any();
        match self.variant {
            Some(variant) => self.objects.tagged(variant, list),
            None => Ok(list),
        }
    }
}

impl<'py> ser::SerializeSeq for List<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for List<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for List<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for List<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

/// A dict in the making (or, for a struct variant, the dict of `{variant: {...}}`).
pub struct Dict<'a, 'py> {
    objects: Objects<'a, 'py>,
    dict: Bound<'py, PyDict>,
    /// A map's key, given before its value.
    key: Option<Bound<'py, PyString>>,
    variant: Option<&'static str>,
}

impl<'py> Dict<'_, 'py> {
    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<Bound<'py, PyAny>> {
        value.serialize(Objects {
            py: self.objects.py,
            shared: self.objects.shared,
        })
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        let value = self.value(value)?;
        let key = self.objects.shared.get(self.objects.py, key);
        self.dict.set_item(&key, &value)?;
        Ok(())
    }

    fn finish(mut self) -> Result<Bound<'py, PyAny>> {
        let dict = self.dict.into_any();
        match self.variant {
            Some(variant) => self.objects.tagged(variant, dict),
            None => Ok(dict),
        }
    }
}

impl<'py> ser::SerializeMap for Dict<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key.serialize(Key(self.objects.py))?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error(PyValueError::new_err("a map value without its key")))?;
        let value = self.value(value)?;
        self.dict.set_item(&key, &value)?;
        Ok(())
    }

    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for Dict<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Dict<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field(key, value)
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

/// A map key: JSON's keys are strings, so (as `serde_json` writes them) a string, a unit
/// variant's name, or an integer, a finite float, a bool or a char in its written form.
/// Anything else is an error, as it is for `serde_json`.
struct Key<'py>(Python<'py>);

impl<'py> Key<'py> {
    fn written(self, v: impl fmt::Display) -> Result<Bound<'py, PyString>> {
        Ok(PyString::new(self.0, &v.to_string()))
    }
}

fn key_error() -> Error {
    Error(PyValueError::new_err("key must be a string"))
}

impl<'py> ser::Serializer for Key<'py> {
    type Ok = Bound<'py, PyString>;
    type Error = Error;
    type SerializeSeq = Impossible<Self::Ok, Error>;
    type SerializeTuple = Impossible<Self::Ok, Error>;
    type SerializeTupleStruct = Impossible<Self::Ok, Error>;
    type SerializeTupleVariant = Impossible<Self::Ok, Error>;
    type SerializeMap = Impossible<Self::Ok, Error>;
    type SerializeStruct = Impossible<Self::Ok, Error>;
    type SerializeStructVariant = Impossible<Self::Ok, Error>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok> {
        Ok(PyString::new(self.0, if v { "true" } else { "false" }))
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok> {
        self.written(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok> {
        self.written(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok> {
        self.written(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok> {
        self.written(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Self::Ok> {
        self.written(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok> {
        self.written(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok> {
        self.written(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok> {
        self.written(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok> {
        self.written(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Self::Ok> {
        self.written(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok> {
        match v.is_finite() {
            true => Ok(PyString::new(self.0, ryu::Buffer::new().format_finite(v))),
            false => Err(Error(PyValueError::new_err("float key must be finite"))),
        }
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok> {
        match v.is_finite() {
            true => Ok(PyString::new(self.0, ryu::Buffer::new().format_finite(v))),
            false => Err(Error(PyValueError::new_err("float key must be finite"))),
        }
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok> {
        self.written(v)
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok> {
        Ok(PyString::new(self.0, v))
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<Self::Ok> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<Self::Ok> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<Self::Ok> {
        Err(key_error())
    }
    fn serialize_unit(self) -> Result<Self::Ok> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok> {
        Err(key_error())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok> {
        Ok(PyString::new(self.0, variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<Self::Ok> {
        Err(key_error())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_error())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_error())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_error())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_error())
    }
}
