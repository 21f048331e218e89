"""A curator's second article, as a new-user trial ran it: people named by surname after
the first mention, the article's own author, bodies the file does not know, and claims
trimmed to the reported clause. Fictional outlets and people only."""

from __future__ import annotations

from suggesting import catalog_around, check_verdict

from dprktrack.schema.records import Actor, actor_of
from dprktrack.suggest.drafts import add_actor_command
from dprktrack.suggest.finding import suggestions
from dprktrack.suggest.model import SpeakerGuess
from dprktrack.suggest.placing import covering

MINISTER = actor_of({"id": "renner", "name": "Tobias Renner", "kind": "person"})


def top_speakers(text: str, actors: dict[str, Actor], author: str = "Ada Brin") -> list[str]:
    catalog = catalog_around(text, actors, author)
    found = suggestions(catalog, "made-up")
    for suggestion in found:
        assert check_verdict(catalog, suggestion) == "ok"
    return [(s.speakers[0].actor or s.speakers[0].name) if s.speakers else "" for s in found]


def test_a_person_is_known_by_surname_after_the_first_mention() -> None:
    text = (
        "Title\n\nTobias Renner, the foreign minister, arrived in Port Halden on Monday.\n\n"
        "Renner told reporters that the accord would not be renewed.\n"
    )
    assert top_speakers(text, {"renner": MINISTER}) == ["renner"]


def test_a_surname_is_only_a_name_as_written_and_only_when_one_person_has_it() -> None:
    text = "Title\n\nThe long talks ended. Long said that nothing was agreed.\n"
    long_ = actor_of({"id": "long", "name": "Mara Long", "kind": "person"})
    assert top_speakers(text, {"long": long_}) == ["long"]
    twins = {
        "long": long_,
        "long-2": actor_of({"id": "long-2", "name": "Teo Long", "kind": "person"}),
    }
    assert top_speakers(text, twins)[0] not in ("long", "long-2")


def test_the_articles_own_author_judges_never_another_articles_author() -> None:
    """A file holding another article's author: the new article's judgements are its own
    author's, suggested as a new actor (with the `--kind author` command) until added."""
    other = {"asm": actor_of({"id": "asm", "name": "Oren Vale", "kind": "author"})}
    text = "Title\n\nThe accord was a poor bargain for both sides.\n"
    found = suggestions(catalog_around(text, other, author="Elena Marsh"), "made-up")
    (guess,) = {s.speakers[0] for s in found}
    assert (guess.actor, guess.name) == (None, "Elena Marsh")
    assert add_actor_command(guess).endswith("--kind author")
    known = {**other, "marsh": actor_of({"id": "marsh", "name": "Elena Marsh", "kind": "author"})}
    assert top_speakers(text, known, author="Elena Marsh") == ["marsh"]


def test_a_body_the_file_does_not_know_is_not_taken_for_one_it_knows() -> None:
    """ "The European Fisheries Council" is not the file's "Council"."""
    council = actor_of(
        {"id": "council", "name": "the Security Council", "aliases": ["the Council"],
         "kind": "institution"}
    )  # fmt: skip
    text = "Title\n\nThe European Fisheries Council said that the quotas would fall.\n"
    assert "council" not in top_speakers(text, {"council": council})
    plain = "Title\n\nThe Council said that the quotas would fall.\n"
    assert top_speakers(plain, {"council": council}) == ["council"]


def test_a_new_persons_command_gives_the_surname_as_an_alias() -> None:
    guess = SpeakerGuess(None, "Tobias Renner", "named in the sentence")
    assert add_actor_command(guess) == (
        "dprktrack add-actor --name 'Tobias Renner' --kind person --alias Renner"
    )


def test_a_claim_trimmed_to_the_reported_clause_still_covers_its_sentence() -> None:
    sentence = (0, 100)
    assert covering([("c1", 30, 100)], *sentence) == ("c1",)  # the reported clause, 70%
    assert covering([("c2", 40, 70)], *sentence) == ("c2",)  # a quarter or more, inside
    assert covering([("c3", 40, 50)], *sentence) == ()  # a fragment does not hide it
    assert covering([("c4", 90, 150)], *sentence) == ()  # overlapping a little, outside


def test_a_title_before_a_surname_keeps_the_person() -> None:
    """ "Minister Renner said": the body rule ("Fisheries Council") is not for people."""
    text = (
        "Title\n\nTobias Renner arrived on Monday.\n\n"
        "Minister Renner said that the accord would lapse.\n"
    )
    assert top_speakers(text, {"renner": MINISTER}) == ["renner"]
