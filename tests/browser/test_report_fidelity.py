"""The report in a browser shows the source as it is: C1 controls read back as themselves,
and a hostile value's bidi override cannot reorder the values after it on its line."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from browsing import Opener, write_report

TEXT = "Quay notes\n\nThe pilot said: “the tide t\x80urns at f\x85ive tonight.” The ferry waits.\n"
QUOTE = "the tide t\x80urns at f\x85ive tonight"


def quay_file(folder: Path, author: str) -> Path:
    """A fictional source by `author` with one claim whose quote holds C1 controls."""
    (folder / "quay.txt").write_text(TEXT, "utf-8")
    data = {
        "sources": [
            {"id": "quay", "path": "quay.txt", "title": "Quay notes", "author": author,
             "outlet": "Quay Gazette", "published": "2024-05-02",
             "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest()},
        ],
        "actors": [{"id": "pilot", "name": "Pat Pilot", "kind": "person", "aliases": [],
                    "members": []}],
        "targets": [{"id": "tide", "label": "The tide", "description": "tide"}],
        "claims": [
            {"id": "q001", "source": "quay", "actor": "pilot", "quote": QUOTE,
             "quote_type": "direct", "summary": "the tide turns",
             "stances": [{"target": "tide", "stance": "neutral"}]},
        ],
    }  # fmt: skip
    path = folder / "claims.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


MARKS_JS = """() => [...document.querySelectorAll('mark[data-claims~="q001"]')]
  .map(mark => mark.textContent).join('')"""

META_BOXES_JS = """() => {
  const meta = document.querySelector('section.source p.meta');
  const walker = document.createTreeWalker(meta, NodeFilter.SHOW_TEXT);
  const boxes = {};
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of ['Mallory', 'Quay', 'Gazette', '2024-', '-05-', '-02', 'claim']) {
      const at = node.data.indexOf(word);
      if (at < 0 || word in boxes) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      boxes[word] = range.getBoundingClientRect().x;
    }
  }
  return boxes;
}"""


def test_c1_controls_in_a_quote_are_highlighted_as_the_source_has_them(
    open_report: Opener, tmp_path: Path
) -> None:
    page = write_report(quay_file(tmp_path, "A. Clerk"), tmp_path / "report.html")
    visit = open_report(page)
    assert visit.page.evaluate(MARKS_JS) == QUOTE
    assert "\x80" in QUOTE
    assert "\x85" in QUOTE


@pytest.mark.parametrize(
    "author",
    ["Mallory \u202e", "Mallory \u2069\u202e", "Mallory \u202c\u2069\u2069\u202e\u2067"],
    ids=["open-override", "stray-pdi-then-override", "stray-closers-then-opens"],
)
def test_an_authors_open_override_leaves_the_rest_of_the_line_in_order(
    open_report: Opener, tmp_path: Path, author: str
) -> None:
    """`Mallory U+202E` as author: the outlet, the date and the claim count after it still
    read left to right, each after the one before it; a stray PDI before the override (which
    would end the author's isolate early) is dropped, so it cannot either."""
    page = write_report(quay_file(tmp_path, author), tmp_path / "report.html")
    boxes = open_report(page).page.evaluate(META_BOXES_JS)
    order = ["Quay", "Gazette", "2024-", "-05-", "-02", "claim"]
    assert [boxes[word] for word in order] == sorted(boxes[word] for word in order), boxes
