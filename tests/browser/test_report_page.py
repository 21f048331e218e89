"""The HTML report (dprktrack/report/) as a browser renders it: highlights, filters, deep
links, keyboard, scripts off, several sources, failing claims, hostile data, screenshots.

Every expectation is computed from the claims file and the library (`query.select_claims`,
`query.claim_span`), never written in by hand; every page opened must stay quiet (no request
leaves it, no dialog, no console error: see conftest.py).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from browsing import DESKTOP, PHONE, Opener, Visit, write_report
from harbour import harbour_repo
from playwright.sync_api import Error as PlaywrightError
from support import CATALOG, DATA

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.claimsfile.load import load_catalog
from dprktrack.query import ClaimFilter, claim_span, fold, select_claims

# --- reading the page --------------------------------------------------------------------

HIGHLIGHTS_JS = """() => {
  const joined = Object.create(null);
  for (const mark of document.querySelectorAll('mark[data-claims]')) {
    for (const id of mark.dataset.claims.split(/\\s+/).filter(Boolean)) {
      joined[id] = (joined[id] || '') + mark.textContent;
    }
  }
  return joined;
}"""

SHOWN_ROWS_JS = """() => [...document.querySelectorAll('#claims_table tr[data-claim]')]
  .filter(row => !row.hidden && row.getClientRects().length > 0)
  .map(row => row.dataset.claim)"""

TAGS_JS = """() => [...document.querySelectorAll('*')]
  .filter(element => !element.matches('a[href^="http"]')).map(element => element.localName)"""
"""Every element by tag name, but links out of the page (a source's address is linked only
when it is safe to: hostile pages have fewer); LINKS_OUT_JS holds those to the data."""

LINKS_OUT_JS = """() => [...document.querySelectorAll('a[href^="http"]')]
  .map(element => element.getAttribute('href'))"""

RISKY_JS = """() => [...document.querySelectorAll('*')].flatMap(element =>
  [...element.attributes]
    .filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))
    .map(a => `${element.localName} ${a.name}=${a.value}`))"""


def highlighted(visit: Visit) -> dict[str, str]:
    """Each claim's highlighted text: its segments joined in document order."""
    found: dict[str, str] = visit.page.evaluate(HIGHLIGHTS_JS)
    return found


def shown_rows(visit: Visit) -> list[str]:
    """The ids of the claims table's rows a reader sees."""
    rows: list[str] = visit.page.evaluate(SHOWN_ROWS_JS)
    return rows


def passages(catalog: Catalog) -> dict[str, str]:
    """Each placed claim's passage, where `dprktrack check` places it."""
    found = {}
    for claim in catalog.claims.values():
        text = catalog.source_text(claim.source)
        span = claim_span(text, claim)
        if span is not None:
            found[claim.id] = text[span.start : span.end]
    return found


def expected(**wanted: tuple[str, ...]) -> list[str]:
    """The claims `dprktrack list` gives for the same filters, in file order."""
    return [claim.id for claim in select_claims(CATALOG, ClaimFilter(**wanted))]


def settle(visit: Visit, ids: list[str]) -> None:
    """Wait for the shown rows to become `ids` (filtering may be deferred), then hold them
    to it and to the count."""
    with contextlib.suppress(PlaywrightError):  # the assertion below says what differs
        visit.page.wait_for_function(
            f"ids => JSON.stringify(({SHOWN_ROWS_JS})()) === JSON.stringify(ids)",
            arg=ids,
            timeout=3000,
        )
    assert shown_rows(visit) == ids
    count = visit.page.locator("output#claim_count").inner_text()
    assert re.search(r"\d+", count), count
    assert int(re.findall(r"\d+", count)[0]) == len(ids), count


def focused_id(visit: Visit) -> str:
    return str(visit.page.evaluate("() => document.activeElement && document.activeElement.id"))


def in_viewport(visit: Visit, selector: str) -> bool:
    box = visit.page.locator(selector).bounding_box()
    size = visit.page.viewport_size
    assert box is not None
    assert size is not None
    return box["y"] + box["height"] > 0 and box["y"] < size["height"]


# --- highlights --------------------------------------------------------------------------


def test_every_placed_claim_is_highlighted_with_exactly_its_passage(
    open_report: Opener, bundled_report: Path
) -> None:
    visit = open_report(bundled_report)
    wanted = passages(CATALOG)
    assert wanted, "the bundled claims place nothing?"
    assert highlighted(visit) == wanted
    verbatim = {
        c["id"]: c["quote"]
        for c in DATA["claims"]
        if c["quote"] in CATALOG.source_text(c["source"])
    }
    assert {i: wanted[i] for i in verbatim} == verbatim
    first_segments = visit.page.evaluate(  # each claim's #q_… is its first segment
        "ids => ids.filter(id => document.getElementById('q_' + id) !== null && "
        "document.getElementById('q_' + id) === "
        'document.querySelector(`mark[data-claims~="${CSS.escape(id)}"]`))',
        list(wanted),
    )
    assert first_segments == list(wanted)
    visit.assert_quiet()


# --- filters -----------------------------------------------------------------------------


def _most_common(values: list[str]) -> str:
    return max(sorted(set(values)), key=values.count)


ACTOR = _most_common([c["actor"] for c in DATA["claims"]])
TARGET = _most_common([s["target"] for c in DATA["claims"] for s in c["stances"]])
STANCE = _most_common([s["stance"] for c in DATA["claims"] for s in c["stances"]])
QUOTE_TYPE = _most_common([c["quote_type"] for c in DATA["claims"]])


def _quote_only_word() -> str:
    """A word of some quotes that no name, label, role or title holds: the free-text search
    (over whatever a row shows) and `list --grep` (over quotes and summaries) agree on it."""
    elsewhere = fold(
        json.dumps([DATA["sources"], DATA["actors"], DATA["targets"]], ensure_ascii=False)
        + " support oppose neutral mixed direct indirect statement act"
    ).split()
    quoted = [set(fold(c["quote"] + " " + c["summary"]).split()) for c in DATA["claims"]]
    counts = {
        word: sum(word in words for words in quoted)
        for words in quoted
        for word in words
        if len(word) >= 7 and not any(word in other for other in elsewhere)
    }
    usable = [w for w, n in counts.items() if 2 <= n <= len(quoted) // 2]
    return min(usable, key=lambda word: (-counts[word], word))


WORD = _quote_only_word()


UNIQUE_IDS_JS = """() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  return ids.filter((id, index) => ids.indexOf(id) !== index); }"""


def test_no_filter_shows_every_claim(open_report: Opener, bundled_report: Path) -> None:
    visit = open_report(bundled_report)
    settle(visit, expected())
    assert visit.page.evaluate(UNIQUE_IDS_JS) == [], "ids shared by two elements"
    visit.assert_quiet()


@pytest.mark.parametrize(
    ("choices", "wanted"),
    [
        ({"#filter_actor": ACTOR}, {"actors": (ACTOR,)}),
        ({"#filter_target": TARGET}, {"targets": (TARGET,)}),
        ({"#filter_stance": STANCE}, {"stances": (STANCE,)}),
        ({"#filter_quote-type": QUOTE_TYPE}, {"quote_types": (QUOTE_TYPE,)}),
        ({"#filter_source": DATA["sources"][0]["id"]}, {"sources": (DATA["sources"][0]["id"],)}),
        (
            {"#filter_target": TARGET, "#filter_stance": STANCE},
            {"targets": (TARGET,), "stances": (STANCE,)},
        ),
        (
            {"#filter_actor": ACTOR, "#filter_quote-type": QUOTE_TYPE},
            {"actors": (ACTOR,), "quote_types": (QUOTE_TYPE,)},
        ),
    ],
    ids=["actor", "target", "stance", "quote-type", "source", "target+stance", "actor+type"],
)
def test_filters_show_exactly_the_matching_claims(
    open_report: Opener,
    bundled_report: Path,
    choices: dict[str, str],
    wanted: dict[str, tuple[str, ...]],
) -> None:
    visit = open_report(bundled_report)
    for selector, value in choices.items():
        visit.page.select_option(selector, value)
    settle(visit, expected(**wanted))
    for selector in choices:
        visit.page.select_option(selector, "")
    settle(visit, expected())
    visit.assert_quiet()


def test_free_text_filters_quotes_and_summaries(open_report: Opener, bundled_report: Path) -> None:
    visit = open_report(bundled_report)
    visit.page.fill("#filter_text", WORD)
    settle(visit, expected(greps=(WORD,)))
    visit.page.select_option("#filter_stance", STANCE)
    settle(visit, expected(greps=(WORD,), stances=(STANCE,)))
    visit.page.fill("#filter_text", "no claim says this 9f8e7d")
    settle(visit, [])
    visit.assert_quiet()


def test_free_text_finds_an_actors_claims_by_name(
    open_report: Opener, bundled_report: Path
) -> None:
    name = next(actor["name"] for actor in DATA["actors"] if actor["id"] == ACTOR)
    visit = open_report(bundled_report)
    visit.page.fill("#filter_text", name)
    visit.page.wait_for_function("() => location.hash.startsWith('#filter?')")
    shown = set(shown_rows(visit))
    assert set(expected(actors=(ACTOR,))) <= shown
    assert set(expected(greps=(name,))) <= shown
    visit.assert_quiet()


def test_a_stance_grid_click_filters_by_actor_and_target(
    open_report: Opener, bundled_report: Path
) -> None:
    visit = open_report(bundled_report)
    cell = visit.page.locator(
        f'#stance_grid td[data-actor="{ACTOR}"][data-target="{TARGET}"] button'
    )
    assert cell.count() == 1
    cell.click()
    assert visit.page.input_value("#filter_actor") == ACTOR
    assert visit.page.input_value("#filter_target") == TARGET
    settle(visit, expected(actors=(ACTOR,), targets=(TARGET,)))
    visit.assert_quiet()


GRID_CLICKS_JS = f"""() => [...document.querySelectorAll('#stance_grid td[data-actor] button')]
  .map(button => {{
    button.click();
    const cell = button.closest('td');
    return [cell.dataset.actor, cell.dataset.target, button.textContent,
            ({SHOWN_ROWS_JS})(), document.getElementById('claim_count').textContent];
  }})"""
"""Each grid button clicked in turn: its pair, its text, the rows then shown and the count."""


def test_every_stance_grid_cell_counts_and_filters_its_pairs_claims(
    open_report: Opener, bundled_report: Path
) -> None:
    visit = open_report(bundled_report)
    clicks = visit.page.evaluate(GRID_CLICKS_JS)
    assert clicks
    for actor, target, label, shown, count in clicks:
        ids = expected(actors=(actor,), targets=(target,))
        assert shown == ids, (actor, target)
        assert re.findall(r"\d+", count)[0] == str(len(ids)), (actor, target, count)
        assert sum(map(int, re.findall(r"\d+", label))) >= len(ids), (actor, target, label)
    visit.assert_quiet()


# --- deep links --------------------------------------------------------------------------


@pytest.mark.parametrize("index", [0, len(DATA["claims"]) // 2, -1])
def test_a_claim_link_scrolls_to_and_focuses_its_row(
    open_report: Opener, bundled_report: Path, index: int
) -> None:
    claim_id = DATA["claims"][index]["id"]
    visit = open_report(bundled_report, f"#{claim_id}")
    visit.page.wait_for_function(f"() => document.activeElement.id === {json.dumps(claim_id)}")
    assert focused_id(visit) == claim_id
    assert in_viewport(visit, f"#{claim_id}")
    visit.assert_quiet()


def test_a_claim_link_followed_while_its_row_is_filtered_out_shows_it(
    open_report: Opener, bundled_report: Path
) -> None:
    hidden = next(c["id"] for c in DATA["claims"] if c["id"] not in expected(stances=(STANCE,)))
    visit = open_report(bundled_report, f"#filter?stance={STANCE}")
    settle(visit, expected(stances=(STANCE,)))
    visit.page.evaluate(f"() => {{ location.hash = {json.dumps('#' + hidden)}; }}")
    visit.page.wait_for_function(f"() => document.activeElement.id === {json.dumps(hidden)}")
    assert hidden in shown_rows(visit)
    assert in_viewport(visit, f"#{hidden}")
    visit.assert_quiet()


def test_a_filter_link_restores_the_filters(open_report: Opener, bundled_report: Path) -> None:
    link = f"#filter?actor={ACTOR}&stance={STANCE}&q={WORD}"
    visit = open_report(bundled_report, link)
    assert visit.page.input_value("#filter_actor") == ACTOR
    assert visit.page.input_value("#filter_stance") == STANCE
    assert visit.page.input_value("#filter_text") == WORD
    settle(visit, expected(actors=(ACTOR,), stances=(STANCE,), greps=(WORD,)))
    visit.assert_quiet()


def test_the_filters_write_a_link_that_brings_them_back(
    open_report: Opener, bundled_report: Path
) -> None:
    visit = open_report(bundled_report)
    visit.page.select_option("#filter_target", TARGET)
    visit.page.select_option("#filter_quote-type", QUOTE_TYPE)
    ids = expected(targets=(TARGET,), quote_types=(QUOTE_TYPE,))
    settle(visit, ids)
    fragment = visit.page.evaluate("() => location.hash")
    assert fragment.startswith("#filter?"), fragment
    again = open_report(bundled_report, fragment)
    settle(again, ids)
    assert again.page.input_value("#filter_target") == TARGET
    assert again.page.input_value("#filter_quote-type") == QUOTE_TYPE
    visit.assert_quiet()
    again.assert_quiet()


# --- keyboard ----------------------------------------------------------------------------

HIGHLIGHT_LINK_JS = """() => { const a = document.activeElement;
  const href = a && a.localName === 'a' && a.closest('section.source') && a.getAttribute('href');
  const row = href && href.startsWith('#') && document.getElementById(href.slice(1));
  return row && row.matches('#claims_table tr[data-claim]') ? row.id : null; }"""
"""The claim whose row the focused element links to, when it is a link in an article."""


def test_tab_reaches_the_filters_and_the_highlights(
    open_report: Opener, bundled_report: Path
) -> None:
    visit = open_report(bundled_report)
    reached: set[str] = set()
    link_target = None
    for _ in range(600):
        visit.page.keyboard.press("Tab")
        focused, link = visit.page.evaluate(
            f"() => [document.activeElement.id, ({HIGHLIGHT_LINK_JS})()]"
        )
        reached.add(focused)
        link_target = link_target or link
        if link_target and {"filter_actor", "filter_text"} <= reached:
            break
    assert {"filter_actor", "filter_target", "filter_stance", "filter_text"} <= reached
    assert link_target, "no highlight link reached by Tab"
    visit.assert_quiet()


def test_enter_on_a_highlight_link_moves_focus_to_its_row(
    open_report: Opener, bundled_report: Path
) -> None:
    visit = open_report(bundled_report)
    claim_id = next(iter(passages(CATALOG)))
    link = visit.page.locator(f"section.source a[href='#{claim_id}']").first
    link.focus()
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_function(f"() => document.activeElement.id === {json.dumps(claim_id)}")
    assert in_viewport(visit, f"#{claim_id}")
    row_link = visit.page.locator(f"#{claim_id} a[href='#q_{claim_id}']")
    assert row_link.count() == 1, "the row links back to its highlight"
    visit.assert_quiet()


def test_focus_on_a_highlight_link_shows_its_claims_facts(
    open_report: Opener, bundled_report: Path
) -> None:
    visit = open_report(bundled_report)
    claim = next(c for c in DATA["claims"] if c["id"] in passages(CATALOG))
    actor = next(a for a in DATA["actors"] if a["id"] == claim["actor"])
    link = visit.page.locator(f"section.source a[href='#{claim['id']}']").first
    link.focus()
    tip = link.locator("[role=tooltip]")
    box = tip.bounding_box()
    assert box is not None
    assert box["width"] > 50
    assert box["height"] > 10
    for fact in (actor["name"], claim["quote_type"], claim["summary"]):
        assert fact in tip.inner_text()
    visit.assert_quiet()


def test_printed_the_filter_controls_are_left_out_and_the_chosen_rows_stay(
    open_report: Opener, bundled_report: Path
) -> None:
    visit = open_report(bundled_report, f"#filter?stance={STANCE}")
    visit.page.emulate_media(media="print")
    assert not visit.page.locator("#filter_actor").is_visible()
    assert shown_rows(visit) == expected(stances=(STANCE,))  # what was chosen is what prints
    visit.assert_quiet()


# --- scripts off -------------------------------------------------------------------------


def test_with_scripts_off_the_article_and_the_table_are_there(
    open_report: Opener, bundled_report: Path
) -> None:
    visit = open_report(bundled_report, java_script_enabled=False)
    assert visit.page.evaluate("() => typeof window") == "object"  # evaluate still works
    assert highlighted(visit) == passages(CATALOG)
    assert shown_rows(visit) == [claim["id"] for claim in DATA["claims"]]
    for claim in DATA["claims"]:
        # text_content: rows far off screen are not laid out (content-visibility), so their
        # innerText is empty until scrolled near; their text is there all the same
        text = visit.page.locator(f"#{claim['id']}").text_content() or ""
        assert claim["summary"] in text or claim["quote"] in text, claim["id"]
    for mark in visit.page.locator("mark[data-claims]").all()[:5]:
        assert mark.is_visible()
    visit.assert_quiet()


# --- the check's verdicts, several sources -----------------------------------------------


def test_a_failing_claim_is_flagged_and_not_highlighted(
    open_report: Opener, repo_copy: Path
) -> None:
    data = json.loads(repo_copy.read_text("utf-8"))
    doctored = data["claims"][0]
    doctored["quote"] = "Russia promised to extend the mandate of the panel for ever."
    repo_copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    catalog = load_catalog(repo_copy)
    assert doctored["id"] not in passages(catalog), "the doctored quote must fail the check"
    visit = open_report(write_report(repo_copy, repo_copy.parent / "report.html"))
    row = visit.page.locator(f"#{doctored['id']}")
    assert "fails" in (row.get_attribute("class") or "").split()
    assert row.get_attribute("data-verdict") not in (None, "", "ok")
    assert visit.page.locator(f"#q_{doctored['id']}").count() == 0
    assert visit.page.locator(f"#{doctored['id']} a[href='#q_{doctored['id']}']").count() == 0
    assert highlighted(visit) == passages(catalog)
    failing = visit.page.evaluate(
        "() => [...document.querySelectorAll('#claims_table tr.fails')].map(r => r.id)"
    )
    assert failing == [doctored["id"]]
    visit.assert_quiet()


def test_several_sources_have_one_section_each_and_a_contents_entry(
    open_report: Opener, repo_copy: Path
) -> None:
    harbour_repo(repo_copy)
    catalog = load_catalog(repo_copy)
    visit = open_report(write_report(repo_copy, repo_copy.parent / "report.html"))
    sections = visit.page.evaluate(
        "() => [...document.querySelectorAll('section.source')].map(s => s.id)"
    )
    assert sorted(sections) == sorted(f"source_{source}" for source in catalog.sources)
    for source in catalog.sources:
        assert visit.page.locator(f"nav#page_toc a[href='#source_{source}']").count() == 1
        title = catalog.sources[source].title
        assert title in (visit.page.locator(f"#source_{source}").text_content() or "")
    assert highlighted(visit) == passages(catalog)
    for source in catalog.sources:
        visit.page.select_option("#filter_source", source)
        settle(visit, [c.id for c in select_claims(catalog, ClaimFilter(sources=(source,)))])
    visit.assert_quiet()


# --- the page's own policy ---------------------------------------------------------------


def test_the_content_security_policy_allows_only_the_pages_own_code(
    bundled_report: Path, open_report: Opener
) -> None:
    visit = open_report(bundled_report)
    policy = visit.page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert policy is not None
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    assert directives.get("default-src") == ["'none'"], policy
    assert "'unsafe-inline'" not in policy, policy
    assert "'unsafe-eval'" not in policy, policy
    for tag, directive in (("script", "script-src"), ("style", "style-src")):
        for body in visit.page.evaluate(
            f"() => [...document.querySelectorAll('{tag}')].map(e => e.textContent)"
        ):
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in directives.get(directive, []), f"an unhashed <{tag}>"
    fetching = "script[src], link[href], img, iframe, object, embed, video, audio"
    assert visit.page.locator(fetching).count() == 0
    visit.assert_quiet()


# --- hostile data ------------------------------------------------------------------------


def hostile(n: int) -> str:
    """Markup, script and attribute breakers for field n: each a way out of some context."""
    return (
        f"Field {n} <script>window.__pwned={n};alert({n})</script></script><!-- "
        f'<img src=x onerror="window.__pwned={n};alert({n})"> --> <svg onload=alert({n})>'
        f'<a href="javascript:window.__pwned={n}">go{n}</a>"\' onfocus=alert({n}) x="\''
        f"</textarea></title></style></noscript>]]>&lt;b&gt; &amp; ${{x}} {{{{x}}}} `{n}`"
    )


def harmless(n: int) -> str:
    return f"Field {n} plain words, nothing else at all"


def hostile_url(n: int) -> str:
    """A web address the schema accepts that tries to leave its attribute (n odd) or to run
    code where it is pasted (n even)."""
    if n % 2:
        return f'https://evil.example/{n}"><script>window.__pwned={n}</script>'
    return f"https://evil.example/{n}?javascript:alert({n})&x=%22%3E%3Cscript%3E#onload=alert(1)"


def harmless_url(n: int) -> str:
    return f"https://fine.example/{n}/plain"


STANCES = ("support", "oppose", "neutral", "mixed")


JS_NAMES = ("constructor", "prototype", "tostring", "c001")


def claims_file(folder: Path, text: Any, url: Any, ids: tuple[str, ...] = JS_NAMES) -> Path:
    """A claims file of one made-up source whose every text field (and the article itself,
    and so every quote) is `text(n)`, and its own name too; ids are slugs that name things in
    JavaScript."""
    folder.mkdir()
    paragraphs = [f"{text(1)} and {text(2)}", text(3), f"{text(4)}, said {text(5)}."]
    article = "\n\n".join(paragraphs) + "\n"
    (folder / "article.txt").write_text(article, "utf-8")
    sha = hashlib.sha256(article.encode("utf-8")).hexdigest()
    quotes = [text(2), text(3), f"{text(4)}, said", text(4)]
    claims = []
    for index, quote in enumerate(quotes):
        start = article.index(quote)
        claims.append({
            "id": ids[index],
            "source": "valueof", "actor": ["constructor", "hasownproperty"][index % 2],
            "quote": quote, "start": start, "end": start + len(quote),
            "quote_type": ["direct", "indirect", "mixed", "direct"][index], "kind": "statement",
            "stances": [{"target": "proto", "stance": STANCES[index]},
                        {"target": "length", "stance": "oppose"}],
            "summary": text(10 + index), "date": "2024-05-01",
        })  # fmt: skip
    data = {
        "sources": [{"id": "valueof", "path": "article.txt", "title": text(20), "author": text(21),
                     "outlet": text(22), "published": "2024-05-01", "sha256": sha, "url": url(23),
                     "archived_url": url(24), "language": "en"}],
        "actors": [
            {"id": "constructor", "name": text(30), "aliases": [text(31), text(32)],
             "kind": "person", "role": text(33), "country": text(34)},
            {"id": "hasownproperty", "name": text(35), "kind": "organization", "role": text(36)},
        ],
        "targets": [{"id": "proto", "label": text(40), "description": text(41)},
                    {"id": "length", "label": text(42), "description": text(43)}],
        "claims": claims,
    }  # fmt: skip
    path = folder / ("claims.json" if text is harmless else "<svg onload=alert(9)>\"c'.json")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    return path


EXERCISE_JS = """async () => {
  for (const element of document.querySelectorAll('mark, a, button, [tabindex]')) {
    element.focus();
    for (const type of ['mouseover', 'mouseenter', 'pointerover', 'focusin']) {
      element.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
  await new Promise(resolve => setTimeout(resolve, 50));
}"""


def exercise(visit: Visit) -> None:
    """Everything a reader can do: hover and focus each thing, try each filter, search."""
    page = visit.page
    page.evaluate(EXERCISE_JS)
    for name in ("actor", "target", "stance", "quote-type", "source"):
        options = page.eval_on_selector_all(
            f"#filter_{name} option", "options => options.map(o => o.value)"
        )
        for value in options:
            page.select_option(f"#filter_{name}", value)
        page.select_option(f"#filter_{name}", "")
    page.fill("#filter_text", hostile(99))
    page.fill("#filter_text", "")
    for button in page.locator("#stance_grid button").all():
        button.click()
    for mark in page.locator("mark[data-claims]").all():
        mark.hover()


def test_hostile_data_adds_no_element_and_runs_nothing(open_report: Opener, tmp_path: Path) -> None:
    bad = claims_file(tmp_path / "hostile", hostile, hostile_url)
    good = claims_file(tmp_path / "harmless", harmless, harmless_url)
    catalog = load_catalog(bad)
    pages = {}
    for name, path in (("hostile", bad), ("harmless", good)):
        visit = open_report(write_report(path, path.parent / "report.html"))
        tags_at_load = visit.page.evaluate(TAGS_JS)
        exercise(visit)
        pages[name] = (visit, tags_at_load, visit.page.evaluate(TAGS_JS))
    visit = pages["hostile"][0]
    assert pages["hostile"][1] == pages["harmless"][1], "markup in the data made elements"
    assert pages["hostile"][2] == pages["harmless"][2], "markup in the data made elements"
    assert visit.page.evaluate(RISKY_JS) == []
    assert set(visit.page.evaluate(LINKS_OUT_JS)) <= {hostile_url(23), hostile_url(24)}
    assert visit.page.evaluate("() => window.__pwned") is None
    assert highlighted(visit) == passages(catalog)
    page_text = visit.page.evaluate("() => document.body.textContent")
    for n in (20, 30, 40):  # the values are there, as text
        assert hostile(n) in page_text
    assert bad.name in page_text
    for name in pages:
        pages[name][0].assert_quiet()


def test_hostile_data_with_scripts_off_adds_no_element(open_report: Opener, tmp_path: Path) -> None:
    bad = claims_file(tmp_path / "hostile", hostile, hostile_url)
    good = claims_file(tmp_path / "harmless", harmless, harmless_url)
    tags = []
    for path, url in ((bad, hostile_url), (good, harmless_url)):
        visit = open_report(
            write_report(path, path.parent / "report.html"), java_script_enabled=False
        )
        tags.append(visit.page.evaluate(TAGS_JS))
        assert visit.page.evaluate(RISKY_JS) == []
        assert set(visit.page.evaluate(LINKS_OUT_JS)) <= {url(23), url(24)}
        visit.assert_quiet()
    assert tags[0] == tags[1]


PAGE_IDS = (
    ("claims", "toc", "filters", "filter-text"),
    ("claim-count", "q-c001", "source-valueof", "stance-grid"),
)
"""Slugs a claim may take that look like the page's own ids (which are no slugs: `claims_table`)."""


def test_claim_ids_that_the_page_uses_itself_break_nothing(
    open_report: Opener, tmp_path: Path
) -> None:
    path = claims_file(tmp_path / "names", harmless, harmless_url, ids=PAGE_IDS[0])
    catalog = load_catalog(path)
    visit = open_report(write_report(path, path.parent / "report.html"))
    assert highlighted(visit) == passages(catalog)
    visit.page.select_option("#filter_actor", "hasownproperty")
    settle(visit, [c.id for c in select_claims(catalog, ClaimFilter(actors=("hasownproperty",)))])
    visit.page.select_option("#filter_actor", "")
    settle(visit, list(catalog.claims))
    visit.assert_quiet()


@pytest.mark.parametrize("ids", PAGE_IDS)
def test_a_claim_link_reaches_a_claim_whose_id_the_page_uses(
    open_report: Opener, tmp_path: Path, ids: tuple[str, ...]
) -> None:
    path = claims_file(tmp_path / "names", harmless, harmless_url, ids=ids)
    report = write_report(path, path.parent / "report.html")
    for claim_id in ids:
        visit = open_report(report, f"#{claim_id}")
        assert visit.page.evaluate(UNIQUE_IDS_JS) == [], "ids shared by two elements"
        assert focused_id(visit) == claim_id
        assert visit.page.evaluate("() => document.activeElement.dataset.claim") == claim_id


# --- screenshots -------------------------------------------------------------------------


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_screenshots_for_a_person_to_look_at(
    open_report: Opener, bundled_report: Path, screenshot_dir: Path, repo_copy: Path, width: str
) -> None:
    viewport = {"desktop": DESKTOP, "phone": PHONE}[width]
    harbour_repo(repo_copy)
    several = write_report(repo_copy, repo_copy.parent / "report.html")
    for name, report, whole in (("bundled", bundled_report, True), ("sources", several, False)):
        visit = open_report(report, viewport=viewport)
        shot = screenshot_dir / f"{name}-{width}.jpeg"  # the bundled report's whole page; the
        visit.page.screenshot(path=shot, full_page=whole, type="jpeg", quality=80)  # other's top
        overflow = visit.page.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= viewport["width"], f"{name} scrolls sideways at {width} width"
        visit.assert_quiet()
    assert (screenshot_dir / f"bundled-{width}.jpeg").stat().st_size > 0
