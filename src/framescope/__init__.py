"""framescope: how news outlets cover and frame the same event."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("framescope")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"
