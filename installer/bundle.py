"""What goes into the PyInstaller bundle, as plain data the spec reads and tests check.

One folder, windowed, named `sangdam`, the version from pyproject.toml; `resources/`
(icons, translations, fonts) as data, with qtawesome's icon font and charmap in
`resources/mdi`; the `sangdam` distribution's metadata (the app's version
is read from it: `protocol.version`); the server's Alembic migrations as files (Alembic
runs them from a folder), the customer chat page's files, and the server's modules,
which only the demo launcher (installer/entry.py) reaches; no tests, benchmarks or
development tools.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "sangdam"  # the executable and the bundle's folder
APP_NAME = "Sangdam"  # what people see (the .app, the Start menu)
BUNDLE_ID = "app.sangdam.desktop"
URL_SCHEME = "sangdam"
ENTRY = ROOT / "installer" / "entry.py"

# Our packages, collected whole: the app imports much of itself inside functions (for
# a fast first paint), and the server is reached only through the demo launcher.
PACKAGES = ("desktop", "server", "protocol")

# Imported only by files PyInstaller does not analyse (the migrations) or by name.
EXTRA_IMPORTS = (
    "alembic.op",
    "alembic.context",
    "aiosqlite",
    "sqlalchemy.dialects.sqlite.aiosqlite",
    "sqlalchemy.dialects.postgresql",
)

# Never in the bundle: our test and benchmark code, and what only development uses.
EXCLUDES = (
    "tests",
    "bench",
    "installer.make_icons",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "schemathesis",
    "mypy",
    "ruff",
    "importlinter",
    "PyInstaller",
    "tkinter",
    "IPython",
    # reached only through command-line extras (httpx's CLI, mako's pygments plugin)
    "rich",
    "pygments",
    "markdown_it",
    "werkzeug",
)


def mdi_files() -> tuple[Path, Path]:
    """qtawesome's Material Design Icons font and charmap (desktop/views/icons.py)."""
    from desktop.resources import mdi_files as find

    found = find()
    if found is None:
        raise FileNotFoundError("qtawesome's Material Design Icons font is not installed")
    return found


def version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    with pyproject.open("rb") as f:
        data = tomllib.load(f)
    value = data.get("project", {}).get("version")
    if not isinstance(value, str) or not value:
        raise ValueError(f"{pyproject} has no [project] version")
    return value


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source, folder in the bundle) pairs: PyInstaller's `datas`, ours only (the
    spec adds the distribution's metadata with `copy_metadata`)."""
    pairs = [(str(root / "resources"), "resources")]
    # the icon font and its charmap, from the qtawesome package (desktop/views/icons.py)
    pairs += [(str(path), "resources/mdi") for path in mdi_files()]
    migrations = root / "server" / "db" / "migrations"
    for path in sorted(migrations.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".mako") and "__pycache__" not in path.parts:
            folder = path.parent.relative_to(root).as_posix()
            pairs.append((str(path), folder))
    # what the (demo) server serves from server/web: the customer chat page at
    # /c/<token>, the website snippet and its demo site
    for folder in ("customer", "snippet", "demo"):
        page = root / "server" / "web" / folder
        pairs += [
            (str(path), f"server/web/{folder}") for path in sorted(page.iterdir()) if path.is_file()
        ]
    return pairs


def info_plist(app_version: str) -> dict[str, object]:
    """macOS Info.plist keys added to PyInstaller's own: the `sangdam://` links (H4),
    the version, the identifier (PyInstaller's BUNDLE sets CFBundleIdentifier and the
    icon from its arguments; they are repeated here so the dict is the whole story)."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleExecutable": NAME,
        "CFBundleIconFile": "sangdam.icns",
        "CFBundlePackageType": "APPL",
        "CFBundleShortVersionString": app_version,
        "CFBundleVersion": app_version,
        "CFBundleURLTypes": [
            {
                "CFBundleURLName": f"{BUNDLE_ID}.link",
                "CFBundleURLSchemes": [URL_SCHEME],
                "CFBundleTypeRole": "Viewer",
            }
        ],
        "LSMinimumSystemVersion": "11.0",
        "NSHighResolutionCapable": True,
        "NSPrincipalClass": "NSApplication",
        "LSApplicationCategoryType": "public.app-category.business",
    }
