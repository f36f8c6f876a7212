"""``zhanaozen release``: cut the descriptor's version in a source checkout and build its artefacts.

Without options it does every step: checks the version against the changes since the last release,
refreshes checksums, writes CITATION.cff, .zenodo.json, releases/<version>/{ids.csv,changes.json,contract.json} and the
CHANGELOG entry, then builds and checks dist/ (sdist, wheel, zipped data package, SHA256SUMS) and
validates the zipped package.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("release", help="cut a release in a source checkout (checksums, notes, artefacts)")
    r.add_argument("--repo", type=Path, default=Path("."), help="source checkout (default: .)")
    r.add_argument("--dist", type=Path, default=None, help="where artefacts go (default: REPO/dist)")
    r.add_argument("--since", help="git ref, directory, wheel or zip of the previous release (default: found in git)")
    only = r.add_mutually_exclusive_group()
    only.add_argument("--refresh-hashes", action="store_true", help="only refresh bytes and hash in datapackage.json")
    only.add_argument("--metadata", action="store_true", help="only write CITATION.cff, .zenodo.json and the docs' version")
    only.add_argument("--no-build", action="store_true", help="write the release files but build no artefacts")
    r.set_defaults(run=run)


def _validate_zip(data_zip: Path) -> bool:
    from .. import validate

    with tempfile.TemporaryDirectory(prefix="zhanaozen-verify-") as tmp:
        with zipfile.ZipFile(data_zip) as archive:
            archive.extractall(tmp)
        report = validate(tmp)
    for finding in report.findings[:50]:
        print(finding, file=sys.stderr)
    return report.valid


def run(args: argparse.Namespace) -> int:
    from ..maintain.artefacts import ArtefactError, build
    from ..maintain.release import ReleaseError, cut, refresh_hashes, write_metadata
    from ..package.terminal import printable
    from ..package.writing import UnsafeWrite

    repo = args.repo.resolve()
    if not (repo / "datapackage.json").is_file() or not (repo / "pyproject.toml").is_file():
        print(f"zhanaozen release: {repo} is not a source checkout (needs datapackage.json and pyproject.toml)",
              file=sys.stderr)
        return 2
    try:
        if args.refresh_hashes:
            refresh_hashes(repo)
            print(f"refreshed bytes and hash of every resource in {repo / 'datapackage.json'}")
            return 0
        if args.metadata:
            write_metadata(repo)
            print("wrote CITATION.cff and .zenodo.json")
            return 0
        changes = cut(repo, since=args.since)
    except ReleaseError as exc:
        print(printable(f"zhanaozen release: {exc}"), file=sys.stderr)
        return 1
    version = changes["new_version"]
    print(f"cut {version} ({changes['level']} changes since {changes['old_version'] or 'nothing'}): "
          f"datapackage.json, CITATION.cff, .zenodo.json, CHANGELOG.md, releases/{version}/ids.csv, "
          f"releases/{version}/changes.json, releases/{version}/contract.json")
    if args.no_build:
        return 0
    try:
        artefacts = build(repo, args.dist or repo / "dist")
    except (ArtefactError, UnsafeWrite) as exc:
        print(printable(f"zhanaozen release: {exc}"), file=sys.stderr)
        return 1
    print("built and checked:\n" + "\n".join(f"  {path}" for path in artefacts))
    if not _validate_zip(artefacts[2]):
        print("zhanaozen release: the zipped data package does not validate", file=sys.stderr)
        return 1
    print("the zipped data package validates")
    return 0
