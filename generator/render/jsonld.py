"""schema.org metadata (JSON-LD): an Event for each public activity of a
coalition, on its page, and the open data as a Dataset, on the open-data page.

Search engines, event aggregators and dataset search read it there. The JSON
is written so that nothing in it can end the <script> element: '<', '>' and
'&' become JSON escapes.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..amsterdam import aware
from ..public import Activity, Coalition, Place
from ..settings import Settings
from .exports import FOLDER, LICENCE_URL, TABLES
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


def where(coalition: Coalition, activity: Activity) -> tuple[Place | None, str | None]:
    """Where an activity is (its place, its online link) for its metadata: its own
    place, or else, when it gives neither, the coalition's meeting place, where its
    people meet (schema.org wants a location for every Event)."""
    place = next((p for p in coalition.places if p.id == activity.place), None)
    if place is None and activity.online is None and coalition.meeting_place is not None:
        meeting = coalition.meeting_place.place
        place = next((p for p in coalition.places if p.id == meeting), None)
    return place, activity.online


def located(coalition: Coalition, activity: Activity) -> bool:
    """Whether the activity has a place or an online link to give as its location."""
    place, online = where(coalition, activity)
    return place is not None or online is not None


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
    place, online = where(coalition, activity)
    locations: list[dict[str, Any]] = []
    if place is not None:
        spot: dict[str, Any] = {"@type": "Place", "name": place.name}
        if place.address is not None:
            spot["address"] = place.address.get(lang)[0]
        if place.url is not None:
            spot["url"] = place.url
        locations.append(spot)
    if online is not None:
        locations.append({"@type": "VirtualLocation", "url": online})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    data["eventAttendanceMode"] = "https://schema.org/" + (
        "MixedEventAttendanceMode"
        if len(locations) > 1
        else "OnlineEventAttendanceMode"
        if online and place is None
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


def _script(data: dict[str, Any]) -> Md:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Md(f'<script type="application/ld+json">\n{safe}\n</script>')


def script(coalition: Coalition, lang: str, base_url: str) -> Md:
    """A <script type="application/ld+json"> block with every public activity, or nothing."""
    # schema.org requires an Event's location, and consumers drop an Event without
    # one: an activity with no place, no online link and no meeting place of its
    # coalition to fall back on is left out here (its page and calendar still show it).
    events = [
        event(coalition, a, lang, base_url) for a in coalition.agenda if located(coalition, a)
    ]
    if not events:
        return Md("")
    return _script({"@context": "https://schema.org", "@graph": events})


def dataset(
    settings: Settings, lang: str, base_url: str, build_date: date, coalitions: int
) -> dict[str, Any]:
    """The open data as a schema.org Dataset, with a DataDownload per file of the whole
    set (the same files as the DCAT catalogue's distributions)."""
    label = Labels(lang)
    folder = f"{base_url}{FOLDER}/"
    publisher = settings.publisher
    organisation: dict[str, Any] = {"@type": "Organization", "name": publisher.organisation}
    if publisher.uri is not None:
        organisation["@id"] = publisher.uri
    files = [("dossiers.json", "application/json")] + [(f"{n}.csv", "text/csv") for n in TABLES]
    return {
        "@type": "Dataset",
        "@id": f"{folder}#dataset",
        "name": label("dataset_name"),
        "description": label("dataset_description").format(count=coalitions),
        "url": folder,
        "inLanguage": lang,
        "license": LICENCE_URL,
        "isAccessibleForFree": True,
        "dateModified": build_date.isoformat(),
        "keywords": label("dataset_keywords").split(", "),
        "creator": organisation,
        "publisher": organisation,
        "includedInDataCatalog": {"@type": "DataCatalog", "url": f"{folder}catalog.jsonld"},
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "contentUrl": f"{folder}{name}",
                "encodingFormat": media,
                "license": LICENCE_URL,
            }
            for name, media in files
        ],
    }


def dataset_script(
    settings: Settings, lang: str, base_url: str, build_date: date, coalitions: int
) -> Md:
    """The open data's Dataset in a <script type="application/ld+json"> block."""
    return _script(
        {
            "@context": "https://schema.org",
            **dataset(settings, lang, base_url, build_date, coalitions),
        }
    )
