"""The browser editor's configuration (Sveltia CMS), made from the model.

``make cms`` writes it to ``admin/config.yml`` as ``make schema`` writes the
JSON Schema; the site build copies it to ``/admin/`` beside the editor's own
files. Every field of the dossier gets a widget (``tests/test_cms.py`` fails
for one without), with a Dutch label and, as help, the author guide's own
words ("Wat schrijf je" in ``content/nl/dossier-schrijven.md``). Choices get
the Dutch names the site shows (``render/labels.py``).

What the configuration cannot say is left to ``dossiers check``, which runs on
every pull request the editor opens: whether a partner id exists in the same
dossier (Sveltia's relation widget only reads other entries, not a list in the
entry being edited), the rules per type of cooperation, privacy cross-checks.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .render.labels import Labels
from .shapes import NO_DEFAULT, Shape, dossier_shape, walk

# The collection's folder and the layout of its files; the editor saves the
# fields in the order given here, which is the model's (and the templates') order.
FOLDER = "coalitions"

# Which vocabulary of the site's labels names each choice.
VOCABULARIES = {
    "CooperationType": "type",
    "DossierStatus": "status",
    "Sector": "sector",
    "ObjectiveStatus": "objective",
    "GovernmentRole": "government",
    "Relationship": "relationship",
    "Funding": "funding",
    "Mandate": "mandate",
    "AgreementKind": "agreement_kind",
    "AgreementStatus": "agreement_status",
    "Period": "period",
}

# The Dutch label of every field name of the dossier. A new field without one
# fails tests/test_cms.py.
LABELS = {
    "accessibility": "Toegankelijkheid",
    "address": "Adres",
    "agenda": "Agenda",
    "agreements": "Afspraken",
    "ambition": "Ambitie",
    "amount": "Bedrag",
    "baseline": "Nulmeting",
    "borne_by": "Gedragen door",
    "chair": "Voorzitter",
    "commissioners": "Opdrachtgevers",
    "commissioning": "Gedeeld opdrachtgeverschap",
    "compensated": "Vergoed",
    "consulted": "Geraadpleegd",
    "contacts": "Contactpersonen",
    "contributes": "Draagt bij",
    "contribution": "Bijdrage aan de ambitie",
    "currency": "Munteenheid",
    "date": "Datum",
    "days_per_week": "Dagen per week",
    "deadline": "Deadline",
    "deliverable": "Onderdeel",
    "deliverables": "Onderdelen (deliverables)",
    "dependency": "Afhankelijkheid",
    "description": "Beschrijving",
    "document": "Document (webadres)",
    "email": "E-mailadres",
    "email_public": "E-mailadres openbaar",
    "end": "Einde",
    "endorsed_by": "Onderschreven door",
    "escalation": "Escalatie (stappen)",
    "evidence": "Bewijs (webadres)",
    "explanation": "Toelichting",
    "exploitation": "Exploitatie",
    "free": "Gratis",
    "funding": "Financiering",
    "governance": "Sturing",
    "government": "Rol van de overheid",
    "how_to_join": "Zo doe je mee",
    "id": "Id",
    "indicator": "Indicator",
    "influence": "Invloed",
    "informed": "Geïnformeerd",
    "investments": "Investeringen",
    "involvement": "Betrokkenheid",
    "kind": "Soort afspraak",
    "kvk": "KvK-nummer",
    "lead": "Trekker",
    "mandates": "Mandaten",
    "may": "Mag",
    "meaning": "Betekenis",
    "meeting_place": "Ontmoetingsplek",
    "meets": "Vergadert",
    "members": "Leden",
    "mitigation": "Beheersmaatregel",
    "name": "Naam",
    "note": "Toelichting",
    "notes": "Interne notities (nooit openbaar)",
    "objectives": "Doelstellingen",
    "oin": "OIN",
    "online": "Online (webadres)",
    "open_to_newcomers": "Open voor nieuwkomers",
    "organisation": "Organisatie",
    "organisers": "Organisatoren",
    "ownership": "Eigendom",
    "parties": "Partijen",
    "partner": "Partner",
    "partners": "Partners",
    "per": "Per",
    "phone": "Telefoonnummer",
    "phone_public": "Telefoonnummer openbaar",
    "place": "Plek",
    "places": "Plekken",
    "public": "Openbaar",
    "referee": "Scheidsrechter",
    "registration": "Aanmelden (webadres)",
    "relationship": "Soort relatie",
    "represented_by": "Vertegenwoordigd door",
    "results": "Resultaten",
    "reviewers": "Reviewers (handles)",
    "risks": "Risico's",
    "role": "Rol",
    "roles": "Rolverdeling",
    "scope": "Reikwijdte",
    "sector": "Sector",
    "signed": "Getekend op",
    "since": "Sinds",
    "societal_question": "Maatschappelijke vraag",
    "start": "Begin",
    "started": "Gestart op",
    "statement": "Ambitie in één zin",
    "status": "Status",
    "steering_group": "Stuurgroep",
    "strategy": "Ontwikkelstrategie",
    "summary": "Samenvatting",
    "target": "Gewenste positie",
    "theme": "Thema",
    "themes": "Thema's",
    "time": "Tijdsinvestering",
    "title": "Titel",
    "tooi": "TOOI",
    "type": "Type samenwerking",
    "until": "Tot",
    "url": "Webadres",
    "valid_from": "Geldig vanaf",
    "valid_until": "Geldig tot en met",
    "values": "Waarden",
    "we": "Het wij",
    "website": "Website",
    "what": "Wat",
}

# Id fields that name one or more partners of the same dossier.
PARTNER_REFERENCES = frozenset(
    {
        "partner",
        "parties",
        "organisers",
        "members",
        "commissioners",
        "represented_by",
        "chair",
        "lead",
        "contributes",
        "consulted",
        "informed",
        "borne_by",
    }
)

_PUBLIC_HINT = (
    "Verplicht: kies zelf of dit op de site komt. "
    "Uit (nee) betekent: niets hiervan komt op de site."
)
_PARTNER_HINT = "De id van een partner uit Partners in dit dossier, bijvoorbeeld gemeente."
_PARTNERS_HINT = "De id's van partners uit Partners in dit dossier, gescheiden door komma's."


def guide_help(guide: str) -> dict[str, str]:
    """The "Wat schrijf je" column of the author guide's field tables, by field path
    as the guide writes it ('agenda[].title', 'endorsed_by[].partner')."""
    found: dict[str, str] = {}
    in_table = False
    for line in guide.splitlines():
        if line.startswith("| Veld | Verplicht? | Soort | Wat schrijf je"):
            in_table = True
            continue
        if not line.startswith("|"):
            in_table = False
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if in_table and len(cells) >= 4 and cells[0].startswith("`"):
            found[cells[0].strip("`")] = _plain(cells[3])
    return found


def _plain(markdown: str) -> str:
    """The guide's table text as the editor's hint (it shows links, bold, italic)."""
    text = re.sub(r"\[([^\]]+)\]\(#[^)]*\)", r"\1", markdown)  # in-page links
    text = re.sub(r",? zie hieronder\.?", ".", text)  # the guide's value tables are not here
    return text.replace("\\|", "|")


def help_for(path: str, helps: dict[str, str]) -> str | None:
    """The guide's help for a field: the longest guide path that ends the field's path."""
    best: tuple[int, str] | None = None
    for key, text in helps.items():
        if (path == key or path.endswith("." + key)) and (best is None or len(key) > best[0]):
            best = (len(key), text)
    return best[1] if best else None


def _options(shape: Shape) -> list[dict[str, str]]:
    nl = Labels("nl")
    vocabulary = VOCABULARIES[shape.enum or ""]
    return [
        {"label": _capital(nl.term(vocabulary, value)), "value": value} for value in shape.values
    ]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def widget(name: str, path: str, shape: Shape, helps: dict[str, str]) -> dict[str, Any]:
    """The editor's field for one dossier field."""
    field: dict[str, Any] = {"name": name, "label": LABELS[name]}
    hint = help_for(path, helps)
    if name == "public" and shape.kind == "boolean" and shape.required:
        hint = f"{_PUBLIC_HINT} {hint or ''}".strip()
    field.update(_widget(name, path, shape, helps))
    if not shape.required:
        field["required"] = False
    if hint:
        field["hint"] = hint
    return field


def _widget(name: str, path: str, shape: Shape, helps: dict[str, str]) -> dict[str, Any]:
    kind = shape.kind
    if kind == "text":
        # {nl, en}: the Dutch text is required, the English one is not.
        return {
            "widget": "object",
            "collapsed": False,
            "fields": [
                {"name": "nl", "label": "Nederlands", "widget": "text"},
                {"name": "en", "label": "Engels (English)", "widget": "text", "required": False},
            ],
        }
    if kind == "string":
        spec: dict[str, Any] = {"widget": "string"}
        if shape.pattern:
            spec["pattern"] = [shape.pattern, _pattern_message(name)]
        if name in PARTNER_REFERENCES:
            spec["comment"] = _PARTNER_HINT
        return spec
    if kind == "date":
        return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
    if kind == "datetime":
        return {
            "widget": "datetime",
            "type": "datetime-local",
            "format": "YYYY-MM-DDTHH:mm",
            "input_timezone": "local",
            "output_utc": False,
        }
    if kind in ("integer", "number"):
        spec = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        if shape.minimum is not None:
            spec["min"] = shape.minimum
        if shape.maximum is not None:
            spec["max"] = shape.maximum
        return spec
    if kind == "boolean" and shape.default is None:
        # Yes, no, or not said: a switch would always write one of the first two.
        return {
            "widget": "select",
            "options": [{"label": "Ja", "value": True}, {"label": "Nee", "value": False}],
        }
    if kind == "boolean":
        spec = {"widget": "boolean"}
        if shape.default is not NO_DEFAULT and shape.default is not None:
            spec["default"] = shape.default
        return spec
    if kind == "enum":
        spec = {"widget": "select", "options": _options(shape)}
        if shape.default is not NO_DEFAULT and shape.default is not None:
            spec["default"] = shape.default
        return spec
    if kind == "object":
        return {"widget": "object", "fields": _fields(shape, path, helps)}
    if kind == "list":
        return _list(name, path, shape, helps)
    raise ValueError(f"no widget for {path} ({kind})")


def _list(name: str, path: str, shape: Shape, helps: dict[str, str]) -> dict[str, Any]:
    item = shape.item
    assert item is not None
    spec: dict[str, Any] = {"widget": "list"}
    if shape.min_items:
        spec["min"] = shape.min_items
    if item.kind == "enum":
        return {"widget": "select", "multiple": True, "options": _options(item)} | (
            {"min": shape.min_items} if shape.min_items else {}
        )
    if item.kind == "object":
        spec["fields"] = _fields(item, path + "[]", helps)
        spec["collapsed"] = "auto"
        first = item.fields[0][0]
        spec["summary"] = "{{fields." + _summary_field(item, first) + "}}"
        return spec
    if item.kind == "string":
        # A list of ids or handles: one text box, values separated by commas.
        if name in PARTNER_REFERENCES:
            spec["comment"] = _PARTNERS_HINT
        return spec
    # A list of texts (escalation steps): each step its own {nl, en}.
    spec["field"] = {"name": "step", "label": "Stap"} | _widget(name, path, item, helps)
    return spec


def _summary_field(item: Shape, first: str) -> str:
    for candidate in ("title", "name", "partner", "what", "theme"):
        found = item.field(candidate)
        if found is not None:
            return f"{candidate}.nl" if found.kind == "text" else candidate
    return first


def _pattern_message(name: str) -> str:
    if name in PARTNER_REFERENCES or name in (
        "id",
        "theme",
        "place",
        "deliverable",
        "organisation",
    ):
        return "Alleen kleine letters, cijfers en koppeltekens, bijvoorbeeld gemeente-oost."
    return "Dit heeft niet de goede vorm; zie de uitleg onder het veld."


def _fields(shape: Shape, path: str, helps: dict[str, str]) -> list[dict[str, Any]]:
    return [
        widget(name, f"{path}.{name}" if path else name, child, helps)
        for name, child in shape.fields
    ]


def cms_config(guide: str, repo: str, branch: str = "main") -> dict[str, Any]:
    """The whole configuration: the GitHub backend with pull requests for every
    save (editorial workflow), and one collection, the dossiers."""
    helps = guide_help(guide)
    return {
        "backend": {
            "name": "github",
            "repo": repo,
            "branch": branch,
            "auth_methods": ["token"],
            "commit_messages": {
                "create": "Nieuw dossier {{slug}} (via de editor)",
                "update": "Dossier {{slug}} bijgewerkt (via de editor)",
                "delete": "Dossier {{slug}} verwijderd (via de editor)",
            },
        },
        "publish_mode": "editorial_workflow",
        "app_title": "Dossiers bewerken",
        "media_folder": "admin/media",
        "output": {
            "omit_empty_optional_fields": True,
            "yaml": {"indent_size": 2, "indent_sequences": True},
        },
        "collections": [
            {
                "name": "dossiers",
                "label": "Dossiers",
                "label_singular": "Dossier",
                "description": (
                    "Eén dossier per samenwerkingsverband. Elke opslag wordt een pull "
                    "request die de partners nakijken; de controle (dossiers check) "
                    "draait daarop."
                ),
                "folder": FOLDER,
                "extension": "yml",
                "format": "yaml",
                "identifier_field": "name",
                "summary": "{{name}}",
                "create": True,
                "delete": False,
                "fields": _fields(dossier_shape(), "", helps),
            }
        ],
    }


def config_text(guide: str, repo: str, branch: str = "main") -> str:
    """The configuration as the YAML file the editor reads."""
    head = (
        "# Made by `dossiers cms` from the model (generator/model.py) and the author\n"
        "# guide (content/nl/dossier-schrijven.md). Do not edit: run `make cms`.\n"
    )
    body = yaml.safe_dump(
        cms_config(guide, repo, branch), allow_unicode=True, sort_keys=False, width=100
    )
    return head + body


def every_field() -> list[str]:
    """Every field path of the dossier, for the test that each has a widget."""
    return [path for path, _shape in walk(dossier_shape())]
