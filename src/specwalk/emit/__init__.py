"""Emitters: pure functions from artifacts to file contents (Playwright TS, pytest, report, manual)."""
