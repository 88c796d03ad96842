"""The ``make serve`` session: one ``BuildState`` for the life of the MkDocs
server, and what the browser shows while a dossier has problems.

MkDocs loads ``hooks.py`` afresh for every rebuild, so the session lives
here, in a module imported once per process. It is the only state that
outlives a build in the whole generator, and it holds nothing but the
``BuildState``, the drawings' store and the last problems.
"""

from __future__ import annotations

import json
import subprocess
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .cache import CACHE_DIR, DEFAULT_PATH, Memo
from .chartsvg import chart_store
from .errors import Problem
from .render.markdown import escape
from .state import BuildState


@dataclass
class Session:
    state: BuildState
    drawings: Memo
    problems: tuple[Problem, ...] = field(default=())
    shown: tuple[Problem, ...] = field(default=())  # the problems the built pages show
    english: subprocess.Popen[bytes] | None = None  # the English preview being built
    swapping: threading.Lock = field(default_factory=threading.Lock)


@cache
def session() -> Session:
    """The serving process's one session (made on the first rebuild)."""
    return Session(BuildState(Memo(DEFAULT_PATH)), chart_store(CACHE_DIR))


_NOTICE = {
    "nl": (
        "De dossiers hebben {count}. Deze voorvertoning laat de laatste goede versie zien; "
        "los het op en sla op, dan werkt de pagina zichzelf bij."
    ),
    "en": (
        "The dossiers have {count}. This preview shows the last good version; "
        "fix it and save, and the page updates itself."
    ),
}
_COUNT = {"nl": ("probleem", "problemen"), "en": ("problem", "problems")}


def problems_notice(problems: tuple[Problem, ...], lang: str) -> str:
    """A block of Markdown for the top of every served page while dossiers have
    problems: each problem as file:line:col: field: message, escaped."""
    lines = "\n".join(f"- {escape(p.text())}" for p in problems)
    return (
        '<div class="admonition danger" role="alert" markdown>\n'
        f'<p class="admonition-title">{_NOTICE[lang].format(count=_count(len(problems), lang))}'
        "</p>\n\n"
        f"{lines}\n\n</div>\n\n"
    )


def write_problems(problems: tuple[Problem, ...], path: Path) -> None:
    """The problems, for the English preview's build (another process)."""
    rows = [[p.file, p.line, p.column, p.path, p.message] for p in problems]
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def read_problems(path: str) -> tuple[Problem, ...]:
    """What write_problems wrote; nothing when there is no such file."""
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8")) if path else []
    except (OSError, ValueError):
        return ()
    return tuple(Problem(str(f), int(ln), int(c), str(p), str(m)) for f, ln, c, p, m in rows)


def _count(n: int, lang: str) -> str:
    one, many = _COUNT[lang]
    return f"{n} {one if n == 1 else many}"
