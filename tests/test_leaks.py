"""The leak suite: generated dossiers, a marker in every private place, none published.

Two layers. Hypothesis draws dossiers (tests/planted.py) and runs each batch
through the whole pipeline in-process: check, publish, pages, feeds, chart
specs, open data; every generated file is scanned. Then one batch of drawn
dossiers is built for real (`dossiers build`: charts drawn, MkDocs run) and
every built file and file name is scanned after decoding; the same batch is
built again with every private value changed, and the two sites must be
identical byte for byte. PROOF_SCALE=10 draws ten times as many examples.
"""

from __future__ import annotations

import gzip
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.errors import DossierError, render
from generator.site import generate

from .builds import PROOF_SCALE, Build, build, tree
from .figures import record
from .planted import (
    OTHER_PRIVATE_PREFIX,
    PRIVATE_PREFIX,
    Markers,
    Plan,
    dossier_dir,
    draft_dossier,
    files_of,
    phone_text,
    public_dossier,
    realise,
)
from .scan import PAGEFIND_UNSTABLE, decode_text, files, national_digits, number_runs, readings
from .site_build import BUILD_DATE

_PRIVATE_TEXT = re.compile(f"({PRIVATE_PREFIX}|{OTHER_PRIVATE_PREFIX})[0-9]{{6}}[a-z]?")


@dataclass
class Scan:
    files: int = 0
    hits: list[str] | None = None


def leaks_in(name: str, forms: list[str], numbers: set[str]) -> list[str]:
    """Private markers found in a file's name or any reading of its content."""
    found = {m.group(0) for m in _PRIVATE_TEXT.finditer(name.casefold())}
    for form in forms:
        found |= {m.group(0) for m in _PRIVATE_TEXT.finditer(form)}
    digits = "|".join(run for form in (forms[1], forms[5]) for run in number_runs(form))
    digits += "|" + "|".join(number_runs(name))
    found |= {number for number in numbers if number in digits}
    return sorted(found)


def scan_folder(folder: Path, numbers: set[str]) -> Scan:
    scan = Scan(hits=[])
    for path in files(folder):
        scan.files += 1
        name = str(path.relative_to(folder))
        assert scan.hits is not None
        scan.hits += [f"{name}: {hit}" for hit in leaks_in(name, readings(path), numbers)]
    return scan


def _record_scan(scan: Scan) -> None:
    record("leak: files scanned", scan.files)
    record("leak: hits (must be 0)", len(scan.hits or []))


# ---------------------------------------------------------------- the decoding


def test_the_decoding_sees_through_every_disguise() -> None:
    """Each way of writing a marker is found: the scan is not blind to any encoding."""
    marker = "zqlk000001t"
    disguised = {
        "plain": marker,
        "upper case": marker.upper(),
        "json escapes": "".join(f"\\u{ord(c):04x}" for c in marker),
        "html decimal": "".join(f"&#{ord(c)};" for c in marker),
        "html hex": "".join(f"&#x{ord(c):x};" for c in marker),
        "html of html": "".join(f"&amp;#{ord(c)};" for c in marker),
        "url encoding": "".join(f"%{ord(c):02X}" for c in marker),
        "fullwidth": "".join(chr(ord(c) + 0xFEE0) for c in marker),
        "zero-width inside": "\u200b".join(marker),
        "soft hyphens inside": "&shy;".join(marker),
        "tags inside": "<span>".join(marker),
        "backslash escapes": "".join(f"\\{c}" for c in marker),
    }
    for how, text in disguised.items():
        found = leaks_in("page.html", decode_text(text.encode("utf-8")), set())
        assert found == [marker], how
    zipped = gzip.compress(f"<loc>{marker}</loc>".encode())
    assert leaks_in("sitemap.xml.gz", decode_text(zipped, gzipped=True), set()) == [marker]
    assert leaks_in(f"coalities/{marker}/index.html", [""] * 8, set()) == [marker]
    assert leaks_in("x.html", decode_text(b"plain text"), set()) == []
    phone = "097012345678"
    for written in ("0970 123 456 78", "+31 970-1234-5678", "(0970) 12345678", "+31&nbsp;970 1234"):
        forms = decode_text(f"<a href='tel:x'>{written}</a>".encode())
        found = leaks_in("x.html", forms, {national_digits(phone)})
        assert found == ([] if written.endswith("1234") else [national_digits(phone)]), written


# ---------------------------------------------------------------- layer 1: in-process


def _generated_files(plans: list[Plan], private: Markers, public: Markers) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        dossiers = {}
        for plan in plans:
            dossiers[str(realise(plan.slug, private, public))] = realise(plan.data, private, public)
        try:
            outputs = generate(dossier_dir(Path(folder), dossiers), date.fromisoformat(BUILD_DATE))
        except DossierError as err:
            raise AssertionError(render(err.problems, "text")) from None
    assert len(outputs.site.coalitions) == sum(1 for p in plans if not p.draft)
    return {
        f"{lang}/{path}": text
        for lang, found in outputs.files.items()
        for path, text in found.items()
    }


# No shrinking: on a shared machine it takes minutes, and the failing example
# prints in full (every slot named) as it is.
@pytest.mark.slow
@settings(
    max_examples=30 * PROOF_SCALE,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(public_dossier(), min_size=1, max_size=2),
    st.lists(draft_dossier(), min_size=0, max_size=1),
)
def test_the_pipeline_publishes_no_private_marker(
    published: list[Plan], drafts: list[Plan]
) -> None:
    private, public = Markers(), Markers(prefix="zqpb", number_base=980_000_000_00)
    # Unique slugs: two draws may pick the same skeleton and number.
    plans = [
        Plan(f"{plan.slug}-{n}", plan.data, plan.draft) for n, plan in enumerate(published)
    ] + drafts
    generated = _generated_files(plans, private, public)
    hits = []
    for path, text in generated.items():
        forms = decode_text(text.encode())
        hits += [f"{path}: {hit}" for hit in leaks_in(path, forms, private.numbers)]
    record("leak: dossiers generated", len(plans))
    record("leak: markers planted", len(private.text) + len(private.numbers))
    record("leak: files scanned", len(generated))
    record("leak: hits (must be 0)", len(hits))
    assert hits == []
    # Not blind: every public marker is there.
    shown = "\n".join(decode_text("\n".join(generated.values()).encode()))
    assert all(marker.casefold() in shown for marker in public.text)


# ---------------------------------------------------------------- layer 2: real builds


@dataclass(frozen=True)
class LeakBuilds:
    plans: list[Plan]
    first: Build
    second: Build
    private: Markers
    public: Markers


def _draw_batch() -> list[Plan]:
    """A batch of drawn dossiers (the first draw is hypothesis' simplest one)."""
    drawn: list[Plan] = []

    @settings(
        max_examples=8 * PROOF_SCALE,
        deadline=None,
        phases=[Phase.generate],
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(public_dossier(), draft_dossier())
    def collect(published: Plan, draft: Plan) -> None:
        drawn.extend([published, draft])

    collect()
    return [
        Plan(f"{plan.slug}-{n}" if not plan.draft else plan.slug, plan.data, plan.draft)
        for n, plan in enumerate(drawn)
    ]


def _more_private(dossiers: dict[str, Any], markers: Markers) -> dict[str, Any]:
    """Changed private data only: one more private activity and contact per dossier."""
    changed: dict[str, Any] = {}
    for slug, data in dossiers.items():
        partner = data["partners"][0]["id"]
        extra_activity = {
            "id": markers.marker("id"),
            "title": markers.marker("text"),
            "start": "2027-02-03T19:00",
            "organisers": [partner],
            "public": False,
        }
        number = markers.number()
        markers.numbers.add(str(number))
        phone = phone_text(f"0{number}", 3)
        extra_contact = {"name": markers.marker("name"), "phone": phone, "public": False}
        changed[slug] = {
            **data,
            "agenda": [*data.get("agenda", []), extra_activity],
            "contacts": [*data.get("contacts", []), extra_contact],
        }
    return changed


@pytest.fixture(scope="module")
def leak_builds(tmp_path_factory: pytest.TempPathFactory) -> LeakBuilds:
    plans = _draw_batch()
    public = Markers(prefix="zqpb", number_base=980_000_000_00)
    private = Markers()
    # The same plans, the same public values; every private value different, and more of it.
    other = Markers(prefix=OTHER_PRIVATE_PREFIX, number_base=975_000_000_00, formats=2)
    first_files = files_of(plans, private, public)
    second_files = _more_private(files_of(plans, other, public), other)
    second_files[other.marker("id")] = next(
        realise(p.data, other, public) for p in plans if p.draft
    )
    private.numbers |= other.numbers
    private.text |= other.text
    cache = tmp_path_factory.mktemp("charts")
    first = build(tmp_path_factory.mktemp("leak-a"), first_files, cache)
    second = build(tmp_path_factory.mktemp("leak-b"), second_files, cache)
    record("leak: dossiers generated", len(first_files) + len(second_files))
    return LeakBuilds(plans, first, second, private, public)


@pytest.mark.slow
def test_no_private_marker_in_any_built_file(leak_builds: LeakBuilds) -> None:
    record(
        "leak: markers planted", len(leak_builds.private.text) + len(leak_builds.private.numbers)
    )
    hits: list[str] = []
    for built in (leak_builds.first, leak_builds.second):
        for folder in (built.site, *built.content):
            scan = scan_folder(folder, leak_builds.private.numbers)
            _record_scan(scan)
            hits += scan.hits or []
    assert hits == []


@pytest.mark.slow
def test_the_scan_finds_every_public_marker(leak_builds: LeakBuilds) -> None:
    """The same scan over the same files finds the public markers, so a miss means absence."""
    site = leak_builds.first.site
    found: set[str] = set()
    kinds: dict[str, set[str]] = {}
    digits = ""
    for path in files(site):
        forms = readings(path)
        joined = "\n".join(forms)
        here = {m for m in leak_builds.public.text if m.casefold() in joined}
        found |= here
        if here:
            kinds.setdefault(path.suffix, set()).update(here)
        digits += "|" + "|".join(run for form in forms for run in number_runs(form))
    assert found == leak_builds.public.text
    # Names are in the pages, the search index (Pagefind's compressed fragments and word
    # index), the feeds, the open data and the charts.
    for suffix in (".html", ".pf_fragment", ".pf_index", ".json", ".csv", ".svg"):
        assert kinds.get(suffix), f"no public marker found in any {suffix} file"
    # The metadata files are among the scanned ones (the catalogue holds no dossier text,
    # so no marker is expected in it; the byte-for-byte test below covers its sizes).
    scanned = {p.relative_to(site).as_posix() for p in files(site)}
    assert {"open-data/catalog.jsonld", "en/open-data/catalog.jsonld"} <= scanned
    assert all(n in digits for n in leak_builds.public.numbers) or not leak_builds.public.numbers
    sitemap = gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode()
    for plan in leak_builds.plans:
        if not plan.draft:
            assert f"/coalities/{plan.slug}/" in sitemap
            assert (site / "coalities" / str(plan.slug) / "index.html").is_file()


@pytest.mark.slow
def test_changing_only_private_data_changes_no_byte(leak_builds: LeakBuilds) -> None:
    first, second = tree(leak_builds.first.site), tree(leak_builds.second.site)
    unstable = {p for p in {*first, *second} if PAGEFIND_UNSTABLE.match(p)}
    assert unstable and all("pagefind/" in p for p in unstable)
    first = {p: v for p, v in first.items() if p not in unstable}
    second = {p: v for p, v in second.items() if p not in unstable}
    assert sorted(first) == sorted(second)
    # The search index's fragments (the text of every page) are among the files compared.
    assert any(p.endswith(".pf_fragment") for p in first)
    different = [path for path in first if first[path] != second[path]]
    assert different == []
    for one, two in zip(leak_builds.first.content, leak_builds.second.content, strict=True):
        assert tree(one) == tree(two)
    record("leak: files compared byte for byte", len(first))


def test_a_leaky_gate_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite can fail: a gate that publishes every e-mail address is caught at once."""
    import dataclasses

    from generator import publish

    honest = publish._contact

    def leaky(contact: Any) -> Any:
        return dataclasses.replace(honest(contact), email=contact.email)

    monkeypatch.setattr(publish, "_contact", leaky)
    found: list[str] = []

    @settings(max_examples=3, deadline=None, database=None, phases=[Phase.generate])
    @given(public_dossier())
    def run(plan: Plan) -> None:
        private, public = Markers(), Markers(prefix="zqpb", number_base=980_000_000_00)
        for path, text in _generated_files([plan], private, public).items():
            found.extend(leaks_in(path, decode_text(text.encode()), private.numbers))

    run()
    assert any(hit.endswith("e") for hit in found), found  # e-mail markers end in 'e'
