"""Problems found in dossiers, and the three ways to print them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Path = tuple[str | int, ...]

# A message quotes what the author wrote; a word longer than LONGEST_WORD (a
# 300,000-character id, tag or key) or a message longer than LONGEST_MESSAGE
# is shortened in the middle, so one line stays readable and keeps its hint.
LONGEST_WORD = 100
LONGEST_MESSAGE = 1000
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")


def shorten(text: str) -> str:
    """Text with over-long words, and then the whole, cut to their start and end."""
    text = _LONG_WORD.sub(lambda m: f"{m[0][: LONGEST_WORD - 20]}…{m[0][-19:]}", text)
    if len(text) > LONGEST_MESSAGE:
        text = f"{text[: LONGEST_MESSAGE - 300]} … {text[-297:]}"
    return text


def format_path(path: Path) -> str:
    """('partners', 2, 'influence') -> 'partners[2].influence'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one dossier file, with where it is.

    ``line`` and ``column`` count from 1, as editors do. ``path`` is the field
    path inside the dossier (``partners[2].influence``), or a word in
    parentheses for problems with the file as a whole.
    """

    file: str
    line: int
    column: int
    path: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", shorten(self.path))
        object.__setattr__(self, "message", shorten(self.message))

    def text(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.path}: {self.message}"

    def github(self) -> str:
        # GitHub workflow commands: '%', CR and LF must be escaped in the message,
        # and ',' and ':' as well in properties.
        def prop(value: str) -> str:
            return _gh_escape(value).replace(":", "%3A").replace(",", "%2C")

        return (
            f"::error file={prop(self.file)},line={self.line},col={self.column},"
            f"title={prop(self.path)}::{_gh_escape(self.path + ': ' + self.message)}"
        )

    def as_dict(self) -> dict[str, str | int]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
        }


def _gh_escape(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


class DossierError(Exception):
    """Raised by the pipeline when any dossier has problems; holds them all."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__(f"{len(self.problems)} problem(s) in dossiers")


FORMATS = ("text", "json", "github")


def render(problems: Iterable[Problem], fmt: str) -> str:
    """All problems, sorted, in one of FORMATS; ends with a newline unless empty."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps([p.as_dict() for p in ordered], ensure_ascii=False, indent=2) + "\n"
    lines = [p.github() if fmt == "github" else p.text() for p in ordered]
    return "".join(line + "\n" for line in lines)
