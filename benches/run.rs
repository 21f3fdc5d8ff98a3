//! End to end, one thread: every stage of `quotewire run` on real stories (parse, layout,
//! segmentation and whatever later stages the pipeline holds), output serialisation included.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotewire_benches::{total_bytes, wire_corpus};
use quotewire_ingest::{RawDocument, SourceKind};
use quotewire_pipeline::Pipeline;
use quotewire_score::Scorers;

fn run(c: &mut Criterion) {
    let lexicon = || Some(Scorers::lexicon());
    c.bench_function("run/build_pipeline", |b| {
        b.iter(|| Pipeline::new(false, lexicon()))
    });
    let Some(texts) = wire_corpus() else { return };
    let mut group = c.benchmark_group("run");
    group.throughput(Throughput::Bytes(total_bytes(&texts)));
    group.sample_size(10);
    // `quotewire run` as it is by default, and with `--no-scoring` (ingest, segmentation,
    // attribution).
    for (name, scorer) in [("reuters+bbc", lexicon()), ("reuters+bbc/no_scoring", None)] {
        let pipeline = Pipeline::new(false, scorer);
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut bytes = 0;
                for text in &texts {
                    let raw = RawDocument::new("d", SourceKind::Text, text.clone().into_bytes());
                    let outcome = pipeline.process(raw);
                    bytes += serde_json::to_string(&outcome.line).map_or(0, |s| s.len());
                }
                bytes
            })
        });
    }
    group.finish();
}

criterion_group!(benches, run);
criterion_main!(benches);
