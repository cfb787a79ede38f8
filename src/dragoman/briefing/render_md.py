"""Markdown rendering of a brief (GitHub-flavoured; right-to-left briefs in a ``dir="rtl"`` block)."""

from __future__ import annotations

import re

from dragoman.briefing.model import Brief, Section, Sentence

_ESCAPE = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """Escape Markdown syntax so names and quotes show as written."""
    return _ESCAPE.sub(r"\\\1", text)


def cites(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def sentence(s: Sentence) -> str:
    text = escape(s.text)
    if s.quote:
        text = f"*{text}*"
    return f"{text} {cites(s.cites)}" if s.cites else text


def _section(sec: Section) -> list[str]:
    lines = [f"## {escape(sec.title)}", ""]
    for item in sec.items:
        if sec.style == "paragraph" or sec.empty:
            lines += [" ".join(sentence(s) for s in item.sentences), ""]
            continue
        main, *rest = item.sentences
        lines.append(f"- {sentence(main)}")
        lines += [f"  > {sentence(s)}" if s.quote else f"  {sentence(s)}" for s in rest]
    if lines[-1] != "":
        lines.append("")
    return lines


def render_markdown(brief: Brief) -> str:
    """The brief as Markdown text."""
    lines = [f"# {escape(brief.title)}", "", f"*{escape(brief.subtitle)}*", ""]
    for sec in brief.sections:
        lines += _section(sec)
    lines += [f"## {escape(brief.labels.get('sources', 'Sources'))}", ""]
    if not brief.sources:
        lines += [escape(brief.labels.get("no_sources", "")), ""]
    for src in brief.sources:
        url = f" <{src.url}>" if src.url else ""
        lines.append(f"{cites([src.n])} {escape(src.label)}.{url}  ")
    body = "\n".join(lines).rstrip() + "\n"
    if brief.direction == "rtl":
        body = f'<div dir="rtl" lang="{brief.lang}">\n\n{body}\n</div>\n'
    return body
