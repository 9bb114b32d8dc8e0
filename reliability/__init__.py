"""The project's own reliability harness, run on demand (`python -m reliability --help`).

Each test is a function that takes its size and returns its figures, so the same code runs
hundreds of kills or thousands of operations on demand and a small smoke of itself in the
normal suite (tests/reliability/). Figures and how to run: docs/RELIABILITY.md.
"""
