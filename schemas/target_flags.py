"""Load `schemas/target_flags.yaml`: each target flag as a short phrase for people.

>>> phrases = load_flag_phrases()
>>> phrases["scale_only_unit"]
'a scale word (万, 亿) without a unit'
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import yaml

from formex.schemas.errors import SchemaError

TARGET_FLAGS_YAML = Path(__file__).with_name("target_flags.yaml")


@lru_cache(maxsize=None)
def load_flag_phrases(path: Path = TARGET_FLAGS_YAML) -> Mapping[str, str]:
    """flag -> phrase; a malformed file raises `SchemaError` naming the key."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != {"version", "phrases"}:
        raise SchemaError(str(path), "(top level)", "expected exactly the keys version and phrases")
    phrases = data["phrases"]
    if not isinstance(phrases, dict):
        raise SchemaError(str(path), "phrases", "expected a mapping of flag to phrase")
    for flag, phrase in phrases.items():
        if not isinstance(phrase, str) or not phrase.strip():
            raise SchemaError(str(path), f"phrases.{flag}", "expected a non-empty phrase")
    return MappingProxyType(dict(phrases))
