"""Paths and types the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

REPO = Path(__file__).resolve().parents[1]
CLAIMS = REPO / "claims.json"
SEED = REPO / "seeds" / "000_ae58a3e6272e0d5e.txt"
SHARED_SEEDS = REPO.parent / "shared" / "seeds"

Invoke = Callable[..., Result]
