//! Sentence segmentation speed, one thread: real wire copy and pathological paragraphs.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotewire_benches::{total_bytes, wire_corpus};
use quotewire_segment::Segmenter;

fn segment(c: &mut Criterion) {
    // Loading the rules is measured apart from the per-document work.
    c.bench_function("segment/load_rules", |b| b.iter(Segmenter::new));

    let segmenter = Segmenter::new();
    let mut group = c.benchmark_group("segment");
    if let Some(texts) = wire_corpus() {
        group.throughput(Throughput::Bytes(total_bytes(&texts)));
        group.sample_size(20);
        group.bench_function("reuters+bbc", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| segmenter.sentences(t).count())
                    .sum::<usize>()
            })
        });
    }
    let no_break = "word ".repeat(2_000_000);
    let quotes = "he said \" and “ then ' ".repeat(10_000 / 3 * 4);
    for (name, text) in [("no_break_10MB", no_break), ("unmatched_quotes", quotes)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_function(name, |b| b.iter(|| segmenter.sentences(&text).count()));
    }
    group.finish();
}

criterion_group!(benches, segment);
criterion_main!(benches);
