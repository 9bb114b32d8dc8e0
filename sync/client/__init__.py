import sys

# httpx imports its command-line tool (click, pygments, rich) whenever they are installed: 0.4 s of every
# app start for a tool the app never runs. A None entry makes that import fail fast; httpx falls back.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
