"""The README's generated tables (troubleshooting corpus, limits) match their sources."""

from __future__ import annotations

from tests.conftest import ROOT
from tests.corpus import CASES, readme


def test_the_readme_tables_are_regenerated_from_the_corpus_and_the_limits() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme(text) == text, "run: python tests/corpus.py --readme"


def test_the_corpus_covers_at_least_120_cases_with_unique_names() -> None:
    names = [case.name for case in CASES]
    assert len(names) >= 120
    assert len(set(names)) == len(names)
