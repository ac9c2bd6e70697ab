#!/usr/bin/env python3
"""hbscope against litmus7 on this machine, MP and SB, in interleaved rounds.

For MP+rlx it counts the interleaved outcome `1:r0=0; 1:r1=1` (the reader's loads straddling the
writer's stores: the overlap MP's weak outcome needs on ARM) and the weak-or-interleaved
outcomes; for SB+rlx the weak outcome `0:r0=0; 1:r0=0`. Each is given as a share of iterations
and per second of the tool's own loop time (litmus7's `Time` line, hbscope's measured seconds).

Every round runs every case once, in a new random order, so that load on the machine falls on
all of them alike; the table gives medians with min-max, and ratios of medians against the best
litmus7 setting for each figure. hbscope runs with its defaults, and once more with a simulated
19.2 MHz counter (`--counter-hz 19.2e6`, an AArch64 generic timer's rate).

    tests/bench/side_by_side.py [--rounds 7] [--iterations 2000000] [--hbscope build/hbscope]
                                [--litmus7 /tmp/herdtools7/bin/litmus7]

litmus7 comes from herdtools7 (../shared/peers/build-herdtools7.sh builds it from source); without
it, only hbscope's cases run. Needs python3, make and gcc. Nothing here is part of the test
suite: rates on a shared VM vary several-fold with load, so they are measured, never asserted.
"""
import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

LITMUS7_SETTINGS = {
    "timebase+indirect": "-barrier timebase -mem indirect",
    "userfence st16 indirect": "-barrier userfence -st 16 -preload no -mem indirect",
    "userfence st16": "-barrier userfence -st 16 -preload no",
    "userfence st4": "-barrier userfence -st 4 -preload no",
    "timebase": "-barrier timebase",
    "defaults": "",
}
FIGURES = {  # test: [(figure, outcomes counted)]
    "MP+rlx": [("interleaved", {"1:r0=0; 1:r1=1;"}),
               ("weak or interleaved", {"1:r0=0; 1:r1=1;", "1:r0=1; 1:r1=0;"})],
    "SB+rlx": [("weak", {"0:r0=0; 1:r0=0;"})],
}


def histogram_from_log(text):
    """Counts per final state and the loop's seconds, from a litmus7-format log."""
    counts = {}
    for m in re.finditer(r"^(\d+)\s*[:*]>(.*;)\s*$", text, re.M):
        counts[m.group(2).strip()] = int(m.group(1))
    t = re.search(r"^Time \S+ ([\d.]+)", text, re.M)
    return counts, float(t.group(1)) if t else 0.0


def run_hbscope(exe, test, iterations, extra):
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        subprocess.run([exe, "run", test, "-n", str(iterations), "-q", "--json", f.name] + extra,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rec = json.load(open(f.name))["tests"][0]
    counts = {h["outcome"]: h["count"] for h in rec["histogram"]}
    return counts, rec["seconds"], rec["iterations"]


def build_litmus7(litmus7, hbscope, work, iterations):
    """One executable per (setting, test); returns {(setting, test): [argv]}."""
    arch = "AArch64" if platform.machine() == "aarch64" else "X86_64"
    stem = {test: test.split("+")[0].lower() for test in FIGURES}  # mp.litmus -> mp.exe
    for test in FIGURES:
        subprocess.run([hbscope, "export", test, "-o", os.path.join(work, stem[test] + ".litmus")],
                       check=True, stdout=subprocess.DEVNULL)
    exes = {}
    for name, flags in LITMUS7_SETTINGS.items():
        d = os.path.join(work, re.sub(r"\W+", "_", name))
        os.makedirs(d)
        subprocess.run([litmus7, "-c11", "true", "-carch", arch, "-ccopts", "-O2", *flags.split(),
                        "-o", d] + [os.path.join(work, stem[t] + ".litmus") for t in FIGURES],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(["make", "-C", d, "-s"], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        for test in FIGURES:
            exe = os.path.join(d, stem[test] + ".exe")
            # 1,000 instances a run (litmus7's default size), as many runs as make the total.
            exes[(name, test)] = [exe, "-s", "1000", "-r", str(max(1, iterations // 1000))]
    return exes


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--iterations", type=int, default=2_000_000)
    ap.add_argument("--hbscope", default=os.path.join(here, "..", "..", "build", "hbscope"))
    ap.add_argument("--litmus7", default=shutil.which("litmus7") or "/tmp/herdtools7/bin/litmus7")
    ap.add_argument("--json", help="also write every measurement here")
    args = ap.parse_args()
    if not os.access(args.hbscope, os.X_OK):
        sys.exit(f"side_by_side: {args.hbscope}: no hbscope executable (build it first)")

    cases = {}  # label -> (test, thunk returning (counts, seconds, iterations))
    for test in FIGURES:
        for label, extra in (("hbscope defaults", []),
                             ("hbscope, 19.2 MHz counter", ["--counter-hz", "19.2e6"])):
            cases[(label, test)] = lambda t=test, e=extra: run_hbscope(args.hbscope, t,
                                                                        args.iterations, e)
    work = tempfile.mkdtemp(prefix="side_by_side.")
    if os.access(args.litmus7, os.X_OK):
        print(f"building litmus7's harnesses in {work} ...", file=sys.stderr)
        for (name, test), argv in build_litmus7(args.litmus7, args.hbscope, work,
                                                args.iterations).items():
            def thunk(argv=argv):
                out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
                counts, secs = histogram_from_log(out)
                return counts, secs, sum(counts.values())
            cases[("litmus7 " + name, test)] = thunk
    else:
        print(f"side_by_side: no litmus7 at {args.litmus7}: hbscope's cases only", file=sys.stderr)

    samples = {key: [] for key in cases}
    for r in range(args.rounds):
        order = list(cases)
        random.shuffle(order)
        for key in order:
            counts, secs, its = cases[key]()
            samples[key].append({"counts": counts, "seconds": secs, "iterations": its})
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)
    if args.json:
        json.dump({f"{k[0]} | {k[1]}": v for k, v in samples.items()}, open(args.json, "w"),
                  indent=1)

    def stat(values):
        return statistics.median(values), min(values), max(values)

    print(f"{args.rounds} interleaved rounds of {args.iterations:,} iterations a case; "
          f"medians (min-max)")
    for test, figures in FIGURES.items():
        for figure, outcomes in figures:
            print(f"\n{test}, {figure} ({' or '.join(sorted(outcomes))})")
            print(f"  {'harness, settings':38s} {'% of iterations':>24s} {'per second':>28s}")
            rows = {}
            for (label, t), runs in samples.items():
                if t != test:
                    continue
                share = [100 * sum(s["counts"].get(o, 0) for o in outcomes) / s["iterations"]
                         for s in runs]
                rate = [sum(s["counts"].get(o, 0) for o in outcomes) / s["seconds"]
                        if s["seconds"] > 0 else 0 for s in runs]
                rows[label] = (stat(share), stat(rate))
                (sm, slo, shi), (rm, rlo, rhi) = rows[label]
                print(f"  {label:38s} {sm:8.2f} ({slo:.2f}-{shi:.2f}) "
                      f"{rm / 1e3:10.0f}k ({rlo / 1e3:.0f}k-{rhi / 1e3:.0f}k)")
            l7 = {k: v for k, v in rows.items() if k.startswith("litmus7")}
            if l7 and "hbscope defaults" in rows:
                hb = rows["hbscope defaults"]
                best_share = max(l7.items(), key=lambda kv: kv[1][0][0])
                best_rate = max(l7.items(), key=lambda kv: kv[1][1][0])
                print(f"  hbscope / best litmus7: share {hb[0][0] / max(best_share[1][0][0], 1e-9):.2f}x"
                      f" ({best_share[0]}), per second {hb[1][0] / max(best_rate[1][1][0], 1e-9):.2f}x"
                      f" ({best_rate[0]})")
            coarse = rows.get("hbscope, 19.2 MHz counter")
            if coarse and "hbscope defaults" in rows:
                hb = rows["hbscope defaults"]
                print(f"  19.2 MHz counter / native: share {coarse[0][0] / max(hb[0][0], 1e-9):.2f}x,"
                      f" per second {coarse[1][0] / max(hb[1][0], 1e-9):.2f}x")


if __name__ == "__main__":
    main()
