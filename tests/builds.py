"""Real builds of the whole site from dossiers a test made: `dossiers build`, MkDocs and all."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .conftest import ROOT
from .dossiers import dump_dossier
from .site_build import BUILD_DATE, PROJECT_FILES, copy_hand_written_content

# Scale of the proof runs: PROOF_SCALE=10 draws ten times as many examples.
PROOF_SCALE = max(1, int(os.environ.get("PROOF_SCALE", "1")))


@dataclass(frozen=True)
class Build:
    project: Path
    site: Path
    seconds: float

    @property
    def content(self) -> list[Path]:
        return [self.project / "content" / lang for lang in ("nl", "en")]


def build(workdir: Path, dossiers: dict[str, Any], cache: Path | None = None) -> Build:
    """Build the site from these dossiers ({slug: data}) in a fresh copy of the project.

    Only the given dossiers, not the shipped examples. `cache` lets builds share
    drawn charts (a drawing depends on its spec alone). Fails with MkDocs' and our
    own output if the build does not succeed: for these tests, that is a crash.
    """
    import time

    project = workdir / "project"
    project.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    copy_hand_written_content(project)
    coalitions = project / "coalitions"
    coalitions.mkdir()
    for slug, data in dossiers.items():
        (coalitions / f"{slug}.yml").write_text(dump_dossier(data), encoding="utf-8")
    command = [sys.executable, "-m", "generator", "build", "--date", BUILD_DATE]
    if cache is not None:
        command += ["--cache", str(cache)]
    # MkDocs dates the sitemap by the clock's day unless told: two builds either
    # side of midnight would differ there, whatever the dossiers.
    epoch = int(datetime.fromisoformat(BUILD_DATE).replace(tzinfo=UTC).timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    started = time.monotonic()
    done = subprocess.run(
        command, cwd=project, capture_output=True, text=True, timeout=900, check=False, env=env
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return Build(project, project / "site", time.monotonic() - started)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, as bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
