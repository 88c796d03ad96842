"""`make serve`: the hook on its own, and the real server as a coordinator uses it.

A removed dossier's page disappears from the preview; a broken dossier shows
its problems on every page while the last good version stays, and the server
keeps answering; a taken port gives one clear line.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import hooks, serving

from .conftest import ROOT
from .site_build import copy_project

REMOVED = "wijkzorg-samen"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "project"
    copy_project(folder)
    monkeypatch.chdir(folder)
    serving.session.cache_clear()  # a new serving process
    yield folder
    serving.session().state.store.close()
    serving.session.cache_clear()


def _config(project: Path) -> dict[str, Any]:
    return {
        "docs_dir": str(project / "content" / "nl"),
        "site_dir": str(project / "served"),
        "site_url": "http://127.0.0.1:8000/",
    }


def _fake_engine_output(project: Path, slugs: list[str]) -> None:
    """What MkDocs --dirty leaves: pages of every coalition it ever built."""
    for slug in slugs:
        page = project / "served" / "coalities" / slug / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f'<html lang="nl"><body><main data-pagefind-body><h1>{slug}</h1></main></body></html>',
            encoding="utf-8",
        )


def test_the_hook_writes_prunes_and_shows_problems(project: Path) -> None:
    config = _config(project)
    hooks.on_pre_build(config)
    page = project / "content" / "nl" / "coalities" / f"{REMOVED}.md"
    assert page.is_file()
    (project / "coalitions" / f"{REMOVED}.yml").unlink()
    hooks.on_pre_build(config)
    assert not page.exists()
    _fake_engine_output(project, [REMOVED, "gezonde-haven"])
    hooks.on_post_build(config)
    assert not (project / "served" / "coalities" / REMOVED).exists()
    assert (project / "served" / "coalities" / "gezonde-haven" / "index.html").exists()
    # The served language is indexed again, without the pruned page.
    entry = json.loads((project / "served" / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["nl"]["page_count"] == 1

    broken = project / "coalitions" / "gezonde-haven.yml"
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good + "\nonbekend_veld: 1\n", encoding="utf-8")
    before = (project / "content" / "nl" / "coalities" / "gezonde-haven.md").read_text()
    hooks.on_pre_build(config)  # no exception: MkDocs would stop serving on one
    assert (project / "content" / "nl" / "coalities" / "gezonde-haven.md").read_text() == before
    shown = hooks.on_page_markdown("# Pagina\n", config)
    assert "onbekend" in shown and "laatste goede versie" in shown
    assert "hebben 1 probleem." in shown
    assert shown.endswith("# Pagina\n")
    broken.write_text(good, encoding="utf-8")
    hooks.on_pre_build(config)
    assert hooks.on_page_markdown("# Pagina\n", config) == "# Pagina\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except OSError:
        return 0, ""  # not listening yet


def _until(check: Any, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server stopped"
        if check():
            return
        time.sleep(0.5)
    raise AssertionError("the preview did not catch up in time")


@pytest.mark.slow
def test_make_serve_drops_removed_pages_and_never_hangs(project: Path) -> None:
    # mkdocs.serve.yml names the hook by its path in the repository.
    (project / "generator").symlink_to(ROOT / "generator", target_is_directory=True)
    for config in ("mkdocs.serve.yml", "mkdocs.serve.en.yml"):
        (project / config).write_bytes((ROOT / config).read_bytes())
    port = _free_port()
    log = (project / "serve.log").open("wb")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _until(lambda: _get(f"{base}/coalities/{REMOVED}/")[0] == 200, server, 120)
        (project / "coalitions" / f"{REMOVED}.yml").unlink()
        _until(lambda: _get(f"{base}/coalities/{REMOVED}/")[0] == 404, server)
        broken = project / "coalitions" / "gezonde-haven.yml"
        broken.write_text(broken.read_text(encoding="utf-8") + "\nonbekend_veld: 1\n")
        _until(lambda: "onbekend_veld" in _get(f"{base}/coalities/gezonde-haven/")[1], server)
        status, page = _get(f"{base}/")
        assert status == 200 and "laatste goede versie" in page
        # The English preview follows, with the same problem in English words.
        _until(lambda: "The dossiers have 1 problem" in _get(f"{base}/en/")[1], server)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        log.close()
        print((project / "serve.log").read_text(encoding="utf-8", errors="replace")[-3000:])


def test_a_taken_port_is_one_clear_line(project: Path) -> None:
    (project / "content" / "nl" / ".generated").unlink(missing_ok=True)  # a developer's build
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "--lang", "nl", "--port", str(port)],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"poort {port}" in done.stderr and f"PORT={port + 1}" in done.stderr
    assert not (project / "content" / "nl" / ".generated").exists()  # stopped before building
