"""The generated part of the home page: version, key counts, the citation, install and load, downloads.

``docs/index.md`` holds the marker ``<!-- zhanaozen:home -->``; the docs hook puts this section there.
"""
from __future__ import annotations

from ..package.citation import render
from ..package.descriptor import Package
from .downloads import Download, human_size, release_names
from .markup import html_table, text

MARKER = "<!-- zhanaozen:home -->"
COUNTED = (("persons", "people"), ("detentions", "custody episodes"), ("trials", "proceedings at every instance"),
           ("sentences", "decisions on a person"), ("allegations", "alleged ill-treatment methods"),
           ("claims", "reported figures"), ("sources", "published sources"), ("citations", "citations"))


def section(package: Package, rows: dict[str, int], csvs: list[Download], release: list[Download]) -> str:
    version = text(package.version)
    counts = [f'<li><strong>{rows[name]}</strong> {label}</li>' for name, label in COUNTED if name in rows]
    lines = [f'<div class="zd-home"><p class="zd-version">Version <strong>{version}</strong>'
             + (f" · created {text(package.descriptor.get('created', ''))[:10]}" if package.descriptor.get("created")
                else "") + "</p>",
             f'<ul class="zd-counts">{"".join(counts)}</ul></div>', "",
             "**Start here:** [People](people.md) (each person's full story: custody, trials, sentences, "
             "allegations, sources) · [Timeline](timeline.md) · [Coverage](coverage.md) · "
             "[Tables](tables/index.md)", "",
             "## Cite", "",
             f'<div class="zd-cite"><p>{text(render(package.descriptor, "text").strip())}</p></div>', "",
             "Other forms (APA, BibTeX): [How to cite](cite.md).", "",
             "## Install and load", "",
             "```sh", "pip install zhanaozen", "```", "",
             "```python", "import zhanaozen",
             'sentences = zhanaozen.load("sentences")      # a typed DataFrame',
             'print(zhanaozen.person("Тулетаева"))          # one person\'s record',
             'zhanaozen.view("sentences_detailed")          # with trials, appeals',
             "```", "", "More in [Load in Python](loading.md).", "",
             "## Downloads", ""]
    lines += _release(package.version, release) + ["", _csvs(csvs), ""]
    return "\n".join(lines)


def _release(version: str, files: list[Download]) -> list[str]:
    if files:
        items = "".join(f'<li><a href="{text(f.site_path)}" download>{text(f.label)}</a> ({human_size(f.size)})</li>'
                        for f in files)
        return [f"<p>Release {text(version)}:</p><ul>{items}</ul>"]
    kinds = "; ".join(text(what) for _, what in release_names(version))
    return [f"<p>Each release publishes its files ({kinds}). This build of the site was made without them "
            "(<code>make release</code> builds them into <code>dist/</code>; see "
            '<a href="releases.html#release-files">Release files</a>). Every table\'s CSV is here:</p>']


def _csvs(files: list[Download]) -> str:
    rows = [[f'<a href="{text(f.site_path)}" download>{text(f.label)}</a>', human_size(f.size)] for f in files]
    return html_table(["Table (CSV, UTF-8)", "Size"], rows) if rows else ""
