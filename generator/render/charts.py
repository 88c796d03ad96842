"""Vega-Lite specs for the three matrices: pure functions from the public model.

A dossier supplies data only. Every spec here is a fixed template; dossier
values appear solely as data values (labels, names), never in an expression,
a format string, a field name or a URL. The one expression used compares a
number we computed ourselves.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..public import Coalition, PublicSite, Revision
from ..vocabulary import Sector
from . import matrix_layout, paths
from .labels import Labels
from .organisations import Organisation
from .refs import refs
from .trail import trails

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
VEGA_LITE_VERSION = "6.4"
SIDE = 380  # the partner matrix is square, so arrow heads point the right way
# Okabe & Ito's palette, distinguishable with every common colour vision deficiency.
SECTOR_COLOURS = {
    "public": "#0072B2",
    "private": "#D55E00",
    "civil-society": "#009E73",
    "education": "#CC79A7",
    "knowledge": "#E69F00",
}
# Sequential blues, darkest for the strongest role; text turns white on the dark two.
ROLE_COLOURS = {
    "lead": "#08306b",
    "contributes": "#2171b5",
    "consulted": "#9ecae1",
    "informed": "#deebf7",
}
ROLES = tuple(ROLE_COLOURS)


@dataclass(frozen=True)
class Chart:
    """One chart: where it goes (without extension), its spec, and what it shows."""

    path: str
    spec: dict[str, Any]
    alt: str


def _base(title: str, description: str) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "title": title,
        "description": description,
        "background": "white",
        "config": {"font": "sans-serif", "view": {"stroke": None}},
    }


def partner_matrix(
    coalition: Coalition, lang: str, history: Sequence[Revision] = ()
) -> dict[str, Any]:
    """Seed 001: dependency (x) against influence (y), the ambition line, the moves.

    Where the markers and arrows go is ``matrix_layout``'s: partners at one
    position on a ring, arrows around other partners' markers. With a history,
    a faint trail runs from each partner's earlier positions to where it is now.
    """
    label = Labels(lang)
    now = [(p.now.dependency, p.now.influence) for p in coalition.partners]
    targets = [
        None if p.target is None else (p.target.dependency, p.target.influence)
        for p in coalition.partners
    ]
    placed = matrix_layout.seats(now, targets)
    partners = []
    spots: dict[tuple[int, int], list[str]] = {}
    for number, (p, seat) in enumerate(zip(coalition.partners, placed, strict=False), start=1):
        below = p.below_ambition_line
        partners.append(
            {
                "number": number,
                "name": p.name,
                "key": f"{number}  {p.name}",
                "below": below,
                "sector": label.term("sector", p.sector),
                "dependency": p.now.dependency,
                "influence": p.now.influence,
                "x": seat.at[0],
                "y": seat.at[1],
                "position": label("below_line") if below else label("above_line"),
            }
        )
        spots.setdefault((p.now.dependency, p.now.influence), []).append(str(number))
    # A short number beside each position, on the side away from the ambition line:
    # to the right on or under it, above a position over it.
    numbers = []
    for (dep, infl), found in sorted(spots.items()):
        ring = matrix_layout.ring_radius(len(found))
        above = infl > dep
        numbers.append(
            {
                "x": dep if above else dep + ring,
                "y": infl + ring if above else infl,
                "numbers": ", ".join(found),
                "side": "above" if above else "right",
            }
        )
    moves: list[dict[str, Any]] = []
    heads: list[dict[str, Any]] = []
    stays: list[dict[str, Any]] = []
    for number, (p, seat) in enumerate(zip(coalition.partners, placed, strict=False), start=1):
        if p.target is None:
            continue
        if not seat.route:
            stays.append({"name": p.name, "x": seat.at[0], "y": seat.at[1]})
            continue
        moves.extend(
            {"move": number, "step": step, "x": x, "y": y} for step, (x, y) in enumerate(seat.route)
        )
        tip = seat.route[-1]
        heads.append({"name": p.name, "x": tip[0], "y": tip[1], "angle": seat.angle})
    trail_lines: list[dict[str, Any]] = []
    trail_points: list[dict[str, Any]] = []
    earlier = trails(coalition, history)
    for number, (p, seat) in enumerate(zip(coalition.partners, placed, strict=False), start=1):
        steps = earlier.get(p.id, ())
        for n, step in enumerate(steps):
            trail_points.append(
                {
                    "name": p.name,
                    "since": label.date(step.since),
                    "dependency": step.dependency,
                    "influence": step.influence,
                    "x": step.dependency,
                    "y": step.influence,
                }
            )
            trail_lines.append(
                {"trail": number, "step": n, "x": step.dependency, "y": step.influence}
            )
        if steps:
            trail_lines.append(
                {"trail": number, "step": len(steps), "x": seat.at[0], "y": seat.at[1]}
            )
    axis = {"values": [1, 2, 3, 4, 5], "tickMinStep": 1, "grid": True}
    scale = {"domain": [0.5, 5.5], "nice": False}
    x = {
        "field": "dependency",
        "type": "quantitative",
        "scale": scale,
        "axis": axis,
        "title": label("axis_dependency"),
    }
    y = {
        "field": "influence",
        "type": "quantitative",
        "scale": scale,
        "axis": axis,
        "title": label("axis_influence"),
    }
    # The scale knows every sector, so the template stays the same for every dossier;
    # the sector key under the plot lists only the sectors on the chart (data rows).
    sectors = [s.value for s in Sector]
    present = {p.sector for p in coalition.partners}
    sector_rows = [
        {"sector": label.term("sector", s), "rank": n}
        for n, s in enumerate(sectors)
        if s in present
    ]
    colour = {
        "field": "sector",
        "type": "nominal",
        "title": label("sector"),
        "legend": None,
        "scale": {
            "domain": [label.term("sector", s) for s in sectors],
            "range": [SECTOR_COLOURS[s] for s in sectors],
        },
    }
    at_x = {**x, "field": "x"}
    at_y = {**y, "field": "y"}
    spec = _base(
        f"{label('analysis')}: {coalition.name}",
        label("analysis_intro"),
    )
    matrix: dict[str, Any] = {
        "width": SIDE,
        "height": SIDE,
        "layer": [
            *(
                {
                    "name": f"quadrants_{side}",
                    "data": {"values": [q for q in _quadrants(label) if q["align"] == side]},
                    "mark": {
                        "type": "text",
                        "align": side,
                        "color": "#555555",
                        "fontSize": 10,
                        "fontStyle": "italic",
                        "limit": QUADRANT_LIMIT,
                    },
                    "encoding": {
                        "x": {**x, "field": "x"},
                        "y": {**y, "field": "y"},
                        "text": {"field": "text", "type": "nominal"},
                    },
                }
                for side in ("left", "right")
            ),
            {
                "name": "ambition_line",
                "data": {
                    "values": [
                        {"dependency": 0.5, "influence": 0.5},
                        {"dependency": 5.5, "influence": 5.5},
                    ]
                },
                "mark": {"type": "line", "strokeDash": [6, 4], "color": "#333333"},
                "encoding": {"x": x, "y": y},
            },
            # Earlier positions, faint, under everything that shows the present.
            {
                "name": "trail_lines",
                "data": {"values": trail_lines},
                "mark": {
                    "type": "line",
                    "color": "#767676",
                    "strokeWidth": 1,
                    "strokeDash": [2, 2],
                },
                "encoding": {
                    "x": at_x,
                    "y": at_y,
                    "detail": {"field": "trail", "type": "nominal"},
                    "order": {"field": "step", "type": "quantitative"},
                },
            },
            {
                "name": "trail_points",
                "data": {"values": trail_points},
                "mark": {
                    "type": "point",
                    "shape": "circle",
                    "filled": False,
                    "color": "#767676",
                    "size": 60,
                },
                "encoding": {
                    "x": at_x,
                    "y": at_y,
                    "tooltip": [
                        {"field": "name", "title": label("partner")},
                        {"field": "since", "title": label("trail")},
                        {"field": "dependency", "title": label("dependency")},
                        {"field": "influence", "title": label("influence")},
                    ],
                },
            },
            {
                "name": "target_arrows",
                "data": {"values": moves},
                "mark": {"type": "line", "color": "#333333", "strokeWidth": 1.5},
                "encoding": {
                    "x": at_x,
                    "y": at_y,
                    "detail": {"field": "move", "type": "nominal"},
                    "order": {"field": "step", "type": "quantitative"},
                },
            },
            {
                "name": "target_stays",
                "data": {"values": stays},
                "mark": {
                    "type": "point",
                    "shape": "circle",
                    "filled": False,
                    "color": "#333333",
                    "size": 420,
                    "strokeDash": [3, 2],
                },
                "encoding": {"x": at_x, "y": at_y},
            },
            {
                "name": "partners",
                "data": {"values": partners},
                "mark": {
                    "type": "point",
                    "filled": True,
                    "size": 110,
                    "opacity": 1,
                    "stroke": "#000000",
                    "strokeWidth": 1,
                },
                "encoding": {
                    "x": at_x,
                    "y": at_y,
                    "color": colour,
                    "shape": {
                        "field": "position",
                        "type": "nominal",
                        "title": label("ambition_line"),
                        "scale": {
                            "domain": [label("above_line"), label("below_line")],
                            "range": ["circle", "triangle-down"],
                        },
                    },
                    "tooltip": [
                        {"field": "name", "title": label("partner")},
                        {"field": "dependency", "title": label("dependency")},
                        {"field": "influence", "title": label("influence")},
                    ],
                },
            },
            # Drawn after the points, so a head that ends on a point stays visible.
            {
                "name": "target_heads",
                "data": {"values": heads},
                "mark": {
                    "type": "point",
                    "shape": "triangle-up",
                    "filled": True,
                    "color": "#333333",
                    "size": 70,
                },
                "encoding": {
                    "x": at_x,
                    "y": at_y,
                    "angle": {"field": "angle", "type": "quantitative", "scale": None},
                },
            },
            *(
                {
                    "name": f"partner_numbers_{side}",
                    "data": {"values": [n for n in numbers if n["side"] == side]},
                    "mark": {
                        "type": "text",
                        "fontSize": 11,
                        "fontWeight": "bold",
                        **(
                            {"align": "left", "baseline": "middle", "dx": 9}
                            if side == "right"
                            else {"align": "center", "baseline": "bottom", "dy": -8}
                        ),
                    },
                    "encoding": {
                        "x": at_x,
                        "y": at_y,
                        "text": {"field": "numbers", "type": "nominal"},
                    },
                }
                for side in ("right", "above")
            ),
        ],
    }
    key = {
        "name": "partner_key",
        "data": {"values": partners},
        "width": SIDE,
        "height": {"step": 16},
        "encoding": {"y": {"field": "number", "type": "ordinal", "axis": None}, "x": {"value": 0}},
        "layer": [
            {
                "name": "partner_labels" + ("_below" if below else ""),
                "transform": [{"filter": {"field": "below", "equal": below}}],
                "mark": {
                    "type": "text",
                    "align": "left",
                    "fontSize": 11,
                    "fontWeight": "bold" if below else "normal",
                },
                "encoding": {"text": {"field": "key", "type": "nominal"}},
            }
            for below in (False, True)
        ],
    }
    sector_key = {
        "name": "sector_key",
        "title": label("sector"),
        "data": {"values": sector_rows},
        "width": SIDE,
        "height": {"step": 16},
        "encoding": {"y": {"field": "rank", "type": "ordinal", "axis": None}},
        "layer": [
            {
                "name": "sector_swatches",
                "mark": {"type": "point", "filled": True, "size": 110, "stroke": "#000000"},
                "encoding": {"x": {"value": 6}, "color": colour},
            },
            {
                "name": "sector_names",
                "mark": {"type": "text", "align": "left", "fontSize": 11, "dx": 16},
                "encoding": {"x": {"value": 0}, "text": {"field": "sector", "type": "nominal"}},
            },
        ],
    }
    # The key and legends go under the plot, so the chart stays narrow on a phone.
    spec.update({"vconcat": [matrix, sector_key, key], "spacing": 16})
    spec["config"] = {**spec["config"], "legend": {"orient": "bottom", "direction": "vertical"}}
    return spec


def _quadrants(label: Labels) -> list[dict[str, Any]]:
    """The quadrant labels, each on one side of the ambition line (y = x): the two
    that share a row with the line's end start or end in the middle column, and a
    limit keeps every label short of the line."""
    return [
        {"x": 0.6, "y": 5.35, "align": "left", "text": label("q_influential_replaceable")},
        {"x": 3.05, "y": 5.35, "align": "left", "text": label("q_influential_indispensable")},
        {"x": 2.95, "y": 0.65, "align": "right", "text": label("q_minor_replaceable")},
        {"x": 5.4, "y": 0.65, "align": "right", "text": label("q_minor_indispensable")},
    ]


# Pixels a quadrant label may take: from its anchor to the ambition line, less a margin.
QUADRANT_LIMIT = round((5.35 - 3.05 - 0.15) * SIDE / 5)


def role_matrix(coalition: Coalition, lang: str) -> dict[str, Any]:
    """Partners by themes or deliverables, each cell the partner's role."""
    label = Labels(lang)
    found = refs(coalition)
    names = found.names
    subjects = {i: name.get(lang)[0] for i, name in found.subjects.items()}
    rank = {p.id: n for n, p in enumerate(coalition.partners)}
    subject_rank = {r.subject: n for n, r in reversed(list(enumerate(coalition.roles)))}
    cells = []
    for role in coalition.roles:
        for kind in ROLES:
            people = [role.lead] if kind == "lead" else list(getattr(role, kind))
            for partner in people:
                cells.append(
                    {
                        "partner": names[partner],
                        "subject": subjects[role.subject],
                        "role": label.term("role", kind),
                        "strength": ROLES.index(kind),
                        # Sorting on our own numbers: a list of names in 'sort' would
                        # become an expression holding dossier text.
                        "partner_rank": rank[partner],
                        "subject_rank": subject_rank[role.subject],
                    }
                )
    role_domain = [label.term("role", kind) for kind in ROLES]
    spec = _base(f"{label('roles')}: {coalition.name}", label("roles_intro"))
    spec.update(
        {
            "data": {"values": cells},
            "width": {"step": 110},
            "height": {"step": 30},
            "encoding": {
                "x": {
                    "field": "subject",
                    "type": "nominal",
                    "sort": {"field": "subject_rank", "op": "min"},
                    "title": label("subject"),
                    "axis": {"orient": "top", "labelAngle": 0, "labelLimit": 105},
                },
                "y": {
                    "field": "partner",
                    "type": "nominal",
                    "sort": {"field": "partner_rank", "op": "min"},
                    "title": label("partner"),
                    "axis": {"labelLimit": 220},
                },
            },
            "layer": [
                {
                    "name": "role_cells",
                    "mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
                    "encoding": {
                        "color": {
                            "field": "role",
                            "type": "ordinal",
                            "title": label("role"),
                            "scale": {"domain": role_domain, "range": list(ROLE_COLOURS.values())},
                        },
                    },
                },
                {
                    "name": "role_texts",
                    "mark": {"type": "text", "fontSize": 10},
                    "encoding": {
                        "text": {"field": "role", "type": "nominal"},
                        # A fixed test on a number we computed: never a dossier value.
                        "color": {
                            "condition": {"test": "datum.strength <= 1", "value": "white"},
                            "value": "black",
                        },
                    },
                },
            ],
        }
    )
    return spec


NETWORK_ORGANISATIONS = 30  # rows of the network chart, at most
NETWORK_COALITIONS = 20  # columns: more would shrink the drawing past reading on a page


def network_limited(site: PublicSite, orgs: tuple[Organisation, ...]) -> bool:
    """Whether the network chart shows only part of the organisations or coalitions."""
    many = len(orgs) > NETWORK_ORGANISATIONS
    return many or len(site.coalitions) > NETWORK_COALITIONS


def network_matrix(site: PublicSite, orgs: tuple[Organisation, ...], lang: str) -> dict[str, Any]:
    """Organisations by coalitions (`orgs`: ``organisations(site)``): who is in what,
    and who is everywhere."""
    label = Labels(lang)
    counts = {org.id: len(org.memberships) for org in orgs}
    display = _unique({org.id: org.name for org in orgs})
    most = max(counts.values(), default=0)
    # A readable chart at any scale: the organisations in most coalitions, and the
    # coalitions where most of them meet. The table beside it lists everyone.
    order = heapq.nsmallest(
        NETWORK_ORGANISATIONS, counts, key=lambda org: (-counts[org], display[org].casefold(), org)
    )
    # Through the shown organisations' memberships only, not every coalition; the
    # cells then in the site's order (coalitions by slug, partners as listed).
    shown_orgs = set(order)
    chosen = [m for org in orgs if org.id in shown_orgs for m in org.memberships]
    meetings = Counter(coalition.slug for coalition, _ in chosen)
    shown = set(sorted(meetings, key=lambda slug: (-meetings[slug], slug))[:NETWORK_COALITIONS])
    placed: list[tuple[str, int, dict[str, Any]]] = []
    for coalition, p in chosen:
        if coalition.slug not in shown:
            continue
        steering = coalition.governance.steering_group.members
        kind = (
            "steering"
            if p.id in steering
            else "member"
            if p.id in coalition.we.members
            else "partner_only"
        )
        position = next(n for n, q in enumerate(coalition.partners) if q is p)
        cell: dict[str, Any] = {
            "organisation": p.organisation,
            "coalition": coalition.slug,
            "kind": kind,
        }
        placed.append((coalition.slug, position, cell))
    placed.sort(key=lambda entry: entry[:2])
    cells = [cell for *_, cell in placed]
    org_rank = {org: n for n, org in enumerate(order)}
    coalition_names = _unique({c.slug: c.name for c in site.coalitions if c.slug in shown})
    coalition_rank = {
        slug: n
        for n, slug in enumerate(
            sorted(coalition_names, key=lambda s: coalition_names[s].casefold())
        )
    }
    for cell in cells:
        cell["organisation_rank"] = org_rank[cell["organisation"]]
        cell["organisation"] = display[cell["organisation"]]
        cell["coalition_rank"] = coalition_rank[cell["coalition"]]
        cell["coalition"] = coalition_names[cell["coalition"]]
        cell["kind"] = label(f"net_{cell['kind']}")
    totals = [
        {
            "organisation": display[org],
            "organisation_rank": org_rank[org],
            "coalitions": counts[org],
            "marked": label("net_most") if counts[org] == most and most > 1 else label("net_other"),
        }
        for org in order
    ]
    y = {
        "field": "organisation",
        "type": "nominal",
        "sort": {"field": "organisation_rank", "op": "min"},
        "title": label("organisation"),
        "axis": {"labelLimit": 240},
    }
    kinds = [label("net_steering"), label("net_member"), label("net_partner_only")]
    spec = _base(label("network_title"), label("network_intro"))
    spec.update(
        {
            "spacing": 12,
            "resolve": {
                "scale": {"y": "shared", "color": "independent"},
                "legend": {"color": "independent"},
            },
            "hconcat": [
                {
                    "name": "network_cells",
                    "data": {"values": cells},
                    "width": {"step": 28},
                    "height": {"step": 18},
                    "mark": {"type": "rect", "stroke": "white", "strokeWidth": 1},
                    "encoding": {
                        "x": {
                            "field": "coalition",
                            "type": "nominal",
                            "sort": {"field": "coalition_rank", "op": "min"},
                            "title": label("coalition"),
                            "axis": {"orient": "top", "labelAngle": -45, "labelLimit": 200},
                        },
                        "y": y,
                        "color": {
                            "field": "kind",
                            "type": "nominal",
                            "title": label("role"),
                            "scale": {"domain": kinds, "range": ["#08306b", "#4292c6", "#c6dbef"]},
                        },
                    },
                },
                {
                    "name": "network_totals",
                    "data": {"values": totals},
                    "width": 120,
                    "height": {"step": 18},
                    "mark": {"type": "bar"},
                    "encoding": {
                        "x": {
                            "field": "coalitions",
                            "type": "quantitative",
                            "title": label("count_coalitions"),
                            "axis": {"tickMinStep": 1, "orient": "top"},
                        },
                        "y": {**y, "axis": None},
                        "color": {
                            "field": "marked",
                            "type": "nominal",
                            "title": None,
                            "scale": {
                                "domain": [label("net_most"), label("net_other")],
                                "range": ["#D55E00", "#999999"],
                            },
                        },
                    },
                },
            ],
        }
    )
    return spec


def _unique(labels: dict[str, str]) -> dict[str, str]:
    """Labels that tell apart different things with the same name: 'Name (id)'."""
    seen = Counter(labels.values())
    return {key: f"{name} ({key})" if seen[name] > 1 else name for key, name in labels.items()}


def coalition_charts(c: Coalition, lang: str, history: Sequence[Revision] = ()) -> list[Chart]:
    """A coalition's own charts: the partner matrix and, if it has roles, the role matrix."""
    label = Labels(lang)
    found = [
        Chart(
            paths.coalition_chart(c.slug, "partners", lang),
            partner_matrix(c, lang, history),
            f"{label('analysis')}: {c.name}",
        )
    ]
    if c.roles:
        found.append(
            Chart(
                paths.coalition_chart(c.slug, "roles", lang),
                role_matrix(c, lang),
                f"{label('roles')}: {c.name}",
            )
        )
    return found


def network_chart(site: PublicSite, orgs: tuple[Organisation, ...], lang: str) -> list[Chart]:
    """The network across coalitions (none without coalitions)."""
    if not site.coalitions:
        return []
    label = Labels(lang)
    return [
        Chart(
            paths.network_chart(lang),
            network_matrix(site, orgs, lang),
            label("network_title"),
        )
    ]
