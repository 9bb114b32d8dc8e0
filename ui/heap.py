"""The garbage collector's full passes walk every object the program holds. Once the main window is up
that is several hundred thousand (Qt wrappers, SQLAlchemy, pydantic, the window's own), and a full pass
stopped the window for 100–250 ms at a time during a sync (bench/ui_stall_bench.py, measured with
`gc.callbacks`). What exists at that point lives as long as the app, so it is moved out of the collector's
sight: later full passes walk only what came after.
"""

from __future__ import annotations

import gc


def hold() -> None:
    """At start, until the main window shows: loading the app makes hundreds of thousands of objects and
    almost no garbage (about 800 objects), yet the collector ran over them again and again (7 % of the
    import time, more when the machine is busy)."""
    gc.disable()


def resume() -> None:
    gc.enable()


def settle() -> None:
    """Call once the main window shows (the collector runs again from here on)."""
    gc.freeze()
    gc.enable()
