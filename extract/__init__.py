"""Readers: turn an input file into the shared document model (formex.schemas.document)."""
