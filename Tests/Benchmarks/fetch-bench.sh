#!/usr/bin/env bash
# Fetch benchmark: chipwatch fetch against curl --parallel over the same 500 loopback feeds.
#
#   bash Tests/Benchmarks/fetch-bench.sh [FEEDS] [ROUNDS]
#
# Serves FEEDS (default 500) feeds of about 40 KB from Tests/IntegrationTests/Support/feed_server.py
# on 127.0.0.1, then alternates, ROUNDS (default 5) times:
#   full:        `chipwatch fetch` with a fresh state directory   vs  curl --parallel --parallel-max 16
#   conditional: `chipwatch fetch --force` with every feed stored vs  curl with --etag-compare/--etag-save
# and prints the median wall times and their ratios. chipwatch runs with concurrency 16 and
# per_host 16 so both clients keep the same 16 transfers in flight to the one loopback host.
# Each curl transfer has its own ETag file (`next` between them), and the script prints how
# many of curl's and chipwatch's conditional requests were answered 304.
# Then one run where 25 of the feeds hang (timeout 5 s): what they add to a full run, in timeouts.
# Targets (issues 2 and 16): full <= 1.1x curl, conditional <= 1.5x curl, hanging feeds add 1 timeout.
set -euo pipefail
cd "$(dirname "$0")/../.."
feeds=${1:-500}
rounds=${2:-5}
swift build -c release --product chipwatch >/dev/null
bin=$(swift build -c release --show-bin-path)/chipwatch
work=$(mktemp -d)
trap 'kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT

python3 Tests/IntegrationTests/Support/feed_server.py > "$work/port" &
server_pid=$!
for _ in $(seq 50); do grep -q PORT "$work/port" 2>/dev/null && break; sleep 0.1; done
port=$(awk '{print $2}' "$work/port")
base="http://127.0.0.1:$port"

{
  echo "feeds:"
  for i in $(seq 1 "$feeds"); do
    printf '  - {id: f%d, url: "%s/bench/%d", tier: 2, interval: 1h}\n' "$i" "$base" "$i"
  done
} > "$work/feeds.yaml"
cat > "$work/chipwatch.yaml" <<YAML
feeds: feeds.yaml
fetch: {concurrency: 16, per_host: 16, allow_private_networks: true}
YAML
mkdir -p "$work/etags"
: > "$work/curl-full.cfg"; : > "$work/curl-cond.cfg"
for i in $(seq 1 "$feeds"); do
  printf 'url = "%s/bench/%d"\noutput = "%s/out-%d"\ncompressed\n' "$base" "$i" "$work" "$i" >> "$work/curl-full.cfg"
  # `next` ends one transfer's options: without it the etag options are global, one file for all.
  if (( i > 1 )); then echo next >> "$work/curl-cond.cfg"; fi
  printf 'url = "%s/bench/%d"\noutput = "%s/out-%d"\ncompressed\netag-compare = "%s/etags/%d"\netag-save = "%s/etags/%d"\nwrite-out = "%%{http_code}\\n"\n' \
    "$base" "$i" "$work" "$i" "$work" "$i" "$work" "$i" >> "$work/curl-cond.cfg"
done

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.4f\n", b - a}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
run_chipwatch_full() { rm -rf "$work/state"; local t=$(now); "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error fetch >/dev/null; elapsed "$t" "$(now)"; }
run_curl_full() { local t=$(now); curl -s --no-progress-meter --parallel --parallel-max 16 -K "$work/curl-full.cfg"; elapsed "$t" "$(now)"; }
run_chipwatch_cond() { local t=$(now); "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error fetch --force > "$work/cond-out"; elapsed "$t" "$(now)"; }
run_curl_cond() { local t=$(now); curl -s --no-progress-meter --parallel --parallel-max 16 -K "$work/curl-cond.cfg" > "$work/curl-codes"; elapsed "$t" "$(now)"; }

# Warm up both (server threads, page cache), and prime curl's saved ETags.
run_curl_full >/dev/null; run_chipwatch_full >/dev/null; run_curl_cond >/dev/null

for i in $(seq "$rounds"); do
  run_chipwatch_full >> "$work/cw-full"; run_curl_full >> "$work/curl-full"
done
for i in $(seq "$rounds"); do
  run_chipwatch_cond >> "$work/cw-cond"; run_curl_cond >> "$work/curl-cond"
done
report() {
  local a b
  a=$(median < "$work/cw-$1"); b=$(median < "$work/curl-$1")
  printf '%-12s chipwatch %6.3fs   curl %6.3fs   ratio %.2f (target <= %s)\n' "$1" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN {print a / b}')" "$2"
}
echo "last conditional chipwatch run: $(cat "$work/cond-out")"
echo "curl ETag files kept for its conditional requests: $(find "$work/etags" -type f -size +0 | wc -l) of $feeds;" \
  "its last conditional run answered 304: $(grep -c '^304$' "$work/curl-codes" || true) of $feeds"
echo "fetch benchmark: $feeds feeds of ~40 KB on loopback, median of $rounds alternating runs"
report full 1.1
report cond 1.5

# Hanging sources: every 20th feed hangs for a minute; timeout 5 s, concurrency 16.
{
  echo "feeds:"
  for i in $(seq 1 "$feeds"); do
    if (( i % 20 == 0 )); then path="hang?s=60&n=$i"; else path="bench/$i"; fi
    printf '  - {id: f%d, url: "%s/%s", tier: 2, interval: 1h}\n' "$i" "$base" "$path"
  done
} > "$work/feeds-hang.yaml"
cat > "$work/hang.yaml" <<YAML
feeds: feeds-hang.yaml
fetch: {concurrency: 16, per_host: 16, allow_private_networks: true, timeout_seconds: 5, connect_timeout_seconds: 1}
YAML
rm -rf "$work/state"
t=$(now)
"$bin" --config "$work/hang.yaml" --state-dir "$work/state" --log-level error fetch > "$work/hang-out"
hang=$(elapsed "$t" "$(now)")
hangers=$(( feeds / 20 ))
full=$(median < "$work/cw-full")
# What the hanging feeds add to a full run, in timeouts: one when they hang side by side,
# ceil(hangers / concurrency) when each waits for a slot (as before issue 16).
printf 'hanging     %d of %d feeds hang: %6.3fs, %.3fs over the full run = %.2f timeouts of 5 s (target 1; one after another %d)\n' \
  "$hangers" "$feeds" "$hang" "$(awk -v a="$hang" -v b="$full" 'BEGIN {print a - b}')" \
  "$(awk -v a="$hang" -v b="$full" 'BEGIN {print (a - b) / 5}')" "$(( (hangers + 15) / 16 ))"
echo "            $(cat "$work/hang-out")"
