#!/usr/bin/env bash
# Workers benchmark (issue 17): parse and extract throughput with 1, 2 and 4 worker processes
# sharing one PostgreSQL store, beside one process on the SQLite store, in one run on one machine.
#
#   bash Tests/Benchmarks/workers-bench.sh [ITEMS]      (default 10000 items, 100 a feed)
#
# Generated chip-news feeds (scale-feeds.py: about 2 KB an item) are served on loopback and
# fetched once into each store (fetch is not timed). Then, per setup, the parse stage and the
# extract stage are timed from the start of the first worker to the end of the last; each
# worker is `chipwatch parse` / `chipwatch extract` as `run` starts it, and they claim rows with
# FOR UPDATE SKIP LOCKED. Printed: items per second, and the ratio to one PostgreSQL worker and
# to the SQLite process. On 2 cores, 2 workers should come close to twice one; 4 workers cannot
# be faster than 2 on 2 cores (the figure shows what contention costs). The server runs on the
# same machine and takes its share of the cores: a reader compares within one run.
# Uses the server in $CHIPWATCH_TEST_POSTGRES (a folder from .ci/postgres) or starts its own.
set -euo pipefail
cd "$(dirname "$0")/../.."
items=${1:-10000}
feeds=$(( (items + 99) / 100 ))
swift build -c release --product chipwatch >/dev/null
bin=$(swift build -c release --show-bin-path)/chipwatch
work=$(mktemp -d)
chmod 755 "$work"
own_pg=""
cleanup() {
  kill "$server_pid" 2>/dev/null || true
  [ -n "$own_pg" ] && bash .ci/postgres stop "$own_pg" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

pg=${CHIPWATCH_TEST_POSTGRES:-}
if [ -z "$pg" ]; then
  own_pg="$work/pg"
  mkdir -p "$own_pg" && chmod 755 "$own_pg"
  bash .ci/postgres start "$own_pg" >/dev/null
  pg=$own_pg
fi
port=$(cat "$pg/port")
password=$(cat "$pg/password")
printf '%s\n' "$password" > "$work/pg-password"
psql_() { PGOPTIONS=--client-min-messages=warning PGPASSWORD=$password psql -h "$pg" -p "$port" -U chipwatch -AtqX -v ON_ERROR_STOP=1 "$@"; }

mkdir -p "$work/feeds"
python3 Tests/Benchmarks/scale-feeds.py "$work/feeds" 1 "$feeds"
python3 Tests/IntegrationTests/Support/feed_server.py "$work/feeds" > "$work/port" &
server_pid=$!
for _ in $(seq 50); do grep -q PORT "$work/port" 2>/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$(awk '{print $2}' "$work/port")/files"
{ echo "feeds:"; for i in $(seq 1 "$feeds"); do printf '  - {id: f%d, url: "%s/feed-%d.xml", tier: 2}\n' "$i" "$base" "$i"; done; } \
  > "$work/feeds.yaml"
cp feeds/dictionary.yaml feeds/confidence.yaml "$work/"
common="feeds: feeds.yaml
dictionary: dictionary.yaml
fetch: {concurrency: 16, per_host: 16, allow_private_networks: true, timeout_seconds: 120}"
printf '%s\n' "$common" > "$work/sqlite.yaml"

# timed LABEL WORKERS CONFIG STATE STAGE: runs WORKERS processes of STAGE at once; prints the
# wall seconds from the first start to the last end; any failure stops the benchmark.
timed() {
  local label=$1 workers=$2 config=$3 state=$4 stage=$5
  python3 - "$label" "$workers" "$bin" "$config" "$state" "$stage" <<'PY'
import subprocess, sys, time
label, workers, binary, config, state, stage = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
start = time.time()
procs = [subprocess.Popen([binary, "--config", config, "--state-dir", state, "--log-level", "error", stage],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(workers)]
for p in procs:
    out, err = p.communicate()
    if p.returncode != 0:
        sys.exit("workers-bench: %s failed (%d): %s" % (label, p.returncode, err.decode()[-2000:]))
print("%.3f" % (time.time() - start))
PY
}

declare -A parse_rate extract_rate
# SQLite, one process (run starts one of each).
"$bin" --config "$work/sqlite.yaml" --state-dir "$work/sqlite" --log-level error fetch --force >/dev/null
total=$(python3 -c "import re,glob; print(sum(len(re.findall('<item>', open(f).read())) for f in glob.glob('$work/feeds/*.xml')))")
s=$(timed sqlite-parse 1 "$work/sqlite.yaml" "$work/sqlite" parse)
parse_rate[sqlite]=$(python3 -c "print($total / $s)")
s=$(timed sqlite-extract 1 "$work/sqlite.yaml" "$work/sqlite" extract)
extract_rate[sqlite]=$(python3 -c "print($total / $s)")

for workers in 1 2 4; do
  db="bench_$workers"
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  config="$work/pg-$workers.yaml"
  printf '%s\nstore:\n  url: postgres://chipwatch@localhost:%s/%s?host=%s\n  password_file: %s\n' \
    "$common" "$port" "$db" "$pg" "$work/pg-password" > "$config"
  "$bin" --config "$config" store migrate >/dev/null
  "$bin" --config "$config" --state-dir "$work/pg-state-$workers" --log-level error fetch --force >/dev/null
  s=$(timed "pg-parse-$workers" "$workers" "$config" "$work/pg-state-$workers" parse)
  parse_rate[$workers]=$(python3 -c "print($total / $s)")
  s=$(timed "pg-extract-$workers" "$workers" "$config" "$work/pg-state-$workers" extract)
  extract_rate[$workers]=$(python3 -c "print($total / $s)")
  # Each row once: every item parsed and extracted, none twice (the unique keys would refuse it).
  counted=$(psql_ -d "$db" -c "SELECT COUNT(*) FROM items WHERE extract_state = 'done'")
  [ "$counted" = "$total" ] || { echo "workers-bench: $workers workers: $counted of $total items extracted" >&2; exit 1; }
done

echo "workers benchmark: $total items in $feeds feeds ($(nproc) cores; the PostgreSQL server on the same machine)"
printf '%-26s %14s %10s %10s %16s %10s %10s\n' setup "parse items/s" "vs 1 pg" "vs sqlite" "extract items/s" "vs 1 pg" "vs sqlite"
row() {
  local label=$1 key=$2
  python3 - "$label" "${parse_rate[$key]}" "${parse_rate[1]}" "${parse_rate[sqlite]}" \
    "${extract_rate[$key]}" "${extract_rate[1]}" "${extract_rate[sqlite]}" <<'PY'
import sys
label, p, p1, ps, e, e1, es = sys.argv[1], *map(float, sys.argv[2:])
print("%-26s %14.0f %10.2f %10.2f %16.0f %10.2f %10.2f" % (label, p, p / p1, p / ps, e, e / e1, e / es))
PY
}
row "SQLite, 1 process" sqlite
for workers in 1 2 4; do row "PostgreSQL, $workers worker(s)" "$workers"; done
