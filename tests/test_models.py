"""ExtractionResult survives a JSON round trip unchanged (it is stored and shipped as JSON)."""

from __future__ import annotations

import json

from dragoman.models import (
    Agreement, Commitment, DocEvent, DocInstitution, DocPerson, EventDate, Evidence, ExtractionResult, Location,
    Mention, Milestone, Participant, Span,
)


def test_round_trip() -> None:
    ev = Evidence(0, 20, "The minister met …")
    result = ExtractionResult(
        document="d1", lang="en", version="x",
        mentions=[Mention("person", 4, 12, "Ali Khan", entity="p1"), Mention("country", 0, 3, "Iraqi", value="IQ")],
        people=[DocPerson("p1", "Ali Khan", honorifics=["Dr."], country="IQ", mentions=[Span(4, 12)], evidence=[ev])],
        institutions=[DocInstitution("iq.mfa", "Ministry of Foreign Affairs", "IQ", [Span(30, 56)])],
        events=[DocEvent("e1", "meeting", date=EventDate("2026-01-02", None, "day", ev), location=Location("Baghdad", "IQ", ev),
                         participants=[Participant("p1", "host", "Minister", None, "IQ", [ev])], evidence=[ev])],
        agreements=[Agreement("MoU on culture", "2026-01", ["IQ", "AZ"], evidence=[ev])],
        milestones=[Milestone("relations established", "relations_established", "1992", ["IQ", "AZ"], [ev])],
        commitments=[Commitment("regular consultations", "political_consultations", ["IQ"], None, [ev])],
    )
    again = ExtractionResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again == result
