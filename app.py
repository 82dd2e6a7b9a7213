"""Review app: open a release or a batch item, check and edit its plain-English version, re-voice it, approve it.

Run `python app.py [--output DIR]`. It serves on 127.0.0.1:7860 (GRADIO_SERVER_NAME / GRADIO_SERVER_PORT
change that) and writes approvals only into DIR (default: out, or $SUMMARISE_REVIEW_DIR).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import os
import tempfile
from pathlib import Path

import gradio as gr

from summarise import review
from summarise import status as states
from summarise.errors import ConflictError, SummariseError
from summarise.load import parse_release, read_release
from summarise.options import Options
from summarise.pipeline import Toolkit, summarise_release
from summarise.publish import atomic_write, tag_mp3
from summarise.speech import audio_cache, load_voice, speak

ROOT = Path(__file__).resolve().parent
SAMPLES = sorted(p.name for p in (ROOT / "samples").iterdir()) if (ROOT / "samples").is_dir() else []
VOICE_CHOICES = ["auto", "piper", "espeak", "gtts", "none"]
MAX_UPLOAD = "1mb"  # releases are text; anything larger is refused by the server
UPLOAD_TYPES = [".md", ".txt", ".html", ".htm"]
FILTERS = {  # the queue's filters, as the reviewer reads them
    "Needs review": "needs review",
    "Failing a check": "failing",
    "Approved": "approved",
    "All items": "all",
}
RESULTS = Path(os.environ.get("SUMMARISE_REVIEW_DIR", "out")).resolve()  # set once, on the server; see main()
WORK = Path(tempfile.mkdtemp(prefix="summarise-app-"))  # audio and downloads for the browser

CSS = """
mark.fact { padding: 0 0.15em; border-radius: 3px; color: #111; }
mark.help-contact { background: #b7e4c7; }
mark.media-only { background: #f4c2c2; text-decoration: line-through; }
mark.reference { background: #bde0fe; }
mark.figure { background: #ffe8a3; }
.release { max-height: 34rem; overflow-y: auto; line-height: 1.55; }
.player audio { width: 100%; }
/* Contrast and target size: WCAG 2.2 AA for Gradio's own parts too */
button.primary { background: #0b4fa8 !important; color: #fff !important; border-color: #0b4fa8 !important; }
button.secondary { color: #1b1b1b !important; }
.or, .wrap, .upload-container, label span, .file-preview, .hint { color: #333 !important; }
a.download-link, .icon-button-wrapper button, .icon-button-wrapper a { min-width: 24px; min-height: 24px; }
footer a, footer button, .show-api, .built-with, .settings, .run-history { color: #333 !important; }
.prose a, .prose a:visited { color: #0b4fa8 !important; text-decoration: underline; }
:focus-visible { outline: 3px solid #b35900 !important; outline-offset: 2px; }
"""
# The upload area's aria-label differs from what it shows; drop it so its name is the visible text.
HEAD = """<script>
new MutationObserver(() => {
  document.querySelectorAll(".upload-container[aria-label]").forEach((el) => el.removeAttribute("aria-label"));
  document.documentElement.lang = "en-GB";
}).observe(document.documentElement, { childList: true, subtree: true });
</script>"""


@functools.lru_cache(maxsize=1)
def toolkit() -> Toolkit:
    return Toolkit.load(Options())


@functools.lru_cache(maxsize=4)
def voice(name: str):
    return load_voice(name, options=Options(voice=name))


def _errors(handler):
    """Library errors become a clear message in the browser; never a stack trace."""

    @functools.wraps(handler)
    def run(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except SummariseError as exc:
            raise gr.Error(str(exc)) from exc

    return run


def _voice_files(
    item: review.Item, text: str, script: str, voice_name: str
) -> tuple[str | None, dict | None, list[str]]:
    """Audio of the script (or none), its record, and the files offered for download."""
    digest = hashlib.sha256(f"{voice_name}\0{text}".encode()).hexdigest()[:12]
    txt = WORK / f"{item.stem}-{digest}.txt"
    atomic_write(txt, text.encode("utf-8"))
    if voice_name == "none":
        return None, None, [str(txt)]
    chosen = voice(voice_name)
    mp3, seconds = speak(script, voice=chosen, cache=audio_cache())
    path = WORK / f"{item.stem}-{digest}.mp3"
    atomic_write(path, mp3, finish=lambda tmp: tag_mp3(tmp, release=item.release, transcript=script))
    return (
        str(path),
        {"path": str(path), "voice": chosen.name, "seconds": seconds, "script": script},
        [str(path), str(txt)],
    )


def player(audio_path: str | None) -> str:
    """A native audio player (keyboard and screen-reader friendly, never plays by itself)."""
    if not audio_path:
        return "<p>No audio: the voice is set to none.</p>"
    src = f"/gradio_api/file={audio_path}"
    return (
        f'<div class="player"><audio controls preload="none" src="{src}" aria-label="Spoken version">'
        f'<a href="{src}">Download the audio</a></audio></div>'
    )


def _show(item: review.Item, text: str, voice_name: str, progress):
    checks, script = review.check_edit(item, text, nlp=toolkit().nlp)
    progress(0.6, desc="Recording the audio")
    audio_path, audio, files = _voice_files(item, text, script, voice_name)
    return (
        item,
        audio,
        review.highlighted_release(item),
        text,
        review.checks_in_words(checks),
        review.scores_table(item.release, text),
        review.sources_in_words(item, text),
        player(audio_path),
        script,
        files,
        f"Opened **{item.release.title}**. Check the text, edit it if needed, then approve.",
    )


@_errors
def open_release(text: str, upload: str | None, sample: str | None, voice_name: str, progress=gr.Progress()):  # noqa: B008
    """Handler: a pasted, uploaded or sample release through the pipeline."""
    progress(0.1, desc="Reading the release")
    if upload:
        release, stem = read_release(upload), Path(upload).stem
    elif text and text.strip():
        release, stem = parse_release(text, name="pasted text"), "pasted"
    elif sample in SAMPLES:
        release, stem = read_release(ROOT / "samples" / sample), Path(sample).stem
    else:
        raise gr.Error("Paste a release, upload a file or pick a sample first.")
    progress(0.3, desc="Writing the plain-English version")
    summary = summarise_release(release, toolkit=toolkit())
    report = {**summary.to_dict(), "stem": stem}
    item = review.Item(stem=stem, release=release, facts=summary.facts, original_text=summary.text, report=report)
    return _show(item, summary.text, voice_name, progress)


@_errors
def open_item(stem: str | None, voice_name: str, progress=gr.Progress()):  # noqa: B008
    """Handler: an item of the results folder, as the batch wrote it."""
    if not stem:
        raise gr.Error("Pick an item of the results folder first.")
    progress(0.1, desc="Reading the item")
    item = review.load_item(RESULTS, stem)
    return _show(item, item.original_text, voice_name, progress)


@_errors
def check_text(item: review.Item | None, text: str):
    """Handler: the checks and reading scores of the edited text."""
    if item is None:
        raise gr.Error("Open a release first.")
    checks, _ = review.check_edit(item, text, nlp=toolkit().nlp)
    failed = review.broken(checks)
    note = (
        f"This text breaks {len(failed)} checks. It can only be approved with a written reason."
        if failed
        else "The text keeps every help contact and reference, and says nothing the release does not."
    )
    return review.checks_in_words(checks), review.scores_table(item.release, text), note


@_errors
def revoice(item: review.Item | None, text: str, voice_name: str, progress=gr.Progress()):  # noqa: B008
    """Handler: new audio for the edited text (same voices and cache as the command line)."""
    if item is None:
        raise gr.Error("Open a release first.")
    progress(0.2, desc="Recording the audio")
    script = review.check_edit(item, text, nlp=toolkit().nlp)[1]
    audio_path, audio, files = _voice_files(item, text, script, voice_name)
    return audio, player(audio_path), script, files, "New audio made from the text as it stands."


@_errors
def approve(item: review.Item | None, audio: dict | None, text: str, reviewer: str, reason: str, voice_name: str):
    """Handler: write the approved text, audio and review record to the results folder.

    Returns the message and what to open next: the next item waiting for review, or, when someone else
    changed this item meanwhile, its current version.
    """
    if item is None:
        raise gr.Error("Open a release first.")
    checks, script = review.check_edit(item, text, nlp=toolkit().nlp)
    if audio is None or audio.get("script") != script:  # the audio must say what the approved text says
        _, audio, _ = _voice_files(item, text, script, voice_name)
    mp3 = Path(audio["path"]).read_bytes() if audio else None
    try:
        record = review.approve(
            RESULTS,
            item,
            text,
            reviewer=reviewer,
            reason=reason,
            checks=checks,
            script=script,
            mp3=mp3,
            voice=audio["voice"] if audio else "",
            seconds=audio["seconds"] if audio else 0.0,
        )
    except ConflictError as exc:
        return f"**Not approved.** {exc} The current version is open now.", {"open": item.stem}
    changed = "with your edits" if record["edited"] else "as written"
    waiting = states.next_waiting(states.review_queue(RESULTS), after=item.stem) if RESULTS.is_dir() else None
    then = f" Next: {waiting.title}." if waiting else " No other item waits for review."
    message = f"Approved {changed} by {record['reviewer']} at {record['approved']}; written to the results folder."
    return message + then, {"open": waiting.stem if waiting else None}


def _queue(filter_name: str) -> list[states.ItemStatus]:
    wanted = states.FILTERS[FILTERS.get(filter_name, "all")]
    queue = states.review_queue(RESULTS) if RESULTS.is_dir() else []
    return [s for s in queue if s.status in wanted]


def refresh_items(filter_name: str = "All items"):
    """Handler: the queue under the filter: status, failing checks and age of each item."""
    shown = _queue(filter_name)
    total = len(states.review_queue(RESULTS)) if RESULTS.is_dir() else 0
    waiting = sum(s.status in states.WAITING for s in states.review_queue(RESULTS)) if RESULTS.is_dir() else 0
    choices = [(review.queue_label(s), s.stem) for s in shown]
    note = f"Results folder: `{RESULTS}` ({total} items, {waiting} waiting for review; {len(shown)} shown)"
    return gr.update(choices=choices, value=None), note


@_errors
def open_next(voice_name: str, progress=gr.Progress()):  # noqa: B008
    """Handler: the first item that waits for review (failing first, then newest)."""
    waiting = states.next_waiting(states.review_queue(RESULTS)) if RESULTS.is_dir() else None
    if waiting is None:
        raise gr.Error("No item waits for review.")
    return open_item(waiting.stem, voice_name, progress)


def after_approval(after: dict | None, voice_name: str, filter_name: str, progress=gr.Progress()):  # noqa: B008
    """Handler: after an approval, open the next item (or the current version of one that changed)."""
    items, note = refresh_items(filter_name)
    stem = (after or {}).get("open")
    if not stem:
        return (*[gr.update() for _ in range(11)], items, note)
    return (*open_item(stem, voice_name, progress), items, note)


THEME = gr.themes.Default(primary_hue="blue", neutral_hue="slate")

with gr.Blocks(title="Review plain-English release summaries") as demo:
    item_state = gr.State(None)
    audio_state = gr.State(None)
    gr.Markdown(
        "# Review plain-English release summaries\n"
        "Open a release, compare it with its plain-English version, edit, listen, then approve. "
        "Marked in the original: help contacts, media-only contacts (kept out), references and figures."
    )
    with gr.Row():
        with gr.Column():
            gr.Markdown("## 1. Open a release")
            release_text = gr.Textbox(label="Paste a release", lines=6, placeholder="Paste the release text here")
            release_file = gr.File(
                label="Or upload a release file (.md, .txt, .html)", file_types=UPLOAD_TYPES, type="filepath"
            )
            sample_choice = gr.Radio(SAMPLES, label="Or pick a sample release", value=None)
            voice_choice = gr.Radio(VOICE_CHOICES, value="auto", label="Voice for the audio")
            open_button = gr.Button("Summarise this release", variant="primary")
        with gr.Column():
            gr.Markdown("## Or open an item of the review queue")
            results_md = gr.Markdown("")
            queue_filter = gr.Radio(list(FILTERS), value="Needs review", label="Show items that")
            next_button = gr.Button("Open the next item that needs review", variant="primary")
            item_choice = gr.Radio(
                [], label="Items in the results folder: failing first, then newest; status and age", value=None
            )
            refresh_button = gr.Button("Refresh the list of items")
            item_button = gr.Button("Open this item")
    status = gr.Markdown("Nothing open yet.", label="Status")
    with gr.Row():
        with gr.Column():
            gr.Markdown("## 2. Original release")
            original = gr.HTML(label="Original release with its facts marked")
        with gr.Column():
            gr.Markdown("## 3. Public text")
            public = gr.Textbox(label="Public text (you can edit it)", lines=18, interactive=True)
            check_button = gr.Button("Check my edits")
    with gr.Row():
        with gr.Column():
            gr.Markdown("## 4. Checks")
            checks_md = gr.Markdown(label="Checks")
            scores_md = gr.Markdown(label="Reading scores")
            sources_md = gr.Markdown(label="Why each sentence is there")
        with gr.Column():
            gr.Markdown("## 5. Listen")
            audio_player = gr.HTML(label="Spoken version")
            transcript = gr.Textbox(label="Transcript of the audio", lines=8, interactive=False)
            downloads = gr.File(label="Download the MP3 and the text", file_count="multiple", interactive=False)
            revoice_button = gr.Button("Re-voice the edited text")
    gr.Markdown("## 6. Approve")
    with gr.Row():
        reviewer = gr.Textbox(label="Your name", max_lines=1)
        reason = gr.Textbox(label="Reason, if you approve a text that fails a check", lines=2)
    approve_button = gr.Button("Approve and publish", variant="primary")
    approval = gr.Markdown(label="Approval")
    after_state = gr.State(None)

    shown = [
        item_state,
        audio_state,
        original,
        public,
        checks_md,
        scores_md,
        sources_md,
        audio_player,
        transcript,
        downloads,
        status,
    ]
    open_button.click(
        open_release, [release_text, release_file, sample_choice, voice_choice], shown, api_name="open_release"
    )
    item_button.click(open_item, [item_choice, voice_choice], shown, api_name="open_item")
    queue_outputs = [item_choice, results_md]
    refresh_button.click(refresh_items, queue_filter, queue_outputs, api_name="refresh_items")
    queue_filter.change(refresh_items, queue_filter, queue_outputs, api_name=False)
    next_button.click(open_next, voice_choice, shown, api_name="open_next")
    check_button.click(check_text, [item_state, public], [checks_md, scores_md, status], api_name="check")
    revoice_button.click(
        revoice,
        [item_state, public, voice_choice],
        [audio_state, audio_player, transcript, downloads, status],
        api_name="revoice",
    )
    approve_button.click(
        approve,
        [item_state, audio_state, public, reviewer, reason, voice_choice],
        [approval, after_state],
        api_name="approve",
    ).success(after_approval, [after_state, voice_choice, queue_filter], shown + queue_outputs, api_name=False)
    demo.load(refresh_items, queue_filter, queue_outputs)


def main() -> None:
    global RESULTS
    parser = argparse.ArgumentParser(description="Review app for plain-English release summaries")
    parser.add_argument("--output", type=Path, default=RESULTS, help="results folder that approvals are written to")
    args = parser.parse_args()
    RESULTS = args.output.resolve()
    demo.launch(
        server_name=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        max_file_size=MAX_UPLOAD,
        allowed_paths=[str(WORK)],
        css=CSS,
        head=HEAD,
        theme=THEME,
    )


if __name__ == "__main__":
    main()
