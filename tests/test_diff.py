"""`dossiers diff` on real git revisions, compared with golden summaries."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.load import RawDossier, read_dossier

from .conftest import FIXTURES, ROOT, compare_golden, run_cli
from .dossiers import dump_dossier


@pytest.fixture(autouse=True)
def _dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary is read in Dutch here, as a pull-request comment is by default."""
    monkeypatch.setenv("DOSSIERS_LANG", "nl")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=test@example.org", "-c", "user.name=Test", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    raw = read_dossier(path, path.name)
    assert isinstance(raw, RawDossier), raw
    change(raw.data)
    path.write_text(dump_dossier(raw.data), encoding="utf-8")


def _find(items: list[dict[str, Any]], key: str, value: str) -> dict[str, Any]:
    return next(item for item in items if item.get(key) == value)


def _haven(d: dict[str, Any]) -> None:
    _find(d["partners"], "id", "nordlaan")["influence"] = 5  # 2/4 below -> 5/4 above
    _find(d["partners"], "id", "ggd")["dependency"] = 4  # 3/3 on -> 3/4 below
    role = _find(d["roles"], "theme", "samen-meten")
    for kind in ("contributes", "consulted", "informed"):
        role[kind] = [p for p in role.get(kind, []) if p != "ggd"]
    role["lead"] = "ggd"
    meeting = _find(d["agenda"], "id", "bedrijvenoverleg")
    meeting["public"] = True  # a partners-only meeting made public...
    _find(d["places"], "id", "directiekamer-zilvermeeuw")["public"] = True  # ...at its place
    _find(d["agenda"], "id", "meetavond").update(
        {"start": "2027-01-21T19:30", "end": "2027-01-21T21:30"}
    )
    d["agenda"].append(
        {
            "id": "zomerfeest",
            "title": "Zomerfeest aan de haven",
            "start": "2027-06-19T15:00",
            "organisers": ["gemeente"],
            "public": True,
            "open_to_newcomers": True,
            "how_to_join": "Loop binnen.",
        }
    )
    _find(d["agreements"], "id", "maatwerk-nordlaan")["public"] = True
    _find(d["agreements"], "id", "schone-lucht-pact")["status"] = "ended"
    _find(d["objectives"], "id", "geurklachten")["status"] = "at-risk"
    _find(d["contacts"], "name", "Ahmed Bakkali")["phone"] = "06 5555 0190"
    d["contacts"].append(
        {
            "name": "Noor de Wit",
            "role": "Wijkcontact",
            "email": "n.dewit@gezondehaven.example",
            "public": True,
            "email_public": True,
        }
    )


def _oost(d: dict[str, Any]) -> None:
    draft = _find(d["agreements"], "id", "afspraken-voorleesmaatjes")
    draft.update({"status": "signed", "signed": "2026-12-01", "public": True})


def _koers(d: dict[str, Any]) -> None:
    d["status"] = "active"
    d["website"] = "https://www.jongerenopkoers.example"  # an active dossier can be reached


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with the examples, then one commit that changes every kind of thing."""
    repo = tmp_path_factory.mktemp("repo")
    shutil.copytree(ROOT / "coalitions", repo / "coalitions")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    folder = repo / "coalitions"
    _edit(folder / "gezonde-haven.yml", _haven)
    _edit(folder / "gelijke-kansen-oost.yml", _oost)
    _edit(folder / "jongeren-op-koers.yml", _koers)
    (folder / "wijkzorg-samen.yml").unlink()
    shutil.copy(FIXTURES / "minimal.yml", folder / "samen-lezen.yml")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "changes")
    return repo


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_summary_of_every_kind_of_change(repo: Path, lang: str, update_golden: bool) -> None:
    result = run_cli("diff", "HEAD~1", "HEAD", "--lang", lang, cwd=repo)
    assert result.code == 0, result.stderr
    compare_golden(f"diff/every-change-{lang}.md", result.stdout, update_golden)


def test_privacy_changes_come_first(repo: Path) -> None:
    out = run_cli("diff", "HEAD~1", "HEAD", cwd=repo).stdout
    flagged, rest = out.split("### ⚠ Controleer deze bewust", 1)[1].split("\n### ", 1)
    for expected in (
        "activiteit ‘Bedrijvenoverleg",
        "plek ‘Directiekamer",
        "afspraak ‘Maatwerkafspraak",
        "telefoonnummer bij ‘Ahmed Bakkali’",
        "nieuwe openbare contactpersoon ‘Noor de Wit’",
        "het hele dossier wordt openbaar",
        "e\\-mailadres bij ‘Noor de Wit’",
    ):
        assert expected in flagged, expected
    assert "Nordlaan Coatings: invloed 2 → 5 (nu boven de ambitielijn)" in rest


def test_working_tree_is_the_default_head(repo: Path) -> None:
    same = run_cli("diff", "HEAD", cwd=repo)
    assert same.code == 0
    assert "Geen inhoudelijke wijzigingen in de dossiers." in same.stdout


def test_unknown_revision_is_a_clear_error(repo: Path) -> None:
    result = run_cli("diff", "bestaat-niet", cwd=repo)
    assert result.code == 2
    assert result.stderr.strip() == "dossiers: unknown git revision 'bestaat-niet'"
    assert "Traceback" not in result.stderr


def test_a_broken_dossier_is_reported_not_called_removed(repo: Path) -> None:
    path = repo / "coalitions" / "gezonde-haven.yml"
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original.replace("status: active", "status: actief", 1), "utf-8")
        out = run_cli("diff", "HEAD", cwd=repo).stdout
    finally:
        path.write_text(original, encoding="utf-8")
    assert "coalitions/gezonde\\-haven\\.yml** heeft problemen" in out
    assert "verwijderd" not in out


def _small_repo(tmp: Path, before: dict[str, Any] | None, after: dict[str, Any] | str) -> Path:
    """A repository with one dossier, samen-lezen.yml, in two commits."""
    repo = tmp / "small"
    (repo / "coalitions").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    path = repo / "coalitions" / "samen-lezen.yml"
    if before is not None:
        path.write_text(dump_dossier(before), encoding="utf-8")
    else:
        (repo / "coalitions" / ".keep").write_text("", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    path.write_text(after if isinstance(after, str) else dump_dossier(after), encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "change", "--allow-empty")
    return repo


def _minimal() -> dict[str, Any]:
    raw = read_dossier(FIXTURES / "minimal.yml", "minimal.yml")
    assert isinstance(raw, RawDossier)
    data = raw.data
    data["places"] = [{"id": "zaal", "name": "Zaal", "address": "Plein 1", "public": True}]
    data["agenda"][0]["registration"] = "https://bieb.example/aanmelden"
    data["contacts"] = [{"name": "Sanne", "public": True}]
    return data


def test_no_change_goes_unmentioned(tmp_path: Path) -> None:
    before = _minimal()
    after = _minimal()
    after["places"][0]["address"] = "Privéstraat 3"
    after["agenda"][0]["registration"] = "https://elders.example/phish"
    after["contacts"] = []
    after["partners"][0]["reviewers"] = ["@nieuw"]
    out = run_cli("diff", "HEAD~1", "HEAD", cwd=_small_repo(tmp_path, before, after)).stdout
    assert "Geen inhoudelijke wijzigingen" not in out
    assert "`places[zaal].address.nl`" in out
    assert "`agenda[voorleesochtend].registration`" in out
    assert "`contacts[Sanne] −`" in out
    flagged = out.split("### ⚠", 1)[1].split("\n### ", 1)[0]
    assert "wie wijzigingen nakijkt verandert: – → @\u2060nieuw" in flagged
    assert "@nieuw" not in out  # a handle in the comment must not notify anyone


def test_a_new_dossier_flags_each_contact_detail(tmp_path: Path) -> None:
    after = _minimal()
    after["contacts"] = [{"name": "Sanne", "email": "sanne@bieb.example", "public": True}]
    out = run_cli("diff", "HEAD~1", "HEAD", cwd=_small_repo(tmp_path, None, after)).stdout
    flagged = out.split("### ⚠", 1)[1].split("\n### ", 1)[0]
    assert "nieuw e\\-mailadres bij ‘Sanne’ (niet openbaar)" in flagged
    assert "nieuwe openbare contactpersoon ‘Sanne’" in flagged
    assert "plek ‘Zaal’ wordt openbaar" in flagged


def test_a_contact_name_cannot_pass_for_the_summary_s_own_words(tmp_path: Path) -> None:
    """A name that ends in "(niet openbaar); niets te controleren." stays inside its
    quotes, so the public details it brings read as public."""
    before = _minimal()
    after = _minimal()
    name = "Jan Publiek (niet openbaar); niets te controleren."
    after["contacts"].append(
        {"name": name, "phone": "010 123 4567", "phone_public": True, "public": True}
    )
    out = run_cli("diff", "HEAD~1", "HEAD", cwd=_small_repo(tmp_path, before, after)).stdout
    flagged = out.split("### ⚠", 1)[1].split("\n### ", 1)[0]
    quoted = "‘Jan Publiek \\(niet openbaar\\); niets te controleren\\.’"
    assert f"nieuw telefoonnummer bij {quoted} (openbaar)" in flagged
    assert f"nieuwe openbare contactpersoon {quoted}" in flagged


def test_a_base_with_problems_is_not_called_new(tmp_path: Path) -> None:
    before = _minimal()
    before["partners"][0]["influence"] = 7  # invalid then
    after = _minimal()
    out = run_cli("diff", "HEAD~1", "HEAD", cwd=_small_repo(tmp_path, before, after)).stdout
    assert "samenwerkingsverband toegevoegd" not in out
    assert "de oude versie had problemen en is niet te vergelijken" in out
    assert "plek ‘Zaal’ wordt openbaar" in out


def test_dir_is_relative_to_where_the_command_runs(repo: Path) -> None:
    inside = run_cli("diff", "HEAD~1", "HEAD", "--dir", "../coalitions", cwd=repo / "coalitions")
    at_root = run_cli("diff", "HEAD~1", "HEAD", cwd=repo)
    assert inside.code == 0 and inside.stdout == at_root.stdout
    absolute = run_cli("diff", "HEAD~1", "HEAD", "--dir", str(repo / "coalitions"), cwd=repo)
    assert absolute.stdout == at_root.stdout


def test_a_file_name_that_is_not_utf8_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    repo = _small_repo(tmp_path, _minimal(), _minimal())
    odd = os.fsencode(repo / "coalitions") + b"/caf\xe9.yml"
    with open(odd, "wb") as handle:
        handle.write((FIXTURES / "minimal.yml").read_bytes())
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "odd name")
    result = run_cli("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.code == 0 and "Traceback" not in result.stderr
    assert "caf\ufffd\\.yml** heeft problemen" in result.stdout


def test_text_for_a_terminal_has_no_markdown_escapes(repo: Path) -> None:
    markdown = run_cli("diff", "HEAD~1", "HEAD", "--lang", "nl", cwd=repo).stdout
    text = run_cli("diff", "HEAD~1", "HEAD", "--lang", "nl", "--format", "text", cwd=repo).stdout
    assert "e\\-mailadres" in markdown and "**" in markdown
    assert "e-mailadres" in text
    assert "\\-" not in text and "**" not in text and "`" not in text and "&amp;" not in text
    assert "Wijzigingen in de dossiers\n==========================" in text
