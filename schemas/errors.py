"""Errors in schema files: configuration mistakes, so they raise (bad documents never do)."""
from __future__ import annotations


class SchemaError(ValueError):
    """A schema file is malformed. Carries the file and the key so the message can say where."""

    def __init__(self, path: str, key: str, problem: str):
        self.path, self.key, self.problem = path, key, problem
        super().__init__(f"{path}: {key}: {problem}")
