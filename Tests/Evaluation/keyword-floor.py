#!/usr/bin/env python3
"""The keyword floor: the reference row beside every extractor figure.

An item fires an event kind when any of that kind's words (domain.md section 4, as a reader
would first write them down) occurs in its title or text, case-insensitively at word edges.
No scope, no negation, no tense, no names: what any news alert service gives. The
extractor must beat this on the same items in the same run to be worth its complexity.
"""
import re

WORDS = {
    "ship": ["ships", "shipping", "shipped", "shipment", "shipments", "delivered", "deliveries", "generally available",
             "now available", "mass production", "volume production", "in production", "deployed", "rolled out",
             "量产", "出货", "交付"],
    "slip": ["delay", "delayed", "delays", "postpone", "postponed", "pushed back", "behind schedule", "slipped",
             "yield problems", "推迟", "延期"],
    "announce": ["announce", "announced", "announces", "unveil", "unveiled", "unveils", "introduced", "roadmap",
                 "launch", "launches", "launched", "sampling", "samples", "发布", "推出"],
    "cancel": ["cancel", "cancelled", "canceled", "scrapped", "discontinued", "shut down", "halt production",
               "halted production", "取消", "停产"],
    "restrict": ["export control", "export controls", "export restrictions", "entity list", "ban", "banned", "bans",
                 "sanctions", "blacklist", "license requirement", "licence requirement", "出口管制", "实体清单"],
    "relax": ["lifted", "lift", "rescind", "rescinded", "waiver", "exemption", "licenses granted", "licences granted",
              "approved", "resume sales", "放宽", "批准"],
}

_PATTERNS = {kind: re.compile("|".join(
    (r"(?<![a-z])" + re.escape(w) + r"(?![a-z])") if w.isascii() else re.escape(w) for w in words), re.I)
    for kind, words in WORDS.items()}


def events(title, text):
    joined = title + "\n" + text
    return {kind for kind, pattern in _PATTERNS.items() if pattern.search(joined)}
