"""schema.org Event metadata (JSON-LD) for the public activities of a coalition.

Search engines and event aggregators read it from the coalition's page. The
JSON is written so that nothing in it can end the <script> element: '<', '>'
and '&' become JSON escapes.
"""

from __future__ import annotations

import json
from typing import Any

from ..amsterdam import aware
from ..public import Activity, Coalition
from .feeds import activity_url
from .labels import Labels
from .markdown import Md
from .refs import refs


def _organisation(coalition: Coalition, partner_id: str, name: str) -> dict[str, Any]:
    """An organiser as a schema.org Organization, with its register identifiers where given."""
    data: dict[str, Any] = {"@type": "Organization", "name": name}
    partner = next((p for p in coalition.partners if p.id == partner_id), None)
    if partner is None:
        return data
    if partner.website is not None:
        data["url"] = partner.website
    if partner.kvk is not None:
        data["identifier"] = [_register("KvK", partner.kvk)]
    if partner.oin is not None:
        data.setdefault("identifier", []).append(_register("OIN", partner.oin))
    if partner.tooi is not None:
        data.setdefault("identifier", []).append(partner.tooi)
        data["sameAs"] = partner.tooi
    return data


def _register(register: str, number: str) -> dict[str, str]:
    return {"@type": "PropertyValue", "propertyID": register, "value": number}


def event(coalition: Coalition, activity: Activity, lang: str, base_url: str) -> dict[str, Any]:
    """One activity as a schema.org Event."""
    label = Labels(lang)
    names = refs(coalition).names
    data: dict[str, Any] = {
        "@type": "Event",
        "@id": activity_url(base_url, coalition, activity, lang),
        "name": activity.title.get(lang)[0],
        "inLanguage": activity.title.get(lang)[1],
        "startDate": aware(activity.start).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "url": activity_url(base_url, coalition, activity, lang),
        "organizer": [_organisation(coalition, i, names[i]) for i in activity.organisers],
    }
    if activity.end is not None:
        data["endDate"] = aware(activity.end).isoformat()
    if activity.description is not None:
        data["description"] = activity.description.get(lang)[0]
    place = next((p for p in coalition.places if p.id == activity.place), None)
    locations: list[dict[str, Any]] = []
    if place is not None:
        located: dict[str, Any] = {"@type": "Place", "name": place.name}
        if place.address is not None:
            located["address"] = place.address.get(lang)[0]
        locations.append(located)
    if activity.online is not None:
        locations.append({"@type": "VirtualLocation", "url": activity.online})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    data["eventAttendanceMode"] = "https://schema.org/" + (
        "MixedEventAttendanceMode"
        if len(locations) > 1
        else "OnlineEventAttendanceMode"
        if activity.online and place is None
        else "OfflineEventAttendanceMode"
    )
    if activity.free is not None:
        data["isAccessibleForFree"] = activity.free
    if activity.open_to_newcomers:
        data["audience"] = {"@type": "Audience", "audienceType": label("open_to_newcomers")}
    if activity.registration is not None:
        data["offers"] = {
            "@type": "Offer",
            "url": activity.registration,
            **({"price": 0, "priceCurrency": "EUR"} if activity.free else {}),
        }
    return data


def script(coalition: Coalition, lang: str, base_url: str) -> Md:
    """A <script type="application/ld+json"> block with every public activity, or nothing."""
    if not coalition.agenda:
        return Md("")
    graph = {
        "@context": "https://schema.org",
        "@graph": [event(coalition, a, lang, base_url) for a in coalition.agenda],
    }
    text = json.dumps(graph, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Md(f'<script type="application/ld+json">\n{safe}\n</script>')
