"""The extraction engine: one cleaned document in, one ExtractionResult out.

    resources = load_resources()          # or load_resources(["en", "ar"])
    result = extract(doc, resources)      # pure: no I/O, no global state

Stage order (each stage is its own module):
  tokens -> gazetteer matches (entities, cues) -> sentences -> people/titles
  -> coreference -> dates -> sentence view -> events -> people/events records
  -> relations (agreements, milestones, commitments) -> topics -> PLOVER.
"""

from __future__ import annotations

from dragoman.extract.resources import Resources, load_resources
from dragoman.models import CleanDocument, ExtractionResult

EXTRACTOR_VERSION = "0.6.2"

__all__ = ["extract", "load_resources", "Resources", "EXTRACTOR_VERSION"]


def extract(doc: CleanDocument, resources: Resources) -> ExtractionResult:
    """Read who met whom, when, where, in what capacity and about what."""
    from dragoman.extract import pipeline

    return pipeline.run(doc, resources, EXTRACTOR_VERSION)
