"""Every file the build reads comes through ``read``, which records its path and hash.

The manifest stores, per output, what its render actually read (the outline, images
wherever they are, the template from the outline or ``--template``, the theme, the layout
map, fonts, Jinja templates), so a rebuild can tell exactly which outputs an edit makes
stale, and never mistakes an output (or an unrelated file beside the outline) for an
input. Recording is per process and per ``recording()`` block; a render worker returns its
record with its result.

Callers hand the returned bytes to their library (``io.BytesIO`` for python-pptx,
reportlab, fontTools), so what is hashed is exactly what is used, even if the file changes
during the build. Import-light: the no-change path of ``course build`` uses ``digest``.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from jinja2 import BaseLoader

Record = dict[str, str | None]  # absolute path -> sha256 of the content; None: absent

_active: list[Record] = []
_parsed: dict[tuple[str, Callable[[bytes], Any]], tuple[tuple[int, int, int], str, Any]] = {}
T = TypeVar("T")


def read(path: Path | str, limit: int | None = None, what: str = "a file") -> bytes:
    """The file's bytes, recorded in every open ``recording``.

    Only regular files: a FIFO would block and a device (``/dev/zero``) never end, so
    they are refused before reading with ``OSError(EINVAL)``. With a ``limit`` (an
    author's file: the outline), ``limits.read_regular`` reads it and refuses what is not
    a regular file of at most ``limit`` bytes with a located ``InputError`` naming ``what``.
    """
    name = os.path.abspath(path)
    if limit is not None:
        from build_tools.limits import read_regular

        data = read_regular(Path(path), limit, what)
        _note(name, hashlib.sha256(data).hexdigest())
        return data
    descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file", name)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read()
    finally:
        os.close(descriptor)
    _note(name, hashlib.sha256(data).hexdigest())
    return data


def parsed(path: Path | str, parse: Callable[[bytes], T]) -> T:
    """``parse(read(path))``, kept while the file's size, mtime and inode stay the same.

    For data a build consults many times (a word list for every title): each call is
    still recorded, but the file is read and parsed again only when it changed.
    """
    name = os.path.abspath(path)
    info = os.stat(name)
    stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
    kept = _parsed.get((name, parse))
    if kept is not None and kept[0] == stamp:
        _note(name, kept[1])
        return kept[2]  # type: ignore[no-any-return]
    data = read(name)
    value = parse(data)
    _parsed[(name, parse)] = (stamp, hashlib.sha256(data).hexdigest(), value)
    return value


def absent(path: Path | str) -> None:
    """Record that a file the build looked for is not there (a project's override of a
    house asset): if it appears later, what was built without it is stale."""
    _note(os.path.abspath(path), None)


@contextmanager
def recording() -> Iterator[Record]:
    """Collect what is read inside the block (blocks nest; the outer one sees it all)."""
    record: Record = {}
    _active.append(record)
    try:
        yield record
    finally:
        # By identity: records are dicts, and ``list.remove`` compares by value, so an
        # outer record that has seen the same files as an inner one would go instead.
        del _active[next(i for i, r in enumerate(_active) if r is record)]


def replay(record: Record) -> None:
    """Note a record again, for a long-lived process that reuses what an earlier build made
    from these files (``warm.Session``) after checking with ``unchanged`` that they are the
    same: the manifest must still list every input of the output."""
    for name, sha in record.items():
        _note(name, sha)


def unchanged(record: Record) -> bool:
    """Every file of ``record`` still has the content it had when it was recorded."""
    return all(digest(name) == sha for name, sha in record.items())


def digest(path: str) -> str | None:
    """The recorded form of a file as it is now: its sha256, or None if it is not a file
    (opened without blocking, like ``read``: a FIFO in its place must not hang a check)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        return hashlib.file_digest(stream, "sha256").hexdigest()


def jinja_loader(folders: Path | list[Path]) -> BaseLoader:
    """A Jinja loader whose template sources come through ``read``. Use it with
    ``cache_size=0``: a template cached by Jinja is not read again, so not recorded."""
    from jinja2 import FileSystemLoader

    class Recording(FileSystemLoader):
        def get_source(self, environment, template):  # type: ignore[no-untyped-def]
            _, filename, uptodate = super().get_source(environment, template)
            return read(filename).decode(self.encoding), filename, uptodate

    searchpath = [str(f) for f in folders] if isinstance(folders, list) else str(folders)
    return Recording(searchpath)


def _note(name: str, sha: str | None) -> None:
    for record in _active:
        record[name] = sha
