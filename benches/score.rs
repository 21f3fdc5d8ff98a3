//! Sentiment and stance scoring speed, one thread: every sentence of real wire copy, and
//! pathological input (one 50,000-word sentence, a sentence of sentiment words around `but`).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotewire_benches::wire_corpus;
use quotewire_core::Span;
use quotewire_score::{Scorers, TargetKind};
use quotewire_segment::Segmenter;

fn score(c: &mut Criterion) {
    // Building the lexicons is measured apart from the per-sentence work.
    c.bench_function("score/load_lexicons", |b| b.iter(Scorers::lexicon));

    let scorer = Scorers::lexicon();
    let mut group = c.benchmark_group("score");
    if let Some(texts) = wire_corpus() {
        let segmenter = Segmenter::new();
        let sentences: Vec<&str> = texts
            .iter()
            .flat_map(|t| segmenter.sentences(t).map(|s| &t[s.range()]))
            .collect();
        let bytes: usize = sentences.iter().map(|s| s.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(20);
        group.bench_function("sentiment/reuters+bbc_sentences", |b| {
            b.iter(|| {
                sentences
                    .iter()
                    .map(|s| scorer.sentiment.sentiment(s).compound)
                    .sum::<f64>()
            })
        });
        // Stance toward the sentence's fourth word, as if it were a target.
        let targets: Vec<(&str, Span)> = sentences
            .iter()
            .filter_map(|s| {
                let mut words = s.split(' ').scan(0, |at, w| {
                    let span = Span::new(*at, *at + w.len());
                    *at += w.len() + 1;
                    Some(span)
                });
                words.nth(3).filter(|w| !w.is_empty()).map(|w| (*s, w))
            })
            .collect();
        let bytes: usize = targets.iter().map(|(s, _)| s.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("stance/reuters+bbc_sentences", |b| {
            b.iter(|| {
                targets
                    .iter()
                    .filter_map(|(s, t)| scorer.stance.stance(s, *t, TargetKind::Issue).ok())
                    .count()
            })
        });
    }
    let long = "the word ".repeat(25_000);
    let but = "good bad great but awful nice ".repeat(10_000);
    for (name, text) in [("sentence_50k_words", long), ("but_60k_valences", but)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_function(name, |b| {
            b.iter(|| scorer.sentiment.sentiment(&text).compound)
        });
    }
    group.finish();
}

criterion_group!(benches, score);
criterion_main!(benches);
