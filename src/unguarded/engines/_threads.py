"""Worker threads a scan can leave behind.

A client library that blocks (PyMySQL, pymongo, drivers other engines wrap in
``asyncio.to_thread``) cannot be cancelled: when a service's deadline passes, the scanner
closes the sockets under it and sets :attr:`ScanContext.stopped`, and the thread usually
ends at once. If a library still holds on, the thread must not hold the scan: Python's
``ThreadPoolExecutor`` joins its workers when the event loop closes and again when the
interpreter exits, so one stuck read would keep the whole scan alive. These workers are
daemon threads that nobody joins.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

_P = ParamSpec("_P")
_T = TypeVar("_T")

_Job = tuple[Future[Any], Callable[..., Any], tuple[Any, ...], dict[str, Any]]


class AbandonableExecutor(ThreadPoolExecutor):
    """A thread pool of daemon workers whose ``shutdown`` never waits for a stuck one.

    A ``ThreadPoolExecutor`` by type only (asyncio accepts nothing else as a loop's
    default executor); none of its machinery is used.
    """

    def __init__(self, max_workers: int = 256, name: str = "unguarded-worker") -> None:
        super().__init__(max_workers=1)
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._limit, self._name = max_workers, name
        self._guard = threading.Lock()
        self._started = 0
        self._waiting = 0
        self._closed = False

    def submit(self, fn: Callable[_P, _T], /, *args: _P.args, **kwargs: _P.kwargs) -> Future[_T]:
        if self._closed:
            raise RuntimeError("cannot schedule new work after shutdown")
        future: Future[_T] = Future()
        self._jobs.put((future, fn, args, kwargs))
        with self._guard:
            if self._waiting == 0 and self._started < self._limit:
                self._started += 1
                threading.Thread(target=self._work, name=f"{self._name}-{self._started}", daemon=True).start()
            else:
                self._waiting = max(0, self._waiting - 1)
        return future

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            future, fn, args, kwargs = job
            if future.set_running_or_notify_cancel():
                try:
                    result = fn(*args, **kwargs)
                except BaseException as exc:  # handed to whoever awaits the future
                    future.set_exception(exc)
                else:
                    future.set_result(result)
            del job, future, fn, args, kwargs
            with self._guard:
                self._waiting += 1

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop idle workers; a worker stuck in a blocking call is left behind (a daemon)."""
        self._closed = True
        with self._guard:
            for _ in range(self._started):
                self._jobs.put(None)


#: engines that block (PyMySQL, pymongo) run here rather than in asyncio's default pool
BLOCKING = AbandonableExecutor(name="unguarded-blocking")
