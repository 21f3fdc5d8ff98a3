//! MiniLM's encoder for reading only (no gradients, no dropout), written out over the weights of
//! a `VarStore` so that its dense layers can run in 8-bit integers: each weight matrix quantized
//! once (one scale and zero point per matrix, as `torch.fbgemm_linear_quantize_weight` does),
//! the activations quantized on the fly (fbgemm's `int8 weight, fp32 activation` kernel). The
//! attention is libtorch's `scaled_dot_product_attention`; layer norms and GELU stay in floats.

use tch::{Kind, Scalar, Tensor, nn};

/// How the dense layers compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precision {
    /// 32-bit floats: the trained model exactly.
    #[default]
    Float,
    /// 8-bit integer weights and dynamically quantized activations (fbgemm).
    Int8,
}

/// A dense layer, `x W^T + b`.
#[derive(Debug)]
enum Dense {
    /// In floats.
    Float { weight: Tensor, bias: Tensor },
    /// The weight in 8 bits, packed for fbgemm.
    Int8 {
        weight: Tensor,
        packed: Tensor,
        column_offsets: Tensor,
        scale: f64,
        zero_point: i64,
        bias: Tensor,
    },
}

impl Dense {
    fn new(weight: Tensor, bias: Tensor, precision: Precision) -> tch::Result<Self> {
        Ok(match precision {
            Precision::Float => Dense::Float { weight, bias },
            Precision::Int8 => {
                let (weight, column_offsets, scale, zero_point) = quantize(&weight)?;
                let packed = weight.f_fbgemm_pack_quantized_matrix()?;
                Dense::Int8 {
                    weight,
                    packed,
                    column_offsets,
                    scale,
                    zero_point,
                    bias,
                }
            }
        })
    }

    fn forward(&self, x: &Tensor) -> tch::Result<Tensor> {
        match self {
            Dense::Float { weight, bias } => x.f_linear(weight, Some(bias)),
            Dense::Int8 {
                weight,
                packed,
                column_offsets,
                scale,
                zero_point,
                bias,
            } => x.f_fbgemm_linear_int8_weight_fp32_activation(
                weight,
                packed,
                column_offsets,
                Scalar::float(*scale),
                Scalar::int(*zero_point),
                bias,
            ),
        }
    }
}

/// A weight matrix `[n, k]` in 8 bits, as fbgemm's `fbgemm_linear_quantize_weight` makes it: the
/// int8 matrix, each row's sum less `zero_point * k` (int32), the scale and the zero point.
fn quantize(weight: &Tensor) -> tch::Result<(Tensor, Tensor, f64, i64)> {
    let size = weight.size();
    let (n, k) = (size[0] as usize, size[1] as usize);
    let values: Vec<f32> =
        Vec::try_from(weight.f_to_kind(Kind::Float)?.f_contiguous()?.f_view(-1)?)?;
    let (min, max) = values
        .iter()
        .fold((0f32, 0f32), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let (qmin, qmax) = (-128f64, 127f64);
    let mut scale = (f64::from(max) - f64::from(min)) / (qmax - qmin);
    if scale == 0.0 {
        scale = 0.1;
    }
    let from_min = qmin - f64::from(min) / scale;
    let from_max = qmax - f64::from(max) / scale;
    let from_min_error = qmin.abs() + (f64::from(min) / scale).abs();
    let from_max_error = qmax.abs() + (f64::from(max) / scale).abs();
    let initial = if from_min_error < from_max_error {
        from_min
    } else {
        from_max
    };
    let zero_point = initial.round().clamp(qmin, qmax) as i64;
    let inverse = 1.0 / scale as f32;
    let quantized: Vec<i8> = values
        .iter()
        .map(|&v| ((v * inverse).round_ties_even() as i64 + zero_point).clamp(-128, 127) as i8)
        .collect();
    let offsets: Vec<i32> = quantized
        .chunks(k)
        .map(|row| row.iter().map(|&q| i32::from(q)).sum::<i32>() - zero_point as i32 * k as i32)
        .collect();
    let matrix = Tensor::f_from_slice(&quantized)?.f_view([n as i64, k as i64])?;
    Ok((matrix, Tensor::f_from_slice(&offsets)?, scale, zero_point))
}

/// A layer norm's weight and bias.
#[derive(Debug)]
struct Norm {
    weight: Tensor,
    bias: Tensor,
    eps: f64,
}

impl Norm {
    fn forward(&self, x: &Tensor) -> tch::Result<Tensor> {
        x.f_layer_norm(
            [self.weight.size()[0]],
            Some(&self.weight),
            Some(&self.bias),
            self.eps,
            false,
        )
    }
}

/// One transformer layer.
#[derive(Debug)]
struct Layer {
    query: Dense,
    key: Dense,
    value: Dense,
    attention_output: Dense,
    attention_norm: Norm,
    intermediate: Dense,
    output: Dense,
    output_norm: Norm,
}

/// The encoder: embeddings and layers, over tensors that share the `VarStore`'s storage (the
/// float ones) or were quantized from it once (`Int8`).
#[derive(Debug)]
pub struct Encoder {
    word: Tensor,
    position: Tensor,
    token_type: Tensor,
    embeddings_norm: Norm,
    layers: Vec<Layer>,
    heads: i64,
}

impl Encoder {
    /// The encoder over `vs`'s BERT weights (names as rust-bert's `BertModel` gives them, at the
    /// store's root), with `heads` attention heads and layer norms of `eps`, computing as
    /// `precision` says; an error names a missing weight.
    ///
    /// libtorch warns once per process, on stderr, that the fbgemm functions of `Int8` are
    /// deprecated; they are the kernels of its dynamic quantization all the same. The warning
    /// would reach every user of the command line, so `Int8` is built and run once with stderr
    /// pointed at /dev/null.
    pub fn new(
        vs: &nn::VarStore,
        heads: i64,
        eps: f64,
        precision: Precision,
    ) -> Result<Self, String> {
        if precision == Precision::Int8 {
            let _quiet = quiet::Stderr::new();
            let encoder = Self::build(vs, heads, eps, precision)?;
            let ids = Tensor::from_slice(&[0i64, 0]).view([1, 2]);
            let mask = Tensor::from_slice(&[1i64, 1]).view([1, 2]);
            let _warmed = encoder.forward(&ids, &mask).map_err(|e| e.to_string())?;
            return Ok(encoder);
        }
        Self::build(vs, heads, eps, precision)
    }

    fn build(
        vs: &nn::VarStore,
        heads: i64,
        eps: f64,
        precision: Precision,
    ) -> Result<Self, String> {
        let variables = vs.variables();
        let get = |name: &str| -> Result<Tensor, String> {
            variables
                .get(name)
                .map(|t| t.detach())
                .ok_or_else(|| format!("no {name}"))
        };
        let norm = |prefix: &str| -> Result<Norm, String> {
            Ok(Norm {
                weight: get(&format!("{prefix}.weight"))?,
                bias: get(&format!("{prefix}.bias"))?,
                eps,
            })
        };
        let dense = |prefix: &str| -> Result<Dense, String> {
            Dense::new(
                get(&format!("{prefix}.weight"))?,
                get(&format!("{prefix}.bias"))?,
                precision,
            )
            .map_err(|e| e.to_string())
        };
        let mut layers = Vec::new();
        while variables.contains_key(&format!(
            "encoder.layer.{}.output.dense.weight",
            layers.len()
        )) {
            let at = format!("encoder.layer.{}", layers.len());
            layers.push(Layer {
                query: dense(&format!("{at}.attention.self.query"))?,
                key: dense(&format!("{at}.attention.self.key"))?,
                value: dense(&format!("{at}.attention.self.value"))?,
                attention_output: dense(&format!("{at}.attention.output.dense"))?,
                attention_norm: norm(&format!("{at}.attention.output.LayerNorm"))?,
                intermediate: dense(&format!("{at}.intermediate.dense"))?,
                output: dense(&format!("{at}.output.dense"))?,
                output_norm: norm(&format!("{at}.output.LayerNorm"))?,
            });
        }
        if layers.is_empty() {
            return Err("no encoder.layer.0".into());
        }
        Ok(Encoder {
            word: get("embeddings.word_embeddings.weight")?,
            position: get("embeddings.position_embeddings.weight")?,
            token_type: get("embeddings.token_type_embeddings.weight")?,
            embeddings_norm: norm("embeddings.LayerNorm")?,
            layers,
            heads,
        })
    }

    /// The last layer's states `[rows, width, hidden]` of `ids` `[rows, width]` (int64), where
    /// `mask` (`[rows, width]`, 1 for a token, 0 for padding) says which to attend to.
    pub fn forward(&self, ids: &Tensor, mask: &Tensor) -> tch::Result<Tensor> {
        tch::no_grad(|| {
            let size = ids.size();
            let (rows, width) = (size[0], size[1]);
            let positions = Tensor::f_arange(width, (Kind::Int64, ids.device()))?;
            let lookup =
                |table: &Tensor, ids: &Tensor| Tensor::f_embedding(table, ids, -1, false, false);
            let mut x = lookup(&self.word, ids)?
                .f_add(&lookup(&self.position, &positions)?)?
                .f_add(&self.token_type.f_get(0)?)?;
            x = self.embeddings_norm.forward(&x)?;
            let hidden = x.size()[2];
            let head = hidden / self.heads;
            // Padding is never attended to: `[rows, 1, 1, width]`, broadcast over heads and rows.
            let attend = mask.f_to_kind(Kind::Bool)?.f_view([rows, 1, 1, width])?;
            let split = |t: Tensor| -> tch::Result<Tensor> {
                t.f_view([rows, width, self.heads, head])?.f_transpose(1, 2)
            };
            for layer in &self.layers {
                let q = split(layer.query.forward(&x)?)?;
                let k = split(layer.key.forward(&x)?)?;
                let v = split(layer.value.forward(&x)?)?;
                let context = Tensor::f_scaled_dot_product_attention(
                    &q,
                    &k,
                    &v,
                    Some(&attend),
                    0.0,
                    false,
                    None,
                )?
                .f_transpose(1, 2)?
                .f_contiguous()?
                .f_view([rows, width, hidden])?;
                let attended = layer
                    .attention_norm
                    .forward(&layer.attention_output.forward(&context)?.f_add(&x)?)?;
                let inner = layer.intermediate.forward(&attended)?.f_gelu("none")?;
                x = layer
                    .output_norm
                    .forward(&layer.output.forward(&inner)?.f_add(&attended)?)?;
            }
            Ok(x)
        })
    }
}

/// Stderr pointed at /dev/null for as long as a value lives.
mod quiet {
    /// The process's stderr, saved while it points at /dev/null.
    pub struct Stderr {
        saved: Option<libc::c_int>,
    }

    impl Stderr {
        /// Points stderr at /dev/null (or, where that fails, leaves it as it is).
        pub fn new() -> Self {
            // SAFETY: plain descriptor calls on descriptors this function owns or checks; a
            // failed call leaves stderr as it was.
            unsafe {
                let saved = libc::dup(libc::STDERR_FILENO);
                if saved < 0 {
                    return Stderr { saved: None };
                }
                let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY);
                if null < 0 {
                    libc::close(saved);
                    return Stderr { saved: None };
                }
                libc::dup2(null, libc::STDERR_FILENO);
                libc::close(null);
                Stderr { saved: Some(saved) }
            }
        }
    }

    impl Drop for Stderr {
        fn drop(&mut self) {
            if let Some(saved) = self.saved {
                // SAFETY: `saved` is the descriptor `new` duplicated from stderr.
                unsafe {
                    libc::dup2(saved, libc::STDERR_FILENO);
                    libc::close(saved);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantized_weights_give_back_the_matrix_within_half_a_step() {
        let weight = Tensor::from_slice(&[0.5f32, -1.25, 0.0, 2.0, -0.75, 0.1]).view([2, 3]);
        let (q, offsets, scale, zero) = quantize(&weight).unwrap();
        let q: Vec<i8> = Vec::try_from(q.view(-1)).unwrap();
        let w: Vec<f32> = Vec::try_from(weight.view(-1)).unwrap();
        for (q, w) in q.iter().zip(&w) {
            let back = (f64::from(*q) - zero as f64) * scale;
            assert!(
                (back - f64::from(*w)).abs() <= scale / 2.0 + 1e-9,
                "{back} {w}"
            );
        }
        let offsets: Vec<i32> = Vec::try_from(offsets).unwrap();
        let sums: Vec<i32> = q
            .chunks(3)
            .map(|r| r.iter().map(|&x| i32::from(x)).sum::<i32>() - zero as i32 * 3)
            .collect();
        assert_eq!(offsets, sums);
    }

    #[test]
    fn an_all_zero_matrix_quantizes_without_dividing_by_zero() {
        let (q, _, scale, _) =
            quantize(&Tensor::zeros([2, 2], (Kind::Float, tch::Device::Cpu))).unwrap();
        assert!(scale > 0.0);
        let q: Vec<i8> = Vec::try_from(q.view(-1)).unwrap();
        assert!(q.iter().all(|&x| x == q[0]));
    }
}
