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
import re
from typing import Any

import numpy as np
from datasketch import MinHash
from sqlalchemy.orm import Session

from dragoman.store import events as db
from dragoman.store.events import DocRow
from dragoman.textnorm import normalize_arabic, normalize_token

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_WORD = re.compile(r"\w+", re.UNICODE)

__all__ = ["NUM_PERM", "BANDS", "THRESHOLD", "signature", "band_keys", "detect_copy", "detect_copies"]

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.7  # estimated Jaccard at or above which a document is a copy
SHINGLE = 5
MIN_WORDS = 20  # shorter texts are not compared (too little to tell a copy)


def _words(text: str, cache: dict[str, str] | None) -> list[str]:
    """``normalize_for_search(text).split()``, each distinct word normalised once per run."""
    if not text:
        return []
    if _ARABIC.search(text):
        text = normalize_arabic(text)
    if cache is None:
        cache = {}
    elif len(cache) > 500_000:
        cache.clear()
    out = []
    for w in _WORD.findall(text):
        n = cache.get(w)
        if n is None:
            n = cache[w] = normalize_token(w)
        out.append(n)
    return " ".join(out).split()


def signature(text: str, cache: dict[str, str] | None = None, permutations: Any = None) -> np.ndarray | None:
    """MinHash hash values of the text's word shingles, or None for very short texts.

    ``permutations`` ((scheme, permutations) of ``MinHash(NUM_PERM, seed=1)``)
    may be passed to save regenerating them per document; the values are the same.
    """
    words = _words(text, cache)
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}
    if permutations is None:
        mh = MinHash(num_perm=NUM_PERM, seed=1)
    else:
        mh = MinHash(num_perm=NUM_PERM, seed=1, permutations=permutations[1], scheme=permutations[0])
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


def detect_copies(s: Session, docs: list[tuple[DocRow, str]], cache: dict[str, str] | None = None) -> dict[int, tuple[int, float] | None]:
    """``detect_copy`` for a batch, in document order, with a handful of queries.

    Stored signatures, band matches and the candidates' signatures are loaded
    in bulk; a document may be a copy of one earlier in the same batch (the
    batch's own bands are indexed in memory as it goes). New signatures, bands
    and copy links are written in bulk.
    """
    ids = [d.id for d, _ in docs]
    stored = db.signatures_for(s, ids)
    originals = db.copy_originals(s, ids)
    out: dict[int, tuple[int, float] | None] = {}
    todo: list[tuple[DocRow, np.ndarray | None, list[str]]] = []
    cleared: list[int] = []
    template = MinHash(num_perm=NUM_PERM, seed=1)
    permutations = (template.scheme, template.permutations)
    for doc, text in docs:
        old = stored.get(doc.id)
        if old is not None and old[0] == doc.content_hash:
            out[doc.id] = (originals[doc.id], 1.0) if doc.id in originals else None
            continue
        values = signature(text, cache, permutations)
        if values is None:
            cleared.append(doc.id)
            out[doc.id] = None
            continue
        todo.append((doc, values, band_keys(values)))
    if not todo:
        if cleared:
            db.save_signatures(s, [], {}, cleared, replaced=sorted(stored))
        return out
    in_db = db.bands_lookup(s, [b for _, _, bands in todo for b in bands])
    others = sorted({d for docs_ in in_db.values() for d in docs_} - {d.id for d, _, _ in todo})
    sigs = {d: np.frombuffer(raw, dtype=np.uint64) for d, raw in db.signatures_of(s, others).items()}
    originals.update(db.copy_originals(s, others))
    batch_bands: dict[str, set[int]] = {}
    rows: list[tuple[int, str, bytes, list[str]]] = []
    copies: dict[int, tuple[int, float]] = {}
    for doc, values, bands in todo:
        originals.pop(doc.id, None)
        cands: set[int] = set()
        for b in bands:
            cands |= {d for d in in_db.get(b, ()) if d in sigs}
            cands |= batch_bands.get(b, set())
        cands.discard(doc.id)
        best: tuple[float, int] | None = None
        for other_id in sorted(cands):
            sim = _jaccard(values, sigs[other_id])
            if sim >= THRESHOLD and (best is None or sim > best[0]):
                best = (sim, other_id)
        rows.append((doc.id, doc.content_hash, values.tobytes(), bands))
        sigs[doc.id] = values
        for b in bands:
            batch_bands.setdefault(b, set()).add(doc.id)
        out[doc.id] = None
        if best is None:
            continue
        original = originals.get(best[1]) or best[1]
        if original == doc.id:
            continue
        copies[doc.id] = (original, round(best[0], 3))
        originals[doc.id] = original
        out[doc.id] = (original, best[0])
    db.save_signatures(s, rows, copies, cleared, replaced=sorted(stored))
    return out
