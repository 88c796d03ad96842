"""One real build of the whole site, shared by the build and browser tests.

The site is built in a temporary copy of the project from the shipped examples
plus three test dossiers: one with a marker in every private place, a draft
with markers, and one whose every free-text field holds a hostile string.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.load import RawDossier, read_dossier, strings
from generator.validate import ValidDossier, validate

from .conftest import ROOT
from .dossiers import (
    dossier_with_markers,
    draft_with_markers,
    dump_dossier,
    hostile_variant,
    replace_at,
)

BUILD_DATE = "2026-11-23"
PROJECT_FILES = ("mkdocs.base.yml", "mkdocs.yml", "mkdocs.en.yml", "site.yml")
PROJECT_FOLDERS = ("content", "overrides", "coalitions")


@dataclass(frozen=True)
class BuiltSite:
    project: Path
    site: Path
    hostile_values: int


def _free_text_paths(raw: RawDossier) -> set[tuple[Any, ...]]:
    """Paths of strings that accept any text: found by trying, not by a list to keep."""
    found: set[tuple[Any, ...]] = set()
    for path, _ in strings(raw.data):
        probe = replace_at(raw.data, path, "<b>x</b> [y](javascript:z)")
        if path and isinstance(
            validate(RawDossier(raw.file, raw.slug, probe, raw.positions)), ValidDossier
        ):
            found.add(path)
    return found


def copy_hand_written_content(project: Path) -> None:
    """The pages under content/ that git tracks, copied into `project`: generated ones in
    a developer's tree (or a file someone committed by mistake) would be stale here."""
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "content"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for relative in filter(None, tracked.split("\0")):
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / relative, project / relative)


def copy_project(project: Path) -> None:
    """What `dossiers build` needs of this project, copied into `project`."""
    project.mkdir(exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, project / name)
    for name in PROJECT_FOLDERS:
        shutil.copytree(ROOT / name, project / name, symlinks=True)


def run_build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--date", BUILD_DATE],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def build_site(workdir: Path) -> BuiltSite:
    project = workdir / "project"
    copy_project(project)
    coalitions = project / "coalitions"
    (coalitions / "samen-lezen.yml").write_text(dump_dossier(dossier_with_markers()), "utf-8")
    (coalitions / "concept-dossier.yml").write_text(dump_dossier(draft_with_markers()), "utf-8")
    source = read_dossier(coalitions / "gelijke-kansen-oost.yml", "gelijke-kansen-oost.yml")
    assert isinstance(source, RawDossier)
    free = _free_text_paths(source)
    hostile = hostile_variant(source.data, lambda path: path in free)
    # Names become page titles (front matter): astral characters once broke that open.
    hostile["name"] = "😀 [klik](javascript:alert(document.domain)) ![](https://elders.example/p)"
    hostile["partners"][0]["name"] = "Bieb 🙂 [x](javascript:alert(1)) </title><script>x</script>"
    (coalitions / "vijandig.yml").write_text(dump_dossier(hostile), "utf-8")
    done = run_build(project)
    assert done.returncode == 0, done.stdout + done.stderr
    return BuiltSite(project=project, site=project / "site", hostile_values=len(free))
