"""The general rules the outside review asked for, each on a new fictional sentence."""

from __future__ import annotations

from suggesting import catalog_around, check_verdict

from dprktrack.schema.records import Actor, actor_of
from dprktrack.suggest.cues import cues, inflections
from dprktrack.suggest.finding import suggestions
from dprktrack.suggest.judging import judges


def cue_words(text: str) -> list[str]:
    return [cue.words for cue in cues(text, 0, len(text), [])]


def test_reporting_verbs_come_from_base_forms_with_every_inflection() -> None:
    assert {"say", "says", "said", "saying"} <= inflections("say")
    assert {"denies", "denied", "denying"} <= inflections("deny")
    assert {"admitted", "admitting"} <= inflections("admit")
    assert {"told", "tells"} <= inflections("tell")
    text = "Orrin Tabb accused the mill of lying, conceded a point, and vowed to return."
    assert cue_words(text) == ["accused", "conceded", "vowed"]


def test_negated_speech_passives_and_gerunds_after_prepositions_are_no_cues() -> None:
    assert cue_words("The harbour master did not say when the quay would open.") == []
    assert cue_words("Mira Selk declined to comment, and the mayor would not comment either.") == []
    assert cue_words("The villagers have been promised a bridge for years.") == []
    assert cue_words("The board met before agreeing to the sale.") == []


def test_reject_is_speech_only_when_a_charge_is_rejected() -> None:
    assert cue_words("The guild rejects that accusation.") == ["rejects"]
    assert cue_words("The guild rejected the draft budget.") == []


def test_a_title_before_a_name_keeps_the_inverted_speaker() -> None:
    text = "“The dam will hold,” said Prof. Linnea Vask, an engineer.\n"
    actors = {"vask": actor_of({"id": "vask", "name": "Linnea Vask", "kind": "person"})}
    found = suggestions(catalog_around(text, actors), "made-up", include_covered=True)
    assert [(s.quote, s.speakers[0].actor) for s in found] == [("“The dam will hold,”", "vask")]


def test_according_to_attributes_its_own_sentence_only() -> None:
    text = (
        "According to the Quay Board, landings fell by half. That figure is hardly "
        "surprising. The boats stayed in port.\n"
    )
    actors = {
        "board": actor_of({"id": "board", "name": "the Quay Board", "kind": "organization"}),
        "brin": actor_of({"id": "brin", "name": "Ada Brin", "kind": "author"}),
    }
    found = suggestions(catalog_around(text, actors), "made-up", include_covered=True)
    assert [(s.quote, s.speakers[0].actor) for s in found] == [
        ("landings fell by half", "board"),
        ("That figure is hardly surprising.", "brin"),
    ]


def test_the_authors_judgement_is_found_without_a_listed_word_and_narration_is_not() -> None:
    assert judges("The new levy would be a costly error.")
    assert judges("The harbour plan may yet prove the wiser course.")
    assert judges("Neither answer is enough.")
    assert judges("Why did the mayor wait so long?")
    assert not judges("The ferry left at noon and reached the island at four.")
    assert not judges("The market will open on Monday.")
    assert not judges("Prices have already risen.")


def test_a_quotation_longer_than_the_schema_allows_is_cut_at_a_sentence_end() -> None:
    from dprktrack.schema.rules import MAX_TEXT

    sentences = " ".join(f"Pier {n} stays shut until the tide turns." for n in range(400))
    text = f"Nessa Loyd said: “{sentences}”\n"
    assert len(sentences) > MAX_TEXT
    actors = {"loyd": actor_of({"id": "loyd", "name": "Nessa Loyd", "kind": "person"})}
    catalog = catalog_around(text, actors)
    found = suggestions(catalog, "made-up", include_covered=True)
    assert found
    assert all(len(s.quote) <= MAX_TEXT for s in found)
    assert all(check_verdict(catalog, s) == "ok" for s in found)
    endless = "Nessa Loyd said that " + ", ".join(f"pier {n} stays shut" for n in range(900))
    assert len(endless) > MAX_TEXT
    found = suggestions(catalog_around(endless + ".\n", actors), "made-up")
    assert all(len(s.quote) <= MAX_TEXT for s in found)


def test_a_span_is_suggested_once() -> None:
    text = "Tamsin Orr said the pier was safe, and she said it again.\n"
    found = suggestions(catalog_around(text, {}), "made-up", include_covered=True)
    spans = [(s.start, s.end) for s in found]
    assert len(spans) == len(set(spans))


def test_text_without_sentence_stops_is_still_read_line_by_line() -> None:
    text = (
        "Harbour master Tamsin Orr said the north pier would stay closed until the repairs end\n"
        "The ferry company said its boats would use the south pier for the whole winter season\n"
    )
    found = suggestions(catalog_around(text, {}), "made-up", include_covered=True)
    assert [s.quote for s in found] == text.splitlines()


def _acts_of(text: str, actors: dict[str, Actor]) -> list[tuple[str, str | None]]:
    found = suggestions(catalog_around(text, actors), "made-up", include_covered=True)
    return [(s.quote, s.speakers[0].actor if s.speakers else None) for s in found]


def _states(*names: str) -> dict[str, Actor]:
    actors = {
        n.lower(): actor_of({"id": n.lower(), "name": n, "kind": "government"}) for n in names
    }
    actors["league"] = actor_of(
        {"id": "league", "name": "the Harbour League", "kind": "organization"}
    )
    return actors


def test_a_clause_act_belongs_to_its_clause_subject_and_a_list_stays_whole() -> None:
    actors = _states("Lorvik", "Amber", "Tessin", "Quell")
    actors["atq"] = actor_of(
        {"id": "atq", "name": "Amber, Tessin and Quell", "kind": "group",
         "members": ["amber", "tessin", "quell"]}
    )  # fmt: skip
    text = (
        "The Harbour League closed the session after Lorvik vetoed the plan. "
        "Lorvik voted against, while Amber, Tessin and Quell abstained.\n"
    )
    vetoes = [actor for quote, actor in _acts_of(text, actors) if "vetoed" in quote]
    assert vetoes == ["lorvik"]
    assert ("Amber, Tessin and Quell abstained", "atq") in _acts_of(text, actors)


def test_two_acts_across_a_semicolon_and_a_passive_with_its_agent() -> None:
    actors = _states("Lorvik", "Amber")
    text = (
        "Lorvik rejected the offer; Amber accepted it. "
        "The fishery board was set up by the Harbour League in 2010.\n"
    )
    found = _acts_of(text, actors)
    assert ("Lorvik rejected the offer", "lorvik") in found
    assert ("Amber accepted it", "amber") in found
    assert any(actor == "league" and "set up" in quote for quote, actor in found)


def test_he_said_goes_to_the_person_last_named_not_the_last_speaker() -> None:
    text = (
        "Mayor Ilse Varn said the quay would reopen in May. "
        "The harbour pilot, Edo Brask, arrived an hour later. "
        "The tides were too strong for the ferries, he said.\n"
    )
    found = suggestions(catalog_around(text, {}), "made-up", include_covered=True)
    names = {s.quote: s.speakers[0].name for s in found}
    assert "Edo Brask" in names["The tides were too strong for the ferries"]


def test_a_dateline_is_no_speaker_and_no_part_of_a_span() -> None:
    text = "KESTRA, June 3 (Harbour Wire) – The ferry company said fares would rise.\n"
    actors = {"wire": actor_of({"id": "wire", "name": "Harbour Wire", "kind": "media"})}
    found = suggestions(catalog_around(text, actors), "made-up", include_covered=True)
    assert [s.quote for s in found] == ["The ferry company said fares would rise"]
    assert all(s.speakers == () or s.speakers[0].actor != "wire" for s in found)


def test_a_noun_like_verb_is_a_cue_after_a_plural_subject_a_pronoun_or_a_modal() -> None:
    assert cue_words("Dock workers blame the new cranes.") == ["blame"]
    assert cue_words("The guild would welcome a ruling.") == ["welcome"]
    assert cue_words("The blame fell on the cranes.") == []


def test_a_colon_sentence_holds_the_authors_clause_and_a_reported_one() -> None:
    text = (
        "The port has every reason to worry: its pilots have warned that the channel "
        "is silting up.\n"
    )
    actors = {"brin": actor_of({"id": "brin", "name": "Ada Brin", "kind": "author"})}
    found = suggestions(catalog_around(text, actors), "made-up", include_covered=True)
    assert [s.quote for s in found] == [
        "The port has every reason to worry",
        "the channel is silting up",
    ]
    assert found[0].speakers[0].actor == "brin"


def test_the_authors_verdict_on_reported_words_is_not_more_of_them() -> None:
    text = "Mill owners blame the drought for the losses. That excuse is hardly convincing.\n"
    actors = {"brin": actor_of({"id": "brin", "name": "Ada Brin", "kind": "author"})}
    found = suggestions(catalog_around(text, actors), "made-up", include_covered=True)
    verdict = [s for s in found if s.quote.startswith("That excuse")]
    assert [s.speakers[0].actor for s in verdict] == ["brin"]


def test_words_after_the_cue_are_not_taken_for_a_closing_reporting_clause() -> None:
    text = "Asked about the winter timetable, Tamsin Orr said the ferries would keep sailing.\n"
    found = suggestions(catalog_around(text, {}), "made-up", include_covered=True)
    assert len(found) == 1
    assert found[0].quote.endswith("the ferries would keep sailing")


def test_an_unverifiable_report_is_narration_not_the_reporters_words() -> None:
    text = (
        "The Harbour Wire said a trawler had sunk off the cape. "
        "The report could not be independently confirmed.\n"
    )
    found = suggestions(catalog_around(text, {}), "made-up", include_covered=True)
    assert [s.quote for s in found] == ["The Harbour Wire said a trawler had sunk off the cape"]
