//! Quote attribution speed, one thread: real wire copy (segmented beforehand, so only attribution
//! is timed), and bad input at two sizes each: the same MB/s at both sizes shows linear time.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotewire_attrib::Attributor;
use quotewire_benches::{total_bytes, wire_corpus};
use quotewire_core::{Span, paragraphs};
use quotewire_segment::Segmenter;

/// A text with its paragraphs and sentences.
fn prepared(text: String, segmenter: &Segmenter) -> (String, Vec<Span>, Vec<Span>) {
    let paras = paragraphs(&text);
    let sentences = paras
        .iter()
        .flat_map(|p| segmenter.sentences_in(&text, *p))
        .collect();
    (text, paras, sentences)
}

fn attrib(c: &mut Criterion) {
    c.bench_function("attrib/load_lexicon", |b| b.iter(Attributor::new));
    let attributor = Attributor::new();
    let segmenter = Segmenter::new();
    let mut group = c.benchmark_group("attrib");
    group.sample_size(10);
    if let Some(texts) = wire_corpus() {
        group.throughput(Throughput::Bytes(total_bytes(&texts)));
        let docs: Vec<_> = texts.into_iter().map(|t| prepared(t, &segmenter)).collect();
        group.bench_function("reuters+bbc", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|(t, p, s)| {
                        attributor
                            .attribute(t, None, p, s)
                            .map_or(0, |a| a.quotes.len())
                    })
                    .sum::<usize>()
            })
        });
    }
    for mb in [1, 4] {
        let n = mb << 20;
        let cases = [
            (
                "one_quotation",
                format!("“{}”", "we said that it was so ".repeat(n / 23)),
            ),
            ("quote_marks_only", "“”\"«»''".repeat(n / 14)),
            ("nested_quotes", "“a ‘b “c said ‘d ".repeat(n / 20)),
            (
                "unbalanced_quotes",
                "He said “no. She said \" yes. ".repeat(n / 30),
            ),
            (
                "one_sentence_of_words",
                format!("He said that {}.", "word ".repeat(n / 5)),
            ),
        ];
        for (name, text) in cases {
            let (text, paras, sentences) = prepared(text, &segmenter);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(format!("{name}_{mb}MB"), |b| {
                b.iter(|| {
                    attributor
                        .attribute(&text, None, &paras, &sentences)
                        .map_or(0, |a| a.quotes.len())
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, attrib);
criterion_main!(benches);
