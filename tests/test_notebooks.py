"""The notebooks: committed clean and thin, and each runs top to bottom in a fresh kernel.

Execution uses a kernelspec written into a temporary Jupyter path for this interpreter, so the
kernel is this virtualenv's Python whatever other "python3" kernels the machine has; a cell
appended to each in-memory copy proves it. The notebooks build into a temporary folder (through
``FRAMESCOPE_DATA``), never into ``data/processed``, and the executed copies are written to a
temporary folder, never back into ``notebooks/``.
"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import install as install_kernelspec
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from framescope import config, pipeline

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
def notebook_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus built from the project root, as the notebooks build it: their own
    ``pipeline.build`` call then finds it up to date."""
    out = tmp_path_factory.mktemp("notebook_build")
    with contextlib.chdir(config.ROOT):
        pipeline.build([config.RAW], profile=config.PROFILE, out=out, progress=False)
    return out


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


@pytest.mark.slow
@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_runs_in_a_fresh_kernel(
    name: str,
    jupyter_path: Path,
    notebook_build: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The kernel inherits this environment: the kernelspec path first, the temporary build.
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter_path))
    monkeypatch.setenv("FRAMESCOPE_DATA", str(notebook_build))
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
        pytest.fail(f"{name} failed in a fresh kernel:\n{error}")
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
    assert figures, f"{name} rendered no plotly figure"
    printed = [o.text for c in _code_cells(nb) for o in c.outputs if o.output_type == "stream"]
    assert any("up to date" in text for text in printed), "the notebook's build was not a no-op"


@pytest.mark.slow
def test_notebook_runs_from_the_project_root(
    jupyter_path: Path,
    notebook_build: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter_path))
    monkeypatch.setenv("FRAMESCOPE_DATA", str(notebook_build))
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
