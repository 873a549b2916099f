"""verify_plan's helper browsers: a helper that cannot start is an error in the caller, not a lost result."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from specwalk.models.scenario import Plan
from specwalk.verify.engine import ScenarioVerifier
from specwalk.verify.suite import verify_plan


def test_a_helper_that_cannot_open_its_browser_fails_the_run() -> None:
    @contextmanager
    def broken() -> Iterator[ScenarioVerifier]:
        raise RuntimeError("no second browser")
        yield  # pragma: no cover - a generator context manager needs one

    empty = Plan(requirements=[], unplanned=[])
    # The caller's own verifier is never used for an empty plan; nothing reaches a browser.
    with pytest.raises(RuntimeError, match="no second browser"):
        verify_plan(empty, None, helpers=[broken])  # type: ignore[arg-type]
