"""What a coalition's ids stand for: the one place renderers look names up.

Partners, places, themes, deliverables and objectives are named by id all
over a dossier (organisers, roles, results, meeting places). Every output
format resolves them through ``refs(coalition)``, so a name is looked up the
same way on the page, in the calendar, in the event metadata and in the
charts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..public import Coalition, Partner, Place, Text


@dataclass(frozen=True)
class Refs:
    partners: dict[str, Partner]
    names: dict[str, str]  # partner names by id
    places: dict[str, Place]
    subjects: dict[str, Text]  # themes and deliverables, which roles are about
    themes: dict[str, Text]
    objectives: dict[str, Text]

    def partner_names(self, ids: Iterable[str]) -> list[str]:
        return [self.names[i] for i in ids]

    def organisation(self, partner_id: str) -> str:
        """The organisation id a partner belongs to (its page across coalitions)."""
        return self.partners[partner_id].organisation


def refs(coalition: Coalition) -> Refs:
    """The lookups of one coalition (ids are unique within it: the validator sees to it)."""
    themes = {t.id: t.name for t in coalition.themes}
    return Refs(
        partners={p.id: p for p in coalition.partners},
        names={p.id: p.name for p in coalition.partners},
        places={p.id: p for p in coalition.places},
        subjects={**themes, **{d.id: d.name for d in coalition.deliverables}},
        themes=themes,
        objectives={o.id: o.title for o in coalition.objectives},
    )
