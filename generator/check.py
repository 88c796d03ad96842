"""Load and validate a folder of dossiers: the first half of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .i18n import _, ngettext
from .load import load_folder
from .validate import ValidDossier, validate_all
from .vocabulary import DossierStatus


@dataclass(frozen=True)
class Checked:
    """How checking a folder went: files read, drafts among them, and every problem."""

    files: int
    drafts: int
    problems: tuple[Problem, ...]

    def summary(self) -> str:
        drafts = self.drafts
        draft_note = (
            ngettext(" ({n} draft, not published)", " ({n} drafts, not published)", drafts).format(
                n=drafts
            )
            if drafts
            else ""
        )
        dossiers = ngettext("{n} dossier", "{n} dossiers", self.files).format(n=self.files)
        if not self.problems:
            return _("checked {dossiers}: all valid").format(dossiers=dossiers) + draft_note
        bad = len({p.file for p in self.problems})
        count = len(self.problems)
        problems = ngettext("{n} problem", "{n} problems", count).format(n=count)
        files = ngettext("{n} file", "{n} files", bad).format(n=bad)
        return _("checked {dossiers}: {problems} in {files}").format(
            dossiers=dossiers, problems=problems, files=files
        )


@dataclass(frozen=True)
class Report(Checked):
    """The outcome of checking a folder: with the valid dossiers themselves."""

    valid: tuple[ValidDossier, ...] = ()


def check_folder(directory: Path) -> Report:
    """Read and validate every dossier in a folder, collecting all problems."""
    raws, problems, files = load_folder(directory)
    valid, invalid = validate_all(raws)
    return Report(
        files=files,
        drafts=sum(1 for v in valid if v.dossier.status is DossierStatus.DRAFT),
        problems=tuple(fold_repeats(sorted(problems + invalid))),
        valid=tuple(valid),
    )


# More places than this are counted, not listed, after a folded problem.
LISTED_PLACES = 3


def fold_repeats(problems: list[Problem]) -> list[Problem]:
    """One problem per file and message: a bad id used nine times is one mistake.

    The first place keeps the problem; the message ends with the count and the
    lines of the other places, so each can still be found.
    """
    groups: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.file, problem.message), []).append(problem)
    folded: list[Problem] = []
    for (_file, message), same in groups.items():
        first, rest = same[0], same[1:]
        if rest:
            lines = ", ".join(str(p.line) for p in rest[:LISTED_PLACES])
            more = len(rest) - LISTED_PLACES
            where = lines + (" …" if more > 0 else "")
            note = ngettext(
                " (and {n} more place: line {lines})",
                " (and {n} more places: lines {lines})",
                len(rest),
            ).format(n=len(rest), lines=where)
            first = Problem(first.file, first.line, first.column, first.path, message + note)
        folded.append(first)
    return sorted(folded)
