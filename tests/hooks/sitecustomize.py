"""Test-only: a reader that misbehaves in every process started with this folder on
PYTHONPATH and FORMEX_TEST_HOSTILE_READER=1 (a Dask worker, the worker processes it
starts), where a monkeypatch made in the test process cannot reach.

Python imports `sitecustomize` at start-up from the path; this one waits for
`formex.document_task` to be imported and wraps its `read_document`: a source whose path
says "stall" sleeps 600 s, one that says "hog" allocates 3 GiB (as
`tests.test_hostile_paths.slow_on_stall`). Nothing in formex reads the variable.
"""
from __future__ import annotations

import os
import sys

TARGET = "formex.document_task"


def slow_on_stall(real):
    def read_document(data, source_path, **kwargs):
        import time

        if "stall" in source_path:
            time.sleep(600)
        if "hog" in source_path:
            hog = bytearray(3 * 1024**3)
            hog[-1] = 1
        return real(data, source_path, **kwargs)
    return read_document


class PatchOnImport:
    """A meta path finder that lets the module load as usual, then wraps its reader."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != TARGET:
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(fullname, path)
        if spec is None:
            return None
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            module.read_document = slow_on_stall(module.read_document)

        spec.loader.exec_module = exec_module
        return spec


if os.environ.get("FORMEX_TEST_HOSTILE_READER") == "1":
    sys.meta_path.insert(0, PatchOnImport())
