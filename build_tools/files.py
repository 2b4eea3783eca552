"""Writing one file whole or not at all, outside the output set (caches, an imported
outline): a temporary file in the same folder, renamed into place. The build's outputs go
through ``output_set`` instead, which makes a whole *set* of files change together."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_whole(path: Path, data: bytes) -> None:
    """``path`` holds ``data`` or what it held before, never a part; the folder is made if
    missing. Raises OSError; the temporary file never outlives a failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
