"""Escaping for Markdown and links: what templates rely on."""

from __future__ import annotations

import re

import markdown as python_markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.public import Text
from generator.render.markdown import (
    Md,
    cell,
    escape,
    front_matter,
    link,
    mailto,
    page_link,
    tel,
    text,
    url,
)

from .conftest import ROOT

# The site's own extensions (mkdocs.base.yml), so the escapes are tried as pages are built.
EXTENSIONS = ["tables", "toc", "md_in_html", "generator.markdown_subset"]
RENDER = python_markdown.Markdown(extensions=EXTENSIONS)


def html(source: str) -> str:
    return str(RENDER.reset().convert(source))


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[klik](javascript:alert(1))",
        "![x](https://elders.example/pixel.png)",
        "**vet** _schuin_ `code`",
        "# kop",
        "{: onclick=alert(1) }",
        "a | b | c",
        "&lt;script&gt;",
        "<https://elders.example>",
        "\\<script>",
        "1. lijst",
        "> citaat",
        "~50 deelnemers",
        "😀 [klik](javascript:x)",
    ],
)
def test_escaped_text_renders_as_the_same_text(hostile: str) -> None:
    rendered = html(f"Tekst: {escape(hostile)}")
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "<strong>" not in rendered and "<code>" not in rendered and "<h1" not in rendered
    # What the reader sees is exactly what the author wrote.
    import html as html_module
    import re

    visible = html_module.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert visible == f"Tekst: {hostile}"


def test_escaped_text_stays_in_its_table_cell() -> None:
    rendered = html(f"| a | b |\n|---|---|\n| {cell('x | y')} | 2 |\n")
    assert rendered.count("<td>") == 2


def test_line_breaks_cannot_start_new_blocks() -> None:
    assert escape("regel\n# kop\n- lijst") == r"regel \# kop \- lijst"


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "data:text/html,x", "JAVASCRIPT:x", "//elders.example", ""]
)
def test_only_safe_schemes_are_linked(address: str) -> None:
    with pytest.raises(ValueError):
        url(address)


def test_link_parts_cannot_break_the_link() -> None:
    rendered = html(link("a](javascript:x)", "https://x.example/pad)(x"))
    assert rendered == ('<p><a href="https://x.example/pad%29%28x">a](javascript:x)</a></p>')


def test_mail_and_phone_links() -> None:
    assert mailto("a@b.example") == "[a@b\\.example](mailto:a@b.example)"
    assert tel("020 555-0101") == "[020 555\\-0101](tel:0205550101)"
    assert page_link("Oost", "../coalities/oost.md") == "[Oost](../coalities/oost.md)"


def test_dutch_text_on_the_english_site_is_marked_dutch() -> None:
    only_dutch = Text(nl="Samen lezen")
    both = Text(nl="Samen lezen", en="Reading together")
    assert text(only_dutch, "nl") == "Samen lezen"
    assert text(only_dutch, "en") == '<span lang="nl">Samen lezen</span>'
    assert text(both, "en") == "Reading together"
    assert text(Text(nl="Een.\n\nTwee."), "en", block=True) == (
        '<div lang="nl" markdown>\n\nEen\\.\n\nTwee\\.\n\n</div>'
    )


def test_md_is_trusted_and_not_escaped_twice() -> None:
    assert escape(Md("**al veilig**")) == "**al veilig**"
    assert cell("") == "–"


def _visible(source: str) -> str:
    import html as html_module
    import re

    return html_module.unescape(re.sub(r"<[^>]+>", "", html(source)))


_READABLE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60
).filter(lambda t: t.strip())


@settings(max_examples=300, deadline=None)
@given(_READABLE)
def test_any_text_shows_exactly_as_written(value: str) -> None:
    """Escaping is lossless: what the reader sees is the author's text, spaces folded."""
    folded = _isolated(" ".join(value.split()))
    assert _visible(f"x {escape(value)}") == f"x {folded}"


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _isolated(text: str) -> str:
    """Text as the pages show it: with bidi controls, inside FSI ... PDI."""
    return f"\u2068{text}\u2069" if _BIDI.search(text) else text


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=60).filter(lambda t: t.strip()))
def test_any_title_survives_the_front_matter(value: str) -> None:
    """Front matter that failed to parse would turn into page text: it must always parse."""
    import html as html_module

    import yaml

    block = front_matter(value).split("---")[1]
    folded = _isolated(" ".join(value.split()))
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        title = yaml.load(block, Loader=loader)["title"]
        assert html_module.unescape(title) == folded
        assert "<" not in title and '"' not in title


def test_control_characters_never_reach_markdown() -> None:
    assert escape("a\x02b\x03c") == "a\ufffdb\ufffdc"


def test_text_with_bidi_controls_is_isolated_from_what_surrounds_it() -> None:
    rtl = "\u2067\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u2069 en Nederlands"
    assert escape(rtl) == f"\u2068{rtl}\u2069"
    assert "\u2068" in front_matter(rtl) or "\\u2068" in front_matter(rtl)
    assert escape("Gewone tekst") == "Gewone tekst"
    assert escape("العربية") == "العربية"  # right-to-left letters alone need nothing


def test_the_tests_convert_with_the_sites_extensions() -> None:
    config = (ROOT / "mkdocs.base.yml").read_text(encoding="utf-8")
    listed = config.split("markdown_extensions:\n", 1)[1].split("\n\n", 1)[0]
    assert re.findall(r"^  - ([\w.]+)", listed, re.MULTILINE) == EXTENSIONS


@pytest.mark.parametrize(
    "source",
    [
        "[tekst][id]\n\n[id]: https://elders.example/",
        "[id]\n\n[id]: https://elders.example/",
        "![beeld][id]\n\n[id]: https://elders.example/p.png",
        "<https://elders.example/>",
        "<iemand@elders.example>",
        "regel  \nvolgende regel",
    ],
)
def test_constructs_no_page_uses_stay_text(source: str) -> None:
    """generator/markdown_subset.py: no link, image or line break comes of these."""
    shown = html(source)
    assert "<a" not in shown and "<img" not in shown and "<br" not in shown, shown


def test_no_hand_written_page_uses_them() -> None:
    """Hand-written pages would lose them (shown as typed): write inline links instead."""
    constructs = re.compile(
        r"^ {0,3}\[[^\]]+\]:\s|\]\[|<(?:https?://|mailto:)[^>]*>|<[^\s<>@]+@[^\s<>]+>| {2}$",
        re.MULTILINE,
    )
    pages = sorted((ROOT / "content").rglob("*.md"))
    assert pages
    found = {
        str(page.relative_to(ROOT)): constructs.findall(page.read_text(encoding="utf-8"))
        for page in pages
    }
    assert {page: hits for page, hits in found.items() if hits} == {}
