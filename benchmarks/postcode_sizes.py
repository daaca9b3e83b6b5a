#!/usr/bin/env python3
"""The finder's postcode lookup at national scale: a synthetic postcode directory of 1.5 million postcodes in
the NSPL's layout, turned into one file a district by tools/postcodes.py, and the sizes a visit downloads.

    python benchmarks/postcode_sizes.py [--postcodes 1500000] [--out benchmarks/out/postcodes]

About 2,900 districts of very different sizes (as England's are: a few dozen postcodes to several thousand),
each in one of the 151 councils of data/areas.hexjson; one district in six is split between two or three
councils, so its file lists the postcodes of the others. Prints the number of files, the largest file and
the largest gzipped (the most one look-up downloads), and the total. build_benchmark.py runs it too.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import random
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_GZIPPED = 20 * 1024  # the largest file a look-up downloads, gzipped (issue 22)


def _tool():
    spec = importlib.util.spec_from_file_location("postcodes_tool", ROOT / "tools" / "postcodes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def directory(path: Path, count: int, seed: int = 1) -> int:
    """Write a synthetic NSPL-layout CSV of `count` postcodes; the number of districts."""
    rng = random.Random(seed)
    codes = sorted(json.loads((ROOT / "data" / "areas.hexjson").read_text(encoding="utf-8"))["hexes"])
    letters = [c for c in string.ascii_uppercase if c not in "CIKMOV"]  # inward codes' letters, as Royal Mail's
    inwards = [f"{d}{a}{b}" for d in range(10) for a in letters for b in letters]  # 4,000 a district at most
    # District sizes: skewed, as England's are, adding up to `count`.
    sizes: list[int] = []
    while sum(sizes) < count:
        sizes.append(min(len(inwards), int(rng.paretovariate(1.6) * 180)))
    sizes[-1] -= sum(sizes) - count
    areas = "ABCDEFGHLMNPRSTWY"
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("pcd,pcds,dointr,doterm,cty,laua,ctry\n")
        for n, size in enumerate(sizes):
            district = f"{areas[n % len(areas)]}{areas[(n // len(areas)) % len(areas)]}{n // (len(areas) ** 2) + 1}"
            councils = rng.sample(codes, rng.choice([1, 1, 1, 1, 1, 2, 3]))
            chosen = rng.sample(inwards, size) if size < len(inwards) else inwards
            for inward in sorted(chosen):
                code = councils[0] if len(councils) == 1 or rng.random() < 0.6 else rng.choice(councils[1:])
                county, district_council = (code, "E07000001") if code.startswith("E10") else ("E99999999", code)
                ended = "202001" if rng.random() < 0.02 else ""
                out.write(f"{district}{inward},{district} {inward},198001,{ended},{county},{district_council},E92000001\n")
    return len(sizes)


def measure(out: Path, count: int) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    csv_path = out / "nspl-synthetic.csv"
    started = time.perf_counter()
    districts = directory(csv_path, count)
    made = time.perf_counter()
    tool = _tool()
    sizes = tool.write(tool.councils([csv_path]), out / "lookup")
    done = time.perf_counter()
    gzipped = {name: len(gzip.compress((out / "lookup" / name).read_bytes(), 9)) for name in sizes}
    largest = max(gzipped, key=lambda n: gzipped[n])
    return {
        "postcodes": count,
        "districts": districts,
        "files": len(sizes),
        "largest_file": max(sizes.values()),
        "largest_gzipped": gzipped[largest],
        "largest_gzipped_name": largest,
        "total": sum(sizes.values()),
        "seconds_directory": made - started,
        "seconds_tool": done - made,
    }


def report(found: dict) -> str:
    ok = "under" if found["largest_gzipped"] < LIMIT_GZIPPED else "OVER"
    return (
        f"Postcode lookup: {found['postcodes']:,} postcodes in {found['files']:,} district files "
        f"(tool {found['seconds_tool']:.1f}s); largest file {found['largest_file']:,} bytes, "
        f"{found['largest_gzipped']:,} gzipped ({found['largest_gzipped_name']}; {ok} {LIMIT_GZIPPED // 1024} KB); "
        f"all files {found['total'] / 1e6:.1f} MB; a look-up downloads one file"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postcodes", type=int, default=1_500_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "postcodes")
    args = parser.parse_args(argv)
    found = measure(args.out, args.postcodes)
    print(report(found))
    return 0 if found["largest_gzipped"] < LIMIT_GZIPPED else 1


if __name__ == "__main__":
    sys.exit(main())
