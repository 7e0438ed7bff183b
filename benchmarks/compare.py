"""Are two builds the same? ``python -m benchmarks.compare BEFORE AFTER`` compares every table
of two build folders row for row (in canonical order) and prints the first difference of each
table that differs; exit 0 when all are equal.

A refactoring must not change a table: build the same corpus before and after, compare.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import polars as pl
from polars.testing import assert_frame_equal

from framescope import stages, store


def differences(before: Path, after: Path) -> dict[str, str]:
    """Each table that differs between the builds in ``before`` and ``after``, with why.

    Examples
    --------
    >>> differences(Path("a"), Path("a"))  # doctest: +SKIP
    {}
    """
    names = set(_tables(before)) | set(_tables(after))
    found = {}
    for name in sorted(names):
        try:
            left = _ordered(name, store.read(name, before, field=None))
            right = _ordered(name, store.read(name, after, field=None))
            assert_frame_equal(left, right, check_column_order=False)
        except (AssertionError, store.StoreError) as error:
            found[name] = str(error).strip().splitlines()[0][:300]
    return found


def _tables(build: Path) -> list[str]:
    return list((store.read_manifest(build) or {}).get("tables", {}))


def _ordered(name: str, table: pl.DataFrame) -> pl.DataFrame:
    return table.sort("path") if name == "articles" else stages.canonical_order(table)


def main(argv: Sequence[str] | None = None) -> int:
    """Compare two builds; 0 when every table is equal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    found = differences(args.before, args.after)
    for name, why in found.items():
        print(f"{name}: {why}")
    tables = len(_tables(args.before))
    print(f"{tables - len(found)} of {tables} tables equal")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
