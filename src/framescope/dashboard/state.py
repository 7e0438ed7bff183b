"""The dashboard's state: filters and the data derived from them. No Panel here.

A :class:`DataStore` reads one build's tables (cached on the folder and the manifest's
modification time, never on frames), exposes the filters as parameters, and derives every
frame the views draw, memoised on the filter values each one depends on, so a filter change
recomputes only what it touches.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import param
import polars as pl

from framescope import config, figures, reference, report, sentiment, store, timeseries
from framescope import profile as profiles

GRANULARITIES = ("day", "week", "month")
AXES = ("calendar", "event")


@lru_cache(maxsize=4)
def _load(data_dir: str, stamp: int) -> dict[str, pl.DataFrame]:
    del stamp  # part of the cache key only: a rebuild changes it
    return store.read_all(Path(data_dir))


def load_tables(data_dir: str | Path) -> dict[str, pl.DataFrame]:
    """Every table of the build in ``data_dir``, cached until the build changes."""
    manifest = Path(data_dir) / store.MANIFEST
    if not manifest.exists():
        msg = f"no build in {data_dir}: run 'framescope build' first"
        raise store.StoreError(msg)
    return _load(str(Path(data_dir).resolve()), manifest.stat().st_mtime_ns)


def load_profile(data_dir: str | Path) -> profiles.Profile:
    """The profile the build used (its path is in the manifest), else the default one."""
    manifest = store.read_manifest(Path(data_dir)) or {}
    path = manifest.get("profile", {}).get("path")
    if path and Path(path).exists():
        return profiles.load(path)
    return profiles.load()


@lru_cache(maxsize=2)
def load_reference(folder: str) -> dict[str, pl.DataFrame]:
    """The official statistics shipped in ``folder`` (annual, year-to-date, targets)."""
    base = Path(folder)
    return {
        "annual": reference.annual(base / "china_russia_trade_annual.csv"),
        "ytd": reference.year_to_date(base / "china_russia_trade_ytd.csv"),
        "targets": reference.targets(base / "trade_targets.csv"),
    }


class DataStore(param.Parameterized):
    """Filters and derived data for the dashboard (and for notebooks)."""

    date_range = param.DateRange(default=None, doc="published between (inclusive)")
    sources = param.ListSelector(default=[], objects=[], doc="outlets shown")
    actors = param.ListSelector(default=[], objects=[], doc="actors shown in mention charts")
    actor = param.Selector(default=None, objects=[], doc="the actor for tone, labels, evidence")
    method = param.Selector(default="vader", objects=list(sentiment.METHODS))
    granularity = param.Selector(default="week", objects=list(GRANULARITIES))
    axis = param.Selector(
        default="calendar", objects=list(AXES), doc="calendar or days from the event"
    )
    include_duplicates = param.Boolean(default=False, doc="count near-duplicate articles too")
    value = param.Selector(
        default="mentions", objects=["mentions", "mentions_per_1k_words", "share_of_articles"]
    )
    search = param.String(default="", doc="text search in titles and text")

    def __init__(self, data_dir: str | Path | None = None, **params: Any) -> None:
        self.data_dir = Path(data_dir or config.PROCESSED)
        self.tables = load_tables(self.data_dir)
        self.profile = load_profile(self.data_dir)
        self._memo: dict[tuple, Any] = {}
        articles = self.tables["articles"]
        sources = sorted(articles["source"].unique().to_list())
        mentioned = self.tables.get("mentions", pl.DataFrame({"actor": []}))["actor"]
        ranked = mentioned.value_counts(sort=True)["actor"].to_list() if mentioned.len() else []
        actors = ranked or [a.id for a in self.profile.actors]
        # People first: country aliases dominate raw counts but say little about framing.
        people = {a.id for a in self.profile.actors if a.kind == "person"}
        actors = sorted(actors, key=lambda a: a not in people)
        self.param.sources.objects = sources
        self.param.actors.objects = actors
        self.param.actor.objects = actors
        dated = articles["published"].drop_nulls()
        bounds = (dated.min(), dated.max()) if dated.len() else (date(1900, 1, 1), date(2100, 1, 1))
        self.param.date_range.bounds = bounds
        defaults = {
            "sources": sources,
            "actors": actors[:4],
            "actor": actors[0] if actors else None,
            "date_range": bounds,
        }
        super().__init__(**{**defaults, **params})

    # -- memoisation ---------------------------------------------------------------------

    def _cached(self, name: str, keys: tuple, build: Callable[[], Any]) -> Any:
        key = (name, *keys)
        if key not in self._memo:
            if len(self._memo) > 256:  # a long session must not grow without bound
                self._memo.clear()
            self._memo[key] = build()
        return self._memo[key]

    def _filter_key(self) -> tuple:
        return (tuple(self.sources), self.date_range, self.include_duplicates)

    # -- derived data --------------------------------------------------------------------

    def articles(self) -> pl.DataFrame:
        """Articles passing the outlet, date and duplicate filters (undated ones only when the
        date range is the whole corpus, so they are never silently lost)."""

        def build() -> pl.DataFrame:
            frame = self.tables["articles"].filter(pl.col("source").is_in(self.sources))
            if not self.include_duplicates:
                frame = frame.filter(pl.col("duplicate_of").is_null())
            start, end = self.date_range or (None, None)
            if start is not None and end is not None:
                full = (start, end) == self.param.date_range.bounds
                in_range = pl.col("published").is_between(start, end)
                frame = frame.filter(in_range | (pl.col("published").is_null() & full))
            return frame

        return self._cached("articles", self._filter_key(), build)

    def _for_articles(self, table: str) -> pl.DataFrame:
        frame = self.tables.get(table)
        if frame is None:
            return pl.DataFrame()
        return self._cached(
            table,
            self._filter_key(),
            lambda: frame.join(self.articles().select("article_id"), on="article_id", how="semi"),
        )

    def mentions(self) -> pl.DataFrame:
        """Mentions in the filtered articles."""
        return self._for_articles("mentions")

    def sentiment(self) -> pl.DataFrame:
        """Sentence scores of the chosen method in the filtered articles."""
        return self._for_articles("sentiment").filter(pl.col("method") == self.method)

    def table(self, name: str) -> pl.DataFrame:
        """Any per-sentence table of the build (frames, labels, quotes...) for the filtered
        articles; an empty frame when the build has no such table."""
        return self._for_articles(name)

    def sentences(self) -> pl.DataFrame:
        """Sentences of the filtered articles."""
        return self._for_articles("sentences")

    def periods(self) -> pl.DataFrame:
        """The filtered articles with the period each falls in."""
        return (
            self.articles()
            .with_columns(
                timeseries.periods(
                    pl.col("published"),
                    freq=self.granularity,
                    axis=self.axis,
                    event_date=self.profile.event_date,
                ).alias("period")
            )
            .filter(pl.col("period").is_not_null())
        )

    def milestones(self) -> pl.DataFrame:
        """The profile's milestones for the time axes."""
        return timeseries.milestones_frame(self.profile)

    def mention_series(self) -> pl.DataFrame:
        """Mentions of the chosen actors by period and outlet, raw and normalised."""
        keys = (*self._filter_key(), self.granularity, self.axis, tuple(self.actors))
        return self._cached(
            "mention_series",
            keys,
            lambda: timeseries.mention_series(
                self.mentions().filter(pl.col("actor").is_in(self.actors)),
                self.articles(),
                freq=self.granularity,
                axis=self.axis,
                event_date=self.profile.event_date,
                include_duplicates=True,  # already filtered by self.articles()
                actors=list(self.actors),
            ),
        )

    def tone_series(self, *, actor: str | None = None) -> pl.DataFrame:
        """Mean sentence tone by period and outlet, for all sentences or one actor's."""
        keys = (*self._filter_key(), self.granularity, self.axis, self.method, actor)
        return self._cached(
            "tone_series",
            keys,
            lambda: timeseries.tone_series(
                self.sentiment(),
                self.articles(),
                method=self.method,
                freq=self.granularity,
                axis=self.axis,
                event_date=self.profile.event_date,
                mentions=self.mentions() if actor else None,
                actor=actor,
                include_duplicates=True,
            ),
        )

    def sentence_tone(self) -> pl.DataFrame:
        """Each sentence's score with its article's outlet and a short article label."""
        articles = self.articles().select(
            "article_id",
            "source",
            pl.format(
                "{} · {}",
                pl.col("source"),
                pl.col("published").cast(pl.String).fill_null("undated"),
            ).alias("label"),
        )
        return self.sentiment().join(articles, on="article_id").sort("label")

    def article_list(self) -> pl.DataFrame:
        """The searchable article list: one row per filtered article."""
        frame = self.articles()
        if self.search.strip():
            needle = self.search.strip().lower()
            frame = frame.filter(
                pl.col("text").str.to_lowercase().str.contains(needle, literal=True)
                | pl.col("title")
                .fill_null("")
                .str.to_lowercase()
                .str.contains(needle, literal=True)
            )
        return frame.select(
            "article_id",
            "source",
            "published",
            "title",
            "n_words",
            "language",
            "translated",
            "duplicate_of",
        ).sort("published", "source", nulls_last=True)

    def evidence(
        self, *, source: str | None = None, actor: str | None = None, period: Any = None
    ) -> pl.DataFrame:
        """The sentences behind a mentions number: outlet, actor and period as clicked."""
        found = self.mentions()
        if actor:
            found = found.filter(pl.col("actor") == actor)
        articles = self.periods()
        if source:
            articles = articles.filter(pl.col("source") == source)
        if period is not None:
            articles = articles.filter(pl.col("period").cast(pl.String) == str(period)[:10])
        keys = found.select("article_id", "sentence_idx").unique()
        return (
            self.sentences()
            .join(keys, on=["article_id", "sentence_idx"])
            .join(articles.select("article_id", "source", "published"), on="article_id")
            .select("source", "published", "article_id", "sentence_idx", "text")
            .sort("published", "article_id", "sentence_idx", nulls_last=True)
        )

    def ledger(self) -> pl.DataFrame:
        """The claims ledger: the same claim as each outlet reported it, divergences flagged."""
        found = self.table("figures")
        if found.is_empty():
            return pl.DataFrame()
        return self._cached(
            "ledger",
            self._filter_key(),
            lambda: figures.ledger(
                found, self.articles(), profile=self.profile, include_duplicates=True
            ),
        )

    def official(self) -> dict[str, pl.DataFrame]:
        """Official statistics with their provenance (``data/reference``)."""
        return load_reference(str(config.REFERENCE))

    def trade_claims(self, metric: str = reference.TRADE_METRIC) -> pl.DataFrame:
        """Money claims about ``metric`` at their publication dates, in billion USD."""
        found = self.table("figures")
        if found.is_empty():
            return pl.DataFrame()
        return report.trade_claims(found, self.articles(), metric=metric)

    def comparison(self) -> pl.DataFrame:
        """Ledger claims set against the official annual series."""
        ledger = self.ledger()
        if ledger.is_empty():
            return pl.DataFrame()
        return reference.compare(ledger, self.official()["annual"])

    def overview(self) -> dict[str, Any]:
        """Corpus size, date span, outlets and rejects for the overview cards."""
        articles = self.articles()
        dated = articles["published"].drop_nulls()
        return {
            "articles": articles.height,
            "outlets": articles["source"].n_unique(),
            "first": dated.min() if dated.len() else None,
            "last": dated.max() if dated.len() else None,
            "undated": articles["published"].null_count(),
            "near_duplicates": self.tables["articles"]["duplicate_of"].is_not_null().sum(),
            "rejects": self.tables.get("rejects", pl.DataFrame()).height,
            "words": int(articles["n_words"].sum() or 0),
        }
