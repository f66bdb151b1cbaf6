"""Comptoir Sans, the Unicode font embedded (as a subset) in every PDF Comptoir prints: a
reduced DejaVu Sans that `build.py` beside it makes; LICENSE and README.md say what it may
be used for and what was changed."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
REGULAR = HERE / "ComptoirSans.ttf"
BOLD = HERE / "ComptoirSans-Bold.ttf"
