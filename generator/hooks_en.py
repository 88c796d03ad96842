"""MkDocs hook of the English preview (``mkdocs.serve.en.yml``).

The Dutch serve hook (``hooks.py``) writes the pages of both languages and
starts this build after each Dutch rebuild, with the problems of the dossiers in
a file named by ``DOSSIERS_PROBLEMS``; this hook puts them at the top of every
page, in English, as the Dutch preview does in Dutch. It writes nothing else.
"""

from __future__ import annotations

import os
from typing import Any

from generator.serving import problems_notice, read_problems

PROBLEMS_ENV = "DOSSIERS_PROBLEMS"


def on_page_markdown(markdown: str, config: Any, **_: Any) -> str:
    problems = read_problems(os.environ.get(PROBLEMS_ENV, ""))
    if not problems:
        return markdown
    return problems_notice(problems, "en") + markdown
