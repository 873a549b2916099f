"""Verification: run scenarios in a real browser, prove sensitivity, run emitted suites."""
