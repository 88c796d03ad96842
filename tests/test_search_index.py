"""Pagefind's index is whole before its program is stopped (generator/engine.py).

Its program reports the files written while their contents are still on their way to
the disk; stopping it then leaves empty files, which the build waits for. The program
is driven by generator/searchindex.py, tried here for real."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from generator import engine
from generator.searchindex import IndexerError, indexer


def _fill_later(path: Path, seconds: float) -> threading.Thread:
    def fill() -> None:
        time.sleep(seconds)
        path.write_bytes(b"pagefind")

    thread = threading.Thread(target=fill)
    thread.start()
    return thread


def test_the_build_waits_until_every_file_has_its_content(tmp_path: Path) -> None:
    (tmp_path / "fragment").mkdir()
    (tmp_path / "pagefind.js").write_bytes(b"")
    (tmp_path / "fragment" / "a.pf_fragment").write_bytes(b"")
    fills = [
        _fill_later(tmp_path / "pagefind.js", 0.2),
        _fill_later(tmp_path / "fragment" / "a.pf_fragment", 0.4),
    ]
    assert engine._written(tmp_path) == []
    for fill in fills:
        fill.join()
    assert (tmp_path / "fragment" / "a.pf_fragment").read_bytes() == b"pagefind"


def test_a_file_that_stays_empty_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_STALLED_SECONDS", 0.3)
    (tmp_path / "pagefind-entry.json").write_bytes(b"")
    (tmp_path / "pagefind.js").write_bytes(b"x")
    assert engine._written(tmp_path) == ["pagefind-entry.json"]


def test_many_records_go_in_one_stream_and_every_one_is_indexed(tmp_path: Path) -> None:
    """3,000 records (more than the pipes hold) in one request stream: every one
    answered and written, with the page of the folder."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html lang="nl"><body><main><h1>Thuis</h1><p>welkom</p></main></body></html>'
    )
    output = site / "pagefind"
    records = [
        {
            "type": "AddRecord",
            "index_id": 0,
            "url": f"/agenda/#act-{n}",
            "content": f"Bijeenkomst {n} voorlezen",
            "language": "nl",
            "meta": {"title": f"Bijeenkomst {n}"},
            "filters": {"Thema": ["Lezen" if n % 2 else "Zorg"]},
            "sort": {"date": f"2027-01-{1 + n % 28:02d}"},
        }
        for n in range(3000)
    ]
    with indexer() as pagefind:
        [made] = pagefind.ask([{"type": "NewIndex", "config": {"force_language": "nl"}}])
        for record in records:
            record["index_id"] = made["index_id"]
        [pages] = pagefind.ask(
            [{"type": "AddDir", "index_id": made["index_id"], "path": str(site)}]
        )
        answers = pagefind.ask(records)
        pagefind.ask(
            [{"type": "WriteFiles", "index_id": made["index_id"], "output_path": str(output)}]
        )
        assert engine._written(output) == []
    assert pages["page_count"] == 1
    assert [a["page_url"] for a in answers] == [r["url"] for r in records]
    entry = json.loads((output / "pagefind-entry.json").read_text())
    assert entry["languages"]["nl"]["page_count"] == 3001
    assert len(list((output / "fragment").glob("*.pf_fragment"))) == 3001
    for fragment in (output / "fragment").glob("*.pf_fragment"):
        assert fragment.read_bytes()[:2] == b"\x1f\x8b"  # gzip, whole: not an empty file


def test_a_refused_request_is_a_plain_error() -> None:
    with indexer() as pagefind, pytest.raises(IndexerError):
        pagefind.ask(
            [{"type": "AddRecord", "index_id": 99, "url": "/", "content": "x", "language": "nl"}]
        )


_PAGE = """<html><body><h1>Verband</h1><p>data-search-activity=&quot;nep&quot;</p>
<h2 id="agenda">Agenda</h2><h3>Maart 2027</h3>
<div class="activity" id="v_a" data-search-activity="a" data-search-title="Open dag"
 data-search-start="2027-03-01T10:00:00+01:00"><div><p>Open dag bij Zilvermeeuw</p></div>
<p>Gratis</p></div>
<h3>April 2027</h3>
<div class="activity" id="v_b" data-search-activity="b" data-search-title="Voorlezen &amp; zo"
 data-search-start="2027-04-02T15:00:00+02:00"><p>Voorlezen in de bieb</p></div>
<h2 id="partners">Partners</h2><div><p>Bibliotheek</p></div></body></html>"""


def test_activity_cards_are_read_from_the_first_to_the_last_only() -> None:
    """The parser reads only the cards' stretch of a page, and finds what a parse of
    the whole page finds: text that looks like a card's attribute is not one."""
    whole = engine._Cards()
    whole.feed(_PAGE)
    part = engine._Cards()
    part.read(_PAGE)
    assert part.cards == whole.cards
    assert [(anchor, facets["title"]) for anchor, facets, _ in part.cards] == [
        ("v_a", "Open dag"),
        ("v_b", "Voorlezen & zo"),
    ]
    assert " ".join(" ".join(part.cards[0][2]).split()) == "Open dag bij Zilvermeeuw Gratis"
    none = engine._Cards()
    none.read("<html><body><p>data-search-activity=&quot;x&quot;</p></body></html>")
    assert none.cards == []
