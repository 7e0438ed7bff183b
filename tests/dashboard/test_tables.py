from framescope.dashboard.tables import Tables


def test_asking_whether_a_table_exists_reads_nothing(seed_build):
    tables = Tables(seed_build, ["articles", "sentences"])  # not the cached one
    result = ("sentences" in tables, "no_such_table" in tables)
    assert result == (True, False)
    assert "sentences" not in tables._read  # the text-heavy table stays on disk
