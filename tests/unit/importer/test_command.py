"""The command never overwrites an outline unless asked, and registers as `course import`."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.cli import _parser
from build_tools.errors import InputError
from build_tools.importer.assemble import default_output
from build_tools.importer.command import import_deck


def test_an_existing_outline_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "source" / "course.yaml"
    out.parent.mkdir()
    out.write_text("mine", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_deck(tmp_path / "deck.pptx", out)
    assert caught.value.lines() == [f"{out}: expected a new file; it exists already (use "
                                    "--force to overwrite it)"]
    assert out.read_text(encoding="utf-8") == "mine"


def test_the_default_output_is_a_source_file_named_after_the_deck() -> None:
    assert default_output(Path("decks/Q3 Sales Kick-off.pptx")) == Path(
        "source/q3-sales-kick-off.yaml")
    assert default_output(Path("培训.pptx")) == Path("source/imported.yaml")


def test_the_subcommand_is_registered() -> None:
    args = _parser().parse_args(["import", "deck.pptx", "--out", "source/x.yaml", "--force"])
    assert (args.deck, args.out, args.force) == (Path("deck.pptx"), Path("source/x.yaml"), True)
