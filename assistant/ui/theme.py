"""Look of the app: a calm blue theme with local system fonts (no web fonts: the app runs offline)."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

ASSETS = Path(__file__).parent / "assets"
SYSTEM_FONTS = ("system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif")
MONO_FONTS = ("ui-monospace", "SFMono-Regular", "Consolas", "Liberation Mono", "monospace")

_IKZ_BLUE = gr.themes.Color(
    c50="#eef4fb", c100="#d9e6f5", c200="#b7cfea", c300="#8db2dc", c400="#5f8fc8", c500="#3a70b0",
    c600="#1d5a96", c700="#174a7c", c800="#133c64", c900="#0f2f4f", c950="#0a2038", name="ikz_blue",
)


def theme() -> gr.themes.Base:
    return gr.themes.Default(
        primary_hue=_IKZ_BLUE, secondary_hue="slate", neutral_hue="slate", radius_size="md",
        font=list(SYSTEM_FONTS), font_mono=list(MONO_FONTS),
    ).set(
        body_background_fill="#f3f5f8",
        block_border_color="#dde3ea",
        block_radius="10px",
        button_primary_background_fill="#1d5a96",
        button_primary_background_fill_hover="#174a7c",
        button_primary_text_color="#ffffff",
    )


def css() -> str:
    return (ASSETS / "app.css").read_text(encoding="utf-8")


def head() -> str:
    """The script for citation links and copying, inlined into the page head."""
    return f"<script>{(ASSETS / 'app.js').read_text(encoding='utf-8')}</script>"
