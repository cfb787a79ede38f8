"""Checking a new followed source field by field (shared by the sources page and the API).

``dragoman.store.sources.add_source`` validates too, but stops at the first
problem with one sentence; a form needs every problem at once, next to its
field. The limits come from ``store.sources`` so the two cannot drift apart.
A name already taken is only known to the store: ``add_checked`` looks it up
and reports it on the name field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from dragoman.store.sources import (MAX_NAME_LENGTH, MIN_INTERVAL_SECONDS, SOURCE_KINDS, SourceInvalid, add_source,
                                    get_source)
from dragoman.web.i18n import Translator

LANG_RE = re.compile(r"^[a-z]{2,3}$")
FIELDS = ("name", "url", "kind", "lang", "interval", "link_pattern")


@dataclass
class SourceForm:
    """The submitted values (as typed, for redisplay) and the error of each field."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    interval_seconds: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _interval(raw: str, unit_seconds: int) -> int | None:
    try:
        return int(raw) * unit_seconds
    except ValueError:
        return None


def check_source(values: dict[str, Any], ui: Translator, *, unit_seconds: int = 60) -> SourceForm:
    """Every problem of a new source at once; ``interval`` is counted in ``unit_seconds``."""
    v = {k: str(values.get(k) if values.get(k) is not None else "").strip() for k in FIELDS}
    form = SourceForm(values=v)
    if not v["name"] or len(v["name"]) > MAX_NAME_LENGTH:
        form.errors["name"] = ui.t("sources.err.name", n=MAX_NAME_LENGTH)
    parts = urlsplit(v["url"])
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        form.errors["url"] = ui.t("sources.err.url")
    if v["kind"] not in SOURCE_KINDS:
        form.errors["kind"] = ui.t("sources.err.kind", kinds=", ".join(SOURCE_KINDS))
    if v["lang"] and not LANG_RE.match(v["lang"].lower()):
        form.errors["lang"] = ui.t("sources.err.lang")
    seconds = _interval(v["interval"] or "0", unit_seconds)
    if seconds is None or seconds < MIN_INTERVAL_SECONDS:
        minimum = -(-MIN_INTERVAL_SECONDS // unit_seconds)
        form.errors["interval"] = ui.t("sources.err.interval_min" if unit_seconds == 60 else "sources.err.interval_s",
                                       n=minimum)
    else:
        form.interval_seconds = seconds
    if v["link_pattern"]:
        try:
            re.compile(v["link_pattern"])
        except re.error as exc:
            form.errors["link_pattern"] = ui.t("sources.err.pattern", error=str(exc))
    return form


def add_checked(s: Session, form: SourceForm, ui: Translator) -> bool:
    """Add the source of ``form`` if it has no errors and its name is free; False (errors set) otherwise."""
    v = form.values
    if v["name"] and "name" not in form.errors and get_source(s, v["name"]) is not None:
        form.errors["name"] = ui.t("sources.err.taken")
    if not form.ok:
        return False
    try:
        add_source(s, v["name"], v["url"], v["kind"], lang=v["lang"].lower() or None,
                   interval_seconds=form.interval_seconds, link_pattern=v["link_pattern"] or None)
    except SourceInvalid as exc:  # a rule of the store this form does not know yet
        form.errors["form"] = str(exc)
        return False
    return True
