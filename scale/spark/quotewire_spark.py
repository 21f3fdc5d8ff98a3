#!/usr/bin/env python3
"""quotewire on Apache Spark: each partition of a corpus streams through the `quotewire` binary
(`quotewire run -`, JSON Lines in and out), the records are written as JSON Lines or Parquet, and
the partitions' speaker indexes are merged (`quotewire index merge`) into the index one plain run
over the whole corpus writes.

    spark-submit scale/spark/quotewire_spark.py --input corpus.jsonl --output out/ [--index index.json]

Inputs (any Hadoop-compatible path: file://, hdfs://, s3a://, ...): JSON Lines documents
(`--input-format jsonl`, the default: each line as `quotewire run` reads it), Parquet with id and
text columns (`parquet`), or a folder of UTF-8 text files (`text`: one document per file, its path
as id). A document that fails (bad JSON, empty, binary, too large) gets its error record in the
output like any other; should the binary itself die on a document, that document gets an error
record of kind `crash` and the rest of its partition goes on. See scale/spark/README.md.
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from urllib.parse import urlparse


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True, help="corpus path (file, folder or glob)")
    ap.add_argument("--input-format", choices=["jsonl", "parquet", "text"], default="jsonl")
    ap.add_argument("--output", required=True, help="folder for the records")
    ap.add_argument("--output-format", choices=["jsonl", "parquet"], default="jsonl",
                    help="jsonl: part files of records; parquet: columns doc, failed, record (JSON)")
    ap.add_argument("--index", help="also write the merged speaker index here (a local file on the driver)")
    ap.add_argument("--aliases", help="corrections of the speaker index by hand (a local file on the driver): "
                    "applied when the partitions' indexes are merged, as `quotewire run --aliases` does")
    ap.add_argument("--quotewire", default="quotewire",
                    help="the binary: a path, a name on PATH, or the name of a file shipped with --files")
    ap.add_argument("--partitions", type=int, help="repartition the input into this many partitions")
    ap.add_argument("--id-field", default="id", help="parquet: the id column")
    ap.add_argument("--text-field", default="text", help="parquet: the text column")
    ap.add_argument("--master", help="Spark master when not given by spark-submit, e.g. local[2]")
    ap.add_argument("--attributor", choices=["rules", "learned", "hybrid"], default="rules",
                    help="`quotewire run --attributor`: learned and hybrid need a transformer build of the binary "
                         "and MiniLM on every executor (QUOTEWIRE_MINILM, models/setup.sh)")
    ap.add_argument("--run-arg", action="append", default=[],
                    help="an option for `quotewire run` (repeatable), e.g. --run-arg=--target=GSOMIA")
    args = ap.parse_args(argv)
    if args.attributor != "rules":
        args.run_arg = [f"--attributor={args.attributor}", *args.run_arg]
    return args


def find_binary(name):
    """The binary on an executor: a file shipped with --files, else the path or PATH lookup."""
    try:
        from pyspark import SparkFiles
        shipped = SparkFiles.get(os.path.basename(name))
        if os.path.isfile(shipped):
            if not os.access(shipped, os.X_OK):
                os.chmod(shipped, 0o755)
            return shipped
    except Exception:  # no SparkContext here (a plain Python call): fall through
        pass
    found = name if os.path.sep in name else shutil.which(name)
    if not found or not os.path.isfile(found):
        raise FileNotFoundError(f"quotewire binary not found: {name} (build it, put it on PATH or ship it with --files)")
    return found


def doc_id(line, fallback):
    try:
        value = json.loads(line)
        for field in ("id", "doc_id", "newid"):
            if isinstance(value, dict) and value.get(field) is not None:
                return str(value[field])
    except ValueError:
        pass
    return fallback


class Partition:
    """Streams one partition's JSON lines through `quotewire run -`, in bounded memory.

    Every non-blank input line gives exactly one output line, in order, so the lines written but
    not yet answered are known: when the process dies they are run again, the first one alone,
    and the one that kills the binary on its own gets a `crash` error record.
    """

    def __init__(self, binary, run_args, name, workdir, threads=1):
        self.binary, self.run_args, self.name, self.workdir = binary, run_args, name, workdir
        self.threads = threads
        self.indexes = []
        self.starts = 0

    def run(self, lines):
        """Yields the record (a JSON line) of every non-blank line of `lines`, in order."""
        source = (line for line in lines if line.strip())
        pending = collections.deque()  # lines given to the running process, not yet answered
        while True:
            died = yield from self._stream(source, pending)
            if died is None:
                return
            if not pending:
                raise RuntimeError(f"quotewire exited with status {died} with no document pending")
            retry = list(pending)
            pending.clear()
            alone = yield from self._stream(iter(retry[:1]), collections.deque())
            if alone is not None:
                yield json.dumps({"doc": doc_id(retry[0], f"{self.name}:?"), "kind": "crash",
                                  "error": f"quotewire exited with status {alone} on this document"})
            source = _chain(retry[1:], source)

    def _stream(self, source, pending):
        """Runs one process over `source`, yielding its records; returns None when it ended
        normally, else its exit status (the unanswered lines are then left in `pending`)."""
        self.starts += 1
        index = os.path.join(self.workdir, f"index-{self.starts}.json")
        cmd = [self.binary, "run", "-", "-q", "--threads", str(self.threads), "--stdin-name", self.name,
               "--index", index, *self.run_args]
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                encoding="utf-8", bufsize=1 << 16)
        lock = threading.Lock()

        def feed():
            try:
                for line in source:
                    with lock:
                        pending.append(line)
                    proc.stdin.write(line.rstrip("\n") + "\n")
                proc.stdin.close()
            except (BrokenPipeError, OSError, ValueError):
                pass  # the process died: its unanswered lines stay in `pending`

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for record in proc.stdout:
            with lock:
                if pending:
                    pending.popleft()
            yield record.rstrip("\n")
        status = proc.wait()
        writer.join()
        if status not in (0, 1):  # 1: some documents failed, each with its error record
            return status
        if os.path.exists(index):
            with open(index, encoding="utf-8") as f:
                self.indexes.append(f.read())
        pending.clear()
        return None


def _chain(first, rest):
    yield from first
    yield from rest


def process_partition(binary_name, run_args, with_index, threads):
    """Each partition's records, as ("record", (position in the input, record)), then its indexes."""
    def run(index, numbered):
        binary = find_binary(binary_name)
        positions = collections.deque()  # of the lines handed over, in order (one record each)

        def lines():
            for line, position in numbered:
                if line.strip():
                    positions.append(position)
                    yield line
        with tempfile.TemporaryDirectory(prefix="quotewire-") as workdir:
            part = Partition(binary, run_args, f"part-{index:05d}", workdir, threads)
            for record in part.run(lines()):
                yield ("record", (positions.popleft(), record))
            if with_index:
                for text in part.indexes:
                    yield ("index", text)
    return run


def duplicate_id(doc):
    """The error record `quotewire run` writes for a later document with an id seen before."""
    return json.dumps({"doc": doc, "error": f"document id {json.dumps(doc, ensure_ascii=False)} is an earlier "
                       "document's of this run: this copy is left out (records, index and related stories); "
                       "give documents unique ids", "kind": "duplicate-id"},
                      ensure_ascii=False, separators=(",", ":"))


def without_duplicates(numbered):
    """The records (strings) of numbered records, a later document with an id of an earlier one
    (by input position, across partitions) replaced by its `duplicate-id` error record, as a
    plain run does."""
    keyed = numbered.map(lambda pr: (json.loads(pr[1]).get("doc"), pr[0]))
    repeated = (keyed.mapValues(lambda p: (p, 1))
                .reduceByKey(lambda a, b: (min(a[0], b[0]), a[1] + b[1]))
                .filter(lambda kv: kv[1][1] > 1)
                .mapValues(lambda v: v[0])
                .collectAsMap())
    if not repeated:
        return numbered.map(lambda pr: pr[1])
    first = numbered.context.broadcast(repeated)

    def line(pr):
        position, record = pr
        if '"doc":' in record:
            doc = json.loads(record).get("doc")
            if doc in first.value and first.value[doc] != position:
                return duplicate_id(doc)
        return record
    return numbered.map(line)


def read_documents(spark, args):
    """The corpus as an RDD of JSON Lines documents (strings)."""
    if args.input_format == "jsonl":
        return spark.sparkContext.textFile(args.input)
    if args.input_format == "parquet":
        from pyspark.sql import functions as F
        frame = spark.read.parquet(args.input)
        columns = F.struct(F.col(args.id_field).alias("id"), F.col(args.text_field).alias("text"))
        return frame.select(F.to_json(columns).alias("line")).rdd.map(lambda row: row.line)
    root = urlparse(args.input).path.rstrip("/")

    def line(pair):
        path = urlparse(pair[0]).path
        relative = os.path.relpath(path, root) if path.startswith(root + "/") else os.path.basename(path)
        return json.dumps({"id": relative, "text": pair[1]}, ensure_ascii=False)
    return spark.sparkContext.wholeTextFiles(args.input).map(line)


def merge_indexes(binary, texts, path, aliases=None):
    with tempfile.TemporaryDirectory(prefix="quotewire-index-") as work:
        parts = []
        for i, text in enumerate(texts):
            parts.append(os.path.join(work, f"{i}.json"))
            with open(parts[-1], "w", encoding="utf-8") as f:
                f.write(text)
        if not parts:
            parts.append(os.path.join(work, "empty.json"))
            with open(parts[-1], "w", encoding="utf-8") as f:
                f.write('{"speakers": {}}')
        extra = ["--aliases", aliases] if aliases else []
        subprocess.run([binary, "index", "merge", *parts, "-o", path, *extra], check=True)


def main(argv=None):
    args = parse_args(argv)
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession
    builder = SparkSession.builder.appName("quotewire")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    # Each document with its place in the input, so that of two with the same id the later one is
    # reported wherever the partitions put them.
    docs = read_documents(spark, args).zipWithIndex()
    if args.partitions:
        docs = docs.repartition(args.partitions)
    # One worker thread per task core: Spark runs as many tasks side by side as there are cores.
    threads = int(spark.conf.get("spark.task.cpus", "1"))
    results = docs.mapPartitionsWithIndex(process_partition(args.quotewire, args.run_arg, bool(args.index), threads))
    # Kept (spilling to disk) so that writing the records and collecting the indexes run
    # quotewire once.
    results.persist(StorageLevel.MEMORY_AND_DISK)
    records = without_duplicates(results.filter(lambda kv: kv[0] == "record").map(lambda kv: kv[1]))
    if args.output_format == "jsonl":
        records.saveAsTextFile(args.output)
    else:
        rows = records.map(lambda line: (lambda r: (r.get("doc"), "error" in r, line))(json.loads(line)))
        spark.createDataFrame(rows, "doc string, failed boolean, record string").write.parquet(args.output)
    # An error record is the only line with a top-level "error" key (in a record's strings a quote
    # is escaped), so the lines need not be parsed to be counted.
    total, failed = records.map(lambda line: (1, int('"error":' in line))).fold(
        (0, 0), lambda a, b: (a[0] + b[0], a[1] + b[1]))
    if args.index:
        merge_indexes(find_binary(args.quotewire), results.filter(lambda kv: kv[0] == "index")
                      .map(lambda kv: kv[1]).collect(), args.index, args.aliases)
    print(f"quotewire on Spark: {total} documents, {failed} failed (error records in {args.output})",
          file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
