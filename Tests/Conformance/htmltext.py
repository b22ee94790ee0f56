"""HTML to plain text for the strict conformance comparison: what a reader sees of an
expected HTML value (entities decoded once, tags removed, script and style dropped, block
elements line breaks). Applied to expected values and to the feedparser peer's HTML, never to
chipwatch's own output, which is plain text already."""
import html.parser

BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table",
          "section", "article", "header", "footer", "dd", "dt", "dl", "hr"}
DROPPED = {"script", "style", "noscript", "template", "iframe"}


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.dropped = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED:
            self.dropped += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in DROPPED:
            self.dropped = max(0, self.dropped - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.dropped:
            self.parts.append(data)


def html_text(value):
    """The text a reader sees of `value` read as HTML."""
    if value is None:
        return ""
    reader = _Text()
    reader.feed(str(value))
    reader.close()
    return "".join(reader.parts)
