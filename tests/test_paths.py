"""Hostile paths: file names and ids that try to leave the output folder or collide.

More than a thousand hostile names (``..``, absolute paths, backslashes, URL
escapes, NUL and line breaks, Unicode look-alikes of dots and slashes, case
and NFC/NFD twins, reserved and device names, very long names, leading dashes
and dots) are tried as dossier file names and as every kind of id: partner,
organisation, partner name (which becomes an organisation id), activity,
agreement, place and theme. A refused one must get a clear, positioned
problem. Every accepted one goes into one real build (check, publish, render
and write, as ``dossiers build --pages-only`` does, without drawing charts),
after which the whole temporary tree is compared with a snapshot taken before:
nothing may change outside the generated files, and no two inputs may end at
the same output path. Three small builds through the real command set
symbolic-link and manifest traps.

``--fuzz-scale N`` adds N-1 rounds of random names (hypothesis) on top.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import DossierError, Problem
from generator.load import RawDossier, read_bytes, read_dossier
from generator.site import generate
from generator.validate import ValidDossier, validate
from generator.write import MANIFEST, write_tree

from .conftest import FIXTURES, ROOT, run_cli
from .dossiers import dump_dossier
from .figures import record
from .site_build import copy_hand_written_content

MINIMAL: dict[str, Any] = yaml.safe_load((FIXTURES / "minimal.yml").read_text(encoding="utf-8"))
BUILD_DATE = date(2026, 11, 23)
LANGS = ("nl", "en")

# ---------------------------------------------------------------- the names

BASES = [
    "bieb",
    "a",
    "0",
    "index",
    "network",
    "con",
    "nul",
    "aux",
    "prn",
    "com1",
    "lpt9",
    "coalities",
    "organisaties",
    "open-data",
    "agenda",
    "en",
    "assets",
    "search",
    "404",
    "sitemap",
]

# Cyrillic letters that look like a, e, i, o, c, p and x, and are not ASCII.
_CYRILLIC = str.maketrans("aeiocpx", "\u0430\u0435\u0456\u043e\u0441\u0440\u0445")
_FULLWIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}

DECORATIONS: dict[str, Any] = {
    "plain": lambda x: x,
    "upper": str.upper,
    "title": str.title,
    "leading dash": lambda x: "-" + x,
    "leading dot": lambda x: "." + x,
    "leading dots": lambda x: ".." + x,
    "trailing dash": lambda x: x + "-",
    "trailing dot": lambda x: x + ".",
    "trailing space": lambda x: x + " ",
    "inner space": lambda x: x[:1] + " " + x[1:],
    "parent": lambda x: "../" + x,
    "grandparent": lambda x: "../../" + x,
    "deep parent": lambda x: "../../../../../../tmp/" + x,
    "dot slash": lambda x: "./" + x,
    "absolute": lambda x: "/" + x,
    "etc": lambda x: "/etc/" + x,
    "windows drive": lambda x: "C:\\" + x,
    "windows parent": lambda x: "..\\" + x,
    "unc": lambda x: "\\\\server\\share\\" + x,
    "backslash inside": lambda x: x + "\\..",
    "slash inside": lambda x: x + "/" + x,
    "url dots": lambda x: "%2e%2e%2f" + x,
    "url slash": lambda x: x + "%2f..",
    "double url": lambda x: "%252e%252e%252f" + x,
    "nul": lambda x: x + "\x00",
    "nul inside": lambda x: x[:1] + "\x00" + x[1:],
    "newline": lambda x: x + "\n",
    "newline first": lambda x: "\n" + x,
    "carriage return": lambda x: x + "\r",
    "tab": lambda x: x + "\t",
    "line separator": lambda x: x + "\u2028",
    "fullwidth dots": lambda x: "\uff0e\uff0e\uff0f" + x,
    "fullwidth name": lambda x: "".join(_FULLWIDTH.get(c, c) for c in x),
    "division slash": lambda x: "..\u2215" + x,
    "fraction slash": lambda x: "..\u2044" + x,
    "one-dot leaders": lambda x: "\u2024\u2024/" + x,
    "cyrillic": lambda x: x.translate(_CYRILLIC),
    "dotless i": lambda x: x.replace("i", "\u0131") + "\u0131",
    "nfc e-acute": lambda x: x + "\u00e9",
    "nfd e-acute": lambda x: x + "e\u0301",
    "zero width": lambda x: x[:1] + "\u200b" + x[1:],
    "soft hyphen": lambda x: x[:1] + "\u00ad" + x[1:],
    "rtl override": lambda x: "\u202e" + x,
    "emoji": lambda x: x + "\U0001f600",
    "63 long": lambda x: (x + "-" * 63)[:62] + "x",
    "64 long": lambda x: (x + "x" * 64)[:64],
    "255 long": lambda x: (x + "y" * 255)[:255],
    "4096 long": lambda x: (x + "z" * 4096)[:4096],
    "extension": lambda x: x + ".yml",
    "md": lambda x: x + ".md",
    "partners chart": lambda x: x + ".partners",
    "underscore": lambda x: x + "_" + x,
    "fragment": lambda x: x + "#top",
    "query": lambda x: x + "?x=1",
    "tilde": lambda x: "~" + x,
    "shell": lambda x: "$(" + x + ")",
    "double dash": lambda x: x + "--" + x,
}


def hostile_names() -> list[str]:
    """Every base name with every decoration, and a few on their own; no repeats."""
    names = {decorate(base) for base in BASES for decorate in DECORATIONS.values()}
    names |= {"", ".", "..", "...", "-", "--", "/", "\\", "\x00", " ", "~", "%2e%2e"}
    return sorted(names)


NAMES = hostile_names()
SLUG_SHAPE = re.compile(r"[a-z0-9][a-z0-9-]{0,62}\Z")

# ---------------------------------------------------------------- the id kinds


def _partner(n: int, **fields: str) -> dict[str, Any]:
    return {
        "id": f"p{n}",
        "name": f"Partner {n:04d}",
        "sector": "public",
        "influence": 1,
        "dependency": 1,
        **fields,
    }


@dataclass(frozen=True)
class Kind:
    """Where a hostile id goes in a dossier, one item per name."""

    list_name: str
    field: str

    def items(self, names: list[str]) -> list[dict[str, Any]]:
        return [self.item(n, name) for n, name in enumerate(names)]

    def item(self, n: int, name: str) -> dict[str, Any]:
        if self.list_name == "partners":
            return _partner(n, **{self.field: name})
        if self.list_name == "agenda":
            return {
                "id": name,
                "title": f"Activiteit {n}",
                "start": "2026-12-05T10:00",
                "organisers": ["bieb"],
                "public": True,
            }
        if self.list_name == "agreements":
            return {
                "id": name,
                "title": f"Afspraak {n}",
                "kind": "covenant",
                "parties": ["bieb", "gemeente"],
                "status": "signed",
                "signed": "2026-01-01",
                "public": True,
            }
        if self.list_name == "places":
            return {"id": name, "name": f"Plek {n}", "public": True}
        assert self.list_name == "themes"
        return {"id": name, "name": f"Thema {n}"}

    def dossier(self, names: list[str]) -> dict[str, Any]:
        data = {key: value for key, value in MINIMAL.items()}
        extra = self.items(names)
        data[self.list_name] = [*data.get(self.list_name, []), *extra]
        if self.list_name == "themes":
            data["roles"] = [*data["roles"], *({"theme": t["id"], "lead": "bieb"} for t in extra)]
        return data

    def first(self, list_name: str) -> int:
        """How many items a list has in the minimal dossier, before ours; a theme's
        role (its lead) comes in the same order as the themes."""
        assert list_name in (self.list_name, "roles" if self.list_name == "themes" else "")
        return len(MINIMAL.get(list_name, []))


KINDS = {
    "partner id": Kind("partners", "id"),
    "organisation id": Kind("partners", "organisation"),
    "partner name": Kind("partners", "name"),
    "activity id": Kind("agenda", "id"),
    "agreement id": Kind("agreements", "id"),
    "place id": Kind("places", "id"),
    "theme id": Kind("themes", "id"),
}

# ---------------------------------------------------------------- the checks


def _clear(problem: Problem, display: str, text: str) -> None:
    assert problem.file == display, problem
    assert 1 <= problem.line <= max(1, len(text.splitlines())) + 1, problem
    assert problem.column >= 1 and problem.path and problem.message, problem
    assert "Traceback" not in problem.message, problem


_MINIMAL_BYTES = dump_dossier(MINIMAL).encode("utf-8")


def _slug_outcome(name: str) -> RawDossier | Problem:
    content = _MINIMAL_BYTES
    display = f"coalitions/{name}.yml"
    found = read_bytes(content, f"{name}.yml", display)
    if isinstance(found, Problem):
        _clear(found, display, content.decode())
    return found


def _sift(kind: Kind, names: list[str]) -> tuple[list[str], dict[str, list[Problem]]]:
    """Validate one dossier holding every name as an item of `kind`, through the real
    loader; drop the items with problems and repeat until the rest is valid."""
    keep = list(names)
    refused: dict[str, list[Problem]] = {}
    display = "coalitions/ids.yml"
    for _ in range(4):
        text = dump_dossier(kind.dossier(keep))
        raw = read_bytes(text.encode("utf-8"), "ids.yml", display)
        assert isinstance(raw, RawDossier), raw
        outcome = validate(raw)
        if isinstance(outcome, ValidDossier):
            return keep, refused
        hit: set[int] = set()
        for problem in outcome:
            _clear(problem, display, text)
            found = re.match(rf"({kind.list_name}|roles)\[(\d+)\]", problem.path)
            assert found, f"a problem not about one of the items: {problem}"
            index = int(found[2]) - kind.first(found[1])
            assert index >= 0, problem
            hit.add(index)
            refused.setdefault(keep[index], []).append(problem)
        keep = [name for i, name in enumerate(keep) if i not in hit]
    pytest.fail(f"{kind}: still invalid after four rounds")


# ---------------------------------------------------------------- snapshots


def snapshot(top: Path) -> dict[str, tuple[str, str]]:
    """Every entry under top: its kind and content (or link target), links not followed."""
    found: dict[str, tuple[str, str]] = {}
    for folder, dirs, files in os.walk(top, followlinks=False):
        for name in dirs + files:
            path = Path(folder, name)
            relative = str(path.relative_to(top))
            if path.is_symlink():
                found[relative] = ("link", os.readlink(path))
            elif path.is_dir():
                found[relative] = ("dir", "")
            else:
                found[relative] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
    return found


def changes(before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def allowed_changes(files: dict[str, dict[str, str]]) -> set[str]:
    """What a build may change: the generated files, their folders, and the manifests."""
    allowed: set[str] = set()
    for lang, found in files.items():
        docs = Path("project", "content", lang)
        allowed.add(str(docs / MANIFEST))
        for relative in found:
            path = docs / relative
            allowed.add(str(path))
            allowed |= {str(parent) for parent in path.parents if docs in parent.parents}
    return allowed


def twins(paths: list[str]) -> list[list[str]]:
    """Output paths that a case-insensitive or normalising file system would merge."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        groups.setdefault(unicodedata.normalize("NFC", path).casefold(), []).append(path)
    return [group for group in groups.values() if len(group) > 1]


def new_project(top: Path) -> Path:
    project = top / "project"
    project.mkdir(parents=True)
    for name in ("mkdocs.base.yml", "mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "overrides", project / "overrides", symlinks=True)
    copy_hand_written_content(project)
    (project / "coalitions").mkdir()
    outside = top / "outside"
    outside.mkdir()
    (outside / "victim.md").write_text("must stay\n", encoding="utf-8")
    return project


# ---------------------------------------------------------------- the tests


def test_there_are_over_a_thousand_hostile_names() -> None:
    assert len(NAMES) >= 1000
    assert len(NAMES) == len(set(NAMES))


@dataclass
class Batch:
    slugs: list[str]
    ids: dict[str, list[str]]
    tried: int


@pytest.fixture(scope="module")
def batch() -> Batch:
    """Every hostile name as a file name and as each kind of id; what was accepted."""
    tried = 0
    slugs: list[str] = []
    for name in NAMES:
        tried += 1
        outcome = _slug_outcome(name)
        if isinstance(outcome, RawDossier):
            slugs.append(name)
    ids: dict[str, list[str]] = {}
    for label, kind in KINDS.items():
        accepted, refused = _sift(kind, NAMES)
        tried += len(NAMES)
        assert set(accepted) | set(refused) == set(NAMES), label
        ids[label] = accepted
    record("paths: slugs and ids tried", tried)
    return Batch(slugs=slugs, ids=ids, tried=tried)


@pytest.mark.slow
def test_only_plain_slugs_are_accepted_as_file_names(batch: Batch) -> None:
    assert batch.slugs, "no hostile name was accepted at all: the build below tests nothing"
    for slug in batch.slugs:
        assert SLUG_SHAPE.match(slug) and slug not in ("index", "network"), repr(slug)
    assert "con" in batch.slugs  # Windows device names are fine on the published site


@pytest.mark.slow
@pytest.mark.parametrize("label", [k for k in KINDS if k != "partner name"])
def test_only_plain_ids_are_accepted(batch: Batch, label: str) -> None:
    accepted = batch.ids[label]
    assert accepted, label
    for ident in accepted:
        assert SLUG_SHAPE.match(ident.strip()), (label, ident)
    if label == "organisation id":
        return  # partners may share an organisation: that is what the id is for
    # No two accepted ids are the same after stripping, case folding or normalising.
    folded = Counter(unicodedata.normalize("NFKC", i.strip()).casefold() for i in accepted)
    assert [i for i, n in folded.items() if n > 1] == [], label


def test_the_refusals_name_the_item_and_its_place() -> None:
    kind = KINDS["activity id"]
    names = ["goed", "../kwaad", "Kwaad", "goed"]
    accepted, refused = _sift(kind, names)
    assert accepted == ["goed"]
    assert set(refused) == {"../kwaad", "Kwaad", "goed"}
    lines = dump_dossier(kind.dossier(names)).splitlines()
    first = kind.first("agenda")
    for i, name in enumerate(names[1:3], start=1):
        (problem,) = refused[name]
        assert problem.path == f"agenda[{first + i}].id", problem
        assert lines[problem.line - 1].strip().startswith("- id:"), problem
    (twice,) = refused["goed"]  # found once the others are gone: the second 'goed'
    assert twice.path == f"agenda[{first + 1}].id" and "used twice" in twice.message


def _write_batch(project: Path, batch: Batch) -> dict[str, str]:
    """One dossier per accepted slug, plus one per kind of id holding all its accepted
    ids; each coalition gets a name no other has, to find its page by."""
    coalitions = project / "coalitions"
    markers: dict[str, str] = {}
    for slug in batch.slugs:
        markers[slug] = f"Bestandsnaam{len(markers):04d}"  # no name holds another
        data = {**MINIMAL, "name": markers[slug]}
        (coalitions / f"{slug}.yml").write_text(dump_dossier(data), encoding="utf-8")
    for n, (label, kind) in enumerate(KINDS.items()):
        slug = f"ids-{n}"
        assert slug not in markers
        markers[slug] = f"Kenmerken{n:04d}"
        data = {**kind.dossier(batch.ids[label]), "name": markers[slug]}
        (coalitions / f"{slug}.yml").write_text(dump_dossier(data), encoding="utf-8")
    return markers


def _build(project: Path) -> dict[str, dict[str, str]]:
    """check, publish, render and write, as 'dossiers build --pages-only' does."""
    outputs = generate(project / "coalitions", BUILD_DATE)
    for lang, found in outputs.files.items():
        write_tree(project / "content" / lang, found)
    return outputs.files


@pytest.mark.slow
def test_the_accepted_names_build_without_writing_outside_or_colliding(
    batch: Batch, tmp_path: Path
) -> None:
    project = new_project(tmp_path)
    markers = _write_batch(project, batch)
    before = snapshot(tmp_path)
    files = _build(project)
    after = snapshot(tmp_path)

    outside = sorted(changes(before, after) - allowed_changes(files))
    record("paths: writes outside (must be 0)", len(outside))
    assert outside == []
    assert before["outside/victim.md"] == after["outside/victim.md"]
    assert not any(kind == "link" for kind, _ in after.values())

    collisions = 0
    for lang, found in files.items():
        section = "coalities" if lang == "nl" else "coalitions"
        # Every coalition has its own page, feed and data file, with its own name in them.
        for slug, marker in markers.items():
            for path in (f"{section}/{slug}.md", f"open-data/coalitions/{slug}.json"):
                collisions += marker not in found.get(path, "")
            collisions += f"{section}/{slug}.ics" not in found
        collisions += len(twins(list(found)))
        # Every organisation id has its own page, with the names of its partners on it.
        org_section = "organisaties" if lang == "nl" else "organisations"
        for n, org in enumerate(batch.ids["organisation id"]):
            page = found.get(f"{org_section}/{org.strip()}.md", "")
            collisions += f"Partner {n:04d}" not in page
        # Every activity keeps its own anchor on its page, and its own calendar UID.
        for text in found.values():
            anchors = Counter(re.findall(r'id="([^"]+)"', text))
            collisions += sum(n - 1 for n in anchors.values())
        feed = found[f"agenda/{'alle-activiteiten' if lang == 'nl' else 'all-activities'}.ics"]
        uids = re.findall(r"^UID:(.*)$", feed, re.M)
        collisions += sum(n - 1 for n in Counter(uids).values())
        assert len(uids) >= len(batch.ids["activity id"])
    record("paths: collisions (must be 0)", collisions)
    assert collisions == 0
    # The files on disk are exactly the ones generated, nowhere else in the docs folders.
    for lang, found in files.items():
        docs = project / "content" / lang
        listed = (docs / MANIFEST).read_text(encoding="utf-8").split()
        assert sorted(listed) == sorted(found)
        for relative in found:
            assert (docs / relative).resolve().is_relative_to(docs.resolve())


def test_the_snapshot_sees_a_write_outside(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    before = snapshot(tmp_path)
    files = {"nl": {"coalities/x.md": "x"}, "en": {}}
    (project / "content" / "nl" / "coalities").mkdir(exist_ok=True)
    (project / "content" / "nl" / "coalities" / "x.md").write_text("x", "utf-8")
    assert changes(before, snapshot(tmp_path)) <= allowed_changes(files)
    (tmp_path / "outside" / "victim.md").write_text("changed", "utf-8")
    (project / "content" / "nl" / "uitleg.md").unlink()
    (tmp_path / "outside" / "link").symlink_to(project)
    assert changes(before, snapshot(tmp_path)) - allowed_changes(files) == {
        "outside/victim.md",
        "outside/link",
        "project/content/nl/uitleg.md",
    }


def test_partner_names_that_fold_to_one_organisation_id_share_one_page(
    tmp_path: Path,
) -> None:
    """'Bieb', 'BIEB' and 'Bíeb' in two coalitions are one organisation, on purpose:
    the network is built from those ids. Two distinct ids never share a page."""
    project = new_project(tmp_path)
    for n, names in enumerate(
        (["Bieb", "Gemeente"], ["BÍEB", "".join(_FULLWIDTH[c] for c in "Gemeente")])
    ):
        data = {**MINIMAL, "name": f"Twee{'AB'[n]}"}
        data["partners"] = [
            {**data["partners"][0], "name": names[0]},
            {**data["partners"][1], "name": names[1]},
        ]
        (project / "coalitions" / f"twee-{n}.yml").write_text(dump_dossier(data), "utf-8")
    files = _build(project)
    orgs = sorted(p for p in files["nl"] if p.startswith("organisaties/") and p.endswith(".md"))
    assert orgs == ["organisaties/bieb.md", "organisaties/gemeente.md", "organisaties/index.md"]
    assert "TweeA" in files["nl"]["organisaties/bieb.md"]
    assert "TweeB" in files["nl"]["organisaties/bieb.md"]


# ---------------------------------------------------------------- file names on disk


def _creatable(name: str) -> bool:
    file = f"{name}.yml"
    return "/" not in name and "\x00" not in name and len(file.encode()) <= 255


def test_hostile_file_names_on_disk_are_refused_with_a_position(tmp_path: Path) -> None:
    """The same names as real files in one folder, read the way 'dossiers check' does."""
    from generator.check import check_folder

    folder = tmp_path / "coalitions"
    folder.mkdir()
    content = dump_dossier(MINIMAL)
    on_disk = [n for n in NAMES if _creatable(n)]
    for name in on_disk:
        (folder / f"{name}.yml").write_text(content, encoding="utf-8")
    before = snapshot(tmp_path)
    report = check_folder(folder)
    assert snapshot(tmp_path) == before
    valid = {v.slug for v in report.valid}
    assert all(SLUG_SHAPE.match(slug) for slug in valid)
    refused = {Path(p.file).name.removesuffix(".yml") for p in report.problems}
    for problem in report.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message, problem
    hidden = {n for n in on_disk if f"{n}.yml".startswith(".")}  # dot-files: not dossiers
    assert valid | refused | hidden == set(on_disk)
    assert not valid & refused


# ---------------------------------------------------------------- traps, through the command


def _trap_project(tmp_path: Path) -> Path:
    project = new_project(tmp_path)
    (project / "coalitions" / "con.yml").write_text(dump_dossier(MINIMAL), "utf-8")
    return project


def _run_trap(tmp_path: Path, project: Path) -> tuple[int, str]:
    before = snapshot(tmp_path / "outside")
    result = run_cli("build", "--pages-only", "--date", "2026-11-23", cwd=project, timeout=120)
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(tmp_path / "outside") == before
    assert (tmp_path / "outside" / "victim.md").read_text(encoding="utf-8") == "must stay\n"
    return result.code, result.stderr


def test_a_linked_output_folder_is_not_written_through(tmp_path: Path) -> None:
    project = _trap_project(tmp_path)
    (project / "content" / "nl" / "coalities").symlink_to(tmp_path / "outside")
    code, stderr = _run_trap(tmp_path, project)
    assert code == 1 and "leads outside" in stderr
    assert [p.name for p in (tmp_path / "outside").iterdir()] == ["victim.md"]


def test_a_linked_output_file_is_not_written_through(tmp_path: Path) -> None:
    project = _trap_project(tmp_path)
    organisations = project / "content" / "en" / "organisations"
    organisations.mkdir(parents=True)
    (organisations / "bibliotheek-noord.md").symlink_to(tmp_path / "outside" / "victim.md")
    code, stderr = _run_trap(tmp_path, project)
    assert code == 1 and "not overwritten" in stderr


def test_a_tampered_manifest_removes_nothing_outside(tmp_path: Path) -> None:
    project = _trap_project(tmp_path)
    docs = project / "content" / "nl"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / MANIFEST).write_text(
        "../../../outside/victim.md\n/etc/hostname\n..\\..\\outside\\victim.md\n", "utf-8"
    )
    code, _ = _run_trap(tmp_path, project)
    assert code == 0


# ---------------------------------------------------------------- random names, on request


@pytest.mark.slow
def test_random_names_as_slugs_and_ids(fuzz_scale: int) -> None:
    """Hypothesis names on top of the fixed corpus; a handful unless --fuzz-scale is set."""
    tried = 0

    @settings(
        max_examples=50 * fuzz_scale if fuzz_scale > 1 else 20,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(st.lists(st.text(min_size=1, max_size=70), min_size=1, max_size=20))
    def run(names: list[str]) -> None:
        nonlocal tried
        names = sorted(set(names))
        for name in names:
            outcome = _slug_outcome(name)
            if isinstance(outcome, RawDossier):
                assert SLUG_SHAPE.match(name) and name not in ("index", "network")
        for kind in (KINDS["activity id"], KINDS["organisation id"]):
            accepted, refused = _sift(kind, names)
            assert set(accepted) | set(refused) == set(names)
            assert all(SLUG_SHAPE.match(a.strip()) for a in accepted)
        tried += 3 * len(names)

    run()
    record("paths: slugs and ids tried", tried)


def test_a_slug_with_a_final_newline_is_refused(tmp_path: Path) -> None:
    """Found by this suite: '$' let 'bieb\\n.yml' through, and the build then crashed."""
    path = tmp_path / "bieb\n.yml"
    path.write_text(dump_dossier(MINIMAL), encoding="utf-8")
    found = read_dossier(path, "coalitions/bieb\n.yml")
    assert isinstance(found, Problem) and "not a valid file name" in found.message
    assert isinstance(_slug_outcome("bieb\n"), Problem)
    with pytest.raises(DossierError):
        generate(tmp_path, BUILD_DATE)
