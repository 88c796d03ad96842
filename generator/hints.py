"""Dutch words authors write for the schema's English values, and the value meant.

Taken from the tables in the author guide (content/nl/dossier-schrijven.md):
``sector: overheid`` means ``public``, ``kind: intentieverklaring`` means
``letter-of-intent``. A word is only suggested where its value is allowed.
"""

from __future__ import annotations

from typing import Any

# Dutch word (lower case, spaces or hyphens) -> the schema values it may mean.
DUTCH_VALUES: dict[str, tuple[str, ...]] = {
    # status of a dossier, an agreement
    "concept": ("draft",),
    "actief": ("active",),
    "gepauzeerd": ("paused",),
    "stilgelegd": ("paused",),
    "beëindigd": ("ended",),
    "beeindigd": ("ended",),
    "afgelopen": ("ended",),
    "getekend": ("signed",),
    "ondertekend": ("signed",),
    "van kracht": ("in-force",),
    "geldig": ("in-force",),
    "opgezegd": ("terminated",),
    "ontbonden": ("terminated",),
    # type of cooperation
    "producten": ("products",),
    "diensten": ("products",),
    "doelen": ("goals",),
    "beweging": ("movement",),
    # approach
    "projectmanagement": ("project-management",),
    "programmamanagement": ("programme-management",),
    "netwerksturing": ("network-governance",),
    "netwerkregie": ("network-governance",),
    "community-opbouw": ("community-building",),
    # sector
    "overheid": ("public",),
    "gemeente": ("public",),
    "publiek": ("public",),
    "bedrijfsleven": ("private",),
    "bedrijf": ("private",),
    "privaat": ("private",),
    "maatschappelijk": ("civil-society",),
    "maatschappelijke organisatie": ("civil-society",),
    "onderwijs": ("education",),
    "school": ("education",),
    "kennisinstelling": ("knowledge",),
    "kennis": ("knowledge",),
    # objective status
    "niet begonnen": ("not-started",),
    "nog niet begonnen": ("not-started",),
    "op koers": ("on-track",),
    "risico": ("at-risk",),
    "loopt risico": ("at-risk",),
    "niet op koers": ("off-track",),
    "behaald": ("achieved",),
    "gehaald": ("achieved",),
    "geschrapt": ("dropped",),
    # government role
    "initiatiefnemer": ("initiator",),
    "opdrachtgever": ("commissioner",),
    "financier": ("funder",),
    "scheidsrechter": ("referee",),
    # relationship, funding
    "meerjarig partnerschap": ("multi-year-partnership",),
    "partnerschap": ("multi-year-partnership",),
    "zakelijk": ("business",),
    "zakelijke relatie": ("business",),
    "opdracht": ("contract",),
    "subsidie": ("subsidy",),
    "eigen middelen": ("own-funds",),
    # mandate
    "spreken": ("speak",),
    "tekenen": ("sign",),
    "uitgeven": ("spend",),
    # kind of agreement
    "convenant": ("covenant",),
    "contract": ("contract",),
    "overeenkomst": ("contract", "cooperation-agreement"),
    "intentieverklaring": ("letter-of-intent",),
    "samenwerkingsovereenkomst": ("cooperation-agreement",),
    "subsidiebeschikking": ("subsidy-decision",),
    "anders": ("other",),
    "overig": ("other",),
    # period
    "eenmalig": ("once",),
    "maand": ("month",),
    "per maand": ("month",),
    "jaar": ("year",),
    "per jaar": ("year",),
}


def dutch_hint(value: Any, options: list[str]) -> str | None:
    """The allowed value a Dutch word stands for, or None."""
    if not isinstance(value, str):
        return None
    word = " ".join(value.strip().lower().replace("-", " ").replace("_", " ").split())
    for meant in DUTCH_VALUES.get(word, DUTCH_VALUES.get(word.replace(" ", "-"), ())):
        if meant in options:
            return meant
    return None
