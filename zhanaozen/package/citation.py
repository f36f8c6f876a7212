"""How to cite the dataset: text, APA, BibTeX and CFF, and the Zenodo metadata, all from ``datapackage.json``.

The descriptor's title, version, contributors, licence, keywords, description and ``created`` date are
the only inputs; ``CITATION.cff`` and ``.zenodo.json`` are this module's output, written by
``zhanaozen release --metadata``. Standard library only.
"""
from __future__ import annotations

import json
import re

FORMATS = ("text", "apa", "bibtex", "cff")
ROW_EXAMPLE = "sentences SEN-0001"


def authors(descriptor: dict) -> list[str]:
    """Contributors with the role ``author`` (all contributors when none has that role)."""
    people = descriptor.get("contributors", [])
    named = [c for c in people if c.get("role") == "author"] or people
    return [c["title"] for c in named]


def _licence(descriptor: dict) -> str:
    return ", ".join(item["name"] for item in descriptor.get("licenses", []))


def _year(descriptor: dict) -> str | None:
    created = descriptor.get("created")
    return created[:4] if created else None


def text(descriptor: dict) -> str:
    year = _year(descriptor) or "n.d."
    return (f"{' & '.join(authors(descriptor))} ({year}). {descriptor['title']}, version {descriptor['version']} "
            f"[Data set]. Licence {_licence(descriptor)}.\nCite a row by table and ID after the version, "
            f"e.g. \"{descriptor['title']}, version {descriptor['version']}, {ROW_EXAMPLE}\".")


def apa(descriptor: dict) -> str:
    year = _year(descriptor) or "n.d."
    return f"{', '.join(authors(descriptor))}. ({year}). *{descriptor['title']}* (Version {descriptor['version']}) [Data set]."


# BibTeX counts braces even after a backslash, so a brace in a value could close the field and start another;
# each special character becomes a LaTeX command whose own braces balance, and the key keeps only [A-Za-z0-9_].
_BIBTEX = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "%": r"\%",
           "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}", "@": r"{@}"}


def bibtex_value(value: object) -> str:
    """A value that stays inside its ``{...}`` field: braces, backslashes and line breaks cannot end it."""
    return "".join(_BIBTEX.get(c, c) for c in " ".join(str(value).split()))


def bibtex(descriptor: dict) -> str:
    key = re.sub(r"[^A-Za-z0-9_]", "_", f"{descriptor['name']}_{descriptor['version']}")
    fields = {
        "title": bibtex_value(descriptor["title"]),
        "author": " and ".join("{" + bibtex_value(name) + "}" for name in authors(descriptor)),
        "year": bibtex_value(_year(descriptor) or ""),
        "version": bibtex_value(descriptor["version"]),
        "howpublished": "Data set",
        "note": bibtex_value(f"Licence {_licence(descriptor)}"),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@misc{{{key},\n{body}\n}}"


def cff_data(descriptor: dict) -> dict:
    data = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below, and cite rows by table and ID.",
        "type": "dataset",
        "title": descriptor["title"],
        "version": descriptor["version"],
        "authors": [{"name": name} for name in authors(descriptor)],
        "abstract": descriptor.get("description"),
        "keywords": descriptor.get("keywords"),
        "license": _licence(descriptor),
        "date-released": descriptor.get("created", "")[:10] or None,
    }
    return {key: value for key, value in data.items() if value}


def _yaml(value, indent: str = "") -> str:
    """A tiny YAML writer for strings, lists and mappings; scalars as JSON strings, which YAML reads as is."""
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                lines.append(f"{indent}{key}:\n{_yaml(item, indent + '  ')}")
            else:
                lines.append(f"{indent}{key}: {json.dumps(item, ensure_ascii=False)}")
        return "\n".join(lines)
    lines = []
    for item in value:
        inner = _yaml(item, indent + "  ") if isinstance(item, (dict, list)) else indent + "  " + json.dumps(item, ensure_ascii=False)
        lines.append(f"{indent}- {inner.lstrip()}")
    return "\n".join(lines)


def cff(descriptor: dict) -> str:
    return "# Generated from datapackage.json by `zhanaozen release --metadata`; do not edit.\n" + _yaml(cff_data(descriptor)) + "\n"


def zenodo(descriptor: dict) -> str:
    data = {
        "title": descriptor["title"],
        "version": descriptor["version"],
        "upload_type": "dataset",
        "description": descriptor.get("description"),
        "creators": [{"name": name} for name in authors(descriptor)],
        "keywords": descriptor.get("keywords"),
        "license": _licence(descriptor).lower(),
        "publication_date": descriptor.get("created", "")[:10] or None,
    }
    return json.dumps({k: v for k, v in data.items() if v}, indent=2, ensure_ascii=False) + "\n"


def render(descriptor: dict, fmt: str = "text") -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown citation format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return {"text": text, "apa": apa, "bibtex": bibtex, "cff": cff}[fmt](descriptor)
