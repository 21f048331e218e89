"""Markup and script in every field of a claims file add no element to the page.

Each field of a fictional source, actor, target and claim carries the hostile value;
the page parsed back has exactly the elements it has with harmless values, and the
hostile text reads back as text.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from htmlparts import Page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dprktrack.claimsfile.load import load_catalog
from dprktrack.report.markup import safe_url
from dprktrack.report.page import report_html

BREAKOUTS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea></title></style></script><b>x</b>",
    "<!-- x --><![CDATA[ y ]]>",
    "&lt;i&gt;entity&amp;",
    "\u2028\u2029 </mark> <mark>",
    "\x1b[2J \u202eevil\u202c \u2066iso\u2069 \x07 \x7f",
)
HARMLESS = "Plain words here"


def fictional_file(folder: Path, value: str) -> Path:
    """A claims file about a made-up port, with `value` in every free-text field and in the
    quoted passage itself."""
    quote = f"we will open the port {value} on Monday"
    text = f"Port news {value}\n\nThe mayor said: “{quote}.” Nobody objected.\n"
    (folder / "port.txt").write_text(text, "utf-8")
    data: dict[str, Any] = {
        "sources": [
            {
                "id": "port-news", "path": "port.txt", "title": value, "author": value,
                "outlet": value, "published": "2024-05-02",
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            }
        ],
        "actors": [
            {"id": "mayor", "name": f"Mayor {value}", "kind": "person", "role": value,
             "aliases": [value], "members": []},
            {"id": "desk", "name": f"Desk {value}", "kind": "media", "aliases": [],
             "members": []},
        ],
        "targets": [{"id": "port", "label": value, "description": value}],
        "claims": [
            {"id": "p001", "source": "port-news", "actor": "mayor", "quote": quote,
             "quote_type": "direct", "stances": [{"target": "port", "stance": "support"}],
             "summary": value, "reported_via": "desk"},
        ],
    }  # fmt: skip
    path = folder / "claims.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def without_controls(text: str) -> str:
    """Python's parser drops the controls a browser keeps from character references."""
    return re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", text)


def page_for(folder: Path, value: str) -> tuple[Page, str]:
    folder.mkdir(parents=True, exist_ok=True)
    html = report_html(load_catalog(fictional_file(folder, value)))
    return Page(html), html


@pytest.mark.parametrize("value", BREAKOUTS)
def test_a_hostile_value_adds_no_element_and_reads_back_as_text(tmp_path: Path, value: str) -> None:
    plain, _ = page_for(tmp_path / "plain", HARMLESS)
    hostile, html = page_for(tmp_path / "hostile", value)
    assert hostile.tags() == plain.tags()
    expected = f"we will open the port {value} on Monday"
    assert without_controls(hostile.highlighted("p001")) == without_controls(expected)
    assert "<script>alert" not in html
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028]", html)
    assert "onerror=alert(1)>" not in html


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(
        st.sampled_from(list("<>&\"'/=!-[] ;:abcé\u2028")),
        min_size=1,
        max_size=30,
    ).filter(lambda v: v.strip() and "\n" not in v)
)
def test_any_value_of_markup_characters_adds_no_element(tmp_path: Path, value: str) -> None:
    folder = tmp_path / hashlib.sha256(value.encode()).hexdigest()[:12]
    plain, _ = page_for(folder / "plain", HARMLESS)
    hostile, _ = page_for(folder / "hostile", value)
    assert hostile.tags() == plain.tags()


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a?b=c#d", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("file:///etc/passwd", False),
        ('https://example.org/"><script>', False),
        ("//example.org/x", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_and_https_addresses_become_links(url: str | None, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept
