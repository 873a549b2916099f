"""One sentence → steps: quotes out, language picked, compound sentences split, rules applied.

Compound sentences ("type "Buy milk" and press Enter", "点击“保存”，应看到“已保存”") are cut at
clause boundaries (commas, "and", ";", ":", "并且", "后", ...) only when every part is a valid
sentence on its own; the fewest parts win, so "the "Shipping" and the "Total"" inside one clause
is never cut. Anything else is a `Failure` with the clause, the reason and the nearest phrasing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from specwalk.plan import chinese, english
from specwalk.plan.chinese_elements import chinese_element
from specwalk.plan.elements import Ref, english_element, extract_refs, restore_refs
from specwalk.plan.english_more import quantified
from specwalk.plan.grammar import ElementParser, Rule, StepSpec, apply, fill_from_groups
from specwalk.plan.quotes import PLACEHOLDER, extract, restore
from specwalk.plan.suggest import family, suggest
from specwalk.plan.why import why

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_EN_BOUNDARY = re.compile(
    r"(?:,? and then |, then |;\s*|:\s+|\.\s+|, and |,? and |, but | but |,\s*)(?=\S)", re.IGNORECASE
)
_ZH_BOUNDARY = re.compile(r"[，,；;：:。]\s*|\s*(?:并且|而且|然后|同时|接着|并|再)\s*|(?<=[页面刷新载存交击])后\s*")
_GERUND = re.compile(
    r"^(?P<act>(?:clicking|pressing|tapping|choosing|selecting|checking|unchecking|opening|following|entering|typing"
    r"|saving|submitting)\b.+?) (?P<verb>opens|shows|displays|returns to|takes (?:me|you|the user|them) to|leads to|"
    r"brings (?:me|you|the user|them) to|navigates to|goes to) (?P<rest>.+)$",
    re.IGNORECASE,
)


# A criterion written like one Gherkin scenario: "Given …, when …, then …" / "假如…，当…，那么…".
_EN_KEYWORD_START = re.compile(r"^(?P<k>given|when)\b", re.IGNORECASE)
# A keyword starts a part after a comma, ";", ":" or "and", or when a subject follows it; so
# "the list then shows …" stays one clause.
_EN_KEYWORD_CUT = re.compile(
    r"(?:\s*[,;:]\s*(?:and\s+)?|\s+and\s+|\s+(?=(?:when|then) (?:i|we|you|they|the user|«\d+»)\b))"
    r"(?=(?P<k>when|then)\b)",
    re.IGNORECASE,
)
_ZH_KEYWORD_START = re.compile(r"^(?P<k>假如|假设|当)")
_ZH_KEYWORD_CUT = re.compile(r"[，,；;]\s*(?=(?P<k>当|那么))")
_KEYWORD_TYPES = {
    **{"given": "given", "when": "when", "then": "then"},
    **{"假如": "given", "假设": "given", "当": "when", "那么": "then"},
}

# Tells whether a clause (as written) uses a reusable step of the document's Steps section.
IsStep = Callable[[str], bool]


@dataclass(frozen=True)
class Clause:
    text: str  # the clause as written (quotes restored)
    steps: tuple[StepSpec, ...]


@dataclass(frozen=True)
class Failure:
    clause: str
    reason: str
    suggestion: str | None
    needs_llm: bool


@dataclass(frozen=True)
class Parsed:
    clauses: tuple[Clause, ...] = ()
    failure: Failure | None = None
    values: tuple[str, ...] = ()


def is_chinese(skeleton: str) -> bool:
    return bool(_CJK.search(skeleton))


def _rules(chinese_text: bool) -> tuple[Rule, ...]:
    return chinese.RULES if chinese_text else english.RULES


def _element_parser(zh: bool) -> ElementParser | None:
    return chinese_element if zh else english_element


def _match_rules(
    normalized: str, values: tuple[str, ...], keyword_type: str, zh: bool, refs: tuple[Ref, ...] = ()
) -> list[StepSpec] | None:
    found = _matching_rule(normalized, values, keyword_type, zh, refs)
    return found[1] if found else None


def _matching_rule(
    normalized: str, values: tuple[str, ...], keyword_type: str, zh: bool, refs: tuple[Ref, ...] = ()
) -> tuple[Rule, list[StepSpec]] | None:
    for rule_ in _rules(zh):
        if rule_.contexts is not None and keyword_type not in rule_.contexts:
            continue
        for pattern in rule_.patterns():
            match = pattern.match(normalized)
            if match is None:
                continue
            steps = apply(rule_, match, values, refs, _element_parser(zh))
            if steps:
                return rule_, steps
    return None


def matching_rule(text: str, keyword_type: str = "none") -> Rule | None:
    """The rule that plans a one-clause sentence as a whole (tests walk the tables with it)."""
    quoted = extract(text.strip())
    zh = is_chinese(quoted.skeleton)
    skeleton, refs, _texts = extract_refs(quoted.skeleton, quoted.values)
    found = _matching_rule(_normalize(skeleton, zh), quoted.values, keyword_type, zh, refs)
    return found[0] if found else None


# A past action as a Given: "the user has voted by clicking "Up"" is the click.
_BY_GERUND = re.compile(
    r"^(?:has|have|had) (?:already |just )?[a-z]+(?: [a-z]+){0,3}? by (?P<act>(?:click|tapp|press|select|choos|enter|"
    r"typ|check|fill|dragg|hover|open|visit)ing\b.+)$",
    re.IGNORECASE,
)


def _state(normalized: str, values: tuple[str, ...], zh: bool) -> list[StepSpec] | None:
    shape = chinese.STATE_SHAPE if zh else english.STATE_SHAPE
    if not shape.search(normalized):
        return None
    numbers = re.findall(r"(?<![«\d])(\d+)(?![»\d])", PLACEHOLDER.sub("", normalized))
    renumbered = iter(range(len(values)))
    used: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        used.append(values[int(match.group(1))])
        return "{" + str(next(renumbered)) + "}"

    state = PLACEHOLDER.sub(placeholder, normalized)
    spec: StepSpec = {"kind": "state", "state": state, "values": tuple(used)}
    if len(numbers) == 1:
        spec["count"] = int(numbers[0])
    return [spec]


@lru_cache(maxsize=8192)
def _clause_steps(
    normalized: str,
    values: tuple[str, ...],
    keyword_type: str,
    zh: bool,
    states: bool = True,
    refs: tuple[Ref, ...] = (),
) -> tuple[StepSpec, ...] | None:
    steps = _match_rules(normalized, values, keyword_type, zh, refs)
    if steps is None and not zh:
        steps = _gerund(normalized, values, keyword_type)
    if steps is None and not zh and (by := _BY_GERUND.match(normalized)):
        steps = _match_rules(by.group("act"), values, "when", zh, refs)
    if steps is None and not zh:
        steps = _rephrased(normalized, values, keyword_type, refs)
    if steps is None:
        for pattern in chinese.SCOPE_SUFFIXES if zh else english.SCOPE_SUFFIXES:
            match = pattern.match(normalized)
            if match is None:
                continue
            inner = _match_rules(match.group("body"), values, keyword_type, zh, refs)
            if inner:
                scope: StepSpec = {}
                fill_from_groups(match, values, scope)
                steps = [{**scope, **step} if "scope" not in step else step for step in inner]
                break
    if steps is None and not zh:
        steps = quantified(normalized, lambda rest: _clause_steps(rest, values, keyword_type, zh, False, refs))
    if steps is None and keyword_type == "given" and states:
        steps = _state(normalized, values, zh)
    return tuple(steps) if steps else None


# What people add to a step that does not change what to do or check, tried only when the
# sentence does not parse as written: a purpose ("click X to reveal the box"), a delay ("after
# 150 ms": checks wait anyway), a repetition marker ("for each click", "each time").
_PURPOSE = re.compile(
    r"^(?P<body>.+?) (?:in order )?to (?:display|reveal|show|hide|open|close|trigger|submit|restart|start|stop|see|"
    r"view|"
    r"confirm|save|toggle|expand|collapse|make|get|return|enable|disable|activate|clear|reset|play|pause|load|"
    r"refresh|update|create|complete|finish|mark|sort|filter|search|calculate|convert|generate|book|apply|proceed|"
    r"continue|begin|initiate|launch|dismiss|bring up|switch|change|check|verify|test|ensure|select|add|remove|"
    r"delete|edit|cancel|go|navigate|focus|move|record)\b.*$",
    re.IGNORECASE,
)
_TRAILERS = re.compile(
    r"^(?P<body>.+?)(?: (?:after|within|in|for) (?:about |approximately |around )?\d+(?:\.\d+)? ?(?:ms|milliseconds?|"
    r"seconds?|secs?|s)| (?:for|after|on) (?:each|every) (?:click|press|time|tap)| each time| every time| in the list| "
    r"in the dropdown| on the page| as expected| (?:again|once more)| (?:under|below|beneath|above) (?:the|each|every) "
    r"[a-z]+| without [a-z]+ing (?:anything|any [a-z]+|a [a-z]+"
    r"|the [a-z]+)(?: in| out)?)+$",
    re.IGNORECASE,
)
_TRAILING_REFS = re.compile(r"^(?P<body>.+?)(?P<refs>(?: ⟦\d+⟧)+)$")
_FIRST_VERB = re.compile(
    r" (?=(?:is|are|has|have|shows?|displays?|contains?|remains?|stays?|becomes?|appears?|reads?|says?|equals?|not)\b)",
    re.IGNORECASE,
)
_COORDINATED = re.compile(
    r"^(?P<subject>.+?) (?P<verb>is|are|remains?|stays?|becomes?|is not|are not) (?P<first>.+?)(?:,? and|,) "
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)


# "the table contains the BMI range "over 30" with data-testid "bmi-4"": the reference names the
# thing contained, so that is what shows the value; "the table has headers with data-testids "a", "b""
_CONTAINED_REF = re.compile(
    r"^(?P<container>(?!no )[^⟦]+?) (?:contains?|shows?|displays?|includes?|has|have) (?:the |a |an )?"
    r"(?P<what>(?:[a-z-]+ ){0,3}?)(?P<value>«\d+» )?(?:with |by |using |identified by )?"
    r"(?P<refs>⟦\d+⟧(?:(?:,| and|, and) ⟦\d+⟧)*)$",
    re.IGNORECASE,
)


def _rephrased(
    normalized: str, values: tuple[str, ...], keyword_type: str, refs: tuple[Ref, ...]
) -> list[StepSpec] | None:
    """The sentence with what does not change its meaning set aside, or its predicates split."""
    contained = _CONTAINED_REF.match(normalized)
    if contained is not None:
        what = contained.group("what").strip() or "element"
        if contained.group("value"):
            clause = f"the {what} {contained.group('refs')} shows {contained.group('value').strip()}"
        else:
            clause = f"the {what} {contained.group('refs')} is visible"
        steps = _clause_steps(clause, values, keyword_type, False, False, refs)
        if steps is not None:
            return list(steps)
    for pattern in (_PURPOSE, _TRAILERS):
        match = pattern.match(normalized)
        if match is not None:
            steps = _clause_steps(match.group("body"), values, keyword_type, False, False, refs)
            if steps is not None:
                return list(steps)
    # "the category "Ideal" is displayed with data-testid "x"": the reference names the subject
    trailing = _TRAILING_REFS.match(normalized)
    if trailing is not None:
        verb_at = _FIRST_VERB.search(trailing.group("body"))
        if verb_at is not None:
            body = trailing.group("body")
            moved = body[: verb_at.start()] + trailing.group("refs") + body[verb_at.start() :]
            moved = re.sub(r" (?:with|by|using|via|identified by)(?= ⟦| is| are)", "", moved)
            steps = _clause_steps(moved, values, keyword_type, False, False, refs)
            if steps is not None:
                return list(steps)
    # "X is visible and empty", "X remains occupied and is not selected": one check per predicate
    coordinated = _COORDINATED.match(normalized)
    if coordinated is not None:
        subject, verb_ = coordinated.group("subject"), coordinated.group("verb")
        predicates = [coordinated.group("first"), *re.split(r",? and |, ", coordinated.group("rest"))]
        if any(PLACEHOLDER.fullmatch(predicate.strip()) for predicate in predicates):
            return None  # "the labels are "a", "b" and "c"": a list of values, not predicates
        found: list[StepSpec] = []
        for number, predicate in enumerate(predicates):
            starts_with_verb = re.match(r"(?:is|are|has|have|not|remains?|stays?|becomes?)\b", predicate, re.IGNORECASE)
            clause = f"{subject} {predicate}" if number and starts_with_verb else f"{subject} {verb_} {predicate}"
            steps = _clause_steps(clause, values, keyword_type, False, False, refs)
            if steps is None:
                return None
            found.extend(steps)
        return found
    return None


def _gerund(normalized: str, values: tuple[str, ...], keyword_type: str) -> list[StepSpec] | None:
    """ "clicking "Back to tasks" returns to the list": an action, then its visible result."""
    match = _GERUND.match(normalized)
    if match is None:
        return None
    action = _match_rules(match.group("act"), values, "when", False)
    if not action or any(step["kind"] != "action" for step in action):
        return None
    verb = match.group("verb").lower()
    prefix = "see " if verb in ("shows", "displays") else "am taken to "
    result = _segment(prefix + match.group("rest"), values, "then", False)
    if result is None:
        return None
    return [*action, *(step for clause in result for step in clause[1])]


def _normalize(skeleton: str, zh: bool) -> str:
    return chinese.normalize(skeleton) if zh else english.normalize(skeleton)


# "enter "jane" as email and "secret" as password": the second object shares the first one's verb
_GAPPED = re.compile(
    r"(?:,? and |, )(?=«\d+» (?:as|into|in|for|to|from)\b|(?:the|my|a|an|their) (?:[a-z-]+ ){1,3}«\d+»(?:,|$| and))",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"(?:,? and |, |; |\bthen |\bwhen )", re.IGNORECASE)


def _gap_verbs(skeleton: str, zh: bool) -> str:
    if zh or not _GAPPED.search(skeleton):
        return skeleton
    pieces: list[str] = []
    last = 0
    carried = ""  # the verb of the clause a gapped object continues ("enters … , the email …")
    for match in _GAPPED.finditer(skeleton):
        clause = _CLAUSE_START.split(skeleton[: match.start()])[-1]
        words = english.normalize(clause).split()
        if words and family(words[0], False) is not None:
            particle = words[1] if len(words) > 1 and words[1].lower() in ("in", "out", "into") else ""
            carried = f"{words[0]} {particle}".strip()
        elif not words or not carried:
            carried = ""
        pieces.append(skeleton[last : match.end()])
        if carried:
            pieces.append(carried + " ")
        last = match.end()
    pieces.append(skeleton[last:])
    return "".join(pieces)


def _segment(
    skeleton: str,
    values: tuple[str, ...],
    keyword_type: str,
    zh: bool,
    is_step: IsStep | None = None,
    states: bool = True,
    refs: tuple[Ref, ...] = (),
    ref_texts: tuple[str, ...] = (),
) -> list[tuple[str, tuple[StepSpec, ...]]] | None:
    """Split at clause boundaries into the fewest parts that each parse; None if impossible.

    A part that uses a reusable step becomes one `{"kind": "use"}` spec, expanded by the planner.
    """
    boundary = _ZH_BOUNDARY if zh else _EN_BOUNDARY
    skeleton = _gap_verbs(skeleton, zh)
    cuts = [(0, 0)] + [(match.start(), match.end()) for match in boundary.finditer(skeleton)]
    ends = [start for start, _ in cuts[1:]] + [len(skeleton)]
    count = len(cuts)
    # best[i]: fewest parts covering skeleton[cuts[i].end:] ... computed right to left
    best: list[list[tuple[str, tuple[StepSpec, ...]]] | None] = [None] * (count + 1)
    best[count] = []
    for first in range(count - 1, -1, -1):
        start = cuts[first][1]
        for last in range(count - 1, first - 1, -1):
            rest = best[last + 1]
            if rest is None:
                continue
            piece = skeleton[start : ends[last]]
            normalized = _normalize(piece, zh)
            if not normalized:
                continue
            steps: tuple[StepSpec, ...] | None = None
            if is_step is not None and PLACEHOLDER.sub("", piece).strip():
                text = _requote(restore_refs(piece.strip(), ref_texts), values)
                if is_step(text):
                    steps = ({"kind": "use", "text": text},)
            if steps is None:
                steps = _clause_steps(normalized, values, keyword_type, zh, states, refs)
            if steps is None:
                continue
            candidate = [(piece, steps), *rest]
            current = best[first]
            if current is None or len(candidate) < len(current):
                best[first] = candidate
    return best[0]


def _first_failing_clause(
    skeleton: str,
    values: tuple[str, ...],
    keyword_type: str,
    zh: bool,
    is_step: IsStep | None,
    refs: tuple[Ref, ...] = (),
    ref_texts: tuple[str, ...] = (),
) -> str:
    boundary = _ZH_BOUNDARY if zh else _EN_BOUNDARY
    pieces = [piece for piece in boundary.split(skeleton) if piece and piece.strip()]
    for piece in pieces:
        normalized = _normalize(piece, zh)
        if not normalized or (
            is_step is not None and is_step(_requote(restore_refs(piece.strip(), ref_texts), values))
        ):
            continue
        if _clause_steps(normalized, values, keyword_type, zh, True, refs) is None:
            return piece
    return skeleton


def _requote(skeleton: str, values: tuple[str, ...]) -> str:
    """The skeleton with its values quoted so that `extract` gives exactly the same values back."""

    def quote(match: re.Match[str]) -> str:
        value = values[int(match.group(1))]
        return f'"{value}"' if '"' not in value else f"“{value}”"

    return PLACEHOLDER.sub(quote, skeleton)


def split_keywords(text: str) -> list[tuple[str, str, str]] | None:
    """A criterion that reads like a scenario → (keyword, keyword type, part) per Given / When / Then.

    Only a sentence that starts with "Given" / "When" (假如 / 假设 / 当) is cut, at a following
    "when" / "then" (当 / 那么) that starts a clause; the keywords are never looked for in quotes.
    """
    quoted = extract(text.strip())
    skeleton = quoted.skeleton
    zh = is_chinese(skeleton)
    start = (_ZH_KEYWORD_START if zh else _EN_KEYWORD_START).match(skeleton)
    if start is None:
        return None
    pieces: list[tuple[str, str]] = []
    keyword, begin = start.group("k"), 0
    for cut in (_ZH_KEYWORD_CUT if zh else _EN_KEYWORD_CUT).finditer(skeleton):
        pieces.append((keyword, skeleton[begin : cut.start()]))
        keyword, begin = cut.group("k"), cut.end()
    pieces.append((keyword, skeleton[begin:]))
    return [
        (word if zh else word.capitalize(), _KEYWORD_TYPES[word.lower()], _requote(piece.strip(), quoted.values))
        for word, piece in pieces
    ]


def parse(text: str, keyword_type: str = "none", is_step: IsStep | None = None) -> Parsed:
    """Parse one sentence (a Gherkin step, a criterion) into clauses of step specs.

    In a Given, a clause that fits no sentence may name a state; states are the last resort, so
    "I am signed in and I am on the "/tasks" page" is two steps when both are known.
    """
    quoted = extract(text.strip())
    skeleton = quoted.skeleton.strip()
    values = quoted.values
    zh = is_chinese(skeleton)
    skeleton, refs, ref_texts = extract_refs(skeleton, values)
    segments = _segment(skeleton, values, keyword_type, zh, is_step, False, refs, ref_texts)
    if segments is None and keyword_type == "given":
        segments = _segment(skeleton, values, keyword_type, zh, is_step, True, refs, ref_texts)
    if segments is not None:
        if len(segments) == 1:
            return Parsed((Clause(text.strip(), segments[0][1]),), values=values)
        return Parsed(
            tuple(Clause(restore(restore_refs(piece.strip(), ref_texts), values), steps) for piece, steps in segments),
            values=values,
        )
    failing = _first_failing_clause(skeleton, values, keyword_type, zh, is_step, refs, ref_texts)
    piece = restore_refs(failing, ref_texts)
    normalized = _normalize(piece, zh)
    suggestion, ratio = suggest(
        normalized, piece, values, _rules(zh), zh, keyword_type, lambda text: _normalize(text, zh)
    )
    has_quotes = bool(PLACEHOLDER.search(piece))
    shape = chinese.STATE_SHAPE if zh else english.STATE_SHAPE
    as_given = _clause_steps(_normalize(failing, zh), values, "given", zh, True, refs)
    if keyword_type != "given" and shape.search(normalized) and as_given:
        reason = "describes a state, which only a Given (or Background) line can set up"
    elif not has_quotes:
        reason = "names no quoted element or text, so there is nothing exact to act on or check"
    else:
        reason = "no sentence of the controlled language matches this clause"
    clause = restore(piece.strip(), values)
    reason = why(clause) or reason
    # Close to a sentence of the language: a person can rephrase it; otherwise it is prose.
    needs_llm = (
        not has_quotes or ratio < 0.7 or len(normalized.split() if not zh else normalized) > (14 if not zh else 30)
    )
    return Parsed(failure=Failure(clause, reason, suggestion, needs_llm), values=values)
