"""The web app in a real browser (headless Debian Chromium via Playwright) against the real app.

One small corpus (the sample Leitfaden plus a document full of HTML/script payloads) is indexed
once for the module; the upload test adds and deletes its own file.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from assistant.feedback import FeedbackStore
from assistant.ui import texts
from conftest import REPO, SAMPLE_CORPUS
from ui_support import serve_app, users_json

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
WAIT_MS = 120_000  # the machine running the tests may be busy
ARTIFACTS = REPO / "test-artifacts"
RECHTSFORMEN = "Welche Rechtsformen gibt es für eine IKZ in Hessen?"

PAYLOAD_DOC = """---
title: "Prüfdokument <img src=x onerror=\\"window.__pwned='title'\\">"
jurisdiction: "Hessen"
doctype: "Sonstiges"
---

# Zweckverband Kalkmühle

Der Zweckverband Kalkmühle betreibt die gemeinsame Kläranlage der Gemeinden Obertal und Niedertal <script>window.__pwned='script'</script> seit dem Jahr 1987.

Die Verbandsumlage des Zweckverbands Kalkmühle richtet sich nach der Einwohnerzahl <img src=x onerror="window.__pwned='img'"> der Gemeinden ${window.__pwned='template'} {{constructor.constructor('window.__pwned=1')()}}.
"""

UPLOAD_DOC = """# Zweckverband Blauwiesental

Der Zweckverband Blauwiesental wurde am 3. März 2031 von den Gemeinden Lerchenau und Finkenbach gegründet.
Er betreibt gemeinsam das Wasserwerk Blauwiesental.
"""


@pytest.fixture(scope="module")
def ui_assistant(tmp_path_factory, embed_model):
    from assistant.service import Assistant
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("browser")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy2(SAMPLE_CORPUS / "leitfaden_ikz_formen_hessen.md", corpus)
    (corpus / "pruefdokument.md").write_text(PAYLOAD_DOC, encoding="utf-8")
    assistant = Assistant(Settings(corpus_dir=corpus, index_dir=root / "index"), embed_model)
    assert not assistant.index().failed
    return assistant


@pytest.fixture(scope="module")
def app_url(ui_assistant):
    from assistant.ui.server import create_app

    with serve_app(create_app(ui_assistant, ui_assistant.settings)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="de-DE", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    # Whatever a payload would do, it records here (alert included); nothing may set it.
    context.add_init_script("window.alert = () => { window.__pwned = 'alert'; };")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    yield page
    context.close()


def open_app(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_selector("#ikz-question textarea")


def ask(page, question: str) -> None:
    """Type a question, send it, and wait until its answer and final sources are shown."""
    turns = page.locator('#ikz-chat [data-testid="bot"]').count() + 1
    page.fill("#ikz-question textarea", question)
    page.click("#ikz-ask")
    page.wait_for_function(
        """(turns) => document.querySelectorAll('#ikz-chat [data-testid="bot"]').length === turns
            && document.querySelectorAll('#ikz-sources .ikz-group').length === turns
            && !document.querySelector('#ikz-sources .ikz-pending')""",
        arg=turns,
    )


def test_streamed_answer_and_citation_highlights_passage(page, app_url):
    open_app(page, app_url)
    expect(page.locator("#ikz-sample-hint")).to_contain_text("Beispielmaterial", timeout=WAIT_MS)
    # Record every state of the answer bubble, to see the answer arrive in steps.
    page.evaluate("""() => {
        window.__states = [];
        new MutationObserver(() => {
            const bots = document.querySelectorAll('#ikz-chat [data-testid="bot"]');
            const text = bots.length ? bots[bots.length - 1].innerText.trim() : '';
            if (text && window.__states[window.__states.length - 1] !== text) window.__states.push(text);
        }).observe(document.body, {subtree: true, childList: true, characterData: true});
    }""")
    page.locator("#ikz-chat button.example", has_text=RECHTSFORMEN).click()  # an example question
    page.wait_for_selector("#ikz-sources .ikz-for")
    states = page.evaluate("window.__states")
    assert states[0].startswith("Suche in den Unterlagen"), states
    answer = page.locator('#ikz-chat [data-testid="bot"]').last
    assert "[1]" in answer.inner_text() and len(states) >= 2

    last = answer.locator("a.ikz-cite").last  # by mouse
    last.click()
    target = last.get_attribute("href").lstrip("#")
    page.wait_for_function(f"document.getElementById('{target}').classList.contains('is-active')")
    page.evaluate("document.querySelectorAll('.ikz-source.is-active').forEach(el => el.classList.remove('is-active'))")
    cite = answer.locator("a.ikz-cite").first  # by keyboard: focus the marker, Enter
    target = cite.get_attribute("href").lstrip("#")  # the answer may lead with a passage ranked below [1]
    cite.focus()
    page.keyboard.press("Enter")
    card = page.locator(f"#{target}")
    page.wait_for_function(f"document.getElementById('{target}').classList.contains('is-active')")
    assert card.is_visible() and page.locator(".ikz-source.is-active").count() == 1
    marked = card.locator("mark")
    assert marked.count() >= 1
    first_marked = " ".join(marked.first.inner_text().split())
    assert first_marked[:30] in " ".join(answer.inner_text().split())  # the passage marks what the answer quotes
    assert card.locator(".ikz-badge-land").inner_text() == "Land: Hessen"
    assert card.locator(".ikz-badge-type").inner_text() == "Typ: Leitfaden"
    link = card.locator("a.ikz-open")
    assert link.get_attribute("href") == "files/leitfaden_ikz_formen_hessen.md"
    original = page.request.get(app_url + link.get_attribute("href"))
    assert original.ok and "Formen der interkommunalen Zusammenarbeit" in original.text()

    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "main-screen.png"), full_page=False)


def test_feedback_export_follow_up_and_reset(page, app_url, ui_assistant):
    open_app(page, app_url)
    ask(page, RECHTSFORMEN)
    answer = page.locator('#ikz-chat [data-testid="bot"]').last
    answer.hover()
    page.locator("#ikz-chat button[aria-label='Gefällt mir']").last.click()  # Gradio's label in a German browser
    page.fill("#ikz-feedback-comment textarea", "Gut belegt, danke.")
    page.click("#ikz-feedback-send")
    page.wait_for_selector(f"text={texts.FEEDBACK_SAVED}")
    entries = FeedbackStore.in_index_dir(ui_assistant.settings.index_dir).entries()
    assert entries[-1].rating == 1 and entries[-1].comment == "Gut belegt, danke."
    assert entries[-1].question == RECHTSFORMEN and entries[-1].sources

    with page.expect_download() as download_info:
        page.click("#ikz-download")
    exported = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert exported.startswith(f"# Vermerk: {RECHTSFORMEN}") and "## Quellen" in exported and "[1]" in exported
    page.click("#ikz-copy")
    page.wait_for_selector(f"text={texts.EXPORT_COPIED}")
    assert page.evaluate("navigator.clipboard.readText()") == exported

    ask(page, "Was ist ein Zweckverband?")  # a follow-up: the first answer's sources fold away
    assert page.locator("#ikz-sources details.ikz-earlier").count() == 1
    first_cite = page.locator('#ikz-chat [data-testid="bot"]').first.locator("a.ikz-cite").first
    target = first_cite.get_attribute("href").lstrip("#")
    assert target.startswith("ikz-src-0-")  # a card of the first answer
    first_cite.click()
    page.wait_for_function(f"document.getElementById('{target}').classList.contains('is-active')")
    assert page.locator("#ikz-sources details.ikz-earlier").get_attribute("open") is not None

    page.click("#ikz-reset")
    page.wait_for_selector("#ikz-chat button.example")
    assert page.locator('#ikz-chat [data-testid="bot"]').count() == 0
    assert texts.SOURCES_EMPTY in page.locator("#ikz-sources").inner_text()


def test_document_markup_is_shown_as_text_and_never_runs(page, app_url):
    open_app(page, app_url)
    ask(page, "Was betreibt der Zweckverband Kalkmühle?")
    sources = page.locator("#ikz-sources")
    card = sources.locator(".ikz-source", has_text="pruefdokument.md").first
    assert "<script>window.__pwned='script'</script>" in card.locator(".ikz-passage").inner_text()
    assert card.locator(".ikz-source-title").inner_text().startswith("Prüfdokument <img src=x onerror=")
    assert card.locator("img, script").count() == 0
    page.get_by_role("tab", name=texts.TAB_DOCUMENTS).click()
    expect(page.locator("#ikz-documents .virtual-row", has_text="pruefdokument.md")).to_contain_text("Prüfdokument <img")
    time.sleep(1)  # give any payload a chance to run
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#ikz-chat img[src='x'], #ikz-sources img, #ikz-documents img[src='x']").count() == 0


def test_upload_reindex_ask_and_delete(page, app_url, ui_assistant, tmp_path):
    upload = tmp_path / "Satzung Blauwiesental.md"
    upload.write_text(UPLOAD_DOC, encoding="utf-8")
    open_app(page, app_url)
    page.get_by_role("tab", name=texts.TAB_DOCUMENTS).click()
    page.wait_for_selector("#ikz-reindex")
    page.set_input_files("#ikz-upload input[type=file]", str(upload))
    page.wait_for_selector("#ikz-upload >> text=Satzung Blauwiesental.md")
    page.click("#ikz-upload-button")
    page.wait_for_selector("#ikz-admin-note >> text=Gespeichert")
    assert (ui_assistant.settings.corpus_dir / upload.name).read_text(encoding="utf-8") == UPLOAD_DOC
    row = page.locator("#ikz-documents .virtual-row", has_text=upload.name)  # the table renders rows as divs
    expect(row).to_contain_text(texts.DOCS_STATUS_PENDING, timeout=WAIT_MS)

    page.click("#ikz-reindex")
    page.wait_for_selector("#ikz-index-progress [role=progressbar], #ikz-index-report .ikz-report")
    expect(page.locator("#ikz-index-report")).to_contain_text(
        "1 neu, 0 geändert, 0 entfernt, 2 unverändert, 0 fehlerhaft", timeout=WAIT_MS
    )
    expect(row).to_contain_text(texts.DOCS_STATUS_OK, timeout=WAIT_MS)

    page.get_by_role("tab", name=texts.TAB_CHAT).click()
    ask(page, "Wann wurde der Zweckverband Blauwiesental gegründet?")
    assert "3. März 2031" in page.locator('#ikz-chat [data-testid="bot"]').last.inner_text()
    assert page.locator("#ikz-sources .ikz-source", has_text=upload.name).count() >= 1

    page.get_by_role("tab", name=texts.TAB_DOCUMENTS).click()
    page.once("dialog", lambda dialog: dialog.accept())
    choice = page.locator("#ikz-delete-choice input")
    choice.fill(upload.name)
    choice.press("Enter")
    page.click("#ikz-delete")
    page.wait_for_selector("#ikz-admin-note >> text=wurde gelöscht")
    page.wait_for_selector("#ikz-index-report >> text=1 entfernt")
    assert not (ui_assistant.settings.corpus_dir / upload.name).exists()
    assert upload.name not in {d["file"] for d in ui_assistant.documents()}


def test_login_required_and_document_actions_only_for_admins(browser, ui_assistant):
    from gradio_client import Client
    from pydantic import SecretStr

    from assistant.ui.server import create_app

    users = SecretStr(users_json(anna=("anna-pw-1", "admin"), ben=("ben-pw-1", "staff")))
    settings = ui_assistant.settings.model_copy(update={"users": users})
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    with serve_app(create_app(ui_assistant, settings)) as url:
        page.goto(url, wait_until="load")
        assert page.url.endswith("/anmelden")
        page.fill("#username", "ben")
        page.fill("#password", "falsch")
        page.click("button[type=submit]")
        page.wait_for_selector(f"text={texts.LOGIN_FAILED}")
        page.fill("#username", "ben")
        page.fill("#password", "ben-pw-1")
        page.click("button[type=submit]")
        page.wait_for_selector("#ikz-question textarea")
        page.wait_for_selector("text=Angemeldet als ben (Mitarbeitende)")
        page.get_by_role("tab", name=texts.TAB_DOCUMENTS).click()
        page.wait_for_selector(f"text={texts.ADMIN_ONLY_NOTE}")
        assert page.locator("#ikz-reindex").count() == 0 or not page.locator("#ikz-reindex").is_visible()

        # The buttons are hidden, but the server must refuse on its own: call the endpoints directly.
        cookie = next(c for c in context.cookies() if c["name"] == "ikz_session")
        staff = Client(url, verbose=False, analytics_enabled=False, download_files=False,
                       headers={"Cookie": f"ikz_session={cookie['value']}"})
        assert texts.NOT_ALLOWED in staff.predict(rel="leitfaden_ikz_formen_hessen.md", api_name="/delete_document")[0]
        assert texts.NOT_ALLOWED in staff.predict(api_name="/reindex")[0]
        assert (ui_assistant.settings.corpus_dir / "leitfaden_ikz_formen_hessen.md").is_file()
        anonymous = browser.new_context()
        assert anonymous.request.get(url + "files/leitfaden_ikz_formen_hessen.md").status == 401
        assert anonymous.request.get(url + "gradio_api/info").status == 401
        anonymous.close()

        page.click(f"text={texts.SIGN_OUT}")
        page.wait_for_selector("#username")
        page.fill("#username", "anna")
        page.fill("#password", "anna-pw-1")
        page.click("button[type=submit]")
        page.wait_for_selector("text=Angemeldet als anna (Administration)")
        page.get_by_role("tab", name=texts.TAB_DOCUMENTS).click()
        page.wait_for_selector("#ikz-reindex")
    context.close()
