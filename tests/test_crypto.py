"""NIK encryption and the keyed dedupe hash."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.crypto import Crypto, InvalidToken

KEY = "k" * 40


def test_round_trip_and_a_fresh_ciphertext_each_time() -> None:
    crypto = Crypto(KEY)
    first, second = crypto.encrypt("5103061508950001"), crypto.encrypt("5103061508950001")
    assert first != second and b"5103061508950001" not in first
    assert crypto.decrypt(first) == crypto.decrypt(second.decode("ascii")) == "5103061508950001"


def test_the_hash_is_stable_keyed_and_not_a_plain_sha256() -> None:
    import hashlib

    a, b = Crypto(KEY), Crypto("x" * 40)
    assert a.hash("5103061508950001") == Crypto(KEY).hash("5103061508950001")
    assert a.hash("5103061508950001") != b.hash("5103061508950001")
    assert a.hash("5103061508950001") != hashlib.sha256(b"5103061508950001").hexdigest()
    assert len(a.hash("5103061508950001")) == 64


def test_another_key_or_a_changed_token_cannot_decrypt() -> None:
    token = Crypto(KEY).encrypt("5103061508950001")
    with pytest.raises(InvalidToken):
        Crypto("x" * 40).decrypt(token)
    tampered = token[:-5] + (b"A" if token[-5:-4] != b"A" else b"B") + token[-4:]
    with pytest.raises(InvalidToken):
        Crypto(KEY).decrypt(tampered)


def test_a_short_key_is_refused_and_never_shown() -> None:
    with pytest.raises(ValueError):
        Crypto("short")
    assert KEY not in repr(Crypto(KEY))


@given(st.text(max_size=64))
def test_any_text_round_trips(plain: str) -> None:
    crypto = Crypto(KEY)
    assert crypto.decrypt(crypto.encrypt(plain)) == plain
