"""The fallback engine: ProperDocs builds our configs into the same pages as MkDocs.

Material for MkDocs reaches its end of life on 5 May 2027 and MkDocs 1.6 is the
last 1.x; ProperDocs (the community fork of MkDocs 1.x) is the plan B
(docs/performance.md). So the site is built with both, from the same
generated pages and drawings, and every built file is compared: HTML pages
byte for byte except the generator meta tag that names the engine. Pagefind's
index is left out: it is not byte-stable between two builds with the same
engine either.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.engine import ENGINE_VARIABLE, ENGINES, EngineError, engine_name

from .site_build import BUILD_DATE, BuiltSite

_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and "pagefind/" not in relative and not relative.startswith("pagefind"):
            found[relative] = _GENERATOR.sub(b"<meta generator>", path.read_bytes())
    return found


def test_the_engine_is_mkdocs_unless_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENGINE_VARIABLE, raising=False)
    assert engine_name() == "mkdocs"
    monkeypatch.setenv(ENGINE_VARIABLE, "properdocs")
    assert engine_name() == "properdocs" and set(ENGINES) == {"mkdocs", "properdocs"}
    monkeypatch.setenv(ENGINE_VARIABLE, "zensical")
    with pytest.raises(EngineError, match="choose one of: mkdocs, properdocs"):
        engine_name()


@pytest.mark.slow
def test_properdocs_builds_the_same_pages_as_mkdocs(built_site: BuiltSite, tmp_path: Path) -> None:
    project = tmp_path / "project"
    # The MkDocs build's project, its generated pages and drawn charts included.
    shutil.copytree(
        built_site.project, project, symlinks=True, ignore=shutil.ignore_patterns("site")
    )
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--date", BUILD_DATE],
        cwd=project,
        env={**os.environ, ENGINE_VARIABLE: "properdocs"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    mkdocs, properdocs = _files(built_site.site), _files(project / "site")
    assert len(mkdocs) > 50 and sorted(mkdocs) == sorted(properdocs)
    different = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    assert different == []
    # The engines did differ where they should: the tag that names them.
    page = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs ' in page
    assert 'content="mkdocs-1.' in (built_site.site / "index.html").read_text(encoding="utf-8")
