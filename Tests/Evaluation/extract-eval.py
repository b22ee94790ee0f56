#!/usr/bin/env python3
"""Scores `chipwatch extract-text` against labelled news items.

Usage: extract-eval.py [LABELLED.jsonl] [--chipwatch PATH] [--config PATH] [--verbose]

Each labelled line: {"id", "date", "title", "text", "expect": {"products": [...],
"events": [...], "milestone_date": "2026-Q1" | null}} (../shared/domain/labeled-news-examples.jsonl).
An item's predicted events are the event kinds of its signals whose modality is neither
`denied` nor `recap`; "none" in the labels means no event. A date window counts as exact when
a predicted event signal states the labelled window; an exact day counts as its quarter
(the labels write 2026-03-20 as 2026-Q1).

Prints precision and recall per event kind, product precision/recall/F1, the share of exact
windows, any ship or slip read from a negation, denial or recap, and a closing verdict line.
Exit status 1 when a target is missed (event precision >= 0.95, recall >= 0.90, product
F1 >= 0.95, no ship/slip from a negation, denial or recap).
"""
import json
import os
import subprocess
import sys

KINDS = ["ship", "slip", "announce", "cancel", "restrict", "relax"]


def quarter_of(window):
    if window and len(window) == 10 and window[4] == "-" and window[7] == "-":
        return "%s-Q%d" % (window[:4], (int(window[5:7]) - 1) // 3 + 1)
    return window


def main():
    args = sys.argv[1:]
    verbose = "--verbose" in args
    args = [a for a in args if a != "--verbose"]
    chipwatch, config = ".build/debug/chipwatch", "feeds/chipwatch.yaml"
    labelled = os.path.join(os.path.dirname(__file__), "../../../shared/domain/labeled-news-examples.jsonl")
    rest = []
    i = 0
    while i < len(args):
        if args[i] == "--chipwatch":
            chipwatch = args[i + 1]; i += 2
        elif args[i] == "--config":
            config = args[i + 1]; i += 2
        else:
            rest.append(args[i]); i += 1
    if rest:
        labelled = rest[0]
    items = [json.loads(line) for line in open(labelled, encoding="utf-8") if line.strip()]
    stdin = "".join(json.dumps({"id": x["id"], "title": x["title"], "text": x["text"], "date": x.get("date")}) + "\n"
                    for x in items)
    run = subprocess.run([chipwatch, "extract-text", "--config", config], input=stdin.encode(),
                         capture_output=True, timeout=300)
    if run.returncode != 0:
        sys.stderr.write(run.stderr.decode())
        print("extract-eval: extract-text exited %d" % run.returncode)
        return 1
    outputs = {o["id"]: o for o in map(json.loads, run.stdout.decode().splitlines())}

    tp = {k: 0 for k in KINDS}; fp = {k: 0 for k in KINDS}; fn = {k: 0 for k in KINDS}
    ptp = pfp = pfn = 0
    dated = exact = 0
    forbidden = []
    for x in items:
        out = outputs[x["id"]]
        expect = x["expect"]
        events = [s for s in out["signals"] if s["modality"] not in ("denied", "recap")]
        predicted = {s["event"] for s in events}
        wanted = {e for e in expect["events"] if e != "none"}
        for k in KINDS:
            if k in predicted and k in wanted: tp[k] += 1
            elif k in predicted: fp[k] += 1
            elif k in wanted: fn[k] += 1
        got_products, want_products = set(out["products"]), set(expect["products"])
        ptp += len(got_products & want_products); pfp += len(got_products - want_products); pfn += len(want_products - got_products)
        if expect.get("milestone_date"):
            dated += 1
            windows = {quarter_of(s["window"]) if len(expect["milestone_date"]) == 7 else s["window"] for s in events}
            if expect["milestone_date"] in windows: exact += 1
        notes = expect.get("notes", "").lower()
        # Items whose labels say a negation/denial/recap must not become ship or slip.
        if any(w in notes for w in ("negation", "denial", "recap", "denied")):
            for s in events:
                if s["event"] in ("ship", "slip") and s["event"] not in wanted:
                    forbidden.append((x["id"], s["event"], s["evidence"]["text"]))
        if verbose and (predicted != wanted or got_products != want_products):
            print("%s: events %s want %s; products +%s -%s" % (x["id"], sorted(predicted), sorted(wanted),
                  sorted(got_products - want_products), sorted(want_products - got_products)))
            for s in out["signals"]:
                print("    %s %s %s %s  | %s" % (s["event"], s["modality"], s["product"], s["window"], s["evidence"]["text"][:90]))

    print("%-9s %9s %7s %4s %4s %4s" % ("event", "precision", "recall", "tp", "fp", "fn"))
    for k in KINDS:
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 1.0
        r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 1.0
        print("%-9s %9.2f %7.2f %4d %4d %4d" % (k, p, r, tp[k], fp[k], fn[k]))
    TP, FP, FN = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision = TP / (TP + FP) if TP + FP else 1.0
    recall = TP / (TP + FN) if TP + FN else 1.0
    print("%-9s %9.2f %7.2f %4d %4d %4d" % ("all", precision, recall, TP, FP, FN))
    pp = ptp / (ptp + pfp) if ptp + pfp else 1.0
    pr = ptp / (ptp + pfn) if ptp + pfn else 1.0
    f1 = 2 * pp * pr / (pp + pr) if pp + pr else 0.0
    print("products: precision %.2f recall %.2f F1 %.2f (tp %d fp %d fn %d)" % (pp, pr, f1, ptp, pfp, pfn))
    print("date windows: %d of %d labelled windows stated exactly (%.0f%%)" % (exact, dated, 100.0 * exact / max(dated, 1)))
    for f in forbidden:
        print("FORBIDDEN: %s: %s from %r" % f)
    ok = precision >= 0.95 and recall >= 0.90 and f1 >= 0.95 and not forbidden
    print("extract-eval: %s (%d items; targets: event precision >= 0.95, recall >= 0.90, product F1 >= 0.95, "
          "no ship/slip from a negation, denial or recap)" % ("targets met" if ok else "TARGETS MISSED", len(items)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
