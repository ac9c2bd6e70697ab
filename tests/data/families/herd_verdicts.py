#!/usr/bin/env python3
"""Run herd7 on every test of every family folder (in the order of the folder's @all) and write
verdicts.json. Usage: herd_verdicts.py ROOT LABEL MODEL.cat [MODEL.cat ...]
One herd7 invocation per (family, model); its wall time is recorded. Raw herd7 output is kept
in ROOT/herd-logs/<family>.<model>.log so every verdict can be checked against what herd printed."""
import json, os, re, subprocess, sys, time

root, label, models = sys.argv[1], sys.argv[2], sys.argv[3:]
fams = sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "@all")))
logdir = os.path.join(root, "herd-logs"); os.makedirs(logdir, exist_ok=True)

def tests_of(fam):
    out = []
    for line in open(os.path.join(root, fam, "@all")):
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out

def name_of(path):
    first = open(path).readline().split()
    return first[1] if len(first) > 1 else None

def parse(text):
    """Split herd7 output into per-test blocks keyed by test name."""
    res, cur = {}, None
    for line in text.splitlines():
        m = re.match(r"^Test (\S+) (\S+)$", line)
        if m:
            cur = {"kind": m.group(2), "flags": [], "undef": False, "outcomes": []}
            in_states = False
            res[m.group(1)] = cur
            continue
        if cur is None:
            continue
        if m := re.match(r"^States (\d+)$", line):
            cur["states"] = int(m.group(1)); in_states = True; continue
        if in_states and line not in ("Ok", "No", "Undef") and not line.startswith("Witnesses"):
            cur["outcomes"].append(line.strip()); continue
        in_states = False
        if line in ("Ok", "No"): cur["result"] = line
        elif line == "Undef": cur["undef"] = True
        elif m := re.match(r"^Positive: (\d+) Negative: (\d+)$", line):
            cur["positive"], cur["negative"] = int(m.group(1)), int(m.group(2))
        elif m := re.match(r"^Flag (.+)$", line): cur["flags"].append(m.group(1).strip())
        elif m := re.match(r"^Condition (.+)$", line): cur["condition"] = m.group(1)
        elif m := re.match(r"^Observation \S+ (\S+) (\d+) (\d+)$", line): cur["observation"] = m.group(1)
    return res

verdicts, timing = {}, {m: {"families": {}, "total_seconds": 0.0} for m in models}
for model in models:
    for fam in fams:
        files = tests_of(fam)
        t0 = time.monotonic()
        p = subprocess.run(["herd7", "-model", model] + files, cwd=os.path.join(root, fam),
                           capture_output=True, text=True)
        dt = time.monotonic() - t0
        timing[model]["families"][fam] = {"tests": len(files), "seconds": round(dt, 3)}
        timing[model]["total_seconds"] += dt
        with open(os.path.join(logdir, f"{fam}.{model[:-4]}.log"), "w") as f:
            f.write(p.stdout)
            if p.stderr:
                f.write("\n# stderr\n" + p.stderr)
        blocks = parse(p.stdout)
        for fn in files:
            key = f"{fam}/{fn}"
            b = blocks.get(name_of(os.path.join(root, fam, fn)))
            e = verdicts.setdefault(key, {"name": name_of(os.path.join(root, fam, fn))})
            if b is None or "observation" not in b:
                e[model] = {"error": "no herd7 result (see herd-logs)"}
                continue
            e[model] = {
                # Allowed = some execution consistent with the model satisfies the condition's proposition
                "verdict": "Forbidden" if b["observation"] == "Never" else "Allowed",
                "observation": b["observation"], "herd_result": b.get("result"),
                "kind": b["kind"], "condition": b.get("condition"),
                "positive": b.get("positive"), "negative": b.get("negative"),
                "states": b.get("states"), "outcomes": b["outcomes"],
                "undef": b["undef"], "flags": b["flags"],
            }
    timing[model]["total_seconds"] = round(timing[model]["total_seconds"], 3)

version = subprocess.run(["herd7", "-version"], capture_output=True, text=True).stdout.strip()
out = {"generator": "tests/data/families/generate.sh", "herd7_version": version, "label": label,
       "models": models, "timing": timing, "tests": dict(sorted(verdicts.items()))}
with open(os.path.join(root, "verdicts.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=False); f.write("\n")
print(f"{label}: {len(verdicts)} tests, " + ", ".join(f"{m} {timing[m]['total_seconds']}s" for m in models))
