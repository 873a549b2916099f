"""The `specwalk` command: a thin adapter over `specwalk.pipeline`.

Results go to stdout, progress and errors to stderr. `main(argv)` returns the exit code
(see `errors.ExitCode`); only `run()` exits the process.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.status import Status
from rich.table import Table

from specwalk import __version__
from specwalk.errors import ExitCode, Interrupted, SpecwalkError, UsageError

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _env() -> dict[str, str]:
    # The one place the process environment enters; everything below gets it as an argument.
    return dict(os.environ)


def _load(config_path: str | None, *, required: bool = True, overrides: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
    from specwalk.config import load_config

    return load_config(Path(config_path) if config_path else None, env=_env(), overrides=overrides, required=required)


config_option = click.option(
    "--config",
    "-c",
    "config_path",
    metavar="PATH",
    help="specwalk.toml to use (default: the nearest one up from here).",
)
base_url_option = click.option(
    "--base-url", metavar="URL", help="Use the app already running at URL; nothing is started or stopped."
)


class _Progress:
    """Waiting-for-the-app progress on stderr: a live status line on a terminal, sparse lines otherwise."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self._status: Status | None = None
        self._last_reported = -10.0

    def __call__(self, what: str, elapsed: float, timeout: float) -> None:
        if self.quiet:
            return
        if not what.startswith("http"):
            err.print(f"[yellow]{what}[/]")
            return
        message = f"waiting for the app at {what} ({elapsed:.0f}/{timeout:g} s)"
        if err.is_terminal:
            if self._status is None:
                self._status = err.status(message)
                self._status.start()
            else:
                self._status.update(message)
        elif elapsed - self._last_reported >= 5:
            self._last_reported = elapsed
            err.print(message)

    def done(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="specwalk")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def cli(debug: bool) -> None:
    """specwalk: requirements + front-end source -> verified Playwright tests and a user manual."""


@cli.command()
@config_option
@click.option("--app", "with_app", is_flag=True, help="Also start the app from specwalk.toml, open it and stop it.")
@base_url_option
@click.option("--no-page", is_flag=True, help="Skip launching the browser to open a test page.")
def doctor(config_path: str | None, with_app: bool, base_url: str | None, no_page: bool) -> int:
    """Check Python, Node, @playwright/test and the browser; optionally the app itself."""
    from specwalk.doctor import run_doctor

    config = _load(config_path, required=with_app and not base_url)
    report = run_doctor(
        project_root=config.root,
        browser_path=config.browser.path,
        env=_env(),
        headless=config.browser.headless,
        open_page=not no_page,
    )
    table = Table(title="specwalk doctor", show_header=True, header_style="bold")
    table.add_column("check")
    table.add_column("status")
    table.add_column("detail", overflow="fold")
    for check in report.checks:
        status = "[green]ok[/]" if check.ok else ("[red]MISSING[/]" if check.required else "[yellow]warning[/]")
        detail = check.detail if check.ok or not check.hint else f"{check.detail}\n-> {check.hint}"
        table.add_row(check.name, status, detail)
    out.print(table)
    if not report.ok:
        err.print("[red]error:[/] something specwalk needs is missing (see MISSING above)")
        return int(ExitCode.ENVIRONMENT)
    if with_app or base_url:
        from specwalk.pipeline import check_app

        assert report.browser is not None
        progress = _Progress()
        try:
            result = check_app(config, report.browser, base_url=base_url, on_progress=progress)
        finally:
            progress.done()
        started = f"started `{result.app.command}` (pid {result.app.pid}), " if result.app.pid else ""
        out.print(f"app: {started}opened {result.url}")
        out.print(f"app: title {result.title!r}, {result.interactive_elements} interactive elements")
        out.print(f"app: screenshot {result.screenshot}")
        if result.app.pid:
            out.print("app: stopped the dev server and its children")
    out.print("[green]doctor: all required checks passed[/]")
    return int(ExitCode.OK)


@cli.command()
@click.argument("path", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing specwalk.toml.")
def init(path: Path, force: bool) -> int:
    """Detect the front-end project at PATH and write its specwalk.toml."""
    from specwalk.pipeline import init_project

    result = init_project(path, force=force)
    for line in result.detection.evidence:
        err.print(f"  {line}")
    out.print(f"wrote {result.path}")
    if not result.detection.requirements:
        err.print("[yellow]note:[/] no requirements file found; set project.requirements when you have one")
    return int(ExitCode.OK)


@cli.command()
@config_option
def serve(config_path: str | None) -> int:
    """Start the app from specwalk.toml and keep it running until Ctrl-C."""
    import time

    from specwalk.pipeline import running_app

    config = _load(config_path)
    progress = _Progress()
    with running_app(config, on_progress=progress) as app:
        progress.done()
        out.print(f"app ready at {app.base_url} (pid {app.pid}, log {app.log_path}); Ctrl-C stops it", markup=False)
        sys.stdout.flush()
        while True:
            time.sleep(3600)


@cli.command("install-browser")
def install_browser_command() -> int:
    """Make sure a Chromium is available: Playwright's download, else the system package."""
    from specwalk.browser.install import install_browser

    info = install_browser(_env(), lambda line: err.print(line, markup=False))
    out.print(f"browser: {info.version or 'Chromium'} at {info.path} ({info.source})")
    return int(ExitCode.OK)


def _not_available(name: str, issue: str) -> None:
    @cli.command(
        name,
        help=f"(not available yet: {issue})",
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
        add_help_option=False,
    )
    def command() -> int:
        raise UsageError(f"`specwalk {name}` is not available yet ({issue} is still open)")


_not_available("index", "the index issue")
_not_available("plan", "the plan issue")
_not_available("generate", "the generate issue")
_not_available("docs", "the docs issue")


def _print_error(error: SpecwalkError) -> None:
    for number, line in enumerate(error.lines):
        err.print(f"[red]error:[/] {escape(line)}" if number == 0 else f"  {escape(line)}")
    if error.hint:
        err.print(f"  hint: {error.hint}", markup=False)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    from specwalk.browser.app_server import termination_as_interrupt

    try:
        with termination_as_interrupt():
            result = cli.main(args=args, prog_name="specwalk", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        out.print(exc.ctx.get_help() if exc.ctx else str(exc), markup=False)
        return int(ExitCode.USAGE)
    except click.ClickException as exc:
        err.print(f"[red]error:[/] {escape(exc.format_message())}")
        if isinstance(exc, click.UsageError) and exc.ctx is not None:
            err.print(f"  try `{exc.ctx.command_path} --help`", markup=False)
        return int(ExitCode.USAGE)
    except (KeyboardInterrupt, click.exceptions.Abort, Interrupted) as exc:
        reason = str(exc) if isinstance(exc, Interrupted) else "interrupted"
        err.print(f"specwalk: {reason}; stopped cleanly")
        return int(ExitCode.INTERRUPTED)
    except SpecwalkError as exc:
        if debug:
            err.print(traceback.format_exc(), markup=False)
        _print_error(exc)
        return int(exc.exit_code)
    except Exception:  # noqa: BLE001 - the one place bugs are reported as bugs
        err.print("specwalk: internal error, please report it with the traceback below", markup=False)
        for line in traceback.format_exc().splitlines():
            err.print(f"INTERNALERROR> {line}", markup=False)
        return int(ExitCode.INTERNAL)
    return int(result or 0)


def run() -> None:
    sys.exit(main())
