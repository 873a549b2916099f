"""Regex sources for checks whose value is compared by a match kind (contains, starts with, ends with).

Written once so that the driver (Python's `re`) and the emitted tests (a JavaScript regex literal,
or `re.compile` in pytest) check exactly the same thing: only characters both dialects escape
the same way are escaped, and no flags are used.
"""

from __future__ import annotations

import re

from specwalk.models.report import OpMatch

_SPECIAL = re.compile(r"[\\^$.*+?()[\]{}|/-]")


def escaped(value: str) -> str:
    return _SPECIAL.sub(lambda found: "\\" + found.group(0), value)


def text_pattern(value: str, match: OpMatch) -> str:
    """A text / attribute / dialog message that equals, contains, starts or ends with `value`."""
    body = escaped(value)
    return {
        "equals": f"^{body}$",
        "contains": body,
        "starts_with": f"^{body}",
        "ends_with": f"{body}$",
    }[match]


def url_pattern(value: str, match: OpMatch) -> str:
    """The page URL compared with `value`: a full URL, a path ("/notes"), a hash route ("#/notes")
    or a fragment of either. `equals` is the path (or hash route) itself, then an optional ?query
    or #hash; `starts_with` a path or hash route anchors at its start, not at the origin's."""
    body = escaped(value)
    if match == "contains":
        return body
    if match == "ends_with":
        return f"{body}$"
    if match == "equals":
        return f"{body}(?:[?#].*)?$"
    if value.startswith(("http://", "https://")):
        return f"^{body}"
    if value.startswith("#"):
        return f"^[^#]*{body}"
    if value.startswith("/"):
        return f"^[a-z][a-z0-9+.-]*://[^\\/]+{body}"
    return f"^[a-z][a-z0-9+.-]*://[^\\/]+\\/{body}"
