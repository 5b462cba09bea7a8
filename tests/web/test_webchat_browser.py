"""The web chat page in headless Chromium: what a person sees after reloading it."""

from __future__ import annotations

from typing import Any


def _bubbles(page: Any) -> list[tuple[str, str]]:
    return [
        ("me" if "me" in (el.get_attribute("class") or "").split() else "bot", el.inner_text())
        for el in page.query_selector_all("#log .msg")
    ]


def test_a_reloaded_chat_shows_both_sides(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "/")
    page.wait_for_selector("#log .msg.bot")
    page.fill("#text", "apa itu jkm?")
    page.press("#text", "Enter")
    page.locator("#log .msg.bot").nth(2).wait_for()
    page.click("#log .choices button >> nth=0")  # a button the answer offered
    page.locator("#log .msg.me").nth(1).wait_for()
    page.wait_for_timeout(500)
    before = _bubbles(page)
    assert ("me", "apa itu jkm?") in before and sum(who == "me" for who, _ in before) == 2
    buttons = page.locator("#log .choices").last.inner_text()

    page.reload()
    page.wait_for_selector("#log .msg.me")
    assert _bubbles(page) == before, "the person's messages and the bot's, in order"
    assert page.locator("#log .choices").count() == 1, "only the last buttons"
    assert page.locator("#log .choices").last.inner_text() == buttons

    fresh = browser.new_page()  # another tab: no transcript there, the bot's recent replies
    fresh.goto(base_url + "/")
    fresh.wait_for_selector("#log .msg.bot")
    assert all(who == "bot" for who, _ in _bubbles(fresh))


def _stored(page: Any) -> str:
    return str(page.evaluate("() => sessionStorage.getItem('chat-transcript') || ''"))


def test_erasure_clears_the_tabs_transcript(browser: Any, base_url: str) -> None:
    """UU PDP: after "hapus data saya" the tab keeps nothing of the erased conversation."""
    page = browser.new_page()
    page.goto(base_url + "/")
    page.wait_for_selector("#log .msg.bot")
    page.fill("#text", "apa itu jkm?")
    page.press("#text", "Enter")
    page.locator("#log .msg.bot").nth(2).wait_for()
    answer = page.locator("#log .msg.bot").nth(2).inner_text()

    page.fill("#text", "hapus data saya")
    page.press("#text", "Enter")
    page.get_by_role("button", name="Tidak, simpan data saya").click()
    page.get_by_text("Tidak ada yang dihapus.").wait_for()
    page.reload()
    page.wait_for_selector("#log .msg.me")
    assert ("me", "apa itu jkm?") in _bubbles(page), "kept: nothing was deleted"

    page.fill("#text", "hapus data saya")
    page.press("#text", "Enter")
    page.get_by_role("button", name="Ya, hapus semua").click()
    page.get_by_text("Selesai. Saya sudah menghapus").wait_for()
    page.wait_for_timeout(300)
    shown = _bubbles(page)
    assert [who for who, _ in shown] == ["bot"], "the screen shows the deletion's reply only"
    assert "apa itu jkm" not in _stored(page) and answer[:40] not in _stored(page)

    page.reload()
    page.get_by_text("Selesai. Saya sudah menghapus").wait_for()
    assert _bubbles(page) == shown, "a reload shows nothing of the erased conversation"

    fresh = browser.new_page()  # another tab reads the chat's recent replies from the server
    fresh.goto(base_url + "/")
    fresh.get_by_text("Selesai. Saya sudah menghapus").wait_for()
    assert _bubbles(fresh) == shown
