#!/usr/bin/env python3
"""Generated chip-news feeds for the scale benchmark (issue 16), deterministic per seed.

    scale-feeds.py DIR FIRST COUNT [--items 100] [--days 60] [--start 2026-01-01] [--html]

Writes feeds FIRST .. FIRST+COUNT-1 as DIR/feed-N.xml (RSS 2.0, ITEMS items of about 2 KB)
and prints nothing. Items announce, ship, slip or restrict named chips, or report results
(no event); about one in five is a syndicated copy of an item of the feed before it (same
headline, one word changed, a few hours later), so stories group copies. Publication dates
spread over DAYS days from START, so a larger store packs more items into each month. With
--html each description is HTML as most publishers send it (paragraphs, a link, an emphasis),
for the parse benchmark's realistic feeds; its words are the same.
"""
import argparse
import datetime
import os
import random
from xml.sax.saxutils import escape

PRODUCTS = [("Huawei", "Ascend 950PR"), ("Huawei", "Ascend 950DT"), ("Huawei", "Ascend 960"), ("Nvidia", "Rubin"),
            ("Nvidia", "Blackwell Ultra"), ("Nvidia", "H20"), ("AMD", "Instinct MI400"), ("AMD", "Instinct MI355X"),
            ("Intel", "Gaudi 3"), ("SK hynix", "HBM4"), ("Samsung", "HBM4"), ("Micron", "HBM3E"), ("TSMC", "N2"),
            ("Cambricon", "Siyuan 590"), ("Google", "TPU v7")]
WINDOWS = ["the first quarter of 2027", "Q3 2026", "the second half of 2027", "late 2026", "2028", "Q2 2027"]
EVENTS = [
    "{v} said on {d} it has begun volume shipments of the {p} to its first customers.",
    "{v} has pushed volume production of the {p} to {w}, according to people familiar with the matter.",
    "{v} unveiled the {p} at its developer conference and said it plans to ship it in {w}.",
    "The Commerce Department added {n} Chinese entities to the Entity List, restricting exports of chips such as the {p}.",
    "{v} reported quarterly revenue of {n} billion dollars, ahead of analyst estimates, citing demand for AI chips.",
]
COMMON = ("supply chain capacity packaging demand customers datacenter servers analysts quarter revenue guidance wafer "
          "yield memory bandwidth cluster training inference accelerator roadmap partners foundry output orders "
          "investors market share pricing outlook lines engineers software ecosystem the of and to in for with").split()
# A vocabulary as wide as news text, made of syllables: unrelated items share few words, so their
# SimHashes sit far apart as real news does, while copies stay near.
_SYLLABLES = "ka lo mi ne ru sa te vo pi da ge ho zu fe ba ri mo lu".split()
RARE = sorted({a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES})


def word(rng):
    return rng.choice(COMMON) if rng.random() < 0.4 else rng.choice(RARE)


def filler(rng, length):
    out = []
    while sum(len(s) for s in out) < length:
        words = [word(rng) for _ in range(rng.randint(12, 22))]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def as_html(text, link):
    """The text as publishers' HTML: sentences in paragraphs of three, the first word of the
    lead in bold, a link to the article at the end."""
    sentences = text.split(". ")
    paragraphs = [". ".join(sentences[k:k + 3]) for k in range(0, len(sentences), 3)]
    first, _, rest = paragraphs[0].partition(" ")
    paragraphs[0] = "<strong>%s</strong> %s" % (escape(first), escape(rest))
    body = "".join("<p>%s</p>" % (p if k == 0 else escape(p)) for k, p in enumerate(paragraphs))
    return body + '<p><a href="%s">Read more</a></p>' % link


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("first", type=int)
    ap.add_argument("count", type=int)
    ap.add_argument("--items", type=int, default=100)
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--start", default="2026-01-01")
    ap.add_argument("--html", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    start = datetime.datetime.fromisoformat(a.start).replace(tzinfo=datetime.timezone.utc)
    previous = []
    for n in range(a.first, a.first + a.count):
        rng = random.Random(n)
        items = []
        for i in range(a.items):
            if previous and rng.random() < 0.2:
                title, text, when = rng.choice(previous)
                words = text.split(" ")
                words[rng.randrange(len(words))] = word(rng)
                text, when = " ".join(words), when + datetime.timedelta(hours=rng.randint(1, 6))
            else:
                v, p = rng.choice(PRODUCTS)
                when = start + datetime.timedelta(seconds=rng.randrange(a.days * 86400))
                event = rng.choice(EVENTS)
                lead = event.format(v=v, p=p, d=when.strftime("%A"), w=rng.choice(WINDOWS), n=rng.randint(5, 90))
                title = "%s %s: %s" % (v, p, " ".join(word(rng) for _ in range(5)))
                text = lead + " " + filler(rng, 1900)
            items.append((title, text, when))
        previous = items
        with open(os.path.join(a.dir, "feed-%d.xml" % n), "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>feed %d</title>'
                    '<link>https://feed-%d.example/</link>\n' % (n, n))
            for i, (title, text, when) in enumerate(items):
                if a.html:
                    text = as_html(text, "https://feed-%d.example/%d" % (n, i))
                f.write("<item><title>%s</title><link>https://feed-%d.example/%d</link><guid>feed-%d-%d</guid>"
                        "<pubDate>%s</pubDate><description>%s</description></item>\n"
                        % (escape(title), n, i, n, i, when.strftime("%a, %d %b %Y %H:%M:%S +0000"), escape(text)))
            f.write("</channel></rss>\n")


if __name__ == "__main__":
    main()
