"""An encrypted meeting package: opens with its passphrase only, and any change to the file
is told apart from a wrong passphrase."""

from __future__ import annotations

import base64
import json

import pytest
from package_support import export_bytes, new_database, row_counts, small_meeting

from visitation_app.domain.package_paths import PackageError
from visitation_app.services.meeting_package_import import import_package
from visitation_app.services.meeting_package_parse import needs_passphrase
from visitation_app.services.package_crypto import (
    PackageDamagedError,
    PackagePassphraseError,
    decrypt_package,
    encrypt_package,
)

PASSPHRASE = "kaffe og kringle 2026"


@pytest.fixture(scope="module")
def sealed(tmp_path_factory) -> tuple[bytes, bytes]:
    """A package unencrypted and the same package encrypted."""
    folder = tmp_path_factory.mktemp("sealed")
    db = new_database(folder, "source.db")
    small = small_meeting(db)
    plain = export_bytes(db, small.meeting_id, folder)
    locked = export_bytes(db, small.meeting_id, folder, passphrase=PASSPHRASE)
    db.close()
    return plain, locked


def test_the_encrypted_file_hides_the_personal_data(sealed):
    plain, locked = sealed
    text = locked.decode("ascii")
    for secret in ("Åse", "Ørum", "010150", "Rådhuset", "Birthe"):
        assert secret not in text
    envelope = json.loads(locked)
    assert envelope["format"] == "visitation-meeting-package-encrypted"
    assert envelope["kdf"]["name"] == "scrypt" and envelope["cipher"] == "AES-256-GCM"
    assert needs_passphrase(locked) and not needs_passphrase(plain)


def test_round_trip_with_the_passphrase(sealed, db, tmp_path):
    plain, locked = sealed
    report = import_package(db, locked, PASSPHRASE)
    assert report.new_meeting
    assert export_bytes(db, report.meeting_id, tmp_path) == plain


def test_a_wrong_passphrase_is_said_plainly_and_nothing_is_stored(sealed, db):
    _plain, locked = sealed
    before = row_counts(db)
    with pytest.raises(PackagePassphraseError, match="ikke den, pakken blev krypteret med"):
        import_package(db, locked, "forkert adgangsudtryk")
    with pytest.raises(PackagePassphraseError, match="angiv dens adgangsfrase"):
        import_package(db, locked, None)
    assert row_counts(db) == before


def _tampered(locked: bytes, change) -> bytes:
    envelope = json.loads(locked)
    change(envelope)
    return json.dumps(envelope).encode("ascii")


def _flip_ciphertext(envelope):
    data = bytearray(base64.b64decode(envelope["ciphertext"]))
    data[len(data) // 2] ^= 0x01
    envelope["ciphertext"] = base64.b64encode(bytes(data)).decode("ascii")


@pytest.mark.parametrize(
    "change",
    [
        _flip_ciphertext,
        lambda e: e.update(nonce=base64.b64encode(b"\x00" * 12).decode("ascii")),
        lambda e: e.update(comment="added later"),
        lambda e: e["kdf"].update(n=2**40),
        lambda e: e.update(ciphertext="not base64!"),
        lambda e: e.pop("passphrase_check"),
    ],
    ids=["ciphertext", "nonce", "extra field", "huge scrypt cost", "garbage", "no check"],
)
def test_a_changed_file_is_called_damaged_not_a_wrong_passphrase(sealed, db, change):
    _plain, locked = sealed
    before = row_counts(db)
    with pytest.raises(PackageDamagedError, match="beskadiget eller ændret"):
        import_package(db, _tampered(locked, change), PASSPHRASE)
    assert row_counts(db) == before


def test_a_newer_encryption_version_asks_for_an_update(sealed):
    envelope = json.loads(sealed[1]) | {"version": 7}
    with pytest.raises(PackageError, match="nyere version"):
        decrypt_package(envelope, PASSPHRASE)


def test_a_short_passphrase_is_refused():
    with pytest.raises(PackagePassphraseError, match="mindst 8 tegn"):
        encrypt_package(b"{}", "kort")


def test_two_encryptions_of_the_same_package_differ(sealed):
    plain, _locked = sealed
    assert encrypt_package(plain, PASSPHRASE) != encrypt_package(plain, PASSPHRASE)
