"""The UI map: every interactive or assertable element of the app, read from its source.

Written by `specwalk index` to `.specwalk/uimap.json`; read by grounding, locator choice and the
manual. Plain data: no I/O and no logic beyond derived read-only helpers.
Bump SCHEMA_VERSION on any incompatible change (the index cache keys on it).
Version 2: a locator candidate's reasons are data (`kind`, `key`, `shared`, `repeated`), rendered
as text only when shown (`LocatorCandidate.reasons`); version 1 spelled them out per candidate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

UIMAP_SCHEMA_VERSION: Literal[2] = 2


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    if not TYPE_CHECKING:

        def __eq__(self, other: object) -> bool:
            # Writing the map without defaults compares every element's `render` with the
            # default: pydantic's general __eq__ (generic origins, private and extra fields,
            # none of which these models have) costs several times this.
            if type(other) is type(self):
                return self.__dict__ == other.__dict__
            return NotImplemented


class SourceSpan(_Model):
    """A place in the project's source; `file` is POSIX-relative to the project root, 1-based."""

    file: str
    line: int
    column: int
    end_line: int | None = None


class AttributeValue(_Model):
    """An attribute as written: a literal string, or an expression evaluated at run time."""

    name: str
    literal: bool
    value: str | None = None  # the exact string when literal (or a constant the indexer resolved)
    expression: str | None = None  # the source text of a dynamic value


TextKind = Literal["literal", "i18n", "dynamic", "mixed"]


class TextValue(_Model):
    """Visible text or an accessible name.

    literal: `value` is exactly what the user sees.
    i18n: `key` resolved through the locale files; `translations` maps locale -> text
          (`value` is the default locale's text when known).
    dynamic: only known at run time; `expression` is the source.
    mixed: literal parts and expressions; `value` keeps the literal parts with `{…}` holes.
    """

    kind: TextKind
    value: str | None = None
    key: str | None = None
    translations: dict[str, str] = Field(default_factory=dict)
    expression: str | None = None
    # Added by INDEX-CORE: a key computed at run time (`t(`tasks.filter.${f}`)`, plural forms)
    # may resolve to several keys; each possible key -> locale -> text.
    variants: dict[str, dict[str, str]] = Field(default_factory=dict)
    # Added by INDEX-TEMPLATES (finishing): the literal strings a dynamic value can take, when
    # the source spells them out (`isNew ? 'New note' : 'Edit note'`); not locale-dependent.
    options: list[str] = Field(default_factory=list)


class Handler(_Model):
    """An event handler or two-way binding: onClick={save}, @click="save", v-model="title"."""

    event: str  # click, submit, change, input, keydown, model (two-way binding), ...
    handler: str  # the handler's name, or its expression source when inline
    syntax: str  # as written: onClick, @click, v-on:click, on:click, bind:value, (click), [(ngModel)]


class RenderCondition(_Model):
    """Why an element may be absent or repeated."""

    conditional: str | None = None  # `cond && <x/>`, `v-if`, `{#if}`, `*ngIf` source
    loop: str | None = None  # `items.map(...)`, `v-for`, `{#each}`, `*ngFor` source


LocatorStrategy = Literal["role", "label", "placeholder", "text", "alt", "title", "testid", "id", "css"]

# Where a candidate's value comes from, which decides its rank and stability:
# literal: written in the source; i18n: a translation (stable per locale); variant: one of
# several texts chosen at run time; interpolated: text with run-time parts (matched as a
# pattern); dynamic: only known at run time (an expression, or a key missing from the locales).
LocatorValueKind = Literal["literal", "i18n", "variant", "interpolated", "dynamic"]

_STRATEGY_TEXT: dict[str, str] = {
    "role": "role and accessible name",
    "label": "label",
    "placeholder": "placeholder",
    "text": "visible text",
    "alt": "alt text",
    "title": "title",
    "testid": "test id",
    "id": "id",
    "css": "CSS selector",
}


class LocatorCandidate(_Model):
    """One way to find the element, scored like Playwright's codegen: lower is better.

    The reason for the rank is kept as data (a large map has hundreds of thousands of candidates):
    `kind` (literal vs dynamic, locale-dependent), `shared` and `repeated` (unique on the
    element's routes or not); `reasons` renders them for people.
    """

    strategy: LocatorStrategy
    value: str  # the name / text / test id / selector
    role: str | None = None  # for strategy == "role"
    exact: bool = False
    score: float
    stable: bool = False  # literal in source, unique, and not data- or locale-dependent
    locale: str | None = None  # the locale this value belongs to, when it came from i18n
    kind: LocatorValueKind = "literal"
    key: str | None = None  # the i18n key the value is translated from
    shared: int = 1  # elements on the element's routes this locator finds (1: only this one)
    repeated: bool = False  # rendered per item of a list with this same value: one match per item
    playwright: str  # rendered for people: getByRole('button', { name: 'Add task' })

    @property
    def unique(self) -> bool:
        return self.shared <= 1 and not self.repeated

    @property
    def reasons(self) -> list[str]:
        """Why it ranks where it does, in words."""
        what = "role without a name" if self.strategy == "role" and not self.value else _STRATEGY_TEXT[self.strategy]
        key = f"i18n key '{self.key}'" if self.key else ""
        source = {
            "literal": "literal in source",
            "i18n": f"{key or 'translated'}: depends on locale ({self.locale})",
            "variant": "one of several texts chosen at run time" + (f" ({key}, locale {self.locale})" if key else ""),
            "interpolated": "text has run-time parts" + (f" ({key})" if key else ""),
            "dynamic": "only known at run time" + (f" ({key} not found in the locale files)" if key else ""),
        }[self.kind]
        if self.shared > 1:
            uniqueness = f"not unique: {self.shared} elements on its routes"
        elif self.repeated:
            uniqueness = "not unique: one per item of its list"
        else:
            uniqueness = "unique on its routes"
        return [what, source, uniqueness]


class UIElement(_Model):
    id: str  # stable across runs: "<file>:<line>:<column>"
    location: SourceSpan
    component: str | None  # the enclosing component (or the file's stem for templates)
    tag: str  # as written: button, Button, el-button, v-text-field
    native_tag: str | None  # the element it renders: button, input, a, ...
    role: str | None  # implied or explicit ARIA role
    attributes: dict[str, AttributeValue] = Field(default_factory=dict)
    text: TextValue | None = None  # visible content
    label: TextValue | None = None  # associated <label>, aria-label / aria-labelledby
    accessible_name: TextValue | None = None  # what getByRole's name matches
    handlers: list[Handler] = Field(default_factory=list)
    render: RenderCondition = RenderCondition()
    routes: list[str] = Field(default_factory=list)  # route paths under which it renders
    locators: list[LocatorCandidate] = Field(default_factory=list)  # best first
    description: str = ""  # one line for retrieval: role, name, label, placeholder, texts, test id


RouteSource = Literal[
    "react-router", "vue-router", "next-pages", "next-app", "sveltekit", "angular", "hash", "html-file", "vue-pages"
]  # vue-pages: Vue file routes (vite-plugin-pages, unplugin-vue-router, Nuxt `pages/`); added, additive


class Route(_Model):
    path: str  # full path with params as written: /tasks/:taskId, /products/[id]
    component: str | None
    location: SourceSpan
    source: RouteSource
    parent: str | None = None  # full path of the parent route (layouts, nested outlets)
    index: bool = False
    params: list[str] = Field(default_factory=list)
    redirect: str | None = None
    # Added by the route mounting step (additive: absent in older maps). Parsers read one file;
    # where a table lives elsewhere, `build` mounts it under the route that loads or renders it:
    # - mounts: what a lazy route loads (Angular `loadChildren: () => import('./x.module')`), as a
    #   project-relative POSIX path without extension (`src/app/pages/pages.module`); that
    #   module's routes (or its `x-routing.module`'s) are mounted under this route's path;
    #   for a react-router page bound by `const Page = lazy(() => import('./routes/page'))`,
    #   the file the page comes from (its component there may have another name);
    # - within: the component whose render holds this route (react-router v6 descendant
    #   `<Routes>` inside a page); its routes are mounted under every route rendering it.
    mounts: str | None = None
    within: str | None = None


class ComponentEdge(_Model):
    component: str  # the rendered component's name
    props: dict[str, str] = Field(default_factory=dict)  # prop -> literal value or expression source
    location: SourceSpan


class ComponentNode(_Model):
    name: str
    location: SourceSpan
    renders: list[ComponentEdge] = Field(default_factory=list)
    wraps: str | None = None  # for the project's own wrapper components: the native tag rendered
    # Added by INDEX-CORE: the props the component declares (destructured or `props.x`), so
    # `build` can substitute a usage's props into the elements that render them.
    props: list[str] = Field(default_factory=list)


class ParseProblem(_Model):
    file: str
    line: int | None = None
    message: str


class UIMap(_Model):
    schema_version: Literal[2] = UIMAP_SCHEMA_VERSION
    specwalk_version: str
    root: str  # absolute path of the project root when indexed
    framework: str
    locales: list[str]
    files_indexed: int
    routes: list[Route] = Field(default_factory=list)
    components: list[ComponentNode] = Field(default_factory=list)
    route_components: dict[str, list[str]] = Field(default_factory=dict)  # route path -> components
    elements: list[UIElement] = Field(default_factory=list)
    problems: list[ParseProblem] = Field(default_factory=list)
