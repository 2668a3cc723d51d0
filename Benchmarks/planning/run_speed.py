#!/usr/bin/env python3
"""Speed of the main job (`plancast run`) with the planning forecaster (model: auto).

Times two runs of the release binary, each RUNS times, and prints wall-clock and CPU seconds
(user + system, from os.wait4's rusage of the child) and peak memory:

  1. the Lạng Sơn file, Scenarios/langson-2025.yaml (goal: under 0.3 s);
  2. a generated plan of N indicators (default 600), each with 3–15 irregular annual points up to
     as_of 2020, `model: auto`, `bounds: {lower: 0}`, one level target for 2025 and one annual-flow
     target in every year 2021–2025, under four scenarios (baseline; a shock to every third
     indicator; a growth boost to every fifth; both), 10,000 draws
     (goal: under 2 s).

The generated data are seeded (SEED, default 2025), so every run times the same file.
The CPU time does not depend much on what else the machine runs; the wall time does, so the
script also prints the machine's load average at the start.

Usage: PLANCAST=.build/release/plancast python3 Benchmarks/planning/run_speed.py [--indicators N]
       [--runs R] [--scratch DIR]
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def generate(folder, count, seed):
    rng = random.Random(seed)
    data_path = os.path.join(folder, "data.csv")
    with open(data_path, "w") as data:
        data.write("series,year,value,kind\n")
        lines = ["plancast: 1",
                 f'title: "Speed benchmark: {count} indicators"',
                 "language: en",
                 "data: data.csv",
                 "as_of: 2020",
                 "base_year: 2020",
                 "horizon: 2025",
                 "simulation: {draws: 10000, seed: 7}",
                 "indicators:"]
        for i in range(count):
            points = rng.randint(3, 15)
            years = sorted(rng.sample(range(2000, 2021), points))
            level = 10 ** rng.uniform(1, 5)
            growth = rng.gauss(0.05, 0.06)
            noise = rng.uniform(0.01, 0.15)
            previous = years[0]
            for year in years:
                level *= (1 + growth + rng.gauss(0, noise)) ** (year - previous)
                previous = year
                data.write(f"s{i:04d},{year},{level:.6g},actual\n")
            target = level * (1 + rng.uniform(-0.05, 0.2)) ** 5
            flow = level * rng.uniform(0.9, 1.3)
            lines += [f"  - id: i{i:04d}",
                      f'    name: "Indicator {i}"',
                      f"    series: s{i:04d}",
                      "    unit: units",
                      "    model: auto",
                      "    bounds: {lower: 0}",
                      "    targets:",
                      f"      - {{id: L{i:04d}, programme: {1 + i % 5}, kind: level, year: 2025, "
                      f"comparison: at_least, value: {target:.6g}}}",
                      f"      - {{id: F{i:04d}, programme: {1 + i % 5}, kind: annual_flow, year: 2025, "
                      f"comparison: at_least, value: {flow:.6g}}}"]
        # Four scenarios as in the Lạng Sơn file: a shock to every third indicator, a boost to every
        # fifth, and both (extending the shock).
        shock = [f"      - {{indicator: i{i:04d}, type: shock, years: [2021], change: -0.1}}"
                 for i in range(0, count, 3)]
        boost = [f"      - {{indicator: i{i:04d}, type: growth, from: 2022, change: 2.0}}"
                 for i in range(0, count, 5)]
        lines += ["scenarios:",
                  "  baseline:",
                  "    description: the fitted paths",
                  "  shock:",
                  "    description: a 10% fall in 2021 for every third indicator",
                  "    extends: baseline",
                  "    adjustments:"] + shock + [
                  "  boost:",
                  "    description: two points more growth a year from 2022 for every fifth indicator",
                  "    extends: baseline",
                  "    adjustments:"] + boost + [
                  "  shock_boost:",
                  "    description: both",
                  "    extends: shock",
                  "    adjustments:"] + boost
    scenario = os.path.join(folder, "speed.yaml")
    with open(scenario, "w") as out:
        out.write("\n".join(lines) + "\n")
    return scenario


def timed(command, runs):
    rows = []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        error = process.stderr.read().decode()
        process.stderr.close()
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            sys.exit(f"run_speed.py: {' '.join(command)} exited {code}:\n{error}")
        rows.append((wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024))
    return rows


def report(label, rows, goal):
    print(f"| {label} | {min(r[0] for r in rows):.3f} | {sorted(r[0] for r in rows)[len(rows) // 2]:.3f} | "
          f"{min(r[1] for r in rows):.3f} | {max(r[2] for r in rows):.0f} | {goal} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--indicators", type=int, default=600)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--scratch", default="/tmp/plancast-speed")
    args = parser.parse_args()
    plancast = os.environ.get("PLANCAST", os.path.join(ROOT, ".build/release/plancast"))
    if not os.access(plancast, os.X_OK):
        sys.exit(f"run_speed.py: {plancast} not found: run 'swift build -c release --product plancast' "
                 "or set PLANCAST")
    shutil.rmtree(args.scratch, ignore_errors=True)
    os.makedirs(args.scratch)
    scenario = generate(args.scratch, args.indicators, args.seed)
    langson = os.path.join(ROOT, "Scenarios/langson-2025.yaml")
    load = os.getloadavg()
    print(f"plancast run, release build, {args.runs} runs each; {os.cpu_count()} cores, "
          f"load average {load[0]:.2f} at the start\n")
    print("| run | best wall (s) | median wall (s) | best CPU (s) | peak memory (MB) | goal |")
    print("|---|---:|---:|---:|---:|---|")
    report("Scenarios/langson-2025.yaml (38 targets, 4 scenarios)",
           timed([plancast, "run", langson, "--out", os.path.join(args.scratch, "langson")], args.runs),
           "< 0.3 s")
    report(f"{args.indicators} generated indicators ({2 * args.indicators} targets, 4 scenarios)",
           timed([plancast, "run", scenario, "--out", os.path.join(args.scratch, "out")], args.runs),
           "< 2 s")


if __name__ == "__main__":
    main()
