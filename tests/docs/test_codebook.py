"""The codebook: its worked example is the bundled claim it names, its citations the article's."""

from __future__ import annotations

import json
import re
from typing import Any

from support import DATA, REPO

PAGE = (REPO / "docs" / "codebook.md").read_text("utf-8")
JSON_BLOCK = re.compile(r"```json\n(?P<body>.*?)```", re.DOTALL)


def _example() -> dict[str, Any]:
    """The page's one JSON block: a claim record without its anchors."""
    (block,) = [match["body"] for match in JSON_BLOCK.finditer(PAGE)]
    example: dict[str, Any] = json.loads(block)
    return example


def test_the_worked_example_is_the_bundled_claim_it_names() -> None:
    example = _example()
    (claim,) = [claim for claim in DATA["claims"] if claim["id"] == example["id"]]
    anchors = {"start", "end", "prefix", "suffix"}
    assert example == {key: value for key, value in claim.items() if key not in anchors}


def test_the_worked_example_is_a_group_claim_whose_members_are_actors() -> None:
    example = _example()
    actors = {actor["id"]: actor for actor in DATA["actors"]}
    group = actors[example["actor"]]
    assert group["kind"] == "group"
    assert set(group["members"]) <= set(actors)
    assert "date" not in example, "the report's day is not the proposal's"


def _plain(text: str) -> str:
    """Text compared blind to line wrapping, curly apostrophes and double quotation marks."""
    for curly, plain in (("’", "'"), ("‘", "'"), ("“", ""), ("”", "")):
        text = text.replace(curly, plain)
    return " ".join(text.split())


def test_every_example_quoted_in_the_codebook_stands_in_the_article() -> None:
    """Passages cited as examples (in double quotes, longer than a phrase) are the article's,
    each part of one cut with … standing in it."""
    article = _plain((REPO / DATA["sources"][0]["path"]).read_text("utf-8"))
    prose = PAGE.split("```json")[0]
    cited = [quote for quote in re.findall(r'"([^"`]+)"', prose) if len(quote) >= 40]
    assert len(cited) >= 10
    for quote in cited:
        for part in _plain(quote).split("…"):
            assert part.strip(" .,") in article, part
