"""Load and validate a folder of dossiers: the first half of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
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
        draft_note = f" ({drafts} draft, not published)" if drafts else ""
        dossiers = f"{self.files} dossier{'s' if self.files != 1 else ''}"
        if not self.problems:
            return f"checked {dossiers}: all valid{draft_note}"
        bad = len({p.file for p in self.problems})
        count = len(self.problems)
        return (
            f"checked {dossiers}: {count} problem{'s' if count != 1 else ''} "
            f"in {bad} file{'s' if bad != 1 else ''}"
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
        problems=tuple(sorted(problems + invalid)),
        valid=tuple(valid),
    )
