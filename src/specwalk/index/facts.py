"""What one framework parser extracts from one file; `index.build` merges these into the UI map.

Every parser module (react, vue, svelte, angular, html) exposes
`parse_file(path: str, source: bytes, context: ParseContext) -> FileFacts`. It must never raise
on bad input: a file that does not parse yields `problems` and whatever could be read.
Elements come out with `locators`, `routes` and `description` empty; `build` fills those in after
resolving wrapper components across files, i18n keys and routes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from specwalk.models.uimap import ComponentNode, Handler, ParseProblem, Route, SourceSpan, UIElement


@dataclass(frozen=True)
class ParseContext:
    testid_attributes: tuple[str, ...] = ("data-testid", "data-test", "data-cy", "data-test-id")
    default_locale: str = "en"


class ImportBinding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str  # the module specifier as written: "./components/ui/Button", "@mui/material"
    imported: str  # the exported name ("default" for default imports)


class DomBinding(BaseModel):
    """Plain-HTML apps: what a script does to markup it finds by selector (added by INDEX-TEMPLATES).

    `document.getElementById('save').addEventListener('click', save)` -> selector `#save`, kind
    handler. `html.link_scripts` applies a project's bindings to its pages' elements after parsing,
    because a page and its scripts are cached separately.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    selector: str  # '#id', '.class', '[attr="value"]', 'tag' (the last compound of the selector)
    kind: Literal["handler", "text", "hidden", "attribute", "loop"]
    handler: Handler | None = None  # kind == handler
    name: str | None = None  # kind == attribute: the attribute set
    expression: str | None = None  # the value / text / hidden condition / loop source, as written
    location: SourceSpan


class FileFacts(BaseModel):
    """Cached per file (keyed by content hash and parser version), so it must be plain data."""

    model_config = ConfigDict(extra="forbid")

    file: str  # POSIX path relative to the project root
    parser: str  # react | vue | svelte | angular | html | script
    elements: list[UIElement] = Field(default_factory=list)
    components: list[ComponentNode] = Field(default_factory=list)
    routes: list[Route] = Field(default_factory=list)
    imports: dict[str, ImportBinding] = Field(default_factory=dict)  # local name -> where it comes from
    i18n_keys: list[str] = Field(default_factory=list)  # keys used in this file, for the summary
    problems: list[ParseProblem] = Field(default_factory=list)
    dom_bindings: list[DomBinding] = Field(default_factory=list)  # scripts of plain-HTML apps
    # The file sets up its router with hash history (vue-router createWebHashHistory, react-router
    # HashRouter / createHashRouter, Angular withHashLocation / useHash: true): the app's router
    # routes live after `#` in the URL.
    hash_history: bool = False


@dataclass
class LocaleTable:
    """Flattened translations: locale -> dotted key -> text."""

    messages: dict[str, dict[str, str]] = field(default_factory=dict)
