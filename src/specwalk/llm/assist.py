"""Grounding assist: when a step's words do not single out one element, the model picks one.

It sees the retrieved candidates only (id, role, names, locator, source line, why retrieved) and
answers with one of their ids and a reason. An id that is not a candidate is re-asked, then
rejected and reported; whatever it picks must still be proven unique in the live page by the
resolver, so it never invents a selector. Answers are remembered per step and candidate set, so
the resolver's second look after the page settles costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from specwalk.errors import LlmNoAnswer
from specwalk.ground.resolve import Choice
from specwalk.ground.retrieve import Hit
from specwalk.llm.base import ChatModel, Message
from specwalk.llm.context import SourceLines, best_locator, element_names
from specwalk.llm.session import LlmLog
from specwalk.llm.structured import LlmOutputInvalid, ReplyInvalid, ask, validation_lines
from specwalk.llm.templates import render
from specwalk.models.uimap import UIElement, UIMap

_CONTAINER_ROLES = frozenset(
    {"dialog", "alertdialog", "form", "region", "navigation", "main", "banner", "listitem", "row", "group", "article"}
)


class ChoiceReply(BaseModel):
    model_config = ConfigDict(extra="forbid")

    element_id: str | None
    reason: str = ""


def containers_of(element: UIElement, ui_map: UIMap) -> tuple[UIElement, ...]:
    """UI-map elements whose source span encloses `element`, nearest first (same file only)."""
    line = element.location.line
    enclosing = [
        other
        for other in ui_map.elements
        if other.id != element.id
        and other.role in _CONTAINER_ROLES
        and other.location.file == element.location.file
        and other.location.end_line is not None
        and other.location.line <= line <= other.location.end_line
    ]
    return tuple(sorted(enclosing, key=lambda other: -other.location.line))


class LlmChooser:
    """The resolver's `Chooser`, answered by the model."""

    def __init__(
        self, model: ChatModel, ui_map: UIMap, *, locale: str, log: LlmLog | None = None, max_reasks: int = 2
    ) -> None:
        self.model = model
        self.ui_map = ui_map
        self.locale = locale
        self.log = log or LlmLog()
        self.max_reasks = max_reasks
        self._sources = SourceLines(Path(ui_map.root))
        self._memory: dict[tuple[str, str, str | None, tuple[str, ...]], Choice] = {}

    def choose(self, context: str, target: str, role: str | None, hits: Sequence[Hit], seen: Sequence[str]) -> Choice:
        ids = tuple(hit.element.id for hit in hits)
        key = (context, target, role, ids)
        if key not in self._memory:
            self._memory[key] = self._ask(context, target, role, hits, seen)
        return self._memory[key]

    def _ask(self, context: str, target: str, role: str | None, hits: Sequence[Hit], seen: Sequence[str]) -> Choice:
        by_id = {hit.element.id: hit.element for hit in hits}
        messages = self.messages(context, target, role, hits, seen)

        def validate(data: Any) -> ChoiceReply:
            try:
                reply = ChoiceReply.model_validate(data)
            except ValidationError as error:
                raise ReplyInvalid(validation_lines(error)) from error
            if reply.element_id is not None and reply.element_id not in by_id:
                listed = ", ".join(by_id)
                raise ReplyInvalid([f"element_id: '{reply.element_id}' is not one of the candidates: {listed}"])
            return reply

        self.log.choices += 1
        try:
            reply = ask(self.model, messages, validate, max_reasks=self.max_reasks).value
        except LlmOutputInvalid as invalid:
            self.log.choices_rejected += 1
            self.log.notes.append(f"grounding assist for '{target}': {invalid.errors[0] if invalid.errors else ''}")
            return Choice(None, "", rejected=_rejection(invalid))
        except LlmNoAnswer as problem:
            return Choice(None, "", rejected=f"the model did not answer ({problem})")
        if reply.element_id is None:
            return Choice(None, reply.reason)
        element = by_id[reply.element_id]
        return Choice(element, " ".join(reply.reason.split()), containers=containers_of(element, self.ui_map))

    def messages(
        self, context: str, target: str, role: str | None, hits: Sequence[Hit], seen: Sequence[str]
    ) -> tuple[Message, ...]:
        lines = []
        for hit in hits:
            element = hit.element
            names = " / ".join(f'"{name}"' for name in element_names(element, self.locale)[:3]) or "(no fixed name)"
            lines.append(
                f"- [{element.id}] {element.role or element.tag} {names} | {best_locator(element, self.locale)}"
                f" | {self._sources.snippet(element)} | retrieved: {hit.reason}"
            )
        user = render(
            "choose_user.md",
            step=context,
            target=f'"{target}"' + (f" ({role})" if role else ""),
            seen="; ".join(dict.fromkeys(seen)) or "nothing",
            candidates="\n".join(lines),
        )
        return (Message("system", render("choose_system.md")), Message("user", user))


def _rejection(invalid: LlmOutputInvalid) -> str:
    reply = " ".join(invalid.last_reply.split())
    reply = reply if len(reply) <= 200 else reply[:197] + "..."
    return f"the model's choice was rejected after {invalid.attempts} attempt(s): {invalid.errors[0]} (reply: {reply})"
