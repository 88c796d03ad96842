"""Pagefind's index is whole before its program is stopped (generator/engine.py).

Its program reports the files written while their contents are still on their way to
the disk; stopping it then leaves empty files, which the build waits for."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from generator import engine


async def _fill_later(path: Path, seconds: float) -> None:
    await asyncio.sleep(seconds)
    path.write_bytes(b"pagefind")


def test_the_build_waits_until_every_file_has_its_content(tmp_path: Path) -> None:
    (tmp_path / "fragment").mkdir()
    (tmp_path / "pagefind.js").write_bytes(b"")
    (tmp_path / "fragment" / "a.pf_fragment").write_bytes(b"")

    async def run() -> list[str]:
        fills = [
            asyncio.create_task(_fill_later(tmp_path / "pagefind.js", 0.2)),
            asyncio.create_task(_fill_later(tmp_path / "fragment" / "a.pf_fragment", 0.4)),
        ]
        found = await engine._written(tmp_path)
        await asyncio.gather(*fills)
        return found

    assert asyncio.run(run()) == []
    assert (tmp_path / "fragment" / "a.pf_fragment").read_bytes() == b"pagefind"


def test_a_file_that_stays_empty_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_STALLED_SECONDS", 0.3)
    (tmp_path / "pagefind-entry.json").write_bytes(b"")
    (tmp_path / "pagefind.js").write_bytes(b"x")
    assert asyncio.run(engine._written(tmp_path)) == ["pagefind-entry.json"]
