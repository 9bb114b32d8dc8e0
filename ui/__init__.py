"""The desktop app's windows (PySide6); the core is reached through `ui.ops`."""

from ui import qt_sources

qt_sources.install()  # before the rest of the app is imported: see ui/qt_sources.py
