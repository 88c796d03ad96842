"""Writing generated files: inside the folder, never over hand-written files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.write import MANIFEST, WriteError, check_path, write_tree


def test_writes_removes_stale_and_skips_unchanged(tmp_path: Path) -> None:
    first = write_tree(tmp_path, {"coalities/a.md": "A", "coalities/b.md": "B"})
    assert (first.written, first.unchanged, first.removed) == (2, 0, 0)
    stamp = (tmp_path / "coalities/a.md").stat().st_mtime_ns
    os.utime(tmp_path / "coalities/a.md", ns=(stamp - 10**9, stamp - 10**9))
    second = write_tree(tmp_path, {"coalities/a.md": "A", "agenda/index.md": "X"})
    assert (second.written, second.unchanged, second.removed) == (1, 1, 1)
    assert (tmp_path / "coalities/a.md").stat().st_mtime_ns == stamp - 10**9
    assert not (tmp_path / "coalities/b.md").exists()
    assert (tmp_path / MANIFEST).read_text() == "agenda/index.md\ncoalities/a.md\n"
    write_tree(tmp_path, {})
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST]


def test_never_overwrites_a_hand_written_file(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("met de hand", encoding="utf-8")
    with pytest.raises(WriteError, match="not generated"):
        write_tree(tmp_path, {"index.md": "gegenereerd"})
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == "met de hand"


@pytest.mark.parametrize(
    "path",
    [
        "../uit.md",
        "/etc/passwd",
        "a/../../b.md",
        "a\\b.md",
        "",
        "a//b.md",
        ".verborgen",
        "A.md",
        "co\u0430lities/x.md",
        "x/..",
        "a/./b.md",
    ],
)
def test_paths_outside_or_odd_are_refused(path: str) -> None:
    with pytest.raises(WriteError):
        check_path(path)


def test_a_symbolic_link_cannot_lead_writes_outside(tmp_path: Path) -> None:
    outside = tmp_path / "buiten"
    outside.mkdir()
    root = tmp_path / "docs"
    root.mkdir()
    (root / "coalities").symlink_to(outside)
    with pytest.raises(WriteError, match="leads outside"):
        write_tree(root, {"coalities/a.md": "A"})
    assert list(outside.iterdir()) == []


def test_a_tampered_manifest_cannot_delete_outside(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    victim = tmp_path / "belangrijk.md"
    victim.write_text("blijft", encoding="utf-8")
    (root / MANIFEST).write_text("../belangrijk.md\n", encoding="utf-8")
    write_tree(root, {"a.md": "A"})
    assert victim.read_text(encoding="utf-8") == "blijft"


def test_clean_up_never_follows_a_link_outside(tmp_path: Path) -> None:
    outside = tmp_path / "buiten"
    outside.mkdir()
    victim = outside / "slachtoffer.md"
    victim.write_text("blijft", encoding="utf-8")
    root = tmp_path / "docs"
    root.mkdir()
    (root / "coalities").symlink_to(outside)
    (root / MANIFEST).write_text("coalities/slachtoffer.md\n", encoding="utf-8")
    write_tree(root, {"agenda/index.md": "A"})
    assert victim.read_text(encoding="utf-8") == "blijft"
    assert (root / "coalities").is_symlink()


def test_what_was_written_last_time_is_not_read_again(tmp_path: Path) -> None:
    """make serve passes what it wrote last; a file with the same text is not even read."""
    files = {"a.md": "eerste\n", "b.md": "tweede\n"}
    write_tree(tmp_path, files)
    (tmp_path / "a.md").write_text("changed on disk\n", encoding="utf-8")
    again = write_tree(tmp_path, {**files, "b.md": "anders\n"}, last_written=files)
    assert (again.written, again.unchanged) == (1, 1)
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "anders\n"
    # Trusted, not reread: only a build without last_written puts it right.
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "changed on disk\n"
    assert write_tree(tmp_path, files).written == 2


def test_a_planted_partial_link_cannot_write_elsewhere(tmp_path: Path) -> None:
    """The file written beside a target before the rename is made anew, never opened
    through a link (a pull request could commit one: they are dot-files)."""
    root, victim = tmp_path / "docs", tmp_path / "victim.txt"
    root.mkdir()
    victim.write_text("keep", encoding="utf-8")
    (root / f".{MANIFEST}.partial").symlink_to(victim)
    (root / ".a.md.partial").symlink_to(victim)
    write_tree(root, {"a.md": "nieuw\n"})
    assert victim.read_text(encoding="utf-8") == "keep"
    assert (root / "a.md").read_text(encoding="utf-8") == "nieuw\n"
    assert not any(p.name.endswith(".partial") for p in root.iterdir())


def test_leftovers_inside_a_linked_folder_are_not_touched(tmp_path: Path) -> None:
    root, outside = tmp_path / "docs", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / ".b.md.partial").write_text("not ours", encoding="utf-8")
    (root / MANIFEST).write_text("sub/b.md\n", encoding="utf-8")
    (root / "sub").symlink_to(outside, target_is_directory=True)
    write_tree(root, {"a.md": "x\n"})  # sub/b.md is stale, but behind a link
    assert (outside / ".b.md.partial").read_text(encoding="utf-8") == "not ours"
