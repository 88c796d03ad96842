"""Coverage-guided fuzzing of the loader and validator with atheris (libFuzzer).

Run it as ``python -m tests.fuzz_atheris [libFuzzer options]``, for instance
``-max_total_time=600``; ``make fuzz`` does that. The seeds are the example
dossiers. Each input goes through the same ``generate`` the site build uses;
anything but a valid dossier or clear, positioned problems is a crash, which
libFuzzer saves (``-artifact_prefix``) and reports. The address space is
limited to 512 MiB and libFuzzer's own ``-timeout=2`` and ``-rss_limit_mb=512``
are set unless given: an input that needs more is a failure.

atheris has wheels for Linux on x86-64 only, so it is the ``fuzz`` extra, not a
dev dependency; ``tests/test_fuzz.py`` makes a short run when it is installed.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
from datetime import date
from pathlib import Path

import atheris

from .fuzz_worker import FILE_NAME, MEMORY_LIMIT, problems_are_clear

with atheris.instrument_imports(include=["generator", "yaml"]):
    from generator.errors import DossierError
    from generator.site import generate
    from generator.write import check_path

ROOT = Path(__file__).resolve().parent.parent
BUILD_DATE = date(2026, 11, 23)


def check_one(content: bytes) -> None:
    """The fuzz target: a valid dossier or clear problems; anything else raises."""
    Path("coalitions", FILE_NAME).write_bytes(content)
    try:
        outputs = generate(Path("coalitions"), BUILD_DATE)
    except DossierError as err:
        why = problems_are_clear(content, [p.text() for p in err.problems])
        if why is not None:
            raise AssertionError(why) from None
        return
    for files in outputs.files.values():
        for relative in files:
            check_path(relative)


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    args = [sys.argv[0]]
    given = " ".join(sys.argv[1:])
    for default in ("-timeout=2", "-rss_limit_mb=512", "-print_final_stats=1"):
        if default.split("=")[0] + "=" not in given:
            args.append(default)
    args += sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp, "corpus")
        corpus.mkdir()
        for seed in sorted((ROOT / "coalitions").glob("*.yml")):
            (corpus / seed.name).write_bytes(seed.read_bytes())
        artifacts = [a for a in args if a.startswith("-artifact_prefix=")]
        if not artifacts:
            args.append(f"-artifact_prefix={Path.cwd()}/")
        os.chdir(tmp)  # problems name the file as coalitions/..., as a user sees it
        Path("coalitions").mkdir()
        atheris.Setup([*args, str(corpus)], check_one)
        atheris.Fuzz()


if __name__ == "__main__":
    main()
