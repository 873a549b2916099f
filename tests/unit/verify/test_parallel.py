"""side_by_side: every item once, results in item order whoever ran them, failures raised here."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from specwalk.verify.parallel import side_by_side


def test_results_keep_the_item_order_and_every_worker_takes_items() -> None:
    ran_by: dict[int, str] = {}
    opened: list[str] = []
    gate = threading.Barrier(3)  # each worker holds its first item until all three have one

    @contextmanager
    def helper(name: str) -> Iterator[str]:
        opened.append(name)
        yield name

    def run(worker: str, position: int) -> str:
        if position < 3:
            gate.wait(timeout=10)
        ran_by[position] = worker
        return f"item {position}"

    results = side_by_side(12, run, "main", [lambda: helper("a"), lambda: helper("b")])

    assert results == [f"item {n}" for n in range(12)]
    assert sorted(opened) == ["a", "b"]
    assert set(ran_by.values()) == {"main", "a", "b"}
    assert sorted(ran_by) == list(range(12))


def test_a_helper_failure_stops_the_others_and_is_raised_in_the_caller() -> None:
    ran: list[int] = []

    @contextmanager
    def broken() -> Iterator[str]:
        raise OSError("no browser for the helper")
        yield "never"

    with pytest.raises(OSError, match="no browser for the helper"):
        side_by_side(50, lambda _worker, position: ran.append(position), "main", [broken])
    assert len(ran) <= 50


def test_an_error_in_this_thread_stops_the_helpers_and_propagates() -> None:
    failing = threading.Event()
    helper_ran: list[int] = []

    def run(worker: str, position: int) -> int:
        if worker == "main":
            failing.set()
            raise ValueError(f"item {position} failed")
        failing.wait(timeout=10)  # the helper holds its item until this thread has failed
        time.sleep(0.05)
        helper_ran.append(position)
        return position

    @contextmanager
    def helper() -> Iterator[str]:
        yield "helper"

    with pytest.raises(ValueError, match="failed"):
        side_by_side(20, run, "main", [helper])
    # It finishes the item it may have; the stop comes long before it could run 18 more.
    assert len(helper_ran) < 18


def test_no_items_and_no_helpers() -> None:
    assert side_by_side(0, lambda _worker, position: position, "main") == []
    assert side_by_side(3, lambda worker, position: (worker, position), "main") == [
        ("main", 0),
        ("main", 1),
        ("main", 2),
    ]
