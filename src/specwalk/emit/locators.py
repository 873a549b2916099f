"""Render the locator IR as Playwright code: TypeScript (`getByRole`) and Python (`get_by_role`).

Rendering never re-ranks: the chosen locator is rendered exactly as verified.
"""

from __future__ import annotations

import json

from specwalk.models.locator import Locator, LocatorPart, prefix_pattern

_TS_METHODS = {
    "label": "getByLabel",
    "placeholder": "getByPlaceholder",
    "text": "getByText",
    "alt": "getByAltText",
    "title": "getByTitle",
}
_PY_METHODS = {
    "label": "get_by_label",
    "placeholder": "get_by_placeholder",
    "text": "get_by_text",
    "alt": "get_by_alt_text",
    "title": "get_by_title",
}


def ts_string(value: str) -> str:
    """A single-quoted TypeScript string literal."""
    escaped = (
        value.replace("\\", "\\\\")
        .replace("'", "\\'")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return f"'{escaped}'"


def py_string(value: str) -> str:
    """A double-quoted Python string literal (JSON escapes are valid Python escapes)."""
    return json.dumps(value, ensure_ascii=False)


# A requirement value's run-unique placeholder ("newbie-{unique}"): the emitted test computes a
# fresh value every run (`unique`, defined at the top of each test that needs it).
UNIQUE = "{unique}"
TS_UNIQUE = "const unique = Date.now().toString(36) + Math.random().toString(36).slice(2, 6); // fresh per run"
PY_UNIQUE = "unique = secrets.token_hex(4)  # fresh per run"


def ts_text(value: str) -> str:
    """A value as TypeScript: a string literal, or a template literal that fills in `{unique}`."""
    if UNIQUE not in value:
        return ts_string(value)
    escaped = ts_string(value)[1:-1].replace("\\'", "'").replace("`", "\\`").replace("${", "\\${")
    return "`" + escaped.replace(UNIQUE, "${unique}") + "`"


def py_text(value: str) -> str:
    """A value as Python: a string literal, or an f-string that fills in `{unique}`."""
    if UNIQUE not in value:
        return py_string(value)
    literal = py_string(value).replace("{", "{{").replace("}", "}}")
    return "f" + literal.replace("{{unique}}", "{unique}")


def _ts_name(part: LocatorPart) -> str:
    return f"/{prefix_pattern(part.value)}/" if part.prefix else ts_text(part.value)


def _py_name(part: LocatorPart) -> str:
    return f"re.compile({py_string(prefix_pattern(part.value))})" if part.prefix else py_text(part.value)


def _ts_part(part: LocatorPart) -> str:
    if part.kind == "role":
        options = []
        if part.value:
            options.append(f"name: {_ts_name(part)}")
            if part.exact and not part.prefix:
                options.append("exact: true")
        suffix = f", {{ {', '.join(options)} }}" if options else ""
        call = f"getByRole({ts_string(part.role or 'generic')}{suffix})"
    elif part.kind == "testid":
        call = f"getByTestId({ts_text(part.value)})"
    elif part.kind == "css":
        call = f"locator({ts_text(part.value)})"
    else:
        exact = ", { exact: true }" if part.exact and not part.prefix else ""
        call = f"{_TS_METHODS[part.kind]}({_ts_name(part)}{exact})"
    if part.has_text is not None:
        call += f".filter({{ hasText: {ts_text(part.has_text)} }})"
    if part.visible:
        call += ".filter({ visible: true })"
    if part.hidden:
        call += ".filter({ visible: false })"
    if part.nth is not None:
        call += {0: ".first()", -1: ".last()"}.get(part.nth, f".nth({part.nth})")
    return call


def _py_part(part: LocatorPart) -> str:
    if part.kind == "role":
        args = [py_string(part.role or "generic")]
        if part.value:
            args.append(f"name={_py_name(part)}")
            if part.exact and not part.prefix:
                args.append("exact=True")
        call = f"get_by_role({', '.join(args)})"
    elif part.kind == "testid":
        call = f"get_by_test_id({py_text(part.value)})"
    elif part.kind == "css":
        call = f"locator({py_text(part.value)})"
    else:
        exact = ", exact=True" if part.exact and not part.prefix else ""
        call = f"{_PY_METHODS[part.kind]}({_py_name(part)}{exact})"
    if part.has_text is not None:
        call += f".filter(has_text={py_text(part.has_text)})"
    if part.visible:
        call += ".filter(visible=True)"
    if part.hidden:
        call += ".filter(visible=False)"
    if part.nth is not None:
        call += {0: ".first", -1: ".last"}.get(part.nth, f".nth({part.nth})")  # properties in Python
    return call


def to_typescript(locator: Locator, page: str = "page") -> str:
    return ".".join([page, *(_ts_part(part) for part in locator.parts)])


def to_python(locator: Locator, page: str = "page") -> str:
    return ".".join([page, *(_py_part(part) for part in locator.parts)])
