"""The product's version, read from the installed distribution so pyproject.toml is its
only source (the PyInstaller bundle ships the distribution's metadata for this)."""

from importlib.metadata import PackageNotFoundError, version


def app_version() -> str:
    try:
        return version("sangdam")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"
