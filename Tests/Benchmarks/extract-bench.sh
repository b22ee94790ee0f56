#!/usr/bin/env bash
# Extract benchmark: items per second on one core with the full default dictionary over a
# synthetic stream of 100,000 items (target >= 20,000 items/s), beside a reference pass that
# only lower-cases and splits the same text; then `chipwatch extract-text` on the same items as
# JSON lines (the command: reading, extracting, writing JSON, items spread over every core;
# target >= 10,000 items/s), best of 3, and the same command held to one core (taskset).
#
#   bash Tests/Benchmarks/extract-bench.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product chipwatch-bench-extract >/dev/null
swift build -c release --product chipwatch >/dev/null
bin=$(swift build -c release --show-bin-path)
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
"$bin/chipwatch-bench-extract" feeds/dictionary.yaml "${1:-100000}" "$lines"
python3 - "$bin/chipwatch" "$lines" <<'PY'
import subprocess, sys, time
chipwatch, lines = sys.argv[1:3]
count = sum(1 for _ in open(lines))
best = None
for _ in range(3):
    start = time.time()
    with open(lines, "rb") as source:
        subprocess.run([chipwatch, "extract-text", "--config", "feeds/chipwatch.yaml"], stdin=source, stdout=subprocess.DEVNULL, check=True)
    best = min(best or 1e9, time.time() - start)
import os, shutil
cores = len(os.sched_getaffinity(0))
print("  chipwatch extract-text (JSON in and out)  %10.0f items/s  (target >= 10000; %d cores)" % (count / best, cores))
if shutil.which("taskset") and cores > 1:
    best = None
    for _ in range(3):
        start = time.time()
        with open(lines, "rb") as source:
            subprocess.run(["taskset", "-c", "0", chipwatch, "extract-text", "--config", "feeds/chipwatch.yaml"], stdin=source,
                           stdout=subprocess.DEVNULL, check=True)
        best = min(best or 1e9, time.time() - start)
    print("  chipwatch extract-text on one core       %10.0f items/s" % (count / best))
PY
