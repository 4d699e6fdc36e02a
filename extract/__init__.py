"""Readers: turn an input file into the shared document model (schemas.document)."""
