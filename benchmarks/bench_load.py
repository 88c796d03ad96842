"""Benchmark: reading dossiers with each YAML parser we considered.

Prints milliseconds per dossier and the time for 5,000 dossiers, for:
- libyaml's C loader building Python objects (the floor: no positions, YAML 1.1),
- our loader (libyaml events -> YAML 1.2 values with positions),
- our loader plus schema validation,
- ruamel.yaml, round-trip and safe modes, if it is installed.

Usage: python benchmarks/bench_load.py [DOSSIER.yml ...]   (default: coalitions/*.yml)
Not part of the test run: timings depend on the machine.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from generator.load import RawDossier, parse, read_dossier
from generator.validate import validate

ROUNDS = 200


def _time(label: str, texts: list[str], action: Callable[[str], object]) -> None:
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for text in texts:
            action(text)
    per_file = (time.perf_counter() - start) / (ROUNDS * len(texts))
    print(f"{label:<44} {per_file * 1000:7.2f} ms/dossier   {per_file * 5000:6.1f} s for 5,000")


def main(argv: list[str]) -> None:
    paths = [Path(p) for p in argv] or sorted(Path("coalitions").glob("*.yml"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    lines = sum(t.count("\n") for t in texts) / len(texts)
    print(f"{len(texts)} dossiers, {lines:.0f} lines on average, {ROUNDS} rounds each")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    _time(f"PyYAML safe_load ({loader.__name__})", texts, lambda t: yaml.load(t, Loader=loader))
    _time("our loader (events, YAML 1.2, positions)", texts, lambda t: parse(t))

    def load_and_validate(path: Path) -> None:
        raw = read_dossier(path, path.name)
        assert isinstance(raw, RawDossier)
        validate(raw)

    by_text = dict(zip(texts, paths, strict=True))
    _time("our loader + schema + cross-checks", texts, lambda t: load_and_validate(by_text[t]))
    try:
        from ruamel.yaml import YAML
    except ImportError:
        print("ruamel.yaml not installed: pip install ruamel.yaml to compare")
        return
    round_trip, safe = YAML(), YAML(typ="safe", pure=True)
    _time("ruamel.yaml round-trip (positions)", texts, round_trip.load)
    _time("ruamel.yaml safe, pure Python", texts, safe.load)


if __name__ == "__main__":
    main(sys.argv[1:])
