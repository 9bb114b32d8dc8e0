"""`counter-hub`: the hub's command line (serve, enroll, devices, status)."""

from __future__ import annotations


def main() -> int:
    raise SystemExit("counter-hub: not built yet")
