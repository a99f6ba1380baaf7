"""A meeting package locked with a passphrase: scrypt turns the passphrase into a key, and
AES-256-GCM encrypts the package and detects any change to the file.

The envelope is JSON (every binary value in base64):

    {"format": "visitation-meeting-package-encrypted", "version": 1, "cipher": "AES-256-GCM",
     "kdf": {"name": "scrypt", "salt": ..., "n": 32768, "r": 8, "p": 1},
     "passphrase_check": ..., "nonce": ..., "ciphertext": ...}

scrypt gives 64 bytes: the first 32 are the AES key, the last 32 are stored as
`passphrase_check`, so a wrong passphrase is told apart from a damaged or altered file
(checking it costs an attacker as much as trying a decryption). Everything but the
ciphertext is bound to it as associated data, so no field can be changed unnoticed.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from visitation_app.domain.package_format import ENCRYPTED_FORMAT, ENCRYPTED_VERSION
from visitation_app.domain.package_paths import PackageError
from visitation_app.i18n import _

CIPHER = "AES-256-GCM"
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSPHRASE = 8
# scrypt needs 128·n·r bytes of memory: a file may not ask for more than this.
MAX_SCRYPT_MEMORY = 256 * 1024 * 1024
_KEY_BYTES = 32


class PackagePassphraseError(PackageError):
    """No passphrase, a wrong one, or one too weak to encrypt with."""


class PackageDamagedError(PackageError):
    """The encrypted file is damaged or was changed after it was written."""


def passphrase_problem(passphrase: str) -> str | None:
    """Why `passphrase` cannot lock a package, or None when it can."""
    if len(passphrase) < MIN_PASSPHRASE:
        return _("The passphrase must be at least {count} characters long.").format(
            count=MIN_PASSPHRASE
        )
    return None


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    material = Scrypt(salt=salt, length=2 * _KEY_BYTES, n=n, r=r, p=p).derive(
        passphrase.encode("utf-8")
    )
    return material[:_KEY_BYTES], material[_KEY_BYTES:]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _associated(envelope: dict[str, Any]) -> bytes:
    header = {key: value for key, value in envelope.items() if key != "ciphertext"}
    return json.dumps(header, sort_keys=True, ensure_ascii=True).encode("ascii")


def encrypt_package(plaintext: bytes, passphrase: str) -> bytes:
    """The encrypted envelope of `plaintext`, as the bytes of a JSON file."""
    problem = passphrase_problem(passphrase)
    if problem:
        raise PackagePassphraseError(problem)
    salt, nonce = os.urandom(16), os.urandom(12)
    key, check = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    envelope: dict[str, Any] = {
        "format": ENCRYPTED_FORMAT,
        "version": ENCRYPTED_VERSION,
        "cipher": CIPHER,
        "kdf": {"name": "scrypt", "salt": _b64(salt), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P},
        "passphrase_check": _b64(check),
        "nonce": _b64(nonce),
    }
    envelope["ciphertext"] = _b64(AESGCM(key).encrypt(nonce, plaintext, _associated(envelope)))
    text = json.dumps(envelope, ensure_ascii=True, indent=2, sort_keys=True) + "\n"
    return text.encode("ascii")


def is_encrypted_envelope(document: object) -> bool:
    return isinstance(document, dict) and document.get("format") == ENCRYPTED_FORMAT


def _damaged() -> PackageDamagedError:
    return PackageDamagedError(
        _(
            "The encrypted package is damaged or was changed after it was written, so it "
            "cannot be opened. Ask for the package to be sent again."
        )
    )


def _binary(envelope: dict[str, Any], *path: str) -> bytes:
    value: Any = envelope
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, str):
        raise _damaged()
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise _damaged() from None


def _parameters(kdf: Any) -> tuple[int, int, int]:
    if not isinstance(kdf, dict) or kdf.get("name") != "scrypt":
        raise _damaged()
    n, r, p = kdf.get("n"), kdf.get("r"), kdf.get("p")
    numbers = (n, r, p)
    if not all(isinstance(x, int) and not isinstance(x, bool) and x >= 1 for x in numbers):
        raise _damaged()
    if n < 2 or n & (n - 1) or r > 32 or p > 16 or 128 * n * r > MAX_SCRYPT_MEMORY:
        raise _damaged()
    return n, r, p


def decrypt_package(envelope: dict[str, Any], passphrase: str) -> bytes:
    """The package inside an encrypted envelope (already read as JSON)."""
    version = envelope.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > ENCRYPTED_VERSION:
        raise PackageError(
            _(
                "The package was encrypted by a newer version of the program (version "
                "{version}). Update the program to open it."
            ).format(version=version)
        )
    if version != ENCRYPTED_VERSION or envelope.get("cipher") != CIPHER:
        raise _damaged()
    n, r, p = _parameters(envelope.get("kdf"))
    salt = _binary(envelope, "kdf", "salt")
    check = _binary(envelope, "passphrase_check")
    nonce = _binary(envelope, "nonce")
    ciphertext = _binary(envelope, "ciphertext")
    if len(salt) < 8 or len(nonce) != 12 or len(check) != _KEY_BYTES:
        raise _damaged()
    if not passphrase:
        raise PackagePassphraseError(_("The package is encrypted: give its passphrase."))
    key, expected = _derive(passphrase, salt, n, r, p)
    if not hmac.compare_digest(check, expected):
        raise PackagePassphraseError(
            _("The passphrase is not the one the package was encrypted with.")
        )
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, _associated(envelope))
    except InvalidTag:
        raise _damaged() from None
