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
# Targets (issue 2): full <= 1.1x curl, conditional <= 1.5x curl.
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
  printf 'url = "%s/bench/%d"\noutput = "%s/out-%d"\ncompressed\netag-compare = "%s/etags/%d"\netag-save = "%s/etags/%d"\n' \
    "$base" "$i" "$work" "$i" "$work" "$i" "$work" "$i" >> "$work/curl-cond.cfg"
done

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.4f\n", b - a}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
run_chipwatch_full() { rm -rf "$work/state"; local t=$(now); "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error fetch >/dev/null; elapsed "$t" "$(now)"; }
run_curl_full() { local t=$(now); curl -s --no-progress-meter --parallel --parallel-max 16 -K "$work/curl-full.cfg"; elapsed "$t" "$(now)"; }
run_chipwatch_cond() { local t=$(now); "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error fetch --force > "$work/cond-out"; elapsed "$t" "$(now)"; }
run_curl_cond() { local t=$(now); curl -s --no-progress-meter --parallel --parallel-max 16 -K "$work/curl-cond.cfg"; elapsed "$t" "$(now)"; }

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
echo "curl ETag files kept for its conditional requests: $(find "$work/etags" -type f -size +0 | wc -l) of $feeds"
echo "fetch benchmark: $feeds feeds of ~40 KB on loopback, median of $rounds alternating runs"
report full 1.1
report cond 1.5
