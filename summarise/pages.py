"""Accessible web pages: one per item and an index of the batch, rendered from the items' JSON reports.

Pages are plain HTML with `lang="en-GB"`, one `h1`, headings in order, a skip link, visible focus,
phone numbers as `tel:` links and an audio player that never plays by itself, with its transcript beside it.
"""

from __future__ import annotations

import re
from html import escape

from . import __version__

LINKED_KINDS = ("phone", "shortcode", "textnumber", "url", "email")  # help contacts that become links
SUMMARY_PREVIEW_WORDS = 40  # words of the summary shown for each item in the index
DRAFT_NOTE = (
    '<p class="draft" role="note"><strong>Draft, not yet approved.</strong> A reviewer has not approved this '
    "version yet; it is not on the index page or in the podcast feed. Do not share it.</p>"
)

STYLE = """
:root { color-scheme: light; }
body { font: 1.125rem/1.6 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #1b1b1b;
       background: #fff; margin: 0 auto; max-width: 46rem; padding: 1rem 1.25rem 3rem; }
a { color: #0b4fa8; text-underline-offset: 0.15em; }
a:visited { color: #5a2d91; }
a:focus, audio:focus, summary:focus { outline: 3px solid #b35900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { position: static; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 2px solid #d0d0d0; }
.meta, footer { color: #4a4a4a; }
.help li { margin-bottom: 0.5rem; }
.help a[href^="tel:"], .help a[href^="sms:"] { font-weight: 700; white-space: nowrap; }
audio { width: 100%; margin: 0.5rem 0; }
.transcript { background: #f4f4f4; padding: 0.75rem 1rem; border-left: 4px solid #6b6b6b; }
ol.items { list-style: none; padding: 0; }
ol.items > li { border-bottom: 1px solid #d0d0d0; padding: 0.5rem 0 1rem; }
ol.items h2 { border: 0; margin: 0.5rem 0 0.25rem; font-size: 1.25rem; }
.draft { background: #fff4ce; border: 3px solid #8a5a00; padding: 0.75rem 1rem; color: #1b1b1b; }
"""


def href(name: str, base_url: str = "") -> str:
    """A link to a file of the batch: relative, or absolute under `base_url`."""
    return f"{base_url.rstrip('/')}/{name}" if base_url else name


def contact_href(kind: str, text: str) -> str:
    """The link a contact opens: tel: for phones, sms: for text numbers, mailto: for e-mail, the address for web."""
    if kind in ("phone", "shortcode"):
        return "tel:" + re.sub(r"[^\d+]", "", text)
    if kind == "textnumber":
        return "sms:" + re.sub(r"\D", "", text)
    if kind == "email":
        return "mailto:" + text
    return text if re.match(r"https?://", text, re.IGNORECASE) else "https://" + text


def linked(line: str, facts: list[dict]) -> str:
    """A line of text as HTML, with each help contact in it turned into a link."""
    contacts = sorted(
        {(f["kind"], f["text"]) for f in facts if f["role"] == "help" and f["kind"] in LINKED_KINDS},
        key=lambda kt: -len(kt[1]),
    )
    spans: list[tuple[int, int, str]] = []
    for kind, text in contacts:
        for m in re.finditer(rf"(?<![\w/.@]){re.escape(text)}(?![\w/@])", line):
            if all(m.end() <= s or m.start() >= e for s, e, _ in spans):
                spans.append((m.start(), m.end(), contact_href(kind, text)))
    out, pos = [], 0
    for start, end, link in sorted(spans):
        out.append(escape(line[pos:start]))
        out.append(f'<a href="{escape(link)}">{escape(line[start:end])}</a>')
        pos = end
    out.append(escape(line[pos:]))
    return "".join(out)


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _document(title: str, body: str, *, head: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n{head}<style>{STYLE}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to main content</a>\n'
        f"{body}\n<footer><p>Plain-English summary made with summarise {__version__}. "
        "Always check the original release before acting on it.</p></footer>\n</body>\n</html>\n"
    )


def render_page(report: dict, *, base_url: str = "", draft: bool = False, name: str = "") -> str:
    """The web page of one item: title, summary, key facts, how to get help, audio with transcript, original.

    A draft's page says so at the top and asks search engines to leave it out; `name` is the stem of the
    version's files (`<stem>.draft` for a draft made beside an approved item).
    """
    release, facts, stem = report["release"], report["facts"], name or report["stem"]
    meta = " · ".join(escape(x) for x in (release.get("source"), release.get("date")) if x)
    parts = [
        f'<nav aria-label="Breadcrumb"><a href="{escape(href("index.html", base_url))}">All releases</a></nav>',
        '<main id="main">',
        DRAFT_NOTE if draft else "",
        f"<h1>{escape(report['title'])}</h1>",
        f'<p class="meta">{meta}</p>' if meta else "",
        '<h2 id="summary">Summary</h2>',
        *(f"<p>{linked(s, facts)}</p>" for s in report["sentences"]),
    ]
    if report.get("asks"):
        parts += ['<h2 id="what-to-do">What you can do</h2>', "<ul>"]
        parts += [f"<li>{linked(s, facts)}</li>" for s in report["asks"]] + ["</ul>"]
    if report["key_facts"]:
        parts += ['<h2 id="key-facts">Key facts</h2>', "<ul>"]
        parts += [f"<li>{linked(s, facts)}</li>" for s in report["key_facts"]] + ["</ul>"]
    if report["help_lines"]:
        parts += ['<h2 id="help">How to get help</h2>', '<ul class="help">']
        parts += [f"<li>{linked(s, facts)}</li>" for s in report["help_lines"]] + ["</ul>"]
    parts += _listen(report, stem, base_url)
    parts += _original(release)
    parts.append("</main>")
    title = f"{'Draft: ' if draft else ''}{report['title']}: plain-English summary"
    head = '<meta name="robots" content="noindex, nofollow">\n' if draft else ""
    return _document(title, "\n".join(p for p in parts if p), head=head)


def _listen(report: dict, stem: str, base_url: str) -> list[str]:
    audio = report.get("audio")
    text_link = f'<a href="{escape(href(stem + ".txt", base_url))}">Download the text</a>'
    if not audio:
        return ['<h2 id="listen">Text version</h2>', f"<p>{text_link}</p>"]
    mp3 = escape(href(stem + ".mp3", base_url))
    return [
        '<h2 id="listen">Listen</h2>',
        f"<p>Spoken summary, {_duration(audio['seconds'])} long, read by the {escape(audio['voice'])} voice.</p>",
        f'<audio controls preload="none" src="{mp3}" aria-label="Spoken summary" aria-describedby="transcript">',
        f'<a href="{mp3}">Download the audio (MP3)</a></audio>',
        f'<p><a href="{mp3}" download>Download the audio (MP3, {audio["bytes"] // 1024} KB)</a> · {text_link}</p>',
        '<h3 id="transcript-heading">Transcript</h3>',
        '<div class="transcript" id="transcript">',
        *(f"<p>{escape(p)}</p>" for p in report["script"].split("\n") if p.strip()),
        "</div>",
    ]


def _original(release: dict) -> list[str]:
    parts = ['<h2 id="original">Original release</h2>']
    if release.get("url"):
        source = f" on the {escape(release['source'])} website" if release.get("source") else ""
        parts.append(f'<p><a href="{escape(release["url"])}">Read the original release{source}</a></p>')
    if release.get("paragraphs"):
        parts += ["<details>", "<summary>Show the full text of the original release</summary>"]
        parts += [f"<p>{escape(p)}</p>" for p in release["paragraphs"]] + ["</details>"]
    return parts


def render_index(reports: list[dict], *, title: str, base_url: str = "") -> str:
    """The index page of a batch: every item, newest first, with its date, source and the start of its summary."""
    feed = escape(href("feed.xml", base_url))
    head = f'<link rel="alternate" type="application/rss+xml" title="{escape(title)}" href="{feed}">\n'
    count = f"{len(reports)} releases in plain English, newest first" if reports else "No releases published yet"
    parts = [
        '<main id="main">',
        f"<h1>{escape(title)}</h1>",
        f'<p>{count}. <a href="{feed}">Subscribe to the podcast feed</a>.</p>',
        '<ol class="items">' if reports else "",
    ]
    for r in reports:
        release = r["release"]
        words = " ".join(r["sentences"]).split()
        preview = " ".join(words[:SUMMARY_PREVIEW_WORDS]) + (" …" if len(words) > SUMMARY_PREVIEW_WORDS else "")
        meta = " · ".join(escape(x) for x in (release.get("source"), release.get("date")) if x)
        listen = " · audio" if r.get("audio") else ""
        parts += [
            "<li>",
            f'<h2><a href="{escape(href(r["stem"] + ".html", base_url))}">{escape(r["title"])}</a></h2>',
            f'<p class="meta">{meta}{listen}</p>' if meta or listen else "",
            f"<p>{escape(preview)}</p>",
            "</li>",
        ]
    parts += ["</ol>" if reports else "", "</main>"]
    return _document(title, "\n".join(p for p in parts if p), head=head)
