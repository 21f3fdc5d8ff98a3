//! `Pipeline(attributor=...)`: the rules, or the learned tagger in builds with `transformer`.

use pyo3::PyResult;
use quotewire_attrib::{Attributor, Method};

use crate::errors::value_error;

/// The attributor of a method's name (`rules`, `learned`, `hybrid`).
pub fn attributor(name: &str) -> PyResult<Attributor> {
    let method = Method::from_id(name).ok_or_else(|| {
        value_error(format!(
            "attributor {name:?} is not one of \"rules\", \"learned\", \"hybrid\""
        ))
    })?;
    if method == Method::Rules {
        return Ok(Attributor::new());
    }
    learned(method)
}

#[cfg(feature = "transformer")]
fn learned(method: Method) -> PyResult<Attributor> {
    use quotewire_attrib::learned::{Reading, TaggerPool, set_torch_threads};
    let minilm = std::env::var_os("QUOTEWIRE_MINILM").ok_or_else(|| {
        value_error(format!(
            "attributor {:?} needs MiniLM: set QUOTEWIRE_MINILM (eval \"$(bash models/setup.sh)\")",
            method.id()
        ))
    })?;
    set_torch_threads(1);
    let copies = rayon::current_num_threads();
    let pool = TaggerPool::bundled(minilm.as_ref(), copies, Reading::default())
        .map_err(|e| value_error(format!("the attribution tagger: {e}")))?;
    Ok(Attributor::new().with_tagger(std::sync::Arc::new(pool), method))
}

#[cfg(not(feature = "transformer"))]
fn learned(method: Method) -> PyResult<Attributor> {
    Err(value_error(format!(
        "attributor {:?} is not available: this build of quotewire attributes quotations with its \
         rules only (attributor=\"rules\"); build the package with the transformer feature \
         (maturin build --features transformer) for \"learned\" and \"hybrid\"",
        method.id()
    )))
}
