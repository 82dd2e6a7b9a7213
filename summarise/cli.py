"""The `summarise` command: plain-English text, audio, web pages and a podcast feed for a batch of releases."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections import Counter
from pathlib import Path

from . import __version__
from .batch import Outcome, run_batch
from .condense import ENGINES
from .errors import SummariseError
from .options import Options
from .sources import collect
from .speech import VOICES

log = logging.getLogger("summarise")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="summarise", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="summarise releases into text, MP3, web pages, a feed and JSON reports")
    run.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="release files, folders, globs, feed files or URLs; - reads stdin"
    )
    run.add_argument("-o", "--output", required=True, type=Path, help="folder for the results")
    run.add_argument("--voice", choices=VOICES, default=Options.voice, help="voice for the MP3 (default: %(default)s)")
    run.add_argument("--engine", choices=ENGINES, default=Options.engine, help="summary engine (default: %(default)s)")
    run.add_argument("--model", default=None, help="seq2seq checkpoint folder, or a name under models/")
    run.add_argument("--sentences", type=int, default=Options.max_sentences, help="sentences the engine picks")
    run.add_argument("--workers", type=_positive, default=Options.workers, help="parallel processes (default: 1)")
    run.add_argument(
        "--cluster",
        default=os.environ.get("SUMMARISE_CLUSTER", ""),
        metavar="ADDRESS",
        help="a Dask scheduler (tcp://host:8786) whose workers do the items (default: $SUMMARISE_CLUSTER)",
    )
    _publishing_arguments(run)
    run.add_argument(
        "--piper-voice", default="", metavar="FILE", help="another Piper voice (.onnx, with its .onnx.json beside it)"
    )
    run.add_argument(
        "--lexicon", default="", metavar="FILE", help="your pronunciations (YAML, 'words: {word: spoken}')"
    )
    run.add_argument(
        "--audio-cache",
        default="",
        metavar="DIR",
        help="folder of spoken sentences (default: ~/.cache/summarise/audio; 'off')",
    )
    run.add_argument("-q", "--quiet", action="store_true", help="print only errors and the final count")
    _review_commands(sub)
    ev = sub.add_parser("eval", help="measure the public texts (and baselines) against what they must keep")
    ev.add_argument("inputs", nargs="+", metavar="RELEASES", help="release files, folders, globs or feeds")
    ev.add_argument("--spec", type=Path, default=None, help="what each release must keep (spec.yaml format)")
    ev.add_argument("--json", action="store_true", help="print the report as JSON instead of a table")
    ev.add_argument("--voice", choices=VOICES, default="none", help="also speak each text, for audio seconds")
    ev.add_argument("--engine", choices=ENGINES, default=Options.engine, help="summary engine (default: %(default)s)")
    ev.add_argument("--model", default=None, help="seq2seq checkpoint folder, or a name under models/")
    ev.add_argument("--no-baselines", action="store_true", help="score only this tool's texts")
    return parser


def _publishing_arguments(run: argparse.ArgumentParser) -> None:
    """How the folder is published; each is kept in the folder, so later runs and the review app follow it."""
    kept = " (kept in the folder for later runs)"
    run.add_argument(
        "--require-approval",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write items as drafts; the index and feed list only what a reviewer approved" + kept,
    )
    run.add_argument("--base-url", default=None, help="public address of the output folder (absolute)" + kept)
    run.add_argument("--title", default=None, help="title of the index page and podcast feed" + kept)
    run.add_argument("--author", default=None, help="the feed's author (default: the organisation)" + kept)
    run.add_argument("--owner-email", default=None, help="the feed owner's e-mail, for podcast directories" + kept)
    run.add_argument(
        "--artwork", default=None, metavar="FILE", help="the feed's square JPEG or PNG, 1400-3000 px" + kept
    )


def _review_commands(sub) -> None:
    status = sub.add_parser("status", help="the review queue of a results folder: each item's status")
    status.add_argument("output", type=Path, metavar="OUT", help="the results folder")
    status.add_argument("--json", action="store_true", help="print the queue as JSON")
    approve = sub.add_parser("approve", help="approve an item of a results folder as it stands, and publish it")
    approve.add_argument("output", type=Path, metavar="OUT", help="the results folder")
    approve.add_argument("stem", metavar="STEM", help="the item's name (its files' name without the suffix)")
    approve.add_argument("--reviewer", required=True, metavar="NAME", help="your name, for the review record")
    approve.add_argument("--reason", default="", metavar="TEXT", help="why, when the item fails a check")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    quiet = getattr(args, "quiet", False) or args.command == "eval"
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(message)s", stream=sys.stderr)
    if args.command == "eval":
        return _guarded(lambda: evaluate_command(args))
    if args.command == "status":
        return _guarded(lambda: status_command(args.output, as_json=args.json))
    if args.command == "approve":
        return _guarded(lambda: approve_command(args.output, args.stem, reviewer=args.reviewer, reason=args.reason))
    options = Options(
        engine=args.engine,
        model=args.model,
        voice=args.voice,
        max_sentences=args.sentences,
        workers=args.workers,
        cluster=args.cluster,
        base_url=args.base_url,
        title=args.title,
        require_approval=args.require_approval,
        author=args.author,
        owner_email=args.owner_email,
        artwork=args.artwork,
        audio_cache=args.audio_cache,
        lexicon=args.lexicon,
        piper_voice=args.piper_voice,
    )
    return _guarded(lambda: run(args.inputs, args.output, options=options, quiet=args.quiet))


def _guarded(command) -> int:
    """Run a command; library errors become one line and exit code 2, Ctrl-C exit code 130."""
    try:
        return command()
    except SummariseError as exc:
        print(f"summarise: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("summarise: interrupted; finished items are kept, run again to finish the rest", file=sys.stderr)
        return 130


def run(inputs: list[str], out_dir: Path, *, options: Options, quiet: bool = False) -> int:
    """Summarise every input into `out_dir`; bad inputs are reported and the rest go on. Exit code 1 if any failed."""
    from .compose import pronunciations

    pronunciations(options.lexicon)  # a broken lexicon file stops the run before any work, with its reason
    items = collect(inputs, stdin=sys.stdin.buffer if "-" in inputs else None)
    progress = _Progress(quiet=quiet)
    outcomes = run_batch(items, out_dir, options=options, on_outcome=progress.outcome, on_start=progress.start)
    progress.close()
    counts = Counter(o.status for o in outcomes)
    print(
        f"summarise: {len(outcomes)} items: {counts['done']} done, {counts['unchanged']} unchanged, "
        f"{counts['failed']} failed; results in {out_dir}",
        file=sys.stderr,
    )
    return 1 if counts["failed"] else 0


def status_command(out_dir: Path, *, as_json: bool = False) -> int:
    """`summarise status`: the review queue, as a table or JSON."""
    import json

    from .folder import read_settings
    from .status import queue_table, review_queue

    if not out_dir.is_dir():
        raise SummariseError(f"{out_dir}: no such results folder; make it with `summarise run INPUT -o {out_dir}`")
    queue = review_queue(out_dir)
    if as_json:
        settings = read_settings(out_dir)
        data = {"require_approval": settings.require_approval, "items": [s.to_dict() for s in queue]}
        print(json.dumps(data, indent=1, ensure_ascii=False))
    else:
        print(queue_table(queue))
    return 0


def approve_command(out_dir: Path, stem: str, *, reviewer: str, reason: str) -> int:
    """`summarise approve`: approve an item as it stands, with the checks and record the review app makes."""
    from . import review
    from .models import load_spacy

    if not out_dir.is_dir():
        raise SummariseError(f"{out_dir}: no such results folder")
    item = review.load_item(out_dir, stem)
    checks, script = review.check_edit(item, item.original_text, nlp=load_spacy())
    record = review.approve(
        out_dir, item, item.original_text, reviewer=reviewer, reason=reason, checks=checks, script=script
    )
    failed = (
        f"; {len(record['failed_checks'])} failing checks approved with your reason" if record["failed_checks"] else ""
    )
    print(f"summarise: approved {stem} by {record['reviewer']} at {record['approved']}{failed}", file=sys.stderr)
    return 0


def evaluate_command(args) -> int:
    """`summarise eval`: a table (or JSON) of how well each text keeps what it must, with baselines."""
    import json

    from .evaluate import evaluate, load_spec, table
    from .pipeline import Toolkit
    from .speech import load_voice

    options = Options(engine=args.engine, model=args.model, voice=args.voice)
    items = collect(args.inputs, stdin=sys.stdin.buffer if "-" in args.inputs else None)
    toolkit = Toolkit.load(options)
    voice = None if args.voice == "none" else load_voice(args.voice, options=options)
    report = evaluate(
        items, toolkit=toolkit, options=options, spec=load_spec(args.spec), voice=voice, baselines=not args.no_baselines
    )
    print(json.dumps(report, indent=1) if args.json else table(report))
    for failure in report["failed"]:
        print(f"summarise: error: {failure}", file=sys.stderr)
    return 1 if report["failed"] or not report["rows"] else 0


class _Progress:
    """A tqdm bar on a terminal; one quiet line per item in logs."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet, self.bar = quiet, None

    def start(self, pending: int) -> None:
        if pending and not self.quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=pending, unit="release", file=sys.stderr)

    def outcome(self, outcome: Outcome) -> None:
        if outcome.status == "failed":
            self._write(f"summarise: error: {outcome.detail}")
        elif outcome.status == "unchanged":
            log.debug("%s: unchanged, skipped", outcome.name)
        elif self.bar is None:
            log.info("%s -> %s (%.1f s)", outcome.name, outcome.stem, outcome.seconds)
        if self.bar is not None:  # every outcome after start() is one of the items the bar counts
            self.bar.update()

    def _write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
