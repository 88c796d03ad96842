"""The start pages for coordinators: what they tell you to type exists, and
what they say it prints is what it prints."""

from __future__ import annotations

import re
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
    assert summary.replace("1 dossier ", "4 dossiers ") in _lines("nl")


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
