"""Pinning a ward hub's own certificate (see sync/hub/tls.py).

At enrollment the PC fetches the hub's certificate, checks its SHA-256 fingerprint against the one IT staff
read out beside the enrollment code, and keeps the certificate. From then on it talks to that hub only over
TLS trusting exactly that certificate, so the device token never travels in clear and a look-alike hub on
the LAN is refused. A hub with a certificate from a public authority (the city hub) needs no pin.
"""

from __future__ import annotations

import ssl
from urllib.parse import urlsplit

from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.secrets import load_secret, store_secret
from sync.hub.tls import fingerprint

MSG_MISMATCH = QT_TRANSLATE_NOOP(
    "core",
    "Dấu vân tay chứng chỉ của máy chủ không khớp với mã CNTT cung cấp: có thể đã kết nối nhầm máy. Chưa đăng ký.",
)
MSG_UNREACHABLE = QT_TRANSLATE_NOOP("core", "Không lấy được chứng chỉ của máy chủ {host}: {reason}")


def pin_name(hub_url: str) -> str:
    return f"pinned_cert:{hub_url.rstrip('/')}"


def normalise(print_: str) -> str:
    """Fingerprints typed with or without colons, spaces or lower case."""
    hexdigits = "".join(ch for ch in print_.upper() if ch in "0123456789ABCDEF")
    return ":".join(hexdigits[i : i + 2] for i in range(0, len(hexdigits), 2))


def fetch_certificate(hub_url: str, timeout: float = 5.0) -> str:
    parts = urlsplit(hub_url)
    host, port = parts.hostname or "", parts.port or 443
    try:
        return ssl.get_server_certificate((host, port), timeout=timeout)
    except OSError as exc:
        raise ValidationError(MSG_UNREACHABLE, "hub_url", host=host, reason=type(exc).__name__) from None


def pin(hub_url: str, expected_fingerprint: str) -> str:
    """Fetch, check and keep the hub's certificate; returns its fingerprint."""
    pem = fetch_certificate(hub_url)
    actual = fingerprint(pem)
    if normalise(expected_fingerprint) != actual:
        raise ValidationError(MSG_MISMATCH, "fingerprint")
    store_secret(pin_name(hub_url), pem)
    return actual


def verify_for(hub_url: str) -> ssl.SSLContext | bool:
    """What httpx verifies this hub's certificate against: the pinned one, else the system's authorities."""
    if not hub_url.startswith("https://"):
        return True
    pem = load_secret(pin_name(hub_url))
    if pem is None:
        return True
    context = ssl.create_default_context(cadata=pem)
    context.check_hostname = False  # the pin is the exact certificate: stronger than a name on a LAN
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    return context
