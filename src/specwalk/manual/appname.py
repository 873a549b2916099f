"""The app's name for the manual's title, as the app itself gives it (never the folder's name).

In this order: the web manifest's `name` (or `short_name`), the page's `<title>` in the HTML
entry (`index.html` at the root, in `public/` or `src/`), `package.json`'s `displayName` or
`productName`. A value that is still a build-time placeholder ("%VITE_APP_TITLE%", "<%= title %>")
is no name. `[docs] title` overrides all of them; the live page's title is the last resort (the
caller asks the browser).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

_MANIFESTS = ("manifest.webmanifest", "manifest.json", "site.webmanifest", "app.webmanifest")
_PLACES = (".", "public", "static", "src", "app", "assets")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_PLACEHOLDER = re.compile(r"[{}<>%$]|^\s*$")


def usable_name(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    name = " ".join(html.unescape(text).split())
    return None if _PLACEHOLDER.search(name) or len(name) > 80 else name


def _json(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def app_name(root: Path) -> str | None:
    """The name the app gives itself in its files, else None."""
    for place in _PLACES:
        for manifest in _MANIFESTS:
            data = _json(root / place / manifest)
            name = usable_name(data.get("name")) or usable_name(data.get("short_name"))
            if name:
                return name
    for place in _PLACES:
        page = root / place / "index.html"
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        match = _TITLE.search(text)
        name = usable_name(match.group(1)) if match else None
        if name:
            return name
    package = _json(root / "package.json")
    return usable_name(package.get("displayName")) or usable_name(package.get("productName"))
