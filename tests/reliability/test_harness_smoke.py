"""A small run of each harness test (`python -m reliability …` runs them at full size): the same
code, a few kills, a few dozen operations, a few storage rounds; every invariant still checked."""

from __future__ import annotations

from pathlib import Path

from reliability import kill, network, storage


def test_kill_smoke(tmp_path: Path) -> None:
    figures = kill.run(3, tmp_path, seed=7)
    assert figures.kills == 3 and figures.reported_ops > 0
    assert figures.ok, figures
    assert figures.hub_ops >= figures.reported_ops


def test_network_smoke(tmp_path: Path) -> None:
    figures = network.run(80, tmp_path, seed=7, restart_every=6)
    assert figures.ops >= 80 and figures.hub_restarts >= 1 and sum(figures.faults.values()) > 0
    assert figures.ok, figures


def test_storage_smoke(tmp_path: Path) -> None:
    figures = storage.run(4, tmp_path, seed=7)
    assert figures.refused["disk full"] == 4 and figures.writes_after_recovery >= 4
    assert figures.ok, figures.problems
