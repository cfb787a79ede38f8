"""The network of people, institutions and countries linked by shared events.

Nodes are people (``per_…``), institutions (``org_…``, or ``orgname:…`` for an
organisation named in a report but not resolved to an institution) and countries
(ISO alpha-2). Edges, undirected and weighted by the number of shared events,
carry the first and last date they were seen and the event ids:

- person – person: took part in the same event;
- person – institution: took part acting for the institution;
- person – country: represented the country;
- institution – country: the institution's country;
- country – country: an event involving both countries.

Written as GraphML or GEXF 1.2 with networkx, both loadable in Gephi. The graph
holds one node per entity and one edge per linked pair, not per event, so its
size follows the directory, not the number of events streamed through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import Any, BinaryIO, Callable

import networkx as nx

Tick = Callable[[int], None]


class NetworkBuilder:
    """Accumulates event records into a weighted ``networkx.Graph``."""

    def __init__(self, institutions: dict[str, tuple[str, str | None]] | None = None) -> None:
        """``institutions`` maps every known institution name to (id, country)."""
        self.graph = nx.Graph(name="Dragoman network")
        self.institutions = institutions or {}

    def _node(self, node: str, ev_id: str, **attrs: Any) -> None:
        clean = {k: v for k, v in attrs.items() if v is not None}
        if node in self.graph:
            data = self.graph.nodes[node]
            data.setdefault("_events", set()).add(ev_id)
            for k, v in clean.items():
                data.setdefault(k, v)
        else:
            self.graph.add_node(node, _events={ev_id}, **clean)

    def _edge(self, a: str, b: str, kind: str, ev_id: str, date: str | None) -> None:
        if a == b:
            return
        g = self.graph
        if g.has_edge(a, b):
            data = g.edges[a, b]
            if ev_id in data["_events"]:
                return
            data["_events"].add(ev_id)
            data["weight"] += 1
            if date:
                data["first"] = min(data.get("first") or date, date)
                data["last"] = max(data.get("last") or date, date)
        else:
            attrs = {"kind": kind, "weight": 1, "_events": {ev_id}}
            if date:
                attrs.update(first=date, last=date)
            g.add_edge(a, b, **attrs)

    def add(self, rec: dict[str, Any]) -> None:
        """Add one FORMAT.md event record."""
        ev_id = rec["id"]
        date = (rec.get("date") or {}).get("start")
        people: list[str] = []
        for p in rec.get("participants", []):
            pid, country = p["entity_id"], p.get("country")
            self._node(pid, ev_id, type="person", label=p.get("name_latin") or p.get("name"), name=p.get("name"),
                       country=country, title=p.get("title"))
            people.append(pid)
            if country:
                self._node(country, ev_id, type="country", label=country)
                self._edge(pid, country, "represents", ev_id, date)
            org = p.get("organization")
            if org:
                inst_id, inst_country = self.institutions.get(org, (f"orgname:{org}", None))
                self._node(inst_id, ev_id, type="institution", label=org, country=inst_country or country)
                self._edge(pid, inst_id, "acts_for", ev_id, date)
                ic = inst_country or country
                if ic:
                    self._node(ic, ev_id, type="country", label=ic)
                    self._edge(inst_id, ic, "of_country", ev_id, date)
        for a, b in combinations(sorted(set(people)), 2):
            self._edge(a, b, "met", ev_id, date)
        countries = sorted(set(rec.get("countries") or []))
        for c in countries:
            self._node(c, ev_id, type="country", label=c)
        for a, b in combinations(countries, 2):
            self._edge(a, b, "bilateral", ev_id, date)

    def finish(self) -> nx.Graph:
        """The graph with its event sets turned into counts and text attributes."""
        for _n, data in self.graph.nodes(data=True):
            data["events"] = len(data.pop("_events", ()))
        for _a, _b, data in self.graph.edges(data=True):
            events = data.pop("_events", set())
            data["events"] = " ".join(sorted(events))
        return self.graph


def build_network(records: Iterable[dict[str, Any]], institutions: dict[str, tuple[str, str | None]] | None = None,
                  tick: Tick | None = None) -> nx.Graph:
    builder = NetworkBuilder(institutions)
    for rec in records:
        builder.add(rec)
        if tick:
            tick(1)
    return builder.finish()


def write_network(graph: nx.Graph, fmt: str, out: BinaryIO) -> None:
    """Write ``graph`` as ``graphml`` or ``gexf`` to a binary stream."""
    if fmt == "graphml":
        nx.write_graphml(graph, out, encoding="utf-8", prettyprint=True)
    else:
        nx.write_gexf(graph, out, encoding="utf-8", prettyprint=True, version="1.2draft")
