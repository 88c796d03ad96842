"""A synthetic corpus of realistic dossiers, deterministic by seed.

Each coalition has about 15 partners, 10 objectives, 20 activities, 5
agreements and a role division. Organisations are shared the way real ones
are: a few (a province, the big municipalities, a university) take part in
many coalitions, most in one or two (a Zipf-like draw).

Usage: python benchmarks/corpus.py N FOLDER [--seed S]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

SECTORS = ("public", "private", "civil-society", "education", "knowledge")
TYPES = ("products", "goals", "movement", "platform")
WORDS = (
    "lezen",
    "wonen",
    "zorg",
    "energie",
    "werk",
    "water",
    "natuur",
    "jeugd",
    "armoede",
    "mobiliteit",
    "cultuur",
    "sport",
    "veiligheid",
    "voedsel",
    "taal",
    "digitaal",
)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _organisations(count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    kinds = (
        "Gemeente",
        "Stichting",
        "Bibliotheek",
        "Woningcorporatie",
        "Hogeschool",
        "Bedrijf",
        "Zorggroep",
        "Welzijn",
        "Provincie",
        "Schoolbestuur",
    )
    found = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        name = f"{kind} {rng.choice(WORDS).capitalize()} {n}"
        sector = {
            "Gemeente": "public",
            "Provincie": "public",
            "Hogeschool": "education",
            "Schoolbestuur": "education",
            "Bedrijf": "private",
        }.get(kind, "civil-society")
        found.append((f"org-{n}", name, sector))
    return found


def dossier(index: int, organisations: list[tuple[str, str, str]], rng: random.Random) -> str:
    """One coalition's dossier as YAML text."""
    weights = [1 / (rank + 1) for rank in range(len(organisations))]  # a few in many
    chosen: list[tuple[str, str, str]] = []
    while len(chosen) < 15:
        pick = rng.choices(organisations, weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    partners = [
        {
            "id": f"p{n}",
            "name": name,
            "organisation": org,
            "sector": sector,
            "influence": rng.randint(1, 5),
            "dependency": rng.randint(1, 5),
            **(
                {
                    "target": {"influence": rng.randint(1, 5), "dependency": rng.randint(1, 5)},
                    "strategy": "Meerjarige afspraken maken en samen investeren in de aanpak.",
                }
                if n % 3 == 0
                else {}
            ),
            "time": {"days_per_week": rng.choice([0.5, 1, 2]), "compensated": n % 2 == 0},
        }
        for n, (org, name, sector) in enumerate(chosen)
    ]
    ids = [p["id"] for p in partners]
    themes = [{"id": f"thema-{n}", "name": f"Thema {rng.choice(WORDS)} {n}"} for n in range(4)]
    roles = [
        {
            "theme": t["id"],
            "lead": ids[n],
            "contributes": ids[4 + n : 6 + n],
            "consulted": [ids[10 + n]],
            "informed": [ids[14]],
        }
        for n, t in enumerate(themes)
    ]
    kind = TYPES[index % 4]
    data: dict[str, Any] = {
        "name": f"Samenwerking {rng.choice(WORDS)} {index}",
        "status": "active",
        "type": kind,
        "summary": "Partners werken samen aan een opgave in de wijk. " * 2,
        "societal_question": "Inwoners merken dat voorzieningen elkaar niet vinden. " * 3,
        "ambition": {
            "statement": "Samen zorgen we voor een betere wijk.",
            "endorsed_by": [{"partner": i, "since": "2026-01-15"} for i in ids[:4]],
        },
        "values": [{"name": "Samen", "meaning": "We doen het samen."}],
        "objectives": [
            {
                "id": f"doel-{n}",
                "title": f"Doel {n}",
                "indicator": "Aantal inwoners",
                "target": "100",
                "deadline": "2028-12-31",
                "status": "on-track",
            }
            for n in range(10)
        ],
        "partners": partners,
        "we": {"members": ids[:10], "mandates": [{"partner": ids[0], "may": ["speak", "sign"]}]},
        "governance": {
            "steering_group": {"members": ids[:5], "chair": ids[0]},
            "referee": {"name": "Onafhankelijk bemiddelaar"},
        },
        "themes": themes,
        "roles": roles,
        "places": [{"id": "plek", "name": "Buurthuis", "address": "Dorpsstraat 1", "public": True}],
        "meeting_place": {"place": "plek"},
        "agenda": [
            {
                "id": f"act-{n}",
                "title": f"Bijeenkomst {n}",
                "start": f"2027-{1 + n % 12:02d}-{1 + n % 27:02d}T19:30",
                "place": "plek",
                "organisers": [ids[n % 15]],
                "public": n % 4 != 0,
                "open_to_newcomers": n % 2 == 1,
                "how_to_join": "Loop binnen.",
            }
            for n in range(20)
        ],
        "agreements": [
            {
                "id": f"afspraak-{n}",
                "title": f"Afspraak {n}",
                "kind": "covenant",
                "parties": ids[:3],
                "status": "signed",
                "signed": "2026-02-01",
                "public": n != 0,
                "investments": [{"partner": ids[0], "amount": 10000 * (n + 1), "per": "year"}],
                "risks": [{"what": "Minder subsidie", "borne_by": [ids[0]]}],
            }
            for n in range(5)
        ],
        "contacts": [
            {
                "name": "Coördinator",
                "email": "info@voorbeeld.example",
                "public": True,
                "email_public": True,
            }
        ],
    }
    if kind == "products":
        data["deliverables"] = [{"id": "dienst", "name": "Gezamenlijke dienst"}]
        data["roles"].append({"deliverable": "dienst", "lead": ids[1]})
    header = "# yaml-language-server: $schema=../schema/dossier.schema.json\n"
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def write_corpus(count: int, folder: Path, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    organisations = _organisations(max(40, count * 4), rng)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"coalitie-{index:05d}.yml"
        path.write_text(dossier(index, organisations, rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description="Write N synthetic dossiers into FOLDER.")
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_corpus(args.count, args.folder, args.seed)


if __name__ == "__main__":
    main()
