"""Text from a package made inert for where the report writes it.

Every name, value and message can come from a pull request. Written raw, a line break in a table
name starts a new output line that GitHub reads as a workflow command (``::error``, ``::stop-commands::``),
an escape sequence drives the reader's terminal, a U+202E reverses what the reader sees, and Markdown
in the step summary becomes a link or an image. So each format gets its own escaping:

- terminal and workflow-command text: every character that is not printable (controls, line and
  paragraph separators, format and bidirectional characters, surrogates, unassigned) is shown as a
  Python escape such as ``\\u202e``; a line can then never start a workflow command unless we start it;
- Markdown (step summary): additionally, every character that opens markup is backslash-escaped;
- JSON: json.dumps escapes what JSON requires; the same invisible characters are written as \\u escapes.
"""
from __future__ import annotations

import re

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: object) -> str:
    """``text`` with every non-printable character (all but the space among spaces) escaped."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


# What can open markup in a GitHub Markdown table cell: code, emphasis, links and images, raw HTML and
# entities, the cell separator. Intraword underscores and ordinary punctuation stay as they are.
_MARKDOWN = re.compile(r"([\\`*\[\]<>|&!~])")


def markdown(text: object) -> str:
    """Printable text with Markdown and HTML punctuation escaped, safe in a table cell."""
    return _MARKDOWN.sub(r"\\\1", printable(text))


def command_line(line: str) -> str:
    """A printed line that GitHub must not take as a workflow command: printable, and never starting with '::'."""
    line = printable(line)
    stripped = line.lstrip()
    return line.replace("::", ": :", 1) if stripped.startswith("::") else line


# What json.dumps(ensure_ascii=False) leaves raw although it is invisible or breaks a terminal (C1
# controls, separators, format and bidirectional characters, lone surrogates): only ever inside strings.
_JSON_INVISIBLE = re.compile("[\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
                             "\ufff9-\ufffb\ud800-\udfff]")


def json_text(document: str) -> str:
    return _JSON_INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
