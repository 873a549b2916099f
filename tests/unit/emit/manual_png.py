"""Tiny PNGs made by hand, with and without the ancillary chunks an encoder may add."""

from __future__ import annotations

import struct
import time
import zlib


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def tiny_png(*, stamp: bool = False, rgba: tuple[int, int, int, int] = (225, 29, 72, 255)) -> bytes:
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
    pixels = chunk(b"IDAT", zlib.compress(bytes([0, *rgba])))
    extra = b""
    if stamp:
        now = time.gmtime()
        extra = chunk(b"tIME", struct.pack(">HBBBBB", now.tm_year, now.tm_mon, now.tm_mday, 0, 0, now.tm_sec))
        extra += chunk(b"tEXt", b"Software\x00an encoder " + str(time.time()).encode())
    return b"\x89PNG\r\n\x1a\n" + header + extra + pixels + chunk(b"IEND", b"")
