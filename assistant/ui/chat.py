"""The chat: streamed answers with clickable [n] markers, example questions, follow-ups, reset."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from ..index.store import IndexMissingError
from ..jurisdiction import ALL, LAENDER, resolve
from . import texts
from .context import UiContext
from .markup import answer_markdown, escape_markdown
from .sources import SourceGroup, panel_html

logger = logging.getLogger(__name__)
# Several people may ask at once; Assistant is thread-safe and answers are short.
CONCURRENT_ANSWERS = 4
MAX_QUESTION_CHARS = 2000

# {"question": str, "answer": the ask structure, or None and "error": the message shown instead}
Turn = dict[str, Any]


@dataclass
class ChatPanel:
    chatbot: gr.Chatbot
    question: gr.Textbox
    ask: gr.Button
    reset: gr.Button
    land: gr.Dropdown
    turns: gr.State
    answered: list[Any] = field(default_factory=list)  # event chains that end with a finished answer

    def after_answer(self, fn: Any, inputs: list[Any], outputs: list[Any]) -> None:
        """Run ``fn`` whenever an answer has finished (or the conversation was reset)."""
        for dependency in self.answered:
            dependency.then(fn, inputs, outputs, show_progress="hidden", api_visibility="private")


def history_of(turns: list[Turn]) -> list[dict[str, str]]:
    """Earlier questions in the form ``Assistant.stream`` expects for follow-ups."""
    return [{"role": "user", "content": t["question"]} for t in turns]


def messages_of(turns: list[Turn]) -> list[dict[str, str]]:
    """The chat as Gradio messages; always two per turn, so message index // 2 is the turn."""
    messages = []
    for number, turn in enumerate(turns):
        messages.append({"role": "user", "content": escape_markdown(turn["question"])})
        messages.append({"role": "assistant", "content": answer_message(turn, number)})
    return messages


def answer_message(turn: Turn, number: int) -> str:
    answer = turn.get("answer")
    if answer is None:
        return escape_markdown(turn.get("error") or texts.ANSWER_FAILED)
    text = answer_markdown(answer.get("answer") or "", number)
    if answer.get("notice"):
        text += f"\n\n_{escape_markdown(answer['notice'])}_"
    if turn.get("contact") and not answer.get("abstained"):  # an abstention names the contact already
        text += f"\n\n_{escape_markdown(texts.CONTACT_FOOTER.format(contact=turn['contact']))}_"
    return text


def source_groups(turns: list[Turn]) -> list[SourceGroup]:
    return [
        SourceGroup(number, t["question"], list((t.get("answer") or {}).get("citations") or []))
        for number, t in enumerate(turns)
    ]


def respond(ctx: UiContext, question: str, turns: list[Turn], land: str | None = None) -> Iterator[tuple[Any, ...]]:
    """Stream one answer: (chat messages, sources panel, question box, turns) per step.

    ``land`` is the Bundesland chosen next to the question box (None: the configured default)."""
    question = (question or "").strip()
    if not question:
        yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return
    number = len(turns)
    earlier = messages_of(turns)
    user = {"role": "user", "content": escape_markdown(question)}
    yield [*earlier, user, {"role": "assistant", "content": texts.SEARCHING}], gr.skip(), "", gr.skip()
    answer: dict[str, Any] | None = None
    failure: str | None = None
    streamed = ""
    try:
        jurisdiction = ALL if land == texts.LAND_ALL else land
        for event in ctx.assistant.stream(question, history=history_of(turns), jurisdiction=jurisdiction):
            if event["type"] == "sources":
                pending = SourceGroup(number, question, event["citations"], pending=True)
                yield gr.skip(), panel_html([*source_groups(turns), pending]), gr.skip(), gr.skip()
            elif event["type"] == "delta":
                streamed += event["text"]
                partial = {"role": "assistant", "content": answer_markdown(streamed, number)}
                yield [*earlier, user, partial], gr.skip(), gr.skip(), gr.skip()
            elif event["type"] == "answer":
                answer = event["answer"]
    except IndexMissingError:
        logger.warning("Frage gestellt, aber es gibt noch keinen Index")
        failure = texts.NO_INDEX
    except Exception:  # never a traceback in the browser; the log has it
        logger.exception("Antwort fehlgeschlagen")
        failure = texts.ANSWER_FAILED
    turn: Turn = {"question": question, "answer": answer, "contact": ctx.settings.contact}
    if answer is None:
        turn["error"] = failure or texts.ANSWER_FAILED
    turns = [*turns, turn]
    yield messages_of(turns), panel_html(source_groups(turns)), gr.skip(), turns


def build(ctx: UiContext) -> ChatPanel:
    """The chat column's components (call inside a layout block)."""
    chatbot = gr.Chatbot(
        label=texts.CHAT_LABEL, show_label=False, elem_id="ikz-chat", height=520, min_height=320, layout="panel",
        placeholder=texts.CHAT_PLACEHOLDER, examples=[{"text": q} for q in texts.EXAMPLE_QUESTIONS],
        latex_delimiters=[], buttons=[], feedback_options=("Like", "Dislike"), autoscroll=True,
    )
    with gr.Row(elem_classes="ikz-ask-row", equal_height=True):
        question = gr.Textbox(
            label=texts.QUESTION_LABEL, placeholder=texts.QUESTION_PLACEHOLDER, lines=1, max_lines=6,
            scale=5, elem_id="ikz-question", autofocus=True, max_length=MAX_QUESTION_CHARS,
        )
        land = gr.Dropdown(
            [texts.LAND_ALL, *(name for name in LAENDER if name != "Bund")], value=_default_land(ctx),
            label=texts.LAND_LABEL, scale=1, min_width=150, elem_id="ikz-land", interactive=True,
        )
        with gr.Column(scale=1, min_width=150, elem_classes="ikz-ask-buttons"):
            ask = gr.Button(texts.ASK, variant="primary", elem_id="ikz-ask")
            reset = gr.Button(texts.NEW_CONVERSATION, variant="secondary", size="sm", elem_id="ikz-reset")
    return ChatPanel(chatbot, question, ask, reset, land, gr.State([]))


def _default_land(ctx: UiContext) -> str:
    try:
        return resolve(ctx.settings.jurisdiction) or texts.LAND_ALL
    except ValueError:  # an unknown setting is reported by the answers; the selector offers all
        return texts.LAND_ALL


def wire(ctx: UiContext, chat: ChatPanel, sources: gr.HTML) -> None:
    """Connect the chat events; the answer also fills ``sources``."""
    outputs = [chat.chatbot, sources, chat.question, chat.turns]

    def answer(question: str, turns: list[Turn], land: str) -> Iterator[tuple[Any, ...]]:
        yield from respond(ctx, question, turns, land)

    asked = gr.on(
        [chat.question.submit, chat.ask.click], answer, [chat.question, chat.turns, chat.land], outputs,
        api_visibility="private", concurrency_limit=CONCURRENT_ANSWERS, concurrency_id="ikz-answer",
        show_progress="hidden",
    )
    picked = chat.chatbot.example_select(
        _example_text, None, chat.question, api_visibility="private", show_progress="hidden"
    ).then(
        answer, [chat.question, chat.turns, chat.land], outputs, api_visibility="private",
        concurrency_limit=CONCURRENT_ANSWERS, concurrency_id="ikz-answer", show_progress="hidden",
    )
    # The chat's own clear button empties only the messages; the conversation must go with them.
    cleared = gr.on(
        [chat.reset.click, chat.chatbot.clear], lambda: ([], panel_html([]), "", []), None, outputs,
        api_visibility="private", show_progress="hidden",
    )
    chat.answered.extend([asked, picked, cleared])


def _example_text(event: gr.SelectData) -> str:
    value = event.value
    return str(value.get("text", "")) if isinstance(value, dict) else str(value or "")
