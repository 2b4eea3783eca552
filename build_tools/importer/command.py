"""``course import``: read the deck, write the outline and its pictures, check the result,
print the report. The outline is written only when the loader accepts it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools.errors import InputError, Problem
from build_tools.files import write_whole
from build_tools.paths import project_folder

if TYPE_CHECKING:
    from build_tools.importer.imported import Imported


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub = commands.add_parser("import", help="turn a PowerPoint deck into an outline")
    sub.add_argument("deck", type=Path, help="the .pptx to import")
    sub.add_argument("--out", type=Path, help="the outline to write (default: source/DECK.yaml)")
    sub.add_argument("--force", action="store_true", help="overwrite an existing outline")
    sub.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    out = import_deck(args.deck, args.out, args.force)
    print("\n".join(out))
    return 0


def import_deck(deck_file: Path, out: Path | None = None, force: bool = False) -> list[str]:
    """Import ``deck_file`` into ``out``; returns the report's lines."""
    # Imported here, not at the top: the command line registers `import` on every start,
    # and python-pptx with the outline model would cost every other command ~1.5 s.
    from build_tools.importer.assemble import assemble, default_output
    from build_tools.importer.fit import fit
    from build_tools.importer.reader import read_deck
    from build_tools.importer.report import report_lines
    from build_tools.importer.writer import to_yaml

    out = out or default_output(deck_file)
    if out.exists() and not force:
        raise InputError([Problem("", "expected a new file; it exists already (use --force "
                                      "to overwrite it)", out)])
    deck = read_deck(deck_file)
    header = [f"Imported from {deck_file.name} by `course import`: check every TODO.",
              "Minutes are estimates from text length; set them, then run `course stats`."]
    out.parent.mkdir(parents=True, exist_ok=True)
    project = project_folder(out)

    def assembled(parts: dict[int, int]) -> Imported:
        imported = assemble(deck, deck_file.stem, parts=parts)
        for relative, blob in imported.images:  # the fit check opens the pictures
            write_whole(project / relative, blob)
        return imported

    imported, text, still = fit(assembled, lambda imported: to_yaml(imported, out, header), out)
    write_whole(out, text.encode("utf-8"))
    from build_tools.outline.loader import load

    load(out)  # an importer bug, not the author's: it would show as a located problem
    lines = report_lines(imported, deck_file, out, len(deck.slides))
    lines.extend(f"  still overflows (shorten it, or build with --allow-overflow): {problem}"
                 for problem in still)
    return lines


