"""Stage 1, load: read a release from a file or text into a clean `Release`.

Formats: YAML front matter between `---` lines, front matter in a fenced ```yaml block,
plain text (a title line, often repeated), and saved HTML pages.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from .errors import InputError
from .records import Release
from .text import norm_space, split_sentences

MAX_BYTES = 1_000_000  # bytes; larger files are refused rather than summarised
MIN_WORDS = 5  # a release with fewer words in its body is treated as empty

_DEBRIS_LINE = re.compile(
    r"""^(?:
        [^.!?]{1,80}\.(?:png|jpe?g|gif|svg|webp|bmp)     # image file names
      | (?:home|news)\s*>.*                            # breadcrumbs
      | you\ are\ here\b.*
      | share\ (?:this|on)\b.*
      | follow\ us\b.*
      | (?:print|email)\ this\ (?:page|article)\b.*
      | back\ to\ top
      | contact\ us
      | skip\ to\ (?:main\ )?content
      | .*\bcookie(?:s)?\b.*\b(?:settings|policy|preferences|accept)\b.*
      | (?:©|\(c\)\ |copyright\b).*
      | \[email\ protected\]
      | related\ (?:news|articles|stories):?
      | tags?:.*
      | (?:published|posted|(?:last\ )?updated)\b:?[^.]{0,30}\b\d{4}\.?   # date lines of web pages
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A sentence about the web page itself, not the news: messages, beta banners, feedback asks, "available below".
_PAGE_TALK = re.compile(
    r"""\b(?:this|our)\ (?:site|website|web\ ?page|page)\b(?!\ (?:at|on)\b)
      | \btechnical\ problem\b | \btry\ again\b | \bbeta\b
      | \bfeedback\ helps\b | \blet\ us\ know\ what\ you\ think\b
      | \b(?:available|listed|shown|see|find\ them)\ (?:below|above)\b | \b(?:below|above)[.:]?$
      | \bclick\ (?:here|on|the)\b | \bset\ your\ postcode\b | \bpersonalise\b
      | \b(?:latest|more)\ (?:press\ releases|news)\b | \bsubscribe\b | \bnewsletter\b | \binbox\b
      | \b(?:leave|exit)\ this\ site\b | \b(?:top|bottom)\ of\ page\b
      | \b(?:read|find\ out)\ (?:more\b|how\b).{0,40}\bhere\b | \bshare\ this\b | ^posted\ in\b
      | \barchive\ of\ press\ releases\b | ^(?:please\ )?see\ (?:the|our)\ (?:\w+\ )?(?:sites|links|websites)\b | \bprint\ (?:this|the)\ (?:page|article)\b
      | \b\d{2,4}X\d{2,4}\b | \b(?:logo|icon)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Page talk even beside a number: banners and menu links ("101 calls are not for ..., read the FAQs"); checked first.
_PAGE_ONLY = re.compile(
    r"\bFAQs?\b|\bcookies?\b|\bescape key\b|\btext size\b|^[\w ]{3,30} / [\w ]{3,30}$"
    r"|^(?:find out|read|learn|see) more\.?$|(?-i:^[Ff]ollow [A-Z][\w ]{2,40}$)",  # "Follow Metropolitan Police", a social link
    re.IGNORECASE,
)
_CONTACT_LIKE = re.compile(
    r"\bwww\.|https?://|@|\b0\d{3}|\b\d{3} \d{3}|\b(?:101|999|111)\b"
)  # page talk that carries a contact stays
_FILE_NAME = re.compile(
    r"(?:(?<!\S)/\S*(?-i: [A-Z][\w-]*)*|\S*)\.(?:pdf|docx?|xlsx?|odt|pptx?|csv)(?=[A-Z]|\s|$)", re.IGNORECASE
)  # "/_Files/Final Notice.pdf": a path's name may hold spaces between capitalised words
_DATE_LABEL = re.compile(  # a page's date label run into the first words of the text
    r"^(?:date|posted(?: on)?|published(?: on)?|(?:last )?updated(?: on)?):?\s+"
    r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+ \d{4})\s+(?=[A-Z])",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦]|\d{1,2}[.)])\s+")
_ENDS_WHOLE = re.compile(r"""[.!?:;)"”’']$""")
CUT_OFF_WORDS = 8  # words; a last paragraph this long that stops without a full stop was cut off
_ORG = re.compile(
    r"\b((?:[A-Z][\w'’&-]+\s)+?(?:Police|Constabulary|Council|Fire and Rescue Service|"
    r"(?:NHS\s)?(?:Foundation\s)?Trust|Ambulance Service|Crime Agency))\b"
)


def read_release(path: str | Path) -> Release:
    """Read one release file; raise InputError with the file name if it cannot be used."""
    return release_from_bytes(read_input(path), name=str(path))


def read_input(path: str | Path) -> bytes:
    """The bytes of an input file, refused before reading when it is too large."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: file is {size:,} bytes; releases over {MAX_BYTES:,} bytes are refused")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read file ({exc.strerror})") from exc


def release_from_bytes(data: bytes, *, name: str) -> Release:
    """Decode and parse the bytes of one release; raise InputError naming `name` if they cannot be used."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: file is {len(data):,} bytes; releases over {MAX_BYTES:,} bytes are refused")
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not a text release")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8") from exc
    return parse_release(text, name=name)


def parse_release(text: str, *, name: str = "<text>") -> Release:
    """Parse release text in any supported format into a cleaned `Release`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise InputError(f"{name}: the release is empty")
    meta, body = _split_front_matter(text, name)
    if re.match(r"\s*(?:<!doctype html|<html)", body, re.IGNORECASE):
        page, body = html_to_text(body)
        for key, value in page.items():
            meta.setdefault(key, value)
    lines = _clean_lines(body)
    title, source = _title_and_source(meta, lines)
    lines = _from_title_on(lines, title)
    date = _meta_date(meta)
    paragraphs = [p for p in (_without_page_talk(p) for p in _paragraphs(lines, title=title, date=date)) if p]
    paragraphs = _without_teasers(paragraphs, title)
    if not title:
        title = _headline(paragraphs[0]) if paragraphs else ""
    if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
        raise InputError(f"{name}: the release has no body text after its title and front matter")
    if not source:
        source = _guess_source(" ".join(paragraphs))
    return Release(
        title=title,
        paragraphs=tuple(paragraphs),
        source=source,
        date=date,
        url=str(meta.get("url") or ""),
        path=name,
        cut_off=_unfinished_end(body, paragraphs),
    )


def _split_front_matter(text: str, name: str) -> tuple[dict, str]:
    """Return (front matter, body) for `---` or fenced ```yaml front matter; ({}, text) otherwise."""
    stripped = text.lstrip("\n")
    offset = text.count("\n", 0, len(text) - len(stripped))  # blank lines before the front matter
    for opener, closer in (("---", "---"), ("```yaml", "```"), ("```yml", "```")):
        first, _, rest = stripped.partition("\n")
        if first.strip() != opener:
            continue
        m = re.search(rf"^{re.escape(closer)}[ \t]*$", rest, re.MULTILINE)
        if not m:
            raise InputError(f"{name}: line {offset + 1}: front matter opened with {opener!r} is never closed")
        return _load_yaml(rest[: m.start()], name, first_line=offset + 2), rest[m.end() :]
    return {}, text


def _load_yaml(source: str, name: str, *, first_line: int) -> dict:
    """yaml.safe_load a mapping; errors name the file and the line in that file."""
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        # The construct's start (context_mark) is where a person should look; yaml often notices later.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        where = f"line {first_line + mark.line}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{name}: {where}bad front matter: {problem}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(
            f"{name}: line {first_line}: front matter must be 'key: value' lines, not {type(data).__name__}"
        )
    return data


def _meta_date(meta: dict) -> str:
    """The release date from `date:` or `publish: {date: ...}`; '' when unknown."""
    publish = meta.get("publish")
    date = meta.get("date") or (publish.get("date") if isinstance(publish, dict) else None)
    date = str(date or "")
    return "" if date.lower() in ("unknown", "none") else date


def _clean_lines(body: str) -> list[str]:
    """Strip markdown decoration and page debris; one entry per line, '' for blank lines."""
    body = re.sub(r"(?<=\d)(?=[A-Z][a-z])", "\n\n", body)  # a heading glued to the next sentence: "61016The"
    body = re.sub(r"(?<=[a-z\d][.!?])(?=[A-Z][a-z]+ )", " ", body)  # two sentences glued: "555 111.We must"
    out = []
    for raw in body.split("\n"):
        line = _strip_markdown(raw)
        if _DEBRIS_LINE.match(line):
            continue
        out.append(line)
    return out


def _strip_markdown(line: str) -> str:
    """Remove markdown emphasis, heading marks and link syntax from one line."""
    line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)
    line = re.sub(r"\[([^\]]+)\]\((\S+?)\)", r"\1 (\2)", line)
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    line = re.sub(r"^\s*[-*•·▪●◦]\s+", "", line)
    return norm_space(html.unescape(line))


HEADER_LINES = 15  # lines; a page header (menus, "Skip to content") comes before the title within this many


def _from_title_on(lines: list[str], title: str) -> list[str]:
    """The lines from the article's own title on: what a saved page shows before it is its header and menus."""
    shown = [i for i, line in enumerate(lines) if line][:HEADER_LINES]
    at = next((i for i in shown if title and _same(lines[i], title)), 0)
    header = [line for line in lines[:at] if line]
    if any(len(line.split()) > 8 or line.endswith((".", "!", "?", "”")) for line in header):
        return lines  # sentences before the title: the article itself, not a header
    return lines[at:]


def _without_page_talk(paragraph: str) -> str:
    """The paragraph without sentences about the web page itself, and without file names run into the text."""
    paragraph = norm_space(_FILE_NAME.sub(" ", paragraph))
    paragraph = re.sub(r"(?<=[.!?])\s*ENDS?$", "", paragraph)  # the end-of-release mark run into the last line
    paragraph = _DATE_LABEL.sub("", paragraph)  # "date 2023-03-06 We are appealing ...": the page's date line
    kept = [
        s
        for s in split_sentences(paragraph)
        if not _PAGE_ONLY.search(s) and (not _PAGE_TALK.search(s) or _CONTACT_LIKE.search(s))
    ]
    return " ".join(kept)


def _headline(paragraph: str) -> str:
    """A title for a release that has none: its first sentence, up to the first comma when that is long."""
    first = split_sentences(paragraph)[0].rstrip(".!")
    head = first.split(", ")[0]
    return head if len(head.split()) >= 4 else first


def _unfinished_end(raw_body: str, paragraphs: list[str]) -> str:
    """The last sentence when the release stops in the middle of it (no full stop, not a list item); else ''."""
    if not paragraphs:
        return ""
    last_line = next((line for line in reversed(raw_body.splitlines()) if line.strip()), "")
    last = split_sentences(paragraphs[-1])[-1]
    if _BULLET.match(last_line) or _ENDS_WHOLE.search(last) or len(last.split()) < CUT_OFF_WORDS:
        return ""
    return last


def _title_and_source(meta: dict, lines: list[str]) -> tuple[str, str]:
    title = norm_space(str(meta.get("title") or ""))
    if title.lower() in ("unknown", "none", "untitled"):
        title = ""  # made from the first sentence once the body is known
    elif not title:
        title = next((line for line in lines if line), "")
    source = norm_space(str(meta.get("source") or ""))
    if " | " in title:
        title, _, suffix = title.rpartition(" | ")
        source = source or suffix.strip()
    title = re.sub(r"^(?:press|news|media) release\s*[-–:|]\s*", "", title, flags=re.IGNORECASE)
    return title.strip(), source


def _same(a: str, b: str) -> bool:
    """True when two lines say the same words (case, punctuation and spacing ignored)."""
    key = lambda s: re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()  # noqa: E731
    return key(a) == key(b)


def _paragraphs(lines: list[str], *, title: str, date: str) -> list[str]:
    """Group lines into paragraphs; drop repeated titles and the date line."""
    paragraphs: list[str] = []
    title_words = set(re.findall(r"[a-z0-9]+", title.lower()))
    for line in lines:
        if not line:
            paragraphs.append("")
            continue
        line_words = set(re.findall(r"[a-z0-9]+", line.lower()))
        if _same(line, title) or (date and _same(line, date)):
            continue
        if len(line_words) <= len(title_words) and line_words <= title_words and not line.endswith("."):
            continue  # a shortened copy of the title ("Two years of success 61016")
        if paragraphs and paragraphs[-1] and _continues(paragraphs[-1], line):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    return [p for p in paragraphs if p]


TEASER_WORDS = (8, 30)  # words; a headline of the site's other news is one sentence of about this length
_SMALL = frozenset(  # words a title shares with any news: no sign of the same topic
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "and",
        "or",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "it",
        "its",
        "this",
        "that",
        "new",
        "news",
        "statement",
        "update",
        "following",
        "after",
        "about",
        "more",
        "how",
        "can",
        "you",
        "your",
        "our",
        "will",
    ]
)
_NOT_A_TEASER = re.compile(r"\d|@|www\.|https?:|^(?:If|Anyone|Please|For|Call|To|You|Do|Don|Contact|Report)\b|[“”\"]")


def _without_teasers(paragraphs: list[str], title: str) -> list[str]:
    """Without the run of headlines of the site's other news that a page puts after the release ("Villagers are
    celebrating ...", "Thousands of young people are being invited ..."): two or more one-sentence paragraphs
    at the end that share no word with the title, after a body that does."""
    topic = {w for w in re.findall(r"[a-z]+", title.lower()) if w not in _SMALL and len(w) > 2}

    def shares(text: str) -> bool:
        said = set(re.findall(r"[a-z]+", text.lower()))
        return bool(topic & (said | {w[:-1] for w in said if w.endswith("s")}))

    end = len(paragraphs)
    while end > 0:
        last = paragraphs[end - 1]
        one_sentence = last.endswith(".") and not re.search(r"[.!?]\s+[A-Z]", last[:-1])
        if not (one_sentence and TEASER_WORDS[0] <= len(last.split()) <= TEASER_WORDS[1]):
            break
        if _NOT_A_TEASER.search(last) or shares(last):
            break
        end -= 1
    if len(paragraphs) - end >= 2 and end > 0 and shares(" ".join(paragraphs[:end])):
        return paragraphs[:end]
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    """A line that carries on the previous one: no full stop before it, lower case after."""
    return not re.search(r"""[.!?:;"”’]$""", previous) and bool(re.match(r"[a-z(]", line))


def _guess_source(body: str) -> str:
    counts: dict[str, int] = {}
    for m in _ORG.finditer(body):
        org = re.sub(r"^(?:The|A|An|By|For|From|To|And)\s+", "", m.group(1))
        counts[org] = counts.get(org, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


def html_to_text(page: str) -> tuple[dict, str]:
    """The metadata (title, source, date, url) and main text of a web page, without its menus and footers."""
    import trafilatura  # imported here: only web pages need it, and it is slow to import

    page_title, fallback_text = page_text(page)
    doc = None
    for precise in (True, False):  # precision first drops menus; a very short page needs the looser mode
        doc = trafilatura.bare_extraction(page, favor_precision=precise, include_comments=False, with_metadata=True)
        if doc is not None and len((doc.text or "").split()) >= MIN_WORDS:
            break
    else:
        doc = None
    found = {"title": page_title}
    if " | " in page_title:  # "Bridge reopens | Kingsford Council"
        found["source"] = page_title.rpartition(" | ")[2].strip()
    if doc is None:
        return found, fallback_text
    found.update({k: v for k, v in {"title": doc.title, "source": doc.sitename, "date": doc.date}.items() if v})
    if doc.url:
        found["url"] = doc.url
    return found, doc.text.replace("\n", "\n\n")


class _PageText(HTMLParser):
    """Collect the title and the text of block elements of a saved web page."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "div", "section", "article", "br", "tr", "blockquote"}
    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data.replace("\n", " "))


def page_text(page: str) -> tuple[str, str]:
    """The <title> and the text of the block elements of a page or fragment, skipping menus and scripts."""
    parser = _PageText()
    parser.feed(page)
    return norm_space(parser.title), "".join(parser.parts)
