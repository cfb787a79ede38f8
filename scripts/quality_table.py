"""Print the README's quality table: `dragoman eval` on every annotated set, per language.

    python scripts/quality_table.py [--shared ../shared]

Runs the whole pipeline into a temporary store for each set (samples, corpus, dev,
held-out) and prints a Markdown table. It only measures; tuning on the held-out set
would defeat its purpose.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dragoman.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent


def sets(shared: Path) -> list[tuple[str, Path, Path]]:
    found = [
        ("shared samples (2)", shared / "samples" / "docs.jsonl", shared / "samples" / "gold.jsonl"),
        ("corpus (43, tuning)", ROOT / "examples" / "corpus", ROOT / "examples" / "gold" / "gold.jsonl"),
        ("dev (45, tuning)", ROOT / "examples" / "dev" / "docs.jsonl", ROOT / "examples" / "dev" / "gold.jsonl"),
        ("held-out (30, unseen)", ROOT / "examples" / "heldout" / "docs.jsonl", ROOT / "examples" / "heldout" / "gold.jsonl"),
    ]
    return [s for s in found if s[1].exists() and s[2].exists()]


def cell(result: dict, *path: str) -> str:
    value: object = result
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None  # type: ignore[union-attr]
    return "–" if value is None else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = parser.parse_args()
    print("| set | language | event F1 | participant F1 | date acc. | participant country | type acc. | people F1 | fusion R / P |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, docs, gold in sets(Path(args.shared)):
        report = evaluate(docs, gold)
        rows = [("all", report.overall)] + list(report.by_language.items())
        for lang, r in rows:
            fusion = f"{cell(r, 'fusion', 'recall')} / {cell(r, 'fusion', 'precision')}" if lang == "all" else ""
            print(f"| {name if lang == 'all' else ''} | {lang} | {cell(r, 'events', 'f1')} | {cell(r, 'participants', 'f1')} | "
                  f"{cell(r, 'attributes', 'date', 'accuracy')} | {cell(r, 'attributes', 'participant_country', 'accuracy')} | "
                  f"{cell(r, 'attributes', 'type', 'accuracy')} | {cell(r, 'people', 'f1')} | {fusion} |")


if __name__ == "__main__":
    main()
