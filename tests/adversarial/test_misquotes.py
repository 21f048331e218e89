"""Quote-check bypasses an outside review tried: none may pass, with or without a pin.

Each case is a fictional source and a quote a hostile pull request might add; the pin is
the one `dprktrack approve` would write, computed as any author could.
"""

from __future__ import annotations

import pytest

from dprktrack.check.verdicts import claim_finding
from dprktrack.matching import departures
from dprktrack.matching.matcher import Document, Hints, match_quote
from dprktrack.schema.records import Claim


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


SECOND_ROUND: list[tuple[str, str, str, str, bool]] = [
    # --- B1. A trailing bracket attached to the last word hides the negation after it.
    #     The A1 fix widens an unattached edge bracket to the clause; an attached one
    #     only stands for the rest of its word ("d"), so "not attack" is never compared.
    (
        "B1 'Sylvania di[d attack Freedonia]' for 'did not attack'",
        "changed",
        "Sylvania did not attack Freedonia last spring.",
        "Sylvania di[d attack Freedonia]",
        True,
    ),
    (
        "B1b 'wil[l attack Freedonia]' for 'will not attack'",
        "changed",
        "Sylvania will not attack Freedonia, its minister said.",
        "Sylvania wil[l attack Freedonia]",
        True,
    ),
    (
        "B1c 'ha[s invaded Lakonia]' for 'has never invaded'",
        "changed",
        "Freedonia said Sylvania has never invaded Lakonia.",
        "Freedonia said Sylvania ha[s invaded Lakonia]",
        True,
    ),
    # --- B2. An unattached edge bracket stops at the first clause mark: a comma between
    #     the last kept word and the negation hides it (A1 with a parenthetical).
    (
        "B2 'Sylvania will [attack Freedonia]' for 'will, its minister said, not attack'",
        "changed",
        "Sylvania will, its minister said, not attack Freedonia.",
        "Sylvania will [attack Freedonia]",
        True,
    ),
    (
        "B2b leading bracket for 40 chars; 'never' further back than 8 words",
        "changed",
        "In the end Freedonia was never attacked by the massed Sylvanian armoured divisions "
        "during the long and bitter winter campaign, officials in the Freedonian capital said "
        "on Monday.",
        "[Sylvania attacked Freedonia], officials in the Freedonian capital said",
        True,
    ),
    # --- B3. Negations the word splitter joins to a neighbour (hyphen, clitic, underscore).
    (
        "B3 '[Everyone]' for 'No-one'",
        "changed",
        "No-one in Freedonia supported the Sylvanian treaty.",
        "[Everyone] in Freedonia supported the Sylvanian treaty",
        True,
    ),
    (
        "B3b '[No-one]' for 'Everyone'",
        "changed",
        "Everyone in Freedonia supported the Sylvanian treaty.",
        "[No-one] in Freedonia supported the Sylvanian treaty",
        True,
    ),
    (
        "B3c '[not-]guilty verdict' added",
        "changed",
        "The court returned a guilty verdict on the Sylvanian general.",
        "The court returned a [not-]guilty verdict on the Sylvanian general",
        True,
    ),
    (
        "B3d 'not-guilty' dropped: '[guilty] verdict'",
        "changed",
        "The jury returned a not-guilty verdict on the Sylvanian general.",
        "The jury returned a [guilty] verdict on the Sylvanian general",
        True,
    ),
    (
        "B3e '[no-]confidence vote' added",
        "changed",
        "The Freedonian parliament passed a confidence vote in the Sylvanian cabinet.",
        "The Freedonian parliament passed a [no-]confidence vote in the Sylvanian cabinet",
        True,
    ),
    (
        "B3f '[Everybody's]' for 'Nobody's'",
        "changed",
        "Nobody's going to attack Freedonia this year, Sylvania said.",
        "[Everybody's] going to attack Freedonia this year",
        True,
    ),
    (
        "B3g '[everything's]' for 'nothing's'",
        "changed",
        "In Sylvania, nothing's changed since the Freedonian election.",
        "In Sylvania, [everything's] changed since the Freedonian election",
        True,
    ),
    (
        "B3h Markdown emphasis '[did _not_ approve]' (ASCII only)",
        "changed",
        "The Freedonian council approved the treaty with Sylvania.",
        "The Freedonian council [did _not_ approve] the treaty with Sylvania",
        True,
    ),
    (
        "B3i source '_not_' dropped by '[approved]'",
        "changed",
        "The Freedonian council did _not_ approve the treaty with Sylvania.",
        "The Freedonian council [approved] the treaty with Sylvania",
        True,
    ),
    (
        "B3j \"[wouldn't've]\" added",
        "changed",
        "Sylvania would've signed the Freedonian accord.",
        "Sylvania [wouldn't've] signed the Freedonian accord",
        True,
    ),
    # --- B4. The "No. 5" exemption lets an answer "No." through when a number follows.
    (
        "B4 '[No. 40]' for 'Yes. 40'",
        "changed",
        "Did Sylvania shell the town? Yes. 40 witnesses saw it happen.",
        "Did Sylvania shell the town? [No. 40] witnesses saw it happen",
        True,
    ),
    (
        "B4b '[Yes. 3]' for 'No. 3'",
        "changed",
        "Did Sylvania attack? No. 3 reports confirm it did not.",
        "Did Sylvania attack? [Yes. 3] reports confirm it",
        True,
    ),
    # --- B5. An invisible character the source itself uses (VS16 of an emoji) is
    #     allowed in a bracket, and splits 'not' for the detector.
    (
        "B5 '[did n<U+FE0F>ot approve]' when the source has an emoji",
        "changed",
        "The Freedonian council approved the treaty with Sylvania \u2764\ufe0f, the Herald wrote.",
        "The Freedonian council [did n\ufe0fot approve] the treaty with Sylvania",
        True,
    ),
    (
        "B5b '[u<U+FE0F>n]fair' when the source has an emoji",
        "changed",
        "The Freedonian council called the treaty fair \u2714\ufe0f to Sylvania.",
        "The Freedonian council called the treaty [u\ufe0fn]fair",
        True,
    ),
    (
        "B5c Cyrillic o in '[did n\u043et approve]' when the source has Cyrillic",
        "changed",
        "Sylvania approved the treaty, wrote \u0413\u043e\u043b\u043e\u0441 "
        "\u0421\u0438\u043b\u044c\u0432\u0430\u043d\u0438\u0438 on Monday.",
        "Sylvania [did n\u043et approve] the treaty",
        True,
    ),
    # --- B6. Governing negation missed: the sentence is cut at an abbreviation's or an
    #     ellipsis's period, or the negation is more than eight words back.
    (
        "B6 'did not, as the U.S. had hoped, | sign[ed]'",
        "changed",
        "Sylvania did not, as the U.S. had hoped, sign the treaty with Freedonia.",
        "sign[ed] the treaty with Freedonia",
        True,
    ),
    (
        "B6b 'did not, according to Gen. Vance, | approve[d]'",
        "changed",
        "The Freedonian council did not, according to Gen. Vance, approve the treaty.",
        "approve[d] the treaty",
        True,
    ),
    (
        "B6c source's own omission 'did not \u2026 | approve[d]'",
        "changed",
        "The minister said the council did not \u2026 approve the treaty with Sylvania.",
        "approve[d] the treaty with Sylvania",
        True,
    ),
    (
        "B6d 'did not, <9 words>, | approve[d]'",
        "changed",
        "The Freedonian council did not, despite weeks of pressure from Freedonia and its "
        "allies, approve the treaty.",
        "approve[d] the treaty",
        True,
    ),
    # --- B7. Omission across a paragraph break whose blank line holds an invisible
    #     character missing from anchor._BLANK (A8 variants).
    (
        "B7 blank line holding U+061C (Arabic letter mark, Cf)",
        "changed",
        "Sylvania will attack Freedonia if provoked.\n\u061c\n"
        "Officials say the talks with its allies went well.",
        "Sylvania will attack \u2026 its allies",
        True,
    ),
    (
        "B7b blank line holding U+FFF9 (interlinear annotation anchor, Cf)",
        "changed",
        "Sylvania will attack Freedonia if provoked.\n\ufff9\n"
        "Officials say the talks with its allies went well.",
        "Sylvania will attack \u2026 its allies",
        True,
    ),
    (
        "B7c blank line holding U+E0100 (variation selector 17)",
        "changed",
        "Sylvania will attack Freedonia if provoked.\n\U000e0100\n"
        "Officials say the talks with its allies went well.",
        "Sylvania will attack \u2026 its allies",
        True,
    ),
    (
        "B7d blank line holding U+1D173 (musical symbol begin beam, Cf)",
        "changed",
        "Sylvania will attack Freedonia if provoked.\n\U0001d173\n"
        "Officials say the talks with its allies went well.",
        "Sylvania will attack \u2026 its allies",
        True,
    ),
    # --- B8. Source-side spelling of 'not' the detector cannot read (A7 variants).
    (
        "B8 source 'n<CGJ>ot' dropped by '[attacked]'",
        "changed",
        "Sylvania did n\u034fot attack Freedonia last spring.",
        "Sylvania [attacked] Freedonia last spring",
        True,
    ),
    (
        "B8b source 'n\u043et' (Cyrillic o) dropped by '[attacked]'",
        "changed",
        "Sylvania did n\u043et attack Freedonia last spring.",
        "Sylvania [attacked] Freedonia last spring",
        True,
    ),
    # --- B9. Cut inside a number or word at a separator the boundary rules miss.
    #     No pin needed: these pass as verbatim quotes.
    (
        "B9 '5 percent' from '1\u00b75 percent' (middle-dot decimal)",
        "changed",
        "Sylvania's economy grew by 1\u00b75 percent last year.",
        "5 percent last year",
        False,
    ),
    (
        "B9b '500 soldiers' from '2 500 soldiers' (space as thousands separator)",
        "changed",
        "Sylvania lost 2 500 soldiers in the assault on Freedonia.",
        "500 soldiers in the assault on Freedonia",
        False,
    ),
    (
        "B9c '10 of Sylvanian tanks work' from '1/10 of ...'",
        "changed",
        "Only 1/10 of Sylvanian tanks work, the Freedonian report says.",
        "10 of Sylvanian tanks work",
        False,
    ),
    (
        "B9d '5 percent' from '.5 percent'",
        "changed",
        "Freedonian rates rose .5 percent in May.",
        "5 percent in May",
        False,
    ),
    (
        "B9e '40 degrees' from '\u02d740 degrees' (U+02D7 modifier minus)",
        "changed",
        "The temperature in the Sylvanian capital fell to \u02d740 degrees overnight.",
        "40 degrees overnight",
        False,
    ),
    (
        "B9f 'Sylvania can' from 'can\u275ct' (U+275C apostrophe ornament)",
        "changed",
        "Sylvania can\u275ct win the war against Freedonia.",
        "Sylvania can",
        False,
    ),
    (
        "B9g 'Sylvania can' from 'can\uff40t' (U+FF40 fullwidth grave)",
        "changed",
        "Sylvania can\uff40t win the war against Freedonia.",
        "Sylvania can",
        False,
    ),
    (
        "B9h 'binding' from 'non\u058abinding' (U+058A Armenian hyphen)",
        "changed",
        "Freedonia adopted a non\u058abinding resolution on Sylvania.",
        "binding resolution on Sylvania",
        False,
    ),
    (
        "B9i 'binding' from 'non\ufe58binding' (U+FE58, a dash normalise folds to '-')",
        "changed",
        "Freedonia adopted a non\ufe58binding resolution on Sylvania.",
        "binding resolution on Sylvania",
        False,
    ),
    # --- B10. Word lists: opposites the detector does not know (lower severity; the
    #      docs promise "words such as" and "a prefix", these are of the same kind).
    (
        "B10 '[always]' for 'seldom' (hardly/scarcely/barely are listed)",
        "changed",
        "Sylvania seldom honours its treaties with Freedonia.",
        "Sylvania [always] honours its treaties with Freedonia",
        True,
    ),
    (
        "B10b '[ab]normal'",
        "changed",
        "Freedonia called the Sylvanian election normal.",
        "Freedonia called the Sylvanian election [ab]normal",
        True,
    ),
    (
        "B10c '[dys]functional'",
        "changed",
        "Freedonia called the Sylvanian state functional.",
        "Freedonia called the Sylvanian state [dys]functional",
        True,
    ),
    (
        "B10d '[illegally held]' for 'legal' (inflection defeats the prefix check)",
        "changed",
        "Freedonia said the Sylvanian vote was legal.",
        "Freedonia said the Sylvanian vote was [illegally held]",
        True,
    ),
    (
        "B10e 'was unwilling to | sign[ed]' (governing word not listed)",
        "changed",
        "Sylvania was unwilling to sign the treaty with Freedonia.",
        "sign[ed] the treaty with Freedonia",
        True,
    ),
    # --- B11. Beyond the letter of the promise: an omission that moves a kept negation
    #      onto other words ("but" dropped). No negating word is added or dropped.
    (
        "B11 'will not attack \u2026 Lakonia' drops ', but it will attack'",
        "changed (scope, not promised)",
        "Sylvania will not attack Freedonia, but it will attack Lakonia.",
        "Sylvania will not attack \u2026 Lakonia",
        True,
    ),
]


@pytest.mark.parametrize(
    ("source", "quote", "pinned"),
    [
        pytest.param(source, quote, pinned, id=label)
        for label, _, source, quote, pinned in CASES + SECOND_ROUND
    ],
)
def test_a_reviewed_bypass_fails(source: str, quote: str, pinned: bool) -> None:
    pin = pin_for(source, quote) if pinned else None
    claim = Claim("x1", "s", "a", quote, "direct", [], "x", review_pin=pin)
    finding = claim_finding(Document(source), claim, 0)
    assert finding.verdict not in ("ok", "moved", "typography"), finding.message
