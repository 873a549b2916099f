"""The PDF Chromium prints from the manual's HTML, made repeatable.

Chromium stamps the printing time into the document information (`/CreationDate`, `/ModDate`);
the same manual printed twice then differs in those bytes alone. The stamp is replaced by a fixed
one of the same length, so the cross-reference offsets stay valid.

Chromium prints the HTML from a scratch file rather than from markup sent over the protocol:
the manual inlines its pictures, and sending that many megabytes takes seconds.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from specwalk.browser.playwright_driver import BrowserSession

PDF_FILE = "manual.pdf"
_STAMP = re.compile(rb"/(CreationDate|ModDate)\s*\(D:(\d{4,14})")
FIXED_DATE = b"20250101000000"


def stable_pdf(data: bytes) -> bytes:
    if not data.startswith(b"%PDF-"):
        raise ValueError("not a PDF")
    return _STAMP.sub(lambda m: m.group(0)[: -len(m.group(2))] + FIXED_DATE[: len(m.group(2))], data)


def print_manual(session: BrowserSession, html: str) -> bytes:
    """The manual's self-contained HTML printed by Chromium, with a fixed date stamp."""
    with tempfile.TemporaryDirectory(prefix="specwalk-pdf-") as scratch:
        page = Path(scratch) / "manual.html"
        page.write_text(html, encoding="utf-8")
        return stable_pdf(session.print_pdf(page))
