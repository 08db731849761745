"""Placeholder until the web app lands: a minimal chat (replaced by the UI work)."""

from __future__ import annotations

from typing import Any

from ..settings import Settings


def build_ui(assistant: Any, settings: Settings) -> Any:
    import gradio as gr

    with gr.Blocks(title="IKZ-Assistent") as blocks:
        question = gr.Textbox(label="Ihre Frage")
        answer = gr.Markdown()
        question.submit(lambda q: assistant.ask(q)["answer"], question, answer, api_name="ask")
    return blocks
