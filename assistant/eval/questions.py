"""The evaluation questions: JSON lines with kind, question, history, expected file and key fact."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

PACKAGED = sorted(Path(__file__).parent.glob("questions_*.jsonl"))
KINDS = ("paraphrase", "paragraph", "keyword", "followup", "out_of_scope")


@dataclass
class Question:
    id: str
    kind: str
    question: str
    history: list[str] = field(default_factory=list)
    expected_file: str | None = None
    key_fact: str | None = None
    section: str | None = None

    @property
    def answerable(self) -> bool:
        return self.expected_file is not None


def load_questions(paths: list[Path] | None = None) -> list[Question]:
    questions: list[Question] = []
    for path in paths or PACKAGED:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                questions.append(Question(**{k: data.get(k) for k in Question.__dataclass_fields__ if k in data}))
            except (json.JSONDecodeError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: keine gültige Frage ({exc})") from exc
    return questions
