"""The website chat page in real headless Chromium: keyboard only, axe-core, safety, reloads."""

import sqlite3
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright

from tests.conftest import missing

CHROMIUM = Path("/usr/bin/chromium")
RESULTS = Path(__file__).resolve().parents[1] / "results"
# No network but loopback: no sign-in, sync, updates or QUIC.
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        missing("Debian's chromium (/usr/bin/chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, assistant) -> Page:
    context = browser.new_context(base_url=assistant.base_url, locale="en-GB")
    opened = context.new_page()
    opened.goto("/chat")
    expect(bot_messages(opened).first).to_contain_text("automated assistant", timeout=30000)
    yield opened
    context.close()


def bot_messages(page: Page):
    return page.locator("#conversation .message--bot")


def tab_to(page: Page, selector: str, presses: int = 40) -> None:
    """Presses Tab until the element is focused, as a keyboard user would."""
    for _ in range(presses):
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} could not be reached with the Tab key")


def test_keyboard_only_conversation_answers_and_reply_buttons_work(page: Page):
    tab_to(page, "#message")
    before = bot_messages(page).count()
    page.keyboard.type("can i get direct payments for my mum")
    page.keyboard.press("Enter")
    expect(bot_messages(page).nth(before)).to_contain_text("direct payment", ignore_case=True, timeout=30000)
    before = bot_messages(page).count()

    tab_to(page, "#replies button")
    focused = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    expect(page.locator("#conversation .message--you").last).to_have_text(f"You said:{focused}")
    expect(bot_messages(page)).to_have_count(before + 1, timeout=30000)
    # Focus is visible: the GOV.UK yellow focus colour on the focused control.
    tab_to(page, "#talk-to-person")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert outline == "rgb(255, 221, 0)"


def test_axe_finds_no_wcag_2_2_a_or_aa_problems(page: Page):
    page.locator("#message").fill("what is a carer's assessment")
    page.keyboard.press("Enter")
    expect(page.locator("#replies button").first).to_be_visible(timeout=30000)
    for path in ("/chat", "/chat/accessibility", "/chat/privacy"):
        if path != "/chat":
            page.goto(path)
        results = Axe().run(
            page,
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
            },
        )
        assert results.violations_count == 0, f"{path}: {results.generate_report()}"


def test_typed_html_is_shown_as_text_and_never_run(page: Page):
    attack = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script><b>bold</b>'
    page.locator("#message").fill(attack)
    page.keyboard.press("Enter")
    mine = page.locator("#conversation .message--you").last
    expect(mine).to_contain_text("<script>window.pwned=2</script>")
    expect(bot_messages(page).last).not_to_be_empty(timeout=30000)
    assert page.evaluate("window.pwned") is None
    assert page.locator("#conversation img, #conversation script, #conversation b").count() == 0


def test_reload_keeps_the_conversation_and_the_resident(page: Page, assistant):
    greeting = bot_messages(page).count()
    page.locator("#message").fill("how do I ask for a needs assessment")
    page.keyboard.press("Enter")
    expect(bot_messages(page).nth(greeting)).to_contain_text("assessment", ignore_case=True, timeout=30000)
    page.wait_for_load_state("networkidle")
    before = bot_messages(page).all_inner_texts()
    token = session_token(page)
    page.reload()
    expect(page.locator("#conversation .message--you")).to_contain_text(["needs assessment"])
    assert session_token(page) == token, "the same conversation, kept by the server's cookie"
    assert bot_messages(page).all_inner_texts() == before, "the same answers, shown again after a reload"


def session_token(page: Page):
    """The chat page's conversation cookie, as the browser holds it (None if there is none)."""
    from bot.server.channels.rest import SESSION_COOKIE

    cookies = [c for c in page.context.cookies() if c["name"] == SESSION_COOKIE]
    if not cookies:
        return None
    assert cookies[0]["httpOnly"] and cookies[0]["sameSite"] == "Strict"
    return cookies[0]["value"]


def test_the_page_never_holds_its_conversation_id_and_its_transcript_expires_with_the_cookie(page: Page):
    page.locator("#message").fill("my name is Margaret Hill")
    page.keyboard.press("Enter")
    expect(bot_messages(page).last).to_contain_text("noted your name", timeout=30000)
    token = session_token(page)
    stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert token and token not in stored and token not in page.evaluate("document.cookie")
    assert "frontDoor.sender" not in stored
    page.evaluate("localStorage.setItem('frontDoor.expires', '0')")  # as if the cookie's life had passed
    page.reload()
    expect(bot_messages(page).first).not_to_be_empty(timeout=30000)
    expect(page.locator("#conversation")).not_to_contain_text("Margaret")


def test_empty_message_shows_a_gov_uk_error_and_sends_nothing(page: Page):
    count = page.locator("#conversation .message").count()
    page.locator("#chat-form button[type=submit]").click()
    expect(page.locator("#message-error")).to_be_visible()
    expect(page.locator("#message")).to_have_attribute("aria-invalid", "true")
    assert page.locator("#conversation .message").count() == count


def test_at_200_percent_text_the_message_box_and_help_stay_usable(browser, assistant):
    # 200% zoom on a 1280-pixel screen is a 640-pixel-wide page at twice the size.
    context = browser.new_context(
        base_url=assistant.base_url, viewport={"width": 640, "height": 480}, device_scale_factor=2
    )
    page = context.new_page()
    page.goto("/chat")
    expect(bot_messages(page).first).to_be_visible(timeout=30000)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    box = page.locator("#message")
    box.scroll_into_view_if_needed()
    expect(box).to_be_visible()
    assert box.bounding_box()["width"] <= 640
    assert page.evaluate("document.documentElement.scrollWidth") <= 640, "the page scrolls sideways"
    greeting = bot_messages(page).count()
    box.fill("who do i contact")
    page.keyboard.press("Enter")
    expect(bot_messages(page).nth(greeting)).to_contain_text("Thurrock First", timeout=30000)
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "chat-200-percent.png"), full_page=True)
    context.close()


def test_screenshot_of_a_conversation(page: Page):
    greeting = bot_messages(page).count()
    page.locator("#message").fill("what can I spend a direct payment on")
    page.keyboard.press("Enter")
    expect(bot_messages(page).nth(greeting)).to_contain_text(
        "direct payment", ignore_case=True, timeout=30000
    )
    RESULTS.mkdir(exist_ok=True)
    shot = RESULTS / "chat.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def send(page: Page, text: str):
    """Types and sends a message; waits until every reply is on the page and returns their texts."""
    before = bot_messages(page).count()
    with page.expect_response(lambda r: "/webhooks/rest/webhook" in r.url, timeout=30000) as answered:
        page.locator("#message").fill(text)
        page.keyboard.press("Enter")
    replies = [m["text"] for m in answered.value.json() if m.get("text")]
    expect(bot_messages(page)).to_have_count(before + len(replies), timeout=30000)
    return replies


def test_easy_read_button_switches_answers(page: Page):
    standard = send(page, "what is a direct payment")[0]
    with page.expect_response(lambda r: "/webhooks/rest/webhook" in r.url, timeout=30000):
        page.locator("#easy-read").click()
    expect(page.locator("#easy-read")).to_have_attribute("aria-pressed", "true")
    easy = send(page, "what is a direct payment")[0]
    assert easy != standard
    assert bot_messages(page).filter(has_text=easy.splitlines()[0]).count() == 1, "shown on the page"
    sentences = [s for s in easy.replace("\n", ".").split(".") if s.strip()]
    assert max(len(s.split()) for s in sentences) <= 16


def test_read_aloud_plays_the_speech_channels_audio(page: Page):
    audio_requests = []
    page.on(
        "request",
        lambda request: (
            audio_requests.append(request.url) if "/webhooks/speech/audio/" in request.url else None
        ),
    )
    page.locator("#read-aloud").click()
    page.locator("#speech-rate").select_option("slow")
    page.locator("#message").fill("what is a direct payment")
    with page.expect_response(lambda r: "/webhooks/speech/audio/" in r.url, timeout=30000) as heard:
        page.keyboard.press("Enter")
    assert heard.value.status == 200
    assert heard.value.headers["content-type"].startswith("audio/wav")


def test_unknown_chat_paths_are_not_served(assistant):
    for path in ("/chat/../credentials.yml", "/chat/index.html.bak", "/chat/web.py"):
        assert assistant.http.get(path).status_code == 404
    page = assistant.http.get("/chat")
    assert "01375 511 000" in page.text and "{{" not in page.text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_delete_this_conversation_forgets_it_in_the_browser_and_the_assistant(page: Page, assistant):
    page.locator("#message").fill("my name is Margaret Hill")
    page.keyboard.press("Enter")
    expect(bot_messages(page).last).to_contain_text("noted your name", timeout=30000)
    from bot.server.channels.rest import web_conversation

    old_conversation = web_conversation(session_token(page))
    page.locator("#delete-conversation").click()
    expect(page.locator("#replies button").first).to_have_text("Yes, delete everything", timeout=30000)
    page.locator("#replies button").first.click()
    expect(bot_messages(page).last).to_contain_text("deleted everything", timeout=30000)
    assert session_token(page) is None, "the cookie is cleared: the next message starts afresh"
    assert "Margaret" not in page.evaluate("localStorage.getItem('frontDoor.transcript')")
    page.reload()
    expect(page.locator("#conversation")).not_to_contain_text("Margaret")
    with sqlite3.connect(assistant.tracker_db) as db:
        assert (
            db.execute("select count(*) from events where sender_id = ?", (old_conversation,)).fetchone()[0]
            == 0
        )
