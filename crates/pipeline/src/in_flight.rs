//! A memory budget for a batch run: the reader of the inputs waits while too many documents
//! (or bytes) are read and not yet written, so a run over any corpus holds a bounded amount.

use std::sync::{Condvar, Mutex};

/// The documents in flight: the reader waits while too many are read and not yet written.
pub struct InFlight {
    max_documents: usize,
    max_bytes: usize,
    state: Mutex<InFlightState>,
    changed: Condvar,
}

#[derive(Default)]
struct InFlightState {
    documents: usize,
    bytes: usize,
    /// Whether the reader waits for room.
    waiting: bool,
    cancelled: bool,
}

impl InFlight {
    /// A gate that holds at most `max_documents` documents and `max_bytes` bytes in flight (a
    /// document larger than the budget alone still goes, when nothing else is in flight).
    pub fn new(max_documents: usize, max_bytes: usize) -> Self {
        InFlight {
            max_documents,
            max_bytes,
            state: Mutex::new(InFlightState::default()),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, InFlightState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until a document of `bytes` may be read; false once the run is cancelled.
    pub fn admit(&self, bytes: usize) -> bool {
        let mut state = self.lock();
        while !state.cancelled
            && state.documents > 0
            && (state.documents >= self.max_documents || state.bytes + bytes > self.max_bytes)
        {
            state.waiting = true;
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.waiting = false;
        state.documents += 1;
        state.bytes += bytes;
        !state.cancelled
    }

    /// A document of `bytes` was written; gives the documents still in flight.
    pub fn written(&self, bytes: usize) -> usize {
        let mut state = self.lock();
        state.documents = state.documents.saturating_sub(1);
        state.bytes = state.bytes.saturating_sub(bytes);
        if state.waiting {
            self.changed.notify_all();
        }
        state.documents
    }

    /// Stops the run: every waiting and later [`InFlight::admit`] gives false.
    pub fn cancel(&self) {
        self.lock().cancelled = true;
        self.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_budget_waits_for_a_written_document() {
        let gate = InFlight::new(2, 1 << 20);
        assert!(gate.admit(10) && gate.admit(10));
        std::thread::scope(|scope| {
            let third = scope.spawn(|| gate.admit(10));
            std::thread::sleep(std::time::Duration::from_millis(20));
            assert!(!third.is_finished());
            assert_eq!(gate.written(10), 1);
            assert!(third.join().unwrap());
        });
        // One document over the byte budget goes alone; cancelled, the gate admits nothing.
        let gate = InFlight::new(8, 100);
        assert!(gate.admit(500));
        gate.cancel();
        assert!(!gate.admit(1));
    }
}
