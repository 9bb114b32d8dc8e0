"""Stop PySide6 from keeping the source of every module the app imports.

PySide6 (its `__feature__` support) looks at each module imported after it for the word "PySide6", with
`inspect.getsource`: that reads the whole source file and keeps it in `linecache` for the life of the
process. At start that is every module of SQLAlchemy, pydantic, httpx… (about 800 files, 12 million
characters): some 30 MB of resident memory and a tenth of a second, for nothing. The same test on the
file's bytes, not cached, gives PySide6 the same answer.
"""

from __future__ import annotations

import sys
from types import ModuleType


def uses_pyside(module: ModuleType) -> bool:
    """What PySide6 asks: does this module's source mention PySide6 (then its features may apply)?"""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # compiled modules: PySide6's own check finds no source there either
    try:
        with open(path, "rb") as f:
            return b"PySide6" in f.read()
    except OSError:
        return False


def install() -> bool:
    """Replace PySide6's check; False (nothing changed) when this PySide6 has no such hook."""
    import PySide6  # noqa: F401  # loads shiboken's import hook, which this replaces

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
