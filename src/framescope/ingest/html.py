"""Saved HTML pages -> one raw record each: the article's main text and metadata.

trafilatura separates the article from navigation, cookie banners, footers and scripts and
reads the page's metadata (title, date, site name). Only the page given is read: nothing is
ever fetched.
"""

from __future__ import annotations

from configparser import ConfigParser
from functools import cache
from pathlib import Path

import trafilatura
from trafilatura.settings import Document, set_date_params, use_config
from trafilatura.xml import xmltotxt

from framescope.ingest.dates import date_from_url, parse_date
from framescope.ingest.records import Batch, raw_record, reject

_PARAGRAPH = "\n\n"


@cache
def _extraction_config() -> ConfigParser:
    """trafilatura's settings for news pages, built once."""
    settings = use_config()
    # A two-sentence wire brief is a real article; below the default 250-character floor
    # trafilatura falls back to whole-page extraction, which drags navigation into the text.
    settings.set("DEFAULT", "MIN_EXTRACTED_SIZE", "25")
    # A page whose only text is a menu ("Home World") is not an article: shorter than any
    # one-sentence report, so it becomes a no_text reject.
    settings.set("DEFAULT", "MIN_OUTPUT_SIZE", "40")
    return settings


def _date_params() -> dict[str, object]:
    # Dates guessed from running text are not metadata, so no extensive search; and the
    # page's markup goes before its URL, which htmldate would otherwise read first.
    return {**set_date_params(extensive=False), "deferred_url_extractor": True}


def read_html(path: Path, text: str) -> Batch:
    """The article in an HTML page as one raw record, or a reject saying why there is none.

    Parameters
    ----------
    path
        Where the page was read from (recorded, not opened).
    text
        The page's decoded HTML.

    Returns
    -------
    Batch
        One record (``date_origin`` ``metadata`` for a date in the page's markup,
        ``inferred`` for one in its URL, else ``unknown``), or one ``no_text`` or
        ``unparseable`` reject. Never raises for bad input.

    Examples
    --------
    >>> page = "<html><body><article><p>" + "Xi Jinping arrived in Moscow. " * 3
    >>> read_html(Path("a.html"), page + "</p></article></body></html>").records["text"][0]
    'Xi Jinping arrived in Moscow. Xi Jinping arrived in Moscow. Xi Jinping arrived in Moscow.'
    """
    label = str(path)
    try:
        document = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_date_params(),
            config=_extraction_config(),
        )
    except Exception as error:  # trafilatura and lxml raise many types on broken markup
        detail = f"trafilatura could not parse the page: {error!r}"
        return Batch.of([], [reject(label, "unparseable", detail)])
    # None when nothing was extracted; a dict only with as_dict=True, which is not asked for.
    if not isinstance(document, Document) or not (body := _paragraphs(document)):
        return Batch.of([], [reject(label, "no_text", "no article text found in the page")])
    return Batch.of([_record(label, body, document)], [])


def _paragraphs(document: Document) -> str:
    """The article text, one block (paragraph, heading, list, quote) per paragraph.

    trafilatura's own ``text`` puts one newline between blocks and also one for a ``<br>``
    inside a block; its element tree tells the two apart.
    """
    if document.body is None:
        return (document.text or "").strip()
    blocks = (xmltotxt(block, include_formatting=False).strip() for block in document.body)
    return _PARAGRAPH.join(block for block in blocks if block)


def _record(label: str, body: str, document: Document) -> dict[str, object]:
    published = parse_date(document.date)
    from_url = date_from_url(document.url)
    # htmldate falls back on the URL itself, so a date equal to the URL's may be only that.
    if published is not None and published != from_url:
        origin = "metadata"
    elif from_url is not None:
        published, origin = from_url, "inferred"
    else:
        origin = "unknown"
    return raw_record(
        label,
        body,
        title=document.title,
        published=published,
        date_origin=origin,
        url=document.url,
        source=document.sitename or document.hostname,
        language=document.language,
    )
