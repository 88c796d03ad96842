"""CODEOWNERS from the dossiers: a change to a dossier asks its partners' reviewers.

Git hosting reads .github/CODEOWNERS and requests a review from the owners of
every changed file. The owners of coalitions/<slug>.yml are the handles its
partners list under `reviewers`. The file is made, never edited by hand.
"""

from __future__ import annotations

from collections.abc import Iterable

from .validate import ValidDossier

HEADER = (
    "# Made by `dossiers codeowners` from partners[].reviewers in each dossier.\n"
    "# Do not edit: change the dossier, then run `make codeowners`.\n"
)


def codeowners(dossiers: Iterable[ValidDossier], folder: str = "coalitions") -> str:
    """The text of CODEOWNERS for these dossiers, sorted by slug."""
    lines = []
    for valid in sorted(dossiers, key=lambda v: v.slug):
        handles = sorted({h for p in valid.dossier.partners for h in p.reviewers}, key=str.casefold)
        if handles:
            lines.append(f"/{folder}/{valid.slug}.yml {' '.join(handles)}\n")
    return HEADER + "\n" + "".join(lines)
