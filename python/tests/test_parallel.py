"""`pipe` runs in parallel in Rust with the GIL released; a Pipeline is shared by threads."""

import json
import os
import threading

import pytest

import quotewire
from conftest import assert_same


def thread_cpu_ticks():
    """CPU ticks (user + system) of each thread of this process, by thread id (Linux /proc)."""
    ticks = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the thread ended meanwhile
        ticks[int(tid)] = int(fields[11]) + int(fields[12])
    return ticks


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: nothing to run in parallel")
@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="no /proc: threads not readable")
def test_a_pipe_of_many_texts_uses_both_cores(bbc_lines):
    # Two worker threads each do a good share of the work (read from the threads' own CPU
    # time, which another process's load on a shared machine does not change, as it would a
    # CPU-to-wall-time ratio).
    texts = [json.loads(line)["text"] for line in bbc_lines[:400]] * 3
    pipeline = quotewire.Pipeline()
    before = thread_cpu_ticks()
    main = threading.get_native_id()
    pipe = pipeline.pipe(texts, threads=2, batch_size=16)
    for _ in range(len(texts) * 9 // 10):
        next(pipe)
    # While the pool still runs: the CPU each thread spent since the pipe began.
    spent = {
        tid: ticks - before.get(tid, 0)
        for tid, ticks in thread_cpu_ticks().items()
        if tid != main
    }
    assert len(list(pipe)) == len(texts) - len(texts) * 9 // 10
    workers = sorted(spent.values(), reverse=True)
    total = sum(workers)
    print(f"pipe of {len(texts)} texts, threads=2: CPU ticks of the busiest threads {workers[:3]}")
    assert len(workers) >= 2 and workers[1] >= 0.2 * total, f"not two busy workers: {workers}"


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
