"""Work spread over forked worker processes, for the pipeline (one output a worker) and the
course library (one course a worker), ending cleanly however it ends.

A ``ProcessPoolExecutor``, not ``multiprocessing.Pool``: when a worker dies (the
out-of-memory killer's SIGKILL), Pool replaces it and waits forever for the lost task,
while the executor fails every pending task with ``BrokenProcessPool``, which ends the
command with one line. Written by hand around the executor because its own context manager
waits for running tasks on Ctrl-C (the workers ignore it, the parent stops them) and
leaves its management thread racing the interpreter's exit (below).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class WorkerDied(Exception):
    """A worker ended without a result (killed by a signal, or it exited); ``items``: the
    names of the work it and the other unfinished workers were given."""

    def __init__(self, items: list[str]) -> None:
        super().__init__(", ".join(items))
        self.items = items


def in_workers(function: Callable[[Item], Result], items: Sequence[Item], jobs: int,
               initializer: Callable[[], None], name: Callable[[Item], str] = str,
               ordered: bool = False) -> Iterator[Result]:
    """``function(item)`` for every item in ``jobs`` forked workers (started with
    ``initializer``): results as they finish, or in the order of ``items`` (``ordered``).

    Raises WorkerDied when a worker dies. On any other end before the last result (an
    error, Ctrl-C, SIGTERM, the caller stopping early) the workers are killed at once.
    ``function`` must be a module-level function; what it needs beyond the item is best
    left in a module global before this is called (the fork inherits it, nothing is
    pickled).
    """
    before = set(multiprocessing.active_children())
    threads_before = set(threading.enumerate())
    executor = ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context("fork"), initializer=initializer)
    finished = False
    try:
        futures: dict[Future[Result], Item] = {
            executor.submit(function, item): item for item in items}
        waiting = dict(futures)
        try:
            for future in (futures if ordered else as_completed(futures)):
                result = future.result()
                del waiting[future]
                yield result
        except BrokenProcessPool:
            raise WorkerDied([name(item) for item in waiting.values()]) from None
        finished = True
    finally:
        if not finished:  # an error, Ctrl-C or SIGTERM: stop the others now, quietly
            executor.shutdown(wait=False, cancel_futures=True)
            for worker in set(multiprocessing.active_children()) - before:
                worker.kill()
                worker.join()
            # shutdown(wait=False) let go of the executor's management thread without
            # joining it; left running into interpreter exit, it closes its wake-up pipe
            # while concurrent.futures' exit hook writes to it, which printed an
            # "Exception ignored … Bad file descriptor" traceback after Ctrl-C (CPython
            # 3.11). Wait for the thread the executor started (found by the module of its
            # class: threads of a serving process are left alone).
            for thread in set(threading.enumerate()) - threads_before:
                if type(thread).__module__ == "concurrent.futures.process":
                    thread.join(timeout=10)
        executor.shutdown(wait=True)
