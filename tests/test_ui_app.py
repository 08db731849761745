"""The web app without a browser: gradio_client and plain HTTP against the real app on 127.0.0.1,
plus the upload checks, the feedback store, the login pieces and the safe markup at function level."""

from __future__ import annotations

import csv
import http.client
import io
import json
import subprocess
import sys
import threading
from urllib.parse import urlparse

import httpx
import pytest

from assistant.auth import UsersConfigError, authenticate, hash_password, load_users, verify_password
from assistant.feedback import FeedbackStore
from assistant.ui import texts
from assistant.ui.corpus_files import (
    UploadRejected, check_upload, delete_corpus_file, has_sample_material, safe_file_name, store_upload,
)
from assistant.ui.export import answer_markdown
from assistant.ui.markup import answer_markdown as chat_markdown
from assistant.ui.markup import highlight
from assistant.ui.sources import SourceGroup, file_url, panel_html
from ui_support import serve_app, users_json

from conftest import REPO

RECHTSFORMEN = "Welche Rechtsformen gibt es für eine IKZ in Hessen?"


@pytest.fixture(scope="module")
def app_url(sample_assistant):
    """The real app over the (read-only) sample index, single-user mode."""
    from assistant.ui.server import create_app

    with serve_app(create_app(sample_assistant, sample_assistant.settings)) as url:
        yield url


@pytest.fixture(scope="module")
def client(app_url):
    from gradio_client import Client

    return Client(app_url, verbose=False, analytics_enabled=False, download_files=False)


# -- the running app ---------------------------------------------------------------------------------

@pytest.mark.slow
def test_ask_endpoint_answers_with_citations(client, sample_assistant):
    result = client.predict(question=RECHTSFORMEN, api_name="/ask")
    assert set(result) >= {"question", "answer", "abstained", "citations", "timings_ms"}
    assert not result["abstained"]
    assert result["citations"], result
    assert "[1]" in result["answer"]
    corpus = sample_assistant.settings.corpus_dir
    for citation in result["citations"]:
        assert (corpus / citation["file"]).is_file()
        assert f"[{citation['n']}]" in result["answer"]
        for sentence in citation["used_sentences"]:  # what the answer quotes is in the passage
            assert " ".join(sentence.split())[:40] in " ".join(citation["text"].replace("**", "").split())
    assert any(c["file"] == "leitfaden_ikz_formen_hessen.md" for c in result["citations"])


@pytest.mark.slow
def test_ask_endpoint_takes_history_and_lists_documents(client, sample_assistant):
    follow_up = client.predict(question="Und welche davon ist privatrechtlich?", history=[RECHTSFORMEN], api_name="/ask")
    assert follow_up["question"] == "Und welche davon ist privatrechtlich?"
    assert follow_up["citations"]
    documents = client.predict(api_name="/documents")
    assert {d["file"] for d in documents} == {d["file"] for d in sample_assistant.documents()}
    assert len(documents) == len([p for p in sample_assistant.settings.corpus_dir.iterdir() if p.name != "_meta.yaml"])


@pytest.mark.slow
def test_file_route_serves_originals(app_url, sample_assistant):
    corpus = sample_assistant.settings.corpus_dir
    with httpx.Client(base_url=app_url) as http:
        md = http.get("files/leitfaden_ikz_formen_hessen.md")
        assert md.status_code == 200
        assert md.content == (corpus / "leitfaden_ikz_formen_hessen.md").read_bytes()
        assert md.headers["content-type"].startswith("text/plain")
        pdf = http.get("files/faq_vergabe_umsatzsteuer.pdf")
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        assert pdf.content[:5] == b"%PDF-"
        page = http.get("files/kompetenzzentrum_profil.html")  # a document's HTML must not run on our origin
        assert page.status_code == 200 and "sandbox" in page.headers["content-security-policy"]
        assert http.get("files/gibt-es-nicht.md").status_code == 404


@pytest.mark.slow
@pytest.mark.parametrize("path", [
    "/files/../index/docstore.json",
    "/files/%2e%2e/index/docstore.json",
    "/files/..%2findex%2fdocstore.json",
    "/files/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/files/%2Fetc%2Fpasswd",
    "/files//etc/passwd",
    "/files/..\\index\\docstore.json",
])
def test_file_route_rejects_traversal(app_url, sample_assistant, path):
    assert (sample_assistant.settings.corpus_dir / ".." / "index" / "docstore.json").is_file()
    target = urlparse(app_url)
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
    connection.request("GET", path)  # sent as written: http.client does not normalise "../"
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status in (400, 404), (path, response.status)
    assert b"docstore" not in body and b"root:" not in body


@pytest.mark.slow
def test_admin_endpoints_work_in_single_user_mode(client, sample_assistant, tmp_path):
    upload = tmp_path / "Notiz.exe"
    upload.write_bytes(b"MZ")
    from gradio_client import handle_file

    note, *_ = client.predict(paths=[handle_file(str(upload))], land="Alle", doctype="Alle", api_name="/upload_documents")
    assert "Dateityp .exe ist nicht erlaubt" in note
    assert not (sample_assistant.settings.corpus_dir / "Notiz.exe").exists()
    missing, _ = client.predict(rel="gibt-es-nicht.md", api_name="/delete_document")
    assert "nicht gefunden" in missing
    outside, _ = client.predict(rel="../index/docstore.json", api_name="/delete_document")
    assert "nicht gefunden" in outside
    assert (sample_assistant.settings.index_dir / "docstore.json").is_file()


def test_document_table_rows_statuses_and_filters(sample_assistant, tmp_path):
    import shutil

    from assistant.ui.context import UiContext
    from assistant.ui.document_table import document_rows, filter_choices, filter_rows

    corpus = tmp_path / "corpus"  # the indexed files, minus one, plus one not yet indexed
    shutil.copytree(sample_assistant.settings.corpus_dir, corpus)
    (corpus / "glossar_ikz.odt").unlink()
    (corpus / "neu.md").write_text("# Neu\n\nNoch nicht indexiert.", encoding="utf-8")
    settings = sample_assistant.settings.model_copy(update={"corpus_dir": corpus, "index_dir": tmp_path / "index"})
    settings.index_dir.mkdir()
    shutil.copy2(sample_assistant.settings.docstore_path, settings.docstore_path)
    rows = {r.file: r for r in document_rows(UiContext.create(sample_assistant, settings))}

    assert rows["neu.md"].status == texts.DOCS_STATUS_PENDING and rows["neu.md"].chunks == 0
    assert rows["glossar_ikz.odt"].status == texts.DOCS_STATUS_MISSING
    leitfaden = rows["leitfaden_ikz_formen_hessen.md"]
    assert leitfaden.status == texts.DOCS_STATUS_OK and leitfaden.chunks > 0 and leitfaden.indexed_at
    assert (leitfaden.land, leitfaden.doctype) == ("Hessen", "Leitfaden")
    assert rows["faq_vergabe_umsatzsteuer.pdf"].pages and rows["faq_vergabe_umsatzsteuer.pdf"].pages > 1

    lands, doctypes = filter_choices(list(rows.values()))
    assert lands[0] == texts.DOCS_ALL and "Hessen" in lands and "Leitfaden" in doctypes
    # the checklist is a Leitfaden too (its DOCX category says so)
    assert [r.file for r in filter_rows(list(rows.values()), "Hessen", "Leitfaden")] == [
        "checkliste_kooperation_starten.docx", leitfaden.file]
    assert len(filter_rows(list(rows.values()), texts.DOCS_ALL, None)) == len(rows)


@pytest.mark.slow
def test_index_job_runs_in_background_queues_reruns_and_records(make_settings, embed_model):
    import shutil
    import time

    from assistant.service import Assistant
    from assistant.ui.context import UiContext

    settings = make_settings()
    (settings.corpus_dir / "a.md").write_text("# A\n\nDer Zweckverband Nordheide betreibt ein Klärwerk.", encoding="utf-8")
    ctx = UiContext.create(Assistant(settings, embed_model), settings)

    def finished() -> None:
        deadline = time.monotonic() + 120
        while ctx.jobs.status().running:
            assert time.monotonic() < deadline, "Indexierung endet nicht"
            time.sleep(0.05)

    assert ctx.jobs.start()
    (settings.corpus_dir / "b.md").write_text("# B\n\nDie Gemeinde Südheide tritt bei.", encoding="utf-8")
    assert not ctx.jobs.start()  # already running: one more run follows, which sees b.md
    finished()
    assert ctx.jobs.status().error is None
    when, report = ctx.history.last_run()
    assert report.failed == [] and report.added + report.unchanged == 2
    assert {d["file"] for d in ctx.assistant.documents()} == {"a.md", "b.md"}
    assert set(ctx.history.indexed_at()) == {"a.md", "b.md"}

    shutil.rmtree(settings.corpus_dir)  # the indexer refuses a missing corpus (it would empty the index)
    assert ctx.jobs.start()
    finished()
    assert ctx.jobs.status().error.startswith("Die Indexierung ist fehlgeschlagen: Korpus-Ordner nicht gefunden")
    assert ctx.history.last_run()[0] == when  # a failed run does not replace the last report


def test_without_an_index_the_app_says_what_to_do(make_settings, embed_model):
    from assistant.service import Assistant
    from assistant.ui import chat
    from assistant.ui.context import UiContext
    from assistant.ui.document_table import document_rows

    settings = make_settings()
    ctx = UiContext.create(Assistant(settings, embed_model), settings)
    *_, (messages, sources, _, turns) = chat.respond(ctx, "Was ist ein Zweckverband?", [])
    assert messages[-1]["content"] == chat.escape_markdown(texts.NO_INDEX)
    assert turns[0]["answer"] is None and texts.SOURCES_NONE in sources
    assert chat.messages_of(turns)[-1]["content"] == messages[-1]["content"]  # stays when re-rendered
    assert document_rows(ctx) == []


# -- uploads (function level) --------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["../boese.md", "..\\boese.md", "/etc/cron.d/x.md", "C:\\temp\\x.md", "a/b.md", "~root.md", "x\x00.md"])
def test_upload_rejects_paths_in_names(name):
    with pytest.raises(UploadRejected, match="Pfadangaben"):
        safe_file_name(name)


@pytest.mark.parametrize("name", ["skript.exe", "seite.php", "ohne_endung", "bild.svg", "archiv.md.zip"])
def test_upload_rejects_types(name):
    with pytest.raises(UploadRejected, match="nicht erlaubt"):
        safe_file_name(name)


@pytest.mark.parametrize(("name", "safe"), [
    ("Satzung Zweckverband (Entwurf).PDF", "Satzung Zweckverband (Entwurf).pdf"),
    ("Übersicht Gemeinden.md", "Übersicht Gemeinden.md"),
    ("<b>alert(1)<b>.html", "b_alert(1)_b.html"),
    (".versteckt.md", "versteckt.md"),
    ("a;b|c$d.txt", "a_b_c_d.txt"),
])
def test_upload_names_are_sanitised(name, safe):
    assert safe_file_name(name) == safe


def test_upload_size_limit_and_storage(make_settings, tmp_path):
    settings = make_settings(max_file_mb=0.001)  # 1000 bytes
    with pytest.raises(UploadRejected, match=r"zu groß \(1 KB, erlaubt sind 1 KB\)"):
        check_upload("gross.md", 1001, settings)
    with pytest.raises(UploadRejected, match=r"\(12,3 MB, erlaubt sind 5,0 MB\)"):
        check_upload("gross.pdf", 12_300_000, make_settings(max_file_mb=5))
    with pytest.raises(UploadRejected, match="leer"):
        check_upload("leer.md", 0, settings)
    assert check_upload("klein.md", 1000, settings) == "klein.md"

    source = tmp_path / "upload-temp" / "klein.md"
    source.parent.mkdir()
    source.write_text("# Klein\n\nEin Satz.", encoding="utf-8")
    target, replaced = store_upload(source, "Klein Neu.md", settings)
    assert target == settings.corpus_dir.resolve() / "Klein Neu.md" and not replaced
    assert target.read_text(encoding="utf-8") == "# Klein\n\nEin Satz."
    assert store_upload(source, "Klein Neu.md", settings)[1] is True
    assert sorted(p.name for p in settings.corpus_dir.iterdir()) == ["Klein Neu.md"]  # no temp file left
    (settings.corpus_dir / "_meta.yaml").write_text("jurisdiction: Hessen\n", encoding="utf-8")
    assert not delete_corpus_file("_meta.yaml", settings)
    assert not delete_corpus_file("../upload-temp/klein.md", settings) and source.exists()
    assert delete_corpus_file("Klein Neu.md", settings) and not delete_corpus_file("Klein Neu.md", settings)
    assert [p.name for p in settings.corpus_dir.iterdir()] == ["_meta.yaml"]
    with pytest.raises(UploadRejected):
        store_upload(source, "../Klein.md", settings)
    assert not (settings.corpus_dir.parent / "Klein.md").exists()


def test_upload_handler_reports_each_file(make_settings, tmp_path):
    from assistant.ui import admin
    from assistant.ui.context import UiContext

    settings = make_settings(max_file_mb=0.001)
    ctx = UiContext.create(assistant=None, settings=settings)
    good, bad, big = tmp_path / "gut.md", tmp_path / "boese.exe", tmp_path / "gross.txt"
    good.write_text("# Gut\n\nText.", encoding="utf-8")
    bad.write_bytes(b"MZ")
    big.write_text("x" * 2000, encoding="utf-8")
    message, _ = admin.upload_files(ctx, [str(good), str(bad), str(big)], request=None)
    assert "„gut.md“" in message and "Neu indexieren" in message
    assert "Dateityp .exe ist nicht erlaubt" in message and "zu groß" in message
    assert [p.name for p in settings.corpus_dir.iterdir()] == ["gut.md"]


def test_sample_material_is_detected(make_settings):
    assert has_sample_material(make_settings(corpus_dir=REPO / "corpus"))
    assert not has_sample_material(make_settings())


# -- feedback -----------------------------------------------------------------------------------------

def test_feedback_round_trip_and_csv(tmp_path):
    store = FeedbackStore.in_index_dir(tmp_path / "index")
    assert store.entries() == [] and not store.path.exists()
    sources = [{"n": 1, "file": "a.md", "title": "Ä", "page": 3, "text": "Satz."}]
    first = store.add("Frage 1?", "Antwort [1]", sources, 1)
    second = store.add("=HYPERLINK(\"x\")", "Antwort 2", [], -1, "  erster Kommentar ")
    assert store.update(first, comment="Sehr hilfreich; danke") and store.update(second, rating=1)
    assert not store.update(999, comment="x")
    entries = store.entries()
    assert [(e.id, e.rating, e.comment) for e in entries] == [(first, 1, "Sehr hilfreich; danke"), (second, 1, "erster Kommentar")]
    assert entries[0].sources == sources and entries[0].created_at.endswith("+00:00")
    assert store.path == tmp_path / "index" / "feedback.sqlite3"

    rows = list(csv.reader(io.StringIO(store.to_csv()), delimiter=";"))
    assert rows[0] == ["id", "zeit", "bewertung", "kommentar", "frage", "antwort", "quellen"]
    assert rows[1][2:6] == ["hilfreich", "Sehr hilfreich; danke", "Frage 1?", "Antwort [1]"]
    assert json.loads(rows[1][6]) == sources
    assert rows[2][4].startswith("'=")  # a spreadsheet must not run it as a formula
    with pytest.raises(ValueError):
        store.add("q", "a", [], 0)


def test_feedback_store_is_thread_safe(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    errors: list[BaseException] = []

    def rate(worker: int) -> None:
        try:
            for i in range(20):
                store.update(store.add(f"Frage {worker}-{i}", "A", [], 1), comment=f"k{worker}")
        except BaseException as exc:  # collected, so the assertion below names it
            errors.append(exc)

    threads = [threading.Thread(target=rate, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    entries = store.entries()
    assert len(entries) == 120 and len({e.id for e in entries}) == 120
    assert all(e.comment for e in entries)


# -- login --------------------------------------------------------------------------------------------

def test_password_hashes_and_users_config(tmp_path):
    stored = hash_password("geheim-123")
    assert stored.startswith("scrypt$") and "geheim" not in stored
    assert verify_password("geheim-123", stored) and not verify_password("geheim-124", stored)
    assert not verify_password("x", "kein-hash")
    users = load_users(users_json(anna=("pw-anna", "admin"), ben=("pw-ben", "staff")))
    assert users["anna"].is_admin and not users["ben"].is_admin
    assert authenticate(users, "ben", "pw-ben") == users["ben"]
    assert authenticate(users, "ben", "pw-anna") is None and authenticate(users, "niemand", "pw-ben") is None
    assert "password_hash" not in repr(users["anna"])

    file = tmp_path / "users.yaml"
    file.write_text(f"carla:\n  password_hash: '{stored}'\n  role: admin\n", encoding="utf-8")
    assert load_users(str(file))["carla"].role == "admin"
    assert load_users(None) == {} and load_users("  ") == {}


@pytest.mark.parametrize(("spec", "message"), [
    ('{"anna": {"password_hash": "klartext-passwort", "role": "admin"}}', "kein gültiger Hash"),
    ('{"anna": {"password_hash": "x"', "kein gültiges JSON"),
    ("/gibt/es/nicht.json", "nicht gefunden"),
])
def test_bad_users_config_names_the_problem_without_the_secret(spec, message):
    with pytest.raises(UsersConfigError, match=message) as caught:
        load_users(spec)
    assert "klartext-passwort" not in str(caught.value)


def test_hash_password_command():
    result = subprocess.run(
        [sys.executable, "-m", "assistant.auth", "hash-password"], input="mein-passwort\n",
        capture_output=True, text=True, cwd=REPO, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert verify_password("mein-passwort", result.stdout.strip())
    assert "mein-passwort" not in result.stdout


@pytest.mark.slow
def test_login_protects_app_files_and_api(sample_assistant, caplog):
    from gradio_client import Client

    from assistant.ui.server import create_app

    from pydantic import SecretStr

    users = SecretStr(users_json(anna=("pw-anna-9", "admin"), ben=("pw-ben-9", "staff")))
    settings = sample_assistant.settings.model_copy(update={"users": users})
    with serve_app(create_app(sample_assistant, settings)) as url, httpx.Client(base_url=url) as http:
        start = http.get("")
        assert start.status_code == 303 and start.headers["location"] == "anmelden"
        assert "Benutzername" in http.get("anmelden").text
        assert http.get("files/leitfaden_ikz_formen_hessen.md").status_code == 401
        with pytest.raises(Exception):
            Client(url, verbose=False, analytics_enabled=False, download_files=False)

        wrong = http.post("anmelden", data={"username": "ben", "password": "falsch"})
        assert wrong.status_code == 401 and texts.LOGIN_FAILED in wrong.text
        ok = http.post("anmelden", data={"username": "ben", "password": "pw-ben-9"})
        assert ok.status_code == 303 and "ikz_session" in ok.cookies
        assert http.get("").status_code == 200
        assert http.get("files/leitfaden_ikz_formen_hessen.md").status_code == 200

        staff = Client(url, verbose=False, analytics_enabled=False, download_files=False,
                       headers={"Cookie": f"ikz_session={ok.cookies['ikz_session']}"})
        assert staff.predict(question=RECHTSFORMEN, api_name="/ask")["citations"]
        refused, _ = staff.predict(rel="leitfaden_ikz_formen_hessen.md", api_name="/delete_document")
        assert texts.NOT_ALLOWED in refused
        assert (sample_assistant.settings.corpus_dir / "leitfaden_ikz_formen_hessen.md").is_file()
        assert texts.NOT_ALLOWED in staff.predict(api_name="/reindex")[0]
        assert texts.NOT_ALLOWED in staff.predict(api_name="/feedback_csv")[1]

        http.get("abmelden")
        assert http.get("").status_code == 303
    assert "pw-ben-9" not in caplog.text and "scrypt$" not in caplog.text


# -- markup -------------------------------------------------------------------------------------------

def test_answer_markup_is_literal_with_citation_links():
    text = "Nach § 2 <b>KGG</b> *frei* [1] und [2, 3]."
    markup = chat_markdown(text, turn=4)
    assert "<b>" not in markup and "&lt;b&gt;" in markup and "\\*frei\\*" in markup
    assert markup.count('class="ikz-cite"') == 3
    assert 'href="#ikz-src-4-1"' in markup and 'href="#ikz-src-4-3"' in markup


def test_highlight_marks_cleaned_sentences_and_escapes():
    passage = "## Titel\n\nDer **Zweckverband** ist eine\nKörperschaft. <script>x()</script> Rest."
    marked = highlight(passage, ["Der Zweckverband ist eine Körperschaft."])
    assert "<mark>Der **Zweckverband** ist eine\nKörperschaft.</mark>" in marked
    assert "&lt;script&gt;x()&lt;/script&gt;" in marked and "<script>" not in marked
    assert highlight("a < b", ["fehlt"]) == "a &lt; b"


def test_passages_are_shown_as_plain_paragraphs():
    from assistant.ui.sources import display_text

    passage = "## § 3 Aufgaben\nDer Verband erfüllt\ndie Aufgaben.\n\n**Er kann:**\n1. Gebühren erheben,\n2. Satzungen erlassen."
    assert display_text(passage) == (
        "§ 3 Aufgaben\nDer Verband erfüllt die Aufgaben.\n\nEr kann:\n1. Gebühren erheben,\n2. Satzungen erlassen."
    )


def test_sources_panel_escapes_documents():
    citation = {
        "n": 2, "file": "ordner/<x>.pdf", "title": '<img src=x onerror="alert(1)">', "page": 7, "section": "§ 5",
        "text": "Satz eins. Satz zwei.", "jurisdiction": "Hessen", "doctype": "Satzung", "used_sentences": ["Satz zwei."],
    }
    html_text = panel_html([SourceGroup(0, "Erste?"), SourceGroup(1, "Zweite <i>?</i>", [citation])])
    assert "<img" not in html_text and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html_text
    assert 'id="ikz-src-1-2"' in html_text and "<mark>Satz zwei.</mark>" in html_text
    assert "S. 7" in html_text and "Land: Hessen" in html_text and "Typ: Satzung" in html_text
    assert 'href="files/ordner/%3Cx%3E.pdf#page=7"' in html_text
    assert html_text.index("Zweite") < html_text.index("Erste")  # newest first, earlier folded
    assert file_url("a b.md", 3) == "files/a%20b.md"


def test_export_markdown_for_a_vermerk():
    from datetime import datetime

    answer = {
        "question": "Was gilt?", "answer": "Es gilt X [1].", "abstained": False, "citations": [
            {"n": 1, "file": "f.pdf", "title": "Titel", "page": 2, "section": "§ 1", "text": "T",
             "used_sentences": ["Es gilt X."]},
        ],
    }
    markdown = answer_markdown(answer, datetime(2026, 3, 1, 9, 5))
    assert markdown.startswith("# Vermerk: Was gilt?")
    assert "01.03.2026, 09:05 Uhr" in markdown and "Es gilt X [1]." in markdown
    assert "[1] Titel (f.pdf · S. 2 · § 1)" in markdown and "> Es gilt X." in markdown


def test_land_selector_and_contact_footer(sample_assistant) -> None:
    """The Bundesland chosen next to the question box reaches the assistant; answers carry the contact."""
    from assistant.ui import chat
    from assistant.ui.context import UiContext
    from assistant.ui import texts as ui_texts

    settings = sample_assistant.settings.model_copy(update={"contact": "Kompetenzzentrum (Beispiel), Tel. 0611 000000"})
    ctx = UiContext.create(sample_assistant, settings)
    *_, (messages, _, _, turns) = chat.respond(ctx, "Was ist ein Zweckverband?", [], "Sachsen")
    assert turns[-1]["answer"]["jurisdiction"] == "Sachsen"
    assert "Kompetenzzentrum (Beispiel)" in messages[-1]["content"]
    *_, (_, _, _, turns) = chat.respond(ctx, "Was ist ein Zweckverband?", [], ui_texts.LAND_ALL)
    assert turns[-1]["answer"]["jurisdiction"] == "alle"
