#!/usr/bin/env python3
"""Python feed parsers over the same folder, for context beside parse-bench.sh.

    python3 -m venv /tmp/pyfeeds && /tmp/pyfeeds/bin/pip install fastfeedparser feedparser
    /tmp/pyfeeds/bin/python Tests/Benchmarks/python-parsers.py ../shared/corpus [ROUNDS]

Prints, for each parser that is installed, "name MB/s items/s seconds" for the best round
(feedparser gets one round: it is slow). Compare with the floor that parse-bench.sh prints in
the same session; absolute figures on a shared machine drift.
"""
import importlib
import os
import sys
import time


def load(root):
    inputs = []
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith((".xml", ".rss", ".atom")):
                with open(os.path.join(folder, name), "rb") as handle:
                    inputs.append(handle.read())
    return inputs


def bench(parse, inputs, rounds):
    best, items = float("inf"), 0
    for _ in range(rounds):
        start, count = time.perf_counter(), 0
        for data in inputs:
            try:
                count += len(parse(data).get("entries", []))
            except Exception:  # a parser refusing a file is its business, not the benchmark's
                pass
        best, items = min(best, time.perf_counter() - start), count
    return best, items


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    inputs = load(root)
    total = sum(len(data) for data in inputs)
    print(f"{len(inputs)} files, {total / 1e6:.1f} MB")
    for name, parser_rounds in (("fastfeedparser", rounds), ("feedparser", 1)):
        try:
            module = importlib.import_module(name)
        except ImportError:
            print(f"  {name:15s} not installed")
            continue
        seconds, items = bench(module.parse, inputs, parser_rounds)
        print(f"  {name:15s} {total / 1e6 / seconds:8.1f} MB/s  {items / seconds:10.0f} items/s  {seconds:.3f} s")


if __name__ == "__main__":
    main()
