#!/usr/bin/env bash
# Parse benchmark: chipwatch's parser against the floor (a C program that only walks the same
# bytes with libxml2's SAX parser, same options, empty handlers), in one run on one machine.
#
#   bash Tests/Benchmarks/parse-bench.sh [DIR] [ROUNDS]
#
# DIR defaults to ../shared/corpus. Prints MB/s and items/s for both and the ratio (target >= 0.6),
# then the peak memory of `chipwatch parse-file` on a generated 50 MB feed (target <= 130 MB)
# and its wall time beside the parser alone on the same file (target <= 2x).
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:-../shared/corpus}
rounds=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product chipwatch-bench-parse >/dev/null
swift build -c release --product chipwatch >/dev/null
bin=$(swift build -c release --show-bin-path)
cc -O2 -o "$work/sax-floor" Tests/Benchmarks/sax-floor.c $(pkg-config --cflags --libs libxml-2.0)

# compare DIR HEADING TARGET: the floor and the parser on the feed files of DIR, best of ROUNDS,
# and their ratio.
compare() {
  local floor_bytes floor_seconds floor_files cw_bytes cw_items cw_seconds cw_files
  read -r floor_bytes floor_seconds floor_files < <("$work/sax-floor" "$1" "$rounds")
  read -r cw_bytes cw_items cw_seconds cw_files < <("$bin/chipwatch-bench-parse" "$1" "$rounds")
  awk -v fb="$floor_bytes" -v fs="$floor_seconds" -v cb="$cw_bytes" -v ci="$cw_items" -v cs="$cw_seconds" -v n="$cw_files" \
      -v heading="$2" -v target="$3" 'BEGIN {
    printf "%s: %d files, %.1f MB, best of '"$rounds"' rounds\n", heading, n, cb / 1e6
    printf "  libxml2 SAX floor  %8.1f MB/s\n", fb / 1e6 / fs
    printf "  chipwatch parser   %8.1f MB/s  %10.0f items/s\n", cb / 1e6 / cs, ci / cs
    printf "  ratio (chipwatch / floor) %.2f (%s)\n", (cb / cs) / (fb / fs), target
  }'
}
compare "$dir" "parse benchmark" "target >= 0.6"

# The same on feeds of realistic size (issue 16): 200 generated feeds of 100 items of about 2 KB
# whose descriptions are HTML (Tests/Benchmarks/scale-feeds.py --html), so the HTML-to-text step
# counts as it does on publishers' feeds; the corpus above is mostly small test files.
python3 Tests/Benchmarks/scale-feeds.py "$work/realistic" 1 200 --html
compare "$work/realistic" "realistic feeds (generated, 100 HTML items each)" "issue 16: >= 0.5 on realistic feeds"

# A 50 MB RSS feed of realistic items, then the peak resident memory of parse-file on it.
python3 - "$work/big.xml" <<'PY'
import sys
item = ("<item><title>Huawei Ascend 950PR ships in volume, item %d</title><link>https://press.example/%d</link>"
        "<guid>id-%d</guid><pubDate>Fri, 20 Mar 2026 09:00:00 +0800</pubDate><description>&lt;p&gt;Huawei said the "
        "Ascend 950PR delivers 1 PFLOPS at FP8 &amp;amp; 128 GB of HBM.&lt;/p&gt;" + "x" * 300 + "</description></item>\n")
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>big</title>\n')
    size, i = 0, 0
    while size < 50 * 1024 * 1024:
        line = item % (i, i, i)
        f.write(line)
        size += len(line)
        i += 1
    f.write("</channel></rss>\n")
PY
python3 - "$bin/chipwatch" "$work/big.xml" "$work/sax-floor" <<'PY'
import resource, subprocess, sys
def peak(args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(args, stdout=subprocess.DEVNULL, check=True)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print("  peak memory, chipwatch parse-file on a 50 MB feed: %.0f MB (target <= 130 MB)" % peak([sys.argv[1], "parse-file", sys.argv[2]]))
PY
# parse-file's wall time on that feed (JSON written to /dev/null) beside the parser alone on the
# same file (chipwatch-bench-parse), best of 3 each, alternating (target <= 2x).
mkdir "$work/one" && ln -s "$work/big.xml" "$work/one/"
python3 - "$bin" "$work/big.xml" "$work/one" <<'PY'
import subprocess, sys, time
bin, big, folder = sys.argv[1:4]
command, parser = [], []
for _ in range(3):
    start = time.time()
    subprocess.run([bin + "/chipwatch", "parse-file", big], stdout=subprocess.DEVNULL, check=True)
    command.append(time.time() - start)
    out = subprocess.run([bin + "/chipwatch-bench-parse", folder, "1"], capture_output=True, text=True, check=True).stdout.split()
    parser.append(float(out[2]))
print("  parse-file on the 50 MB feed: %.2f s; the parser alone on it %.2f s; %.1fx (target <= 2x)" % (min(command), min(parser), min(command) / min(parser)))
PY
