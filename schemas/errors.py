"""Errors in schema files and saved documents: configuration or tooling mistakes, so they
raise (bad documents never do)."""
from __future__ import annotations


class SchemaError(ValueError):
    """A schema file is malformed. Carries the file and the key so the message can say where."""

    def __init__(self, path: str, key: str, problem: str):
        self.path, self.key, self.problem = path, key, problem
        super().__init__(f"{path}: {key}: {problem}")


class DocumentFileError(ValueError):
    """A saved document (formex.schemas.document_file) cannot be written or read back.

    `line` is the 1-based line of the JSON Lines text (after decompression) where the
    problem is, or None when it concerns the whole file."""

    def __init__(self, path: str, line: int | None, problem: str):
        self.path, self.line, self.problem = path, line, problem
        where = f"{path}: line {line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class DocumentVersionError(DocumentFileError):
    """A saved document in a format version this formex does not read (written by another
    formex release): re-extract it from its source file, or use that release."""

    def __init__(self, path: str, version: object, supported: tuple[int, ...]):
        self.version, self.supported = version, supported
        super().__init__(path, 1, f"saved-document format version {version!r} is not one this "
                         f"formex reads ({', '.join(map(str, supported))}); re-extract the "
                         "source file with --keep-documents, or read it with the formex "
                         "release that wrote it")
