"""CODEOWNERS: the maintainers own everything, and no dossier is left without an owner."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import ROOT, run_cli

OWNERS = ROOT / ".github" / "CODEOWNERS"


def _rules(text: str) -> list[tuple[str, list[str]]]:
    return [
        (line.split()[0], line.split()[1:])
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


def _maintainers() -> list[str]:
    text = (ROOT / "site.yml").read_text(encoding="utf-8")
    block = re.search(r"^maintainers:\n((?:  - .*\n)+)", text, re.M)
    assert block, "site.yml names no maintainers"
    return [line.split("-", 1)[1].strip().strip('"') for line in block[1].splitlines()]


def test_the_maintainers_own_everything_first() -> None:
    rules = _rules(OWNERS.read_text(encoding="utf-8"))
    maintainers = _maintainers()
    # The first rule matches every path (the code, .github/, .cache/, files added later);
    # later rules override it, so each must name the maintainers again.
    assert rules[0] == ("*", sorted(maintainers, key=str.casefold))
    assert all(set(maintainers) <= set(owners) for _, owners in rules)


def test_every_dossier_has_a_line_the_draft_too() -> None:
    patterns = {pattern for pattern, _ in _rules(OWNERS.read_text(encoding="utf-8"))}
    dossiers = {f"/coalitions/{p.name}" for p in (ROOT / "coalitions").glob("*.yml")}
    assert "/coalitions/jongeren-op-koers.yml" in dossiers  # status: draft, no reviewers
    assert dossiers <= patterns


def _folder(tmp_path: Path, settings: str | None) -> None:
    folder = tmp_path / "coalitions"
    folder.mkdir()
    for name in ("wijkzorg-samen.yml", "jongeren-op-koers.yml"):
        source = (ROOT / "coalitions" / name).read_text(encoding="utf-8")
        (folder / name).write_text(source, encoding="utf-8")
    if settings is not None:
        (tmp_path / "site.yml").write_text(settings, encoding="utf-8")


def test_a_dossier_no_one_reviews_fails_write_and_check(tmp_path: Path) -> None:
    _folder(tmp_path, None)  # no site.yml: no maintainers; the draft lists no reviewers
    for args in (("codeowners",), ("codeowners", "--check")):
        result = run_cli(*args, cwd=tmp_path)
        assert result.code == 1, args
        assert result.stdout.startswith(
            "coalitions/jongeren-op-koers.yml:1:1: partners[].reviewers: no one would review"
        ), result.stdout
        assert "wijkzorg-samen" not in result.stdout
    assert not (tmp_path / ".github" / "CODEOWNERS").exists()


def test_maintainers_in_site_yml_own_the_dossier_without_reviewers(tmp_path: Path) -> None:
    _folder(tmp_path, 'maintainers: ["@gemeente/beheer", "@Anne"]\n')
    assert run_cli("codeowners", cwd=tmp_path).code == 0
    text = (tmp_path / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert _rules(text) == [
        ("*", ["@Anne", "@gemeente/beheer"]),
        ("/coalitions/jongeren-op-koers.yml", ["@Anne", "@gemeente/beheer"]),
        (
            "/coalitions/wijkzorg-samen.yml",
            ["@Anne", "@gemeente-dijkhaven/zorg", "@gemeente/beheer"],
        ),
    ]
    assert run_cli("codeowners", "--check", cwd=tmp_path).code == 0


def test_a_maintainer_that_is_no_handle_is_a_positioned_problem(tmp_path: Path) -> None:
    _folder(tmp_path, "licence: CC BY 4.0\nmaintainers:\n  - beheer@example.nl\n")
    result = run_cli("codeowners", cwd=tmp_path)
    assert result.code == 1
    assert result.stdout.startswith("site.yml:3:5: maintainers[0]: "), result.stdout
    assert "@naam" in result.stdout
