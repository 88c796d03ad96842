"""CODEOWNERS from the dossiers: every change asks review from someone.

Git hosting reads .github/CODEOWNERS and requests a review from the owners of
every changed file; the last pattern that matches a file decides its owners.
So the file starts with `*` for the maintainers (site.yml `maintainers`: the
code, the templates, the workflows, and any file added later), and each
dossier's line names the maintainers again beside the handles its partners
list under `reviewers`. A dossier that would have no owner at all (no
reviewers and no maintainers; a draft turned active would then be published
unreviewed) is reported, and the file is not written. The file is made, never
edited by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .validate import ValidDossier

HEADER = (
    "# Made by `dossiers codeowners` from site.yml (maintainers) and\n"
    "# partners[].reviewers in each dossier.\n"
    "# Do not edit: change those, then run `make codeowners`.\n"
)


def _handles(handles: Iterable[str]) -> list[str]:
    return sorted(set(handles), key=str.casefold)


def unowned(dossiers: Iterable[ValidDossier], maintainers: Sequence[str]) -> list[ValidDossier]:
    """The dossiers no one would be asked to review, sorted by slug."""
    if maintainers:
        return []
    return sorted(
        (v for v in dossiers if not any(p.reviewers for p in v.dossier.partners)),
        key=lambda v: v.slug,
    )


def codeowners(
    dossiers: Iterable[ValidDossier],
    maintainers: Sequence[str] = (),
    folder: str = "coalitions",
) -> str:
    """The text of CODEOWNERS: the maintainers for everything, then each dossier, by slug."""
    lines = []
    if maintainers:
        lines.append(f"* {' '.join(_handles(maintainers))}\n")
    for valid in sorted(dossiers, key=lambda v: v.slug):
        reviewers = [h for p in valid.dossier.partners for h in p.reviewers]
        handles = _handles([*maintainers, *reviewers])
        if handles:
            lines.append(f"/{folder}/{valid.slug}.yml {' '.join(handles)}\n")
    return HEADER + "\n" + "".join(lines)
