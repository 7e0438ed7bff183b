"""framescope's command line: build | serve | info | validate-sentiment | profile draft.

Exit codes, each failure with one sentence on stderr and never a traceback:

- 0: built, updated, or up to date.
- 1: nothing built: no input became an article (``rejects.parquet`` says why for each).
- 2: a usage error the user can fix: a missing path, a bad profile, sidecar or ``--map``, or
  another build holding the output folder's lock (the message names its pid).
- 3: the build failed on something other than its input: a full disk or another I/O error, a
  worker process that died (killed, out of memory), Dask workers that kept dying. Nothing
  changed: the output folder still holds the previous build's tables.
- 130: stopped with Ctrl-C (a build stopped so leaves the previous tables, as a killed one does).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from framescope import __version__, config, pipeline, sentiment, store
from framescope.ingest.fields import parse_mapping
from framescope.ingest.sidecar import SidecarError
from framescope.profile import ProfileError

USER_ERRORS = (
    FileExistsError,
    FileNotFoundError,
    ProfileError,
    SidecarError,
    store.StoreError,
    ValueError,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framescope", description="How news outlets cover and frame the same event."
    )
    parser.add_argument("--version", action="version", version=f"framescope {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the processed tables from raw inputs")
    build.add_argument(
        "--raw",
        action="append",
        metavar="PATH",
        help=f"a folder or file to ingest (repeatable; default {config.RAW})",
    )
    build.add_argument(
        "--sources", metavar="CSV", help="sidecar CSV (default: sources.csv in folders)"
    )
    build.add_argument(
        "--profile",
        metavar="TOML",
        help="topic profile TOML, 'base' (the shipped base alone) or 'auto' (the base plus "
        "actors drafted from the corpus, written to OUT/profile.toml); default: 'auto' for a "
        f"--raw other than {config.RAW}, else {config.PROFILE}",
    )
    build.add_argument("--out", metavar="DIR", help=f"output folder (default {config.PROCESSED})")
    build.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="export column for a field, e.g. --map text=body (repeatable)",
    )
    build.add_argument(
        "--delimiter",
        metavar="CHAR",
        help="delimiter of CSV/TSV exports, e.g. ';' or tab (default: sniffed from the header)",
    )
    build.add_argument(
        "--methods",
        metavar="NAMES",
        help="sentiment methods, comma-separated (default: "
        f"{','.join(pipeline.SENTIMENT_METHODS)}; known: {', '.join(sentiment.METHODS)})",
    )
    build.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    build.add_argument(
        "--engine", choices=pipeline.ENGINES, default="local", help="local (default) or dask"
    )
    build.add_argument(
        "--scheduler", metavar="ADDRESS", help="dask scheduler, e.g. tcp://10.0.0.5:8786"
    )
    build.add_argument(
        "--workers",
        type=int,
        help="worker processes (default: one per core; with --engine dask and no "
        "--scheduler, of the LocalCluster started)",
    )
    build.add_argument("--quiet", action="store_true", help="no progress bar")

    validate = commands.add_parser(
        "validate-sentiment", help="compare each sentiment method with human coding"
    )
    validate.add_argument("--gold", required=True, metavar="FILE", help="CSV/TSV of coded texts")
    validate.add_argument("--text-col", default="text", help="column with the text (default text)")
    validate.add_argument(
        "--score-col", default="score", help="human score or negative/neutral/positive label"
    )
    validate.add_argument(
        "--methods", nargs="+", default=list(sentiment.METHODS), help="methods to validate"
    )
    validate.add_argument("--json", action="store_true", help="print JSON, one object per method")

    serve = commands.add_parser("serve", help="serve the dashboard for a build")
    serve.add_argument("--data", metavar="DIR", help=f"build folder (default {config.PROCESSED})")
    serve.add_argument("--port", type=int, default=5006, help="port (default 5006)")
    serve.add_argument(
        "--address", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine)"
    )
    serve.add_argument(
        "--allow-websocket-origin",
        action="append",
        default=[],
        metavar="HOST[:PORT]",
        help="origin allowed to connect, required when --address exposes the server",
    )
    serve.add_argument("--show", action="store_true", help="open a browser")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes on the one port, each holding the build in memory (default 1: "
        "on 2 cores a second was no faster and doubled the memory)",
    )

    profile = commands.add_parser("profile", help="work with topic profiles")
    profile_commands = profile.add_subparsers(dest="profile_command", required=True)
    draft = profile_commands.add_parser(
        "draft", help="draft an event profile from a corpus, for a person to edit"
    )
    draft.add_argument(
        "--raw",
        action="append",
        required=True,
        metavar="PATH",
        help="a folder or file of articles (repeatable)",
    )
    draft.add_argument(
        "--sources", metavar="CSV", help="sidecar CSV (default: sources.csv in folders)"
    )
    draft.add_argument("--out", metavar="FILE", help="write the TOML here (default: print it)")
    draft.add_argument("--id", default="draft", help="the profile id (default draft)")
    draft.add_argument("--title", help="the profile title (default: from the id)")
    draft.add_argument("--top", type=int, default=30, help="actors proposed at most (default 30)")
    draft.add_argument("--force", action="store_true", help="overwrite --out if it exists")

    info = commands.add_parser("info", help="summarise a build")
    info.add_argument("--data", metavar="DIR", help=f"build folder (default {config.PROCESSED})")
    return parser


def _build(args: argparse.Namespace) -> int:
    report = pipeline.build(
        args.raw,
        sources=args.sources,
        profile=args.profile or _default_profile(args.raw),
        out=args.out,
        mapping=parse_mapping(args.map),
        delimiter=args.delimiter,
        methods=args.methods,
        progress=not args.quiet,
        force=args.force,
        engine=args.engine,
        scheduler=args.scheduler,
        workers=args.workers,
    )
    print(report.summary())
    return 1 if report.status == "nothing_built" else 0


def _default_profile(raw: list[str] | None) -> str | None:
    """No --profile: the default profile for the default corpus, else "auto": someone's own
    corpus is drafted a profile of its own rather than counted for Xi and Putin."""
    default = config.RAW.resolve()
    if raw and any(Path(path).resolve() != default for path in raw):
        return config.AUTO_PROFILE
    return None


def _validate(args: argparse.Namespace) -> int:
    gold = sentiment.read_gold(args.gold, text_col=args.text_col, score_col=args.score_col)
    result = sentiment.validate(gold, methods=args.methods)
    if args.json:
        print(json.dumps(result.to_dicts(), indent=2))
    else:
        print(sentiment.validation_report(result))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from framescope.dashboard import serve  # noqa: PLC0415 - Panel is slow to import

    serve.serve(
        args.data,
        address=args.address,
        port=args.port,
        origins=args.allow_websocket_origin,
        show=args.show,
        workers=args.workers,
    )
    return 0


def _profile(args: argparse.Namespace) -> int:
    from framescope.profile import draft  # noqa: PLC0415 - only this command needs it

    out = Path(args.out) if args.out else None
    if out is not None and out.exists() and not args.force:
        msg = f"{str(out)!r} exists: pass --force to overwrite it"
        raise FileExistsError(msg)
    drafted = draft.draft(args.raw, sources=args.sources, top=args.top)
    text = draft.render(drafted, profile_id=args.id, title=args.title)
    if out is None:
        print(text, end="")
        return 0
    out.write_text(text, encoding="utf-8")
    print(
        f"wrote {out}: {len(drafted.actors)} candidate actors from {drafted.articles} articles; "
        "edit it, then build with --profile",
        file=sys.stderr,
    )
    return 0


def _info(args: argparse.Namespace) -> int:
    data = Path(args.data) if args.data else config.PROCESSED
    manifest = store.read_manifest(data)
    if manifest is None:
        print(f"no build in {data}: run 'framescope build' first", file=sys.stderr)
        return 1
    articles = store.read("articles", data)
    print(f"build in {data} (framescope {manifest['settings']['framescope_version']})")
    for name, entry in sorted(manifest["tables"].items()):
        print(f"  {name:<10} {entry['rows']:>9,} rows")
    first, last = articles.select(
        pl.col("published").min().alias("first"), pl.col("published").max().alias("last")
    ).row(0)
    if first is not None:
        print(f"  published {first} .. {last}; {articles['source'].n_unique()} sources")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    # trafilatura logs every page it cannot parse; framescope reports those as rejects instead.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        commands = {
            "build": _build,
            "info": _info,
            "profile": _profile,
            "serve": _serve,
            "validate-sentiment": _validate,
        }
        return commands[args.command](args)
    except USER_ERRORS as error:
        print(f"framescope {args.command}: {error}", file=sys.stderr)
        return 2
    except pipeline.BuildError as error:
        print(f"framescope {args.command}: {error}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print(f"framescope {args.command}: stopped (Ctrl-C)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
