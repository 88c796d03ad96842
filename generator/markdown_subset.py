"""The Markdown the site's pages are converted with: Python-Markdown without the
inline constructs that no page of ours uses.

Python-Markdown tries every inline pattern on every piece of text of every page.
Reference links and images (``[text][id]``, ``[text]``), automatic links
(``<https://...>``, ``<name@example.org>``) and line breaks made of two trailing
spaces appear in no generated page (``generator/render/markdown.py`` writes inline
links and escapes the rest) and in no hand-written one (``tests/test_markdown.py``
checks), yet trying them cost about a fifth of MkDocs' time on a coalition page.
Fewer constructs also leave text fewer ways to turn into markup.

Listed in ``mkdocs.base.yml`` under ``markdown_extensions``.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

UNUSED = (
    "reference",
    "image_reference",
    "short_reference",
    "short_image_ref",
    "autolink",
    "automail",
    "linebreak",
)


class Subset(Extension):  # type: ignore[misc]  # Python-Markdown has no type hints
    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        for name in UNUSED:
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)


def makeExtension(**kwargs: Any) -> Subset:  # the name Markdown looks for
    return Subset(**kwargs)
