"""Calibrate the multilex sentiment method and time it against VADER.

``python -m benchmarks.multilex calibrate`` reads the calibration sentences
(``benchmarks/calibration/news_2023.txt``: excerpts of English news pages from 2023, one block
per page), splits them into sentences as a build does, scores them with each lexicon
(:func:`framescope.sentiment.multilex.lexicon_scores`) and prints the constants to paste into
``framescope.sentiment.multilex`` (each lexicon's mean and standard deviation, and the
standard deviation of their standardised average), then how the lexicons agree with one
another on those sentences.

``python -m benchmarks.multilex time [PATH]`` times VADER and multilex on the distinct
sentences of a built ``sentences.parquet`` (by default the 20,000-article benchmark build),
each the best of three runs in this process, and prints their ratio.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import polars as pl

from framescope import sentences
from framescope.sentiment import multilex, vader

CORPUS = Path(__file__).parent / "calibration" / "news_2023.txt"
BUILD = Path(__file__).parent / "out" / "builds" / "jsonl-20000-framescope" / "sentences.parquet"


def read_pages(path: Path = CORPUS) -> pl.DataFrame:
    """The calibration pages: ``article_id`` (the page's URL) and ``text`` (its excerpt).

    A line ``## <url>`` starts a page; lines starting with ``#`` otherwise are comments.
    """
    pages: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("## "):
            current = pages.setdefault(line[3:].strip(), [])
        elif line.startswith("#") or not line.strip():
            continue
        elif current is None:
            msg = f"{path}: text before the first '## <url>' line: {line[:60]!r}"
            raise ValueError(msg)
        else:
            current.append(line.strip())
    return pl.DataFrame(
        {"article_id": list(pages), "text": ["\n".join(lines) for lines in pages.values()]}
    )


def calibration_sentences(path: Path = CORPUS) -> pl.Series:
    """The distinct sentences of the calibration pages, in page order."""
    split = sentences.split(read_pages(path))
    return split.get_column("text").unique(maintain_order=True)


def calibrate(texts: pl.Series) -> tuple[dict[str, multilex.Calibration], float, pl.DataFrame]:
    """Each lexicon's mean and sd over ``texts``, the sd of their standardised average, and
    the lexicon scores themselves."""
    scores = multilex.lexicon_scores(texts)
    calibration = {
        name: multilex.Calibration(
            mean=float(scores[name].mean()),  # type: ignore[arg-type]
            sd=float(scores[name].std(ddof=0)),  # type: ignore[arg-type]
        )
        for name in multilex.LEXICONS
    }
    average = scores.select(
        pl.mean_horizontal(
            (pl.col(name) - scale.mean) / scale.sd for name, scale in calibration.items()
        )
    ).to_series()
    return calibration, float(average.std(ddof=0)), scores  # type: ignore[arg-type]


def agreement(scores: pl.DataFrame) -> pl.DataFrame:
    """Per lexicon: the share of sentences it scores (nonzero), and its Pearson r with each
    other lexicon and with the average of the others (standardised), over ``scores``."""
    names = scores.columns
    standard = scores.select(
        (pl.col(name) - pl.col(name).mean()) / pl.col(name).std(ddof=0) for name in names
    )
    rows = []
    for name in names:
        others = [other for other in names if other != name]
        rest = standard.select(pl.mean_horizontal(others)).to_series()
        rows.append(
            {
                "lexicon": name,
                "nonzero": float((scores[name] != 0).mean()),  # type: ignore[arg-type]
                **{
                    f"r_{other}": float(
                        pl.DataFrame({"a": scores[name], "b": scores[other]})
                        .select(pl.corr("a", "b"))
                        .item()
                    )
                    for other in others
                },
                "r_rest": float(
                    pl.DataFrame({"a": scores[name], "b": rest}).select(pl.corr("a", "b")).item()
                ),
            }
        )
    return pl.DataFrame(rows)


def _best_of(runs: int, function, texts: pl.Series) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        function(texts)
        best = min(best, time.perf_counter() - start)
    return best


def timing(path: Path = BUILD, *, runs: int = 3) -> dict[str, float]:
    """Seconds VADER and multilex take on the distinct sentences of a ``sentences.parquet``."""
    texts = pl.read_parquet(path, columns=["text"]).get_column("text").unique()
    # Warm up: lexicons read and polars' regexes compiled, as in a build's first batch.
    vader.scores(texts.head(1000))
    multilex.scores(texts.head(1000))
    result = {
        "sentences": float(len(texts)),
        "vader": _best_of(runs, vader.scores, texts),
        "multilex": _best_of(runs, multilex.scores, texts),
    }
    result["ratio"] = result["multilex"] / result["vader"]
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("calibrate", help="print the constants of multilex")
    timer = commands.add_parser("time", help="time multilex against VADER")
    timer.add_argument("path", nargs="?", type=Path, default=BUILD)
    args = parser.parse_args(argv)
    if args.command == "calibrate":
        texts = calibration_sentences()
        calibration, spread, scores = calibrate(texts)
        pages = read_pages().height
        print(f"# {len(texts):,} distinct sentences of {pages} pages ({CORPUS.name})")
        print("CALIBRATION: dict[str, Calibration] = {")
        for name, scale in calibration.items():
            print(f'    "{name}": Calibration(mean={scale.mean:.6f}, sd={scale.sd:.6f}),')
        print("}")
        print(f"SPREAD = {spread:.6f}")
        with pl.Config(tbl_cols=-1, float_precision=3):
            print(agreement(scores))
    else:
        result = timing(args.path)
        print(
            f"{int(result['sentences']):,} distinct sentences: VADER {result['vader']:.2f} s, "
            f"multilex {result['multilex']:.2f} s, ratio {result['ratio']:.2f}"
        )


if __name__ == "__main__":
    main()
