"""Angular components: `@Component({selector, template | templateUrl})` and their templates.

A `.ts` file is read with the typescript grammar for its decorated classes; an inline `template`
is parsed in place (positions stay those of the `.ts` file); a `templateUrl` file
(`task-list.component.html`) is parsed on its own and named after its class by convention
(`TaskListComponent`). Template syntax: `(click)`, `[(ngModel)]`, `[attr]` / `[attr.aria-label]`,
`*ngIf` / `*ngFor`, `@if` / `@else` / `@for` control flow (lines of their own), `{{ }}`,
`{{ 'key' | translate }}` (ngx-translate), `routerLink` / `[routerLink]`.
Other components are used by selector (`<app-task-row>`): the edge names the class the selector
names by convention (`TaskRowComponent`).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from specwalk.index import grammar_gaps, markup, roles
from specwalk.index import treesitter as ts
from specwalk.index.facts import FileFacts, ImportBinding, ParseContext
from specwalk.index.fast import new_attribute, new_handler, new_span, replace
from specwalk.models.uimap import ComponentNode, ParseProblem, UIElement

# Bump when the facts this parser emits change: the index cache keys on it (with markup's).
PARSER_VERSION = f"angular-2+{markup.MARKUP_VERSION}"  # 2: Nebular, Angular Material kits
_EVENT = re.compile(r"^\(([\w.:-]+)\)$|^on-([\w-]+)$")
_TWO_WAY = re.compile(r"^\[\(([\w.-]+)\)\]$")
_PROPERTY = re.compile(r"^\[(?:attr\.)?([\w.-]+)\]$")
_TRANSLATE = re.compile(r"""^\s*(['"])([^'"]+)\1\s*\|\s*translate\b.*$""")
_BUILTIN_TAGS = frozenset({"ng-container", "ng-template", "ng-content", "router-outlet"})
_CONTROL_FLOW = re.compile(
    r"@(if|else if|else|for|switch|case|default|defer|empty)\b\s*(\(([^()]|\([^()]*\))*\))?\s*\{"
)


class AngularDialect(markup.Dialect):
    parser = "angular"

    def attribute(self, name: str, value: str | None) -> list[markup.Effect]:
        expression = (value or "").strip()
        if name == "*ngIf":
            return [markup.Cond("if", expression.split(";")[0].strip())]
        if name == "*ngFor":
            return [markup.Loop(expression.split(";")[0].strip())]
        two_way = _TWO_WAY.match(name)
        if two_way:
            target = two_way.group(1)
            bound = new_attribute(name="value" if target == "ngModel" else target, literal=False, expression=expression)
            return [markup.On(new_handler(event="model", handler=expression, syntax=name), bound_value=bound)]
        event = _EVENT.match(name)
        if event:
            return [
                markup.On(
                    new_handler(
                        event=event.group(1) or event.group(2), handler=markup.handler_name(expression), syntax=name
                    )
                )
            ]
        prop = _PROPERTY.match(name)
        if prop:
            target = prop.group(1)
            if target in ("class", "style", "ngClass", "ngStyle") or target.startswith(("class.", "style.")):
                return []
            return [markup.Attr(markup.bound_attribute(_attribute_name(target), expression))]
        if name == "i18n":
            return [markup.Localized()]
        if name.startswith("i18n-"):
            return [markup.Localized(name[len("i18n-") :])]
        if name.startswith(("#", "*", "let-")):
            return []
        if value is not None and "{{" in value:
            parts = markup.mustache_parts(value)
            source = "`" + "".join("${" + p.text + "}" if p.expression else p.text for p in parts) + "`"
            return [markup.Attr(new_attribute(name=_attribute_name(name), literal=False, expression=source))]
        return [markup.Attr(markup.literal_attribute(_attribute_name(name), value if value is not None else ""))]

    def text_parts(self, raw: str) -> list[markup.Part]:
        return markup.mustache_parts(raw)

    def i18n_key(self, expression: str) -> str | None:
        match = _TRANSLATE.match(expression)
        if match:
            return match.group(2)
        return markup.i18n_key(expression)

    def layout_text(self, tag: str) -> bool:
        # <nb-card-header>Checkboxes & Radios</nb-card-header> is a card's title: assertable.
        return tag.lower().startswith(roles.TEMPLATE_LAYOUT_PREFIXES)

    def component(self, tag: str) -> str | None:
        lowered = tag.lower()
        if lowered in _BUILTIN_TAGS or "-" not in lowered:
            return None
        if roles.kit_component(lowered) is not None:
            return lowered
        if lowered.startswith(roles.TEMPLATE_LAYOUT_PREFIXES):
            return None  # a kit's layout element (nb-card, mat-form-field): its children matter
        return selector_class(lowered)


def _attribute_name(name: str) -> str:
    return "href" if name == "routerLink" else name


def selector_class(selector: str) -> str:
    """app-task-row -> TaskRowComponent (the Angular CLI's naming)."""
    words = selector.split("-")
    if len(words) > 1:
        words = words[1:]
    return markup.pascal("-".join(words)) + "Component"


def template_component_name(path: str) -> str:
    """task-list.component.html -> TaskListComponent."""
    name = PurePosixPath(path).name
    stem = name.split(".")[0]
    kind = name.split(".")[1] if name.count(".") >= 2 else "component"
    return markup.pascal(stem) + markup.pascal(kind)


def _blank_control_flow(source: bytes) -> tuple[bytes, list[tuple[int, int, str, str]]]:
    """Angular 17 blocks (`@if (x) {` … `}`) hidden from the html grammar, same length.

    Returns the blanked source and the blocks as (start, end, keyword, condition)."""
    text = source.decode("utf-8", errors="replace")
    blocks: list[tuple[int, int, str, str]] = []
    out = list(text)
    for match in _CONTROL_FLOW.finditer(text):
        depth = 0
        end = len(text)
        for index in range(match.end() - 1, len(text)):
            if text[index] == "{" and not text.startswith("{{", index) and (index == 0 or text[index - 1] != "{"):
                depth += 1
            elif text[index] == "}" and not text.startswith("}}", index) and text[index - 1] != "}":
                depth -= 1
                if depth == 0:
                    end = index
                    break
        condition = (match.group(2) or "").strip()[1:-1].strip()
        blocks.append((match.start(), end, match.group(1), condition))
        for index in range(match.start(), match.end()):
            out[index] = " " if out[index] != "\n" else "\n"
        if end < len(text):
            out[end] = " "
    blanked = "".join(out).encode("utf-8")
    return (blanked if len(blanked) == len(source) else source), blocks


class _FlowDialect(AngularDialect):
    """Adds `@if` / `@else` / `@for` blocks, found by position, to the elements directly inside."""

    def __init__(self, blocks: list[tuple[int, int, str, str]]) -> None:
        self.blocks = blocks

    def node_effects(self, node: ts.Node) -> list[markup.Effect]:
        position = node.start_byte
        parent = node.parent
        while parent is not None and parent.type != "element":
            parent = parent.parent
        outer = parent.start_byte if parent is not None else -1
        effects: list[markup.Effect] = []
        previous: list[str] = []
        for start, end, keyword, condition in self.blocks:
            if keyword == "if":
                previous = [condition]
            inside = start <= position <= end and not start <= outer <= end
            if inside and keyword == "if":
                effects.append(markup.Cond("show", condition))
            elif inside and keyword == "else if":
                effects.append(markup.Cond("show", " && ".join([*(f"!({p})" for p in previous), condition])))
            elif inside and keyword == "else":
                effects.append(markup.Cond("show", " && ".join(f"!({p})" for p in previous)))
            elif inside and keyword == "for":
                effects.append(markup.Loop(condition.split(";")[0].strip()))
            if keyword == "else if":
                previous.append(condition)
        return effects


def _template_facts(
    path: str, component: str, origin: markup.Origin, context: ParseContext
) -> tuple[markup.Extraction, list[ParseProblem]]:
    blanked, blocks = _blank_control_flow(origin.source)
    root = ts.parse("html", blanked)
    origin = markup.Origin(blanked, line=origin.line, column=origin.column)
    problems: list[ParseProblem] = []
    error = grammar_gaps.first_error(root, "html")
    if error is not None:
        line = origin.line + error.start_point[0] + 1
        problems.append(ParseProblem(file=path, line=line, message="template syntax error; the rest was indexed"))
    extraction = markup.extract(
        root,
        file=path,
        component=component,
        origin=origin,
        dialect=_FlowDialect(blocks),
        testids=context.testid_attributes,
    )
    return extraction, problems


def parse_file(path: str, source: bytes, context: ParseContext) -> FileFacts:
    if path.lower().endswith((".html", ".htm")):
        name = template_component_name(path)
        extraction, template_problems = _template_facts(path, name, markup.Origin(source), context)
        node = ComponentNode(name=name, location=new_span(file=path, line=1, column=1), renders=extraction.edges)
        return FileFacts(
            file=path,
            parser="angular",
            elements=extraction.elements,
            components=[node],
            i18n_keys=extraction.i18n_keys,
            problems=template_problems,
        )
    root = ts.parse("typescript", source)
    imports: dict[str, ImportBinding] = markup.script_imports(root)
    facts = FileFacts(file=path, parser="angular", imports=imports)
    elements: list[UIElement] = []
    components: list[ComponentNode] = []
    keys: list[str] = []
    problems: list[ParseProblem] = []
    for decorator, cls in _decorated_classes(root):
        call = next((c for c in decorator.children if c.type == "call_expression"), None)
        if call is None or ts.text(call.child_by_field_name("function")) != "Component":
            continue
        class_name = ts.text(cls.child_by_field_name("name"))
        config = _object_argument(call)
        template = config.get("template")
        template_url = config.get("templateUrl")
        renders = []
        if template is not None and template.type in ("string", "template_string"):
            body = bytes(template.text)[1:-1]
            line, byte_column = template.start_point
            line_start = template.start_byte - byte_column
            column = len(source[line_start : template.start_byte + 1].decode("utf-8", errors="replace"))
            origin = markup.Origin(body, line=line, column=column)
            extraction, found = _template_facts(path, class_name, origin, context)
            elements.extend(extraction.elements)
            renders = extraction.edges
            keys.extend(extraction.i18n_keys)
            problems.extend(found)
        elif template_url is not None:
            url = "".join(ts.text(c) for c in template_url.children if c.type == "string_fragment")
            imports[f"<templateUrl {url}>"] = ImportBinding(source=url, imported="template")
        components.append(
            ComponentNode(
                name=class_name,
                location=new_span(file=path, line=cls.start_point[0] + 1, column=cls.start_point[1] + 1),
                renders=renders,
            )
        )
    return replace(
        facts,
        **{
            "elements": elements,
            "components": components,
            "i18n_keys": keys,
            "problems": problems,
            "imports": imports,
        },
    )


def _decorated_classes(root: ts.Node) -> list[tuple[ts.Node, ts.Node]]:
    found: list[tuple[ts.Node, ts.Node]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "class_declaration":
            decorators = [c for c in node.children if c.type == "decorator"]
            parent = node.parent
            if parent is not None and parent.type == "export_statement":
                decorators += [c for c in parent.children if c.type == "decorator"]
            found.extend((decorator, node) for decorator in decorators)
            continue
        stack.extend(node.children)
    return found


def _object_argument(call: ts.Node) -> dict[str, ts.Node]:
    arguments = call.child_by_field_name("arguments")
    config = next((c for c in arguments.children if c.type == "object"), None) if arguments is not None else None
    found: dict[str, ts.Node] = {}
    if config is None:
        return found
    for pair in config.children:
        if pair.type != "pair":
            continue
        key = pair.child_by_field_name("key")
        value = pair.child_by_field_name("value")
        if key is not None and value is not None:
            found[ts.text(key).strip("'\"")] = value
    return found
