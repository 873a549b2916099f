"""Source → UI map. `index_project(config)` is what `specwalk index` runs.

Modules: build (discovery, cache, dispatch), resolve (merge), react / routes_js / i18n (parsers),
roles (ARIA and UI kits), locators (ranking), query (API for later stages), summary (human text).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from specwalk.index.build import IndexRun, IndexSettings, build_index

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
    """Index the project and write `<output>/uimap.json`."""
    return build_index(settings, on_progress=on_progress)
