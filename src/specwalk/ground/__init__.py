"""Grounding: a step's target phrase -> a UI-map element -> one live element and its locator."""
