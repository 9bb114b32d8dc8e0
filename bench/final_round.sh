#!/usr/bin/env bash
# The targets of issue 13 one after another (about 13 minutes): the figures of "Where the targets stand" in docs/PERFORMANCE.md.
cd "$(dirname "$0")/.."
export WARD_TEST_PG_PORT=${WARD_TEST_PG_PORT:-55450} WARD_TEST_PG_URL=$(scripts/test-postgres start)
run() { echo; echo "### $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) :: $*"; timeout 900 .venv/bin/python "$@" 2>&1 | tail -12; echo "### end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"; }
git log --oneline -1
run bench/hub_push_bench.py --ops 100000 --backends sqlite,postgresql
run bench/ui_stall_bench.py --runs 3
run bench/hub_load.py --devices 1000 --model storm --batch 50 --limit-s 180 --timeline
run bench/hub_load.py --devices 1000 --model storm --limit-s 180 --timeline
run bench/hub_load.py --devices 1000 --model storm --batch 50 --no-spread --limit-s 180
run bench/hub_load.py --devices 1000 --model day --hour 120 --limit-s 240 --timeline
run bench/start_bench.py --runs 7 --sizes 1000000
run bench/search_bench.py --sizes 1000000
