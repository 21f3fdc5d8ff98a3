"""Fixtures: the repository, the `quotewire` binary to compare with, and the shared data.

The binary is $QUOTEWIRE_BIN, else target/debug/quotewire (or release) of the repository (or of
$CARGO_TARGET_DIR); the data is $QUOTEWIRE_DATA, else ../shared/data beside the repository. A test
that needs what is missing is skipped with the reason, unless CI=true: CI has both, so there it
fails.
"""

import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SEED = REPO / "corpus" / "stories" / "000_9bb8d9a62761c524.txt"
GSOMIA = "GSOMIA=General Security of Military Information Agreement|intel-sharing pact|pact"


def difference(got, expected, path="record"):
    """Where two JSON values differ, strictly (None when they do not): a type (1 is not 1.0 nor
    True), a dict's keys or their order, a list's length, a float's bits (-0.0 is not 0.0), any
    other value. `==` alone passes all but the last."""
    if type(got) is not type(expected):
        return f"{path}: {type(got).__name__} {got!r}, expected {type(expected).__name__} {expected!r}"
    if isinstance(got, dict):
        if list(got) != list(expected):
            return f"{path}: keys {list(got)}, expected {list(expected)}"
        pairs = [(f"{path}.{k}", got[k], expected[k]) for k in got]
    elif isinstance(got, list):
        if len(got) != len(expected):
            return f"{path}: {len(got)} items, expected {len(expected)}"
        pairs = [(f"{path}[{i}]", g, e) for i, (g, e) in enumerate(zip(got, expected))]
    elif isinstance(got, float):
        return None if got.hex() == expected.hex() else f"{path}: {got!r}, expected {expected!r}"
    else:
        return None if got == expected else f"{path}: {got!r}, expected {expected!r}"
    for where, g, e in pairs:
        found = difference(g, e, where)
        if found:
            return found
    return None


def assert_same(got, expected):
    """The same JSON values, key order, types and float bits included (`difference`)."""
    found = difference(got, expected)
    assert found is None, found


def _missing(why):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why} (CI must have it)")
    pytest.skip(why)


def _binary():
    given = os.environ.get("QUOTEWIRE_BIN")
    if given:
        return pathlib.Path(given)
    roots = [pathlib.Path(os.environ["CARGO_TARGET_DIR"])] if os.environ.get("CARGO_TARGET_DIR") else []
    roots.append(REPO / "target")
    for root in roots:
        for profile in ("debug", "release"):
            if (root / profile / "quotewire").is_file():
                return root / profile / "quotewire"
    return None


@pytest.fixture(scope="session")
def quotewire_bin():
    path = _binary()
    if path is None or not path.is_file():
        _missing("no quotewire binary: set QUOTEWIRE_BIN or run `cargo build -p quotewire-cli`")
    return path


@pytest.fixture(scope="session")
def data_dir():
    path = pathlib.Path(os.environ.get("QUOTEWIRE_DATA", REPO.parent / "shared" / "data"))
    if not path.is_dir():
        _missing(f"shared data not found at {path} (set QUOTEWIRE_DATA)")
    return path


@pytest.fixture(scope="session")
def bbc_lines(data_dir):
    path = data_dir / "bbc_news" / "bbc_news.jsonl"
    if not path.is_file():
        _missing(f"BBC News not found at {path}")
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def run_cli(quotewire_bin, tmp_path_factory):
    """`quotewire run ARGS... -o FILE`: the records, parsed, and the output folder."""

    def run(*args, index=False):
        out = tmp_path_factory.mktemp("run")
        command = [str(quotewire_bin), "run", *map(str, args), "--quiet", "-o", str(out / "records.jsonl")]
        if index:
            command += ["--index", str(out / "index.json")]
        done = subprocess.run(command, capture_output=True, text=True)
        # 1: some documents failed (they have error records); anything else is a broken run.
        assert done.returncode in (0, 1), done.stderr
        lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines], out

    return run
