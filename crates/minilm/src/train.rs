//! What every trainer of a MiniLM model shares: AdamW (Loshchilov & Hutter), the same update as
//! `torch.optim.AdamW` without amsgrad, written out so that its state (the two moment estimates
//! and the step count) can be saved in a checkpoint and read back (libtorch's own optimiser keeps
//! its state out of reach); the learning rate's warm-up and linear decay; the gradient's norm
//! clipped; and seeded length-bucketed batches.

use std::collections::HashMap;

use quotewire_core::seeded::shuffle;
use tch::{Kind, Tensor};

/// The first moment's decay.
const BETA1: f64 = 0.9;
/// The second moment's decay.
const BETA2: f64 = 0.999;
/// Added to the second moment's root.
const EPS: f64 = 1e-8;

/// The optimiser over named parameters.
pub struct AdamW {
    parameters: Vec<(String, Tensor)>,
    first: Vec<Tensor>,
    second: Vec<Tensor>,
    steps: i64,
    weight_decay: f64,
}

impl AdamW {
    /// Moments of zero for each parameter.
    pub fn new(parameters: Vec<(String, Tensor)>, weight_decay: f64) -> tch::Result<Self> {
        let zeros = |t: &Tensor| tch::no_grad(|| t.f_zeros_like());
        let first = parameters
            .iter()
            .map(|(_, t)| zeros(t))
            .collect::<tch::Result<_>>()?;
        let second = parameters
            .iter()
            .map(|(_, t)| zeros(t))
            .collect::<tch::Result<_>>()?;
        Ok(AdamW {
            parameters,
            first,
            second,
            steps: 0,
            weight_decay,
        })
    }

    /// The parameters, in order.
    pub fn tensors(&self) -> Vec<Tensor> {
        self.parameters
            .iter()
            .map(|(_, t)| t.shallow_clone())
            .collect()
    }

    /// Clears every parameter's gradient.
    pub fn zero_grad(&self) -> tch::Result<()> {
        for (_, p) in &self.parameters {
            let mut grad = p.grad();
            if grad.defined() {
                let _ = grad.f_zero_()?;
            }
        }
        Ok(())
    }

    /// One update at learning rate `lr` from the gradients there are.
    pub fn step(&mut self, lr: f64) -> tch::Result<()> {
        self.steps += 1;
        let correction1 = 1.0 - BETA1.powi(self.steps as i32);
        let correction2 = 1.0 - BETA2.powi(self.steps as i32);
        tch::no_grad(|| {
            for (((_, p), m), v) in self
                .parameters
                .iter_mut()
                .zip(&mut self.first)
                .zip(&mut self.second)
            {
                let grad = p.grad();
                if !grad.defined() {
                    continue;
                }
                let _ = p.f_mul_scalar_(1.0 - lr * self.weight_decay)?;
                // Products and sums only (no `lerp`, whose vector and scalar paths round apart):
                // the same bits wherever a tensor lies in memory.
                let _ = m.f_mul_scalar_(BETA1)?;
                let _ = m.f_add_(&grad.f_mul_scalar(1.0 - BETA1)?)?;
                let _ = v.f_mul_scalar_(BETA2)?;
                let _ = v.f_add_(&grad.f_square()?.f_mul_scalar(1.0 - BETA2)?)?;
                let denominator = v
                    .f_sqrt()?
                    .f_div_scalar(correction2.sqrt())?
                    .f_add_scalar(EPS)?;
                let update = m.f_div(&denominator)?.f_mul_scalar(lr / correction1)?;
                let _ = p.f_sub_(&update)?;
            }
            Ok(())
        })
    }

    /// The state to save: `first.NAME`, `second.NAME` and `steps` (a one-element tensor).
    pub fn state(&self) -> tch::Result<Vec<(String, Tensor)>> {
        let mut out = Vec::with_capacity(2 * self.parameters.len() + 1);
        for (((name, _), m), v) in self.parameters.iter().zip(&self.first).zip(&self.second) {
            out.push((format!("first.{name}"), m.f_detach_copy()?));
            out.push((format!("second.{name}"), v.f_detach_copy()?));
        }
        out.push(("steps".into(), Tensor::from_slice(&[self.steps])));
        Ok(out)
    }

    /// Takes back a state that [`AdamW::state`] gave; `Err` names what is missing or misshapen.
    pub fn restore(&mut self, saved: &HashMap<String, Tensor>) -> Result<(), String> {
        let steps = saved.get("steps").ok_or("no steps")?;
        self.steps = steps
            .f_to_kind(Kind::Int64)
            .and_then(|t| t.f_int64_value(&[0]))
            .map_err(|e| e.to_string())?;
        for (((name, p), m), v) in self
            .parameters
            .iter()
            .zip(&mut self.first)
            .zip(&mut self.second)
        {
            for (prefix, target) in [("first", m), ("second", v)] {
                let key = format!("{prefix}.{name}");
                let source = saved.get(&key).ok_or(format!("no {key}"))?;
                if source.size() != p.size() {
                    return Err(format!("{key} has shape {:?}", source.size()));
                }
                tch::no_grad(|| target.f_copy_(source)).map_err(|e| e.to_string())?;
            }
        }
        Ok(())
    }
}

/// The learning rate's factor at `step` (0-based) of `total`: up from 0 over `warmup` steps, then
/// down to 0 at `total`.
pub fn schedule(step: usize, warmup: usize, total: usize) -> f64 {
    if step < warmup {
        (step + 1) as f64 / warmup as f64
    } else {
        (total - step) as f64 / (total - warmup).max(1) as f64
    }
}

/// Scales the gradients so that their joint L2 norm is at most `max`; returns the norm before.
pub fn clip_grad_norm(parameters: &[Tensor], max: f64) -> tch::Result<f64> {
    tch::no_grad(|| {
        let grads: Vec<Tensor> = parameters
            .iter()
            .map(Tensor::grad)
            .filter(Tensor::defined)
            .collect();
        if grads.is_empty() {
            return Ok(0.0);
        }
        let norms = grads
            .iter()
            .map(|g| g.f_norm())
            .collect::<Result<Vec<_>, _>>()?;
        let norm = Tensor::f_stack(&norms, 0)?
            .f_norm()?
            .f_to_kind(Kind::Double)?
            .f_double_value(&[])?;
        let coefficient = max / (norm + 1e-6);
        if coefficient < 1.0 {
            for mut g in grads {
                let _ = g.f_mul_scalar_(coefficient)?;
            }
        }
        Ok(norm)
    })
}

/// Batches per group of a length bucket: windows are shuffled, cut into groups of this many
/// batches, each group sorted by length and cut into batches, and the batches shuffled.
const BUCKET_BATCHES: usize = 32;

/// Windows shuffled, cut into groups of [`BUCKET_BATCHES`] batches, each sorted by length and
/// cut into batches of `batch` (so a batch holds windows of about one length), then the batches
/// shuffled: the same plan for the same generator state on every machine.
pub fn plan_batches(lengths: &[usize], batch: usize, state: &mut u64) -> Vec<Vec<usize>> {
    let batch = batch.max(1);
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    shuffle(&mut order, state);
    let mut batches = Vec::new();
    for group in order.chunks(batch * BUCKET_BATCHES) {
        let mut group = group.to_vec();
        group.sort_by_key(|&i| lengths[i]);
        batches.extend(group.chunks(batch).map(<[usize]>::to_vec));
    }
    shuffle(&mut batches, state);
    batches
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The update torch.optim.AdamW(lr=0.1, weight_decay=0.01) makes, worked by hand for one
    /// scalar over two steps with gradients 0.5 then -1.0.
    #[test]
    fn two_steps_match_the_published_update() {
        let p = Tensor::from_slice(&[1.0f64]).set_requires_grad(true);
        let mut adam = AdamW::new(vec![("p".into(), p.shallow_clone())], 0.01).unwrap();
        let mut expected = 1.0f64;
        let (mut m, mut v) = (0.0f64, 0.0f64);
        for (t, g) in [(1, 0.5f64), (2, -1.0f64)] {
            adam.zero_grad().unwrap();
            (&p * g).sum(Kind::Double).backward();
            adam.step(0.1).unwrap();
            expected *= 1.0 - 0.1 * 0.01;
            m = BETA1 * m + (1.0 - BETA1) * g;
            v = BETA2 * v + (1.0 - BETA2) * g * g;
            let m_hat = m / (1.0 - BETA1.powi(t));
            let v_hat = v / (1.0 - BETA2.powi(t));
            expected -= 0.1 * m_hat / (v_hat.sqrt() + EPS);
            let got = p.double_value(&[0]);
            assert!(
                (got - expected).abs() < 1e-9,
                "step {t}: {got} != {expected}"
            );
        }
    }

    #[test]
    fn its_state_goes_back_into_a_fresh_optimiser() {
        let p = Tensor::from_slice(&[1.0f32, -2.0]).set_requires_grad(true);
        let mut adam = AdamW::new(vec![("p".into(), p.shallow_clone())], 0.0).unwrap();
        (&p * 3.0).sum(Kind::Float).backward();
        adam.step(0.01).unwrap();
        let saved: HashMap<String, Tensor> = adam.state().unwrap().into_iter().collect();
        let q = p.detach().copy().set_requires_grad(true);
        let mut again = AdamW::new(vec![("p".into(), q.shallow_clone())], 0.0).unwrap();
        again.restore(&saved).unwrap();
        assert_eq!(again.steps, 1);
        assert_eq!(
            Vec::<f32>::try_from(&adam.second[0]).unwrap(),
            Vec::<f32>::try_from(&again.second[0]).unwrap()
        );
        let mut missing: HashMap<String, Tensor> = adam.state().unwrap().into_iter().collect();
        missing.remove("second.p");
        assert_eq!(again.restore(&missing).unwrap_err(), "no second.p");
    }

    #[test]
    fn the_schedule_warms_up_then_decays_to_zero() {
        let f: Vec<f64> = (0..10).map(|s| schedule(s, 2, 10)).collect();
        assert_eq!(f[0], 0.5);
        assert_eq!(f[1], 1.0);
        assert_eq!(f[2], 1.0);
        assert!(f.windows(2).skip(2).all(|w| w[1] < w[0]));
        assert!((f[9] - 0.125).abs() < 1e-12);
        assert_eq!(schedule(0, 0, 1), 1.0);
    }

    #[test]
    fn batches_hold_every_window_once_in_length_buckets_and_repeat_by_seed() {
        let lengths: Vec<usize> = (0..1000).map(|i| (i * 7919) % 254 + 1).collect();
        let plan = plan_batches(&lengths, 16, &mut 7);
        let mut all: Vec<usize> = plan.iter().flatten().copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..1000).collect::<Vec<_>>());
        // Groups of 512 windows: 32 batches, then 488 in 31.
        assert_eq!(plan.len(), 63);
        // Within a batch the lengths are close: much closer than over all windows.
        let spread: usize = plan
            .iter()
            .map(|b| {
                let (lo, hi) = b.iter().fold((usize::MAX, 0), |(lo, hi), &i| {
                    (lo.min(lengths[i]), hi.max(lengths[i]))
                });
                hi - lo
            })
            .sum();
        assert!(spread / plan.len() < 40, "{}", spread / plan.len());
        assert_eq!(plan, plan_batches(&lengths, 16, &mut 7));
        assert_ne!(plan, plan_batches(&lengths, 16, &mut 8));
    }
}
