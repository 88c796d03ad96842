"""`dossiers new`: a new dossier to fill in, for a chosen type of cooperation.

The template explains each field in a comment and marks what the author must
write with "VUL IN"; `check` refuses a dossier that still holds one. A new
dossier starts as a draft, so nothing is published before it is ready.
"""

from __future__ import annotations

from .vocabulary import CooperationType

PLACEHOLDER = "VUL IN"

_COMMON_TOP = """\
# yaml-language-server: $schema=../schema/dossier.schema.json
# Nieuw dossier. Vervang elke "VUL IN: ..." door echte tekst; `make check` zegt
# welke nog openstaan. Uitleg over elk veld: content/nl/dossier-schrijven.md.

name: "VUL IN: naam van het samenwerkingsverband"
# draft: er komt niets op de site. Zet op active als de partners akkoord zijn.
status: draft
# {type_help}
type: {type}
summary: "VUL IN: een of twee zinnen voor overzichten"
# De maatschappelijke opgave: het belang van inwoners of cliënten. Die leidt.
societal_question: "VUL IN: welk probleem van inwoners lossen we samen op?"

ambition:
  statement: "VUL IN: een korte, heldere ambitie"
  # Wie onderschrijft de ambitie, en sinds wanneer (JJJJ-MM-DD)?
  endorsed_by:
    - partner: partner-a
      since: "VUL IN: datum als 2026-01-31"

# Partners: id is een kort kenmerk voor in dit dossier. Sector: public, private,
# civil-society, education of knowledge. Invloed op het doel en onze
# afhankelijkheid van de partner: 1 tot 5.
partners:
  - id: partner-a
    name: "VUL IN: naam van de eerste partner"
    sector: public
    influence: 3
    dependency: 3
    # reviewers: ["@naam"]   # wie wijzigingen namens deze partner nakijkt
  - id: partner-b
    name: "VUL IN: naam van de tweede partner"
    sector: civil-society
    influence: 3
    dependency: 3

# Het "wij": wie hoort erbij?
we:
  members: [partner-a, partner-b]

governance:
  steering_group:
    members: [partner-a, partner-b]
    chair: partner-a

themes:
  - id: thema-1
    name: "VUL IN: naam van het eerste thema"

# Rolverdeling: per thema precies één trekker (lead).
roles:
  - theme: thema-1
    lead: partner-a
    contributes: [partner-b]
"""

_BY_TYPE = {
    CooperationType.GOALS: (
        "goals: samen doelen realiseren (programmamanagement).",
        """
# Doelen: elk met indicator, streefwaarde en deadline.
objectives:
  - id: doel-1
    title: "VUL IN: wat willen we bereiken?"
    indicator: "VUL IN: waaraan meten we het?"
    target: "VUL IN: de streefwaarde"
    deadline: "VUL IN: datum als 2028-12-31"
    status: not-started
""",
    ),
    CooperationType.PRODUCTS: (
        "products: samen producten of diensten leveren (projectmanagement).",
        """
# Wat leveren we samen? Geef elk onderdeel een trekker in 'roles'.
deliverables:
  - id: onderdeel-1
    name: "VUL IN: het eerste product of de eerste dienst"
    theme: thema-1
""",
    ),
    CooperationType.MOVEMENT: (
        "movement: een beweging op gang brengen (netwerksturing).",
        """
# Een beweging heeft minstens één openbare activiteit voor nieuwkomers.
agenda:
  - id: eerste-bijeenkomst
    title: "VUL IN: naam van de activiteit"
    start: "VUL IN: datum en tijd als 2026-12-10T19:30"
    organisers: [partner-a]
    public: true
    open_to_newcomers: true
    how_to_join: "VUL IN: hoe doe je mee?"
""",
    ),
    CooperationType.PLATFORM: (
        "platform: een platform voor ontmoeting en leren (community-opbouw).",
        """
# De ontmoetingsplek. Zet public op true als het adres openbaar mag.
places:
  - id: ontmoetingsplek
    name: "VUL IN: naam van de plek"
    address: "VUL IN: adres"
    public: true
meeting_place:
  place: ontmoetingsplek
""",
    ),
}


# Every type: a way to reach the coalition, with the privacy choices spelled out.
_CONTACTS = """
# Contactpersonen. Met public: true komen naam en rol op de site; e-mail en
# telefoon alleen als je ook email_public: true of phone_public: true zet.
# Zonder die regels blijven ze intern en komen ze nooit op de site.
contacts:
  - name: "VUL IN: naam van de contactpersoon"
    role: "VUL IN: rol, bijvoorbeeld coördinator"
    partner: partner-a
    public: true
    # email: naam@organisatie.nl
    # email_public: true
"""

# A meeting place for the types that do not have one already (platform does).
_PLACES = """
# Waar komen jullie samen? Met public: false blijft het adres van de site.
places:
  - id: vergaderplek
    name: "VUL IN: naam van de plek"
    address: "VUL IN: adres"
    public: false
"""


def new_dossier(kind: CooperationType) -> str:
    """The text of a new dossier of this type, with placeholders to fill in."""
    help_text, extra = _BY_TYPE[kind]
    places = "" if kind is CooperationType.PLATFORM else _PLACES
    return _COMMON_TOP.format(type=kind.value, type_help=help_text) + extra + places + _CONTACTS
