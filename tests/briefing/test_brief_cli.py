"""``dragoman brief`` end to end through the CLI entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.briefing.textcheck import arabic_words, docx_text
from tests.export import fixtures as fx


run = fx.run_cli


@pytest.fixture
def db(tmp_path: Path) -> str:
    return fx.populated_db(tmp_path)


def test_pair_brief_markdown_to_stdout(db: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert run(["brief", "--pair", "BH-AZ", "--since", "2025", "--today", "2026-01-15", "--db", db]) == 0
    md = capsysbinary.readouterr().out.decode("utf-8")
    assert md.startswith("# Briefing note: Azerbaijan – Bahrain")
    assert "The 30th anniversary of diplomatic relations falls on February 21, 2026 (30 years)." in md


def test_person_brief_docx_in_arabic(db: str, tmp_path: Path) -> None:
    out = tmp_path / "khalid.docx"
    assert run(["brief", "--person", "خالد بن سلمان النعيمي", "--lang", "ar", "--format", "docx", "-o", str(out),
                "--db", db, "-q"]) == 0
    text = docx_text(out.read_bytes())
    assert arabic_words("مذكرة إحاطة") <= arabic_words(text)


def test_institution_brief_pdf(db: str, tmp_path: Path) -> None:
    out = tmp_path / "mm.pdf"
    assert run(["brief", "--institution", "Milli Majlis", "--format", "pdf", "-o", str(out), "--db", db]) == 0
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["brief", "--pair", "AZ-FR"], 3, "Nothing is recorded for the pair AZ-FR"),
        (["brief", "--person", "Nobody"], 3, "No person with id or name 'Nobody'"),
        (["brief", "--pair", "AZ-BH", "--person", "x"], 1, "exactly one of"),
        (["brief", "--pair", "AZ-BH", "--format", "odt"], 1, "Unknown format"),
        (["brief", "--pair", "AZ-BH", "--lang", "fr"], 2, "not 'fr'"),
    ],
)
def test_errors_are_one_clear_message(db: str, argv: list[str], status: int, message: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*argv, "--db", db]) == status
    err = capsys.readouterr().err
    assert message in err.replace("\n", " ") and "Traceback" not in err
