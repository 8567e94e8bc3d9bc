"""The Windows installer's script (installer/windows/sangdam.iss), read from Linux: per
user, the bundle with a Start-menu entry, and the `sangdam` URL protocol registered under
HKCU\\Software\\Classes so a manager link opens the app with the link as its argument."""

# covers: D1

from __future__ import annotations

from pathlib import PureWindowsPath

import pytest

from installer import bundle
from installer.inno import InnoSyntaxError, Script, parse, parse_params, registry_values

ISS = bundle.ROOT / "installer" / "windows" / "sangdam.iss"
CLASSES = r"HKCU\Software\Classes\sangdam"


@pytest.fixture(scope="module")
def script() -> Script:
    return parse(ISS.read_text())


def test_the_sangdam_url_protocol_is_registered_for_the_user(script: Script) -> None:
    values = registry_values(script)
    assert values[(CLASSES, "")] == "URL:Sangdam link"
    assert values[(CLASSES, "URL Protocol")] == ""
    assert values[(CLASSES + r"\DefaultIcon", "")] == '"{app}\\sangdam.exe",0'
    assert values[(CLASSES + r"\shell\open\command", "")] == '"{app}\\sangdam.exe" "%1"'
    assert all(e["Root"] == "HKCU" for e in script.entries("Registry"))
    [root] = [
        e
        for e in script.entries("Registry")
        if e["Subkey"] == r"Software\Classes\sangdam" and e["ValueName"] == ""
    ]
    assert "uninsdeletekey" in root["Flags"]  # uninstalling removes the protocol
    assert script.setup["PrivilegesRequired"] == "lowest"  # HKCU: no administrator needed


def test_the_start_menu_entry_and_files_are_the_bundle(script: Script) -> None:
    [menu] = [e for e in script.entries("Icons") if e["Name"].startswith("{autoprograms}")]
    assert menu["Name"] == r"{autoprograms}\Sangdam"
    assert menu["Filename"] == rf"{{app}}\{bundle.NAME}.exe"
    [files] = script.entries("Files")
    here = ISS.parent
    source = PureWindowsPath(files["Source"])
    assert source.name == "*" and "recursesubdirs" in files["Flags"]
    assert (here.joinpath(*source.parent.parts)).resolve() == bundle.ROOT / "dist" / bundle.NAME
    icon = PureWindowsPath(script.setup["SetupIconFile"])
    assert here.joinpath(*icon.parts).resolve() == bundle.ROOT / "resources/icons/sangdam.ico"
    assert script.setup["AppVersion"] == "{#AppVersion}"  # build.ps1 passes pyproject's


def test_the_reader_takes_inno_quoting_apart_and_refuses_what_it_cannot_read() -> None:
    assert parse_params('A: "say ""hi"""; B: plain ; C: ""') == {
        "A": 'say "hi"',
        "B": "plain",
        "C": "",
    }
    with pytest.raises(InnoSyntaxError, match="unclosed quote"):
        parse_params('A: "open')
    with pytest.raises(InnoSyntaxError, match="no 'Name:'"):
        parse_params("just words")
    with pytest.raises(InnoSyntaxError, match="without '='"):
        parse("[Setup]\nAppName Sangdam\n")
