"""Hypothesis profiles for the reliability tests: a smoke in the normal suite, more on demand.

`WARD_HYPOTHESIS_PROFILE=long` (set by `python -m reliability hypothesis`/`fuzz`) runs each
property many more times; see docs/RELIABILITY.md."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]}
settings.register_profile("smoke", max_examples=15, **_COMMON)  # type: ignore[arg-type]
settings.register_profile("long", max_examples=int(os.environ.get("WARD_HYPOTHESIS_EXAMPLES", "400")), **_COMMON)  # type: ignore[arg-type]
settings.load_profile(os.environ.get("WARD_HYPOTHESIS_PROFILE", "smoke"))
