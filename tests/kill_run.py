"""Run `formex extract` and SIGKILL it at a chosen point of the commit protocol.

    python tests/kill_run.py POINT N -- extract IN --out OUT ...

POINT is where the process kills itself, the N-th time it gets there:
  write     while writing the N-th Parquet file of the run (staging half done)
  place     after renaming half of a commit's files into place (N-th commit)
  manifest  with every file of the N-th commit in place, before the manifest
  commit    right after the N-th manifest, before superseded files are deleted
  never     run to the end (a plain run, for killing from outside)
No production code knows about this: it wraps the committer's functions.
"""
from __future__ import annotations

import os
import signal
import sys


def die() -> None:
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def on_nth(n: int, before, after=None):
    """Wrap a function to die before (or after) its n-th call."""
    calls = [0]

    def wrap(fn):
        def wrapper(*args, **kwargs):
            calls[0] += 1
            if calls[0] == n and before:
                die()
            result = fn(*args, **kwargs)
            if calls[0] == n and after:
                die()
            return result
        return wrapper
    return wrap


def main() -> None:
    point, n = sys.argv[1], int(sys.argv[2])
    args = sys.argv[sys.argv.index("--") + 1:]
    from formex import committer

    if point == "write":
        committer.pq.write_table = on_nth(n, before=False, after=True)(committer.pq.write_table)
        # the file is written but not renamed: a staged orphan
    elif point == "place":
        real_place = committer.BatchWriter.place
        seen = [0]

        def half_place(self):
            seen[0] += 1
            if seen[0] == n:
                self.staged = self.staged[: max(1, len(self.staged) // 2)]
                real_place(self)
                die()
            real_place(self)
        committer.BatchWriter.place = half_place
    elif point == "manifest":
        committer.save_manifest = on_nth(n, before=True)(committer.save_manifest)
    elif point == "commit":
        committer.save_manifest = on_nth(n, before=False, after=True)(committer.save_manifest)
    elif point != "never":
        raise SystemExit(f"unknown point {point}")
    from formex.cli import app

    app(args, prog_name="formex")


if __name__ == "__main__":
    main()
