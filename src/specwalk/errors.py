"""The one error tree of specwalk.

    SpecwalkError                  anything specwalk anticipates; shown without a traceback
    ├── UsageError                 the user's mistake: bad flag, bad config, wrong directory
    │   ├── ConfigError            a bad value in specwalk.toml (file, line, key, value, fix)
    │   └── LlmRefused             the model server rejected the API key or the model name
    ├── InputError                 an input file that cannot be parsed (file, line)
    ├── EnvironmentProblem         the machine lacks something (browser, node, free port)
    │   ├── BrowserNotFound
    │   ├── BrowserLaunchError
    │   ├── NavigationFailed       a page would not load
    │   ├── AppStartError          the app's dev server did not come up
    │   └── LlmUnavailable         the model server cannot be reached (not running, wrong URL)
    │       └── LlmNoAnswer        it timed out or kept failing (429 / 5xx) after the retries
    └── Interrupted                SIGINT / SIGTERM while work was running

Anything else that escapes is a bug: the CLI prints it with a traceback and exit code 70.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURES = 1  # app defects or scenarios that need attention
    USAGE = 2  # bad flags, bad config
    BAD_INPUT = 3  # unparseable requirements or source
    ENVIRONMENT = 4  # browser / node / app server unavailable
    INTERRUPTED = 130
    INTERNAL = 70


class SpecwalkError(Exception):
    """Base of every anticipated failure. `lines` are printed one per line."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, *lines: str, hint: str | None = None) -> None:
        super().__init__(*lines)
        self.lines: tuple[str, ...] = tuple(lines)
        self.hint = hint

    def __str__(self) -> str:
        return "\n".join(self.lines)


class UsageError(SpecwalkError):
    exit_code = ExitCode.USAGE


UsageError.__module__ = "specwalk"


class ConfigError(UsageError):
    """A problem in a config file; each line already names file:line, key, value and fix."""


class InputError(SpecwalkError):
    exit_code = ExitCode.BAD_INPUT


class EnvironmentProblem(SpecwalkError):
    exit_code = ExitCode.ENVIRONMENT


class BrowserNotFound(EnvironmentProblem):
    pass


class BrowserLaunchError(EnvironmentProblem):
    pass


class NavigationFailed(EnvironmentProblem):
    pass


class AppStartError(EnvironmentProblem):
    pass


class LlmRefused(UsageError):
    """401/403 (the key) or an unknown model: every request would fail the same way, so stop."""


class LlmUnavailable(EnvironmentProblem):
    """The model server cannot be reached at all; every request would fail the same way."""


class LlmNoAnswer(LlmUnavailable):
    """One request got no usable answer after the retries; callers may report it per item and go on."""


class Interrupted(SpecwalkError):
    exit_code = ExitCode.INTERRUPTED
