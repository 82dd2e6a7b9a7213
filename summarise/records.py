"""Plain data passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Release:
    """One press release after loading and cleaning."""

    title: str
    paragraphs: tuple[str, ...]
    source: str = ""  # the organisation that published it
    date: str = ""  # as written in the release
    url: str = ""
    path: str = ""  # where it was read from, for messages
    cut_off: str = ""  # the unfinished sentence the body ends with, when the release was cut off mid-sentence

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def usable_end(self) -> int:
        """Offset in `body` where the unfinished last sentence begins (the body's length when there is none)."""
        return len(self.body) - len(self.cut_off)


@dataclass(frozen=True)
class Fact:
    """A span of the release body with its kind and role."""

    kind: str  # phone, shortcode, textnumber, url, email, handle, reference, operation, figure, money, ...
    text: str  # exactly as written in the release body
    start: int  # character offset in Release.body
    end: int
    role: str = "other"  # help, media or other (contacts); "other" for the rest
    purpose: str = ""  # for help contacts: what it is for, in plain words


@dataclass(frozen=True)
class Check:
    """One contract check and what it found."""

    name: str
    passed: bool
    detail: str = ""


def breaks_contract(name: str, passed: bool) -> bool:
    """Whether a failed check breaks the public text's contract. Reading targets ("summary reading grade") are
    advice, and a sentence the guard left out ("summary: sentence dropped") is the guard at work, shown to the
    reviewer but not a fault of the text that went out."""
    return not passed and not name.startswith("summary ") and not name.endswith(": sentence dropped")


@dataclass
class Summary:
    """The public text and the spoken script of one release, with the evidence."""

    title: str
    sentences: list[str]  # the plain-English summary
    key_facts: list[str]
    help_lines: list[str]
    text: str = ""  # everything the public reads
    script: str = ""  # the same words, written to be spoken
    facts: list[Fact] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    scores: dict = field(default_factory=dict)
    engine: str = ""
    kind: str = ""  # witness appeal, missing person, ... (kinds.py)
    asks: list[str] = field(default_factory=list)  # what the release asks the reader to do, as short points
    sources: list[dict] = field(default_factory=list)  # per public sentence: the release sentence(s) behind it
    timings: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)
