"""The dashboard's state: filters and the data derived from them. No Panel here.

A :class:`DataStore` reads one build's tables (cached on the folder and the manifest's
modification time, never on frames), exposes the filters as parameters, and derives every
frame the views draw, memoised on the filter values each one depends on, so a filter change
recomputes only what it touches.

``field`` chooses the findings of the article text or of the headlines: mentions, labels,
sentiment and figures are read for that field (``tables.FIELD_TABLES``), and every cache
holding what is derived from them is keyed on it; the other tables are the text's.

The numeric claims, the ledger and the official statistics are ``figures_state``'s methods
(a base class of :class:`DataStore`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import param
import polars as pl

from framescope import config, counting, display, encoding, sentiment, timeseries
from framescope import sentences as segmentation
from framescope.dashboard import aggregates
from framescope.dashboard.figures_state import FiguresData
from framescope.dashboard.links import known_values
from framescope.dashboard.tables import FIELDS, load_profile, load_tables

GRANULARITIES = ("day", "week", "month")
AXES = ("calendar", "event")


# Above this many articles one box per article is unreadable (and too heavy for a browser):
# the sentence-tone chart then shows one box per outlet.
MAX_ARTICLE_BOXES = 60
N_BOOT = 1000
_SORTED_TONE_SCHEMA = {"source": pl.String, "published": pl.Date, "duplicate": pl.Boolean,
                       "syndicated": pl.Boolean, "article_id": pl.String,
                       "compound": pl.Float64}  # fmt: skip


def _hashable(value: Any) -> Any:
    # Parameter values as a memo key: lists (outlets, actors) become tuples.
    return tuple(value) if isinstance(value, list) else value


class DataStore(FiguresData):
    """Filters and derived data for the dashboard (and for notebooks).

    The figures, the claims ledger and the official statistics come from
    :class:`~framescope.dashboard.figures_state.FiguresData`."""

    date_range = param.DateRange(default=None, doc="published between (inclusive)")
    sources = param.ListSelector(default=[], objects=[], doc="outlets shown")
    actors = param.ListSelector(default=[], objects=[], doc="actors shown in mention charts")
    # Annotated: param cannot tell mypy the type of a Selector whose options are set later.
    actor: param.Selector = param.Selector(
        default=None, objects=[], doc="the actor for tone, labels, evidence"
    )
    field: param.Selector = param.Selector(
        default="text", objects=list(FIELDS), doc="findings in the article text or in the headlines"
    )
    method: param.Selector = param.Selector(default="multilex", objects=list(sentiment.METHODS))
    granularity: param.Selector = param.Selector(default="week", objects=list(GRANULARITIES))
    axis: param.Selector = param.Selector(
        default="calendar", objects=list(AXES), doc="calendar or days from the event"
    )
    include_duplicates = param.Boolean(default=False, doc="count near-duplicate articles too")
    one_per_story = param.Boolean(
        default=False, doc="count each syndicated story once, at its earliest article"
    )
    value: param.Selector = param.Selector(
        default="mentions", objects=["mentions", "mentions_per_1k_words", "share_of_articles"]
    )
    search = param.String(default="", doc="text search in titles and text")

    def __init__(self, data_dir: str | Path | None = None, **params: Any) -> None:
        self.data_dir = Path(data_dir or config.PROCESSED)
        self.tables = load_tables(self.data_dir)
        self.profile = load_profile(self.data_dir)
        self._memo: dict[tuple, Any] = {}
        articles = self.tables.slim("articles")
        sources = sorted(articles["source"].unique().to_list())
        actors = self.tables.derived(("ranked actors",), self._ranked_actors)
        actors = actors or [a.id for a in self.profile.actors]
        # People first: country aliases dominate raw counts but say little about framing.
        people = {a.id for a in self.profile.actors if a.kind == "person"}
        actors = sorted(actors, key=lambda a: a not in people)
        self.names = display.for_profile(self.profile)
        # Pickers show names; the values (and so links and CSVs) stay ids.
        self.param.sources.objects = sources
        self.param.actors.objects = self.names.options("actor", actors)
        self.param.actor.objects = self.names.options("actor", actors)
        # param appends an unknown value to the objects of a selector declared without any
        # (these three), and widgets then offer it: a link's made-up outlet would be shown.
        for name in ("sources", "actors", "actor"):
            self.param[name].check_on_set = True
        self.param.actor.allow_None = True  # a build without actors has none to choose
        # Only the methods the build scored: another would be offered, then fail to draw.
        methods = self._scored_methods() or list(sentiment.METHODS)
        self.param.method.objects = self.names.options("measure", methods)
        for name in ("granularity", "axis", "value"):
            self.param[name].objects = self.names.options("measure", self.param[name].objects)
        method = self.param.method.default if self.param.method.default in methods else methods[0]
        dated = articles["published"].drop_nulls()
        bounds = (dated.min(), dated.max()) if dated.len() else (date(1900, 1, 1), date(2100, 1, 1))
        self.param.date_range.bounds = bounds
        defaults = {
            "sources": sources,
            "actors": actors[:4],
            "actor": actors[0] if actors else None,
            "date_range": bounds,
            "method": method,
        }
        super().__init__(**{**defaults, **params})

    def outlet_colours(self) -> dict[str, str]:
        """A colour per outlet of the build, fixed by its rank (``encoding``): the same in every
        view and after every filter."""
        return self.tables.derived(
            ("outlet colours",),
            lambda: encoding.assign(
                encoding.ranked_outlets(self.tables.slim("articles")), encoding.OUTLET_PALETTE
            ),
        )

    def category_colours(self, kind: str) -> dict[str, str]:
        """A colour per category of one chart kind (``frame``, ``term``, ``label``, ``voice``,
        ``actor``, ``metric``) in the profile's order (``encoding.category_colours``)."""
        return self.tables.derived(
            ("category colours", kind),
            lambda: encoding.category_colours(encoding.category_order(self.profile).get(kind, [])),
        )

    def _scored_methods(self) -> list[str]:
        """The sentiment methods in the build's table (shared), sorted; none without one."""
        return self.tables.derived(
            ("methods",),
            lambda: (
                self.tables.slim("sentiment")["method"].unique().sort().to_list()
                if "sentiment" in self.tables
                else []
            ),
        )

    def accepted(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[Any]]]:
        """Split filter values from outside (a shared link) into those this build has and the
        rest, by :func:`known_values` over each filter's options; a list filter (outlets,
        actors) keeps its known items.

        Only the accepted values may be set: the rest are never shown, only reported."""
        choices: dict[str, list[Any]] = {}
        lists: list[str] = []
        for name in values:
            if name not in self.param:
                continue  # no choices: known_values drops it
            parameter = self.param[name]
            if isinstance(parameter, param.Selector):
                choices[name] = list(parameter.objects)
            elif isinstance(parameter, param.Boolean):
                choices[name] = [True, False]
            if isinstance(parameter, param.ListSelector):
                lists.append(name)
        return known_values(values, choices, lists=lists)

    def _ranked_actors(self) -> list[str]:
        if "mentions" not in self.tables:
            return []
        # The text's mentions: the actors offered do not change with the field.
        mentioned = self.tables.slim("mentions")["actor"]
        return mentioned.value_counts(sort=True)["actor"].to_list() if mentioned.len() else []

    def _slim(self, name: str) -> pl.DataFrame:
        return self.tables.slim(name, self.field)

    def field_of(self, table: str) -> str:
        """The field whose rows ``table`` gives: the store's ``field`` for mentions, labels,
        sentiment and figures, ``"text"`` for every other table."""
        return self.tables.field_for(table, self.field)

    # -- memoisation ---------------------------------------------------------------------

    def _cached(self, name: str, keys: tuple, build: Callable[[], Any], *, size: int = 16) -> Any:
        # Keys hold every parameter the value depends on, so sessions can share it.
        return self.tables.memo(name, keys, build, size=size)

    def shared(self, name: str, depends: Collection[str], build: Callable[[], Any]) -> Any:
        """``build()`` once per value of the parameters named in ``depends``, for every session
        of this build: what only those filters decide, such as a view's chart."""
        key = tuple(_hashable(getattr(self, parameter)) for parameter in depends)
        return self._cached(name, key, build)

    def _session_cached(self, name: str, keys: tuple, build: Callable[[], Any]) -> Any:
        # Sentence-sized frames (evidence, downloads): kept for this session only.
        key = (name, *keys)
        if key not in self._memo:
            if len(self._memo) > 16:  # a long session must not grow without bound
                self._memo.clear()
            self._memo[key] = build()
        return self._memo[key]

    def _filter_key(self) -> tuple:
        # ``field`` too: what is derived from the per-sentence tables depends on it.
        return (
            tuple(self.sources),
            self.date_range,
            self.include_duplicates,
            self.one_per_story,
            self.field,
        )

    def _selection(self, *, flagged: bool) -> pl.Expr:
        # ``flagged``: rows carry the copy flags (cells), not the articles' own columns.
        flags = {"duplicate": pl.col("duplicate"), "syndicated": pl.col("syndicated")}
        counts = counting.counted(
            include_duplicates=self.include_duplicates,
            one_per_story=self.one_per_story,
            **(flags if flagged else {}),
        )
        return aggregates.selection(
            sources=self.sources,
            date_range=self.date_range,
            bounds=self.param.date_range.bounds,
            counts=counts,
        )

    def _cells(self, table: str, by: tuple[str, ...]) -> pl.DataFrame:
        """Rows of ``table`` counted per cell and ``by`` (shared by every session), filtered."""
        if table not in self.tables:
            return pl.DataFrame()

        def build() -> pl.DataFrame:
            return aggregates.cell_counts(self._slim(table), self._slim("articles"), by=by)

        counts = self.tables.derived(("cells", table, by, self.field_of(table)), build)
        return self._cached(
            f"cells {table}",
            (*self._filter_key(), by),
            lambda: counts.filter(self._selection(flagged=True)),
        )

    # -- derived data --------------------------------------------------------------------

    def articles(self) -> pl.DataFrame:
        """Articles passing the outlet, date and duplicate filters (undated ones only when the
        date range is the whole corpus, so they are never silently lost).

        The article text is left out (see ``tables["articles"]`` for it)."""
        return self._cached(
            "articles",
            self._filter_key(),
            lambda: self._slim("articles").filter(self._selection(flagged=False)),
        )

    def _for_articles(self, table: str) -> pl.DataFrame:
        if table not in self.tables:
            return pl.DataFrame()
        frame = self.tables.read(table, self.field)
        return self._session_cached(
            table,
            self._filter_key(),
            lambda: frame.join(self.articles().select("article_id"), on="article_id", how="semi"),
        )

    def mentions(self) -> pl.DataFrame:
        """Mentions in the filtered articles (in their text or titles: ``field``)."""
        return self._for_articles("mentions")

    def sentiment(self) -> pl.DataFrame:
        """Sentence scores of the chosen method in the filtered articles (``field``'s)."""
        return self._for_articles("sentiment").filter(pl.col("method") == self.method)

    def table(self, name: str) -> pl.DataFrame:
        """Any per-sentence table of the build (frames, labels, quotes...) for the filtered
        articles, ``field``'s rows where it has them (:meth:`field_of`); an empty frame when
        the build has no such table."""
        return self._for_articles(name)

    def shares(self, table: str, by: str, *, actor: str | None = None) -> pl.DataFrame:
        """``framing.shares`` (``framing.voice_shares`` for ``voice``) of a framing table for
        the filtered articles, counted from cells; with ``actor``, that actor's rows only
        (labels). An empty frame when the build has no such table."""
        if table not in self.tables:
            return pl.DataFrame()
        keys = ("actor", by) if actor is not None else (by,)

        def build() -> pl.DataFrame:
            counts = self._cells(table, keys)
            if actor is not None:
                counts = counts.filter(pl.col("actor") == actor)
            if by == "voice":
                return aggregates.voice_shares(counts, self.articles())
            return aggregates.shares(counts, self.articles(), by=by)

        return self._cached("shares", (*self._filter_key(), table, by, actor), build)

    def sentences(self, field: str = "text") -> pl.DataFrame:
        """Sentences of the filtered articles: of their text (the ``sentences`` table), or of
        their titles for ``field="title"``, split as a build splits them, so ``sentence_idx``
        matches the title's rows of mentions, labels, sentiment and figures."""
        if field == "text":
            return self._for_articles("sentences")
        if field not in FIELDS:
            msg = f"field: {field!r} is not one of {list(FIELDS)}"
            raise ValueError(msg)
        titles = self.tables.derived(("headline sentences",), self._headline_sentences)
        return self._session_cached(
            "headline sentences",
            self._filter_key(),
            lambda: titles.join(self.articles().select("article_id"), on="article_id", how="semi"),
        )

    def _headline_sentences(self) -> pl.DataFrame:
        """Every article's title split into sentences, as ``stages.analyse`` splits it."""
        articles = self.tables.slim("articles")
        if "title" not in articles.columns:
            articles = articles.with_columns(pl.lit(None, pl.String).alias("title"))
        return segmentation.split(articles.select("article_id", pl.col("title").alias("text")))

    def periods(self) -> pl.DataFrame:
        """The filtered articles with the period each falls in."""
        return (
            self.articles()
            .with_columns(
                timeseries.periods(
                    pl.col("published"),
                    freq=self.granularity,
                    axis=self.axis,
                    event_date=self.event_date(),
                ).alias("period")
            )
            .filter(pl.col("period").is_not_null())
        )

    def milestones(self) -> pl.DataFrame:
        """The profile's milestones for the time axes."""
        return timeseries.milestones_frame(self.profile, event_date=self.event_date())

    def event_date(self) -> date:
        """Day 0 of the days-from-event axis: the profile's event date, else (a profile that
        names no event) the first date an article of the build was published."""
        if self.profile.event_date is not None:
            return self.profile.event_date
        first = self.tables.slim("articles").get_column("published").min()
        # No dated article: nothing is drawn on the event axis, so any day 0 will do.
        return first if isinstance(first, date) else date(1970, 1, 1)

    def mention_series(self) -> pl.DataFrame:
        """Mentions of the chosen actors by period and outlet, raw and normalised."""
        keys = (*self._filter_key(), self.granularity, self.axis, tuple(self.actors))
        return self._cached(
            "mention_series",
            keys,
            lambda: aggregates.mention_series(
                self._cells("mentions", ("actor",)) if "mentions" in self.tables
                else pl.DataFrame(schema={**dict.fromkeys(aggregates.CELL, pl.String),
                                          "published": pl.Date, "duplicate": pl.Boolean,
                                          "syndicated": pl.Boolean, "actor": pl.String,
                                          "n": pl.Int64, "articles_with": pl.Int64}),
                self.articles(),
                actors=list(self.actors),
                freq=self.granularity,
                axis=self.axis,
                event_date=self.event_date(),
            ),
        )  # fmt: skip

    def _article_tone(self, actor: str | None) -> pl.DataFrame:
        """Per-article tone sums of the chosen method (over one actor's sentences), shared."""

        def build() -> pl.DataFrame:
            scores = self._slim("sentiment").filter(pl.col("method") == self.method)
            if actor is not None:
                mentioning = (
                    self._slim("mentions")
                    .filter(pl.col("actor") == actor)
                    .select("article_id", "sentence_idx")
                )
                scores = scores.join(mentioning, on=["article_id", "sentence_idx"], how="semi")
            return aggregates.article_tone(scores)

        return self.tables.derived(("article tone", self.method, actor, self.field), build)

    def tone_series(self, *, actor: str | None = None) -> pl.DataFrame:
        """Mean sentence tone by period and outlet, for all sentences or one actor's.

        The same numbers as ``timeseries.tone_series``; each period x outlet's bootstrap
        interval is kept (for every session) under the articles it was drawn from, so a
        filter change draws again only where the articles changed."""
        keys = (*self._filter_key(), self.granularity, self.axis, self.method, actor)
        return self._cached("tone_series", keys, lambda: self._tone_series(actor))

    def _tone_series(self, actor: str | None) -> pl.DataFrame:
        methods = self._scored_methods()
        if methods and self.method not in methods:
            msg = f"method: {self.method!r} is not in the sentiment table; it has {methods}"
            raise ValueError(msg)
        if "sentiment" in self.tables:
            tone = self._article_tone(actor)
        else:
            tone = pl.DataFrame(schema={"article_id": pl.String, "total": pl.Float64,
                                        "n": pl.Int64})  # fmt: skip
        groups, per_article = aggregates.tone_groups(
            tone,
            self.articles(),
            freq=self.granularity,
            axis=self.axis,
            event_date=self.event_date(),
        )
        bounds = self.tables.derived(("intervals",), dict)
        prefix = (self.method, actor, self.granularity, self.axis, self.field)
        wanted = [(*prefix, *row) for row in groups.select("period", "source", "n_articles",
                                                           "members").rows()]  # fmt: skip
        low, high = aggregates.kept_intervals(
            bounds,
            wanted,
            groups=[key[len(prefix) : len(prefix) + 2] for key in wanted],  # period, source
            sizes=groups.get_column("n_articles").to_numpy(),
            totals=per_article.get_column("total").to_numpy(),
            counts=per_article.get_column("n").to_numpy(),
            n_boot=N_BOOT,
        )
        return timeseries.tone_table(
            groups, low, high, method=self.method, actor=actor, n_boot=N_BOOT
        )

    def sentence_tone(self) -> pl.DataFrame:
        """Each sentence's score with its article's outlet and a short article label."""
        return self._sentence_tone(self.sentiment())

    def _sentence_tone(self, scores: pl.DataFrame) -> pl.DataFrame:
        articles = self.articles().select(
            "article_id",
            "source",
            pl.format(
                "{} · {}",
                pl.col("source"),
                pl.col("published").cast(pl.String).fill_null("undated"),
            ).alias("label"),
        )
        return scores.join(articles, on="article_id").sort("label")

    def tone_points(self) -> pl.DataFrame:
        """:meth:`sentence_tone` with only the columns the chart draws (no full-table read)."""
        keys = (*self._filter_key(), self.method)

        def build() -> pl.DataFrame:
            scores = self._slim("sentiment").filter(
                pl.col("method") == self.method,
                pl.col("article_id").is_in(self.articles()["article_id"].implode()),
            )
            return self._sentence_tone(scores)

        return self._cached("tone_points", keys, build)

    def tone_summary(self) -> pl.DataFrame:
        """Sentence tone per outlet as box statistics, for selections too large to draw one
        box per article (``plots.tone_summary``)."""
        by_source = self.tables.derived(
            ("sentences by outlet", self.method, self.field), self._by_source
        )
        per_source = self.tables.derived(("tone summary", self.method, self.field), dict)
        if len(per_source) > 10_000:  # many sessions and date ranges: start again
            per_source.clear()
        for source in self.sources:
            key = (source, *self._filter_key()[1:])
            if key in per_source:
                continue
            # A filter keeps each outlet's sentences in tone order: no sort per change.
            chosen = by_source.get(source, pl.DataFrame(schema=_SORTED_TONE_SCHEMA)).filter(
                self._selection(flagged=True)
            )
            per_source[key] = aggregates.sorted_box_stats(chosen, value="compound", source=source)
        parts = [per_source[(s, *self._filter_key()[1:])] for s in self.sources]
        return pl.concat(parts) if parts else aggregates.box_stats(
            pl.DataFrame(schema={"source": pl.String, "article_id": pl.String,
                                 "compound": pl.Float64}),
            value="compound", by="source",
        )  # fmt: skip

    def _by_source(self) -> dict[str, pl.DataFrame]:
        """Each outlet's scored sentences of the chosen method, sorted by tone (shared)."""
        scored = (
            self._slim("sentiment")
            .filter(pl.col("method") == self.method, pl.col("compound").is_not_null())
            .join(
                self._slim("articles").select(
                    "article_id", "source", "published", *counting.flags()
                ),
                on="article_id",
            )
            .select(*_SORTED_TONE_SCHEMA)
            .sort("compound")
        )  # fmt: skip
        parts = scored.partition_by("source", as_dict=True, maintain_order=True)
        return {source: frame for (source,), frame in parts.items()}

    def article_list(self) -> pl.DataFrame:
        """The searchable article list: one row per filtered article."""
        frame = self.articles()
        if self.search.strip():
            needle = self.search.strip().lower()
            # The text is read only now: a search is the one filter that needs it.
            texts = self.tables["articles"].join(frame.select("article_id"), on="article_id")
            frame = texts.filter(
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
            "syndicated_from",
            "wire",
        ).sort("published", "source", nulls_last=True)

    def evidence(
        self, *, source: str | None = None, actor: str | None = None, period: Any = None
    ) -> pl.DataFrame:
        """The sentences behind a mentions number: outlet, actor and period as clicked (the
        headlines' sentences when ``field`` is ``"title"``)."""
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
            self.sentences(self.field)
            .join(keys, on=["article_id", "sentence_idx"])
            .join(articles.select("article_id", "source", "published"), on="article_id")
            .select("source", "published", "article_id", "sentence_idx", "text")
            .sort("published", "article_id", "sentence_idx", nulls_last=True)
        )

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
            "near_duplicates": self._slim("articles")["duplicate_of"].is_not_null().sum(),
            "syndicated": self._slim("articles")["syndicated_from"].is_not_null().sum(),
            "rejects": self.tables.get("rejects", pl.DataFrame()).height,
            "words": int(articles["n_words"].sum() or 0),
        }
