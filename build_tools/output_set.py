"""Put one build's files in place together, or not at all, whatever stops the build.

POSIX can rename one file atomically, not several, and readers want plain files at
``build/course.pptx`` (not symlinks into a versioned folder). So a build's files (every
output and the manifest) form a set that moves through a small on-disk state machine
inside the output folder, named by one random token:

``.staging-T/``   being written: ``new/`` holds the new files (written, fsynced), ``old/``
                  hard links to the files they replace, ``journal.json`` the names and
                  hashes. Dropped if found later: nothing outside it was touched.
``.commit-T/``    the commit point is the rename of ``.staging-T`` to this name. From here
                  the set WILL be in place: each ``new/`` file is renamed over its target.
                  Found later (the build was killed mid-way), it is rolled forward.
``.rollback-T/``  a failure after the commit (e.g. a rename refused): the ``old/`` links are
                  renamed back and new-only files removed. Found later, it is finished.
``.done-T/``      the set is whole; the folder is removed.

Every command that reads or writes the output folder calls ``recover`` first, under an
exclusive lock on the folder, so a killed build leaves either the whole old set or the
whole new set by the time anyone asks the tool about it. Between a kill during the
renames (a few microseconds of a build) and the next command, the folder may hold a mix;
the README says so.

Faults: disk full, permission denied, a read-only file or file system become one
``OutputError`` naming the file and the reason, raised after the old set is restored.

Tests inject faults at every step (before and after every write, fsync, link, rename and
removal) with ``set_fault_hook`` or, for a separate process, ``COURSE_TEST_FAULT``:
``kill:N``, ``sigint:N``, ``sigterm:N`` (that signal at step N, 1-based), ``enospc:N``,
``eacces:N``, ``erofs:N`` (that OSError at step N) or ``list:FILE`` (each step's label is
appended to FILE).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import stat
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path

from build_tools import interrupts
from build_tools.errors import OutputError

STAGING, COMMITTED, ROLLING_BACK, DONE = ".staging-", ".commit-", ".rollback-", ".done-"
STATES = (STAGING, COMMITTED, ROLLING_BACK, DONE)
JOURNAL, NEW, OLD = "journal.json", "new", "old"
# The writer's own folders: a state and the 12 hex digits of ``secrets.token_hex(6)``;
# nothing else in the folder is ever touched (``.staging-notes`` of an author stays).
OWN_FOLDER = re.compile(r"^\.(staging|commit|rollback|done)-[0-9a-f]{12}$")
# What the first version (one mkstemp per file) left behind when killed:
# `.course-handout.pdf.k3j_9x2a.tmp`. mkstemp's names are 8 of [a-z0-9_].
LEGACY_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
FAULT_VARIABLE = "COURSE_TEST_FAULT"

FaultHook = Callable[[str], None]
_hook: FaultHook | None = None
_steps = 0


def set_fault_hook(hook: FaultHook | None) -> None:
    """Call ``hook(label)`` before and after every step that changes the disk (tests)."""
    global _hook
    _hook = hook


def publish(out: Path, files: Mapping[str, bytes]) -> None:
    """Replace ``out/<name>`` for every name in ``files``, all together or none."""
    bad = [name for name in files if not _plain(name)]
    if bad:
        raise ValueError(f"output names must stay inside the folder; got {bad}")
    with _locked(out):
        _recover(out)
        _preflight(out, files)
        token = secrets.token_hex(6)
        staging = out / f"{STAGING}{token}"
        try:
            _stage(out, staging, files)
        except BaseException as error:
            _discard(staging)
            if isinstance(error, OSError):
                raise _output_error(error, out) from None
            raise
        committed = out / f"{COMMITTED}{token}"
        with interrupts.deferred():
            try:
                _act("rename", "staging -> commit", lambda: os.rename(staging, committed))
                _sync_folder(out, "out")
                _roll_forward(out, committed)
                _finish(out, committed)
            except OSError as error:
                try:
                    _undo_after_commit(out, staging, committed)
                except OSError:
                    raise _output_error(error, out, later=True) from None
                raise _output_error(error, out) from None


def recover(out: Path) -> None:
    """Complete or roll back a publish that was interrupted; remove any leftovers."""
    if not out.is_dir() or not _leftovers(out):
        return
    with _locked(out):
        _recover(out)


def leftovers(out: Path) -> list[str]:
    """Names of staging folders and temporary files in ``out`` (tests and diagnostics)."""
    return _leftovers(out) if out.is_dir() else []


# --- the states -------------------------------------------------------------------------


def _stage(out: Path, staging: Path, files: Mapping[str, bytes]) -> None:
    _act("mkdir", "staging", lambda: staging.mkdir())
    _act("mkdir", "staging/new", lambda: (staging / NEW).mkdir())
    _act("mkdir", "staging/old", lambda: (staging / OLD).mkdir())
    journal: dict[str, dict[str, object]] = {}
    for name, data in files.items():
        _make_parents(staging / NEW, name)
        _write(staging / NEW / name, data, name, shown=out / name)
        journal[name] = {"sha256": hashlib.sha256(data).hexdigest(), "old": False}
    for name in files:
        target = out / name
        if target.is_file() or target.is_symlink():
            _make_parents(staging / OLD, name)
            _keep_old(target, staging / OLD / name, name)
            journal[name]["old"] = True
    _sync_folder(staging / NEW, "staging/new")
    _sync_folder(staging / OLD, "staging/old")
    text = json.dumps({"files": journal}, indent=1, sort_keys=True).encode()
    _write(staging / JOURNAL, text, "journal", shown=out)
    _sync_folder(staging, "staging")


def _roll_forward(out: Path, committed: Path) -> None:
    for name in _journal(committed):
        new = committed / NEW / name
        if new.exists() or new.is_symlink():
            _make_parents(out, name)
            _act("rename", f"{name} into place", partial(os.replace, new, out / name))
    _sync_folder(out, "out")


def _roll_back(out: Path, folder: Path) -> Path:
    """Put the old files back from a commit, done or rollback folder. Idempotent."""
    token = folder.name.split("-", 1)[1]
    rolling = out / f"{ROLLING_BACK}{token}"
    if folder != rolling:
        _act("rename", "-> rollback", lambda: os.rename(folder, rolling))
        _sync_folder(out, "out")
    for name, entry in _journal(rolling).items():
        old, new, target = rolling / OLD / name, rolling / NEW / name, out / name
        if entry.get("old"):
            if old.exists() or old.is_symlink():
                _act("rename", f"{name} back", partial(os.replace, old, target))
        elif not (new.exists() or new.is_symlink()) and target.exists():
            _act("unlink", f"new {name}", target.unlink)
    _sync_folder(out, "out")
    return rolling


def _finish(out: Path, folder: Path) -> None:
    """The set is whole (new or old): mark the folder done, then remove it."""
    token = folder.name.split("-", 1)[1]
    done = out / f"{DONE}{token}"
    _act("rename", "-> done", lambda: os.rename(folder, done))
    _discard(done)  # best effort: the next build removes what is left


def _undo_after_commit(out: Path, staging: Path, committed: Path) -> None:
    """A step after the staging was complete failed in this process: back to the old set."""
    if staging.exists():  # the commit rename itself failed: nothing outside it changed
        _discard(staging)
        return
    token = committed.name.removeprefix(COMMITTED)
    done = out / f"{DONE}{token}"  # a failure right after marking it done
    _finish(out, _roll_back(out, done if done.exists() else committed))


def _recover(out: Path) -> None:
    for name in _leftovers(out):
        path = out / name
        try:
            if name.startswith((STAGING, DONE)):
                _remove_tree(path, _state(name))
            elif name.startswith(COMMITTED):
                try:
                    _roll_forward(out, path)
                except OSError:
                    path = _roll_back(out, path)
                _finish(out, path)
            elif name.startswith(ROLLING_BACK):
                _finish(out, _roll_back(out, path))
            else:
                _act("unlink", "legacy temporary", path.unlink)
        except OSError as error:
            raise _output_error(error, out, "cannot finish an interrupted build", True) from None


def _leftovers(out: Path) -> list[str]:
    names = []
    with os.scandir(out) as entries:
        for entry in entries:
            if OWN_FOLDER.match(entry.name) or LEGACY_TEMPORARY.match(entry.name):
                names.append(entry.name)
    # Commits first (their files must land before anything else is judged), then the rest.
    return sorted(names, key=lambda n: (not n.startswith((COMMITTED, ROLLING_BACK)), n))


def _preflight(out: Path, files: Mapping[str, bytes]) -> None:
    """Refuse before writing anything what would fail half-way through the renames."""
    for name in files:
        target = out / name
        try:
            status = target.lstat()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise _output_error(error, out) from None
        if stat.S_ISDIR(status.st_mode):
            raise OutputError(target, _unchanged("cannot replace it: it is a folder"))
        if stat.S_ISREG(status.st_mode) and not status.st_mode & 0o222:
            # A file made read-only is a request not to overwrite it (root would be
            # allowed to, so the mode bits decide, not os.access).
            raise OutputError(target, _unchanged("cannot replace it: the file is read-only"))


# --- steps, each announced to the fault hook ------------------------------------------


def _act(action: str, label: str, do: Callable[[], object]) -> None:
    _step(f"before {action} {label}")
    do()
    _step(f"after {action} {label}")


def _write(path: Path, data: bytes, label: str, shown: Path) -> None:
    descriptor = -1

    def create() -> None:
        nonlocal descriptor
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)

    try:
        create()
        _act("write", label, lambda: _write_all(descriptor, data))
        _act("fsync", label, lambda: os.fsync(descriptor))
    except OSError as error:
        error.filename = str(shown)
        raise
    finally:
        if descriptor >= 0:
            os.close(descriptor)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _keep_old(target: Path, backup: Path, label: str) -> None:
    """A hard link costs no space and keeps the old file for a rollback; copy if the file
    system has no hard links."""

    def link() -> None:
        try:
            os.link(target, backup, follow_symlinks=False)
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EMLINK, errno.EXDEV):
                raise
            shutil.copy2(target, backup, follow_symlinks=False)

    _act("link", f"old {label}", link)


def _sync_folder(folder: Path, label: str) -> None:
    """fsync a folder so the names in it (not only the contents) survive a power cut."""

    def sync() -> None:
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        except OSError as error:
            if error.errno not in (errno.EINVAL, errno.ENOTSUP):  # some file systems
                raise
        finally:
            os.close(descriptor)

    _act("fsync", f"folder {label}", sync)


def _discard(folder: Path) -> None:
    with contextlib.suppress(OSError):
        _remove_tree(folder, _state(folder.name))


def _remove_tree(folder: Path, label: str) -> None:
    if folder.exists():
        _act("remove", label, lambda: shutil.rmtree(folder))


def _plain(name: str) -> bool:
    """A name inside the folder: ``course.pptx`` or ``course-web/index.html``."""
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def _make_parents(root: Path, name: str) -> None:
    if "/" in name:
        (root / name).parent.mkdir(parents=True, exist_ok=True)


def _state(name: str) -> str:
    """``.done-0a1b…`` -> ``done``: step labels stay the same from run to run."""
    return name.split("-", 1)[0].lstrip(".")


def _journal(folder: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads((folder / JOURNAL).read_text(encoding="utf-8"))
        files = data["files"]
        if isinstance(files, dict) and all(isinstance(v, dict) for v in files.values()):
            return {str(name): entry for name, entry in files.items() if _plain(name)}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return {}


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """An exclusive lock on the output folder: a watch and a build never stage or recover
    each other's sets. Locks the folder itself, so no lock file is left behind."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, as before
        yield
        return
    try:
        descriptor = os.open(out, os.O_RDONLY)
    except OSError as error:
        raise _output_error(error, out) from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _step(label: str) -> None:
    global _steps
    _steps += 1
    if _hook is not None:
        _hook(label)
        return
    wanted = os.environ.get(FAULT_VARIABLE)
    if not wanted:
        return
    kind, _, argument = wanted.partition(":")
    if kind == "list":
        with open(argument, "a", encoding="utf-8") as stream:
            stream.write(label + "\n")
        return
    if not argument.isdigit() or int(argument) != _steps:
        return
    signals = {"kill": signal.SIGKILL, "sigint": signal.SIGINT, "sigterm": signal.SIGTERM}
    if kind in signals:
        os.kill(os.getpid(), signals[kind])
    codes = {"enospc": errno.ENOSPC, "eacces": errno.EACCES, "erofs": errno.EROFS}
    if kind in codes:
        raise OSError(codes[kind], os.strerror(codes[kind]))


# --- messages ---------------------------------------------------------------------------


def _unchanged(reason: str) -> str:
    return f"{reason}; the last good outputs are unchanged"


def _output_error(
    error: OSError, out: Path, doing: str = "cannot write", later: bool = False
) -> OutputError:
    """One line: the file (as the author knows it, never a staging path) and the reason."""
    name = errno.errorcode.get(error.errno or 0, "")
    reason = os.strerror(error.errno) if error.errno else str(error)
    reason = f"{doing}: {reason[:1].lower()}{reason[1:]}" + (f" ({name})" if name else "")
    if later:
        reason += "; the next build restores the last good outputs"
    else:
        reason = _unchanged(reason)
    return OutputError(_shown(Path(error.filename) if error.filename else out, out), reason)


def _shown(path: Path, out: Path) -> Path:
    """``build/.commit-T/new/course.pptx`` is shown as ``build/course.pptx``."""
    try:
        parts = path.relative_to(out).parts
    except ValueError:
        return path
    if parts and parts[0].startswith(STATES):
        return out.joinpath(*parts[2:]) if len(parts) > 2 and parts[1] in (NEW, OLD) else out
    return path
