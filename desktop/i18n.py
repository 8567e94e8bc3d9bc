"""The UI's language (SPEC D2): Korean or English, the system's by default.

`install` loads Qt's own translation (`qtbase_<code>.qm`, the standard buttons) and ours
(`resources/translations/sangdam_<code>.qm`) and makes the language's locale the
default `QLocale`, so dates, times and numbers follow it too; times are shown in the
system's time zone (Python's `astimezone()`).

A chosen language (`choose`) is saved in the settings and takes effect at the next start:
the settings dialog says so (`restart_notice`). Switching live would need every widget
to rebuild its texts on `QEvent.LanguageChange`; a restart is simpler and sure.

Strings are marked with `translate("Context", "text")` (this module's name for
`QCoreApplication.translate`, which is what pyside6-lupdate looks for); plurals pass the
count: `translate("Tray", "%n unread chats", None, n)`. Placeholders other than `%n` are
`{name}`, filled by `.format()` after translation.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.resources import translations_dir

if TYPE_CHECKING:
    from desktop.auth.settings import Settings

log = logging.getLogger(__name__)

LANGUAGES = ("ko", "en")  # with a translation in resources/translations
FALLBACK = "en"  # for a system language we have no translation for
SYSTEM = "system"  # the preference that follows the operating system

translate = QCoreApplication.translate

_installed: list[QTranslator] = []
_running = FALLBACK


def system_language(system: QLocale | None = None) -> str:
    """The first of the system's preferred UI languages we have, else English."""
    system = system if system is not None else QLocale.system()
    for tag in [*system.uiLanguages(), system.name()]:
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return FALLBACK


def language_code(preference: str, system: QLocale | None = None) -> str:
    """The language to show for a saved preference ("system", "ko", "en")."""
    return preference if preference in LANGUAGES else system_language(system)


def ui_locale(preference: str, system: QLocale | None = None) -> QLocale:
    """The locale for dates, times and numbers: the system's own when it speaks the UI
    language (keeping its region's formats, e.g. en_GB), else the language's usual one."""
    system = system if system is not None else QLocale.system()
    code = language_code(preference, system)
    if QLocale.languageToCode(system.language()) == code:
        return system
    return QLocale(code)


def install(
    app: QCoreApplication, preference: str = SYSTEM, system: QLocale | None = None
) -> QLocale:
    """Load the translations for `preference` into `app` (replacing earlier ones) and
    make its locale the default. Returns the locale. (`system`: the OS's locale.)"""
    global _running
    locale = ui_locale(preference, system)
    code = QLocale.languageToCode(locale.language())
    QLocale.setDefault(locale)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder, needed in (
        ("qtbase", qt_folder, False),
        ("sangdam", str(translations_dir()), True),
    ):
        translator = QTranslator(app)
        if translator.load(f"{name}_{code}", folder):
            app.installTranslator(translator)
            _installed.append(translator)
        elif needed:
            log.warning("no translation %s_%s.qm in %s", name, code, folder)
    _running = code
    return locale


def running_language() -> str:
    """The language the UI shows now ("ko" or "en")."""
    return _running


def language_choices() -> list[tuple[str, str]]:
    """What the settings dialog offers: (preference, label). Each language is named in
    itself, as language menus do."""
    return [
        (SYSTEM, translate("Language", "System language")),
        ("ko", "한국어"),
        ("en", "English"),
    ]


def choose(settings: Settings, preference: str) -> bool:
    """Save the agent's choice ("system", "ko" or "en"). Returns whether Sangdam must
    start again to show it (then say `restart_notice()`)."""
    if preference != SYSTEM and preference not in LANGUAGES:
        choices = ", ".join((SYSTEM, *LANGUAGES))
        raise ValueError(f"unknown language {preference!r}: one of {choices}")
    settings.set_language(preference)
    return needs_restart(preference)


def needs_restart(preference: str) -> bool:
    """Whether a saved preference differs from the language the UI shows now."""
    return language_code(preference) != _running


def restart_notice() -> str:
    return translate("Language", "The new language is used when Sangdam starts again.")
