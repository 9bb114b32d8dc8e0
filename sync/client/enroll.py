"""Enrolling this PC with the hub: a one-time code from IT staff becomes the device token."""

from __future__ import annotations

import asyncio

from counter_app.secrets import load_secret, store_secret
from counter_app.settings import check_hub_url
from sync.client import pinning
from sync.client.transport import OFF_LOOP, HubClient
from sync.protocol import EnrollResponse


def token_name(hub_url: str) -> str:
    """One token per hub: IT staff enroll a PC with the primary and with the backup hub."""
    return f"device_token:{hub_url.rstrip('/')}"


async def enroll(hub_url: str, code: str, device_name: str, fingerprint: str = "") -> EnrollResponse:
    """Exchange the code; the token goes to the keyring (or the owner-only file), never to settings.
    Plain http:// is refused (ValidationError) unless the hub is this PC: the token would go in clear.
    A ward hub's certificate fingerprint (read out beside the code) is checked and pinned first."""
    check_hub_url(hub_url)
    if fingerprint.strip():
        await asyncio.get_running_loop().run_in_executor(OFF_LOOP, pinning.pin, hub_url, fingerprint)
    client = HubClient(hub_url, None)
    try:
        answer = await client.enroll(code, device_name)
    finally:
        await client.close()
    store_secret(token_name(hub_url), answer.token)
    return answer


def device_token(hub_url: str) -> str | None:
    return load_secret(token_name(hub_url))
