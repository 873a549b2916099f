"""The PDF Chromium prints from the manual's HTML, made repeatable.

Chromium stamps the printing time into the document information (`/CreationDate`, `/ModDate`);
the same manual printed twice then differs in those bytes alone. The stamp is replaced by a fixed
one of the same length, so the cross-reference offsets stay valid.
"""

from __future__ import annotations

import re

PDF_FILE = "manual.pdf"
_STAMP = re.compile(rb"/(CreationDate|ModDate)\s*\(D:(\d{4,14})")
FIXED_DATE = b"20250101000000"


def stable_pdf(data: bytes) -> bytes:
    if not data.startswith(b"%PDF-"):
        raise ValueError("not a PDF")
    return _STAMP.sub(lambda m: m.group(0)[: -len(m.group(2))] + FIXED_DATE[: len(m.group(2))], data)
