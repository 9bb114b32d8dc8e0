"""`counter-app`: start the desktop app."""

from __future__ import annotations

import sys


def main() -> int:
    from ui.app import run

    return run(sys.argv)
