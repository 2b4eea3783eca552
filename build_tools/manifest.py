"""The content-hash manifest that lets ``build`` skip outputs whose inputs did not change.

An output is fresh when the hash of everything it is made from (the outline, the
project's ``source/`` and ``assets/``, the package's own code and templates, the options)
equals the one recorded when it was last written, and the file on disk still has the
hash recorded then. Hashing ~10 MB of inputs takes ~20 ms; importing the renderers alone
takes ~0.4 s, which is what a no-change rebuild saves.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_tools.options import Options
from build_tools.paths import ASSETS, PACKAGE, project_folder

if TYPE_CHECKING:
    from build_tools.backends.base import Output

FILE = ".manifest.json"
SKIP = {"__pycache__", ".git", ".nox", "build"}


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and not SKIP.intersection(path.relative_to(folder).parts)
        and path.suffix != ".pyc"
    )


def fingerprint(source: Path, project: Path, options: Options) -> str:
    digest = hashlib.sha256()
    folders = {PACKAGE, ASSETS, project / "assets", project / "source", source.resolve().parent}
    files = {source.resolve()}
    for folder in folders:
        files.update(path.resolve() for path in _files(folder))
    for path in sorted(files):
        digest.update(str(path).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(repr(sorted(options.__dict__.items(), key=str)).encode())
    return digest.hexdigest()


@dataclass
class Manifest:
    entries: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, out: Path) -> Manifest:
        try:
            return cls(json.loads((out / FILE).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return cls()

    def fresh(self, target: str, key: str, out: Path) -> bool:
        entry = self.entries.get(target)
        if not entry or entry.get("inputs") != key:
            return False
        for name, recorded in entry["outputs"].items():
            path = out / name
            if not path.is_file() or _sha(path.read_bytes()) != recorded["sha256"]:
                return False
        return True

    def outputs(self, target: str) -> list[str]:
        return list(self.entries[target]["outputs"])

    def count(self, target: str, name: str) -> tuple[int, str]:
        recorded = self.entries[target]["outputs"][name]
        return recorded["count"], recorded["unit"]

    def record(self, target: str, key: str, outputs: list[Output]) -> None:
        self.entries[target] = {
            "inputs": key,
            "outputs": {
                o.name: {"sha256": _sha(o.data), "count": o.count, "unit": o.unit} for o in outputs
            },
        }

    def data(self) -> bytes:
        """The file's bytes; the pipeline writes them with the outputs, as one set."""
        text = json.dumps(self.entries, indent=2, sort_keys=True, ensure_ascii=False)
        return text.encode("utf-8")


def fresh_outputs(
    source: Path, out: Path, targets: list[str], options: Options
) -> list[tuple[Path, int, str]] | None:
    """The recorded outputs if every target is fresh, else None: no renderer is imported."""
    if not out.is_dir():
        return None
    from build_tools.output_set import recover

    recover(out)  # a build killed while moving its files into place is finished first
    manifest = Manifest.read(out)
    if not manifest.entries or not source.is_file():
        return None
    key = fingerprint(source, project_folder(source), options)
    names = [target + options.manifest_suffix for target in targets]
    if not all(manifest.fresh(name, key, out) for name in names):
        return None
    return [
        (out / output, *manifest.count(name, output))
        for name in names
        for output in manifest.outputs(name)
    ]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
