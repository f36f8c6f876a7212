"""Benchmark ``zhanaozen validate`` against ``frictionless validate`` and the pyarrow read floor.

    python benchmarks/run.py --rows 1000000 --replicate   # the figures in docs/performance.md
    python benchmarks/run.py --rows 1000000               # synthetic (short-celled) packages instead
    python benchmarks/run.py --rows 10000 --check-only

In one run it times the shipped package (zhanaozen against frictionless, the size users have), then
builds the large packages: with --replicate the shipped tables repeated (benchmarks/replicate.py:
the real notes and titles), otherwise synthetic packages (benchmarks/generate.py), and checks that the valid one passes
both validators and that both find every seeded error they are responsible for on the same line,
then times the three commands side by side on the same files (each a fresh process, interleaved,
``--repeat`` times), and the import and load costs. It prints medians, ratios, peak memory and
whether each target is met. Exit status: 0 all good, 1 a target missed, 2 a correctness check failed.
Run it with the Python of the environment where zhanaozen[validate] is installed (e.g. .venv/bin/python).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
FLOOR = ("import sys, pathlib, pyarrow.csv as csv\n"
         "for path in sorted(pathlib.Path(sys.argv[1], 'data').glob('*.csv')): csv.read_csv(path)")
# What the engines the project's owner named cost to import before any work: polars and pyarrow (the
# reader and typing engine) and Pandera (the field checks, imported as validators/stages/fields.py does
# for the command, without pandas). On the shipped package this is the lower bound of any zhanaozen run.
IMPORTS = ("import polars, pyarrow.csv, pyarrow.compute\n"
           "from zhanaozen.validators.optional_imports import hide_in_this_process\n"
           "hide_in_this_process()\n"
           "from zhanaozen.validators.stages.fields import _pandera\n_pandera()")
# A package past about 1e6 rows breaks the project's own rule of at most 100 MiB per file (GitHub's
# limit; validators/stages/structure.py): its citations alone pass 1 GB at 1e7 rows. --lift-file-limit
# runs the same command with that limit raised in the process, to measure how the time grows beyond it.
# Every guarded read takes the limit as it is when called; the structure stage, imported after the
# change, sizes its CSV field limit from it.
LIFTED = ("import sys\nimport zhanaozen.package.safe_files as limits\nlimits.MAX_DATA_BYTES = 2 ** 31 - 1\n"
          "from zhanaozen.cli import run\nrun(sys.argv[1:])")
TARGETS = {  # name: (what, limit, compare); issue 12's targets
    "shipped": ("shipped package: zhanaozen at most 0.5x the time of frictionless", 0.5, "<="),
    "speedup": ("zhanaozen at least 20x faster than frictionless", 20, ">="),
    "floor": ("zhanaozen at most 4x the pyarrow read floor", 4, "<="),
    "memory": ("zhanaozen peak memory under 1.5 GB", 1.5, "<"),
    "linear": ("10x the rows takes at most 11x the time", 11, "<="),
    "import": ("import zhanaozen under 50 ms", 0.050, "<"),
    "no_pandas": ("import zhanaozen imports no pandas", True, "=="),
    "load_all": ("load_all at most 1.5x `import pandas`", 1.5, "<="),
}


def timed(argv: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak resident memory (GB) and exit code of one fresh process.

    Linux counts the parent's own peak into a child's at exec, so this runner stays small: it never
    loads a package itself (generation and the correctness check run in child processes).
    """
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024 ** 2, child.returncode


def commands(package: Path, lifted: bool = False) -> dict[str, tuple[list[str], Path | None]]:
    zhanaozen = [sys.executable, "-c", LIFTED] if lifted else [str(BIN / "zhanaozen")]
    return {
        "frictionless": ([str(BIN / "frictionless"), "validate", "datapackage.json"], package),
        "zhanaozen": (zhanaozen + ["validate", str(package)], None),
        "floor": ([sys.executable, "-c", FLOOR, str(package)], None),
        "imports": ([sys.executable, "-c", IMPORTS], None),
    }


def bench(package: Path, repeat: int, skip: set[str], lifted: bool = False) -> dict[str, dict]:
    runs: dict[str, list] = {name: [] for name in commands(package) if name not in skip}
    print(f"\nTiming {package.name}:", end="", flush=True)
    for _ in range(repeat):  # interleaved, so that a noisy moment hits all three alike
        for name in runs:
            argv, cwd = commands(package, lifted)[name]
            runs[name].append(timed(argv, cwd))
            print(f" {name} {runs[name][-1][0]:.1f}s", end="", flush=True)
    print()
    return {name: {"seconds": statistics.median(r[0] for r in rs), "all": [round(r[0], 3) for r in rs],
                   "peak_gb": max(r[1] for r in rs), "exit": sorted({r[2] for r in rs})}
            for name, rs in runs.items()}


def python_seconds(codes: dict[str, str], repeat: int) -> dict[str, float]:
    """Median wall seconds of each snippet, each run in a fresh interpreter, the snippets taking turns so
    that a noisy moment of the host hits them alike (a ratio of two runs taken a minute apart is not)."""
    runs: dict[str, list[float]] = {name: [] for name in codes}
    for _ in range(repeat):
        for name, code in codes.items():
            runs[name].append(timed([sys.executable, "-c", code])[0])
    return {name: statistics.median(seconds) for name, seconds in runs.items()}


def import_cost(repeat: int) -> dict:
    probe = ("import sys, time; t = time.perf_counter(); import zhanaozen; "
             "print(time.perf_counter() - t, 'pandas' in sys.modules)")
    outs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
            for _ in range(repeat)]
    seconds = python_seconds({"load_all": "import zhanaozen; zhanaozen.load_all()", "pandas": "import pandas"}, repeat)
    return {"import_seconds": statistics.median(float(o[0]) for o in outs),
            "imports_pandas": any(o[1] == "True" for o in outs),
            "load_all_seconds": seconds["load_all"], "import_pandas_seconds": seconds["pandas"]}


def frictionless_errors(package: Path) -> tuple[bool, set[tuple[str, str, int]]]:
    result = subprocess.run([str(BIN / "frictionless"), "validate", "--json", "datapackage.json"],
                            cwd=package, capture_output=True, text=True)
    report = json.loads(result.stdout)
    errors = {(task["name"], error["type"], error.get("rowNumber"))
              for task in report["tasks"] for error in task["errors"]}
    return report["valid"], errors


def check(valid: Path, seeded: Path) -> list[str]:
    """What is wrong with the generated packages or the validators' findings (empty: all good)."""
    import zhanaozen

    problems = []
    report = zhanaozen.validate(valid)
    problems += [f"generated package not valid: {f}" for f in report.errors[:10]]
    ok, errors = frictionless_errors(valid)
    if not ok:
        problems.append(f"frictionless rejects the generated package: {sorted(errors)[:5]}")
    ours = {(f.rule, f.file, f.line, f.column) for f in zhanaozen.validate(seeded).errors}
    _, theirs = frictionless_errors(seeded)
    seeds = json.loads((seeded / "seeded.json").read_text())
    print(f"\nSeeded errors ({seeded}):\n{'file:line':<34}{'column':<16}{'rule':<16}{'zhanaozen':<11}frictionless")
    for s in seeds:
        found = (s["rule"], s["file"], s["line"], s["column"]) in ours
        table = Path(s["file"]).stem
        fl = "-" if s["frictionless"] is None else (
            "found" if (table, s["frictionless"], s["line"]) in theirs else "MISSED")
        print(f"{s['file'] + ':' + str(s['line']):<34}{str(s['column']):<16}{s['rule']:<16}"
              f"{'found' if found else 'MISSED':<11}{fl}" + (f" ({s['frictionless']})" if s["frictionless"] else ""))
        if not found:
            problems.append(f"zhanaozen missed {s}")
        if fl == "MISSED":
            problems.append(f"frictionless missed {s}")
    kinds = sorted({s["rule"] for s in seeds})
    print(f"{len(seeds)} seeded errors of {len(kinds)} kinds: {', '.join(kinds)}")
    return problems


def generated(rows: int, out: Path, *flags: str) -> None:
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--rows", str(rows), str(out), *flags], check=True)


def verify(valid: Path, seeded: Path) -> int:
    problems = check(valid, seeded)
    print("\nCorrectness: " + ("generated package valid under both validators; every seeded error found by "
                               "each validator responsible for it, on its line" if not problems else
                               "FAILED\n  " + "\n  ".join(problems)), flush=True)
    return 2 if problems else 0


def verdicts(large: dict, small: dict | None, imports: dict, shipped: dict | None) -> dict[str, tuple[float | bool, bool]]:
    zh = large["zhanaozen"]["seconds"]
    values = {
        "floor": zh / large["floor"]["seconds"],
        "memory": large["zhanaozen"]["peak_gb"],
        "import": imports["import_seconds"],
        "no_pandas": not imports["imports_pandas"],
        "load_all": imports["load_all_seconds"] / imports["import_pandas_seconds"],
    }
    if "frictionless" in large:
        values["speedup"] = large["frictionless"]["seconds"] / zh
    if small is not None:
        values["linear"] = zh / small["zhanaozen"]["seconds"]
    if shipped is not None and "frictionless" in shipped:
        values["shipped"] = shipped["zhanaozen"]["seconds"] / shipped["frictionless"]["seconds"]
    compare = {">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, "<": lambda a, b: a < b,
               "==": lambda a, b: a == b}
    return {name: (value, compare[TARGETS[name][2]](value, TARGETS[name][1])) for name, value in values.items()}


def print_times(rows: int, results: dict, label: str = "") -> None:
    print(f"\n{label or f'{rows} rows':<14}{'median s':>10}{'peak GB':>9}{'exit':>6}  runs")
    for name, r in results.items():
        print(f"  {name:<18}{r['seconds']:>10.2f}{r['peak_gb']:>9.2f}{str(r['exit']):>6}  {r['all']}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=1_000_000, help="rows of the timed package (default 1000000)")
    p.add_argument("--repeat", type=int, default=3, help="runs of each command (median reported)")
    p.add_argument("--seeded-rows", type=int, default=100_000, help="rows of the seeded package (at most --rows)")
    p.add_argument("--work", type=Path, default=Path(__file__).parent / "out", help="where packages are written")
    p.add_argument("--check-only", action="store_true", help="correctness only, no timing")
    p.add_argument("--skip-frictionless", action="store_true", help="time zhanaozen and the floor only")
    p.add_argument("--json", type=Path, help="also write the figures to this file")
    p.add_argument("--replicate", action="store_true",
                   help="scale the shipped package by replication (real cell lengths) instead of generating")
    p.add_argument("--no-shipped", action="store_true", help="skip timing the shipped package")
    p.add_argument("--lift-file-limit", action="store_true",
                   help="raise the 100 MiB per-file limit in the timed zhanaozen process (for --rows past about 1e6)")
    p.add_argument("--verify", nargs=2, type=Path, metavar=("VALID", "SEEDED"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # keep our lines in order with the child processes' output

    if args.verify:
        return verify(*args.verify)
    sizes = {"large": args.rows} if args.check_only or args.rows < 100 else {"large": args.rows, "small": args.rows // 10}
    skip = {"frictionless"} if args.skip_frictionless else set()
    shipped = None
    if not (args.check_only or args.no_shipped):
        shipped = bench(shipped_root(), max(5, args.repeat), {"floor"} | skip)
        if "frictionless" in shipped:
            print(f"the engines' imports alone (polars, pyarrow, Pandera) take "
                  f"{shipped['imports']['seconds'] / shipped['frictionless']['seconds']:.2f}x the time of "
                  "frictionless validate on the shipped package")
        print_times(0, shipped, "the shipped package")
    packages = {}
    for label, rows in sizes.items():
        packages[label] = args.work / f"{'replicated' if args.replicate else 'valid'}-{rows}"
        if args.replicate:
            subprocess.run([sys.executable, str(HERE / "replicate.py"), "--rows", str(rows), str(packages[label])],
                           check=True)
        else:
            generated(rows, packages[label])
    if args.replicate:  # real data: the seeded errors are the synthetic mode's; validity shows in the exit codes
        return _timed(args, sizes, packages, skip, shipped)
    seeded = args.work / f"seeded-{min(args.rows, args.seeded_rows)}"
    generated(min(args.rows, args.seeded_rows), seeded, "--seeded")
    status = subprocess.run([sys.executable, __file__, "--verify", str(packages["large"]), str(seeded)]).returncode
    if status or args.check_only:
        return status

    return _timed(args, sizes, packages, skip, shipped)


def shipped_root() -> Path:
    return Path(subprocess.run([sys.executable, "-c", "from zhanaozen.package.paths import package_root; "
                                "print(package_root())"], capture_output=True, text=True, check=True).stdout.strip())


def _timed(args, sizes: dict, packages: dict, skip: set, shipped: dict | None) -> int:
    results = {label: bench(path, args.repeat, skip | {"imports"}, args.lift_file_limit)
               for label, path in packages.items()}
    for label, path in packages.items():
        print_times(sizes[label], results[label])
    failed = [f"{name} exited {r['exit']} on {packages[label]}" for label in results
              for name, r in results[label].items() if r["exit"] != [0]]
    if failed:  # a time of a run that refused the package measures nothing
        print("\nCORRECTNESS: " + "; ".join(failed) + " (run `zhanaozen validate` on it to see why"
              + ("" if args.lift_file_limit else "; past about 1e6 rows a file breaks the 100 MiB limit: "
                 "--lift-file-limit") + ")")
        return 2
    if shipped is not None:
        print_times(0, shipped, "the shipped package")
    imports = import_cost(max(11, args.repeat))  # under a second a run: more runs, a steadier median
    print(f"\nimport zhanaozen {imports['import_seconds'] * 1000:.1f} ms (pandas imported: {imports['imports_pandas']}); "
          f"load_all {imports['load_all_seconds']:.2f} s vs import pandas {imports['import_pandas_seconds']:.2f} s")
    result = verdicts(results["large"], results.get("small"), imports, shipped)
    print(f"\nTargets at {args.rows} rows on {os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f}):")
    for name, (value, met) in result.items():
        shown = value if isinstance(value, bool) else f"{value:.3g}"
        print(f"  {'met    ' if met else 'MISSED '} {TARGETS[name][0]}: {shown}")
    if args.json:
        args.json.write_text(json.dumps({"rows": sizes, "times": results, "shipped": shipped, "imports": imports,
                                         "targets": {k: {"value": v, "met": m} for k, (v, m) in result.items()},
                                         "cpus": os.cpu_count(), "load": os.getloadavg()}, indent=1) + "\n")
    return 0 if all(met for _, met in result.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
