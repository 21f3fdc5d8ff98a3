//! Copies of a model, one per worker thread: libtorch modules are not `Sync`, so each thread
//! takes a copy no other thread is using.

use std::sync::Mutex;

/// `copies` of a model behind locks.
pub struct Pool<T> {
    copies: Vec<Mutex<T>>,
}

/// A thread panicked while it held a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a thread failed while holding the model")]
pub struct Poisoned;

impl<T> std::fmt::Debug for Pool<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("copies", &self.copies.len())
            .finish()
    }
}

impl<T> Pool<T> {
    /// `copies` (at least one) made by `load`; the first error stops it.
    pub fn new<E>(copies: usize, mut load: impl FnMut() -> Result<T, E>) -> Result<Self, E> {
        let copies = (0..copies.max(1))
            .map(|_| load().map(Mutex::new))
            .collect::<Result<_, E>>()?;
        Ok(Pool { copies })
    }

    /// How many copies.
    pub fn len(&self) -> usize {
        self.copies.len()
    }

    /// Never: a pool holds at least one copy.
    pub fn is_empty(&self) -> bool {
        self.copies.is_empty()
    }

    /// Runs `f` on a copy no other thread is using, else waits for the first.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> Result<R, Poisoned> {
        for copy in &self.copies {
            if let Ok(copy) = copy.try_lock() {
                return Ok(f(&copy));
            }
        }
        let copy = self.copies[0].lock().map_err(|_| Poisoned)?;
        Ok(f(&copy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_has_a_copy_at_least_and_lends_them_to_threads() {
        let pool = Pool::new(0, || Ok::<_, ()>(7)).unwrap();
        assert_eq!(pool.len(), 1);
        let pool = Pool::new(3, || Ok::<_, ()>(String::from("Zoë"))).unwrap();
        std::thread::scope(|s| {
            for _ in 0..6 {
                s.spawn(|| assert_eq!(pool.with(|m| m.len()).unwrap(), 4));
            }
        });
        assert_eq!(
            Pool::<u8>::new(2, || Err("no model")).unwrap_err(),
            "no model"
        );
    }
}
