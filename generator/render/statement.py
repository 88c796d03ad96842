"""The accessibility statement, made from the site settings (site.yml).

It follows the Dutch model statement (digitoegankelijk.nl): the status A to E
(C while no audit is recorded), its date, the responsible organisation, how to
report a problem and how soon an answer comes, escalation to the Nationale
ombudsman, and what the build's own automated checks cover. Pure: the build
date is passed in.
"""

from __future__ import annotations

from datetime import date

from ..settings import AuditStatus, Settings

PATHS = {"nl": "toegankelijkheid.md", "en": "accessibility.md"}

_STATUS = {
    "nl": {
        AuditStatus.A: "voldoet volledig",
        AuditStatus.B: "voldoet gedeeltelijk",
        AuditStatus.C: "eerste maatregelen genomen",
        AuditStatus.D: "maatregelen gepland",
        AuditStatus.E: "geen maatregelen genomen",
    },
    "en": {
        AuditStatus.A: "fully compliant",
        AuditStatus.B: "partially compliant",
        AuditStatus.C: "first measures taken",
        AuditStatus.D: "measures planned",
        AuditStatus.E: "no measures taken",
    },
}

_MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def day_text(value: date, lang: str) -> str:
    if lang == "nl":
        return f"{value.day} {_MONTHS_NL[value.month - 1]} {value.year}"
    return value.strftime("%-d %B %Y")


BRAND_CSS = "assets/stylesheets/brand.css"  # listed in extra_css of mkdocs.base.yml


def statement_pages(settings: Settings, build_date: date) -> dict[str, dict[str, str]]:
    """{lang: {path: text}}: the statement in every language, and the brand colour."""
    return {
        lang: {PATHS[lang]: statement(settings, lang, build_date), BRAND_CSS: brand_css(settings)}
        for lang in PATHS
    }


def brand_css(settings: Settings) -> str:
    """The header and link colour from site.yml (checked for AA contrast on white)."""
    if settings.colour is None:
        return "/* no brand colour in site.yml: Material's indigo */\n"
    colour = settings.colour
    return (
        "/* the brand colour from site.yml */\n"
        f":root > * {{\n  --md-primary-fg-color: {colour};\n"
        f"  --md-primary-fg-color--dark: {colour};\n  --md-typeset-a-color: {colour};\n}}\n"
    )


def statement(settings: Settings, lang: str, build_date: date) -> str:
    """The accessibility statement of one language, as Markdown."""
    pub, acc = settings.publisher, settings.accessibility
    status = settings.status
    audit = acc.audit
    label = _STATUS[lang][status]
    days = acc.response_days
    if lang == "nl":
        if audit:
            by = f" door {audit.by}" if audit.by else ""
            audited = (
                f"De site is onderzocht{by} op {day_text(date.fromisoformat(audit.date), lang)}."
            )
        else:
            audited = "Er is nog geen onderzoek gedaan door een deskundige. Daarom is de status C."
        return f"""# Toegankelijkheid

{pub.organisation} wil dat iedereen deze site kan gebruiken. Dat is ook wat de
wet vraagt: WCAG 2.1, niveau A en AA (de Europese norm EN 301 549).

## Status

Status **{status.value}: {label}**.

{audited}

Deze verklaring is gemaakt op {day_text(build_date, lang)}. Ze gaat over alle pagina's
van deze site, in het Nederlands en in het Engels (onder `/en/`).

Verantwoordelijk: **{pub.organisation}**.

## Wat we zelf controleren

Bij elke wijziging aan de site controleert de bouw elke soort pagina in de browser
Chromium, op een telefoon- en een computerscherm, met axe-core (WCAG 2.1 A en AA).
Elke pagina heeft een strenge beveiligingsregel (Content-Security-Policy): alleen
inhoud van deze site mag laden. Het zoeken op de site gebruikt WebAssembly. Daarom
staat de beveiligingsregel `'wasm-unsafe-eval'` toe, en verder niets.

Een programma vindt niet alles. Of een tekst duidelijk is, kan alleen een mens
beoordelen. De teksten over de samenwerkingsverbanden schrijven die zelf.

## Een probleem melden

Kun je iets op deze site niet gebruiken of niet lezen? Mail naar
[{acc.email}](mailto:{acc.email}). Zeg op welke pagina het was en wat er misging.
Je krijgt binnen {days} werkdag{"en" if days != 1 else ""} antwoord.

Ben je niet tevreden met het antwoord, of krijg je geen antwoord? Dan kun je een
klacht indienen bij de [Nationale ombudsman](https://www.nationaleombudsman.nl/).
"""
    if audit:
        by = f" by {audit.by}" if audit.by else ""
        audited = f"The site was audited{by} on {day_text(date.fromisoformat(audit.date), lang)}."
    else:
        audited = "No expert has audited the site yet. That is why the status is C."
    return f"""# Accessibility

{pub.organisation} wants everyone to be able to use this site, as the law asks:
WCAG 2.1, level A and AA (the European standard EN 301 549).

## Status

Status **{status.value}: {label}**.

{audited}

This statement was made on {day_text(build_date, lang)}. It covers every page of this
site, in Dutch and in English (under `/en/`).

Responsible: **{pub.organisation}**.

## What we check ourselves

On every change to the site the build checks every kind of page in the Chromium
browser, on a phone and a desktop screen, with axe-core (WCAG 2.1 A and AA). Every
page carries a strict security policy (Content-Security-Policy): only content from
this site may load. The site search uses WebAssembly, so the security policy allows
`'wasm-unsafe-eval'` and nothing more.

A program does not find everything. Whether a text is clear only a person can
judge. The texts about the coalitions are written by the coalitions themselves.

## Report a problem

Is there something on this site you cannot use or read? Write to
[{acc.email}](mailto:{acc.email}). Say on which page it was and what went wrong.
You get an answer within {days} working day{"s" if days != 1 else ""}.

Not satisfied with the answer, or no answer? You can complain to the
[Nationale ombudsman](https://www.nationaleombudsman.nl/) (the Dutch national
ombudsman).
"""
