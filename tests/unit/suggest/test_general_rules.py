"""The general rules the outside review asked for, each on a new fictional sentence."""

from __future__ import annotations

from dprktrack.suggest.cues import cues, inflections


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
