"""WhatsApp webhooks as Meta and the peer libraries write them: every fixture under
tests/fixtures/whatsapp is read into the Incoming it means; business-scoped user ids (BSUID)
keep users apart and follow a changed id; odd messages and odd bodies cost nothing else."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from bot.channels.whatsapp import parse_webhook, recipient_fields, render, to_incoming
from bot.conversation import Choice, Incoming, Kind, Reply
from bot.services import Services
from bot.storage.branches import seed_if_empty
from bot.storage.models import Contact, Conversation, DeliveryFailure
from tests.channels.test_whatsapp import (
    WA_ID,
    WhatsAppUser,
    body_text,
    fixture,
    post,
    sign,
    text_webhook,
)
from tests.conftest import SQLITE_ONLY
from tests.stubs.graph_api import PHONE_NUMBER_ID, GraphStub

PAYLOADS = Path(__file__).resolve().parents[1] / "fixtures" / "whatsapp"
FILES = sorted(PAYLOADS.glob("*/*.json"))
BSUID_A, BSUID_B = "US.13491208655302741918", "ID.20571839462015738264"
UNSUPPORTED_REPLY = "Terima kasih! Saya hanya bisa membaca teks."


def payload(name: str) -> dict[str, Any]:
    """A fixture's body, addressed to our business number."""
    body: dict[str, Any] = copy.deepcopy(json.loads((PAYLOADS / f"{name}.json").read_text()))
    webhook: dict[str, Any] = body["payload"]
    for entry in webhook["entry"]:
        for change in entry["changes"]:
            change["value"].setdefault("metadata", {})["phone_number_id"] = PHONE_NUMBER_ID
    return webhook


def messages(body: dict[str, Any]) -> list[dict[str, Any]]:
    return list(body["entry"][0]["changes"][0]["value"]["messages"])


def as_seen(incoming: Incoming) -> dict[str, Any]:
    """The fields of an Incoming a fixture's `expect` names."""
    seen: dict[str, Any] = {"kind": incoming.kind.value, "chat_id": incoming.chat_id}
    seen["phone"] = incoming.phone
    for name in ("text", "payload", "media"):
        if value := getattr(incoming, name):
            seen[name] = value
    if incoming.latitude is not None:
        seen["latitude"], seen["longitude"] = incoming.latitude, incoming.longitude
    return seen


def test_the_fixtures_are_there_with_their_origin() -> None:
    assert len([f for f in FILES if f.parent.name == "peers"]) >= 90
    for path in FILES:
        origin = json.loads(path.read_text())["origin"]
        assert origin.get("repository") or origin.get("url"), path.name


@pytest.mark.parametrize("path", FILES, ids=[f"{f.parent.name}/{f.stem}" for f in FILES])
def test_every_payload_is_read_as_it_means(path: Path) -> None:
    fixture_body = json.loads(path.read_text())
    expect = fixture_body["expect"]
    found = parse_webhook(fixture_body["payload"], None)
    assert [as_seen(incoming) for incoming in found.incomings] == expect["incomings"]
    assert [list(move) for move in found.moves] == expect.get("moves", [])
    failures = [[f.chat_id, f.code, f.message_id] for f in found.failures]
    assert failures == expect.get("failures", [])
    assert bool(found.incomings) != bool(expect.get("ignored")), "say why nothing is answered"
    for incoming in found.incomings:
        assert incoming.user_id == incoming.chat_id and incoming.message_id


# --- identity -------------------------------------------------------------------------


def username_text(text: str, wamid: str, bsuid: str) -> dict[str, Any]:
    """A message from a user who adopted a username: a BSUID, no phone number."""
    body = payload("meta/username_text")
    value = body["entry"][0]["changes"][0]["value"]
    value["contacts"][0]["user_id"] = bsuid
    value["messages"][0].update(id=wamid, text={"body": text})
    return body


def username_press(choice_id: str, wamid: str, bsuid: str) -> dict[str, Any]:
    body = username_text("", wamid, bsuid)
    message = messages(body)[0]
    del message["text"]
    message.update(
        type="interactive",
        interactive={"type": "button_reply", "button_reply": {"id": choice_id, "title": "x"}},
    )
    return body


def test_users_without_a_phone_number_keep_their_own_chats(
    bot: httpx.Client, graph: tuple[GraphStub, str], services: Services
) -> None:
    stub, _ = graph
    assert post(bot, username_text("halo", "wamid.a1", BSUID_A)) == 200
    assert post(bot, username_press("register", "wamid.a2", BSUID_A)) == 200
    consent = stub.sent[-1]
    assert "agree" in json.dumps(consent)  # A is asked to agree
    assert consent["recipient"] == BSUID_A and "to" not in consent
    # B presses "Setuju" (an old message's button): it is not A's consent.
    assert post(bot, username_press("agree", "wamid.b1", BSUID_B)) == 200
    to_b = stub.sent[-1]
    assert to_b["recipient"] == BSUID_B
    assert body_text(to_b).startswith("Tombol itu dari pesan sebelumnya.")
    with services.sessions() as session:
        chats = dict(session.execute(select(Conversation.chat_id, Conversation.state)).all())
    assert set(chats) == {BSUID_A, BSUID_B}
    assert chats[BSUID_A] != chats[BSUID_B]


def test_a_phone_keyed_chat_moves_to_the_bsuid(
    bot: httpx.Client, graph: tuple[GraphStub, str], services: Services
) -> None:
    stub, _ = graph
    assert post(bot, text_webhook("daftar", "wamid.p1")) == 200  # phone only, as before 2026
    with services.sessions() as session:
        before = session.execute(select(Conversation.id, Conversation.state)).one()
    body = text_webhook("halo", "wamid.p2")
    body["entry"][0]["changes"][0]["value"]["contacts"][0]["user_id"] = BSUID_A
    assert post(bot, body) == 200
    assert stub.sent[-1]["recipient"] == BSUID_A
    with services.sessions() as session:
        (moved,) = session.execute(select(Conversation.id, Conversation.chat_id)).all()
        assert moved == (before.id, BSUID_A)
        assert session.scalars(select(Contact.user_id)).all() == [BSUID_A]


def test_a_changed_bsuid_takes_the_chat_along(
    bot: httpx.Client, graph: tuple[GraphStub, str], services: Services
) -> None:
    stub, _ = graph
    assert post(bot, username_text("halo", "wamid.c1", BSUID_A)) == 200
    assert post(bot, username_press("register", "wamid.c2", BSUID_A)) == 200
    change = payload("meta/user_changed_user_id")
    system = messages(change)[0]["system"]
    system.update(previous_user_id=BSUID_A, user_id=BSUID_B)
    sent = len(stub.sent)
    assert post(bot, change) == 200
    assert len(stub.sent) == sent  # a notice, not a message to answer
    with services.sessions() as session:
        assert session.scalars(select(Conversation.chat_id)).all() == [BSUID_B]
        assert session.scalars(select(Contact.user_id)).all() == [BSUID_B]
    # The same user, under the new id, goes on with the consent they were asked for.
    assert post(bot, username_press("agree", "wamid.c3", BSUID_B)) == 200
    assert stub.sent[-1]["recipient"] == BSUID_B
    assert not body_text(stub.sent[-1]).startswith("Tombol itu dari pesan sebelumnya.")


def test_replies_are_addressed_by_phone_or_by_bsuid() -> None:
    assert recipient_fields(WA_ID) == {"to": WA_ID}
    assert recipient_fields(BSUID_A) == {"recipient": BSUID_A}
    (message,) = render(Reply("Halo", (Choice("menu", "Menu"),)), BSUID_A)
    assert message["recipient"] == BSUID_A and "to" not in message


def test_whether_the_phone_is_known_is_on_the_incoming() -> None:
    (with_phone,) = parse_webhook(payload("meta/bsuid_and_phone_text"), PHONE_NUMBER_ID).incomings
    assert (with_phone.chat_id, with_phone.phone) == (BSUID_A, "16505551234")
    (without,) = parse_webhook(payload("meta/username_text"), PHONE_NUMBER_ID).incomings
    assert (without.chat_id, without.phone) == (BSUID_A, None)
    press = username_press("wa:share_phone", "wamid.s1", BSUID_A)
    shared = to_incoming(messages(press)[0], press["entry"][0]["changes"][0]["value"]["contacts"])
    assert shared is not None and (shared.kind, shared.media) == (Kind.UNSUPPORTED, "contact")


# --- robustness -----------------------------------------------------------------------


def test_one_malformed_message_does_not_cost_its_neighbour(
    bot: httpx.Client, graph: tuple[GraphStub, str]
) -> None:
    stub, _ = graph
    body = text_webhook("halo", "wamid.ok")
    good = messages(body)[0]
    bad = {k: v for k, v in good.items() if k != "text"}
    bad.update(id="wamid.bad", type="location", location={"latitude": "utara", "longitude": 1})
    body["entry"][0]["changes"][0]["value"]["messages"] = [bad, good]
    assert post(bot, body) == 200
    (menu,) = stub.sent
    assert menu["to"] == WA_ID and body_text(menu).startswith("Halo!")


@pytest.mark.parametrize(
    "junk",
    [
        b"[]",
        b'"entry"',
        b'{"object": "whatsapp_business_account"}',
        b'{"entry": "x"}',
        b'{"entry": [{"changes": {"field": "messages"}}]}',
        b'{"entry": [{"changes": [{"field": "messages", "value": []}]}]}',
        b'{"entry": [{"changes": [{"field": "messages", "value": {"messages": {"a": 1}}}]}]}',
        b'{"entry": [[1, 2]]}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"entry": [\xff]}',
    ],
    ids=lambda raw: raw[:40].decode("latin-1"),
)
@SQLITE_ONLY  # refused before the engine: no database is read
def test_signed_junk_is_a_bad_request(
    bot: httpx.Client, graph: tuple[GraphStub, str], junk: bytes
) -> None:
    headers = {"X-Hub-Signature-256": sign(junk), "Content-Type": "application/json"}
    assert bot.post("/webhooks/whatsapp", content=junk, headers=headers).status_code == 400
    assert graph[0].sent == []


@pytest.mark.parametrize(
    "name",
    [
        "peers/pywa__flow_completion__completion",
        "peers/pywa__call_permission_update__accept",
        "meta/payment_method",
        "peers/pywa__message__interactive_message_with_err",
    ],
)
def test_interactive_replies_we_cannot_read_are_answered_kindly(
    bot: httpx.Client, graph: tuple[GraphStub, str], name: str
) -> None:
    assert post(bot, payload(name)) == 200
    (reply,) = graph[0].sent
    assert body_text(reply).startswith(UNSUPPORTED_REPLY)


def test_an_interactive_message_without_its_reply_is_answered_kindly(
    bot: httpx.Client, graph: tuple[GraphStub, str]
) -> None:
    body = text_webhook("", "wamid.i1")
    message = messages(body)[0]
    del message["text"]
    message.update(type="interactive", interactive={"type": "button_reply"})
    assert post(bot, body) == 200
    (reply,) = graph[0].sent
    assert body_text(reply).startswith(UNSUPPORTED_REPLY)


def test_an_edit_is_read_as_its_new_text_and_a_deletion_is_ignored(
    bot: httpx.Client, graph: tuple[GraphStub, str]
) -> None:
    stub, _ = graph
    revoke = payload("peers/pywa__deleted_message__revoke")
    messages(revoke)[0].update(**{"from": "16505551234", "id": "wamid.revoke"})
    assert post(bot, revoke) == 200
    assert stub.sent == []
    assert post(bot, payload("meta/edited_text")) == 200  # the text was edited into "menu"
    (menu,) = stub.sent
    assert body_text(menu).startswith("Apa yang ingin Anda lakukan?")


def test_a_first_time_user_opening_the_chat_is_greeted(
    bot: httpx.Client, graph: tuple[GraphStub, str]
) -> None:
    assert post(bot, payload("meta/request_welcome")) == 200
    (welcome,) = graph[0].sent
    assert body_text(welcome).startswith("Halo! Saya asisten BPJS Ketenagakerjaan")


def test_group_messages_are_not_answered(
    bot: httpx.Client, graph: tuple[GraphStub, str], services: Services
) -> None:
    assert post(bot, payload("meta/group_text")) == 200
    assert graph[0].sent == []
    with services.sessions() as session:
        assert session.scalars(select(Conversation)).all() == []


def test_a_failed_status_sent_again_is_recorded_once(
    bot: httpx.Client, graph: tuple[GraphStub, str], services: Services
) -> None:
    failed = fixture("webhook_status")
    status = failed["entry"][0]["changes"][0]["value"]["statuses"][0]
    status.update(status="failed", errors=[{"code": 131047, "title": "Re-engagement message"}])
    assert post(bot, failed) == 200
    assert post(bot, failed) == 200
    other = copy.deepcopy(failed)
    other["entry"][0]["changes"][0]["value"]["statuses"][0]["id"] = "wamid.another"
    assert post(bot, other) == 200
    with services.sessions() as session:
        rows = session.execute(select(DeliveryFailure.chat_id, DeliveryFailure.message_id)).all()
    assert sorted(rows) == sorted([(WA_ID, status["id"]), (WA_ID, "wamid.another")])


def test_ids_up_to_256_characters_are_kept_whole(
    bot: httpx.Client, graph: tuple[GraphStub, str], services: Services
) -> None:
    long_id = "ID.ENT." + "7" * 249
    assert post(bot, username_text("halo", "wamid.long", long_id)) == 200
    assert graph[0].sent[-1]["recipient"] == long_id
    with services.sessions() as session:
        assert session.scalars(select(Conversation.chat_id)).all() == [long_id]
        assert session.scalars(select(Contact.user_id)).all() == [long_id]
    too_long = long_id + "7"
    assert post(bot, username_text("halo", "wamid.longer", too_long)) == 200  # skipped, not a 500
    assert len(graph[0].sent) == 1


def shared(kind: str, wamid: str) -> dict[str, Any]:
    """Siti sharing her location or a contact card, in the shapes of pywa's payloads."""
    body = text_webhook("", wamid)
    message = messages(body)[0]
    del message["text"]
    peer = messages(payload(f"peers/pywa__message__{kind}"))[0]
    message.update(type=peer["type"], **{peer["type"]: peer[peer["type"]]})
    return body


def test_a_location_or_a_card_mid_form_is_no_answer_and_the_question_waits(
    bot: httpx.Client, graph: tuple[GraphStub, str], services: Services
) -> None:
    """Before, a form step took them as a wrong answer: "Maaf, saya kurang menangkap jawabannya",
    a miss counted, and a NIK waiting for its yes was dropped."""
    with services.sessions.begin() as session:
        seed_if_empty(session)
    siti = WhatsAppUser(bot, graph[0])
    siti.say("daftar")
    siti.press("agree")
    card = siti._post(shared("contacts", "wamid.card"))
    assert body_text(card[0]).startswith("Terima kasih, tetapi saya tidak memerlukan kartu kontak")
    assert "Ketik nama lengkap Anda" in body_text(card[-1])
    siti.say("siti aminah")
    siti.say("5103065508950002")
    place = siti._post(shared("current_location", "wamid.place"))
    assert body_text(place[0]).startswith("Terima kasih, tetapi saya tidak memerlukan lokasi Anda")
    assert "lahir 15 Agustus 1995, perempuan. Benar?" in body_text(place[-1])
    assert "0857" in siti.press("nik_yes")  # the NIK kept its confirmation
    with services.sessions() as session:
        conversation = session.scalars(select(Conversation)).one()
    assert conversation.state == "registration.phone"
    assert "_misses" not in conversation.data["registration"]


def test_a_name_with_invisible_or_broken_characters_is_stored_clean(
    bot: httpx.Client, graph: tuple[GraphStub, str], services: Services
) -> None:
    """Right-to-left marks, zero-width spaces and a lone surrogate (an emoji cut in half) are
    dropped; a stack of combining marks is refused with a reason, not stored to garble exports."""
    siti = WhatsAppUser(bot, graph[0])
    siti.say("daftar")
    siti.press("agree")
    refused = siti.say("Si" + "\u0301" * 6 + "ti Aminah")
    assert refused.startswith("Ketik nama Anda dengan huruf saja, sesuai KTP")
    asked = siti.say("\u202esiti\u200b ami\ud800nah\u200f\ufeff")
    assert asked.startswith("Ketik NIK Anda")
    with services.sessions() as session:
        conversation = session.scalars(select(Conversation)).one()
    assert conversation.data["registration"]["name"] == "Siti Aminah"


def captioned(kind: str, caption: str, wamid: str) -> dict[str, Any]:
    """Siti sending a photo, video or document with a caption, in the shapes of pywa's payloads."""
    body = shared(kind, wamid)
    media = messages(body)[0][kind]
    media["caption"] = caption
    return body


@pytest.mark.parametrize("kind", ["image", "video", "document"])
def test_a_picture_or_file_captioned_with_a_question_gets_its_answer(
    kind: str, bot: httpx.Client, graph: tuple[GraphStub, str]
) -> None:
    """Before, only "Maaf, saya belum bisa membaca gambar atau berkas. Silakan ketik pesan Anda."
    and the question in the caption went unanswered."""
    siti = WhatsAppUser(bot, graph[0])
    said = siti._post(captioned(kind, "iuran jkk jkm berapa sebulan?", f"wamid.{kind}"))
    first = body_text(said[0])
    assert first.startswith("Maaf, saya belum bisa membaca gambar atau berkas, jadi saya jawab")
    assert "Iuran pekerja mandiri (BPU) sebulan" in first
    assert "Silakan ketik pesan Anda" not in first


def test_a_picture_without_a_caption_is_still_told_it_is_not_read(
    bot: httpx.Client, graph: tuple[GraphStub, str]
) -> None:
    siti = WhatsAppUser(bot, graph[0])
    said = siti._post(shared("image", "wamid.bare"))
    assert body_text(said[0]).startswith(
        "Maaf, saya belum bisa membaca gambar atau berkas. Silakan"
    )
