"""The only module that imports tree_sitter and the grammar packages.

Grammars come from PyPI wheels (tree-sitter-typescript, -javascript, -html, -svelte); nothing
is downloaded at run time. Parsers and queries are built once per process: compiling a Query
per file is ~30x slower than reusing it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, Literal

from specwalk.errors import UsageError

Grammar = Literal["tsx", "typescript", "javascript", "html", "svelte"]

Node = Any  # tree_sitter.Node; kept opaque so callers need no tree_sitter import
Captures = dict[str, list[Node]]


def _loader(grammar: Grammar) -> Callable[[], object]:
    try:
        if grammar in ("tsx", "typescript"):
            import tree_sitter_typescript as typescript

            return typescript.language_tsx if grammar == "tsx" else typescript.language_typescript
        if grammar == "javascript":
            import tree_sitter_javascript as javascript

            return javascript.language
        if grammar == "html":
            import tree_sitter_html as html

            return html.language
        import tree_sitter_svelte as svelte

        return svelte.language
    except ImportError as exc:
        raise UsageError(
            f"the tree-sitter grammar for {grammar} is not installed ({exc.name})",
            hint="pip install specwalk (the grammars are regular dependencies); reinstall if this persists",
        ) from exc


@cache
def language(grammar: Grammar) -> Any:
    import tree_sitter

    return tree_sitter.Language(_loader(grammar)())


@cache
def _parser(grammar: Grammar) -> Any:
    import tree_sitter

    return tree_sitter.Parser(language(grammar))


def parse(grammar: Grammar, source: bytes) -> Node:
    """The root node of `source` parsed with `grammar` (never raises on syntax errors)."""
    return _parser(grammar).parse(source).root_node


@cache
def query(grammar: Grammar, pattern: str) -> Any:
    """A compiled query, cached per (grammar, pattern)."""
    import tree_sitter

    return tree_sitter.Query(language(grammar), pattern)


def matches(grammar: Grammar, pattern: str, node: Node) -> Iterator[tuple[int, Captures]]:
    """(pattern index, captures) for each match of `pattern` under `node`."""
    import tree_sitter

    cursor = tree_sitter.QueryCursor(query(grammar, pattern))
    yield from cursor.matches(node)


class MatchSet:
    """The matches of several queries under one node, from a single pass over the tree.

    Running a handful of small queries one by one walks the tree once each; one query holding
    all their patterns costs about a quarter as much. `captures(pattern)` gives what
    `matches(grammar, pattern, node)` would, in the same order.
    """

    def __init__(self, grammar: Grammar, patterns: tuple[str, ...], node: Node) -> None:
        import tree_sitter

        self.grammar = grammar
        self.node = node
        owners = _pattern_owners(grammar, patterns)
        self.found: dict[str, list[Captures]] = {pattern: [] for pattern in patterns}
        for index, captures in tree_sitter.QueryCursor(query(grammar, "\n".join(patterns))).matches(node):
            self.found[owners[index]].append(captures)

    def captures(self, pattern: str) -> list[Captures]:
        return self.found[pattern]


@cache
def _pattern_owners(grammar: Grammar, patterns: tuple[str, ...]) -> list[str]:
    """For each pattern index of the joined query, the query string it came from (found by where
    the pattern starts: compiling each query on its own as well would double the compile time)."""
    joined = query(grammar, "\n".join(patterns))
    ends: list[int] = []  # byte offset in the joined source where each query string ends
    offset = 0
    for pattern in patterns:
        offset += len(pattern.encode())
        ends.append(offset)
        offset += 1  # the newline joining it to the next one
    owners: list[str] = []
    for index in range(joined.pattern_count):
        start = joined.start_byte_for_pattern(index)
        owners.append(next(pattern for pattern, end in zip(patterns, ends, strict=True) if start < end))
    return owners


def captures(grammar: Grammar, pattern: str, node: Node, found: MatchSet | None = None) -> list[Captures]:
    """The captures of each match of `pattern` under `node`; from `found` when it ran it there."""
    if found is not None and found.grammar == grammar and found.node == node and pattern in found.found:
        return found.found[pattern]
    return [captured for _, captured in matches(grammar, pattern, node)]


def named_child(node: Node, index: int) -> Node | None:
    """`node.named_children[index]`, or None: without building the list of children."""
    return node.named_child(index) if index < node.named_child_count else None


def text(node: Node | None) -> str:
    return "" if node is None else node.text.decode("utf-8", "replace")


def has_error(node: Node) -> bool:
    return bool(node.has_error)
