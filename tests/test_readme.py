"""The README stays honest: its commands exist, and its two set-up commands are what CI runs."""

from __future__ import annotations

import re

import typer.main

from dragoman.cli import build_app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_names() -> set[str]:
    group = typer.main.get_command(build_app())
    return set(group.commands)  # type: ignore[attr-defined]


def test_every_documented_command_exists() -> None:
    documented = set(re.findall(r"^dragoman ([a-z-]+)", README, flags=re.MULTILINE))
    documented |= set(re.findall(r"`dragoman ([a-z-]+)", README))
    assert documented, "the README shows no dragoman commands"
    assert documented <= command_names(), documented - command_names()


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in README and "make demo" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, flags=re.MULTILINE)
