"""Syndication: near-duplicate documents (wire copies, pages scraped twice).

Each document's cleaned text is shingled (word 5-grams of the search-normalised
text) into a 128-permutation MinHash (``datasketch``). The signature is cut
into 16 bands of 8 rows (a candidate threshold near Jaccard 0.7); each band's
hash is stored in ``document_bands``, so finding the candidates of a new
document is one indexed ``IN`` query: the LSH index lives in the database,
grows by 16 rows per document, and is never rebuilt in memory. Candidates are
confirmed on the estimated Jaccard similarity of the stored signatures.

A copy points at the *original* (the earliest document of its group, i.e. the
first one resolved) in ``document_copies``; events count the group once as a
newsroom.
"""

from __future__ import annotations

import hashlib

import numpy as np
from datasketch import MinHash
from sqlalchemy.orm import Session

from dragoman.store import events as db
from dragoman.store.events import DocRow
from dragoman.textnorm import normalize_for_search

__all__ = ["NUM_PERM", "BANDS", "THRESHOLD", "signature", "band_keys", "detect_copy"]

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.7  # estimated Jaccard at or above which a document is a copy
SHINGLE = 5
MIN_WORDS = 20  # shorter texts are not compared (too little to tell a copy)


def signature(text: str) -> np.ndarray | None:
    """MinHash hash values of the text's word shingles, or None for very short texts."""
    words = normalize_for_search(text).split()
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch(sorted(shingles))
    return mh.hashvalues.astype(np.uint64)


def band_keys(values: np.ndarray) -> list[str]:
    """One key per band: band number + a short hash of the band's rows."""
    out = []
    for b in range(BANDS):
        chunk = values[b * ROWS : (b + 1) * ROWS].tobytes()
        out.append(f"{b:02d}" + hashlib.blake2b(chunk, digest_size=12).hexdigest())
    return out


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def detect_copy(s: Session, doc: DocRow, text: str) -> tuple[int, float] | None:
    """Sign a document and link it to its original if it is a near copy.

    Returns (original document id, similarity) or None. A document already
    signed for the same content is not signed again.
    """
    stored = db.get_signature(s, doc.id)
    if stored is not None and stored.content_hash == doc.content_hash:
        original = db.copy_original(s, doc.id)
        return (original, 1.0) if original is not None else None
    db.clear_copy(s, doc.id)
    values = signature(text)
    if values is None:
        return None
    bands = band_keys(values)
    others = sorted(db.documents_with_bands(s, bands) - {doc.id})
    best: tuple[float, int] | None = None
    for other_id, raw in sorted(db.signatures_of(s, others).items()):
        sim = _jaccard(values, np.frombuffer(raw, dtype=np.uint64))
        if sim >= THRESHOLD and (best is None or sim > best[0]):
            best = (sim, other_id)
    db.save_signature(s, doc.id, doc.content_hash, values.tobytes(), bands)
    if best is None:
        return None
    original = db.copy_original(s, best[1]) or best[1]
    if original == doc.id:
        return None
    db.set_copy(s, doc.id, original, round(best[0], 3))
    return original, best[0]
