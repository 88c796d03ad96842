"""Builds that cannot publish what they should not, whatever happens to them.

Killed at random moments, stopped by a full disk, given a damaged, planted or
committed cache, run twice at once, pointed through symbolic links: each time
the next build either gives exactly the site a clean build gives, or stops
with one clear line. Never a traceback, never code run from the cache, never
a page of a removed or draft dossier in site/.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import LOCK_FILE
from generator.cache import CONTENT_CACHE, Memo, key
from generator.chartsvg import CHART_CACHE, UnsafeDrawing, check_svg, drawing_key

from .builds import PROOF_SCALE, tree
from .figures import record
from .scan import PAGEFIND_UNSTABLE
from .site_build import BUILD_DATE, copy_project

pytestmark = pytest.mark.slow

EXTRA = "nieuw-verband"  # the dossier that is added, then removed or made draft


def _build(project: Path, *extra: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--date", BUILD_DATE, *extra],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _ok(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Traceback" not in done.stderr


def _clear_line(done: subprocess.CompletedProcess[str], *words: str) -> None:
    """Failed with one clear message naming the cause, no traceback."""
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Error:" not in done.stderr, done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("dossiers: "), done.stderr
    for word in words:
        assert word in last, last


def _outputs(project: Path, site: bool = True) -> dict[str, bytes]:
    found = {f"content/{p}": b for p, b in tree(project / "content").items()}
    found.pop("content/.build-lock", None)
    if site:
        found.update({f"site/{p}": b for p, b in tree(project / "site").items()})
    # Pagefind's filter and metadata files differ from run to run (tests/scan.py), and
    # its word index is cut into chunks by the order it meets the pages in, which a
    # recovering build may differ in; the fragments (each page's text) are compared.
    return {
        p: b
        for p, b in found.items()
        if not PAGEFIND_UNSTABLE.match(p) and not _WORD_INDEX.match(p)
    }


_WORD_INDEX = re.compile(r"^site/(en/)?pagefind/index/\w+\.pf_index$")


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The outputs of a clean build of the shipped examples."""
    project = tmp_path_factory.mktemp("clean") / "project"
    copy_project(project)
    _ok(_build(project))
    return _outputs(project)


def _add_extra(project: Path) -> None:
    text = (project / "coalitions" / "gezonde-haven.yml").read_text(encoding="utf-8")
    (project / "coalitions" / f"{EXTRA}.yml").write_text(text, encoding="utf-8")


def _withdraw_extra(project: Path, how: str) -> None:
    path = project / "coalitions" / f"{EXTRA}.yml"
    if how == "delete":
        path.unlink()
    else:
        text = path.read_text(encoding="utf-8")
        assert "\nstatus: active" in text
        path.write_text(text.replace("\nstatus: active", "\nstatus: draft", 1), encoding="utf-8")


def _no_extra_anywhere(project: Path) -> None:
    leftovers = [
        str(path.relative_to(project))
        for folder in ("site", "content")
        for path in (project / folder).rglob("*")
        if EXTRA in path.name
    ]
    assert leftovers == []


def test_killed_builds_recover_to_the_clean_site(tmp_path: Path, clean: dict[str, bytes]) -> None:
    """kill -9 at random moments of a build that publishes an extra dossier; then the
    dossier is deleted or made draft, and the next build must give the clean site."""
    project = tmp_path / "project"
    copy_project(project)
    rng = random.Random(20261202)
    started = time.monotonic()
    _add_extra(project)
    _ok(_build(project))
    full = time.monotonic() - started  # one whole build, for where to aim the kills
    kills = recovered = 0
    # Four rounds try each pair of warm or cold cache and deleted or draft dossier once;
    # PROOF_SCALE=10 kills forty builds.
    rounds = 4 * PROOF_SCALE
    for round_ in range(rounds):
        _add_extra(project)  # published again (it was deleted or made draft)
        if round_ % 2:
            shutil.rmtree(project / ".cache", ignore_errors=True)  # cold: a longer write window
        run = subprocess.Popen(
            [sys.executable, "-m", "generator", "build", "--date", BUILD_DATE],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.2, full))
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)  # MkDocs' processes too
            kills += 1
        run.wait()
        _withdraw_extra(project, "delete" if round_ % 4 < 2 else "draft")
        _ok(_build(project))
        _no_extra_anywhere(project)
        assert _outputs(project) == clean
        recovered += 1
    record("builds killed at random (kill -9)", kills)
    record("next builds identical to a clean build", recovered)
    assert kills >= rounds // 2  # the aim is inside the build, not after it


def _tmpfs(folder: Path, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.decode().strip()})")


def test_a_full_disk_stops_clearly_and_the_next_build_recovers(
    tmp_path: Path, clean: dict[str, bytes]
) -> None:
    room = tmp_path / "room"
    _tmpfs(room, "64m")  # the old site, the new one beside it and the cache fit
    try:
        project = room / "project"
        copy_project(project)
        (project / "content" / "nl").mkdir(parents=True, exist_ok=True)
        filler = project / "filler"
        failures = 0
        # Room left for the build: less than its content, its site, or the new site
        # beside the old one (a site is some 15 MB, 3 of them the browser editor).
        for room_left in (500_000, 2_000_000, 6_000_000, 12_000_000):
            shutil.rmtree(project / ".cache", ignore_errors=True)
            free = os.statvfs(room).f_bavail * os.statvfs(room).f_frsize
            filler.write_bytes(b"\0" * max(0, free - room_left))
            done = _build(project)
            assert "Traceback" not in done.stderr, done.stderr
            if done.returncode != 0:
                failures += 1
                assert "full" in done.stderr.strip().splitlines()[-1], done.stderr
            filler.unlink()
            _ok(_build(project))
            assert _outputs(project) == clean
        record("builds stopped by a full disk, then recovered", failures)
        assert failures >= 2
    finally:
        subprocess.run(["umount", "-l", str(room)], check=False)


# --- the cache -------------------------------------------------------------------


@pytest.fixture()
def warm(tmp_path: Path) -> Path:
    """A project built once (pages only), so its cache holds every entry."""
    project = tmp_path / "project"
    copy_project(project)
    _ok(_build(project, "--pages-only"))
    return project


@pytest.fixture(scope="module")
def clean_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    project = tmp_path_factory.mktemp("pages") / "project"
    copy_project(project)
    _ok(_build(project, "--pages-only"))
    return _outputs(project, site=False)


def _rows(path: Path) -> list[tuple[str, bytes, bytes]]:
    with sqlite3.connect(path) as db:
        return list(db.execute("SELECT key, value, mac FROM entries ORDER BY key"))


class _Planted:
    """A pickle that runs a command when loaded: what an attacker would commit."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_never_runs(warm: Path, clean_pages: dict[str, bytes]) -> None:
    marker = warm / "ran"
    evil = pickle.dumps(_Planted(marker))
    for name in (CONTENT_CACHE, CHART_CACHE):
        with sqlite3.connect(warm / ".cache" / name) as db:
            db.execute("UPDATE entries SET value = ?", (evil,))
    done = _build(warm, "--pages-only")
    _ok(done)
    assert not marker.exists()
    assert _outputs(warm, site=False) == clean_pages


def test_swapped_entries_are_made_again(warm: Path, clean_pages: dict[str, bytes]) -> None:
    for name in (CONTENT_CACHE, CHART_CACHE):
        path = warm / ".cache" / name
        rows = _rows(path)
        assert len(rows) >= 2
        with sqlite3.connect(path) as db:
            for (k, _, mac), (_, other, _) in zip(rows, rows[1:] + rows[:1], strict=True):
                db.execute("UPDATE entries SET value = ?, mac = ? WHERE key = ?", (other, mac, k))
    _ok(_build(warm, "--pages-only"))
    assert _outputs(warm, site=False) == clean_pages


def test_a_planted_drawing_is_not_published(warm: Path, clean_pages: dict[str, bytes]) -> None:
    """Replace every drawing in the store with one that has a script and an outside
    image, signed with a made-up key: it must be drawn again."""
    evil = (
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
        '<image href="https://evil.example/x.png"/></svg>'
    )
    path = warm / ".cache" / CHART_CACHE
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET value = ?, mac = ?", (pickle.dumps(evil), b"x" * 32))
    # The folder of drawings that earlier versions read from is not read at all.
    (warm / ".cache" / "charts").mkdir()
    for k, _, _ in _rows(path):
        (warm / ".cache" / "charts" / f"{k}.svg").write_text(evil, encoding="utf-8")
    done = _build(warm, "--pages-only")
    _ok(done)
    assert "drawn" in done.stderr
    assert _outputs(warm, site=False) == clean_pages


@pytest.mark.parametrize(
    "damage",
    [
        "garbage",
        "truncated",
        "damaged inside",
        "foreign table",
        "old schema",
        "empty file",
        "folder",
    ],
)
def test_a_damaged_cache_is_replaced(
    warm: Path, clean_pages: dict[str, bytes], damage: str
) -> None:
    path = warm / ".cache" / CONTENT_CACHE
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if damage == "garbage":
        path.write_bytes(os.urandom(50_000))
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif damage == "damaged inside":  # the header reads fine, the pages behind it do not
        inside = bytearray(path.read_bytes())
        assert len(inside) > 64 * 4096
        for at in range(8192, len(inside), 4096):
            inside[at : at + 64] = os.urandom(64)
        path.write_bytes(bytes(inside))
    elif damage == "foreign table":
        path.unlink()
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE entries (key TEXT, value BLOB)")
            db.execute("INSERT INTO entries VALUES ('bewoners', 'x')")
    elif damage == "old schema":
        path.unlink()
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, value BLOB, used INTEGER)")
    elif damage == "empty file":
        path.write_bytes(b"")
    else:
        path.unlink()
        path.mkdir()  # cannot be a database at all: the build goes on without it
    done = _build(warm, "--pages-only")
    _ok(done)
    assert _outputs(warm, site=False) == clean_pages
    if damage == "damaged inside":
        assert "damaged" in done.stderr  # found while reading: the next build starts anew
        _ok(_build(warm, "--pages-only"))
    again = _build(warm, "--pages-only")
    _ok(again)
    if damage != "folder":
        assert "0 made" in again.stderr  # the replaced cache holds the work again


def test_a_read_only_cache_gives_a_warning_and_the_right_site(
    tmp_path: Path, clean_pages: dict[str, bytes]
) -> None:
    project = tmp_path / "project"
    copy_project(project)
    cache = project / ".cache"
    _tmpfs(cache, "64m")
    try:
        _ok(_build(project, "--pages-only"))
        subprocess.run(["mount", "-o", "remount,ro", str(cache)], check=True)
        for lang in ("nl", "en"):  # the generated pages gone: they must be made again
            docs = project / "content" / lang
            for line in (docs / ".generated").read_text(encoding="utf-8").split():
                (docs / line).unlink()
        done = _build(project, "--pages-only")
        _ok(done)
        assert "warning: " in done.stderr
        assert _outputs(project, site=False) == clean_pages
    finally:
        subprocess.run(["umount", "-l", str(cache)], check=False)


def test_a_committed_cache_is_refused(warm: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=warm, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-f", ".cache")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "cache")
    done = _build(warm, "--pages-only")
    _clear_line(done, "committed to git", "git rm -r --cached")
    # A checkout owned by someone else (as in many CI containers): git calls it
    # "dubious", and the cache must still not pass for untracked.
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", "nobody", str(warm / ".git")], check=True)
        _clear_line(_build(warm, "--pages-only"), "committed to git")


def test_entries_signed_elsewhere_are_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same file read with another user's secret: nothing is taken from it."""
    path = tmp_path / "content.sqlite"
    first = Memo(path)
    first.get_all([(key("a"), lambda: "value")])
    first.close()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-home"))
    from generator import cache

    cache._secret.cache_clear()
    try:
        second = Memo(path)
        assert second.find(key("a")) is None and second.rejected == 1
        second.close()
    finally:
        cache._secret.cache_clear()


def test_drawings_with_script_handlers_or_outside_links_are_refused() -> None:
    ns = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    for bad in (
        f"<svg {ns}><script>alert(1)</script></svg>",
        f'<svg {ns}><rect onclick="alert(1)"/></svg>',
        f'<svg {ns}><a xlink:href="https://evil.example/"><text>x</text></a></svg>',
        f'<svg {ns}><image href="https://evil.example/x.png"/></svg>',
        f'<svg {ns}><rect style="fill:url(https://evil.example/p)"/></svg>',
        f"<svg {ns}><style>@import url(https://evil.example/s.css);</style></svg>",
        f"<svg {ns}><foreignObject><p>x</p></foreignObject></svg>",
        "<svg",
    ):
        with pytest.raises(UnsafeDrawing):
            check_svg(bad)
    check_svg(f'<svg {ns}><rect style="fill:url(#g)" aria-label="url(x)"/></svg>')
    assert drawing_key("a") != drawing_key("b")


# --- output folders ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["site", ".site-new", ".site-new-en", "content/nl"])
def test_symbolic_links_at_output_folders_are_refused(tmp_path: Path, name: str) -> None:
    project = tmp_path / "project"
    copy_project(project)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not ours", encoding="utf-8")
    link = project / name
    if link.exists():
        shutil.copytree(link, outside, dirs_exist_ok=True)
        shutil.rmtree(link)
    link.symlink_to(outside, target_is_directory=True)
    done = _build(project)
    _clear_line(done, "symbolic link")
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "not ours"


def test_two_builds_at_once_the_second_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    copy_project(project)
    (project / "content").mkdir(exist_ok=True)
    with open(project / "content" / LOCK_FILE, "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        done = _build(project)
    _clear_line(done, "another build")
    assert not (project / "site").exists()
    _ok(_build(project))  # once the other is done, building works again
