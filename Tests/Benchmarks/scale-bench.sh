#!/usr/bin/env bash
# Scale benchmark (issue 16): the cost of each stage as the store grows, beside the references
# it should follow, in one run on one machine.
#
#   bash Tests/Benchmarks/scale-bench.sh [SIZES]     (default: "12500 50000" items)
#
# Builds one store from generated chip-news feeds (Tests/Benchmarks/scale-feeds.py: 100 items of
# about 2 KB a feed, one in five a syndicated copy, dated over 60 days) served on loopback and
# fetched, parsed, extracted and evaluated by the release binary. At each size it prints:
#   - the first parse pass, in items/s, beside the parser alone (chipwatch-bench-parse) on the
#     same feed files (target >= 0.5 of it), and beside the store's floor: the round's item rows
#     inserted into an empty copy of the items table (same schema, indexes and triggers, one
#     transaction per feed, a statement per row or 500 rows a statement, the faster) by Python's
#     sqlite3 alone, and that floor together with the parser
#     (1 / (1/parser + 1/store)): what a stage that parses and stores every item could reach;
#   - the first extract pass over the store, in items/s, beside `extract-text` on the same items
#     (the extractor's own speed; target >= 0.5 of it);
#   - parse, extract and evaluate of 500 new items, and evaluate with nothing new;
#   - `signals` (table and JSON), `export` and `report`: wall time and peak RSS; `signals` over a
#     twelfth of the items' span (5 of the 60 days), as a month is of a year;
#   - the store's size per item.
# Figures are wall seconds and MB of peak resident memory, measured by a Python wrapper
# (getrusage of the child), so absolute values are this machine's; compare within one run.
# With SCALE_BENCH_KEEP=DIR the final store is copied there (to compare two builds' stories).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${1:-"12500 50000"}
swift build -c release --product chipwatch >/dev/null
swift build -c release --product chipwatch-bench-parse >/dev/null
bin=$(swift build -c release --show-bin-path)/chipwatch
parser=$(swift build -c release --show-bin-path)/chipwatch-bench-parse
work=$(mktemp -d)
trap 'kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT

mkdir -p "$work/feeds" "$work/state"
python3 Tests/IntegrationTests/Support/feed_server.py "$work/feeds" > "$work/port" &
server_pid=$!
for _ in $(seq 50); do grep -q PORT "$work/port" 2>/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$(awk '{print $2}' "$work/port")/files"
cp feeds/dictionary.yaml feeds/confidence.yaml feeds/roadmap.yaml feeds/rules.yaml "$work/"
cat > "$work/chipwatch.yaml" <<YAML
feeds: feeds.yaml
dictionary: dictionary.yaml
roadmap: roadmap.yaml
rules: rules.yaml
fetch: {concurrency: 16, per_host: 16, allow_private_networks: true, timeout_seconds: 120}
YAML

# measure LABEL INPUT CMD...: runs CMD with INPUT (a file, or /dev/null) on stdin, and adds
# "LABEL seconds peak-MB" to $work/figures.
measure() {
  local label=$1 input=$2; shift 2
  python3 - "$label" "$work/figures" "$input" "$@" <<'PY'
import resource, subprocess, sys, time
label, out, source, cmd = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
start = time.time()
with open(source, "rb") as stdin:
    run = subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.time() - start
if run.returncode != 0:
    sys.exit("scale-bench: %s failed (%d): %s" % (label, run.returncode, run.stderr.decode()[-2000:]))
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
open(out, "a").write("%s %.3f %.0f\n" % (label, seconds, rss))
PY
}
cw() { "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error "$@"; }
feeds_yaml() {
  { echo "feeds:"; for i in $(seq 1 "$1"); do printf '  - {id: f%d, url: "%s/feed-%d.xml", tier: 2, interval: 1m}\n' "$i" "$base" "$i"; done; } \
    > "$work/feeds.yaml"
}
get() { awk -v l="$1" '$1 == l {print $'"${2:-2}"'}' "$work/figures" | tail -n 1; }
# The store's bytes in use (its pages but the free ones, which later writes reuse) once its
# write-ahead log is folded in: a body stored whole and then compressed leaves free pages behind.
store_bytes() {
  python3 - "$work/state/chipwatch.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
pages, free, size = (db.execute("PRAGMA " + p).fetchone()[0] for p in ("page_count", "freelist_count", "page_size"))
print((pages - free) * size)
PY
}
# text_bytes FEED...: the title and description bytes of the feeds' items, as parsed text.
text_bytes() {
  python3 - "$@" <<'PY'
import html, re, sys
print(sum(len(html.unescape(t).encode()) + len(html.unescape(d).encode()) for f in sys.argv[1:]
          for t, d in re.findall(r"<item><title>(.*?)</title>.*?<description>(.*?)</description>", open(f, encoding="utf-8").read())))
PY
}

have=0
for size in $sizes; do
  feeds=$((size / 100))
  python3 Tests/Benchmarks/scale-feeds.py "$work/feeds" $((have + 1)) $((feeds - have))
  feeds_yaml "$feeds"
  cw fetch --force >/dev/null
  measure "parse-first-$size" /dev/null "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error parse
  # The parser's own speed on this round's feed files (best of 3; it prints bytes, items, seconds, files).
  rm -rf "$work/round" && mkdir "$work/round"
  for n in $(seq $((have + 1)) "$feeds"); do ln -s "$work/feeds/feed-$n.xml" "$work/round/"; done
  read -r _ parser_items parser_seconds _ < <("$parser" "$work/round" 3)
  store_floor=$(python3 - "$work/state/chipwatch.sqlite" "$work/floor.sqlite" "$parser_items" <<'PY'
import os, sqlite3, sys, time
source, target, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
src = sqlite3.connect(source)
columns = [r[1] for r in src.execute("PRAGMA table_info(items)") if r[1] != "id"]
rows = src.execute("SELECT feed_id, %s FROM items ORDER BY id DESC LIMIT ?" % ", ".join(columns), (count,)).fetchall()[::-1]
schema = [r[0] for r in src.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND (name IN ('items', 'counts') OR tbl_name = 'items')")]
# Two ways to write a feed's rows: a statement per row, and up to 500 rows a statement (the
# stage's way since 2026-12-07: SQLite journals each statement that fires a trigger, page by
# page). The floor is the faster.
def multi(db, insert, rows):
    for k in range(0, len(rows), 500):
        chunk = rows[k:k + 500]
        db.execute(insert.split(" VALUES ")[0] + " VALUES " + ", ".join([insert.split(" VALUES ")[1]] * len(chunk)),
                   [v for r in chunk for v in r])
def single(db, insert, rows):
    db.executemany(insert, rows)
best = None
for way in (single, multi, single, multi):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(target + suffix): os.remove(target + suffix)
    db = sqlite3.connect(target)
    db.execute("PRAGMA page_size = 8192"); db.execute("PRAGMA journal_mode = WAL"); db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")   # as the store runs (GRDB's default)
    db.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY)"); db.execute("CREATE TABLE stories (id INTEGER PRIMARY KEY)")
    with db: db.executemany("INSERT OR IGNORE INTO documents (id) VALUES (?)", {(r[1 + columns.index("document_id")],) for r in rows})
    for sql in schema: db.execute(sql)
    insert = "INSERT INTO items (%s) VALUES (%s)" % (", ".join(columns), ", ".join("?" * len(columns)))
    start, i = time.time(), 0
    while i < len(rows):
        j = i
        while j < len(rows) and rows[j][0] == rows[i][0]: j += 1
        with db: way(db, insert, [r[1:] for r in rows[i:j]])
        i = j
    seconds = time.time() - start
    best = seconds if best is None else min(best, seconds)
    db.close()
print(len(rows) / best)
PY
)
  # The extractor's own speed on the items of this round, as extract-text reads them.
  python3 - "$work" $((have + 1)) "$feeds" > "$work/items.jsonl" <<'PY'
import json, re, sys, html
work, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for n in range(first, last + 1):
    body = open("%s/feeds/feed-%d.xml" % (work, n), encoding="utf-8").read()
    for m in re.finditer(r"<item><title>(.*?)</title>.*?<description>(.*?)</description>", body):
        print(json.dumps({"id": n, "title": html.unescape(m.group(1)), "text": html.unescape(m.group(2)), "date": "2026-02-01"}))
PY
  round_items=$(wc -l < "$work/items.jsonl")
  measure "extract-text-$size" "$work/items.jsonl" "$bin" extract-text --config "$work/chipwatch.yaml"
  measure "extract-first-$size" /dev/null "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error extract
  measure "evaluate-first-$size" /dev/null "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error evaluate
  have=$feeds
  # 500 new items in 5 new feeds.
  python3 Tests/Benchmarks/scale-feeds.py "$work/feeds" $((have + 1)) 5
  feeds_yaml $((have + 5))
  grown_from=$(store_bytes)
  new_text=$(text_bytes $(seq -f "$work/feeds/feed-%g.xml" $((have + 1)) $((have + 5))))
  cw fetch --force >/dev/null
  measure "parse-500-$size" /dev/null "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error parse
  measure "extract-500-$size" /dev/null "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error extract
  measure "evaluate-500-$size" /dev/null "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error evaluate
  measure "evaluate-none-$size" /dev/null "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error evaluate
  grown_new=$(( $(store_bytes) - grown_from ))
  have=$((have + 5))
  # Every feed gains one item: each fetch stores the whole feed again (compressed once parsed);
  # measured from a store without raw bodies, with the new bodies kept, then pruned too.
  cw store prune --older-than 1s --vacuum >/dev/null
  one_from=$(store_bytes)
  one_text=$(python3 - "$work/feeds" "$have" "$size" <<'PY'
import sys
folder, feeds, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for n in range(1, feeds + 1):
    path = "%s/feed-%d.xml" % (folder, n)
    body = open(path, encoding="utf-8").read()
    item = ("<item><title>Feed %d adds item %s: Nvidia Rubin update</title><link>https://feed-%d.example/extra-%s</link>"
            "<guid>feed-%d-extra-%s</guid><pubDate>Sun, 01 Mar 2026 08:00:00 +0000</pubDate><description>Nvidia said the "
            "Rubin platform remains on schedule for the second half of 2026, according to feed %d.</description></item>\n"
            % (n, tag, n, tag, n, tag, n))
    open(path, "w", encoding="utf-8").write(body.replace("<item>", item + "<item>", 1))
    text = len(("Feed %d adds item %s: Nvidia Rubin update" % (n, tag)).encode()) + len(item.split("<description>")[1].split("<")[0].encode())
print(text)
PY
)
  cw fetch --force >/dev/null; cw parse >/dev/null; cw extract >/dev/null; cw evaluate >/dev/null
  one_grown=$(( $(store_bytes) - one_from ))
  sleep 1.5   # every body of this round is then older than the 1 s retention
  cw store prune --older-than 1s --vacuum >/dev/null
  one_pruned=$(( $(store_bytes) - one_from ))
  measure "signals-$size" /dev/null "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error signals
  measure "signals-json-$size" /dev/null "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error signals --format json
  measure "signals-month-$size" /dev/null "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error signals --since 2026-02-01 --until 2026-02-05T23:59:59Z
  measure "export-$size" /dev/null "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error export --since 2000-01-01 --out "$work/export.jsonl"
  measure "report-$size" /dev/null "$bin" --config "$work/chipwatch.yaml" --state-dir "$work/state" --log-level error report --out "$work/report.html"
  items=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from items').fetchone()[0])" "$work/state/chipwatch.sqlite")
  signals=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from signals').fetchone()[0])" "$work/state/chipwatch.sqlite")
  bytes=$(du -cb "$work/state"/chipwatch.sqlite* | tail -n 1 | awk '{print $1}')
  awk -v size="$size" -v items="$items" -v signals="$signals" -v bytes="$bytes" -v round="$round_items" \
      -v xt="$(get "extract-text-$size")" -v xf="$(get "extract-first-$size")" -v ef="$(get "evaluate-first-$size")" \
      -v p5="$(get "parse-500-$size")" -v x5="$(get "extract-500-$size")" -v e5="$(get "evaluate-500-$size")" \
      -v en="$(get "evaluate-none-$size")" \
      -v s="$(get "signals-$size")" -v sm="$(get "signals-$size" 3)" -v sj="$(get "signals-json-$size")" -v sjm="$(get "signals-json-$size" 3)" \
      -v mo="$(get "signals-month-$size")" -v ex="$(get "export-$size")" -v exm="$(get "export-$size" 3)" \
      -v r="$(get "report-$size")" -v rm="$(get "report-$size" 3)" \
      -v pf="$(get "parse-first-$size")" -v pi="$parser_items" -v ps="$parser_seconds" -v sf="$store_floor" \
      -v gn="$grown_new" -v nt="$new_text" -v og="$one_grown" -v op="$one_pruned" -v ot="$one_text" -v feeds="$have" 'BEGIN {
    printf "\n== store of %d items, %d signals (%.0f MB, %.1f KB an item)\n", items, signals, bytes / 1e6, bytes / items / 1e3
    printf "parse, first pass of %d items      %7.2fs  %7.0f items/s   parser alone    %7.0f items/s   ratio %.2f (target >= 0.5)\n", pi, pf, pi / pf, pi / ps, (pi / pf) / (pi / ps)
    both = 1 / (ps / pi + 1 / sf)
    printf "  store floor (the same rows by sqlite3 alone) %7.0f items/s; parser and store floor together %7.0f items/s: the stage is %.2f of it\n", sf, both, (pi / pf) / both
    printf "extract, first pass of %d items   %7.2fs  %7.0f items/s   extractor alone %7.0f items/s   ratio %.2f (target >= 0.5)\n", round, xf, round / xf, round / xt, (round / xf) / (round / xt)
    printf "evaluate, first pass               %7.2fs\n", ef
    printf "500 new items: parse %.2fs, extract %.2fs, evaluate %.2fs; evaluate with nothing new %.2fs (target <= 0.3s at 200k)\n", p5, x5, e5, en
    printf "store growth per new item: 5 new feeds %.1f KB, %.2f x its text of %.1f KB (target <= 3); every feed gains one item: %.1f KB with the bodies kept compressed, %.1f KB once pruned, %.1f x its text of %.2f KB\n", gn / 500 / 1e3, gn / nt, nt / 500 / 1e3, og / feeds / 1e3, op / feeds / 1e3, op / feeds / ot, ot / 1e3
    printf "signals %.2fs %d MB; signals --format json %.2fs %d MB; a twelfth of the span (5 of 60 days, as a month of a year) %.2fs (target <= 1s); export %.2fs %d MB; report %.2fs %d MB (targets at 500k: <= 100 MB)\n", s, sm, sj, sjm, mo, ex, exm, r, rm
  }'
done
if [ -n "${SCALE_BENCH_KEEP:-}" ]; then
  mkdir -p "$SCALE_BENCH_KEEP" && cp "$work/state"/chipwatch.sqlite* "$SCALE_BENCH_KEEP"/
fi
