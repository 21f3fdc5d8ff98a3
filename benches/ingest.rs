//! Ingestion speed, one thread: decoding and wire-story layout of real stories.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotewire_benches::{total_bytes, wire_corpus};
use quotewire_ingest::{RawDocument, SourceKind};

fn ingest(c: &mut Criterion) {
    let Some(texts) = wire_corpus() else { return };
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(total_bytes(&texts)));
    group.sample_size(20);
    group.bench_function("parse_and_layout", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter_map(|t| {
                    RawDocument::new("d", SourceKind::Text, t.clone().into_bytes())
                        .parse()
                        .ok()
                })
                .map(|d| d.layout.paragraphs.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
