#!/usr/bin/env python3
"""Conformance of `chipwatch parse-file` against other parsers' test suites.

    python3 Tests/Conformance/conformance.py [--corpus ../shared/corpus] [--bin PATH] [--failures N]
                                             [--lenient] [--no-peer]

Runs parse-file on every case of ../shared/corpus/MANIFEST.tsv and compares the fields
chipwatch models (feed title, link, subtitle, language; item id, title, link, dates,
summary, content, categories, enclosures) with each suite's expected results.

Strict (the default): an expected value is read as HTML once (entities decoded, tags removed,
script and style dropped: what a reader sees), chipwatch's output is taken as it is (plain
text by design, never unescaped here), and the two are compared with whitespace removed.
feedparser's `wellformed/sanitize/` cases count among the well-formed ones. Expected-result
files are read in their own encoding. Every case left out of a pass rate is counted under a
stated reason. `--lenient` is the earlier comparison (both sides unescaped and stripped of
tags, sanitize/ left out), kept to compare figures.

The peer: Python feedparser (installed by this runner into .build/conformance-venv from PyPI)
on the same cases, its result mapped to chipwatch's shape and scored by the same comparisons
(on feedparser's own cases: whether its result meets the Expect expression), printed beside
each row. `--no-peer` skips it.

Exit status: 1 on a crash or hang (the target is none), else 0.
"""
import argparse
import ast
import collections
import concurrent.futures
import datetime
import html
import json
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htmltext import html_text  # noqa: E402

TAG = re.compile(r"<[^>]*>")
STRICT = True


def text(value, ours=False):
    """Text with all whitespace removed. Strict: an expected value read as HTML once, ours
    (`ours=True`: chipwatch's or the peer's already plain text) as it is. Lenient: both sides
    unescaped twice and stripped of tags."""
    if value is None:
        return ""
    if isinstance(value, dict):
        value = value.get("content") or value.get("value") or value.get("body") or ""
    if STRICT:
        value = str(value) if ours else html_text(str(value))
    else:
        value = html.unescape(TAG.sub(" ", html.unescape(str(value))))
    return re.sub(r"\s+", "", value)


def url(value):
    """RFC 3986 normalisation: case of scheme and host, empty path as "/"."""
    if not value:
        return value
    parts = urllib.parse.urlsplit(value.strip())
    if not parts.scheme:
        return value.strip()
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query,
                                    parts.fragment))


def instant(value):
    if not value:
        return None
    value = str(value).replace("Z", "+00:00")
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed.astimezone(datetime.timezone.utc).replace(microsecond=0)


class Compare:
    def __init__(self):
        self.problems = []

    def text(self, where, expected, actual):
        if text(expected) and text(expected) != text(actual, ours=True):
            self.problems.append("%s: expected %r, got %r" % (where, str(expected)[:80], str(actual)[:80]))

    def exact(self, where, expected, actual):
        if "link" in where:
            expected, actual = url(expected), url(actual)
        if expected not in (None, "", []) and expected != actual:
            self.problems.append("%s: expected %r, got %r" % (where, expected, actual))

    def date(self, where, expected, actual):
        e = instant(expected)
        if e is not None and e != instant(actual):
            self.problems.append("%s: expected %s, got %s" % (where, e, actual))

    def count(self, where, expected, actual):
        if len(expected) != len(actual):
            self.problems.append("%s: expected %d, got %d" % (where, len(expected), len(actual)))
            return False
        return True


def first_link(links, rel="alternate"):
    for link in links or []:
        if (link.get("rel") or "alternate") == rel and link.get("href"):
            return link["href"]
    return None


def compare_gofeed(kind, expected, got):
    c = Compare()
    feed, items = got["feed"], got["items"]
    c.text("feed.title", expected.get("title"), feed["title"])
    if kind == "atom.Feed":
        c.text("feed.subtitle", expected.get("subtitle"), feed["subtitle"])
        entries = expected.get("entries") or []
        if c.count("entries", entries, items):
            for i, (e, g) in enumerate(zip(entries, items)):
                c.text("entries[%d].title" % i, e.get("title"), g["title"])
                c.exact("entries[%d].id" % i, (e.get("id") or "").strip() or None, g["id"])
                c.exact("entries[%d].link" % i, first_link(e.get("links")), g["link"])
                c.date("entries[%d].published" % i, e.get("publishedParsed"), g["published"])
                c.date("entries[%d].updated" % i, e.get("updatedParsed"), g["updated"])
                c.text("entries[%d].summary" % i, e.get("summary"), g["summary"])
                c.text("entries[%d].content" % i, e.get("content"), g["content"])
        return c.problems
    c.text("feed.link", expected.get("link"), feed["link"])
    c.exact("feed.language", expected.get("language"), feed["language"])
    c.text("feed.subtitle", expected.get("description"), feed["subtitle"])
    entries = expected.get("items") or []
    if c.count("items", entries, items):
        for i, (e, g) in enumerate(zip(entries, items)):
            c.text("items[%d].title" % i, e.get("title"), g["title"])
            c.text("items[%d].link" % i, e.get("link"), g["link"])
            guid = e.get("guid")
            if isinstance(guid, dict):
                guid = guid.get("value")
            c.exact("items[%d].id" % i, (guid or "").strip() or None, g["id"])
            c.date("items[%d].published" % i, e.get("pubDateParsed") or e.get("publishedParsed"), g["published"])
            c.text("items[%d].summary" % i, e.get("description"), g["summary"])
            c.text("items[%d].content" % i, e.get("content"), g["content"])
            cats = [x.get("value") if isinstance(x, dict) else x for x in e.get("categories") or []]
            c.exact("items[%d].categories" % i, [x for x in cats if x], g["categories"])
            enclosure = e.get("enclosure")
            if enclosure and enclosure.get("url"):
                c.exact("items[%d].enclosure" % i, enclosure["url"], (g["enclosures"] or [{}])[0].get("url"))
    return c.problems


def compare_feed_rs(expected, got):
    c = Compare()
    feed, items = got["feed"], got["items"]
    atom = expected.get("feed_type") == "Atom"
    c.text("feed.title", expected.get("title"), feed["title"])
    c.text("feed.subtitle", expected.get("description"), feed["subtitle"])
    c.exact("feed.link", first_link(expected.get("links")), feed["link"])
    entries = expected.get("entries") or []
    if c.count("entries", entries, items):
        for i, (e, g) in enumerate(zip(entries, items)):
            c.text("entries[%d].title" % i, e.get("title"), g["title"])
            if atom:
                c.exact("entries[%d].id" % i, e.get("id"), g["id"])
            c.exact("entries[%d].link" % i, first_link(e.get("links")), g["link"])
            c.date("entries[%d].published" % i, e.get("published"), g["published"])
            c.text("entries[%d].summary" % i, e.get("summary"), g["summary"])
            c.text("entries[%d].content" % i, (e.get("content") or {}).get("body"), g["content"])
    return c.problems


def compare_rss_parser(expected, got):
    c = Compare()
    exp = expected.get("feed", expected)
    feed, items = got["feed"], got["items"]
    c.text("feed.title", exp.get("title"), feed["title"])
    c.text("feed.link", exp.get("link"), feed["link"])
    entries = exp.get("items") or []
    if c.count("items", entries, items):
        for i, (e, g) in enumerate(zip(entries, items)):
            c.text("items[%d].title" % i, e.get("title"), g["title"])
            c.text("items[%d].link" % i, e.get("link"), g["link"])
            c.date("items[%d].published" % i, e.get("isoDate"), g["published"] or g["updated"])
    return c.problems


# --- feedparser: evaluate its Expect expressions against a feedparser-shaped view --------

class View(dict):
    """A dict that also answers attribute access and feedparser's legacy key names."""
    ALIASES = {"channel": "feed", "items": "entries", "guid": "id", "date": "updated",
               "date_parsed": "updated_parsed", "description": "summary", "url": "href",
               "modified": "updated", "modified_parsed": "updated_parsed", "issued": "published",
               "issued_parsed": "published_parsed", "tagline": "subtitle", "copyright": "rights"}

    def __getitem__(self, key):
        if not dict.__contains__(self, key) and key in self.ALIASES:
            key = self.ALIASES[key]
        return dict.__getitem__(self, key)

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key)

    def has_key(self, key):
        try:
            self[key]
            return True
        except KeyError:
            return False

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default


def struct(value):
    moment = instant(value)
    if moment is None:
        return None
    return tuple(moment.timetuple()[:8]) + (0,)


class FeedView(View):
    ALIASES = dict(View.ALIASES, description="subtitle")


def feedparser_view(got):
    feed = got["feed"]
    f = FeedView((k, feed[k]) for k in ("title", "link", "subtitle", "language") if feed[k])
    if STRICT:
        f.setdefault("title", "")
        f.setdefault("subtitle", "")
    if feed["link"]:
        f["links"] = [View(href=feed["link"], rel="alternate")]
    if feed["updated"]:
        # chipwatch keeps one feed date (lastBuildDate, else pubDate): it answers for both.
        f["updated"] = feed["updated"]
        f["updated_parsed"] = f["published_parsed"] = struct(feed["updated"])
    if feed["authors"]:
        first = feed["authors"][0]
        f["author"] = "%s (%s)" % (first["name"], first["email"]) if first["email"] and first["name"] else \
            (first["name"] or first["email"])
        f["author_detail"] = View((k, v) for k, v in (("name", first["name"]), ("email", first["email"])) if v)
        f["authors"] = [View(name=a["name"], email=a["email"], href=a["uri"]) for a in feed["authors"]]
    entries = []
    for item in got["items"]:
        e = View((k, item[k]) for k in ("title", "link", "summary") if item[k])
        e["id"] = item["id"]
        if item["content"]:
            e["content"] = [View(value=item["content"])]
        if STRICT:
            # An element whose text is empty (a sanitised-away `<span></span>`) is there, empty.
            e.setdefault("summary", "")
            e.setdefault("title", "")
            e.setdefault("content", [View(value="")])
        if item["published"]:
            e["published"] = item["published"]
            e["published_parsed"] = struct(item["published"])
        if item["updated"] or item["published"]:
            # feedparser falls back from updated to published, as chipwatch's consumers do.
            e["updated"] = item["updated"] or item["published"]
            e["updated_parsed"] = struct(e["updated"])
        if item["authors"]:
            first = item["authors"][0]
            e["author_detail"] = View((k, v) for k, v in (("name", first["name"]), ("email", first["email"])) if v)
            e["author"] = "%s (%s)" % (first["name"], first["email"]) if first["email"] and first["name"] else \
                (first["name"] or first["email"])
            e["authors"] = [View(name=a["name"], email=a["email"], href=a["uri"]) for a in item["authors"]]
        e["tags"] = [View(term=t) for t in item["categories"]]
        e["enclosures"] = [View(href=x["url"], type=x["type"], length=str(x["length"] or "")) for x in item["enclosures"]]
        e["links"] = [View(href=link, rel="alternate") for link in item["links"]]
        entries.append(e)
    return View(bozo=1 if got["recovered"] else 0, feed=f, entries=entries, version=got["format"])


# The paths of feedparser's result that chipwatch models (list indices dropped, legacy
# aliases folded). An expectation touches only modelled fields when every path it reads is
# one of these: feed ids and tags, link titles and types, content types and languages,
# raw date strings, *_detail values other than author names and e-mails, sources and
# extension elements are feedparser's richer model, not chipwatch's.
ALIASES = {"channel": "feed", "items": "entries", "guid": "id", "description": "summary", "tagline": "subtitle",
           "modified_parsed": "updated_parsed", "date_parsed": "updated_parsed", "issued_parsed": "published_parsed",
           "url": "href"}
MODELLED_PATHS = {
    ("bozo",), ("feed",), ("entries",),
    ("feed", "title"), ("feed", "link"), ("feed", "subtitle"), ("feed", "summary"), ("feed", "language"),
    ("feed", "updated_parsed"), ("feed", "published_parsed"), ("feed", "author"),
    ("feed", "author_detail", "name"), ("feed", "author_detail", "email"),
    ("feed", "authors"), ("feed", "authors", "name"), ("feed", "authors", "email"),
    ("feed", "links"), ("feed", "links", "href"),
    ("entries", "title"), ("entries", "link"), ("entries", "id"), ("entries", "summary"),
    ("entries", "content"), ("entries", "content", "value"), ("entries", "published_parsed"),
    ("entries", "updated_parsed"), ("entries", "author"), ("entries", "author_detail", "name"),
    ("entries", "author_detail", "email"), ("entries", "authors"), ("entries", "authors", "name"),
    ("entries", "authors", "email"), ("entries", "tags"), ("entries", "tags", "term"),
    ("entries", "enclosures"), ("entries", "enclosures", "href"), ("entries", "enclosures", "type"),
    ("entries", "enclosures", "length"), ("entries", "links"), ("entries", "links", "href"),
}


def read_paths(expect):
    """Every path the expression reads, e.g. ('entries', 'content', 'value'); None if unreadable."""
    try:
        tree = ast.parse(expect, mode="eval")
    except SyntaxError:
        return None
    paths = []

    def path_of(node):
        keys = []
        while True:
            if isinstance(node, ast.Subscript):
                if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
                    keys.append(node.slice.value)
                node = node.value
            elif isinstance(node, ast.Attribute):
                keys.append(node.attr)
                node = node.value
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "has_key"):
                if node.args and isinstance(node.args[0], ast.Constant):
                    keys.append(node.args[0].value)
                node = node.func.value
            elif isinstance(node, ast.Name):
                keys.append(node.id)
                break
            else:
                return None
        return tuple(ALIASES.get(k, k) for k in reversed(keys))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Subscript, ast.Attribute, ast.Call, ast.Name)):
            if isinstance(node, ast.Name) and node.id in ("len", "ord", "None", "True", "False", "datetime", "isinstance"):
                continue
            if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "has_key")):
                continue
            path = path_of(node)
            if path:
                paths.append(path)
    return paths


def touches_only_modelled(expect):
    paths = read_paths(expect)
    if not paths:
        return False
    # Prefixes of a longer path are read on the way to it; judge the full paths.
    full = [p for p in paths if not any(q != p and q[: len(p)] == p for q in paths)]
    return all(p in MODELLED_PATHS for p in full)


def feedparser_expectation(path):
    raw = open(path, "rb").read()
    head = raw.decode("utf-8", "ignore")
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"),
                       (b"\x00<\x00?", "utf-16-be")):
        if raw.startswith(bom):
            head = raw.decode(codec, "ignore")
            break
    match = re.search(r"Description:\s*(.*?)\s*Expect:\s*(.*)\s*-->", head)
    headers = dict((k.strip(), v.strip()) for k, v in re.findall(r"^Header:\s+([^:]+):(.*)$", head, re.M))
    skip = re.search(r"SkipUnless:\s*(.*?)\n", head)
    return (match.group(2).strip() if match else None), headers, bool(skip)


def feedparser_judge(expect, got, plain):
    view = feedparser_view(got)
    env = {"datetime": datetime, "feedparser": None}
    try:
        if eval(expect, env, view):
            return []
    except Exception as error:  # a missing key is a failure, not a crash
        return ["expect %s raised %s" % (expect[:120], type(error).__name__)]
    if plain:
        # chipwatch gives plain text: accept when the literals match after HTML is reduced to text.
        try:
            lhs = re.findall(r"(\w+(?:\[[^\]]+\])+(?:\.\w+)?)\s*==\s*(u?'(?:[^'\\]|\\.)*'|u?\"(?:[^\"\\]|\\.)*\")", expect)
            if lhs and all(text(eval(a, env, view), ours=True) == text(eval(b)) for a, b in lhs) and \
                    ("not bozo" not in expect or not view["bozo"]):
                return []
        except Exception:
            pass
    return ["expect %s" % expect[:160]]


# --- runner -----------------------------------------------------------------------------

def read_expected(path):
    """An expected-result file in its own encoding: UTF-8, -16 or -32 as JSON allows, else
    Latin-1 (rss-parser's encoding.json is written in it)."""
    data = open(path, "rb").read()
    try:
        return json.loads(data)
    except UnicodeDecodeError:
        return json.loads(data.decode("latin-1"))


def feedparser_scope(input_path, expect):
    """Where a feedparser case counts, and for one left out of the well-formed rate, why."""
    if "/wellformed/" not in input_path:
        return "feedparser-other", "ill-formed, encoding, HTTP or entity case (not under wellformed/)"
    if not STRICT and "/sanitize/" in input_path:
        return "feedparser-other", "sanitize/ (left out by --lenient only)"
    if expect.strip() == "1":
        return "feedparser-other", "expects only that the file parses"
    if not touches_only_modelled(expect):
        return "feedparser-other", "reads fields chipwatch does not model (feedparser's richer model)"
    return "feedparser-wellformed", None


def run_case(binary, corpus, row):
    """(scope, path, verdict, problems, context); context lets the peer be judged alike."""
    source, input_path, expected, kind = row[0], row[1], row[2], row[3]
    path = os.path.join(corpus, input_path)
    args = [binary, "parse-file", path]
    headers, skip, expect = {}, False, None
    context = {"path": path, "kind": kind, "headers": {}, "expect": None, "want": None, "reason": None}
    if kind == "feedparser-expect":
        expect, headers, skip = feedparser_expectation(path)
        context.update(headers=headers, expect=expect)
        if "Content-Type" in headers:
            args += ["--content-type", headers["Content-Type"]]
        # Upstream serves these over HTTP from 127.0.0.1:8097; Content-Location rebases.
        if "http" in input_path:
            base = "http://127.0.0.1:8097/" + input_path.split("/", 1)[1]
            base = urllib.parse.urljoin(base, headers.get("Content-Location", base))
            args += ["--url", base]
    try:
        done = subprocess.run(args, capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return source, input_path, "hang", ["timed out after 20 s"], context
    if done.returncode not in (0, 65):
        return source, input_path, "crash", ["exit %d: %s" % (done.returncode, done.stderr.decode()[-300:])], context
    got = json.loads(done.stdout) if done.returncode == 0 else None
    if kind == "feedparser-expect":
        if skip or expect is None:
            context["reason"] = "SkipUnless or no Expect line"
            return "feedparser (skipped)", input_path, "skip", [], context
        scope, context["reason"] = feedparser_scope(input_path, expect)
        if got is None:
            return scope, input_path, "fail", ["not a feed: " + done.stderr.decode().strip()[-200:]], context
        problems = feedparser_judge(expect, got, plain=True)
        return scope, input_path, "fail" if problems else "pass", problems, context
    if expected == "-" or not kind.startswith(("gofeed-json", "feed-rs-serde", "rss-parser-json")):
        # Nothing to compare with: parsed, or refused cleanly as not a feed, without a crash.
        return source + " (no data expectation)", input_path, "pass", [], context
    want = read_expected(os.path.join(corpus, expected.split(",")[0]))
    context["want"] = want
    return (source, input_path) + judge_json(kind, want, got) + (context,)


def judge_json(kind, want, got):
    if got is None:
        if isinstance(want, dict) and (want.get("title") or want.get("items") or want.get("entries") or want.get("feed")):
            return "fail", ["not a feed"]
        return "pass", []
    if kind.startswith("gofeed-json"):
        problems = compare_gofeed(kind.split(":")[1], want, got)
    elif kind == "feed-rs-serde":
        problems = compare_feed_rs(want, got)
    else:
        problems = compare_rss_parser(want, got)
    return ("fail" if problems else "pass"), problems


def peer_python(root):
    """A virtual environment with feedparser, made on first use; None (with why) if it cannot be."""
    venv = os.path.join(root, ".build", "conformance-venv")
    python = os.path.join(venv, "bin", "python")
    try:
        if not os.path.exists(python):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True, capture_output=True, timeout=300)
        check = subprocess.run([python, "-c", "import feedparser"], capture_output=True)
        if check.returncode != 0:
            subprocess.run([python, "-m", "pip", "install", "-q", "feedparser==6.0.14"], check=True, capture_output=True,
                           timeout=600)
        return python, None
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        return None, "could not install feedparser: %s" % error


def run_peer(python, contexts):
    """The peer's verdict for each case: 'pass' or 'fail' (None where not judged)."""
    here = os.path.dirname(os.path.abspath(__file__))
    cases = [c for c in contexts if c["kind"] == "feedparser-expect" or c["want"] is not None]
    stdin = "".join(json.dumps({"path": c["path"], "headers": c["headers"], "expect": c["expect"]}) + "\n" for c in cases)
    done = subprocess.run([python, os.path.join(here, "feedparser_peer.py")], input=stdin.encode(), capture_output=True,
                          timeout=1800)
    verdicts = {}
    by_path = {c["path"]: c for c in cases}
    for line in done.stdout.decode().splitlines():
        result = json.loads(line)
        context = by_path[result["path"]]
        if context["kind"] == "feedparser-expect":
            verdicts[result["path"]] = "pass" if result["verdict"] else "fail"
        else:
            verdicts[result["path"]] = judge_json(context["kind"], context["want"], result["shape"])[0]
    return verdicts


def main():
    global STRICT
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=os.path.join(os.path.dirname(root), "shared", "corpus"))
    parser.add_argument("--bin", default=os.path.join(root, ".build", "debug", "chipwatch"))
    parser.add_argument("--failures", type=int, default=10, help="failures listed per source")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--lenient", action="store_true", help="the earlier, lenient comparison")
    parser.add_argument("--no-peer", action="store_true", help="skip the feedparser peer")
    options = parser.parse_args()
    STRICT = not options.lenient
    manifest = os.path.join(options.corpus, "MANIFEST.tsv")
    if not os.path.exists(manifest):
        print("conformance: no corpus at %s, skipped" % options.corpus)
        return 0
    rows = [line.rstrip("\n").split("\t") for line in open(manifest, encoding="utf-8") if not line.startswith("#")]
    results = collections.defaultdict(lambda: collections.Counter())
    failures = collections.defaultdict(list)
    left_out = collections.Counter()
    contexts = []
    scope_of = {}
    broken = []
    with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
        for scope, path, verdict, problems, context in pool.map(lambda r: run_case(options.bin, options.corpus, r), rows):
            results[scope][verdict] += 1
            contexts.append(context)
            scope_of[context["path"]] = scope
            if context["reason"]:
                left_out[context["reason"]] += 1
            if verdict in ("fail", "crash", "hang"):
                failures[scope].append((path, problems))
            if verdict in ("crash", "hang"):
                broken.append((path, verdict, problems))
    peer = collections.defaultdict(lambda: collections.Counter())
    peer_note = "skipped (--no-peer)"
    if not options.no_peer:
        python, why = peer_python(root)
        if python:
            for path, verdict in run_peer(python, contexts).items():
                peer[scope_of[path]][verdict] += 1
            peer_note = "Python feedparser 6.0.14, mapped to chipwatch's shape and scored alike"
        else:
            peer_note = "unavailable: " + why
    print("comparison: %s" % ("strict" if STRICT else "lenient"))
    print("| source | cases | passed | failed | pass rate | feedparser peer |")
    print("|---|---:|---:|---:|---:|---:|")
    for scope in sorted(results):
        c = results[scope]
        judged = c["pass"] + c["fail"] + c["crash"] + c["hang"]
        if not judged:
            continue
        rate = 100.0 * c["pass"] / judged if judged else 0.0
        p = peer.get(scope)
        peer_cell = "%.1f%%" % (100.0 * p["pass"] / (p["pass"] + p["fail"])) if p and p["pass"] + p["fail"] else "-"
        print("| %s | %d | %d | %d | %.1f%% | %s |" % (scope, judged, c["pass"], judged - c["pass"], rate, peer_cell))
    print("\npeer: %s" % peer_note)
    print("\nfeedparser cases outside the well-formed rate, by reason:")
    for reason, count in left_out.most_common():
        print("- %d: %s" % (count, reason))
    print("\ncrashes and hangs: %d" % len(broken))
    for scope in sorted(failures):
        print("\n## %s: first %d failures" % (scope, options.failures))
        for path, problems in failures[scope][: options.failures]:
            print("- %s: %s" % (path, "; ".join(problems)[:300]))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
