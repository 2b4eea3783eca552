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
import os
import time
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
    """Every file under ``folder`` but in SKIP folders and bytecode; os.walk prunes the
    skipped folders instead of listing them (rglob did: ~50 ms per rebuild in serve)."""
    if not folder.is_dir():
        return []
    found = []
    for parent, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if name not in SKIP]
        found += [Path(parent, name) for name in names if not name.endswith(".pyc")]
    return sorted(path for path in found if path.is_file())


def fingerprint(source: Path, project: Path, options: Options) -> str:
    digest = hashlib.sha256()
    folders = {PACKAGE, ASSETS, project / "assets", project / "source", source.resolve().parent}
    files = {source.resolve()}
    for folder in folders:
        files.update(_files(folder.resolve()))
    for path in sorted(files):
        digest.update(str(path).encode())
        digest.update(_file_digest(path))
    digest.update(repr(sorted(options.__dict__.items(), key=str)).encode())
    return digest.hexdigest()


_DIGESTS: dict[tuple[Path, int, int], bytes] = {}
RACY_NS = 2_000_000_000  # a file changed this recently may change again within one tick


def _file_digest(path: Path) -> bytes:
    """sha256 of a file, remembered by size and mtime in a long-lived process (serve,
    watch: the fonts and the template are not re-read on every edit). A file modified in
    the last two seconds is always read: a same-size edit within the file system's clock
    tick would otherwise look unchanged (git's "racy clean" rule)."""
    stat = path.stat()
    key = (path, stat.st_size, stat.st_mtime_ns)
    found = _DIGESTS.get(key)
    if found is None:
        found = hashlib.sha256(path.read_bytes()).digest()
        if time.time_ns() - stat.st_mtime_ns > RACY_NS:
            _DIGESTS[key] = found
    return found


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
    if not all(manifest.fresh(target, key, out) for target in targets):
        return None
    return [
        (out / name, *manifest.count(target, name))
        for target in targets
        for name in manifest.outputs(target)
    ]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
