"""Work through numbered items with several browsers side by side, one thread each.

Playwright's sync API belongs to the thread that opened it, so each helper opens its own worker
(a browser, a verifier) in its own thread, and this thread keeps the one it was given. Results
keep the items' order whoever ran them, so the output does not depend on the number of workers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import TypeVar

W = TypeVar("W")
R = TypeVar("R")

# On an interrupt, how long helpers get to finish their current item and close their browsers.
HELPER_GRACE_S = 10.0


def side_by_side(
    count: int,
    run: Callable[[W, int], R],
    worker: W,
    helpers: Sequence[Callable[[], AbstractContextManager[W]]] = (),
) -> list[R]:
    """`run(some_worker, n)` for every n in range(count): `worker` in this thread, and one thread
    per helper, which opens its own worker there. The first exception stops every thread (each
    finishes the item it has) and is raised here."""
    results: list[R | None] = [None] * count
    finished = [False] * count
    lock = threading.Lock()
    queue = iter(range(count))
    stop = threading.Event()
    failures: list[BaseException] = []

    def work(own: W) -> None:
        while not stop.is_set():
            with lock:
                position = next(queue, None)
            if position is None:
                return
            results[position] = run(own, position)
            finished[position] = True

    def helper(factory: Callable[[], AbstractContextManager[W]]) -> None:
        try:
            with factory() as own:
                work(own)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            failures.append(exc)
            stop.set()

    threads = [threading.Thread(target=helper, args=(factory,), daemon=True) for factory in helpers]
    for thread in threads:
        thread.start()
    try:
        work(worker)
    except BaseException:
        stop.set()
        for thread in threads:
            thread.join(timeout=HELPER_GRACE_S)
        raise
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    if not all(finished):  # only if a helper stopped without raising, which is a bug
        raise RuntimeError(f"{finished.count(False)} of {count} item(s) were not run")
    return results  # type: ignore[return-value]  # every position was filled (checked above)
