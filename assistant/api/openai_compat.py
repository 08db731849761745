"""Translation between the OpenAI chat format and the assistant: messages in, cited answer out.

Any OpenAI-compatible client only shows the message text, so the text carries the citations: the
answer with its [n] markers, then a "Quellen:" block with one line per n. The structured citations
ride along in a non-standard ``citations`` field.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from . import texts
from .errors import ApiError, from_exception, openai_error_body
from .schemas import MODEL_ID, ChatMessage

_KEEP_ALIVE = ": ...\n\n"  # an SSE comment line: clients ignore it


def message_text(message: ChatMessage) -> str:
    """Plain text of a message; of a multi-part message (text + images) only the text parts."""
    if isinstance(message.content, str):
        return message.content
    return "\n".join(part.text for part in message.content or [] if part.type == "text" and part.text)


def question_and_history(messages: Sequence[ChatMessage]) -> tuple[str, list[dict[str, str]]]:
    """The last user message is the question, the user messages before it are the history.

    System prompts and the assistant's own earlier answers are left out: the assistant has its own
    instructions, and the retrieval follows what the user asked.
    """
    asked = [text for text in (message_text(m) for m in messages if m.role == "user") if text.strip()]
    if not asked:
        raise ApiError(400, texts.NO_USER_MESSAGE, param="messages")
    return asked[-1], [{"role": "user", "content": text} for text in asked[:-1]]


def citation_line(citation: dict[str, Any]) -> str:
    """``[n] Titel – Abschnitt – S. 3 (datei.pdf)``; the section is left out where it repeats the title."""
    parts = [citation["title"] or citation["file"]]
    if citation.get("section") and citation["section"] != citation["title"]:
        parts.append(citation["section"])
    if citation.get("page"):
        parts.append(texts.PAGE.format(page=citation["page"]))
    return f"[{citation['n']}] {' – '.join(parts)} ({citation['file']})"


def message_content(answer: dict[str, Any]) -> str:
    """The notice (if any), the answer with its [n] markers, then the sources block."""
    blocks = [texts.NOTICE.format(notice=answer["notice"])] if answer.get("notice") else []
    blocks.append(answer["answer"])
    if answer["citations"]:
        blocks.append("\n".join([texts.SOURCES_HEADING, *(f"- {citation_line(c)}" for c in answer["citations"])]))
    return "\n\n".join(blocks)


def completion(answer: dict[str, Any]) -> dict[str, Any]:
    """A complete ``chat.completion`` object for the assistant's answer."""
    return {
        "id": _new_id(),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL_ID,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": message_content(answer)}, "finish_reason": "stop"}
        ],
        "citations": answer["citations"],
    }


def completion_stream(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Server-sent events in OpenAI's ``chat.completion.chunk`` format from the assistant's events.

    The text goes out once it is final. A language model's streamed draft may still lose invalid
    markers, be renumbered, or be replaced by the extractive answer (uncited or injected text), and
    an OpenAI client cannot take back what it has shown; the web app can, so it streams the draft.
    Meanwhile every draft event sends an SSE comment, so proxies do not close an idle connection.
    """
    completion_id, created = _new_id(), int(time.time())

    def chunk(delta: dict[str, Any], finish_reason: str | None = None, **extra: Any) -> str:
        body = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
            **extra,
        }
        return _sse(body)

    yield chunk({"role": "assistant", "content": ""})
    try:
        for event in events:
            if event["type"] == "answer":
                yield chunk({"content": message_content(event["answer"])})
                yield chunk({}, "stop", citations=event["answer"]["citations"])
            else:
                yield _KEEP_ALIVE
    except Exception as exc:  # headers are sent already: report in the stream, as OpenAI does
        yield _sse(openai_error_body(from_exception(exc)))
    yield "data: [DONE]\n\n"


def _sse(body: dict[str, Any]) -> str:
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


def _new_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"
