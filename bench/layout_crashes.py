"""Which simulated documents make the reader raise: a crash scan over layout policies.

Usage:
    python bench/layout_crashes.py [--n 30] [--seed 0 ...] [--policy NAME ...]

Each document of every policy (or those named) and seed is read in memory as
`bench/layout_table.py` reads it, outside the batch runner's safety net, which would turn
the exception into a `failed` document. Prints one line per document that raises (policy,
seed, name, the exception) and the count scanned; exits 1 if any raised. Nothing is scored
and no mismatch is printed, so any seed may be scanned, held-out and check draws included.
"""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from layout_sim import POLICIES, POLICY_BY_NAME, load_structures  # noqa: E402
from layout_table import extract_in_memory, iter_seeds  # noqa: E402


def scan(policies, n: int, seeds: list[int]):
    """Yield (policy, seed, name, what it raised or None) per document read."""
    structures = load_structures()
    for policy in policies:
        for seed in seeds:
            for name, text, _gold in iter_seeds(policy, n, seed, structures):
                try:
                    extract_in_memory(name, text)
                except Exception as error:   # the scan's whole point: any bug, reported
                    where = traceback.extract_tb(error.__traceback__)[-1]
                    yield policy.name, seed, name, f"{error!r} at {Path(where.filename).name}:{where.lineno}"
                else:
                    yield policy.name, seed, name, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30, help="documents per policy and seed")
    parser.add_argument("--seed", type=int, nargs="+", default=[0])
    parser.add_argument("--policy", nargs="+", choices=sorted(POLICY_BY_NAME), help="default: all")
    args = parser.parse_args()
    policies = [POLICY_BY_NAME[p] for p in args.policy] if args.policy else list(POLICIES)
    scanned = raised = 0
    for policy, seed, name, error in scan(policies, args.n, args.seed):
        scanned += 1
        if error is not None:
            raised += 1
            print("raised", policy, seed, name, error, sep="\t", flush=True)
    print(f"scanned {scanned} documents, {raised} raised")
    return 1 if raised else 0


if __name__ == "__main__":
    sys.exit(main())
