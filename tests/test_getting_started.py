"""The start pages for coordinators: what they tell you to type exists, and
what they say it prints is what it prints."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import i18n
from generator.cli import _parser

from .conftest import FIXTURES, ROOT, run_cli

PAGES = {"nl": ROOT / "content/nl/aan-de-slag.md", "en": ROOT / "content/en/getting-started.md"}
BLOCK = re.compile(r"^```\n(.*?)^```", re.S | re.M)
TARGETS = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(), re.M))


def _lines(lang: str) -> list[str]:
    text = PAGES[lang].read_text(encoding="utf-8")
    return [line for block in BLOCK.findall(text) for line in block.splitlines() if line]


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_every_command_on_the_page_exists(lang: str) -> None:
    commands = [line for line in _lines(lang) if line.startswith(("make ", ".venv/bin/"))]
    assert any(c == "make check" for c in commands) and any(c == "make serve" for c in commands)
    for command in commands:
        if command.startswith("make "):
            assert command.split()[1] in TARGETS, command
        else:
            _parser().parse_args(command.split()[1:])  # exits on an unknown command


@pytest.mark.parametrize(("lang", "page"), [("nl", "aan-de-slag.md"), ("en", "getting-started.md")])
def test_the_pages_are_in_their_languages_navigation(lang: str, page: str) -> None:
    config = ROOT / ("mkdocs.yml" if lang == "nl" else "mkdocs.en.yml")
    assert f": {page}" in config.read_text(encoding="utf-8")
    assert f"content/{lang}/{page}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_what_the_dutch_page_says_check_prints_is_what_it_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.ENV, "nl")
    folder = tmp_path / "coalitions"
    folder.mkdir()
    minimal = (FIXTURES / "minimal.yml").read_text(encoding="utf-8")
    (folder / "mijn-samenwerking.yml").write_text(
        minimal.replace("    sector: public\n", "    sector: overheid\n", 1), encoding="utf-8"
    )
    out = run_cli("check", cwd=tmp_path)
    problem = out.stdout.strip().split(": ", 1)[1]
    shown = [line for line in _lines("nl") if line.startswith("coalitions/mijn-samenwerking")]
    assert shown and shown[0].split(": ", 1)[1] == problem
    (folder / "mijn-samenwerking.yml").write_text(minimal, encoding="utf-8")
    summary = run_cli("check", cwd=tmp_path).stderr.strip()
    assert summary == "1 dossier gecontroleerd: alles in orde"


def test_the_serve_line_on_the_pages_is_the_commands_own() -> None:
    from generator.i18n import _

    for lang in PAGES:
        i18n.set_language(lang)
        line = _("serving on http://{host}:{port}/ (stop with Ctrl+C)").format(
            host="127.0.0.1", port=8000
        )
        assert line in PAGES[lang].read_text(encoding="utf-8"), lang
    i18n.set_language("en")


def test_the_start_pages_do_not_say_to_open_the_file_from_disk() -> None:
    for page in PAGES.values():
        text = page.read_text(encoding="utf-8")
        assert "site/index.html" in text  # named, to say: not like this
        assert re.search(r"(niet|not) (het bestand )?`?site/index\.html|Do not open `site", text)


def test_every_make_command_the_readme_names_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`make ([a-z-]+)", readme))
    assert {"site", "serve", "check", "test"} <= named
    assert named <= TARGETS, named - TARGETS


def _clean_copy(tmp_path: Path) -> Path:
    """The project as a fresh clone has it (every tracked file, this version),
    with the virtual environment already made, so no command installs anything."""
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    copy = tmp_path / "dossiers"
    for name in filter(None, files):
        source = ROOT / os.fsdecode(name)
        if source.is_file() and not source.is_symlink():
            (copy / os.fsdecode(name)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / os.fsdecode(name))  # keeps the mtimes make compares
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


def _type(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A line from the page, run as the coordinator types it (Dutch, the default)."""
    env = {k: v for k, v in os.environ.items() if k not in (i18n.ENV, "MAKEFLAGS", "MAKELEVEL")}
    return subprocess.run(
        line, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_dutch_page_run_in_a_clean_copy_does_what_it_says(tmp_path: Path) -> None:
    copy = _clean_copy(tmp_path)
    commands = [c for c in _lines("nl") if c.startswith(("make check", ".venv/bin/dossiers new"))]
    assert commands == [
        ".venv/bin/dossiers new mijn-samenwerking --type goals",
        "make check",
    ]
    # Step 4 first, on the examples as cloned: the summary the page shows, last.
    checked = _type("make check", copy)
    assert checked.returncode == 0, checked
    last = checked.stderr.strip().splitlines()[-1]
    assert last in _lines("nl"), last
    # Step 3: a new dossier, then the check names every 'VUL IN', ends its own
    # output with its summary, and exits 1 (make adds the line the page names).
    made = _type(commands[0], copy)
    assert made.returncode == 0, made
    assert "coalitions/mijn-samenwerking.yml geschreven" in made.stderr
    checked = _type("make check", copy)
    assert checked.returncode != 0, checked
    assert "mijn-samenwerking.yml" in checked.stdout and "VUL IN" in checked.stdout
    lines = [line for line in checked.stderr.strip().splitlines() if not line.startswith("make")]
    assert re.fullmatch(r"6 dossiers gecontroleerd: \d+ problemen in 1 bestand.*", lines[-1])
    assert "make: *** [Makefile:" in checked.stderr
    assert "make: *** [Makefile:" in PAGES["nl"].read_text(encoding="utf-8")
