"""The manifest that lets ``build`` skip outputs whose inputs did not change.

Per target it records what the last render of that target actually read (every file,
through ``inputs.read``: path and sha256), the settings that shape the output (package
version and code, outline path, options, ``SOURCE_DATE_EPOCH``) and the outputs written
(sha256, count, unit). A target is fresh when the settings are equal, every recorded
input still has its hash (or is still absent) and every output on disk still has the
hash written. So an image anywhere, a ``--template`` outside the project, a font or a
Jinja template rebuilds exactly the outputs that used it, and nothing else counts:
an output folder beside the outline is not an input.

A manifest that is missing, unreadable, not JSON, not an object or of another format is
no manifest: everything is rebuilt. The checks import no renderer (about 0.4 s saved).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_tools.inputs import Record, digest
from build_tools.options import Options
from build_tools.resources import package_root

if TYPE_CHECKING:
    from build_tools.backends.base import Output

FILE = ".manifest.json"
FORMAT = 2
DISTRIBUTION = "courseware-build-tools"
# The environment that changes the bytes of an output.
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)


def build_settings(source: Path, options: Options) -> dict[str, Any]:
    """Everything but files that decides what a build makes, as plain JSON values."""
    return {
        "version": _version(),
        "code": _code(),
        "source": os.path.abspath(source),
        "options": {
            name: os.path.abspath(value) if isinstance(value, Path) else value
            for name, value in sorted(options.__dict__.items())
        },
        "environment": {name: os.environ.get(name) for name in ENVIRONMENT},
    }


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "unknown"


@cache
def _code() -> str:
    """The package's Python code: an edited checkout is a new version (templates, fonts
    and other data files are recorded as inputs of the outputs that read them)."""
    sha = hashlib.sha256()
    for path in sorted(package_root().rglob("*.py")):
        sha.update(str(path.relative_to(package_root())).encode())
        sha.update(hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()


@dataclass
class Manifest:
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)
    _digests: dict[str, str | None] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, out: Path) -> Manifest:
        try:
            data = json.loads((out / FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return cls()
        targets = data.get("targets")
        if not isinstance(targets, dict):
            return cls()
        return cls({name: entry for name, entry in targets.items() if _well_formed(entry)})

    def fresh(self, target: str, settings: dict[str, Any], out: Path) -> bool:
        entry = self.targets.get(target)
        if entry is None or entry["settings"] != settings:
            return False
        for path, recorded in entry["inputs"].items():
            if self._digest(path) != recorded:
                return False
        for name, recorded in entry["outputs"].items():
            if self._digest(str(out / name)) != recorded["sha256"]:
                return False
        return True

    def outputs(self, target: str) -> list[str]:
        return list(self.targets[target]["outputs"])

    def count(self, target: str, name: str) -> tuple[int, str]:
        recorded = self.targets[target]["outputs"][name]
        return recorded["count"], recorded["unit"]

    def record(
        self, target: str, settings: dict[str, Any], read: Record, outputs: list[Output]
    ) -> None:
        self.targets[target] = {
            "settings": settings,
            "inputs": dict(sorted(read.items())),
            "outputs": {
                o.name: {"sha256": _sha(o.data), "count": o.count, "unit": o.unit}
                for o in outputs
            },
        }

    def data(self) -> bytes:
        """The file's bytes; the pipeline writes them with the outputs, as one set."""
        document = {"format": FORMAT, "targets": self.targets}
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False).encode()

    def _digest(self, path: str) -> str | None:
        """Each file hashed once per check, however many targets read it."""
        if path not in self._digests:
            self._digests[path] = digest(path)
        return self._digests[path]


def _well_formed(entry: object) -> bool:
    if not isinstance(entry, dict):
        return False
    settings, read, outputs = entry.get("settings"), entry.get("inputs"), entry.get("outputs")
    return (
        isinstance(settings, dict)
        and isinstance(read, dict)
        and all(isinstance(v, str | None) for v in read.values())
        and isinstance(outputs, dict)
        and all(
            isinstance(o, dict)
            and isinstance(o.get("sha256"), str)
            and isinstance(o.get("count"), int)
            and isinstance(o.get("unit"), str)
            and not name.startswith("/")
            and ".." not in name.split("/")
            for name, o in outputs.items()
        )
    )


def fresh_outputs(
    source: Path, out: Path, targets: list[str], options: Options
) -> list[tuple[Path, int, str]] | None:
    """The recorded outputs if every target is fresh, else None: no renderer is imported."""
    if not out.is_dir():
        return None
    from build_tools.output_set import recover

    recover(out)  # a build killed while moving its files into place is finished first
    manifest = Manifest.read(out)
    settings = build_settings(source, options)
    names = [target + options.manifest_suffix for target in targets]
    if not all(manifest.fresh(name, settings, out) for name in names):
        return None
    return [
        (out / output, *manifest.count(name, output))
        for name in names
        for output in manifest.outputs(name)
    ]


def left_behind(out: Path, source: Path) -> list[Path]:
    """What a flat build of ``source`` left in ``out`` and is still there: once a second
    outline joins the library, the course builds into ``out/<stem>/`` and nothing updates
    these files any more (they are the author's to delete: a build never removes files)."""
    wanted = os.path.abspath(source)
    return sorted({
        out / name
        for entry in Manifest.read(out).targets.values()
        if entry["settings"].get("source") == wanted
        for name in entry["outputs"]
        if (out / name).is_file()
    })


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
