"""`pipe` runs in parallel in Rust with the GIL released; a Pipeline is shared by threads."""

import json
import os
import threading
import time

import pytest

import quotewire
from conftest import assert_same


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: nothing to run in parallel")
def test_a_pipe_of_many_texts_uses_both_cores(bbc_lines):
    texts = [json.loads(line)["text"] for line in bbc_lines[:400]]
    pipeline = quotewire.Pipeline()
    # Enough texts for a second of work whatever the build (a release one is ten times faster).
    wall = time.perf_counter()
    list(pipeline.pipe(texts[:100], threads=2))
    wall = time.perf_counter() - wall
    texts = (texts * 50)[: max(400, min(20000, int(100 / max(wall, 1e-3))))]
    # The best of three, so that another process's burst on a shared machine does not decide.
    runs = []
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        records = list(pipeline.pipe(texts, threads=2))
        runs.append((time.process_time() - cpu, time.perf_counter() - wall))
        assert len(records) == len(texts)
        if runs[-1][0] > 1.3 * runs[-1][1]:
            break
    cpu, wall = max(runs, key=lambda r: r[0] / r[1])
    print(f"pipe of {len(texts)} texts, threads=2: {cpu:.2f} s CPU in {wall:.2f} s")
    assert cpu > 1.3 * wall, f"{cpu:.2f} s CPU in {wall:.2f} s: not both cores"


def test_python_threads_share_a_pipeline(bbc_lines):
    texts = [json.loads(line)["text"] for line in bbc_lines[:40]]
    pipeline = quotewire.Pipeline()
    expected = [pipeline.analyse(t, id=str(i)) for i, t in enumerate(texts)]
    got = [None] * len(texts)

    def work(part):
        for i in range(part, len(texts), 4):
            got[i] = pipeline.analyse(texts[i], id=str(i))

    threads = [threading.Thread(target=work, args=(p,)) for p in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert_same(got, expected)


def test_a_pipe_left_unfinished_is_let_go(bbc_lines):
    texts = [json.loads(line)["text"] for line in bbc_lines[:300]]
    pipe = quotewire.Pipeline().pipe(texts, threads=2, batch_size=8)
    first = next(pipe)
    assert first["doc"] == "0"
    del pipe  # the workers finish what they hold and stop
    assert quotewire.Pipeline(scoring=False).analyse(texts[1])["doc"] == "doc"
