"""Retrieval stays exact where it was made fast for large indexes: the stored lexical index, and the
Land filter on the dense side (nearest neighbours without Chroma's metadata filter, then filtered)."""

from __future__ import annotations

import dataclasses
import json
import logging

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow


def _questions(n: int) -> list[str]:
    lines = (REPO / "assistant" / "eval" / "questions_real.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()][:n]


def _same_results(a, b, analyzer) -> None:
    for question in _questions(20):
        assert a.search(question, 30) == b.search(question, 30), question
        for token in analyzer.tokens(question) + ["gibtesnichtimkorpus"]:
            assert a.idf(token) == pytest.approx(b.idf(token)), token


def test_stored_lexical_index_is_reused_and_answers_like_a_fresh_one(tmp_path, real_assistant, monkeypatch):
    from assistant.retrieval import lexical

    passages, analyzer = real_assistant.retriever.passages, real_assistant.analyzer
    plain = lexical.LexicalIndex(analyzer, passages)
    built = lexical.LexicalIndex(analyzer, passages, cache_dir=tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [lexical.cache_key(analyzer, passages)]

    def no_tokenising(*args, **kwargs):
        raise AssertionError("a stored index must be loaded, not built again")

    monkeypatch.setattr(lexical, "passage_tokens", no_tokenising)
    loaded = lexical.LexicalIndex(analyzer, passages, cache_dir=tmp_path)
    _same_results(plain, built, analyzer)
    _same_results(plain, loaded, analyzer)


def test_changed_passages_get_their_own_entry_and_old_entries_go(tmp_path, real_assistant):
    from assistant.retrieval.lexical import LexicalIndex, cache_key

    passages, analyzer = list(real_assistant.retriever.passages), real_assistant.analyzer
    versions = []
    for n in range(3):
        changed = dataclasses.replace(passages[0], text=passages[0].text + f"\nNachtrag {n}: Zweckverbandsumlage")
        versions.append([changed, *passages[1:]])
        index = LexicalIndex(analyzer, versions[-1], cache_dir=tmp_path)
        assert index.search("Nachtrag Zweckverbandsumlage", 3)[0][0] == 0
    keys = [cache_key(analyzer, v) for v in versions]
    assert len(set(keys)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(keys[1:]), "only the newest two are kept"


def test_damaged_or_unwritable_store_still_gives_a_working_index(tmp_path, real_assistant, caplog):
    from assistant.retrieval.lexical import LexicalIndex

    passages, analyzer = real_assistant.retriever.passages, real_assistant.analyzer
    plain = LexicalIndex(analyzer, passages)
    LexicalIndex(analyzer, passages, cache_dir=tmp_path)
    (entry,) = tmp_path.iterdir()
    next(entry.glob("*.npy")).unlink()
    with caplog.at_level(logging.WARNING, logger="assistant.retrieval.lexical"):
        rebuilt = LexicalIndex(analyzer, passages, cache_dir=tmp_path)
    assert "unbrauchbar" in caplog.text
    _same_results(plain, rebuilt, analyzer)
    assert all(f.stat().st_size > 0 for f in entry.iterdir()), "the damaged entry is written anew"

    not_a_folder = tmp_path / "datei"
    not_a_folder.write_text("kein Ordner")
    _same_results(plain, LexicalIndex(analyzer, passages, cache_dir=not_a_folder), analyzer)


def test_land_filter_matches_chromas_filtered_search(real_assistant, monkeypatch):
    """Whether the nearest neighbours hold enough passages of the Land or not (Hessen has only a few
    passages here, so the filtered query runs), the result is Chroma's own filtered search – up to
    what an HNSW search approximates: its unfiltered neighbours may miss one of the true ones near
    the end of the list (seen: the 10th of 10), so one passage of the ten may differ."""
    from assistant import wiring
    from assistant.retrieval.dense import DenseRetriever

    collection = wiring.vector_store(real_assistant.settings, create=False).client
    dense = real_assistant.retriever.dense
    nearest, filtered = DenseRetriever._nearest, []

    def spy(self, bundle, k, filters=None):
        filtered.append(filters is not None)
        return nearest(self, bundle, k, filters)

    monkeypatch.setattr(DenseRetriever, "_nearest", spy)
    k, paths = 10, set()
    for lands in (["Bund", "Hessen"], ["Sachsen", "Bund"], ["Hessen"]):
        for question in _questions(8):
            embedding = real_assistant.embed_model.get_query_embedding(question)
            expected = collection.query(query_embeddings=[embedding], n_results=k,
                                        where={"jurisdiction": {"$in": lands}}, include=["distances"])
            filtered.clear()
            got = dense.search(question, k, lands)
            ids, scores = [pid for pid, _ in got], [s for _, s in got]
            want = dict(zip(expected["ids"][0], (1 - d for d in expected["distances"][0])))
            assert len(ids) == len(want) and len(set(ids) & set(want)) >= len(want) - 1, (question, lands)
            assert ids[:5] == expected["ids"][0][:5], (question, lands)
            assert scores == sorted(scores, reverse=True)
            assert [scores[i] for i, pid in enumerate(ids) if pid in want] == pytest.approx(
                [want[pid] for pid in ids if pid in want], abs=1e-4)
            paths.add(any(filtered))
    assert paths == {False, True}, "both the unfiltered and the filtered path must have been exercised"
