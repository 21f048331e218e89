"""Quote-check bypasses an outside review tried: none may pass, with or without a pin.

Each case is a fictional source and a quote a hostile pull request might add; the pin is
the one `dprktrack approve` would write, computed as any author could.
"""

from __future__ import annotations

import pytest

from dprktrack import departures
from dprktrack.check import claim_finding
from dprktrack.matcher import Document, Hints, match_quote
from dprktrack.records import Claim


def pin_for(source: str, quote: str) -> str | None:
    match = match_quote(Document(source), quote, Hints())
    if not match.by_pieces or match.span is None:
        return None
    return departures.review(quote, source, match.spans, match.span).pin


# (label, expected per the docs, source, quote, pinned)
CASES: list[tuple[str, str, str, str, bool]] = [
    # --- 1. negation dropped by an edge bracket: an insertion "of nothing" at the quote's end
    (
        "A1 trailing edge bracket drops 'not'",
        "changed",
        "Sylvania did not attack Freedonia last spring.",
        "Sylvania did [attack Freedonia]",
        True,
    ),
    (
        "A1b same with '… [..]' at the end",
        "changed",
        "Sylvania did not attack Freedonia last spring.",
        "Sylvania did … [attack Freedonia]",
        True,
    ),
    (
        "A1c control: same bracket inside the quote",
        "changed",
        "Sylvania did not attack Freedonia last spring.",
        "Sylvania did [attack] Freedonia",
        True,
    ),
    # --- 2. omission swallows a reversing verb that is not among its last two words
    (
        "A2 'failed completely to' omitted",
        "changed",
        "Sylvania failed completely to honour the accord with Freedonia.",
        "Sylvania … honour[ed] the accord with Freedonia",
        True,
    ),
    (
        "A2b 'refused, as it had for years, to' omitted",
        "changed",
        "Sylvania refused, as it had for years, to accept the Freedonian deal.",
        "Sylvania … accept[ed] the Freedonian deal",
        True,
    ),
    (
        "A2c 'unable, despite heavy losses, to' omitted",
        "changed",
        "The Sylvanian army was unable, despite heavy losses, to take the capital.",
        "The Sylvanian army … t[ook] the capital",
        True,
    ),
    # --- 3. governing negation more than two words before the quote
    (
        "A3 'did not yet formally | approve[d]'",
        "changed",
        "The Freedonian council did not yet formally approve the treaty.",
        "approve[d] the treaty",
        True,
    ),
    (
        "A3b 'did not, in the end, | approve[d]'",
        "changed",
        "The Freedonian council did not, in the end, approve the treaty with Sylvania.",
        "approve[d] the treaty with Sylvania",
        True,
    ),
    (
        "A3c 'failed even to | perform[ed]'",
        "changed",
        "Sylvania failed even to perform its duties under the accord.",
        "perform[ed] its duties under the accord",
        True,
    ),
    (
        "A3d 'did not in fact attack' + leading insertion",
        "changed",
        "Sylvania did not in fact attack Freedonia last spring.",
        "[Sylvania attacked] Freedonia last spring",
        True,
    ),
    # --- 4. a negation moved inside one bracket (counts equal, meaning reversed)
    (
        "A4 '[not only signed]' for 'did not sign'",
        "changed",
        "Sylvania did not sign the accord with Freedonia.",
        "Sylvania [not only signed] the accord with Freedonia",
        True,
    ),
    (
        "A4b '[attack, not defend,]' for 'not attack but will defend'",
        "changed",
        "Sylvania will not attack but will defend Freedonia.",
        "Sylvania will [attack, not defend,] Freedonia",
        True,
    ),
    # --- 5. a negation added in a bracket, spelt so the detector misses it
    (
        "A5 Cyrillic o in 'not'",
        "changed",
        "The Freedonian council approved the treaty with Sylvania.",
        "The Freedonian council [did n\u043et approve] the treaty with Sylvania",
        True,
    ),
    (
        "A5b combining grapheme joiner (invisible, Mn) in 'not'",
        "changed",
        "The Freedonian council approved the treaty with Sylvania.",
        "The Freedonian council [did n\u034fot approve] the treaty with Sylvania",
        True,
    ),
    (
        'A5c modifier-prime apostrophe "didn\u02b9t"',
        "changed",
        "The Freedonian council approved the treaty with Sylvania.",
        "The Freedonian council [didn\u02b9t approve] the treaty with Sylvania",
        True,
    ),
    (
        'A5d reversed-prime apostrophe "didn\u2035t"',
        "changed",
        "The Freedonian council approved the treaty with Sylvania.",
        "The Freedonian council [didn\u2035t approve] the treaty with Sylvania",
        True,
    ),
    (
        "A5e small-capital '\u0274\u1d0f\u1d1b'",
        "changed",
        "The Freedonian council approved the treaty.",
        "The Freedonian council [\u0274\u1d0f\u1d1b] approved the treaty",
        True,
    ),
    (
        "A5f Cyrillic e in 'never'",
        "changed",
        "The Freedonian council approved the treaty.",
        "The Freedonian council [nev\u0435r] approved the treaty",
        True,
    ),
    # --- 6. prefix reversal the prefix check misses
    (
        "A6 '[un\u2013]fair' (en dash)",
        "changed",
        "The Freedonian council called the treaty fair to Sylvania.",
        "The Freedonian council called the treaty [un\u2013]fair to Sylvania",
        True,
    ),
    (
        "A6b '[un' + CGJ + ']fair' (renders 'unfair')",
        "changed",
        "The Freedonian council called the treaty fair to Sylvania.",
        "The Freedonian council called the treaty [un\u034f]fair to Sylvania",
        True,
    ),
    (
        "A6c '[\u0443n]fair' (Cyrillic u)",
        "changed",
        "The Freedonian council called the treaty fair to Sylvania.",
        "The Freedonian council called the treaty [\u0443n]fair to Sylvania",
        True,
    ),
    (
        "A6d '[a]typical' (prefix a- not known)",
        "changed",
        "The Freedonian council called the treaty typical for Sylvania.",
        "The Freedonian council called the treaty [a]typical for Sylvania",
        True,
    ),
    (
        "A6e 'harm[less]' for 'harmful' (suffix)",
        "changed (mechanical, not promised)",
        "The Freedonian council called the treaty harmful to Sylvania.",
        "The Freedonian council called the treaty harm[less] to Sylvania",
        True,
    ),
    # --- 7. source negation the detector cannot read (source-side spelling)
    (
        "A7 source \"didn\u201bt\" (U+201B) -> '[did]'",
        "changed",
        "Sylvania didn\u201bt sign the accord with Freedonia.",
        "Sylvania [did] sign the accord with Freedonia",
        True,
    ),
    (
        "A7b source \"can\u201at\" (U+201A) -> '[can]'",
        "changed",
        "Sylvania can\u201at sign the accord with Freedonia.",
        "Sylvania [can] sign the accord with Freedonia",
        True,
    ),
    # --- 8. omission across a paragraph break the detector does not see
    (
        "A8 blank line holding U+3164 (Hangul filler)",
        "changed",
        "Sylvania will attack Freedonia if provoked.\n\u3164\n"
        "Officials say the talks with its allies went well.",
        "Sylvania will attack \u2026 its allies",
        True,
    ),
    (
        "A8b blank line holding U+2800 (braille blank)",
        "changed",
        "Sylvania will attack Freedonia if provoked.\n\u2800\n"
        "Officials say the talks with its allies went well.",
        "Sylvania will attack \u2026 its allies",
        True,
    ),
    (
        "A8c blank line holding U+180E (Mongolian vowel separator, Cf)",
        "changed",
        "Sylvania will attack Freedonia if provoked.\n\u180e\n"
        "Officials say the talks with its allies went well.",
        "Sylvania will attack \u2026 its allies",
        True,
    ),
    (
        "A8d blank line holding U+034F (CGJ)",
        "changed",
        "Sylvania will attack Freedonia if provoked.\n\u034f\n"
        "Officials say the talks with its allies went well.",
        "Sylvania will attack \u2026 its allies",
        True,
    ),
    (
        "A8e two vertical tabs (Word's line break)",
        "changed",
        "Sylvania will attack Freedonia if provoked.\x0b\x0b"
        "Officials say the talks with its allies went well.",
        "Sylvania will attack \u2026 its allies",
        True,
    ),
    # --- 9. cut words and numbers at separators the boundary rules miss (no pin needed)
    (
        "A9 minus sign dropped: '40 degrees' from '-40 degrees'",
        "changed",
        "The temperature in the Sylvanian capital fell to -40 degrees overnight.",
        "40 degrees overnight",
        False,
    ),
    (
        "A9b compound cut at en dash: 'binding' from 'non\u2013binding'",
        "changed",
        "Freedonia adopted a non\u2013binding resolution on Sylvania.",
        "binding resolution on Sylvania",
        False,
    ),
    (
        "A9c compound cut at U+2212 minus",
        "changed",
        "Freedonia adopted a non\u2212binding resolution on Sylvania.",
        "binding resolution on Sylvania",
        False,
    ),
    (
        "A9d number cut at narrow no-break space: '5' from '5 000'",
        "changed",
        "Sylvania sent 5\u202f000 troops to the Freedonian border.",
        "Sylvania sent 5",
        False,
    ),
    (
        "A9e 'can' from 'can\uff07t' (fullwidth apostrophe)",
        "changed",
        "Sylvania can\uff07t win the war against Freedonia.",
        "Sylvania can",
        False,
    ),
    (
        "A9f grapheme cut inside a flag (regional indicators)",
        "changed",
        "Flags: \U0001f1ec\U0001f1e7\U0001f1ea\U0001f1f8 troops arrived",
        "\U0001f1e7\U0001f1ea\U0001f1f8 troops arrived",
        False,
    ),
    # --- 10. structural limits that adjacent marks get around
    (
        "A10 40-char bracket limit: three adjacent brackets rewrite 80 chars",
        "changed",
        "Freedonia said that Sylvania had, after long and careful deliberation among its many "
        "ministers and advisers, chosen to withdraw its troops from the border.",
        "Freedonia said that Sylvania had [secretly massed thousands of its troops]"
        "[ and heavy armour on the border, ready][ to invade at dawn; it had] chosen to "
        "withdraw its troops from the border",
        True,
    ),
    (
        "A10b invisible Hangul filler as a bracket '[\u3164]'",
        "changed",
        "The Freedonian council approved the treaty with Sylvania.",
        "The Freedonian council approved [\u3164] the treaty",
        True,
    ),
]


@pytest.mark.parametrize(
    ("source", "quote", "pinned"),
    [pytest.param(source, quote, pinned, id=label) for label, _, source, quote, pinned in CASES],
)
def test_a_reviewed_bypass_fails(source: str, quote: str, pinned: bool) -> None:
    pin = pin_for(source, quote) if pinned else None
    claim = Claim("x1", "s", "a", quote, "direct", [], "x", review_pin=pin)
    finding = claim_finding(Document(source), claim, 0)
    assert finding.verdict not in ("ok", "moved", "typography"), finding.message
