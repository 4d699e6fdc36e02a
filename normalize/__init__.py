"""Normalizers: turn a Document into the contract's typed rows (forms, tasks, indicators, issues)."""
