"""Source → UI map. `index_project(config)` is what `specwalk index` runs.

Modules: build (discovery, cache, dispatch), resolve (merge), react / routes_js / i18n (parsers),
roles (ARIA and UI kits), locators (ranking), query (API for later stages), summary (human text).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from specwalk.artifacts import producing
from specwalk.errors import InputError
from specwalk.index.build import EXTENSION_KINDS, IndexRun, IndexSettings, build_index, kinds_for
from specwalk.index.summary import Summary

__all__ = ["IndexRun", "IndexSettings", "build_index", "index_project", "settings_for"]


def settings_for(
    root: Path,
    *,
    source_roots: tuple[str, ...],
    framework: str,
    locales: tuple[str, ...],
    output_dir: Path,
    use_cache: bool = True,
    workers: int = 2,
    skip_dirs: tuple[Path, ...] = (),
) -> IndexSettings:
    return IndexSettings(
        root=root,
        source_roots=source_roots,
        framework=framework,
        locales=locales or ("en",),
        output_dir=output_dir,
        use_cache=use_cache,
        workers=workers,
        skip_dirs=skip_dirs,
    )


def index_project(settings: IndexSettings, *, on_progress: Callable[[str, int, int], None] | None = None) -> IndexRun:
    """Index the project and write `<output>/uimap.json`.

    A map without a single element is no success: an InputError says what was found and what
    was skipped, and the map is marked stale (as after any failure), so no later stage reads it.
    """
    with producing("specwalk index", settings.out / "uimap.json"):
        run = build_index(settings, on_progress=on_progress)
        summary = run.summary
        if summary.elements == 0:
            raise InputError(*_nothing_found(settings, summary), hint=_NOTHING_HINT)
    return run


_NOTHING_HINT = (
    "check project.framework and project.source_roots in specwalk.toml (`specwalk init --force` detects them), "
    "and fix the files listed"
)


def _nothing_found(settings: IndexSettings, summary: Summary) -> list[str]:
    roots = ", ".join(repr(root) for root in settings.source_roots)
    if summary.files == 0:
        extensions = " ".join(
            sorted({ext for ext, kinds in EXTENSION_KINDS.items() if kinds_for("x" + ext, settings.framework)})
        )
        first = f"no source files to index under {roots} (framework {settings.framework}: {extensions})"
    else:
        first = (
            f"indexed {summary.files} file(s) under {roots} but found no element in them "
            "(no button, link, field, heading or text to test)"
        )
    return [first, *(f"problem: {problem}" for problem in summary.problems)]
