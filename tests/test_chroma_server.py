"""Chroma server mode: the index lives in a real ``chroma run`` server on loopback.

The indexer (``ikz index`` in its own process, its own index folder) and the app instances
(Assistants with other index folders, as on other machines) share nothing but the server. The token
test puts a small reverse proxy in front of the server that, like a production proxy, refuses
requests without the right bearer token.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from conftest import REAL_CORPUS, REPO

pytestmark = [pytest.mark.slow, pytest.mark.server]

BIN = REPO / ".venv" / "bin"
GG = "bund_gg_art28-84-85.md"
VWVFG = "bund_vwvfg_ss54-62.md"
NEW_QUESTION = "Kann der Landrat den Landrat eines angrenzenden Landkreises mit Auftragsangelegenheiten beauftragen?"
_START_TIMEOUT_S = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_heartbeat(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + _START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"chroma run hat sich beendet (Code {proc.returncode}):\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    pytest.fail(f"chroma run antwortet nach {_START_TIMEOUT_S} s nicht:\n{log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A real Chroma server (the installed package's ``chroma run``) on a free loopback port."""
    root = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    log = root / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(BIN / "chroma"), "run", "--path", str(root / "data"), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
    try:
        _wait_for_heartbeat(f"http://127.0.0.1:{port}", proc, log)
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def _ikz(args: list[str], **settings: object) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IKZ_")}
    env.update({f"IKZ_{k.upper()}": str(v) for k, v in settings.items()})
    return subprocess.run([str(BIN / "ikz"), *args], env=env, capture_output=True, text=True, timeout=600, cwd=REPO)


def _real_files(target: Path, *names: str) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        (target / name).write_text((REAL_CORPUS / name).read_text(encoding="utf-8"), encoding="utf-8")
    return target


def _kgg_section(heading: str) -> str:
    """One § of the Hessian KGG, read from corpus-real at test time (it becomes the "new" content)."""
    text = (REAL_CORPUS / "he_kgg_teilauszug.md").read_text(encoding="utf-8")
    match = re.search(rf"^### {re.escape(heading)}\n.*?(?=^#)", text, flags=re.S | re.M)
    assert match, heading
    return match.group(0)


def _cites(result: dict, file: str, fragment: str) -> bool:
    return any(c["file"] == file and fragment in c["text"] for c in result["citations"])


def test_index_ask_reindex_and_a_second_app_instance_share_the_server(tmp_path, chroma_server, make_settings, embed_model):
    from assistant.index.store import chroma_client
    from assistant.service import Assistant

    host, port = chroma_server
    server = {"chroma_host": host, "chroma_port": port, "collection": "e2e"}
    corpus = _real_files(tmp_path / "corpus", GG, VWVFG)
    indexer = {**server, "corpus_dir": corpus, "index_dir": tmp_path / "indexer"}

    first = _ikz(["index", "--json"], **indexer)
    assert first.returncode == 0, first.stderr
    assert '"added": 2' in first.stdout
    assert not (tmp_path / "indexer" / "chroma").exists(), "server mode must not create an embedded store"
    on_server = chroma_client(make_settings(**server)).get_collection("e2e", embedding_function=None)
    chunks = on_server.count()
    assert chunks > 5 and f'"chunks": {chunks}' in first.stdout

    app = Assistant(make_settings(**server, index_dir=tmp_path / "app-1"), embed_model)
    answer = app.ask("Was gilt nach Art. 28 GG für die Selbstverwaltung der Gemeinden?")
    assert not answer["abstained"] and any(c["file"] == GG for c in answer["citations"])
    new = _kgg_section("§ 25a Beauftragung")
    fragment = new.split("\n\n", 1)[1][:60]
    assert not _cites(app.ask(NEW_QUESTION), GG, fragment)

    with (corpus / GG).open("a", encoding="utf-8") as f:
        f.write("\n" + new)
    second = _ikz(["index", "--json"], **indexer)
    assert second.returncode == 0, second.stderr
    assert '"updated": 1' in second.stdout and '"unchanged": 1' in second.stdout

    time.sleep(2.5)  # the running app looks for a new generation stamp at most every 2 s
    assert _cites(app.ask(NEW_QUESTION), GG, fragment), "the running app instance did not reload"
    other_machine = Assistant(make_settings(**server, index_dir=tmp_path / "app-2"), embed_model)
    assert _cites(other_machine.ask(NEW_QUESTION), GG, fragment)
    assert other_machine.documents() == app.documents()

    via_cli = _ikz(["ask", "--json", NEW_QUESTION], **server, index_dir=tmp_path / "app-3")
    assert via_cli.returncode == 0, via_cli.stderr
    assert fragment in via_cli.stdout


class _TokenProxy(ThreadingHTTPServer):
    """Forwards to the Chroma server only requests that carry ``Authorization: Bearer <token>``."""

    daemon_threads = True

    def __init__(self, upstream: str, token: str) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.upstream, self.token = upstream, token
        self.forwarded = self.refused = 0


class _ProxyHandler(BaseHTTPRequestHandler):
    server: _TokenProxy
    _HOP = {"host", "content-length", "connection", "transfer-encoding", "content-encoding"}

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.headers.get("Authorization") != f"Bearer {self.server.token}":
            self.server.refused += 1
            self._reply(401, b'{"error":"Unauthorized","message":"missing or wrong token"}', {})
            return
        self.server.forwarded += 1
        headers = {k: v for k, v in self.headers.items() if k.lower() not in self._HOP}
        upstream = httpx.request(self.command, self.server.upstream + self.path, content=body, headers=headers, timeout=120)
        self._reply(upstream.status_code, upstream.content,
                    {k: v for k, v in upstream.headers.items() if k.lower() not in self._HOP})

    def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Type", headers.get("content-type", "application/json"))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _forward

    def log_message(self, *args: object) -> None:  # the test reports, not the proxy
        pass


@pytest.fixture
def token_proxy(chroma_server) -> Iterator[_TokenProxy]:
    host, port = chroma_server
    proxy = _TokenProxy(f"http://{host}:{port}", token="geheim-123")
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    yield proxy
    proxy.shutdown()
    proxy.server_close()


def test_chroma_token_is_sent_as_bearer_header(tmp_path, token_proxy):
    corpus = _real_files(tmp_path / "corpus", GG)
    through_proxy = {"chroma_host": "127.0.0.1", "chroma_port": token_proxy.server_address[1], "collection": "token"}

    indexed = _ikz(["index", "--json"], **through_proxy, chroma_token="geheim-123", corpus_dir=corpus,
                   index_dir=tmp_path / "indexer")
    assert indexed.returncode == 0, indexed.stderr
    asked = _ikz(["ask", "--json", "Was gilt nach Art. 28 GG für die Gemeinden?"], **through_proxy,
                 chroma_token="geheim-123", index_dir=tmp_path / "app")
    assert asked.returncode == 0, asked.stderr
    assert f'"file": "{GG}"' in asked.stdout
    assert token_proxy.forwarded > 0 and token_proxy.refused == 0

    for wrong in ({"chroma_token": "falsch"}, {}):
        refused = _ikz(["ask", "--json", "Was gilt nach Art. 28 GG?"], **through_proxy, **wrong, index_dir=tmp_path / "app")
        assert refused.returncode == 1
        assert "verweigert den Zugriff" in refused.stderr and "IKZ_CHROMA_TOKEN" in refused.stderr
        assert "Traceback" not in refused.stderr and refused.stderr.count("\n") == 1
    assert token_proxy.refused >= 2


def test_unreachable_server_is_one_clear_line(tmp_path):
    port = _free_port()  # nothing listens there
    result = _ikz(["ask", "--json", "Was ist ein Zweckverband?"], chroma_host="127.0.0.1", chroma_port=port,
                  index_dir=tmp_path / "app")
    assert result.returncode == 1
    assert f"127.0.0.1:{port} ist nicht erreichbar" in result.stderr and "IKZ_CHROMA_HOST" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
