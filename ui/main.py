"""`counter-app`: start the desktop app."""

from __future__ import annotations

import sys


def main() -> int:
    from ui.app import run

    return run(sys.argv)


if __name__ == "__main__":  # the packaged build (build.spec) runs this file as its script
    sys.exit(main())
