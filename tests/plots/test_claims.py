"""framescope.plots.claims."""

from datetime import date

import polars as pl

from framescope import plots


def test_claims_are_drawn_with_webgl_only_when_many():
    def claims(n):
        return pl.DataFrame(
            {"published": [date(2023, 3, 1)] * n, "value_bn": [200.0] * n, "source": ["X"] * n,
             "metric": ["bilateral_trade"] * n, "kind": ["target"] * n, "surface": ["$200bn"] * n}
        )  # fmt: skip

    reference = pl.DataFrame(schema={"date": pl.Date, "value_bn": pl.Float64, "label": pl.String})
    few = plots.claims_against_reference(claims(3), reference)
    many = plots.claims_against_reference(claims(plots.WEBGL_POINTS + 1), reference)
    assert [trace.type for trace in few.data] == ["scatter"]
    assert [trace.type for trace in many.data] == ["scattergl"]
    assert list(few.data[0].customdata[0]) == ["bilateral_trade", "target", "$200bn"]
