"""Reading an Inno Setup script: enough to check from Linux what the Windows installer
will do (its [Registry] values, its Start-menu entry), since the installer itself can
only be built and run on Windows.

A section's entries are lines of `Name: value; Name: "value"` parameters. Inside a
quoted value a doubled quote is one quote; Inno's constants (`{app}`) are kept as
written. [Setup] lines are `Key=value`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Script:
    setup: dict[str, str] = field(default_factory=dict)
    sections: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def entries(self, section: str) -> list[dict[str, str]]:
        return self.sections.get(section.lower(), [])


class InnoSyntaxError(ValueError):
    """A line the reader cannot take apart; the message names it."""


def parse_params(line: str) -> dict[str, str]:
    out: dict[str, str] = {}
    i, n = 0, len(line)
    while i < n:
        while i < n and line[i] in " \t":
            i += 1
        if i >= n:
            break
        colon = line.find(":", i)
        if colon < 0:
            raise InnoSyntaxError(f"no 'Name:' at {line[i:]!r}")
        name = line[i:colon].strip()
        i = colon + 1
        while i < n and line[i] in " \t":
            i += 1
        if i < n and line[i] == '"':
            value, i = [], i + 1
            while True:
                if i >= n:
                    raise InnoSyntaxError(f"unclosed quote in {line!r}")
                if line[i] == '"':
                    if i + 1 < n and line[i + 1] == '"':
                        value.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                value.append(line[i])
                i += 1
            text = "".join(value)
            while i < n and line[i] in " \t":
                i += 1
            if i < n and line[i] != ";":
                raise InnoSyntaxError(f"text after the quoted value of {name} in {line!r}")
        else:
            end = line.find(";", i)
            end = n if end < 0 else end
            text, i = line[i:end].strip(), end
        out[name] = text
        i += 1  # the ';'
    return out


def parse(text: str) -> Script:
    script = Script()
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";") or line.startswith("#") or line.startswith("//"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
            script.sections.setdefault(section, [])
        elif section == "setup":
            key, sep, value = line.partition("=")
            if not sep:
                raise InnoSyntaxError(f"[Setup] line without '=': {line!r}")
            script.setup[key.strip()] = value.strip()
        elif section:
            script.sections[section].append(parse_params(line))
    return script


def registry_values(script: Script) -> dict[tuple[str, str], str]:
    """(Root\\Subkey, value name) -> value data, for every [Registry] string value."""
    return {
        (f"{e['Root']}\\{e['Subkey']}", e.get("ValueName", "")): e.get("ValueData", "")
        for e in script.entries("Registry")
        if e.get("ValueType") == "string"
    }
