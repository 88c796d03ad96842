"""The finder page ("Zoeken en filteren") in a real browser, against the data.

What the finder lists is compared with what the dossiers hold, worked out here
from the published model (not from the search index): with no words it starts
from the activities open to newcomers from the build date on, in date order; a
theme narrows that to the theme's activities; a word finds an activity by its
theme. It works by keyboard alone, and passes the policy and axe-core.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Browser, Page

from generator.render.labels import SECTIONS, Labels
from generator.render.paths import activity_anchor
from generator.revisions import dossiers_at

from .composed import publish
from .screens import screenshot
from .site_build import BUILD_DATE, BuiltSite
from .test_browser import _context, _finish, _watch, browser, server

__all__ = ["browser", "server"]  # the fixtures, imported for pytest to find

pytestmark = pytest.mark.slow

FINDER = {"nl": "zoeken/", "en": "en/find/"}
RESULT_LINKS = ".dossiers-finder__result a.dossiers-finder__title"


def _activities(built_site: BuiltSite, lang: str) -> list[tuple[str, str, str]]:
    """(date, address, theme name) of every published activity open to newcomers from
    the build date on."""
    dossiers, _ = dossiers_at(None, built_site.project / "coalitions")
    site = publish(dossiers, date.fromisoformat(BUILD_DATE))
    section = ("" if lang == "nl" else "en/") + SECTIONS[lang]["coalitions"]
    found = []
    for coalition in site.coalitions:
        themes = {t.id: t.name.get(lang)[0] for t in coalition.themes}
        for activity in coalition.agenda:
            if activity.open_to_newcomers and activity.start.date() >= site.build_date:
                found.append(
                    (
                        activity.start.date().isoformat(),
                        f"/{section}/{coalition.slug}/"
                        f"#{activity_anchor(coalition.slug, activity.id)}",
                        themes.get(activity.theme or "", ""),
                    )
                )
    return sorted(found)


def _until(page: Page, script: str) -> None:
    """Poll `script` until it is true. (Not wait_for_function: that evaluates in the
    page, which the policy forbids.)"""
    for _ in range(300):
        if page.evaluate(script):
            return
        page.wait_for_timeout(100)
    pytest.fail(f"never true: {script}")


def _results(page: Page) -> list[tuple[str, str]]:
    """(date, address) of every result, after showing them all; a page (not an
    activity) has no date."""
    more = page.locator(".dossiers-finder__more")
    while more.is_visible():
        count = page.locator(RESULT_LINKS).count()
        more.click()
        _until(page, f"document.querySelectorAll('{RESULT_LINKS}').length > {count}")
    shown: list[list[str]] = page.evaluate(
        """[...document.querySelectorAll('.dossiers-finder__result')].map(li => [
             (li.querySelector('time') || {dateTime: ''}).dateTime,
             li.querySelector('a.dossiers-finder__title').getAttribute('href')])"""
    )
    return [(when, href) for when, href in shown]


def _settled(page: Page, status: str) -> None:
    """Wait until the status line says `status` (the search has answered)."""
    page.locator(".dossiers-finder__status", has_text=status).wait_for(timeout=30_000)


def _count_text(lang: str, n: int) -> str:
    label = Labels(lang)
    return label("find_one") if n == 1 else label("find_many").replace("{n}", str(n))


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_finder_starts_from_what_is_open_to_newcomers_in_date_order(
    browser: Browser, server: str, built_site: BuiltSite, lang: str, width: str
) -> None:
    expected = _activities(built_site, lang)
    assert len(expected) > 10  # so "more results" is part of the test
    context = _context(browser, width)
    page, found = _watch(context, server)
    page.goto(server + FINDER[lang], wait_until="load")
    _settled(page, _count_text(lang, len(expected)))
    assert page.locator(".dossiers-finder-list").is_hidden()  # the plain list gives way
    label = Labels(lang)
    checked = page.locator(".dossiers-finder__choice input:checked")
    picked = sorted(checked.nth(n).get_attribute("value") or "" for n in range(checked.count()))
    assert picked == sorted([label("yes"), label("upcoming")])
    screenshot(page, f"finder-{lang}-{width}.png", full_page=True)
    shown = _results(page)
    _finish(page, found, server)
    context.close()
    assert [d for d, _ in shown] == [d for d, _, _ in expected]  # in date order
    assert sorted(h for _, h in shown) == sorted(h for _, h, _ in expected)
    assert found.violations == [] and found.foreign == [] and found.errors == []
    assert found.axe == []


def test_a_theme_narrows_and_a_word_finds_by_theme(
    browser: Browser, server: str, built_site: BuiltSite
) -> None:
    """ "Voorlezen" (a theme, in no activity's title) finds that theme's activities;
    choosing the theme in its filter lists exactly those open to newcomers; the
    address keeps the choice, so a reload or a shared link shows the same."""
    expected = [
        (d, h) for d, h, theme in _activities(built_site, "nl") if theme == "Voorlezen thuis"
    ]
    assert expected
    label = Labels("nl")
    context = _context(browser)
    page, found = _watch(context, server)
    page.goto(server + FINDER["nl"], wait_until="load")
    _settled(page, label("find_many").split()[-1])
    page.get_by_label(label("theme"), exact=True).select_option("Voorlezen thuis")
    _settled(page, _count_text("nl", len(expected)))
    assert sorted(_results(page)) == sorted(expected)
    assert "Thema=Voorlezen+thuis" in page.url
    page.reload(wait_until="load")
    _settled(page, _count_text("nl", len(expected)))
    assert sorted(_results(page)) == sorted(expected)

    page.goto(server + FINDER["nl"] + "?q=voorlezen", wait_until="load")
    _settled(page, label("find_many").split()[-1])
    hrefs = [h for _, h in _results(page)]
    for _, href in expected:
        assert href in hrefs  # found by its theme's name alone
    marks = page.locator(".dossiers-finder__result mark").all_inner_texts()
    assert marks and all(m.casefold() == "voorlezen" for m in marks)
    _finish(page, found, server)
    context.close()
    assert found.violations == [] and found.foreign == [] and found.errors == []
    assert found.axe == []


def test_the_finder_works_by_keyboard_alone(
    browser: Browser, server: str, built_site: BuiltSite
) -> None:
    """Tab reaches the words and every filter; Space ticks "no" beside "yes" under
    "open to newcomers", and the results follow (either value), with the count said
    in the live status line; focus stays on the box."""
    label = Labels("nl")
    dossiers, _ = dossiers_at(None, built_site.project / "coalitions")
    site = publish(dossiers, date.fromisoformat(BUILD_DATE))
    upcoming = sum(a.start.date() >= site.build_date for c in site.coalitions for a in c.agenda)
    assert upcoming > len(_activities(built_site, "nl"))  # so the count must change
    context = _context(browser, "phone")
    page, found = _watch(context, server)
    page.goto(server + FINDER["nl"], wait_until="load")
    _settled(page, _count_text("nl", len(_activities(built_site, "nl"))))
    page.locator("#dossiers-finder-q").focus()
    box = f"input[data-filter='{label('open_to_newcomers')}'][value='{label('no')}']"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(f'document.activeElement.matches("{box}")'):
            break
    else:
        pytest.fail("Tab never reached the 'no' box of 'open to newcomers'")
    page.keyboard.press("Space")
    _settled(page, _count_text("nl", upcoming))
    assert page.evaluate(f'document.activeElement.matches("{box}")')
    assert page.locator(".dossiers-finder__status").get_attribute("role") == "status"
    context.close()
    assert found.errors == []


def test_without_javascript_the_finder_is_the_plain_list(browser: Browser, server: str) -> None:
    context = _context(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + FINDER["nl"], wait_until="load")
    assert page.locator("#dossiers-finder").is_hidden()
    assert page.locator(".dossiers-finder-list .activity").count() >= 1
    context.close()
