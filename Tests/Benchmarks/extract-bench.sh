#!/usr/bin/env bash
# Extract benchmark: items per second on one core with the full default dictionary over a
# synthetic stream of 100,000 items (target >= 20,000 items/s), beside a reference pass that
# only lower-cases and splits the same text.
#
#   bash Tests/Benchmarks/extract-bench.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product chipwatch-bench-extract >/dev/null
"$(swift build -c release --show-bin-path)/chipwatch-bench-extract" feeds/dictionary.yaml "${1:-100000}"
