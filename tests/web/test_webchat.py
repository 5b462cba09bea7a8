"""The web chat over real HTTP: uvicorn on a free port, a browser-like client with cookies."""

from __future__ import annotations

import httpx
import pytest

from tests.web.conftest import post


def test_page_is_a_mobile_friendly_indonesian_chat(base_url: str) -> None:
    page = httpx.get(base_url + "/")
    assert page.status_code == 200
    assert '<meta name="viewport"' in page.text
    assert 'lang="id"' in page.text and "Asisten BPJS Ketenagakerjaan" in page.text
    assert 'id="english"' not in page.text
    english = httpx.get(base_url + "/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert 'lang="id"' in english.text and "Asisten BPJS Ketenagakerjaan" in english.text
    assert '<button id="english" type="button" lang="en">English</button>' in english.text


def test_an_english_phone_starts_in_indonesian_and_may_switch(base_url: str) -> None:
    headers = {"Accept-Language": "en-US,en;q=0.9"}
    with httpx.Client(base_url=base_url, headers=headers) as client:
        assert str(post(client, {"start": True, "id": "m1"})[0]["text"]).startswith("Halo!")
        switched = post(client, {"choice": "language", "id": "m2"})
        assert "I will now write in English." in str(switched[0]["text"])


def test_a_reloaded_chat_shows_its_recent_replies(base_url: str) -> None:
    with httpx.Client(base_url=base_url) as client:
        assert client.get("/chat/history").json() == {"replies": []}  # a new visitor
        post(client, {"start": True, "id": "m1"})
        programs = post(client, {"text": "1", "id": "m2"})
        shown = client.get("/chat/history").json()["replies"]
        assert str(shown[0]["text"]).startswith("Halo!")
        assert shown[-len(programs) :] == programs
    with httpx.Client(base_url=base_url) as stranger:
        assert stranger.get("/chat/history").json() == {"replies": []}


def test_a_conversation_keeps_its_chat_through_the_cookie(base_url: str) -> None:
    with httpx.Client(base_url=base_url) as client:
        greeting = post(client, {"start": True, "id": "m1"})
        assert str(greeting[0]["text"]).startswith("Halo!")
        menu = greeting[-1]
        assert "1. Info program" in str(menu["text"])  # numbered lines on the web
        assert menu["choices"][0] == {"id": "programs", "label": "Info program"}  # type: ignore[index]
        programs = post(client, {"text": "1", "id": "m2"})
        assert "lima program" in str(programs[0]["text"])
        page = post(client, {"choice": "program:jht", "id": "m3"})
        assert "JHT" in str(page[0]["text"])
        assert post(client, {"choice": "program:jht", "id": "m3"}) == page  # a retried request
        back = post(client, {"text": "kembali", "id": "m4"})
        assert "lima program" in str(back[0]["text"])

    with httpx.Client(
        base_url=base_url
    ) as stranger:  # no cookie: a new chat, nothing to go back to
        assert str(post(stranger, {"text": "kembali"})[0]["text"]).startswith(
            "Apa yang ingin Anda lakukan?"
        )


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"nothing": 1}'])
def test_malformed_requests_get_400(base_url: str, body: bytes) -> None:
    response = httpx.post(
        base_url + "/chat/messages", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400


def test_healthz(base_url: str) -> None:
    assert httpx.get(base_url + "/healthz").json() == {"status": "ok"}
