"""The export library: references to sources, relative to the annotations' base."""

from __future__ import annotations

import pytest

from dprktrack.export.annotations import source_reference


@pytest.mark.parametrize(
    ("path", "reference"),
    [
        ("seeds/000_ae58a3e6272e0d5e.txt", "seeds/000_ae58a3e6272e0d5e.txt"),
        ("./texts/../seeds/a b#2?.txt", "seeds/a%20b%232%3F.txt"),
        ("notes:1.txt", "notes%3A1.txt"),  # not read as a URI scheme
        ("Пхеньян.txt", "%D0%9F%D1%85%D0%B5%D0%BD%D1%8C%D1%8F%D0%BD.txt"),
    ],
)
def test_a_source_path_becomes_a_relative_reference_to_the_same_file(
    path: str, reference: str
) -> None:
    assert source_reference(path) == reference
