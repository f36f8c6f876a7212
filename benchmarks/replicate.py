"""Scale the shipped package by replication: realistic cells (the real notes, titles and names, not
short synthetic text) at any number of rows.

    python benchmarks/replicate.py --rows 1000000 OUT

Every table is repeated whole until the package has about ``--rows`` rows; in copy r (from 1) each
record ID gets r before its digits (PER-0007 becomes PER-30007), in every cell that names it, so keys
stay unique and every reference resolves. Sources, legal articles and retired IDs are shared by all
copies and written once. Checksums are recomputed, so the replicated package is valid.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

SHARED = {"sources", "legal_articles", "retired_ids"}
PREFIXED = re.compile(r"\b(ALG|CHG|CIT|CLM|DET|EVT|PER|PRC|SEN|TRI|TST)-([0-9]+)\b")


def _root() -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from zhanaozen.package.paths import package_root

    return package_root()


def _split(text: str) -> tuple[str, str]:
    header, _, body = text.partition("\n")
    return header + "\n", body if body.endswith("\n") or not body else body + "\n"


def replicate(rows: int, out: Path) -> int:
    """Write the replicated package to ``out``; the number of data rows written."""
    root = _root()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    # Only what a package is (the root may be a checkout that holds ``out`` itself): the descriptor,
    # the schemas, the data and the released manifests the stable-ids and contract rules read.
    shutil.copy2(root / "datapackage.json", out / "datapackage.json")
    for part in ("schemas", "data", "releases"):
        if (root / part).is_dir():
            shutil.copytree(root / part, out / part, ignore=shutil.ignore_patterns("__pycache__"))
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    bodies = {r["name"]: _split((root / r["path"]).read_text(encoding="utf-8")) for r in descriptor["resources"]}
    counts = {name: len(_records(root / r["path"])) for name, r in
              ((r["name"], r) for r in descriptor["resources"])}
    per_copy = sum(n for name, n in counts.items() if name not in SHARED) or 1
    copies = max(1, round((rows - sum(counts[name] for name in SHARED)) / per_copy))
    written = 0
    for resource in descriptor["resources"]:
        name, path = resource["name"], out / resource["path"]
        header, body = bodies[name]
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(header + body)
            if name not in SHARED:
                for r in range(1, copies):
                    handle.write(PREFIXED.sub(lambda m, r=r: f"{m[1]}-{r}{m[2]}", body))
        written += counts[name] * (1 if name in SHARED else copies)
        data = path.read_bytes()
        resource["bytes"], resource["hash"] = len(data), "sha256:" + hashlib.sha256(data).hexdigest()
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return written


def _records(path: Path) -> list:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[1:]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path, help="directory to write the package to (replaced if it exists)")
    p.add_argument("--rows", type=int, default=1_000_000, help="about how many rows in all tables")
    args = p.parse_args(argv)
    print(f"{replicate(args.rows, args.out)} rows written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
