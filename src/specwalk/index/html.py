"""Plain HTML apps: pages (`*.html`) and the scripts that drive them (`*.js` / `*.mjs`).

A page yields its static markup as elements. A script yields:
- markup it builds in template literals or strings (`list.innerHTML = \\`<li>…\\``), marked as
  rendered per item / conditionally from the loop or condition around it;
- `DomBinding`s: handlers added with `addEventListener` / `onclick =`, text set through
  `textContent`, `hidden` toggles, attributes set — each against the selector the script looked
  the element up by (`getElementById`, `querySelector`, a variable or getter holding either);
- hash routes: `href="#/…"`, `'#/…'` strings, and in a script that reads `location.hash` or
  listens for `hashchange`, the paths it compares or matches against.

Pages and scripts are parsed (and cached) separately; `link_scripts` then applies every script's
bindings to the pages' elements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath

from specwalk.index import grammar_gaps, markup
from specwalk.index import treesitter as ts
from specwalk.index.facts import DomBinding, FileFacts, ImportBinding, ParseContext
from specwalk.index.fast import new_attribute, new_edge, new_handler, new_span, replace
from specwalk.index.html_link import link_scripts as link_scripts  # pages + scripts, after parsing
from specwalk.models.uimap import (
    AttributeValue,
    ComponentEdge,
    ComponentNode,
    ParseProblem,
    Route,
    SourceSpan,
    UIElement,
)

# Bump when the facts this parser emits change: the index cache keys on it (with markup's).
PARSER_VERSION = f"html-3+{markup.MARKUP_VERSION}"  # 3: a file ending inside elements is closed there
PAGE_SUFFIXES = (".html", ".htm")
_LOOKUPS = {
    "getElementById": "#",
    "querySelector": "",
    "querySelectorAll": "",
    "getElementsByClassName": ".",
    "getElementsByTagName": "",
    "closest": "",
}
_TEXT_PROPERTIES = frozenset({"textContent", "innerText"})
_HTML_PROPERTIES = frozenset({"innerHTML", "outerHTML"})
_ATTRIBUTE_PROPERTIES = {
    "href": "href",
    "title": "title",
    "placeholder": "placeholder",
    "disabled": "disabled",
    "src": "src",
    "alt": "alt",
    "id": "id",
    "name": "name",
    "type": "type",
    "ariaLabel": "aria-label",
}
_LOOP_METHODS = frozenset({"map", "forEach", "flatMap"})
_MARKUP_START = re.compile(r"^\s*<[A-Za-z!]")
_PLACEHOLDER = re.compile(r"\$\{\s*(\d+)\s*\}")
_GROUP = re.compile(r"\((?!\?)(?:\\.|[^()])*\)")


class HtmlDialect(markup.Dialect):
    parser = "html"

    def keep(self, raw: markup.Raw) -> bool:
        """Scripts find plain-HTML elements by id, and template clones' parts by class."""
        ident = raw.attributes.get("id")
        if ident is not None and ident.literal and raw.tag.lower() not in ("template", "div"):
            return True
        return bool(raw.loops) and "class" in raw.attributes and raw.tag.lower() != "div"

    def tag_effects(self, tag: str, attributes: Mapping[str, AttributeValue]) -> list[markup.Effect]:
        effects: list[markup.Effect] = []
        if tag.lower() == "template":
            ident = attributes.get("id")
            effects.append(markup.Loop(f"template#{ident.value}" if ident and ident.literal else "template"))
        if "hidden" in attributes:
            ident = attributes.get("id")
            marker = f"#{ident.value}[hidden]" if ident is not None and ident.literal else "[hidden]"
            effects.append(markup.Cond("show", marker))
        return effects


class ScriptTemplateDialect(HtmlDialect):
    """Markup inside a JS template literal; `${N}` placeholders stand for the substitutions."""

    def __init__(self, substitutions: list[str]) -> None:
        self.substitutions = substitutions

    def _expand(self, raw: str) -> list[markup.Part]:
        parts: list[markup.Part] = []
        position = 0
        for match in _PLACEHOLDER.finditer(raw):
            if match.start() > position:
                parts.append(markup.Part(raw[position : match.start()]))
            index = int(match.group(1))
            expression = self.substitutions[index] if index < len(self.substitutions) else match.group(0)
            parts.append(markup.Part(expression, expression=True))
            position = match.end()
        if position < len(raw):
            parts.append(markup.Part(raw[position:]))
        return parts

    def text_parts(self, raw: str) -> list[markup.Part]:
        return self._expand(raw)

    def attribute(self, name: str, value: str | None) -> list[markup.Effect]:
        if value is None or not _PLACEHOLDER.search(value):
            return super().attribute(name, value)
        parts = self._expand(value)
        if len(parts) == 1 and parts[0].expression:
            expression = parts[0].text
        else:
            expression = "`" + "".join("${" + p.text + "}" if p.expression else p.text for p in parts) + "`"
        lowered = name.lower()
        if lowered.startswith("on"):
            return [markup.On(new_handler(event=lowered[2:], handler=markup.handler_name(expression), syntax=name))]
        return [markup.Attr(new_attribute(name=lowered, literal=False, expression=expression))]


def parse_file(path: str, source: bytes, context: ParseContext) -> FileFacts:
    """Facts of one page (`.html`) or one script of a plain-HTML app."""
    if path.lower().endswith(PAGE_SUFFIXES):
        return _parse_page(path, source, context)
    return _parse_script(path, source, context)


# --- Pages ------------------------------------------------------------------------------------


def page_path(path: str) -> str:
    """The URL path a static server gives a page: index.html -> /, docs/a.html -> /docs/a.html."""
    posix = PurePosixPath(path)
    if posix.name.lower() in ("index.html", "index.htm"):
        parent = str(posix.parent)
        return "/" if parent in ("", ".") else f"/{parent}/"
    return f"/{path}"


def _parse_page(path: str, source: bytes, context: ParseContext) -> FileFacts:
    root, error, truncated = grammar_gaps.parse_markup("html", source)
    name = PurePosixPath(path).name
    problems = _syntax_problems(path, error)
    if truncated is not None:
        problems.append(ParseProblem(file=path, line=truncated[0], message=_unclosed_message(truncated[1])))
    extraction = markup.extract(
        root,
        file=path,
        component=name,
        origin=markup.Origin(source),
        dialect=HtmlDialect(),
        testids=context.testid_attributes,
    )
    page = page_path(path)
    routes = [Route(path=page, component=name, location=new_span(file=path, line=1, column=1), source="html-file")]
    edges: list[ComponentEdge] = []
    imports: dict[str, ImportBinding] = {}
    bindings: list[DomBinding] = []
    extra_elements: list[UIElement] = []
    seen_routes = {page}
    for raw in extraction.raws:
        if raw.tag.lower() != "a":
            continue
        href = raw.attributes.get("href")
        if href is not None and href.literal and (href.value or "").startswith("#/"):
            route = replace(_hash_route(page, (href.value or "")[1:], path, raw.node), component=name)
            if route.path not in seen_routes:
                seen_routes.add(route.path)
                routes.append(route)
    # Only a `<script` start tag (in any case) makes a script element: most pages need no walk.
    for script in _page_scripts(root) if b"<script" in source.lower() else ():
        src, inline = script
        if src is not None:
            target = _resolve(path, src)
            edges.append(new_edge(component=PurePosixPath(target).name, location=new_span(file=path, line=1, column=1)))
            imports[f"<script src={src}>"] = ImportBinding(source=src, imported="*")
        elif inline is not None:
            # An inline <script>: scanned like a script file, positions shifted to the page.
            facts = _scan_script(
                path, name, inline[0], context, origin_line=inline[1], origin_column=inline[2], page=page
            )
            bindings.extend(facts.dom_bindings)
            extra_elements.extend(facts.elements)
            for route in facts.routes:
                if route.path not in seen_routes:
                    seen_routes.add(route.path)
                    routes.append(route)
    node = ComponentNode(name=name, location=new_span(file=path, line=1, column=1), renders=edges)
    return FileFacts(
        file=path,
        parser="html",
        elements=[*extraction.elements, *extra_elements],
        components=[node],
        routes=routes,
        imports=imports,
        i18n_keys=extraction.i18n_keys,
        problems=problems,
        dom_bindings=bindings,
    )


# A query walks the tree in C: a page's scripts are usually at its end.
_SCRIPTS = "(script_element) @script"


def _page_scripts(root: ts.Node) -> Iterator[tuple[str | None, tuple[bytes, int, int] | None]]:
    """(src, None) for `<script src>`, (None, (code, line, column)) for inline scripts."""
    for captures in ts.captures("html", _SCRIPTS, root):
        node = captures["script"][0]
        src: str | None = None
        kind: str | None = None
        code: ts.Node | None = None
        for child in node.children:
            if child.type == "start_tag":
                for attribute in child.children:
                    if attribute.type != "attribute":
                        continue
                    names = [c for c in attribute.children if c.type == "attribute_name"]
                    values = [
                        c
                        for part in attribute.children
                        for c in ([part] if part.type == "attribute_value" else part.children)
                        if c.type == "attribute_value"
                    ]
                    if names and values and ts.text(names[0]) == "src":
                        src = ts.text(values[0])
                    if names and values and ts.text(names[0]) == "type":
                        kind = ts.text(values[0])
            elif child.type == "raw_text":
                code = child
        if src is not None:
            yield src, None
        elif code is not None and kind in (None, "module", "text/javascript", "application/javascript"):
            line, byte_column = code.start_point
            yield None, (bytes(code.text), line, byte_column)


def _resolve(base: str, specifier: str) -> str:
    if specifier.startswith("/"):
        return specifier.lstrip("/")
    parts: list[str] = list(PurePosixPath(base).parent.parts)
    for piece in PurePosixPath(specifier).parts:
        if piece == "..":
            if parts:
                parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _unclosed_message(what: str) -> str:
    return f"{what}: truncated, or closing tags are missing; read as a browser would, closed there"


def _syntax_problems(path: str, error: ts.Node | None) -> list[ParseProblem]:
    if error is None:
        return []
    line = error.start_point[0] + 1
    return [ParseProblem(file=path, line=line, message="syntax error; the rest of the file was indexed")]


# --- Scripts ----------------------------------------------------------------------------------


def _parse_script(path: str, source: bytes, context: ParseContext) -> FileFacts:
    name = PurePosixPath(path).name
    return _scan_script(path, name, source, context)


def _grammar_for(path: str) -> ts.Grammar:
    lowered = path.lower()
    if lowered.endswith((".ts", ".mts", ".cts")):
        return "typescript"
    if lowered.endswith(".tsx"):
        return "tsx"
    return "javascript"


def _scan_script(
    path: str,
    component: str,
    source: bytes,
    context: ParseContext,
    *,
    origin_line: int = 0,
    origin_column: int = 0,
    page: str = "/",
) -> FileFacts:
    root, error = grammar_gaps.parse_script(_grammar_for(path), source)
    scan = _ScriptScan(path, component, source, context, origin_line, origin_column, page)
    scan.run(root)
    problems = _syntax_problems(path, error) if origin_line == 0 else []
    edges = [
        new_edge(component=PurePosixPath(target).name, location=location) for target, location in scan.imported_files
    ]
    node = ComponentNode(name=component, location=new_span(file=path, line=1, column=1), renders=edges)
    return FileFacts(
        file=path,
        parser="script",
        elements=scan.elements,
        components=[node],
        routes=scan.routes(),
        imports=scan.imports,
        i18n_keys=scan.i18n_keys,
        problems=problems,
        dom_bindings=scan.bindings,
    )


def _hash_route(
    page: str,
    hash_path: str,
    file: str,
    node: ts.Node,
    *,
    origin: markup.Origin | None = None,
    params: list[str] | None = None,
) -> Route:
    span = (origin or markup.Origin(b"")).span(file, node) if origin is not None else _plain_span(file, node)
    found = params if params is not None else re.findall(r":(\w+)", hash_path)
    return Route(path=f"{page}#{hash_path}", component=None, location=span, source="hash", parent=page, params=found)


def _plain_span(file: str, node: ts.Node) -> SourceSpan:
    return new_span(
        file=file, line=node.start_point[0] + 1, column=node.start_point[1] + 1, end_line=node.end_point[0] + 1
    )


def _string_value(node: ts.Node) -> str | None:
    if node.type == "string":
        return "".join(ts.text(c) for c in node.children if c.type in ("string_fragment", "escape_sequence"))
    if node.type == "template_string" and not any(c.type == "template_substitution" for c in node.children):
        return ts.text(node)[1:-1]
    return None


def _last_compound(selector: str) -> str:
    pieces = re.split(r"\s*[>+~]\s*|\s+", selector.strip())
    return pieces[-1] if pieces else selector


class _ScriptScan:
    def __init__(
        self, path: str, component: str, source: bytes, context: ParseContext, line: int, column: int, page: str
    ) -> None:
        self.path = path
        self.component = component
        self.source = source
        self.context = context
        self.origin = markup.Origin(source, line=line, column=column)
        self.page = page
        self.text = source.decode("utf-8", errors="replace")
        self.variables: dict[str, str] = {}  # variable or getter name -> selector
        self.elements: list[UIElement] = []
        self.bindings: list[DomBinding] = []
        self.imports: dict[str, ImportBinding] = {}
        self.imported_files: list[tuple[str, SourceSpan]] = []
        self.i18n_keys: list[str] = []
        self.hash_literals: list[tuple[str, ts.Node, list[str] | None]] = []
        self.compared_paths: list[tuple[str, ts.Node, list[str] | None]] = []
        self.reads_hash = False
        self._param_names = self._regex_param_names()

    # The scan: one pass to learn variables, one to read what the script does.

    def run(self, root: ts.Node) -> None:
        nodes = list(_iter_nodes(root))
        for node in nodes:
            if node.type == "variable_declarator":
                self._learn_variable(node)
            elif node.type == "import_statement":
                self._learn_import(node)
        for node in nodes:
            kind = node.type
            if kind == "call_expression":
                self._call(node)
            elif kind == "assignment_expression":
                self._assignment(node)
            elif kind == "template_string":
                self._template(node)
            elif kind == "string":
                self._string(node)
            elif kind == "member_expression":
                self._member(node)
            elif kind == "regex":
                self._regex(node)

    def span(self, node: ts.Node) -> SourceSpan:
        return self.origin.span(self.path, node)

    def _learn_variable(self, node: ts.Node) -> None:
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name is None or value is None or name.type != "identifier":
            return
        if value.type == "arrow_function":
            body = value.child_by_field_name("body")
            if body is not None and body.type != "statement_block":
                value = body
        selector = self.selector_of(value)
        if selector is not None:
            self.variables[ts.text(name)] = selector

    def _learn_import(self, node: ts.Node) -> None:
        source_node = node.child_by_field_name("source")
        specifier = _string_value(source_node) if source_node is not None else None
        if specifier is None:
            return
        if specifier.startswith("."):
            self.imported_files.append((_resolve(self.path, specifier), self.span(node)))
        for clause in node.children:
            if clause.type != "import_clause":
                continue
            for item in clause.children:
                if item.type == "identifier":
                    self.imports[ts.text(item)] = ImportBinding(source=specifier, imported="default")
                elif item.type == "namespace_import":
                    names = [c for c in item.children if c.type == "identifier"]
                    if names:
                        self.imports[ts.text(names[0])] = ImportBinding(source=specifier, imported="*")
                elif item.type == "named_imports":
                    for spec in item.children:
                        if spec.type != "import_specifier":
                            continue
                        imported = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias") or imported
                        if imported is not None and alias is not None:
                            self.imports[ts.text(alias)] = ImportBinding(source=specifier, imported=ts.text(imported))

    def selector_of(self, node: ts.Node | None) -> str | None:
        """The selector an expression looks an element up by, when it is a DOM lookup."""
        if node is None:
            return None
        if node.type in ("parenthesized_expression", "non_null_expression", "as_expression"):
            inner = next((c for c in node.children if c.is_named), None)
            return self.selector_of(inner)
        if node.type == "identifier":
            return self.variables.get(ts.text(node))
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            if function is None:
                return None
            if function.type == "identifier":
                return self.variables.get(ts.text(function))
            if function.type == "member_expression":
                method = ts.text(function.child_by_field_name("property"))
                prefix = _LOOKUPS.get(method)
                if prefix is None:
                    return None
                arguments = node.child_by_field_name("arguments")
                first = next((c for c in arguments.children if c.is_named), None) if arguments is not None else None
                value = _string_value(first) if first is not None else None
                if value is None:
                    return None
                return _last_compound(prefix + value)
        return None

    def _bind(self, selector: str, node: ts.Node, **values: object) -> None:
        self.bindings.append(DomBinding(selector=selector, location=self.span(node), **values))  # type: ignore[arg-type]

    def _call(self, node: ts.Node) -> None:
        function = node.child_by_field_name("function")
        if function is None or function.type != "member_expression":
            return
        method = ts.text(function.child_by_field_name("property"))
        receiver = function.child_by_field_name("object")
        arguments = node.child_by_field_name("arguments")
        args = [c for c in arguments.children if c.is_named] if arguments is not None else []
        if method == "addEventListener" and len(args) >= 2:
            event = _string_value(args[0])
            if event is None:
                return
            if event == "hashchange" or event == "popstate":
                self.reads_hash = self.reads_hash or event == "hashchange"
            selector = self.selector_of(receiver)
            if selector is not None:
                handler = new_handler(event=event, handler=_handler_source(args[1]), syntax="addEventListener")
                self._bind(selector, node, kind="handler", handler=handler)
        elif method in ("setAttribute", "toggleAttribute") and len(args) >= 2:
            selector = self.selector_of(receiver)
            attribute = _string_value(args[0])
            if selector is None or attribute is None:
                return
            if attribute == "hidden":
                self._bind(selector, node, kind="hidden", expression=ts.text(args[1]))
            else:
                self._bind(selector, node, kind="attribute", name=attribute, expression=ts.text(args[1]))

    def _assignment(self, node: ts.Node) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None or left.type != "member_expression":
            return
        prop = ts.text(left.child_by_field_name("property"))
        obj = left.child_by_field_name("object")
        if prop == "hash" and obj is not None and ts.text(obj).endswith("location"):
            self.reads_hash = True
        selector = self.selector_of(obj)
        if selector is None:
            return
        expression = ts.text(right)
        if prop in _TEXT_PROPERTIES:
            self._bind(selector, node, kind="text", expression=expression)
        elif prop == "hidden":
            self._bind(selector, node, kind="hidden", expression=expression)
        elif prop.startswith("on") and len(prop) > 2:
            handler = new_handler(event=prop[2:].lower(), handler=_handler_source(right), syntax=prop)
            self._bind(selector, node, kind="handler", handler=handler)
        elif prop in _ATTRIBUTE_PROPERTIES:
            self._bind(selector, node, kind="attribute", name=_ATTRIBUTE_PROPERTIES[prop], expression=expression)

    def _member(self, node: ts.Node) -> None:
        prop = ts.text(node.child_by_field_name("property"))
        obj = node.child_by_field_name("object")
        if prop == "hash" and obj is not None and ts.text(obj).endswith("location"):
            self.reads_hash = True
        if prop == "content":
            selector = self.selector_of(obj)
            if selector is not None and selector.startswith("#"):
                loop = self._loop_around(node)
                if loop is not None:
                    self._bind(selector, node, kind="loop", expression=loop)

    # Hash routes.

    def _string(self, node: ts.Node) -> None:
        value = _string_value(node)
        if value is None:
            return
        if value.startswith("#/"):
            self.hash_literals.append((value[1:], node, None))
        elif value.startswith("/") and self._compared(node):
            self.compared_paths.append((value, node, None))
        elif _MARKUP_START.match(value) and self._is_markup_sink(node):
            self._markup(node, bytes(node.text)[1:-1], [], node.start_byte + 1)

    def _template(self, node: ts.Node) -> None:
        raw = ts.text(node)
        body = raw[1:-1]
        substitutions = [c for c in node.children if c.type == "template_substitution"]
        if body.startswith("#/"):
            names = [_param_name(ts.text(sub)[2:-1]) for sub in substitutions]
            path = body[1:]
            for sub, param in zip(substitutions, names, strict=False):
                path = path.replace(ts.text(sub), f":{param}", 1)
            self.hash_literals.append((path, node, names))
            return
        if not _MARKUP_START.match(body):
            return
        # Replace each ${…} by a placeholder of the same length, so the markup parses and keeps
        # its positions; newlines inside substitutions are kept for the line numbers.
        buffer = bytearray(node.text)
        expressions: list[str] = []
        for index, sub in enumerate(substitutions):
            start = sub.start_byte - node.start_byte
            end = sub.end_byte - node.start_byte
            expressions.append(ts.text(sub)[2:-1].strip())
            placeholder = f"${{{index}".encode()
            filler = bytes(b if b == 0x0A else 0x20 for b in buffer[start + len(placeholder) : end - 1])
            if len(placeholder) + 1 > end - start:
                continue  # `${}` shorter than its placeholder: leave it as text
            buffer[start:end] = placeholder + filler + b"}"
        self._markup(node, bytes(buffer[1:-1]), expressions, node.start_byte + 1)

    def _is_markup_sink(self, node: ts.Node) -> bool:
        parent = node.parent
        while parent is not None and parent.type in ("binary_expression", "parenthesized_expression"):
            parent = parent.parent
        if parent is None:
            return False
        if parent.type == "assignment_expression":
            left = parent.child_by_field_name("left")
            return left is not None and ts.text(left.child_by_field_name("property")) in _HTML_PROPERTIES
        if parent.type == "arguments":
            call = parent.parent
            function = call.child_by_field_name("function") if call is not None else None
            return function is not None and ts.text(function).endswith("insertAdjacentHTML")
        return False

    def _markup(self, node: ts.Node, body: bytes, expressions: list[str], start_byte: int) -> None:
        line_start = self.source.rfind(b"\n", 0, start_byte) + 1
        column = len(self.source[line_start:start_byte].decode("utf-8", errors="replace"))
        if self.origin.line == 0 and self.origin.column == 0:
            origin = markup.Origin(body, line=node.start_point[0], column=column)
        else:
            origin = markup.Origin(
                body,
                line=self.origin.line + node.start_point[0],
                column=column + (self.origin.column if node.start_point[0] == 0 else 0),
            )
        root = ts.parse("html", body)
        conditions, loops = self._context_of(node)
        extraction = markup.extract(
            root,
            file=self.path,
            component=self.component,
            origin=origin,
            dialect=ScriptTemplateDialect(expressions),
            testids=self.context.testid_attributes,
            conditions=conditions,
            loops=loops,
        )
        self.elements.extend(extraction.elements)
        self.i18n_keys.extend(key for key in extraction.i18n_keys if key not in self.i18n_keys)

    def _compared(self, node: ts.Node) -> bool:
        parent = node.parent
        if parent is None:
            return False
        if parent.type == "binary_expression":
            operator = parent.child_by_field_name("operator")
            return operator is not None and ts.text(operator) in ("===", "==", "!==", "!=")
        return bool(parent.type == "switch_case")

    def _regex(self, node: ts.Node) -> None:
        pattern = node.child_by_field_name("pattern")
        if pattern is None:
            return
        raw = ts.text(pattern)
        if not raw.startswith("^\\/") and not raw.startswith("^#\\/") and not raw.startswith("^#?\\/"):
            return
        body = re.sub(r"^\^#?\??", "", raw).rstrip("$").replace("\\/", "/")
        names: list[str] = []

        def param(match: re.Match[str]) -> str:
            names.append(self._param_names.get(len(names) + 1, f"param{len(names) + 1}"))
            return f":{names[-1]}"

        path = _GROUP.sub(param, body)
        if re.search(r"[\\^$*+?()\[\]|]", path):
            return  # not a plain path pattern
        self.compared_paths.append((path, node, names))

    def _regex_param_names(self) -> dict[int, str]:
        """`{ id: decodeURIComponent(match[1]) }` -> capture group 1 is called id."""
        found: dict[int, str] = {}
        for match in re.finditer(r"(\w+)\s*:\s*[^,;{}\n]*?\b\w+\[(\d)\]", self.text):
            found.setdefault(int(match.group(2)), match.group(1))
        return found

    def routes(self) -> list[Route]:
        candidates = list(self.hash_literals)
        if self.reads_hash:
            candidates.extend(self.compared_paths)
        routes: dict[str, Route] = {}
        shapes: dict[str, str] = {}
        for hash_path, node, params in candidates:
            route = _hash_route(self.page, hash_path, self.path, node, origin=self.origin, params=params)
            shape = re.sub(r":\w+", ":", route.path)
            if shape in shapes:
                existing = routes[shapes[shape]]
                if all(p.startswith("param") for p in existing.params) and not all(
                    p.startswith("param") for p in route.params
                ):
                    del routes[shapes[shape]]
                else:
                    continue
            shapes[shape] = route.path
            routes[route.path] = route
        return list(routes.values())

    # Where generated markup sits: loops and conditions around it, up to the enclosing function
    # (and through it, when the function is passed to `.map` / `.forEach` in the same file).

    def _context_of(self, node: ts.Node) -> tuple[list[str], list[str]]:
        conditions: list[str] = []
        loops: list[str] = []
        child = node
        parent = node.parent
        while parent is not None:
            kind = parent.type
            if kind == "call_expression" and _is_in_arguments(parent, child):
                loop = _loop_call(parent)
                if loop is not None:
                    loops.insert(0, loop)
            elif kind in ("for_in_statement", "for_statement", "while_statement"):
                body = parent.child_by_field_name("body")
                if body is not None and _contains(body, child):
                    loops.insert(0, _header(parent, body))
            elif kind == "if_statement":
                condition = parent.child_by_field_name("condition")
                consequence = parent.child_by_field_name("consequence")
                text = _strip_parens(ts.text(condition))
                if consequence is not None and _contains(consequence, child):
                    conditions.insert(0, text)
                elif condition is not None and not _contains(condition, child):
                    conditions.insert(0, f"!({text})")
            elif kind == "ternary_expression":
                condition = parent.child_by_field_name("condition")
                consequence = parent.child_by_field_name("consequence")
                text = ts.text(condition)
                if consequence is not None and _contains(consequence, child):
                    conditions.insert(0, text)
                elif condition is not None and not _contains(condition, child):
                    conditions.insert(0, f"!({text})")
            elif kind == "binary_expression":
                operator = parent.child_by_field_name("operator")
                left = parent.child_by_field_name("left")
                if (
                    operator is not None
                    and ts.text(operator) == "&&"
                    and left is not None
                    and not _contains(left, child)
                ):
                    conditions.insert(0, ts.text(left))
            elif kind in ("function_declaration", "function_expression", "arrow_function", "method_definition"):
                name = _function_name(parent)
                if name is not None and not loops:
                    loop = self._callers_loop(name)
                    if loop is not None:
                        loops.insert(0, loop)
                if kind != "arrow_function" or not _is_in_loop_call(parent):
                    break
            child = parent
            parent = parent.parent
        return conditions, loops

    def _loop_around(self, node: ts.Node) -> str | None:
        loops = self._context_of(node)[1]
        return "; ".join(loops) if loops else None

    def _callers_loop(self, function: str) -> str | None:
        pattern = re.compile(
            r"(?<![\w$])([\w$][\w$.]*(?:\([^()]*\))?)\.(map|forEach|flatMap)\(\s*(?:\(?[\w$\s,]*\)?\s*=>\s*)?"
            + re.escape(function)
            + r"\b"
        )
        match = pattern.search(self.text)
        if match is None:
            return None
        return f"{match.group(1)}.{match.group(2)}(...)"


def _iter_nodes(root: ts.Node) -> Iterator[ts.Node]:
    cursor = root.walk()
    while True:
        node = cursor.node
        if node.is_named:
            yield node
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def _contains(outer: ts.Node, inner: ts.Node) -> bool:
    return bool(outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte)


def _is_in_arguments(call: ts.Node, child: ts.Node) -> bool:
    arguments = call.child_by_field_name("arguments")
    return arguments is not None and _contains(arguments, child)


def _loop_call(call: ts.Node) -> str | None:
    function = call.child_by_field_name("function")
    if function is None or function.type != "member_expression":
        return None
    method = ts.text(function.child_by_field_name("property"))
    if method not in _LOOP_METHODS:
        return None
    return f"{ts.text(function.child_by_field_name('object'))}.{method}(...)"


def _is_in_loop_call(function: ts.Node) -> bool:
    arguments = function.parent
    call = arguments.parent if arguments is not None and arguments.type == "arguments" else None
    return call is not None and _loop_call(call) is not None


def _header(statement: ts.Node, body: ts.Node) -> str:
    return " ".join(ts.text(statement)[: body.start_byte - statement.start_byte].split())


def _strip_parens(text: str) -> str:
    text = text.strip()
    return text[1:-1].strip() if text.startswith("(") and text.endswith(")") else text


def _function_name(node: ts.Node) -> str | None:
    name = node.child_by_field_name("name")
    if name is not None:
        return ts.text(name)
    parent = node.parent
    if parent is not None and parent.type == "variable_declarator":
        declared = parent.child_by_field_name("name")
        return ts.text(declared) if declared is not None else None
    return None


def _handler_source(node: ts.Node) -> str:
    if node.type in ("identifier", "member_expression"):
        return ts.text(node)
    return " ".join(ts.text(node).split())


def _param_name(expression: str) -> str:
    """`encodeURIComponent(note.id)` -> id: the last identifier of the substitution."""
    names = re.findall(r"[A-Za-z_$][\w$]*", expression)
    return names[-1] if names else "param"
