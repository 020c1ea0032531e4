"""How long does ranking a whole round take, and how much memory? (SPEC §7, housing/rules/ranking.py)

    .venv/bin/python bench/bench_ranking.py                 # 100,000 candidates, ~500 employers
    .venv/bin/python bench/bench_ranking.py -n 200000 --employers 1000 --out bench/results/ranking.json

Builds a synthetic round (fixed random seed; all six groups; talents spread over the employers;
a few candidates lacking a fact, so the exclusion path runs too), then ranks it --repeat times and
reports the median wall time of `rank()` alone. Memory is measured on one further run under
tracemalloc (peak of Python allocations during `rank()`, candidates excluded) and as the
process's peak resident set size (resource.getrusage ru_maxrss, which includes the candidates).
Goal: at most 10 s and at most 1 GiB. Needs no database.
"""

import argparse
import datetime
import json
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from housing.groups import FAMILY_GROUPS, Group  # noqa: E402
from housing.rules.ranking import RankingCandidate, rank  # noqa: E402

GOAL_SECONDS = 10.0
GOAL_BYTES = 1024**3
GROUPS = list(Group)
TALENT_GROUPS = [g for g in GROUPS if g not in FAMILY_GROUPS]


def credit_code(n: int) -> str:
    # Shaped like a unified social credit code; the ranking does not check it.
    return f"91440300MA5{n:06d}X"


def synthetic_round(n: int, employers: int, rng: random.Random) -> list[RankingCandidate]:
    codes = [credit_code(i) for i in range(employers)]
    # Each employer belongs to one talent group, as a real employer does.
    group_of = {code: TALENT_GROUPS[i % 3] for i, code in enumerate(codes)}
    start = datetime.date(1995, 1, 1).toordinal()
    candidates = []
    for i in range(n):
        ref = f"LH-2025-{i:07d}"
        honours = ("labour_model",) if rng.random() < 0.02 else ()
        if rng.random() < 0.5:
            group = GROUPS[rng.randrange(3)]
            # Month-start dates, so many families tie and the lottery has work to do.
            hukou = datetime.date.fromordinal(start + rng.randrange(0, 30 * 365, 30))
            insurance = datetime.date.fromordinal(start + rng.randrange(0, 30 * 365, 30))
            if rng.random() < 0.1 and group != Group.NO_HOUSING:
                insurance = None
            if rng.random() < 0.002:
                hukou = None
            candidates.append(RankingCandidate(ref=ref, group=group, hukou_since=hukou,
                                               first_social_insurance_date=insurance, honours=honours))
        else:
            code = rng.choice(codes)
            title = rng.choices([None, "deputy_senior", "full_senior"], weights=[80, 15, 5])[0]
            degree = rng.choices([None, "bachelor", "master", "doctorate"], weights=[2, 60, 30, 8])[0]
            candidates.append(RankingCandidate(ref=ref, group=group_of[code], employer_credit_code=code,
                                               title=title, degree=degree, honours=honours))
    return candidates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="candidates in the round")
    parser.add_argument("--employers", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()

    t0 = time.perf_counter()
    candidates = synthetic_round(args.n, args.employers, random.Random(2025))
    build_seconds = time.perf_counter() - t0
    seed = "2025-R1-bench"

    timings = []
    result = None
    for _ in range(args.repeat):
        shuffled = candidates[:]
        random.Random(len(timings)).shuffle(shuffled)
        t0 = time.perf_counter()
        got = rank(shuffled, seed=seed)
        timings.append(time.perf_counter() - t0)
        if result is not None and got != result:
            raise SystemExit("the ranking changed with the input order")
        result = got
        del got, shuffled

    tracemalloc.start()
    rank(candidates, seed=seed)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)

    wall = statistics.median(timings)
    figures = {
        "benchmark": "rank() of one synthetic round (housing/rules/ranking.py)",
        "when": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "candidates": args.n,
        "employers": args.employers,
        "queues": len(result.queues),
        "ranked": sum(len(q.entries) for q in result.queues),
        "excluded": len(result.excluded),
        "build_seconds": round(build_seconds, 3),
        "rank_seconds_median": round(wall, 3),
        "rank_seconds_all": [round(t, 3) for t in timings],
        "tracemalloc_peak_bytes": traced_peak,
        "maxrss_bytes": maxrss,
        "goal_seconds": GOAL_SECONDS,
        "goal_bytes": GOAL_BYTES,
        "meets_goal": wall <= GOAL_SECONDS and max(traced_peak, maxrss) <= GOAL_BYTES,
    }
    mib = 1024**2
    print(f"{args.n:,} candidates, {args.employers} employers -> {figures['queues']} queues, "
          f"{figures['ranked']:,} ranked, {figures['excluded']:,} excluded")
    print(f"rank(): median {wall:.3f} s of {args.repeat} (goal <= {GOAL_SECONDS:.0f} s); "
          f"building the input took {build_seconds:.3f} s")
    print(f"memory: tracemalloc peak during rank() {traced_peak / mib:.1f} MiB; "
          f"process max RSS {maxrss / mib:.1f} MiB (goal <= 1024 MiB)")
    print("meets goal" if figures["meets_goal"] else "DOES NOT MEET GOAL")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n")
    return 0 if figures["meets_goal"] else 1


if __name__ == "__main__":
    sys.exit(main())
