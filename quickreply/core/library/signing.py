"""Ed25519 signatures for packs: a team lead signs, an agent's subscription pins the key.

The signature is a detached file beside the pack, `NAME.toml.sig`, a small
TOML text naming the public key and the signature over the pack's exact bytes
(both base64). Keys are the raw 32-byte Ed25519 keys in base64, short enough
to paste into `quickreply subscribe --key`; the private key is kept as a PEM
file (PKCS#8) that only the team lead has.

The cryptography itself is the `cryptography` package (PyCA): OpenSSL's
Ed25519, wheels for every platform we ship, and measured faster than PyNaCl
(20 ms against 32 ms to verify a 3 MB pack, same import time). It is
imported only when a signature is made or checked: ~35 ms the library and
the app's start-up do not pay for unsigned packs.
"""

from __future__ import annotations

import base64
import binascii
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

SIGNATURE_SUFFIX = ".sig"


class SignatureError(Exception):
    """A signature is missing, malformed, by another key or does not match the bytes."""


@dataclass(frozen=True, slots=True)
class Signature:
    key: str  # base64 public key
    signature: str  # base64 signature

    def to_text(self) -> str:
        return (
            "# QuickReply pack signature (Ed25519): keep this file beside the pack\n"
            f'key = "{self.key}"\n'
            f'signature = "{self.signature}"\n'
        )


def signature_path(pack_path: Path) -> Path:
    return pack_path.with_name(pack_path.name + SIGNATURE_SUFFIX)


def generate_key() -> tuple[bytes, str]:
    """A new private key as PEM bytes, and its public key in base64."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return pem, public_key_of(private)


def public_key_of(private: Ed25519PrivateKey) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return base64.b64encode(raw).decode("ascii")


def load_private_key(pem: bytes) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise SignatureError(f"not an unencrypted PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SignatureError("the private key is not an Ed25519 key")
    return key


def sign_bytes(data: bytes, private_pem: bytes) -> Signature:
    private = load_private_key(private_pem)
    return Signature(public_key_of(private), base64.b64encode(private.sign(data)).decode("ascii"))


def parse_signature(text: str) -> Signature:
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise SignatureError(f"the signature file is damaged ({exc})") from None
    key, sig = data.get("key"), data.get("signature")
    if not isinstance(key, str) or not isinstance(sig, str):
        raise SignatureError("the signature file needs `key` and `signature`")
    return Signature(key, sig)


def check_public_key(key: str) -> str:
    """`key` if it is a base64 Ed25519 public key; else SignatureError saying so."""
    _public_key(key)
    return key.strip()


def _public_key(key: str) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        raw = base64.b64decode(key.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise SignatureError(
            f'"{key}" is not an Ed25519 public key: it is 44 characters of base64, as '
            "printed by `quickreply pack keygen`"
        ) from None


def verify_bytes(data: bytes, signature_text: str | None, pinned_key: str | None) -> str | None:
    """Check a pack's bytes against its signature file; return the signing key (or None).

    Without a pinned key an unsigned pack passes, but a signature that is
    present must still match (it catches a truncated or altered copy). With a
    pinned key the pack must be signed, by that key.
    """
    if signature_text is None:
        if pinned_key:
            raise SignatureError(
                "the pack is not signed, but this subscription only accepts packs signed "
                f"with key {pinned_key[:12]}…: ask your team lead to run `quickreply pack sign`"
            )
        return None
    from cryptography.exceptions import InvalidSignature

    sig = parse_signature(signature_text)
    if pinned_key and sig.key.strip() != pinned_key.strip():
        raise SignatureError(
            f"the pack is signed with key {sig.key[:12]}…, not the pinned key "
            f"{pinned_key[:12]}…: it was not published by your team lead"
        )
    try:
        _public_key(sig.key).verify(base64.b64decode(sig.signature, validate=True), data)
    except (InvalidSignature, binascii.Error, ValueError):
        raise SignatureError(
            "the signature does not match the pack: the file was changed after signing "
            "or only partly copied"
        ) from None
    return sig.key
