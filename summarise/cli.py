"""The `summarise` command: plain-English text, audio, web pages and a podcast feed for a batch of releases."""

from __future__ import annotations

import argparse
import logging
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
    run.add_argument("--base-url", default="", help="public address of the output folder, for absolute links")
    run.add_argument("--title", default="", help="title of the index page and podcast feed")
    run.add_argument("-q", "--quiet", action="store_true", help="print only errors and the final count")
    return parser


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, format="%(message)s", stream=sys.stderr)
    options = Options(
        engine=args.engine,
        model=args.model,
        voice=args.voice,
        max_sentences=args.sentences,
        workers=args.workers,
        base_url=args.base_url,
        title=args.title,
    )
    try:
        return run(args.inputs, args.output, options=options, quiet=args.quiet)
    except SummariseError as exc:
        print(f"summarise: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("summarise: interrupted; finished items are kept, run again to finish the rest", file=sys.stderr)
        return 130


def run(inputs: list[str], out_dir: Path, *, options: Options, quiet: bool = False) -> int:
    """Summarise every input into `out_dir`; bad inputs are reported and the rest go on. Exit code 1 if any failed."""
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
