"""Shared fixtures: real model, real Chroma, real files; every store lives in a tmp folder.

The real IKZ legal texts are read from ../shared/corpus-real at test time (never copied into the
repository). Indexes that several tests read are built once per session.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.offline import apply_offline_switches

apply_offline_switches(os.environ)

REPO = Path(__file__).resolve().parents[1]
SAMPLE_CORPUS = REPO / "corpus"
REAL_CORPUS = REPO.parent / "shared" / "corpus-real"


@pytest.fixture(scope="session")
def embed_model():
    """The default embedding model, loaded once for the whole session."""
    from assistant import wiring
    from assistant.settings import Settings

    return wiring.embedding(Settings())


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., object]:
    """Settings whose corpus and index live under this test's tmp_path unless given."""
    from assistant.settings import Settings

    def factory(**overrides: object):
        overrides.setdefault("corpus_dir", tmp_path / "corpus")
        overrides.setdefault("index_dir", tmp_path / "index")
        Path(overrides["corpus_dir"]).mkdir(parents=True, exist_ok=True)
        return Settings(**overrides)

    return factory


def copy_real_corpus(target: Path) -> Path:
    if not REAL_CORPUS.is_dir():
        pytest.fail(f"{REAL_CORPUS} fehlt: die Tests brauchen ../shared/corpus-real neben dem Repository")
    target.mkdir(parents=True, exist_ok=True)
    for path in REAL_CORPUS.glob("*.md"):
        if path.name != "SOURCES.md":
            shutil.copy2(path, target / path.name)
    return target


@pytest.fixture(scope="session")
def real_assistant(tmp_path_factory: pytest.TempPathFactory, embed_model):
    """An assistant over the real legal texts, indexed once per session."""
    from assistant.service import Assistant
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("real")
    settings = Settings(corpus_dir=copy_real_corpus(root / "corpus"), index_dir=root / "index")
    assistant = Assistant(settings, embed_model)
    report = assistant.index()
    assert not report.failed, report.failed
    return assistant


@pytest.fixture(scope="session")
def sample_assistant(tmp_path_factory: pytest.TempPathFactory, embed_model):
    """An assistant over the shipped sample corpus (corpus/), indexed once per session."""
    from assistant.service import Assistant
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("sample")
    corpus = root / "corpus"
    shutil.copytree(SAMPLE_CORPUS, corpus)
    assistant = Assistant(Settings(corpus_dir=corpus, index_dir=root / "index"), embed_model)
    report = assistant.index()
    assert not report.failed, report.failed
    return assistant
