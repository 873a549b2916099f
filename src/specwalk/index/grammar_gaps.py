"""Valid source the PyPI tree-sitter grammars cannot parse, told apart from real syntax errors.

The parsers report a file's first syntax error as a ParseProblem. These grammar gaps would make
them warn on valid code, so they are recognised here, each by its exact shape:

- TS/TSX tagged template with type arguments, `styled.div<Props>`…`` (styled-components): the
  tree is right but for a MISSING `!` (`non_null_expression`) between the type arguments and the
  template. Tolerated as it is.
- html / svelte text holding a bare `&` (not an entity) or `>`, "Cancel & retry", `{{ a > 0 }}`:
  the grammars' text token excludes both, so the rest of the text up to the next tag, entity or
  `{` becomes an ERROR. Tolerated when the ERROR starts with that character and holds no markup;
  `markup.Walker` reads it as text.
- TS import types with a suffix, `import('m').Client[]` / `import('m').A<T>` (the grammar knows
  `import('m').A` only), and a generic call signature on a new line in an object type,
  `{ (): void\n  <A>(a: A): void }` (no automatic `;` is inserted before `<`): the source is
  re-parsed with those bytes masked, keeping its length and line breaks so positions stay exact.
"""

from __future__ import annotations

from specwalk.index import treesitter as ts
from specwalk.index.treesitter import Grammar, Node

_MARKUP_GRAMMARS = ("html", "svelte")
_TYPE_GRAMMARS = ("typescript", "tsx")
# Where an ERROR in markup is content, not inside a tag.
_TAG_PARTS = frozenset(
    {"start_tag", "end_tag", "self_closing_tag", "attribute", "quoted_attribute_value", "attribute_value"}
)


def is_text_gap(node: Node, grammar: Grammar) -> bool:
    """An html/svelte ERROR that is only text starting with a bare `&` or `>`."""
    if node.type != "ERROR" or node.is_missing:
        return False
    parent = node.parent
    if parent is None or parent.type in _TAG_PARTS:
        return False
    raw = bytes(node.text)
    if raw[:1] not in (b"&", b">") or b"<" in raw:
        return False
    return grammar != "svelte" or (b"{" not in raw and b"}" not in raw)


def _is_tagged_template_type_arguments(node: Node) -> bool:
    """The MISSING `!` of `tag<T>`…``: `tag<T>` followed by a template is a valid tagged template."""
    if not node.is_missing or node.type != "!":
        return False
    wrapper = node.parent
    if wrapper is None or wrapper.type != "non_null_expression":
        return False
    inner = ts.named_child(wrapper, 0)
    call = wrapper.parent
    if inner is None or inner.type != "instantiation_expression" or call is None or call.type != "call_expression":
        return False
    arguments = call.child_by_field_name("arguments")
    if arguments is None or arguments.type != "template_string":
        return False
    return bool(call.child_by_field_name("function") == wrapper)


def _tolerated(node: Node, grammar: Grammar) -> bool:
    if grammar in _MARKUP_GRAMMARS:
        return is_text_gap(node, grammar)
    if grammar in _TYPE_GRAMMARS:
        return _is_tagged_template_type_arguments(node)
    return False


def first_error(root: Node, grammar: Grammar) -> Node | None:
    """The first ERROR or MISSING node, depth first, that is not a known grammar gap."""
    if not ts.has_error(root):
        return None
    stack = [root]
    while stack:
        current = stack.pop()
        if current.type == "ERROR" or current.is_missing:
            if not _tolerated(current, grammar):
                return current
            continue
        if current.has_error:
            stack.extend(reversed(current.children))
    return None


def parse_script(grammar: Grammar, source: bytes) -> tuple[Node, Node | None]:
    """`source` parsed, and its first real syntax error (None when it has none).

    When it holds TypeScript constructs the grammar lacks (see the module doc), the tree of the
    masked source is returned instead: the same byte offsets, lines and columns, and only bytes
    where a type goes changed. Its first error, if any, is then a real one, not the gap's."""
    root = ts.parse(grammar, source)
    error = first_error(root, grammar)
    if error is None or grammar not in _TYPE_GRAMMARS:
        return root, error
    masked = _masked(root, source)
    if masked is None:
        return root, error
    masked_root = ts.parse(grammar, masked)
    return masked_root, first_error(masked_root, grammar)


def _masked(root: Node, source: bytes) -> bytes | None:
    """`source` with the import types and call-signature separators masked, or None if none.

    The whole tree is walked (an import type is often fine itself, the error comes after it);
    this runs only for the rare file with an error."""
    edits: list[tuple[int, bytes]] = []  # (start byte, replacement of the same length)
    stack = [root]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind == "call_expression" and _is_import_type(node):
            raw = bytes(node.text)
            if b"\n" not in raw:
                # An identifier of the same length: `____.Client[]` is a plain type reference.
                edits.append((node.start_byte, b"_" * len(raw)))
            continue
        if kind == "type_parameters" and _starts_call_signature(node, source):
            edits.append((node.start_byte - 1, b";"))  # the separator ASI did not insert
            continue
        stack.extend(node.children)
    if not edits:
        return None
    masked = bytearray(source)
    for start, replacement in edits:
        masked[start : start + len(replacement)] = replacement
    return bytes(masked)


def _is_import_type(call: Node) -> bool:
    """`import('m')` heading a member chain (`import('m').A.B`) that sits where a type goes."""
    function = call.child_by_field_name("function")
    if function is None or function.type != "import":
        return False
    node = call.parent
    if node is None or node.type != "member_expression":
        return False
    while node is not None and node.type in ("member_expression", "ERROR"):
        node = node.parent
    if node is None:
        return False
    return node.type in ("type_annotation", "type_arguments", "type_alias_declaration") or node.type.endswith("_type")


def _starts_call_signature(node: Node, source: bytes) -> bool:
    """`<A>(…)` in an ERROR, first on its line after indentation: a generic call signature."""
    parent = node.parent
    following = node.next_sibling
    if parent is None or parent.type != "ERROR" or following is None or following.type != "formal_parameters":
        return False
    start = node.start_byte
    line_start = source.rfind(b"\n", 0, start) + 1
    indentation = source[line_start:start]
    return line_start > 0 and indentation != b"" and not indentation.strip(b" \t")


def parse_markup(grammar: Grammar, source: bytes) -> tuple[Node, Node | None, tuple[int, str] | None]:
    """`source` parsed as markup: (root, first real error, None), or — for a file that ends with
    elements still open (truncated, or closing tags forgotten) — the tree of the file as a
    browser reads it, closed at its end: (root, None, (its last line, what is missing)).

    The closing tags are appended (and a tag cut off mid-way dropped), so every position before
    the end is the file's own; the problem belongs on the last line, not on the line of the
    outermost open element, where the grammar's error starts."""
    root = ts.parse(grammar, source)
    error = first_error(root, grammar)
    if error is None:
        return root, None, None
    base = source
    last = source.rfind(b">")
    partial = source.find(b"<", last + 1) >= 0
    if partial:
        base = source[: last + 1]
    closed_root = ts.parse(grammar, base) if partial else root
    remaining = first_error(closed_root, grammar)
    opened = _unclosed(remaining) if remaining is not None else []
    if remaining is not None:
        if not opened:
            return root, error, None
        closers = b"".join(f"</{tag}>".encode() for tag, _ in reversed(opened))
        closed_root = ts.parse(grammar, base + closers)
        if first_error(closed_root, grammar) is not None:
            return root, error, None
    last_line = source.count(b"\n") + (0 if source.endswith(b"\n") else 1)
    if opened:
        tag, line = opened[-1]
        what = f"the file ends inside <{tag}> (opened at line {line})"
    else:
        what = "the file ends in the middle of a tag"
    return closed_root, None, (max(1, last_line), what)


def _unclosed(error: Node) -> list[tuple[str, int]]:
    """(tag, line) of the start tags an ERROR holds without their elements: the elements the
    file ends inside, outermost first."""
    opened: list[tuple[str, int]] = []
    stack = [error] if error.type == "ERROR" else []
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.type == "start_tag":
                name = next((part for part in child.children if part.type == "tag_name"), None)
                if name is not None:
                    opened.append((bytes(name.text).decode("utf-8", "replace"), child.start_point[0] + 1))
            elif child.type == "ERROR":
                stack.append(child)
    opened.sort(key=lambda item: item[1])
    return opened
