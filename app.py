"""Review app: paste or upload a release, read the plain-English version, hear it, see the checks.

Run `python app.py`; it serves on 127.0.0.1:7860 unless GRADIO_SERVER_NAME / GRADIO_SERVER_PORT say otherwise.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import gradio as gr

from summarise.errors import SummariseError
from summarise.load import parse_release, read_release
from summarise.options import Options
from summarise.pipeline import Toolkit, summarise_release
from summarise.publish import atomic_write, tag_mp3
from summarise.speech import audio_cache, load_voice, speak

VOICE_CHOICES = ["auto", "piper", "espeak", "gtts", "none"]
MAX_UPLOAD = "1mb"  # releases are text; anything larger is refused by the server
AUDIO_DIR = Path(tempfile.mkdtemp(prefix="summarise-app-"))


@functools.lru_cache(maxsize=1)
def toolkit() -> Toolkit:
    return Toolkit.load(Options())


@functools.lru_cache(maxsize=4)
def voice(name: str):
    return load_voice(name, options=Options(voice=name))


def checks_markdown(summary) -> str:
    """The guard's checks and the reading scores, in words."""
    lines = [
        f"- {'Passed' if c.passed else 'FAILED'}: {c.name}" + (f" ({c.detail})" if c.detail else "")
        for c in summary.checks
    ]
    s = summary.scores["summary"]
    lines.append(
        f"\nReading grade {s['fk_grade']} (target 8 or lower); {s['sentences']} sentences, "
        f"{s['mean_sentence_words']} words each on average, longest {s['longest_sentence_words']}."
    )
    return "\n".join(lines)


def summarise_input(text: str, upload: str | None, voice_name: str, progress=gr.Progress()):  # noqa: B008 - how Gradio injects progress
    """Handler: one release in; public text, audio file, checks and the full report out."""
    try:
        progress(0.1, desc="Reading the release")
        if upload:
            release = read_release(upload)
        elif text and text.strip():
            release = parse_release(text, name="pasted text")
        else:
            raise gr.Error("Paste a release or upload a file first.")
        progress(0.3, desc="Writing the plain-English version")
        summary = summarise_release(release, toolkit=toolkit())
        audio_path = None
        if voice_name != "none":
            progress(0.6, desc="Recording the audio")
            mp3, _ = speak(summary.script, voice=voice(voice_name), cache=audio_cache())
            audio_path = AUDIO_DIR / f"{abs(hash(summary.script))}.mp3"
            atomic_write(audio_path, mp3, finish=lambda tmp: tag_mp3(tmp, release=release, transcript=summary.script))
        return summary.text, str(audio_path) if audio_path else None, checks_markdown(summary), summary.to_dict()
    except SummariseError as exc:
        raise gr.Error(str(exc)) from exc


with gr.Blocks(title="Plain-English release summaries") as demo:
    gr.Markdown("# Plain-English release summaries\nPaste a press release or upload one, then choose Summarise.")
    with gr.Row():
        with gr.Column():
            release_text = gr.Textbox(label="Release text", lines=14, placeholder="Paste the release here")
            release_file = gr.File(
                label="Or upload a release file (.md, .txt, .html)",
                file_types=[".md", ".txt", ".html", ".htm"],
                type="filepath",
            )
            voice_choice = gr.Radio(VOICE_CHOICES, value="auto", label="Voice for the audio")
            go = gr.Button("Summarise", variant="primary")
        with gr.Column():
            public = gr.Textbox(label="Public text", lines=14, interactive=False)
            audio = gr.Audio(label="Audio", type="filepath", autoplay=False, interactive=False)
            checks = gr.Markdown(label="Checks")
            report = gr.JSON(label="Full report")
    go.click(
        summarise_input,
        inputs=[release_text, release_file, voice_choice],
        outputs=[public, audio, checks, report],
        api_name="summarise",
    )


if __name__ == "__main__":
    demo.launch(max_file_size=MAX_UPLOAD)
