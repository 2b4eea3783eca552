"""Ctrl-C and SIGTERM: exit 130 and 143 with the last good outputs kept, in any phase.

Python turns SIGINT into ``KeyboardInterrupt``; SIGTERM, by default, kills the process on
the spot with no chance to remove a staging folder or stop render workers. ``install``
makes SIGTERM raise ``Terminated`` instead, so both unwind through the same ``finally``
blocks. ``deferred`` holds both signals back for the few renames that move a committed
output set into place: an interrupt there takes effect once the set is whole.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Terminated(BaseException):
    """SIGTERM arrived; the command line exits with status 143 (128 + 15)."""

    exit_status = 143


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


def install() -> None:
    """SIGTERM raises ``Terminated`` in the main thread (a no-op elsewhere)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_terminated)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends, then deliver them as before.

    A Python-level deferral rather than ``pthread_sigmask``: Python runs handlers in the
    main thread whichever thread the kernel picked, so masking one thread is not enough
    (watch mode runs a notify thread). Outside the main thread there is nothing to do:
    handlers only ever run in the main thread.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        pending.append(signum)

    previous = {signum: signal.signal(signum, hold) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for held in dict.fromkeys(pending):
            signal.raise_signal(held)  # the previous handler decides, as if never held
