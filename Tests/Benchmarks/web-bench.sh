#!/usr/bin/env bash
# Web view benchmark (issue 18): latency of `chipwatch serve`'s pages and API under load, beside
# the same question asked through the CLI, on one store the benchmark builds.
#
#   bash Tests/Benchmarks/web-bench.sh [ITEMS]     (default: 175000 items, about 500k signals)
#
# Builds the store as scale-bench.sh does (Tests/Benchmarks/scale-feeds.py: 100 items of about
# 2 KB a feed, one in five a syndicated copy, dated over 60 days; served on loopback and fetched,
# parsed, extracted and evaluated by the release binary), adds a `web:` section and one user, and
# starts `serve` on a free loopback port. Each path is first checked for a 200 with curl (that
# single unloaded request is printed too), then loaded with Debian's wrk (2 threads, 8
# connections, 10 s, HTTP Basic on every request, as curl and feed readers send it, and
# Accept-Encoding: gzip, as browsers send it: serve gzips the report, the one answer of MBs): p50, p99 and
# max latency, requests/s and requests done. Beside it, the CLI command answering the same
# question, timed wall-clock with its peak RSS (getrusage of the child). The CLI prints every
# match where a page or the API gives the newest 50; that is the question each answers.
# Target: p99 under 100 ms at 500k signals. Figures are this machine's: compare within one run.
# The server keeps the board, explain pages, feeds and report until the store changes: for those
# "1 req ms" is the cost of making the answer (what the first visitor after a run waits) and wrk
# measures the kept one. The gate remembers Basic credentials for five minutes from their bcrypt
# check; a window of load that crosses that moment pays the bcrypt again, once per connection.
set -euo pipefail
cd "$(dirname "$0")/../.."
items=${1:-175000}
command -v wrk >/dev/null || { echo "web-bench: wrk is missing: apt-get install wrk" >&2; exit 1; }
swift build -c release --product chipwatch >/dev/null
bin=$(swift build -c release --show-bin-path)/chipwatch
work=$(mktemp -d)
feed_pid='' web_pid=''
trap 'kill $feed_pid $web_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

mkdir -p "$work/feeds" "$work/state"
python3 Tests/IntegrationTests/Support/feed_server.py "$work/feeds" > "$work/port" &
feed_pid=$!
for _ in $(seq 50); do grep -q PORT "$work/port" 2>/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$(awk '{print $2}' "$work/port")/files"
cp feeds/dictionary.yaml feeds/confidence.yaml feeds/roadmap.yaml feeds/rules.yaml "$work/"
cat > "$work/chipwatch.yaml" <<YAML
feeds: feeds.yaml
dictionary: dictionary.yaml
roadmap: roadmap.yaml
rules: rules.yaml
fetch: {concurrency: 16, per_host: 16, allow_private_networks: true, timeout_seconds: 120}
web: {listen: "127.0.0.1:0", users_file: web-users}
YAML
cw() { "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error "$@"; }
db() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$work/state/chipwatch.sqlite" "$1"; }

# The store: the same stages, in the same order and configuration, as scale-bench's first round.
started=$(date +%s)
feeds=$(( (items + 99) / 100 ))
python3 Tests/Benchmarks/scale-feeds.py "$work/feeds" 1 "$feeds"
{ echo "feeds:"; for i in $(seq 1 "$feeds"); do printf '  - {id: f%d, url: "%s/feed-%d.xml", tier: 2, interval: 1m}\n' "$i" "$base" "$i"; done; } \
  > "$work/feeds.yaml"
cw fetch --force >/dev/null; cw parse >/dev/null; cw extract >/dev/null; cw evaluate >/dev/null
kill "$feed_pid"; feed_pid=''
built=$(( $(date +%s) - started ))
db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
store_items=$(db "SELECT count(*) FROM items")
signals=$(db "SELECT count(*) FROM signals")
alerts=$(db "SELECT count(*) FROM alerts")
# A month before the newest signal: half the log, as the 60 days are spread.
since=$(python3 -c "import datetime,sys; print(datetime.date.fromisoformat(sys.argv[1][:10]) - datetime.timedelta(days=30))" \
  "$(db "SELECT max(COALESCE(published, created_at)) FROM signals")")
printf '== store of %d items, %d signals, %d alerts (%.0f MB), built in %d s (fetch, parse, extract, evaluate)\n' \
  "$store_items" "$signals" "$alerts" "$(du -cb "$work/state"/chipwatch.sqlite* | tail -n 1 | awk '{print $1 / 1e6}')" "$built"

# The server, on a port the system picks; its first line on stdout names it.
echo 'bench-password' | "$bin" --config "$work/chipwatch.yaml" web adduser bench >/dev/null
"$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level warning serve > "$work/serve.out" 2> "$work/serve.err" &
web_pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^serve: listening on \(http:[^ ]*\) .*/\1/p' "$work/serve.out")
[ -n "$url" ] || { echo "web-bench: serve did not start:" >&2; cat "$work/serve.out" "$work/serve.err" >&2; exit 1; }
auth="Authorization: Basic $(printf 'bench:bench-password' | base64)"
rss() { awk '/^VmRSS|^VmHWM/ {printf "%s %.0f MB  ", $1, $2 / 1024}' "/proc/$web_pid/status"; }
echo "serve at $url: $(rss)"

# curl_ms PATH: one request; fails loudly unless it answers 200; prints its time in ms.
curl_ms() {
  local out
  out=$(curl -s -o "$work/body" -w '%{http_code} %{time_total}' -H "$auth" "$url$1")
  [ "${out% *}" = 200 ] || { echo "web-bench: $1 answered ${out% *}, not 200:" >&2; head -c 600 "$work/body" >&2; exit 1; }
  awk -v t="${out#* }" 'BEGIN {printf "%.1f", t * 1000}'
}
# Basic on every request: the gate verifies bcrypt (cost 12) once, then remembers the
# credentials for five minutes (VerifiedCredentials); the first request pays the bcrypt.
first=$(curl_ms /healthz) again=$(curl_ms /healthz)
echo "HTTP Basic: first request (bcrypt verify) $first ms, the same again (remembered) $again ms"

# cli_time CMD...: "wall-ms peak-MB" of one CLI run (stdout discarded; fails loudly).
cli_time() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.time()
run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
if run.returncode != 0:
    sys.exit("web-bench: %s failed (%d): %s" % (" ".join(sys.argv[1:]), run.returncode, run.stderr.decode()[-2000:]))
print("%.0f %.0f" % ((time.time() - start) * 1000, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))
PY
}
# wrk_figures FILE: "p50 p99 max req/s requests errors", latencies in ms.
wrk_figures() {
  awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; return v * 1000 }
       $1 == "Latency" && $2 != "Distribution" { max = ms($4) } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
       $1 == "Requests/sec:" { rps = $2 } / requests in / { n = $1 }
       /Non-2xx/ { err += $NF } /Socket errors/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
       END { if (n == 0) p50 = p99 = max = "-"; printf "%s %s %s %s %d %d\n", p50, p99, max, rps, n, err }' "$1"
}
# settle: waits until serve is idle. wrk stops at 10 s but the server finishes the requests in
# flight (a slow page keeps both cores busy for seconds), which would slow what is timed next.
settle() {
  local before after
  after=$(awk '{print $14 + $15}' "/proc/$web_pid/stat")
  for _ in $(seq 600); do
    sleep 0.5; before=$after; after=$(awk '{print $14 + $15}' "/proc/$web_pid/stat")
    [ $((after - before)) -le 2 ] && return   # CPU ticks (1/100 s) in the half second
  done
}

# path | CLI command answering the same question (its arguments after the global options).
cases=(
  "/|milestones"
  "/signals|signals"
  "/signals?vendor=huawei&event=ship|signals --vendor huawei --event ship"
  "/signals?q=Ascend|signals --product Ascend"
  "/signals?since=$since|signals --since $since"
  "/alerts|alerts"
  "/feeds|feeds list"
  "/api/v1/signals?limit=50|signals --format json"
  "/api/v1/signals?vendor=nvidia|signals --format json --vendor nvidia"
  "/api/v1/milestones|milestones --format json"
  "/api/v1/alerts|alerts --format json"
  "/milestones/huawei-ascend-950pr|explain huawei-ascend-950pr"
  "/report|report --out $work/report.html"
)
rows=()
for case in "${cases[@]}"; do
  path=${case%%|*} cli=${case#*|}
  settle; one=$(curl_ms "$path")
  wrk -t2 -c8 -d10s --timeout 60s --latency -H "$auth" -H "Accept-Encoding: gzip, deflate" "$url$path" > "$work/wrk.out"
  read -r p50 p99 max rps n err < <(wrk_figures "$work/wrk.out")
  settle
  # shellcheck disable=SC2086  # the CLI's arguments are words
  cli_figures=$(cli_time "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error $cli)
  read -r cli_ms cli_mb <<< "$cli_figures"
  met=$(awk -v p="$p99" -v e="$err" 'BEGIN {print (p != "-" && p + 0 < 100 && e == 0) ? "yes" : "no"}')
  rows+=("$(printf '%-40s %8s %8s %8s %8s %8s %9s  %-46s %8s %6s  %s' "$path" "$one" "$p50" "$p99" "$max" "$rps" \
    "$n$([ "$err" = 0 ] || echo "/${err}err")" "chipwatch ${cli//$work\//}" "$cli_ms" "$cli_mb" "$met")")
  echo "  $path: p99 $p99 ms, $rps req/s; CLI $cli_ms ms" >&2
done

printf '\n== %d signals; wrk -t2 -c8 -d10s, HTTP Basic, Accept-Encoding: gzip as browsers send it; CLI wall time and peak RSS (one run, every match)\n' "$signals"
printf '%-40s %8s %8s %8s %8s %8s %9s  %-46s %8s %6s  %s\n' path "1 req ms" "p50 ms" "p99 ms" "max ms" "req/s" requests \
  "CLI command" "CLI ms" "CLI MB" "p99 < 100 ms"
printf '%s\n' "${rows[@]}"
echo "serve after the run: $(rss)(VmHWM: its peak)"
if [ -s "$work/serve.err" ]; then echo "serve's warnings:"; tail -n 20 "$work/serve.err"; fi
