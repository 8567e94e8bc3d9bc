"""Extract, check and compile the UI's translations (SPEC D2), in one command.

    uv run python installer/update_translations.py           # update .ts, compile .qm
    uv run python installer/update_translations.py --check   # only say what is wrong

Updating runs `pyside6-lupdate` over every Python file of `desktop/` into
`resources/translations/sangdam_<lang>.ts` (new strings arrive unfinished, strings gone
from the code are dropped), fills the English file's new plain entries with their source
text (the source is English; plural entries still need their singular form by hand), and
compiles each `.ts` into its `.qm` with `pyside6-lrelease`. Then it lists what is left to
translate. Translate those entries in the `.ts` (Qt Linguist: `uv run pyside6-linguist
resources/translations/sangdam_ko.ts`, or any editor) and run it again to compile.

`--check` (the tests run it) changes nothing and exits 1 when a `.ts` is out of date
with the code, has an unfinished or vanished entry, a translation that lost one of its
placeholders, or a `.qm` that is not the compiled form of its `.ts`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "desktop"
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = {"ko": "ko_KR", "en": "en_US"}  # code -> the .ts file's language
PLURAL_FORMS = {"ko": 1, "en": 2}  # numerus forms per language (Qt's rules)
PLACEHOLDER = re.compile(r"\{\w+\}|%L?n")


def ts_path(code: str, folder: Path = FOLDER) -> Path:
    return folder / f"sangdam_{code}.ts"


def qm_path(code: str, folder: Path = FOLDER) -> Path:
    return folder / f"sangdam_{code}.qm"


def tool(name: str) -> str:
    """A Qt tool from the environment's PySide6 (beside this Python, else on PATH)."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: run this with the project's environment (uv run)")
    return found


def sources(folder: Path = SOURCES) -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in folder.rglob("*.py"))


def lupdate(ts: Path, code: str) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            "-source-language",
            "en_US",
            "-target-language",
            LANGUAGES[code],
            "-no-obsolete",
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
        text=True,
    )


# ---- reading a .ts file ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    kind: str  # the translation's type: "" (finished), "unfinished", "vanished", "obsolete"
    forms: tuple[str, ...]  # the translation, or its numerus forms

    @property
    def key(self) -> tuple[str, str, str, bool]:
        return (self.context, self.source, self.comment, self.numerus)


def read(ts: Path) -> list[Message]:
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            tr = m.find("translation")
            numerus = m.get("numerus") == "yes"
            if tr is None:
                forms: tuple[str, ...] = ()
            elif numerus:
                forms = tuple(f.text or "" for f in tr.iter("numerusform"))
            else:
                forms = (tr.text or "",)
            out.append(
                Message(
                    name,
                    m.findtext("source") or "",
                    m.findtext("comment") or "",
                    numerus,
                    tr.get("type", "") if tr is not None else "unfinished",
                    forms,
                )
            )
    return out


def untranslated(messages: list[Message], code: str) -> list[Message]:
    """Entries a translator still has to finish."""
    want = PLURAL_FORMS.get(code, 1)
    return [
        m
        for m in messages
        if m.kind
        or not all(f.strip() for f in m.forms)
        or len(m.forms) != (want if m.numerus else 1)
    ]


def placeholder_problems(messages: list[Message]) -> list[str]:
    """Translations that lost or invented a `{name}` or `%n`."""
    out = []
    for m in messages:
        want = sorted(set(PLACEHOLDER.findall(m.source)))
        for form in m.forms:
            got = sorted(set(PLACEHOLDER.findall(form)))
            # a singular form may say "one" instead of %n
            if got != want and not (m.numerus and [p for p in want if "%" not in p] == got):
                out.append(f"{m.context}: {m.source!r} -> {form!r}: placeholders {got} != {want}")
    return out


# ---- updating --------------------------------------------------------------------------------


def fill_english(ts: Path) -> int:
    """English needs no translation: plain entries take their source text. Returns how
    many were filled. (Plural entries keep waiting for their singular form.)"""
    tree = ET.parse(ts)
    filled = 0
    for m in tree.getroot().iter("message"):
        tr = m.find("translation")
        if m.get("numerus") == "yes" or tr is None or tr.get("type") != "unfinished":
            continue
        tr.text = m.findtext("source") or ""
        del tr.attrib["type"]
        filled += 1
    if filled:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
        lupdate(ts, "en")  # back in lupdate's own layout
    return filled


def update() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for code in LANGUAGES:
        ts = ts_path(code)
        lupdate(ts, code)
        if code == "en":
            fill_english(ts)
        lrelease(ts, qm_path(code))
    todo = 0
    for code in LANGUAGES:
        left = untranslated(read(ts_path(code)), code)
        todo += len(left)
        for m in left:
            print(f"to translate ({code}): {m.context}: {m.source!r}")
    print(f"{todo} entries left to translate" if todo else "every entry is translated")
    return 0


# ---- checking --------------------------------------------------------------------------------


def stale_entries(ts: Path, code: str) -> list[str]:
    """What lupdate would add to or drop from this .ts now (it is out of date)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / ts.name
        shutil.copy(ts, copy)
        lupdate(copy, code)
        new = {m.key for m in read(copy)}
    old = {m.key for m in read(ts)}
    return [f"not extracted yet: {k[0]}: {k[1]!r}" for k in sorted(new - old)] + [
        f"no longer in the code: {k[0]}: {k[1]!r}" for k in sorted(old - new)
    ]


def translation_problems(ts: Path, code: str) -> list[str]:
    """Unfinished, vanished or empty entries, and translations with wrong placeholders."""
    messages = read(ts)
    out = [f"{m.kind or 'empty'}: {m.context}: {m.source!r}" for m in untranslated(messages, code)]
    return out + placeholder_problems(messages)


def compiled_problems(ts: Path, qm: Path) -> list[str]:
    """Whether the .qm is what lrelease makes of the .ts now (bytes, not dates: git keeps
    no modification times)."""
    if not qm.exists():
        return [f"{qm.name} is missing"]
    with tempfile.TemporaryDirectory() as tmp:
        compiled = Path(tmp) / qm.name
        lrelease(ts, compiled)
        if qm.read_bytes() != compiled.read_bytes():
            return [f"{qm.name} is not compiled from {ts.name}"]
    return []


def check(folder: Path = FOLDER) -> list[str]:
    """Everything wrong with the committed translations (nothing changes)."""
    problems: list[str] = []
    for code in LANGUAGES:
        ts, qm = ts_path(code, folder), qm_path(code, folder)
        if not ts.exists():
            problems.append(f"{ts.name} is missing")
            continue
        for found in (
            stale_entries(ts, code),
            translation_problems(ts, code),
            compiled_problems(ts, qm),
        ):
            problems.extend(f"{ts.name}: {p}" for p in found)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="change nothing, list problems")
    args = parser.parse_args(argv)
    if not args.check:
        return update()
    problems = check()
    for p in problems:
        print(p)
    if problems:
        print("run: uv run python installer/update_translations.py, translate, run it again")
        return 1
    print("translations are complete and up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
