"""Screenshots of the composer (SPEC M2-M6): each popup open, the link button dialog,
the form builder and the macro dialog; light and dark, English and Korean.

    python -m bench.composer_shots [--out /tmp/composer-shots]

Each language runs in a child process of its own (the UI language is chosen once per
process): the real window over bench.screenshots' demo cache plus macros and profile
fields, a chat open, keystrokes typed into the composer, grabbed to PNGs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path


def shoot(out: Path, lang: str, scheme: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from bench.screenshots import seed
    from desktop import i18n
    from desktop.controller.ui import build_ui
    from desktop.views import theme
    from desktop.views.compose_dialogs import FormBuilderDialog, LinkButtonDialog, MacroDialog
    from desktop.views.fonts import install_ui_font
    from tests.desktop.composer_support import add_reference

    app = QApplication([sys.argv[0]])
    i18n.install(app, lang)
    install_ui_font(app)
    theme.install(app)

    def settle(n: int = 30) -> None:
        for _ in range(n):
            app.processEvents()

    with tempfile.TemporaryDirectory(prefix="sangdam-composer-shot-") as tmp:
        path = Path(tmp) / "cache.sqlite3"
        chat_id = seed(path, lang, datetime.now(UTC))
        from desktop.sync.reads import CacheReader

        peek = CacheReader(path)
        me = peek.me
        peek.close()
        add_reference(path, {"me": me}, macros=12, me_permissions=["manage_macros"])
        ui = build_ui(path, account="")
        window = ui.window
        window.resize(1280, 820)
        window.show()
        settle()
        window.show_chat(chat_id)
        composer = window.conversation.composer
        composer.set_available(True)
        settle(40)
        edit = composer.edit
        edit.setFocus()
        tag = f"{lang}-{scheme}"
        QTest.keyClicks(edit, "Hello ")
        settle()
        composer.grab().save(str(out / f"composer-idle-{tag}.png"))
        for name, keys in (("mention", "@"), ("macro", "#"), ("emoji", ":s")):
            edit.clear()
            QTest.keyClicks(edit, keys)
            settle()
            window.grab().save(str(out / f"composer-{name}-{tag}.png"))
            QTest.keyClick(edit, Qt.Key.Key_Escape)
        edit.clear()
        composer.set_note(True)
        QTest.keyClicks(edit, "@")
        settle()
        window.grab().save(str(out / f"composer-note-{tag}.png"))
        QTest.keyClick(edit, Qt.Key.Key_Escape)
        composer.set_note(False)
        link = LinkButtonDialog(window)
        link.text.setText("주문 조회" if lang == "ko" else "Track my order")
        link.url.setText("https://shop.example/orders/118832")
        link.swatches[1].click()
        link.show()
        settle()
        link.grab().save(str(out / f"dialog-link-{tag}.png"))
        link.close()
        fields = composer.source.profile_fields() if composer.source else []
        form = FormBuilderDialog(fields, window)
        first = form.rows[0]
        first.profile.setCurrentIndex(first.profile.findData("email"))
        form.add_field("나이" if lang == "ko" else "Age", "number", "age")
        agree = "개인정보 수집에 동의하십니까?" if lang == "ko" else "Do you agree?"
        form.add_field(agree, "boolean")
        form.show()
        settle()
        form.grab().save(str(out / f"dialog-form-{tag}.png"))
        form.close()
        if composer.source is not None:
            macros = MacroDialog(composer.source, window)
            macros.show()
            macros.list.setCurrentIndex(macros.model.index(0, 0))
            settle()
            macros.grab().save(str(out / f"dialog-macros-{tag}.png"))
            macros.close()
        ui.reader.close()
        window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "composer-shots")
    parser.add_argument("--one", nargs=2, metavar=("LANG", "SCHEME"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.one:
        shoot(args.out, args.one[0], args.one[1])
        return 0
    for lang, scheme in (("ko", "light"), ("ko", "dark"), ("en", "light")):
        env = {**os.environ, "SANGDAM_COLOR_SCHEME": scheme, "QT_QPA_PLATFORM": "offscreen"}
        cmd = [sys.executable, "-m", "bench.composer_shots", "--out", str(args.out)]
        subprocess.run([*cmd, "--one", lang, scheme], env=env, check=True)
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
