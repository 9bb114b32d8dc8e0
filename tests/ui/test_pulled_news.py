"""Pulled changes reach the windows at once, but a history pull's stream of pages does not make every open
list re-read the database for each page (ui/pulled_news.py)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.context import Bus
from ui.pulled_news import PulledNews


def test_news_goes_out_at_once_then_at_most_once_per_interval(qtbot: QtBot) -> None:
    bus = Bus()
    heard: list[str] = []
    bus.data_changed.connect(heard.append)
    news = PulledNews(bus, interval_ms=300)
    news({"ticket"})
    assert heard == ["ticket"]  # a live sync's one page: no delay
    for entity in ("ticket", "dossier", "ticket", "citizen"):  # a history pull: pages in quick succession
        news({entity})
    assert heard == ["ticket"]
    qtbot.waitUntil(lambda: len(heard) == 4, timeout=2000)
    assert heard[1:] == ["citizen", "dossier", "ticket"]  # once each, every entity the pages touched
    qtbot.wait(400)
    assert len(heard) == 4
    news({"ticket"})  # quiet for longer than the interval: at once again
    assert heard[-1] == "ticket" and len(heard) == 5
