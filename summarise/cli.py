"""The `summarise` command: plain-English text, audio and a report for each release."""

from __future__ import annotations

import argparse
import glob
import logging
import sys
import time
from pathlib import Path

from . import __version__
from .condense import ENGINES
from .errors import SummariseError, VoiceError
from .load import read_release
from .options import Options
from .pipeline import Toolkit, summarise_release
from .publish import safe_stem, write_item
from .speech import VOICES, load_voice, offline_voice, speak

log = logging.getLogger("summarise")

RELEASE_SUFFIXES = (".md", ".txt", ".markdown", ".html", ".htm")  # files taken from a folder


def expand_inputs(inputs: list[str]) -> tuple[list[Path], list[str]]:
    """Files named by files, folders and globs, in order, each once; and the inputs that matched nothing."""
    files, missing = [], []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in RELEASE_SUFFIXES)
        elif path.is_file():
            found = [path]
        else:
            found = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
        if not found:
            missing.append(item)
        files += [p for p in found if p not in files]
    return files, missing


def unique_stems(files: list[Path]) -> list[str]:
    """Output stems for the inputs; two inputs with the same stem both get a file."""
    stems, used = [], set()
    for path in files:
        stem, n = safe_stem(path.name), 2
        candidate = stem
        while candidate in used:
            candidate, n = f"{stem}-{n}", n + 1
        used.add(candidate)
        stems.append(candidate)
    return stems


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="summarise", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="summarise releases into text, MP3 and a JSON report")
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="release files, folders or globs")
    run.add_argument("-o", "--output", required=True, type=Path, help="folder for the results")
    run.add_argument("--voice", choices=VOICES, default=Options.voice, help="voice for the MP3 (default: %(default)s)")
    run.add_argument("--engine", choices=ENGINES, default=Options.engine, help="summary engine (default: %(default)s)")
    run.add_argument("--model", default=None, help="seq2seq checkpoint folder, or a name under models/")
    run.add_argument("--sentences", type=int, default=Options.max_sentences, help="sentences the engine picks")
    run.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, format="%(message)s", stream=sys.stderr)
    options = Options(engine=args.engine, model=args.model, voice=args.voice, max_sentences=args.sentences)
    try:
        return run(args.inputs, args.output, options=options)
    except SummariseError as exc:
        print(f"summarise: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("summarise: interrupted; finished items are kept, run again to finish the rest", file=sys.stderr)
        return 130


def run(inputs: list[str], out_dir: Path, *, options: Options) -> int:
    """Summarise every input into `out_dir`; one bad file is reported and the rest go on."""
    files, missing = expand_inputs(inputs)
    failed = len(missing)
    for item in missing:
        print(f"summarise: error: {item}: no such file, folder or matching release", file=sys.stderr)
    if not files:
        return 1
    toolkit = Toolkit.load(options)
    voice = None if options.voice == "none" else load_voice(options.voice, options=options)
    log.info("engine: %s; voice: %s", toolkit.engine.name, voice.name if voice else "none")
    done = 0
    for path, stem in zip(files, unique_stems(files), strict=True):
        try:
            start = time.perf_counter()
            release = read_release(path)
            summary = summarise_release(release, toolkit=toolkit, options=options)
            mp3, audio, voice = _audio(summary.script, voice, options)
            write_item(out_dir, stem, release, summary, mp3=mp3, audio=audio)
            log.info("%s -> %s (%.1f s)", path, out_dir / stem, time.perf_counter() - start)
            done += 1
        except SummariseError as exc:
            failed += 1
            print(f"summarise: error: {exc}", file=sys.stderr)
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop the batch
            failed += 1
            print(f"summarise: error: {path}: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
            log.debug("traceback", exc_info=True)
    log.info("done: %d written, %d failed", done, failed)
    return 1 if failed else 0


def _audio(script: str, voice, options: Options):
    """MP3 of the script; under `auto`, an offline voice takes over if Google's service fails."""
    if voice is None:
        return None, None, None
    try:
        mp3, seconds = speak(script, voice=voice)
    except VoiceError as exc:
        if options.voice != "auto" or voice.name != "gtts":
            raise
        log.warning("Google's voice failed (%s); using an offline voice from now on", exc)
        voice = offline_voice()
        mp3, seconds = speak(script, voice=voice)
    return mp3, {"voice": voice.name, "seconds": seconds, "bytes": len(mp3)}, voice
