"""The pages across coalitions, put together from each coalition's parts, show
what a plain computation over all coalitions shows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from generator.public import PublicSite
from generator.render.pages import AGENDA_UPCOMING, merged, schedule
from generator.site import generate

DAYS = (date(2026, 1, 1), date(2026, 11, 23), date(2027, 6, 15), date(2030, 1, 1))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "coalitions"
    write_corpus(40, folder, seed=7)
    return folder


def _plainly(site: PublicSite, which: str) -> list[tuple[str, str]]:
    """The agenda by sorting every activity, as it was first written."""
    cutoff = datetime.combine(site.build_date, datetime.min.time())
    items = [(a.start, c.slug, a.id, a) for c in site.coalitions for a in c.agenda]
    if which == "past":
        chosen = sorted((i for i in items if (i[3].end or i[3].start) < cutoff), reverse=True)
    else:
        chosen = sorted(i for i in items if (i[3].end or i[3].start) >= cutoff)
        if which == "open":
            chosen = [i for i in chosen if i[3].open_to_newcomers]
    return [(slug, activity_id) for _, slug, activity_id, _ in chosen]


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("which", ("upcoming", "open", "past"))
def test_merged_agenda_equals_sorting_everything(corpus: Path, day: date, which: str) -> None:
    site = generate(corpus, day, langs=("nl",)).site
    schedules = [schedule(c, day) for c in site.coalitions]
    expected = _plainly(site, which)
    found = [(i.coalition.slug, i.activity.id) for i in merged(site.coalitions, schedules, which)]
    assert found == expected
    first = merged(site.coalitions, schedules, which, AGENDA_UPCOMING)
    assert [(i.coalition.slug, i.activity.id) for i in first] == expected[:AGENDA_UPCOMING]


def test_the_corpus_has_more_than_a_page_of_activities(corpus: Path) -> None:
    """So the first-200 cut above is really tried."""
    site = generate(corpus, DAYS[0], langs=("nl",)).site
    assert len(_plainly(site, "upcoming")) > AGENDA_UPCOMING
