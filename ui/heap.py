"""The garbage collector's full passes walk every object the program holds. Once the main window is up
that is several hundred thousand (Qt wrappers, SQLAlchemy, pydantic, the window's own), and a full pass
stopped the window for 100–250 ms at a time during a sync (bench/ui_stall_bench.py, measured with
`gc.callbacks`). What exists at that point lives as long as the app, so it is moved out of the collector's
sight: later full passes walk only what came after.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Call once the main window shows."""
    gc.freeze()
