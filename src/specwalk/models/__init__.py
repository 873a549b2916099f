"""Typed, versioned, JSON-serialisable artifacts: the contracts between stages."""
