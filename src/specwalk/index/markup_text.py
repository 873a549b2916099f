"""Text in markup: literal and expression parts, i18n calls, attribute values, handler and prop names.

String-level helpers shared by `markup` (the walker) and the template parsers; no syntax trees.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from specwalk.index.fast import new_attribute, new_text, same_text
from specwalk.index.xliff import source_key
from specwalk.models.uimap import AttributeValue, TextValue

HOLE = "{…}"  # an expression inside mixed text: `Remove {…}`

KeyOf = Callable[[str], "str | None"]  # expression -> its i18n key, or None

_I18N_CALL = re.compile(
    r"""^\s*(?:\$tc?|\$_|t|i18n\.t|i18n\.global\.t|\$i18n\.t|translate)\(\s*(['"`])([^'"`$]+)\1\s*(?:,[^)]*)?\)\s*$"""
)
_STRING_LITERAL = re.compile(r"""^\s*(['"])((?:\\.|(?!\1).)*)\1\s*$""")
_TEMPLATE_LITERAL = re.compile(r"^\s*`((?:\\.|[^`])*)`\s*$", re.DOTALL)
_TEMPLATE_SUB = re.compile(r"\$\{([^}]*)\}")
_WHITESPACE = re.compile(r"\s+")


# --- Text -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A piece of text content: literal characters, or an expression evaluated at run time."""

    text: str
    expression: bool = False


# `$localize`:meaning|description@@id:Text`` (@angular/localize) without `${…}` holes: keyed by
# its source text, as the Angular parser keys texts marked `i18n` (see xliff.py).
_LOCALIZE = re.compile(r"^\s*\$localize`(?::[^:`]*:)?((?:\\.|[^`$\\])*)`\s*$", re.DOTALL)


def i18n_key(expression: str) -> str | None:
    """The translation key of `$t('key')`, `t("key")`, `$_('key')`, `$localize`Text``, or None."""
    match = _I18N_CALL.match(expression)
    if match:
        return match.group(2)
    localized = _LOCALIZE.match(expression)
    if localized:
        return source_key(_unescape_js(localized.group(1)))
    return None


def localized_attribute(value: AttributeValue) -> AttributeValue:
    """A literal attribute marked `i18n-<name>`, as the `$localize`…`` Angular makes of it."""
    text = (value.value or "").replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")
    return new_attribute(name=value.name, literal=False, expression="$localize`" + text + "`")


def expression_parts(expression: str) -> list[Part]:
    """A JS expression as text parts: string and template literals become literal parts."""
    string = _STRING_LITERAL.match(expression)
    if string:
        return [Part(_unescape_js(string.group(2)))]
    template = _TEMPLATE_LITERAL.match(expression)
    if template:
        return template_parts(template.group(1))
    return [Part(expression.strip(), expression=True)]


def template_parts(body: str) -> list[Part]:
    """`Remove ${name}` (the inside of a template literal) as literal and expression parts."""
    parts: list[Part] = []
    position = 0
    for match in _TEMPLATE_SUB.finditer(body):
        if match.start() > position:
            parts.append(Part(_unescape_js(body[position : match.start()])))
        parts.append(Part(match.group(1).strip(), expression=True))
        position = match.end()
    if position < len(body):
        parts.append(Part(_unescape_js(body[position:])))
    return parts


def _unescape_js(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def text_value(parts: Iterable[Part], key_of: KeyOf | None = None) -> TextValue | None:
    """Visible text from parts: literal, i18n, dynamic or mixed; None when there is no text."""
    key_of = key_of or i18n_key
    merged: list[Part] = []
    for part in parts:
        if part.expression and not part.text:
            continue
        if merged and not part.expression and not merged[-1].expression:
            merged[-1] = Part(merged[-1].text + part.text)
        else:
            merged.append(part)
    expressions = [part.text for part in merged if part.expression]
    literal = "".join(HOLE if part.expression else part.text for part in merged)
    literal = _WHITESPACE.sub(" ", literal).strip()
    if not literal:
        return None
    if not expressions:
        return same_text(kind="literal", value=literal)
    if len(expressions) == 1 and literal == HOLE:
        key = key_of(expressions[0])
        if key is not None:
            return same_text(kind="i18n", key=key)
    if not literal.replace(HOLE, "").strip():
        return new_text(kind="dynamic", expression=", ".join(expressions))
    return new_text(kind="mixed", value=literal, expression=", ".join(expressions))


def attribute_text(value: AttributeValue, key_of: KeyOf | None = None) -> TextValue | None:
    if value.literal:
        text = _WHITESPACE.sub(" ", value.value or "").strip()
        return same_text(kind="literal", value=text) if text else None
    return text_value(expression_parts(value.expression or ""), key_of)


def literal_attribute(name: str, value: str) -> AttributeValue:
    return new_attribute(name=name, literal=True, value=value)


def bound_attribute(name: str, expression: str) -> AttributeValue:
    """A bound attribute; a string constant (`:title="'Save'"`) counts as literal."""
    parts = expression_parts(expression)
    if len(parts) == 1 and not parts[0].expression:
        return new_attribute(name=name, literal=True, value=parts[0].text, expression=expression.strip())
    if not parts:  # an empty template literal
        return new_attribute(name=name, literal=True, value="", expression=expression.strip())
    return new_attribute(name=name, literal=False, expression=expression.strip())


def _handler_name(source: str) -> str:
    """`save` or `save()` -> save; anything else is kept as the inline source."""
    stripped = source.strip().rstrip(";").strip()
    call = re.match(r"^([A-Za-z_$][\w$.]*)\(\s*(?:\$event|event)?\s*\)$", stripped)
    if call:
        return call.group(1)
    return stripped


def handler_name(source: str) -> str:
    return _handler_name(source)


_SPLIT_INTERPOLATION = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


def mustache_parts(raw: str) -> list[Part]:
    """`Hello {{ name }}!` (Vue / Angular) as literal and expression parts."""
    parts: list[Part] = []
    position = 0
    for match in _SPLIT_INTERPOLATION.finditer(raw):
        if match.start() > position:
            parts.append(Part(raw[position : match.start()]))
        parts.append(Part(match.group(1).strip(), expression=True))
        position = match.end()
    if position < len(raw):
        parts.append(Part(raw[position:]))
    return parts


_KEBAB_PART = re.compile(r"-([a-z0-9])")


def _camel(name: str) -> str:
    return _KEBAB_PART.sub(lambda match: match.group(1).upper(), name)


def camel(name: str) -> str:
    """item-name -> itemName (Vue props written in kebab-case)."""
    return _camel(name)


def pascal(name: str) -> str:
    """quantity-stepper / quantity_stepper / quantityStepper -> QuantityStepper."""
    pieces = [piece for piece in re.split(r"[-_.\s]+", name) if piece]
    return "".join(piece[0].upper() + piece[1:] for piece in pieces)
