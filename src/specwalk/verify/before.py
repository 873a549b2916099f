"""What a page was like before the When actions: numbers kept by `remember` operations, per page.

"a new row is added to the table" compares the row count after the actions with the count just
before them. The verifier and every replay run in their own page (driver), so each keeps its own
numbers; a replay that skips the actions still reads them (`replays.py`), and the check then
fails or passes for what the app did, not for a missing number.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from specwalk.browser.driver import Driver, Outcome
from specwalk.models.report import Operation

_KEPT: WeakKeyDictionary[Driver, dict[str, int]] = WeakKeyDictionary()


def remember(driver: Driver, operation: Operation) -> Outcome:
    """Keep how many elements the operation's locator matches now, under its `key`."""
    if operation.locator is None or not operation.key:
        return Outcome(False, "nothing to count")
    count = driver.count(operation.locator)
    _KEPT.setdefault(driver, {})[operation.key] = count
    return Outcome(True, actual=str(count))


def expected_count(driver: Driver, operation: Operation) -> int | None:
    """The count a check with a kept `key` expects: the kept number plus the check's `value`."""
    kept = _KEPT.get(driver, {}).get(operation.key or "")
    if kept is None:
        return None
    return kept + int(operation.value or 0)
