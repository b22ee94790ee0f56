#!/usr/bin/env python3
"""The feedparser peer for conformance.py: Python feedparser on the same cases, its result
mapped to chipwatch's `parse-file` JSON shape (text fields reduced from feedparser's HTML to
text the same way the strict comparison reduces expected HTML), so both are scored by the
same comparisons.

Run by conformance.py with a virtual environment's Python that has feedparser installed.
Reads JSON lines {"path", "headers", "expect"} on stdin and writes one JSON line per input:
{"path", "shape": chipwatch-shaped result or null, "verdict": whether feedparser's own result
meets the case's Expect expression (feedparser cases), or null}.
"""
import datetime
import json
import sys
import time

import feedparser

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from htmltext import html_text  # noqa: E402


def iso(parsed):
    if not parsed:
        return None
    try:
        return datetime.datetime(*parsed[:6], tzinfo=datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError):
        return None


def text_of(value):
    return html_text(value or "")


def shape(result):
    feed = result.get("feed", {})
    out = {
        "format": result.get("version", ""), "recovered": bool(result.get("bozo")), "error": None,
        "feed": {"title": text_of(feed.get("title")), "link": feed.get("link", ""),
                 "subtitle": text_of(feed.get("subtitle")), "language": feed.get("language", ""),
                 "updated": iso(feed.get("updated_parsed") or feed.get("published_parsed")),
                 "authors": [{"name": a.get("name", ""), "email": a.get("email"), "uri": a.get("href")}
                             for a in feed.get("authors", []) if isinstance(a, dict)]},
        "items": [],
    }
    for e in result.get("entries", []):
        content = e.get("content") or []
        out["items"].append({
            "id": e.get("id", ""), "title": text_of(e.get("title")), "link": e.get("link", ""),
            "links": [l.get("href", "") for l in e.get("links", [])],
            "published": iso(e.get("published_parsed")), "updated": iso(e.get("updated_parsed")),
            "authors": [{"name": a.get("name", ""), "email": a.get("email"), "uri": a.get("href")}
                        for a in e.get("authors", []) if isinstance(a, dict)],
            "summary": text_of(e.get("summary")), "content": text_of(content[0].get("value") if content else ""),
            "categories": [t.get("term") for t in e.get("tags", []) if t.get("term")],
            "enclosures": [{"url": x.get("href", ""), "type": x.get("type", ""),
                            "length": int(x["length"]) if str(x.get("length", "")).isdigit() else None}
                           for x in e.get("enclosures", [])],
        })
    return out


def main():
    for line in sys.stdin:
        case = json.loads(line)
        try:
            kwargs = {}
            if case.get("headers"):
                kwargs["response_headers"] = {k.lower(): v for k, v in case["headers"].items()}
            result = feedparser.parse(open(case["path"], "rb").read(), **kwargs)
            verdict = None
            if case.get("expect"):
                env = {"datetime": datetime, "time": time}
                try:
                    verdict = bool(eval(case["expect"], env, result))
                except Exception:
                    verdict = False
            empty = not result.get("entries") and not result.get("feed")
            print(json.dumps({"path": case["path"], "shape": None if empty else shape(result), "verdict": verdict}))
        except Exception as error:  # the peer's own crash is reported, not hidden
            print(json.dumps({"path": case["path"], "shape": None, "verdict": False, "error": repr(error)[:200]}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
