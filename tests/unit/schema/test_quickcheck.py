"""The quick check may say no where the pydantic models say yes, never yes where they say no;
and the records both ways build are the same."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from support import DATA

from dprktrack.schema import models as model
from dprktrack.schema.quickcheck import holds
from dprktrack.schema.records import Actor, Claim, Source, StanceEntry, Target, records_of
from dprktrack.schema.rules import cross_reference_problems

PAIRS = [
    (Source, model.Source),
    (Actor, model.Actor),
    (Target, model.Target),
    (StanceEntry, model.StanceEntry),
    (Claim, model.Claim),
]


def _models_accept(data: Any) -> bool:
    try:
        model.ClaimsFile.model_validate(data)
    except ValidationError:
        return False
    return True


def _records_by_the_models(data: Any) -> Any:
    doc = model.ClaimsFile.model_validate(data)
    sections = ("sources", "actors", "targets", "claims")
    return records_of({key: [item.model_dump() for item in getattr(doc, key)] for key in sections})


def test_the_repos_claims_take_the_quick_path() -> None:
    assert holds(DATA)
    assert cross_reference_problems(DATA) == []


def test_records_have_exactly_the_models_fields() -> None:
    for record, schema in PAIRS:
        assert set(record._fields) == set(schema.model_fields), record.__name__


def test_the_quick_path_and_the_models_build_the_same_records() -> None:
    assert records_of(DATA) == _records_by_the_models(DATA)


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=10**20),
    st.sampled_from([0, 86400, 1711584000]),  # Unix times, which pydantic reads as dates
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.lists(st.text(max_size=4), max_size=2),
    st.dictionaries(st.sampled_from(["target", "stance", "x"]), st.text(max_size=8), max_size=2),
    st.sampled_from(
        [
            "",
            " ",
            "\u3000",
            "\x1c",
            "\u200b",
            "½½",
            "Ⅻ",
            "_ _",
            "a",
            "ab",
            "support",
            "Support",
            "direct",
            "author",
            "2024",
            "2024-03",
            "2024-02-30",
            "2024-04-24",
            "2024-4-24",
            "2024-04-24T00:00:00",
            "2024-04-24T10:00:00",
            "20240424",
            "2024-W17-3",
            "２０２４",
            "c001",
            "c 001",
            "c001\nc002",
            "ab\udcff",
            "a" * 65,
            "x" * 10_001,
            "0" * 64,
            "neo-2024-04-24",
            "seeds/000_ae58a3e6272e0d5e.txt",
            "https://example.org/a",
            "http://example.org",
            "https://",
            "https:///path",
            "https://example.org/a b",
            "https://example.org/\n",
            "https://example.org/\u3000",
            "https://example.org/\x1c",
            "https://пример.рф/статья",
            "ftp://example.org",
            "HTTPS://example.org",
            "en",
            "en-GB",
            "zh-Hant-TW",
            "en\n",
            "e",
            "english",
            "en_GB",
            "statement",
            "act",
            ["asmolov", "russia"],
            ["russia", "russia"],
        ]
    ),
)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the document a value sits at, the document itself included."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data[:3]):
            found += _paths(value, (*path, index))
    return found


PATHS = _paths({**DATA, "claims": DATA["claims"][:3]})


@st.composite
def bent_documents(draw: st.DrawFn) -> Any:
    """The repo's claims file, shortened, with one to three values replaced or removed."""
    data = copy.deepcopy({**DATA, "claims": DATA["claims"][:3]})
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        if not path:
            continue
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            action = draw(st.sampled_from(["set", "delete", "add"]))
            if action == "set":
                parent[path[-1]] = draw(ODD_VALUES)
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                added = ["colour", "schema_", "$schema", "id", "members", "kind", "url"]
                added += ["archived_url", "retrieved", "language"]
                parent[draw(st.sampled_from(added))] = draw(ODD_VALUES)
        except (KeyError, IndexError, TypeError):
            continue
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bent_documents())
def test_a_yes_from_the_quick_check_is_a_yes_from_the_models(data: Any) -> None:
    if holds(data) and not cross_reference_problems(data):
        assert _models_accept(data)
        assert records_of(data) == _records_by_the_models(data)


def test_an_id_holding_a_line_end_or_a_lone_surrogate_is_no_quick_yes() -> None:
    """Found in review: ids were checked in one joined text, so "c1\\nc2" read as two."""
    for bent in ("c001\nc999", "c001\n"):
        data = copy.deepcopy(DATA)
        data["claims"][0]["id"] = bent
        assert not holds(data)
        assert not _models_accept(data)
    data = copy.deepcopy(DATA)
    data["claims"][0]["summary"] = "half a pair \udcff"
    assert not holds(data)
    assert not _models_accept(data)


def test_a_file_without_its_claims_key_is_no_quick_yes() -> None:
    data = copy.deepcopy(DATA)
    del data["claims"]
    assert not holds(data)
    assert not _models_accept(data)
    assert holds({**data, "claims": []})
    assert _models_accept({**data, "claims": []})
