"""No rule names an actor, a phrase or a place of the bundled article: the rules are
general English news prose, and this test reads them for the article's own words."""

from __future__ import annotations

import re

from support import DATA, REPO, SEED_TEXT

RULE_MODULES = sorted((REPO / "dprktrack" / "suggest").glob("*.py"))
SHARED = {"model.py", "__init__.py", "evaluation.py"}
"""The shared data model (its docstrings quote the issue's examples) and the scoring,
which reads claims, are not rules."""

GENERIC = frozenset(
    {"Council", "Committee", "Ministry", "Department", "Institute", "University", "Center",
     "Centre", "Academy", "Sciences", "Studies", "News", "Nations", "Union", "States",
     "Republic", "Office", "Agency", "Foreign", "Senior"}
)  # fmt: skip
"""Capitalised words of institutions in any news text: the rules may use them to tell a
body from a person, without naming any body."""


def distinctive() -> set[str]:
    """The article's actors (names and aliases, with and without a leading "the"), and the
    proper nouns of its text: capitalised words that do not begin a sentence."""
    words: set[str] = set()
    for actor in DATA["actors"]:
        for phrase in [actor["name"], *actor.get("aliases", [])]:
            words.add(re.sub(r"^(?:the|The)\s+", "", phrase))
    for found in re.finditer(r"(?<=[a-z,] )([A-Z][\w’-]+)", SEED_TEXT):
        words.add(found.group(1).rstrip("’s").removesuffix("’"))
    quoted = [q for claim in DATA["claims"] for q in re.findall(r"“([^”]{3,40})”", claim["quote"])]
    words.update(quoted)  # the speakers' own short phrases ("sunset", "gold standard")
    proper = {word for word in words if word != word.lower()}  # "the author" is any article's
    return {word for word in proper | set(quoted) if len(word) > 2 and word not in GENERIC}


def test_the_list_of_the_articles_words_is_not_empty_and_holds_its_speakers() -> None:
    words = distinctive()
    assert {"Nebenzya", "NK News", "Pyongyang", "gold standard"} <= words


def test_no_rule_module_names_the_articles_actors_places_or_phrases() -> None:
    words = distinctive()
    found = []
    for path in RULE_MODULES:
        if path.name in SHARED:
            continue
        text = path.read_text("utf-8")
        found += [
            f"{path.name}: {word}"
            for word in words
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
        ]
    assert found == []
