"""The hub's own TLS certificate, for a ward hub reached over the ward's LAN.

A ward has no public name for a certificate authority to vouch for, so the hub makes its own (EC P-256,
ten years) and IT staff read its SHA-256 fingerprint out with the enrollment code; the PC pins that
fingerprint when it enrolls (sync/client/pinning.py) and trusts nothing else for that hub. The private key
never leaves the hub's folder and is owner-only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
import socket
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

VALID_FOR = dt.timedelta(days=3650)


def certificate_paths(folder: Path) -> tuple[Path, Path]:
    return folder / "hub-cert.pem", folder / "hub-key.pem"


def ensure_certificate(folder: Path, names: list[str] | None = None) -> tuple[Path, Path]:
    """The hub's certificate and key, made on first use."""
    cert_path, key_path = certificate_paths(folder)
    if cert_path.exists() and key_path.exists():
        return cert_path, key_path
    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    hosts = names or [socket.gethostname(), "localhost", "127.0.0.1"]
    alt: list[x509.GeneralName] = []
    for host in hosts:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            alt.append(x509.DNSName(host))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Ward Counter hub {hosts[0]}")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + VALID_FOR)
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)  # its own trust anchor
        .sign(key, hashes.SHA256())
    )
    key_bytes = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key_bytes)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


def fingerprint(pem: str | bytes) -> str:
    """SHA-256 of the certificate (DER), as IT staff read it: 32 hex pairs joined by colons."""
    cert = x509.load_pem_x509_certificate(pem.encode() if isinstance(pem, str) else pem)
    digest = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))
