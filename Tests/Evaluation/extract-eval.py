#!/usr/bin/env python3
"""Scores `chipwatch extract-text` against the labelled news set, split by a hash of the URL.

Usage: extract-eval.py [--chipwatch PATH] [--config PATH] [--verbose SPLIT] [--record] [FILE.jsonl ...]

The labelled set is every `Tests/Evaluation/labelled/*.jsonl` plus the 110 shared items in
`../shared/domain/` when they are beside the checkout (or the files given). Each item falls in
*tune* (60%) or *test* (40%) by the first 8 hex digits of sha256(url): work looks only at tune
(`--verbose tune` lists its misses); test figures are read, never its items.

Printed per set (tune, test, the 110 shared, the Chinese-language items, all), in one run, each
beside the keyword floor (`keyword-floor.py`: event words only, no scope, no names):
- event precision, recall and F1 per kind and overall. An item's predicted events are the kinds
  of its signals whose modality is not `recap`, and not `denied` unless the label gives that kind
  with modality `denied` (a report the company disputes); ["none"] means no event.
- product precision/recall/F1 (the item's products, known and unknown names alike, against the
  labelled products).
- window exact: of the items with a labelled `milestone_date`, those where a predicted signal of
  a labelled event kind states exactly that window (a day counts as its quarter when the label
  is a quarter). An item with no such signal counts as a miss.
- modality accuracy on found events: for each event kind found and labelled with a modality,
  right only when every predicted signal of that kind in the item carries the labelled modality
  (the milestone board acts on each signal, so one "confirmed" among "rumour" ones moves it;
  until 2026-12-07 the most confident signal's modality was read, which tied the figure to the
  confidence model).
- false ship/slip items per 100: items where ship or slip is predicted but not labelled.
- reliability: predicted signals binned by confidence against the share that are right (kind
  labelled for the item, and for product events the product among the labelled products). The
  calibration target is read only from 20 or more signals at confidence >= 0.9 (fewer: "-").
Left out, with the count printed: events whose label gives no modality (modality accuracy only).

Targets (on test): event P >= 0.95, R >= 0.90, product F1 >= 0.97, window exact >= 0.90, modality
>= 0.90, false ship/slip <= 0.5 per 100 items, and >= 90% right among signals with confidence
>= 0.9. The exit status guards the whole set: each figure must reach the lower of its target and
the best figure recorded in guard.json for this labelled set, keyed by a hash of its items (a
regression guard while the targets are not met; once a target is met, the target itself).
`--record` writes today's figures into guard.json where they are better; a labelled set it has
not seen (items added or corrected) starts a new entry.
"""
import glob
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import importlib.util
_spec = importlib.util.spec_from_file_location("keyword_floor", os.path.join(HERE, "keyword-floor.py"))
keyword_floor = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(keyword_floor)

KINDS = ["ship", "slip", "announce", "cancel", "restrict", "relax"]
TARGETS = {"event_precision": 0.95, "event_recall": 0.90, "product_f1": 0.97, "window_exact": 0.90,
           "modality": 0.90, "false_ship_slip_per_100": 0.5, "calibrated_0.9": 0.90}
LOWER_IS_BETTER = {"false_ship_slip_per_100"}
# The calibration target is read only from at least this many signals at confidence >= 0.9.
CALIBRATION_MIN = 20


def split_of(url):
    return "tune" if int(hashlib.sha256(url.encode()).hexdigest()[:8], 16) % 100 < 60 else "test"


def is_chinese(item):
    text = item["title"] + item["text"]
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff") >= 10


def quarter_of(window):
    if window and len(window) == 10 and window[4] == "-" and window[7] == "-":
        return "%s-Q%d" % (window[:4], (int(window[5:7]) - 1) // 3 + 1)
    return window


def load(paths):
    items, seen = [], set()
    for path in paths:
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                sys.exit("extract-eval: %s:%d: not JSON (%s)" % (path, number, error))
            for key in ("id", "url", "title", "text", "expect"):
                if key not in item:
                    sys.exit("extract-eval: %s:%d: no %r" % (path, number, key))
            if item["url"] in seen:
                sys.exit("extract-eval: %s:%d: url %s labelled twice" % (path, number, item["url"]))
            seen.add(item["url"])
            item["source"] = os.path.basename(path)
            items.append(item)
    return items


def run_extractor(items, chipwatch, config):
    stdin = "".join(json.dumps({"id": x["id"], "title": x["title"], "text": x["text"], "date": x.get("date")}) + "\n"
                    for x in items)
    run = subprocess.run([chipwatch, "extract-text", "--config", config], input=stdin.encode(),
                         capture_output=True, timeout=600)
    if run.returncode != 0:
        sys.stderr.write(run.stderr.decode())
        sys.exit("extract-eval: extract-text exited %d" % run.returncode)
    return {o["id"]: o for o in map(json.loads, run.stdout.decode().splitlines())}


def item_products(out):
    """The products an item names as the tool reports them: the dictionary's names and the
    names it does not know yet (`unknown_products`, marked `known: false` on signals)."""
    return out["products"] + [p for p in out.get("unknown_products", []) if p not in out["products"]]


def predicted_events(signals, expect):
    """The signals that count as claims of an event, given the item's labels."""
    labelled_modality = expect.get("modality") or {}
    out = []
    for s in signals:
        if s["modality"] == "recap":
            continue
        if s["modality"] == "denied" and labelled_modality.get(s["event"]) != "denied":
            continue
        out.append(s)
    return out


class Score:
    def __init__(self):
        self.tp = {k: 0 for k in KINDS}; self.fp = {k: 0 for k in KINDS}; self.fn = {k: 0 for k in KINDS}
        self.ptp = self.pfp = self.pfn = 0
        self.dated = self.exact = 0
        self.mod_total = self.mod_right = self.mod_unlabelled = 0
        self.items = 0
        self.false_ship_slip = 0
        self.bins = {}  # bin -> [right, total]
        self.products_scored = True

    def add(self, expect, events, products, signals):
        self.items += 1
        wanted = {e for e in expect["events"] if e != "none"}
        predicted = {s["event"] for s in events}
        for k in KINDS:
            if k in predicted and k in wanted: self.tp[k] += 1
            elif k in predicted: self.fp[k] += 1
            elif k in wanted: self.fn[k] += 1
        if ({"ship", "slip"} & predicted) - wanted:
            self.false_ship_slip += 1
        if products is None:
            self.products_scored = False
        else:
            got, want = set(products), set(expect["products"])
            self.ptp += len(got & want); self.pfp += len(got - want); self.pfn += len(want - got)
        if expect.get("milestone_date"):
            self.dated += 1
            label = expect["milestone_date"]
            windows = {quarter_of(s.get("window")) if len(label) == 7 and label[5] == "Q" else s.get("window")
                       for s in events if s["event"] in wanted}
            if label in windows: self.exact += 1
        labelled_modality = expect.get("modality") or {}
        for k in predicted & wanted:
            if k not in labelled_modality:
                self.mod_unlabelled += 1
                continue
            of_kind = [s for s in events if s["event"] == k]
            self.mod_total += 1
            if all(s["modality"] == labelled_modality[k] for s in of_kind): self.mod_right += 1
        for s in events:
            if "confidence" not in s:
                continue
            right = s["event"] in wanted and (s["event"] in ("restrict", "relax") or s.get("product") is None
                                                or s.get("product") in expect["products"])
            c = s["confidence"]
            b = "0.9-1.0" if c >= 0.9 else "0.8-0.9" if c >= 0.8 else "0.7-0.8" if c >= 0.7 else "0.5-0.7" if c >= 0.5 else "0.0-0.5"
            cell = self.bins.setdefault(b, [0, 0])
            cell[1] += 1
            if right: cell[0] += 1

    def figures(self):
        TP, FP, FN = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        p = TP / (TP + FP) if TP + FP else 1.0
        r = TP / (TP + FN) if TP + FN else 1.0
        pp = self.ptp / (self.ptp + self.pfp) if self.ptp + self.pfp else 1.0
        pr = self.ptp / (self.ptp + self.pfn) if self.ptp + self.pfn else 1.0
        high = self.bins.get("0.9-1.0", [0, 0])
        return {
            "event_precision": p, "event_recall": r, "event_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "product_f1": (2 * pp * pr / (pp + pr) if pp + pr else 0.0) if self.products_scored else None,
            "window_exact": self.exact / self.dated if self.dated else 1.0,
            "modality": self.mod_right / self.mod_total if self.mod_total else 1.0,
            "false_ship_slip_per_100": 100.0 * self.false_ship_slip / self.items if self.items else 0.0,
            # A share of fewer than CALIBRATION_MIN signals says nothing: left out (printed as "-").
            "calibrated_0.9": high[0] / high[1] if high[1] >= CALIBRATION_MIN else None,
        }


def fmt(value, digits=2):
    return "-" if value is None else ("%.*f" % (digits, value))


def report(name, ours, floor):
    f, g = ours.figures(), floor.figures()
    print("\n== %s: %d items (%d with a labelled window) ==" % (name, ours.items, ours.dated))
    print("%-10s %6s %6s %6s  %4s %4s %4s   | floor %6s %6s %6s" % ("event", "P", "R", "F1", "tp", "fp", "fn", "P", "R", "F1"))
    for k in KINDS + ["all"]:
        rows = []
        for s in (ours, floor):
            if k == "all":
                tp, fp, fn = sum(s.tp.values()), sum(s.fp.values()), sum(s.fn.values())
            else:
                tp, fp, fn = s.tp[k], s.fp[k], s.fn[k]
            p = tp / (tp + fp) if tp + fp else None
            r = tp / (tp + fn) if tp + fn else None
            f1 = 2 * p * r / (p + r) if p and r else (0.0 if (p is not None and r is not None) else None)
            rows.append((p, r, f1, tp, fp, fn))
        a, b = rows
        print("%-10s %6s %6s %6s  %4d %4d %4d   |       %6s %6s %6s" % (k, fmt(a[0]), fmt(a[1]), fmt(a[2]), a[3], a[4], a[5],
                                                                     fmt(b[0]), fmt(b[1]), fmt(b[2])))
    print("product F1 %s (tp %d fp %d fn %d) | floor -" % (fmt(f["product_f1"]), ours.ptp, ours.pfp, ours.pfn))
    print("window exact %s (%d of %d) | floor -" % (fmt(f["window_exact"]), ours.exact, ours.dated))
    print("modality on found events %s (%d of %d; %d found events left out: label gives no modality) | floor -"
          % (fmt(f["modality"]), ours.mod_right, ours.mod_total, ours.mod_unlabelled))
    print("false ship/slip items per 100: %s (%d items) | floor %s (%d items)"
          % (fmt(f["false_ship_slip_per_100"], 1), ours.false_ship_slip, fmt(g["false_ship_slip_per_100"], 1), floor.false_ship_slip))
    print("reliability (confidence bin: right / signals = share):",
          "; ".join("%s: %d/%d = %s" % (b, ours.bins[b][0], ours.bins[b][1], fmt(ours.bins[b][0] / ours.bins[b][1]))
                    for b in sorted(ours.bins)) or "no signals")
    return f


def main():
    args = sys.argv[1:]
    chipwatch, config, verbose, record = ".build/debug/chipwatch", "feeds/chipwatch.yaml", None, False
    files = []
    i = 0
    while i < len(args):
        if args[i] == "--chipwatch": chipwatch = args[i + 1]; i += 2
        elif args[i] == "--config": config = args[i + 1]; i += 2
        elif args[i] == "--verbose": verbose = args[i + 1]; i += 2
        elif args[i] == "--record": record = True; i += 1
        else: files.append(args[i]); i += 1
    if verbose == "test":
        sys.exit("extract-eval: test items are read as figures only; --verbose takes tune or shared")
    shared = sorted(glob.glob(os.path.join(HERE, "../../../shared/domain/labeled-news-*.jsonl")))
    if not files:
        files = sorted(glob.glob(os.path.join(HERE, "labelled/*.jsonl"))) + shared
    items = load(files)
    shared_names = {os.path.basename(p) for p in shared}
    outputs = run_extractor(items, chipwatch, config)

    sets = {name: (Score(), Score()) for name in ("tune", "test", "shared-110", "chinese", "all")}
    for x in items:
        expect = x["expect"]
        out = outputs[x["id"]]
        if "error" in out:
            sys.exit("extract-eval: %s: %s" % (x["id"], out["error"]))
        events = predicted_events(out["signals"], expect)
        floor_events = [{"event": k, "modality": "confirmed"} for k in keyword_floor.events(x["title"], x["text"])]
        split = split_of(x["url"])
        names = [split, "all"] + (["shared-110"] if x["source"] in shared_names else []) + (["chinese"] if is_chinese(x) else [])
        for name in names:
            ours, floor = sets[name]
            ours.add(expect, events, item_products(out), out["signals"])
            floor.add(expect, floor_events, None, [])
        if verbose and (verbose == split or (verbose == "shared" and x["source"] in shared_names and split == "tune")):
            predicted = {s["event"] for s in events}
            wanted = {e for e in expect["events"] if e != "none"}
            if predicted != wanted or set(item_products(out)) != set(expect["products"]) or expect.get("milestone_date"):
                print("%s: events %s want %s; products +%s -%s; window want %s (%s)" % (
                    x["id"], sorted(predicted), sorted(wanted), sorted(set(item_products(out)) - set(expect["products"])),
                    sorted(set(expect["products"]) - set(item_products(out))), expect.get("milestone_date"),
                    json.dumps(expect.get("modality") or {})))
                for s in out["signals"]:
                    print("    %s %s %s %s %.2f | %s" % (s["event"], s["modality"], s["product"], s["window"], s["confidence"],
                                                      s["evidence"]["text"][:110]))
    if verbose:
        return 0

    figures = {}
    for name, (ours, floor) in sets.items():
        if ours.items:
            figures[name] = report(name, ours, floor)

    print("\n%-26s %8s %8s %s" % ("target (on test)", "test", "target", ""))
    test = figures.get("test", {})
    for key, target in TARGETS.items():
        value = test.get(key)
        ok = value is not None and (value <= target if key in LOWER_IS_BETTER else value >= target)
        note = ""
        if key == "calibrated_0.9":
            high = sets["test"][0].bins.get("0.9-1.0", [0, 0])
            note = " (%d of %d test signals at confidence >= 0.9; read from %d or more)" % (high[0], high[1], CALIBRATION_MIN)
        print("%-26s %8s %8s %s%s" % (key, fmt(value), ("<= " if key in LOWER_IS_BETTER else ">= ") + fmt(target), "met" if ok else "MISSED", note))

    guard_path = os.path.join(HERE, "guard.json")
    digest = hashlib.sha256("".join(sorted(json.dumps(x, sort_keys=True) for x in items)).encode()).hexdigest()[:16]
    guards = json.load(open(guard_path)) if os.path.exists(guard_path) else {}
    entry = guards.get(digest, {})
    best = entry.get("best", {})
    whole = figures["all"]
    failures = []
    for key, target in TARGETS.items():
        value = whole.get(key)
        if value is None or key not in best:
            continue
        floor_value = max(target, best[key]) if key in LOWER_IS_BETTER else min(target, best[key])
        # guard.json keeps four decimals: a figure equal to its guard within that rounding holds.
        if (value > floor_value + 1e-4) if key in LOWER_IS_BETTER else (value < floor_value - 1e-4):
            failures.append("%s %s below its guard %s" % (key, fmt(value, 3), fmt(floor_value, 3)))
    if record:
        new = {}
        for key in TARGETS:
            value = whole.get(key)
            if value is None: continue
            old = best.get(key)
            better = old is None or ((value < old) if key in LOWER_IS_BETTER else (value > old))
            new[key] = round(value, 4) if better else old
        guards[digest] = {"items": len(items), "files": sorted({x["source"] for x in items}), "best": new}
        with open(guard_path, "w") as out:
            json.dump(guards, out, indent=2, sort_keys=True)
            out.write("\n")
        print("extract-eval: guard.json recorded for labelled set %s" % digest)
    elif not entry:
        failures.append("guard.json has no entry for this labelled set (%s, %d items): run with --record" % (digest, len(items)))
    for failure in failures:
        print("GUARD: " + failure)
    print("extract-eval: %s (%d items: %d tune, %d test; the guard is on all items)" % (
        "guard held" if not failures else "GUARD FAILED", len(items), sets["tune"][0].items, sets["test"][0].items))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
