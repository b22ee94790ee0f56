import Testing
import XML

/// HTML in feed text reduced to plain text by chipwatch's own one-pass tokenizer.
@Suite("HTML text")
struct HTMLTextTests {
    @Test("tags go, blocks break lines, whitespace collapses", arguments: [
        ("<p>One <b>bold</b>  word</p><p>Two</p>", "One bold word\nTwo"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("<ul>\n <li>x</li>\n <li>y</li>\n</ul>", "x\ny"),
        ("before<img src='a.png'>after", "before after"),
        ("<DIV CLASS=\"x\">Upper</DIV>case", "Upper\ncase"),
        ("<blockquote>quoted</blockquote>text", "quoted\ntext"),
        ("no markup,\t just   spaces", "no markup, just spaces"),
    ])
    func blocks(html: String, text: String) {
        #expect(HTMLText.plainText(html) == text)
    }

    @Test("scripts, styles and dropped elements leave nothing", arguments: [
        ("a<script>if (x < 1) { document.write('</p>') }</script>b", "ab"),
        ("a<script>var s = '</scriptx>';</script >b", "ab"),
        ("a<STYLE>p { color: red }</style>b", "ab"),
        ("safe<iframe src=\"http://example.com/\"/> description", "safe description"),
        ("a<noscript><p>enable js</p></noscript>b", "ab"),
        ("a<!-- a comment with <p> and > inside -->b", "ab"),
        ("a<!DOCTYPE html>b", "ab"),
        ("a<script>never closed", "a"),
    ])
    func dropped(html: String, text: String) {
        #expect(HTMLText.plainText(html) == text)
    }

    @Test("attributes may hold > and quotes only where a value starts", arguments: [
        ("<a title=\"1 > 0\" href='x'>link</a>", "link"),
        ("<a title=it's>it</a> works", "it works"),
        ("<a href=\"never closed>text", ""),
    ])
    func attributes(html: String, text: String) {
        #expect(HTMLText.plainText(html) == text)
    }

    @Test("character references", arguments: [
        ("caf&eacute; &amp; cr&egrave;me", "café & crème"),
        ("a&nbsp;&nbsp;b", "a b"),
        ("&#8212; and &#x2014;", "— and —"),
        ("don&#146;t", "don\u{2019}t"),           // C1 control read as Windows-1252, as browsers do
        ("&amp without semicolon", "&amp without semicolon"),
        ("&unknown; &#xD800; &#0;", "&unknown;"),
        ("&Eacute;&eacute;", "Éé"),
        ("1 < 2 & 3 <> 4", "1 < 2 & 3 <> 4"),
        ("<!' <a href=\"foo\">", "<!'"),
    ])
    func references(html: String, text: String) {
        #expect(HTMLText.plainText(html) == text)
    }

    @Test("non-ASCII text and no-break spaces survive")
    func unicode() {
        #expect(HTMLText.plainText("<p>华为\u{00A0}昇腾 950PR</p>") == "华为 昇腾 950PR")
        #expect(HTMLText.normaliseWhitespace("  x \n\n  y  ") == "x\ny")
    }
}
