"""Shared test set-up: the golden-file flag and helpers to run the command."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"

# The command speaks Dutch by default; the tests and their golden files read
# English unless a test chooses a language (tests/test_messages.py does).
os.environ["DOSSIERS_LANG"] = "en"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files from the current output; review the diff",
    )
    parser.addoption(
        "--fuzz-scale",
        type=int,
        default=int(os.environ.get("FUZZ_SCALE", "1")),
        help="multiply the hostile-file and hostile-path inputs by N (default 1, or $FUZZ_SCALE)",
    )
    parser.addoption(
        "--screenshots",
        action="store_true",
        default=os.environ.get("SCREENSHOTS") == "1",
        help="save the browser tests' screenshots in build/screenshots/ (or $SCREENSHOTS=1)",
    )


def pytest_configure(config: pytest.Config) -> None:
    from .screens import want

    want(bool(config.getoption("--screenshots")))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the proof figures (tests/figures.py) the tests recorded."""
    from .figures import recorded

    figures = recorded()
    if not figures:
        return
    terminalreporter.section("proof figures")
    width = max(len(name) for name in figures)
    for name, value in figures.items():
        terminalreporter.write_line(f"{name:<{width}}  {value:>9,}")


@pytest.fixture(scope="session")
def fuzz_scale(request: pytest.FixtureRequest) -> int:
    """How many times the default number of hostile inputs to try (--fuzz-scale)."""
    return max(1, int(request.config.getoption("--fuzz-scale")))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path, timeout: float = 20) -> Run:
    """Run the real command in a fresh interpreter, as a user would.

    The timeout only guards against a hang; speed is measured in benchmarks/.
    """
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def compare_golden(name: str, actual: str, update: bool) -> None:
    path = GOLDEN / name
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {path} was missing and has been written; review and rerun")
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The whole site, built once per test run (see tests/site_build.py)."""
    from .site_build import build_site

    return build_site(tmp_path_factory.mktemp("site"))
