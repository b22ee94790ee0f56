#!/usr/bin/env python3
"""Trains the confidence model: a logistic regression from a signal's reading features
(`chipwatch extract-text --features`) to the chance that the signal is right.

Usage: train-confidence.py [--chipwatch PATH] [--config PATH] [--skip REGEX] [--write feeds/confidence.yaml]

--skip leaves out the labelled files whose path matches REGEX: a slice still being labelled,
or one not yet scored as unseen news, must not be learned from.

Trains on the *tune* split only (the split of extract-eval.py); test items are never read
here. A signal is right when its event kind is labelled for the item and, for a chip event,
its product is among the labelled products (the reliability definition of extract-eval.py);
only signals that count as events (not recaps, not denials) are used, as in the evaluation.

Prints 5-fold cross-validated figures (folds by item, so a held-out item's signals were
never seen): log-loss and Brier score against the floor of always predicting the training
base rate, and a reliability table (bins of held-out probability against the share right).
With --write, fits on the whole tune split and writes the weights file that dictionary.yaml
names as `confidence_model`. No Python at run time: chipwatch reads the weights.
"""
import glob
import hashlib
import json
import math
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
L2 = float(os.environ.get("CONFIDENCE_L2", "20"))   # ridge penalty against the summed log-likelihood
STEPS = 3000
RATE = 0.5


def split_of(url):
    return "tune" if int(hashlib.sha256(url.encode()).hexdigest()[:8], 16) % 100 < 60 else "test"


def load(skip=None):
    files = sorted(glob.glob(os.path.join(HERE, "labelled/*.jsonl"))) + \
        sorted(glob.glob(os.path.join(HERE, "../../../shared/domain/labeled-news-*.jsonl")))
    if skip:
        files = [f for f in files if not re.search(skip, f)]
    items = []
    for path in files:
        for line in open(path, encoding="utf-8"):
            if line.strip():
                item = json.loads(line)
                if split_of(item["url"]) == "tune":
                    items.append(item)
    return items


def signals(items, chipwatch, config):
    stdin = "".join(json.dumps({"id": x["id"], "title": x["title"], "text": x["text"], "date": x.get("date")}) + "\n"
                    for x in items)
    run = subprocess.run([chipwatch, "extract-text", "--features", "--config", config], input=stdin.encode(),
                         capture_output=True, timeout=600)
    if run.returncode != 0:
        sys.exit("train-confidence: extract-text exited %d: %s" % (run.returncode, run.stderr.decode()[:500]))
    outputs = {o["id"]: o for o in map(json.loads, run.stdout.decode().splitlines())}
    rows = []   # (item index, features, right)
    for index, x in enumerate(items):
        expect = x["expect"]
        wanted = {e for e in expect["events"] if e != "none"}
        labelled_modality = expect.get("modality") or {}
        for s in outputs[x["id"]]["signals"]:
            if s["modality"] == "recap" or (s["modality"] == "denied" and labelled_modality.get(s["event"]) != "denied"):
                continue
            right = s["event"] in wanted and (s["event"] in ("restrict", "relax") or s.get("product") is None
                                                or s.get("product") in expect["products"])
            rows.append((index, s["features"], 1 if right else 0))
    return rows


def fit(rows, names):
    """Logistic regression by gradient descent on the mean log-likelihood with an L2 penalty."""
    bias, weights = 0.0, {n: 0.0 for n in names}
    n = max(len(rows), 1)
    for _ in range(STEPS):
        gb, gw = 0.0, {k: 0.0 for k in weights}
        for _, features, y in rows:
            p = predict(bias, weights, features)
            gb += p - y
            for f in features:
                if f in gw:
                    gw[f] += p - y
        bias -= RATE * gb / n
        for k in weights:
            weights[k] -= RATE * (gw[k] + L2 * weights[k]) / n
    return bias, weights


def predict(bias, weights, features):
    z = bias + sum(weights.get(f, 0.0) for f in features)
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def main():
    args = sys.argv[1:]
    chipwatch, config, write, skip = ".build/debug/chipwatch", "feeds/chipwatch.yaml", None, None
    i = 0
    while i < len(args):
        if args[i] == "--chipwatch": chipwatch = args[i + 1]; i += 2
        elif args[i] == "--config": config = args[i + 1]; i += 2
        elif args[i] == "--write": write = args[i + 1]; i += 2
        elif args[i] == "--skip": skip = args[i + 1]; i += 2
        else: sys.exit(__doc__)
    items = load(skip)
    rows = signals(items, chipwatch, config)
    names = sorted({f for _, features, _ in rows for f in features})
    print("train-confidence: %d tune items, %d event signals, %d right (%.2f), %d features"
          % (len(items), len(rows), sum(r[2] for r in rows), sum(r[2] for r in rows) / max(len(rows), 1), len(names)))

    folds = 5
    fold_of = {index: int(hashlib.sha256(items[index]["url"].encode()).hexdigest()[8:16], 16) % folds for index in range(len(items))}
    held = []   # (probability, base-rate probability, right)
    for k in range(folds):
        train = [r for r in rows if fold_of[r[0]] != k]
        test = [r for r in rows if fold_of[r[0]] == k]
        bias, weights = fit(train, names)
        base = sum(r[2] for r in train) / max(len(train), 1)
        held += [(predict(bias, weights, r[1]), base, r[2]) for r in test]

    def logloss(index):
        return -sum(y * math.log(max(h[index], 1e-9)) + (1 - y) * math.log(max(1 - h[index], 1e-9))
                    for h in held for y in [h[2]]) / len(held)

    def brier(index):
        return sum((h[index] - h[2]) ** 2 for h in held) / len(held)

    print("5-fold cross-validated (held-out signals only):")
    print("  log-loss %.3f  (floor, the base rate: %.3f)" % (logloss(0), logloss(1)))
    print("  Brier    %.3f  (floor, the base rate: %.3f)" % (brier(0), brier(1)))
    print("  reliability (held-out probability bin: right / signals = share):")
    for low, high in [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]:
        cell = [h for h in held if low <= h[0] < high]
        if cell:
            print("    %.1f-%.1f: %d/%d = %.2f" % (low, min(high, 1.0), sum(h[2] for h in cell), len(cell),
                                                 sum(h[2] for h in cell) / len(cell)))
    if write:
        bias, weights = fit(rows, names)
        with open(write, "w") as out:
            out.write("# chipwatch's confidence model: a signal's features -> the chance it is right.\n")
            out.write("# Written by Tests/Evaluation/train-confidence.py from the labelled set's tune split\n")
            out.write("# (%d items, %d event signals); do not edit by hand, train again after changing the\n" % (len(items), len(rows)))
            out.write("# extractor or the dictionary. Features are listed in Sources/Extract/Confidence.swift.\n")
            out.write("bias: %.4f\nweights:\n" % bias)
            for name in names:
                out.write("  \"%s\": %.4f\n" % (name, weights[name]))
        print("train-confidence: wrote %s" % write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
