import subprocess
import sys

import polars as pl
import pytest

from framescope import framing, keyterms
from framescope.framing import compare, cues, descriptors, hedging, naming, statements


def test_public_names_are_re_exported() -> None:
    # Notebooks, the dashboard and outside scripts call framing.<name>.
    assert framing.labels is descriptors.labels
    assert framing.war_naming is naming.war_naming
    assert framing.frames is cues.frames
    assert framing.hedges is hedging.hedges
    assert framing.quotes is statements.quotes
    assert framing.shares_of is compare.shares_of
    assert framing.distinctive_terms is keyterms.distinctive_terms
    assert set(framing.__all__) <= set(dir(framing))


def test_seed_tables_have_their_schemas(seeds: dict[str, pl.DataFrame]) -> None:
    for name, schema in [
        ("labels", framing.LABEL_SCHEMA),
        ("war_terms", framing.WAR_SCHEMA),
        ("frames", framing.FRAME_SCHEMA),
        ("hedges", framing.HEDGE_SCHEMA),
        ("quotes", framing.QUOTE_SCHEMA),
    ]:
        assert seeds[name].schema == pl.Schema(schema), name
        assert seeds[name].height > 0, name


# The child's own peak (VmHWM): Linux carries the parent's peak across exec into ru_maxrss.
_FRAMING_PEAK = """
import re, sys
from pathlib import Path
import polars as pl
from framescope import framing, mentions, profile, sentences

def peak():
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) * 1024

unit = sys.argv[1]
topic = profile.load()
text = unit * (400_000 // len(unit))
split = sentences.split(pl.DataFrame({"article_id": ["a"], "text": [text]}))
found = mentions.extract(split, topic)
start = peak()
framing.extract_all(split, found, topic)
print(peak() - start)
"""


@pytest.mark.parametrize("unit", ["“war” said Putin ", "Putin said Xi told "])
def test_framing_memory_does_not_grow_with_findings_per_sentence(unit: str) -> None:
    # 400,000 characters in 200 sentences of 2,000, with a finding every few words: each
    # finding searched its own copy of its sentence (and every clause met every mention of
    # the sentence), 600 MB and 1.1 GB; now about 50 MB.
    command = [sys.executable, "-c", _FRAMING_PEAK, unit]
    growth = int(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    assert growth < 250 * 1024**2
