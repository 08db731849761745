"""Markdown (with YAML front matter) and plain text in any encoding German offices produce."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .. import texts
from .base import ParsedFile, ReaderError

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)


def decode_text(raw: bytes) -> str:
    """UTF-8 first; otherwise Windows-1252, the usual encoding of older German office files.

    cp1252 leaves five bytes undefined; Latin-1 maps every byte, so it is the last resort.
    """
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReaderError(texts.UNKNOWN_ENCODING)  # unreachable: latin-1 decodes anything


_MAX_YAML_CHARS = 16_000  # real front matter is a few lines; PyYAML needs seconds for deeply nested kilobytes


class UnsafeYamlError(yaml.YAMLError):
    """YAML refused by :func:`load_yaml`: too large, too deeply nested, or with anchors and aliases."""


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` for files anyone may drop into the corpus: without anchors and aliases (a few
    hundred bytes of nested aliases, "billion laughs", stand for billions of values, and whatever walks
    them, even ``str()``, never finishes), and bounded in size and depth."""
    if len(text) > _MAX_YAML_CHARS:
        raise UnsafeYamlError("too large")
    try:
        if any(isinstance(t, (yaml.AliasToken, yaml.AnchorToken)) for t in yaml.scan(text, Loader=yaml.SafeLoader)):
            raise UnsafeYamlError("anchors and aliases are not allowed")
        return yaml.safe_load(text)
    except RecursionError as exc:
        raise UnsafeYamlError("too deeply nested") from exc


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Return (front matter, body); front matter that is not a YAML mapping is left in the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = load_yaml(match.group(1))
    except UnsafeYamlError as exc:
        raise ReaderError(texts.YAML_UNSAFE) from exc
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    return {str(k): v for k, v in meta.items()}, text[match.end():]


def _first_heading(text: str) -> str | None:
    match = re.search(r"^#{1,6}\s+(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else None


def read_markdown(path: Path, max_bytes: int) -> ParsedFile:
    meta, body = split_front_matter(decode_text(path.read_bytes()))
    title = str(meta["title"]).strip() if meta.get("title") else _first_heading(body)
    return ParsedFile(text=body.strip("\n"), title=title, meta=meta)


def read_text(path: Path, max_bytes: int) -> ParsedFile:
    text = decode_text(path.read_bytes()).replace("\r\n", "\n").replace("\r", "\n")
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return ParsedFile(text=text.strip("\n"), title=first_line[:150] if first_line else None)
