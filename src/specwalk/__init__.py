"""specwalk: requirements + front-end source -> verified Playwright tests and a user manual."""

__version__ = "0.1.0"
