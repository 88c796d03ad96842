"""What changed between two versions of the dossiers, in words a partner reads.

Pure: two sets of validated dossiers in, Markdown out, Dutch or English. This
is for reviewers of a pull request, who may see everything in the repository,
so it speaks of private items too; above all it lists, apart and first, every
change that makes something public that was not and every new personal
contact detail, so that they are checked on purpose.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .model import Agreement, Contact, Dossier, Partner
from .render.labels import Labels
from .render.markdown import escape
from .types import LocalizedText
from .validate import ValidDossier
from .vocabulary import AgreementStatus, DossierStatus

# Sentences, per language: (Dutch, English). {placeholders} are filled with escaped text.
_S: dict[str, tuple[str, str]] = {
    "title": ("Wijzigingen in de dossiers", "Changes to the dossiers"),
    "none": (
        "Geen inhoudelijke wijzigingen in de dossiers.",
        "No changes to the content of the dossiers.",
    ),
    "attention": ("Controleer deze bewust", "Check these on purpose"),
    "attention_intro": (
        "Deze wijzigingen maken iets openbaar dat het niet was, of voegen persoonlijke "
        "contactgegevens toe.",
        "These changes make something public that was not, or add personal contact details.",
    ),
    "added": ("samenwerkingsverband toegevoegd ({status})", "coalition added ({status})"),
    "removed": ("samenwerkingsverband verwijderd", "coalition removed"),
    "published": (
        "het hele dossier wordt openbaar (status {old} → {new})",
        "the whole dossier becomes public (status {old} → {new})",
    ),
    "unpublished": (
        "het dossier gaat van de site (status {old} → {new})",
        "the dossier leaves the site (status {old} → {new})",
    ),
    "status": ("status {old} → {new}", "status {old} → {new}"),
    "partner_added": ("nieuwe partner {name}", "new partner {name}"),
    "partner_removed": ("partner {name} vertrekt", "partner {name} leaves"),
    "score": ("{name}: {what} {old} → {new}", "{name}: {what} {old} → {new}"),
    "now_above": (" (nu boven de ambitielijn)", " (now above the ambition line)"),
    "now_below": (" (nu onder de ambitielijn)", " (now below the ambition line)"),
    "target": ("{name}: beoogde positie {old} → {new}", "{name}: target position {old} → {new}"),
    "activity_added": (
        "nieuwe {public} activiteit {title} op {when}",
        "new {public} activity {title} on {when}",
    ),
    "activity_removed": ("activiteit {title} vervalt", "activity {title} removed"),
    "activity_moved": (
        "activiteit {title} verplaatst naar {when}",
        "activity {title} moved to {when}",
    ),
    "becomes_public": ("{what} {title} wordt openbaar", "{what} {title} becomes public"),
    "becomes_private": (
        "{what} {title} is niet langer openbaar",
        "{what} {title} is no longer public",
    ),
    "agreement_added": ("nieuwe afspraak {title} ({status})", "new agreement {title} ({status})"),
    "agreement_status": ("afspraak {title}: {old} → {new}", "agreement {title}: {old} → {new}"),
    "agreement_signed": ("afspraak {title} getekend", "agreement {title} signed"),
    "lead": (
        "{subject}: trekker wordt {new} (was {old})",
        "{subject}: lead moves from {old} to {new}",
    ),
    "contact_added": ("nieuwe {public} contactpersoon {name}", "new {public} contact {name}"),
    "contact_detail": ("nieuw {what} bij {name} ({public})", "new {what} for {name} ({public})"),
    "detail_public": ("{what} van {name} wordt openbaar", "{what} of {name} becomes public"),
    "objective_status": ("doel {title}: {old} → {new}", "objective {title}: {old} → {new}"),
    "objective_added": ("nieuw doel {title}", "new objective {title}"),
    "ambition": ("de ambitie is anders geformuleerd", "the ambition is worded differently"),
    "renamed": ("naam {old} → {new}", "name {old} → {new}"),
    "reviewers": (
        "wie wijzigingen nakijkt verandert: {old} → {new}",
        "who reviews changes changes: {old} → {new}",
    ),
    "not_comparable": (
        "de oude versie had problemen en is niet te vergelijken; alles hieronder geldt als nieuw",
        "the old version had problems and cannot be compared; everything below counts as new",
    ),
    "other": ("ook gewijzigd: {fields}", "also changed: {fields}"),
    "fields_changed": ("{fields} gewijzigd", "{fields} changed"),
    "item_changed": ("{subject}: {fields} gewijzigd", "{subject}: {fields} changed"),
    "item_added": ("{what} toegevoegd", "{what} added"),
    "item_removed": ("{what} vervalt", "{what} removed"),
    "more_changes": ("nog {count} andere wijzigingen", "{count} other changes"),
    "and": ("en", "and"),
    "other_details": ("andere gegevens", "other details"),
    "theme": ("thema", "theme"),
    "deliverable": ("onderdeel", "deliverable"),
    "result": ("resultaat", "result"),
    "objective": ("doel", "objective"),
    "role_for": ("rolverdeling voor {subject}", "role division for {subject}"),
    "public": ("openbare", "public"),
    "private": ("niet-openbare", "non-public"),
    "public_short": ("openbaar", "public"),
    "private_short": ("niet openbaar", "not public"),
    "activity": ("activiteit", "activity"),
    "agreement": ("afspraak", "agreement"),
    "place": ("plek", "place"),
    "contact": ("contactpersoon", "contact"),
    "email": ("e-mailadres", "e-mail address"),
    "phone": ("telefoonnummer", "phone number"),
    "invalid": (
        "**{file}** heeft problemen; `make check` noemt ze.",
        "**{file}** has problems; `make check` lists them.",
    ),
}

# Leaf fields whose changes the comparisons below put in words; every other changed
# field is still listed, by its path, so that no change goes unmentioned.
_WORDED = {
    "status",
    "name",
    "ambition.statement",
    "partners[].influence",
    "partners[].dependency",
    "partners[].target.influence",
    "partners[].target.dependency",
    "partners[].target",
    "roles[].lead",
    "objectives[].status",
    "agenda[].start",
    "agenda[].end",
    "agenda[].public",
    "agreements[].status",
    "agreements[].public",
    "places[].public",
    "contacts[].email",
    "contacts[].phone",
    "contacts[].public",
    "contacts[].email_public",
    "contacts[].phone_public",
}
# Lists whose items are matched by a key, so inserting one does not shift the rest.
_KEYS = {
    "partners": "id",
    "agenda": "id",
    "agreements": "id",
    "objectives": "id",
    "places": "id",
    "themes": "id",
    "deliverables": "id",
    "results": "id",
    "contacts": "name",
}
_MAX_OTHER = 12
# Lists whose added or removed items already get a sentence of their own.
_WORDED_ADDED = {"partners", "agenda", "objectives", "agreements", "contacts", "places"}
_WORDED_REMOVED = {"partners", "agenda"}


def _flatten(value: Any, path: str, out: dict[str, Any]) -> None:
    """Leaf values by path; items of keyed lists by their key, e.g. agenda[meetavond].start."""
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{path}.{key}" if path else key, out)
    elif isinstance(value, list):
        key = _KEYS.get(path) if "." not in path else None
        for index, item in enumerate(value):
            ident: Any = index
            if key and isinstance(item, dict):
                ident = item.get(key, index)
            elif path == "roles" and isinstance(item, dict):
                ident = item.get("theme") or item.get("deliverable") or index
            _flatten(item, f"{path}[{ident}]", out)
    else:
        out[path] = value


def _pattern(path: str) -> str:
    return re.sub(r"\[[^\]]*\]", "[]", path)


@dataclass
class _Changes:
    attention: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


class _Say:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.index = 0 if lang == "nl" else 1
        self.label = Labels(lang)

    def __call__(self, key: str, **values: Any) -> str:
        return _S[key][self.index].format(
            **{k: v if isinstance(v, _Raw) else _text(v) for k, v in values.items()}
        )

    def quoted(self, text: LocalizedText | str) -> _Raw:
        value = text if isinstance(text, str) else text.get(self.lang)[0]
        return _Raw(f"‘{_text(value)}’")


def _text(value: object) -> str:
    """Escaped for Markdown; '@' gets a word joiner so a name cannot notify anyone."""
    return escape(value).replace("@", "@\u2060")


class _Raw(str):
    """Text already escaped for Markdown."""


def _by(items: list[Any], key: Callable[[Any], str]) -> dict[str, Any]:
    return {key(item): item for item in items}


def summarise(
    old: list[ValidDossier],
    new: list[ValidDossier],
    lang: str = "nl",
    broken: dict[str, str] | None = None,
    unreadable_before: set[str] | None = None,
) -> str:
    """Markdown for a pull-request comment: what changed, privacy changes first.

    `broken` maps the slug of each dossier that has problems in the new version to its
    file; those are reported as such, not compared (and never called removed).
    `unreadable_before` are slugs whose old version had problems: their new version
    is reported as new, item by item, so nothing it makes public goes unflagged.
    """
    say = _Say(lang)
    broken = broken or {}
    unreadable_before = unreadable_before or set()
    problems = sorted(broken.values())
    before = _by(old, lambda v: v.slug)
    after = _by(new, lambda v: v.slug)
    sections: list[tuple[str, _Changes]] = []
    for slug in sorted((set(before) | set(after)) - set(broken)):
        changes = _Changes()
        was, now = before.get(slug), after.get(slug)
        if was is None and now is not None:
            status = say.label.term("status", now.dossier.status)
            if slug in unreadable_before:
                changes.lines.append(say("not_comparable"))
            else:
                changes.lines.append(say("added", status=status))
            if now.dossier.status is not DossierStatus.DRAFT:
                changes.attention.append(say("published", old="–", new=status))
                # Everything it holds is new: flag each public place, contact and detail.
                _compare(_empty_like(now.dossier), now.dossier, say, changes)
        elif now is None and was is not None:
            changes.lines.append(say("removed"))
        elif was is not None and now is not None:
            _compare(was.dossier, now.dossier, say, changes)
        if changes.lines or changes.attention:
            title = (now or was).dossier.name if (now or was) else slug  # type: ignore[union-attr]
            sections.append((f"{escape(title)} (`{slug}.yml`)", changes))
    out = [f"## {say('title')}", ""]
    for file in problems:
        out += [say("invalid", file=file), ""]
    flagged = [(title, line) for title, c in sections for line in c.attention]
    if flagged:
        out += [f"### ⚠ {say('attention')}", "", say("attention_intro"), ""]
        out += [f"- **{title}**: {line}" for title, line in flagged] + [""]
    for title, changes in sections:
        if changes.lines:
            out += [f"### {title}", ""] + [f"- {line}" for line in changes.lines] + [""]
    if not sections and not problems:
        out += [say("none"), ""]
    return "\n".join(out)


Flat = dict[str, Any]  # a dossier's leaf values by path (``flattened``)


def flattened(dossier: Dossier) -> Flat:
    """The dossier's leaf values by path, e.g. ``agenda[meetavond].start``: what
    ``change_sentences`` compares; made once per version by a caller that compares
    each version twice (the history)."""
    found: Flat = {}
    _flatten(dossier.model_dump(mode="json"), "", found)
    return found


def _compare(
    old: Dossier,
    new: Dossier,
    say: _Say,
    c: _Changes,
    worded: bool = False,
    flat: tuple[Flat, Flat] | None = None,
) -> None:
    label = say.label
    if old.status != new.status:
        values = {"old": label.term("status", old.status), "new": label.term("status", new.status)}
        if old.status is DossierStatus.DRAFT:
            c.attention.append(say("published", **values))
        elif new.status is DossierStatus.DRAFT:
            c.lines.append(say("unpublished", **values))
        else:
            c.lines.append(say("status", **values))
    if old.ambition.statement != new.ambition.statement:
        c.lines.append(say("ambition"))
    _partners(old, new, say, c)
    _roles(old, new, say, c)
    _objectives(old, new, say, c)
    _activities(old, new, say, c)
    _agreements(old, new, say, c)
    _places(old, new, say, c)
    _contacts(old, new, say, c)
    if old.name != new.name:
        c.lines.append(say("renamed", old=old.name, new=new.name))
    if _reviewers(old) != _reviewers(new):
        c.attention.append(
            say(
                "reviewers",
                old=", ".join(sorted(_reviewers(old))) or "–",
                new=", ".join(sorted(_reviewers(new))) or "–",
            )
        )
    c.lines.extend(_unworded(old, new, say, worded, flat))


def _unworded(
    old: Dossier,
    new: Dossier,
    say: _Say,
    worded: bool = False,
    flat: tuple[Flat, Flat] | None = None,
) -> list[str]:
    """Changed fields the comparisons above do not put in words: listed by path for
    reviewers, or, `worded`, as phrases per item for readers of the site."""
    before, after = flat if flat is not None else (flattened(old), flattened(new))
    # Items added or removed as a whole are reported as such, not field by field.
    items = {p.split("]")[0] + "]" for p in before.keys() ^ after.keys() if "]" in p}
    whole = {i for i in items if not any(k.startswith(i) for k in before.keys() & after.keys())}
    other = sorted(
        path
        for path in before.keys() | after.keys()
        if before.get(path) != after.get(path)
        and _pattern(path) not in _WORDED
        and ".reviewers" not in path
        and not any(path.startswith(item) for item in whole)
    )
    if worded:
        return _in_words(
            old, new, say, other, {i: any(k.startswith(i) for k in before) for i in whole}
        )
    # Whole items added or removed where no sentence above says so.
    for item in sorted(whole):
        added = not any(k.startswith(item) for k in before)
        if item.split("[")[0] not in (_WORDED_ADDED if added else _WORDED_REMOVED):
            other.append(f"{item} {'+' if added else '−'}")
    if not other:
        return []
    shown = ", ".join(f"`{path}`" for path in other[:_MAX_OTHER])
    more = f" (+{len(other) - _MAX_OTHER})" if len(other) > _MAX_OTHER else ""
    return [say("other", fields=_Raw(shown + more))]


_ITEM = re.compile(r"^(\w+)\[([^\]]*)\](?:\.(\w+))?")
_FIELD = re.compile(r"\w+")
# Parts of a section that have words of their own ("stuurgroep", not "sturing").
_SUBSECTIONS = {"endorsed_by", "steering_group", "referee", "escalation", "mandates"}
# Per keyed list: the word for one item, and where its title is.
_KINDS = {
    "partners": ("", "name"),
    "agenda": ("activity", "title"),
    "agreements": ("agreement", "title"),
    "objectives": ("objective", "title"),
    "results": ("result", "title"),
    "places": ("place", "name"),
    "themes": ("theme", "name"),
    "deliverables": ("deliverable", "name"),
    "contacts": ("contact", "name"),
}


def _in_words(
    old: Dossier, new: Dossier, say: _Say, changed: list[str], whole: dict[str, bool]
) -> list[str]:
    """Changed fields as phrases: "Gemeente Noord: OIN en website gewijzigd", "thema
    ‘Zorg’ toegevoegd"; never a field's path. Items are named as the newer version
    names them, fields by their label (``field_`` labels)."""
    titles: dict[tuple[str, str], Any] = {}
    for dossier in (old, new):  # the newer name wins
        for top, (_kind, attribute) in _KINDS.items():
            ident = _KEYS[top]
            for item in getattr(dossier, top):
                titles[(top, str(getattr(item, ident)))] = getattr(item, attribute)
        for role in dossier.roles:
            titles[("roles", role.subject)] = titles.get(
                ("themes", role.subject), titles.get(("deliverables", role.subject), role.subject)
            )

    def subject(top: str, ident: str) -> _Raw:
        title = titles.get((top, ident), ident)
        if top == "partners":
            return _Raw(_text(title))
        if top == "roles":
            return _Raw(say("role_for", subject=say.quoted(title)))
        return _Raw(f"{say(_KINDS[top][0])} {say.quoted(title)}")

    def field_word(name: str) -> str:
        try:
            return say.label(f"field_{name}")
        except KeyError:
            return say("other_details")

    fields: dict[tuple[str, str] | None, list[str]] = {}
    added: list[tuple[str, str]] = []
    removed: list[tuple[str, str]] = []
    for path in changed:
        found = _ITEM.match(path)
        if found and (found[1] in _KEYS or found[1] == "roles"):
            where: tuple[str, str] | None = (found[1], found[2])
            name = found[3] or ""
        else:
            where = None
            parts = _FIELD.findall(path)
            name = parts[1] if len(parts) > 1 and parts[1] in _SUBSECTIONS else parts[0]
        word = field_word(name)
        if word not in fields.setdefault(where, []):
            fields[where].append(word)
    for item in sorted(whole):
        found = _ITEM.match(item)
        is_new = not whole[item]  # whole[item]: the older version had it
        if not found or not (found[1] in _KEYS or found[1] == "roles"):
            # An item of a list without ids (a value, an escalation step): its section changed.
            parts = _FIELD.findall(item)
            name = parts[1] if len(parts) > 1 and parts[1] in _SUBSECTIONS else parts[0]
            word = field_word(name)
            if word not in fields.setdefault(None, []):
                fields[None].append(word)
        elif found[1] not in (_WORDED_ADDED if is_new else _WORDED_REMOVED):
            (added if is_new else removed).append((found[1], found[2]))
    lines: list[str] = []
    if None in fields:
        lines.append(say("fields_changed", fields=_Raw(_joined(fields.pop(None), say))))
    lines += [
        say("item_changed", subject=subject(*where), fields=_Raw(_joined(words, say)))
        for where, words in sorted(fields.items(), key=lambda e: e[0] or ("", ""))
        if where is not None
    ]
    lines += [say("item_added", what=subject(*item)) for item in added]
    lines += [say("item_removed", what=subject(*item)) for item in removed]
    if len(lines) > _MAX_OTHER:
        lines = [*lines[: _MAX_OTHER - 1], say("more_changes", count=len(lines) - _MAX_OTHER + 1)]
    return lines


def _joined(words: list[str], say: _Say) -> str:
    """'a, b en c': escaped for Markdown like every other value."""
    escaped = [_text(w) for w in words]
    if len(escaped) < 2:
        return "".join(escaped)
    return f"{', '.join(escaped[:-1])} {say('and')} {escaped[-1]}"


def _empty_like(dossier: Dossier) -> Dossier:
    """The same dossier without items, to compare a new dossier against."""
    return dossier.model_copy(
        update={
            "agenda": [],
            "agreements": [],
            "places": [],
            "contacts": [],
            "objectives": [],
            "partners": [p.model_copy(update={"reviewers": []}) for p in dossier.partners],
        }
    )


def _reviewers(dossier: Dossier) -> set[str]:
    return {h for p in dossier.partners for h in p.reviewers}


def _partners(old: Dossier, new: Dossier, say: _Say, c: _Changes) -> None:
    before, after = _by(old.partners, lambda p: p.id), _by(new.partners, lambda p: p.id)
    for pid in after.keys() - before.keys():
        c.lines.append(say("partner_added", name=after[pid].name))
    for pid in before.keys() - after.keys():
        c.lines.append(say("partner_removed", name=before[pid].name))
    for pid in [p.id for p in new.partners if p.id in before]:
        was, now = before[pid], after[pid]
        line = _below(now)
        for what in ("influence", "dependency"):
            if getattr(was, what) != getattr(now, what):
                text = say(
                    "score",
                    name=now.name,
                    what=say.label(what).lower(),
                    old=getattr(was, what),
                    new=getattr(now, what),
                )
                if _below(was) != line:
                    text += _S["now_below" if line else "now_above"][say.index]
                c.lines.append(text)
        if was.target != now.target:
            c.lines.append(say("target", name=now.name, old=_position(was), new=_position(now)))


def _below(partner: Partner) -> bool:
    return partner.influence < partner.dependency


def _position(partner: Partner) -> str:
    if partner.target is None:
        return "–"
    return f"{partner.target.influence}/{partner.target.dependency}"


def _roles(old: Dossier, new: Dossier, say: _Say, c: _Changes) -> None:
    names = {p.id: p.name for p in [*old.partners, *new.partners]}
    subjects: dict[str, Any] = {t.id: t.name for t in [*old.themes, *new.themes]}
    subjects.update({d.id: d.name for d in [*old.deliverables, *new.deliverables]})
    before = _by(old.roles, lambda r: r.subject)
    for role in new.roles:
        was = before.get(role.subject)
        if was is not None and was.lead != role.lead:
            c.lines.append(
                say(
                    "lead",
                    subject=say.quoted(subjects.get(role.subject, role.subject)),
                    old=names.get(was.lead, was.lead),
                    new=names[role.lead],
                )
            )


def _objectives(old: Dossier, new: Dossier, say: _Say, c: _Changes) -> None:
    before = _by(old.objectives, lambda o: o.id)
    for objective in new.objectives:
        was = before.get(objective.id)
        if was is None:
            c.lines.append(say("objective_added", title=say.quoted(objective.title)))
        elif was.status != objective.status:
            c.lines.append(
                say(
                    "objective_status",
                    title=say.quoted(objective.title),
                    old=say.label.term("objective", was.status),
                    new=say.label.term("objective", objective.status),
                )
            )


def _activities(old: Dossier, new: Dossier, say: _Say, c: _Changes) -> None:
    before = _by(old.agenda, lambda a: a.id)
    after = _by(new.agenda, lambda a: a.id)
    for activity in sorted(new.agenda, key=lambda a: (a.start, a.id)):
        was = before.get(activity.id)
        title = say.quoted(activity.title)
        if was is None:
            c.lines.append(
                say(
                    "activity_added",
                    title=title,
                    public=say("public" if activity.public else "private"),
                    when=say.label.datetime(activity.start, activity.end),
                )
            )
            continue
        if not was.public and activity.public:
            c.attention.append(say("becomes_public", what=say("activity"), title=title))
        elif was.public and not activity.public:
            c.lines.append(say("becomes_private", what=say("activity"), title=title))
        if (was.start, was.end) != (activity.start, activity.end):
            c.lines.append(
                say(
                    "activity_moved",
                    title=title,
                    when=say.label.datetime(activity.start, activity.end),
                )
            )
    for aid in sorted(before.keys() - after.keys()):
        c.lines.append(say("activity_removed", title=say.quoted(before[aid].title)))


def _published(agreement: Agreement) -> bool:
    return agreement.public and agreement.status is not AgreementStatus.DRAFT


def _agreements(old: Dossier, new: Dossier, say: _Say, c: _Changes) -> None:
    before = _by(old.agreements, lambda a: a.id)
    for agreement in new.agreements:
        was = before.get(agreement.id)
        title = say.quoted(agreement.title)
        status = say.label.term("agreement_status", agreement.status)
        if was is None:
            c.lines.append(say("agreement_added", title=title, status=status))
            continue
        if was.status != agreement.status:
            if agreement.status is AgreementStatus.SIGNED:
                c.lines.append(say("agreement_signed", title=title))
            else:
                c.lines.append(
                    say(
                        "agreement_status",
                        title=title,
                        new=status,
                        old=say.label.term("agreement_status", was.status),
                    )
                )
        if not _published(was) and _published(agreement):
            c.attention.append(say("becomes_public", what=say("agreement"), title=title))
        elif _published(was) and not _published(agreement):
            c.lines.append(say("becomes_private", what=say("agreement"), title=title))


def _places(old: Dossier, new: Dossier, say: _Say, c: _Changes) -> None:
    before = _by(old.places, lambda p: p.id)
    for place in new.places:
        was = before.get(place.id)
        if (was is None or not was.public) and place.public:
            c.attention.append(
                say("becomes_public", what=say("place"), title=say.quoted(place.name))
            )


def _contacts(old: Dossier, new: Dossier, say: _Say, c: _Changes) -> None:
    # A contact's name is quoted like a title: what the dossier says stays apart
    # from what the summary says, so a name such as "Jan (niet openbaar)" cannot
    # read as the summary's own "(niet openbaar)".
    before: dict[str, Contact] = _by(old.contacts, lambda p: p.name)
    for person in new.contacts:
        was = before.get(person.name)
        if was is None:
            line = say(
                "contact_added",
                name=say.quoted(person.name),
                public=say("public" if person.public else "private"),
            )
            (c.attention if person.public else c.lines).append(line)
        elif not was.public and person.public:
            c.attention.append(
                say("becomes_public", what=say("contact"), title=say.quoted(person.name))
            )
        for what in ("email", "phone"):
            value, shown = getattr(person, what), getattr(person, f"{what}_public")
            had = getattr(was, what) if was else None
            if value and value != had:
                c.attention.append(
                    say(
                        "contact_detail",
                        what=say(what),
                        name=say.quoted(person.name),
                        public=say("public_short" if shown and person.public else "private_short"),
                    )
                )
            elif (
                was
                and value
                and shown
                and person.public
                and not (getattr(was, f"{what}_public") and was.public)
            ):
                c.attention.append(
                    say("detail_public", what=say(what), name=say.quoted(person.name))
                )


FORMATS = ("text", "markdown")
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]*)`")
_HEADING = re.compile(r"^(#{2,6}) (.*)$", re.M)


def as_text(markdown: str) -> str:
    """The summary as plain text for a terminal: no escapes, marks or entities.

    The Markdown is for a pull-request comment; in a terminal '\\-', '**' and
    '&amp;' are noise. Headings are underlined instead.
    """

    def heading(found: re.Match[str]) -> str:
        title = found[2]
        return f"{title}\n{('=' if len(found[1]) == 2 else '-') * len(title)}"

    text = _STRONG.sub(r"\1", markdown)
    text = _CODE.sub(r"\1", text)
    text = _UNESCAPE.sub(r"\1", text)
    text = _HEADING.sub(heading, text)
    return html.unescape(text)


def change_sentences(
    old: Dossier, new: Dossier, lang: str = "nl", flat: tuple[Flat, Flat] | None = None
) -> list[str]:
    """What changed between two versions of one dossier, as plain sentences.

    The same sentences as the review summary, without Markdown. The site's
    history (``history.py``) gives it only published projections of both
    versions, so every sentence speaks of public things.
    """
    say = _Say(lang)
    changes = _Changes()
    _compare(old, new, say, changes, worded=True, flat=flat)
    return [as_text(line) for line in changes.attention + changes.lines]
