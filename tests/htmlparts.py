"""Reading a report back with the standard library's html.parser, as the tests need it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)


class Page(HTMLParser):
    """Every element with its attributes; each mark's text; each inline script and style."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.marks: list[Element] = []
        self.scripts: list[Element] = []
        self.styles: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag in ("br", "meta", "input", "link", "img"):
            return
        self.open.append(element)
        {"mark": self.marks, "script": self.scripts, "style": self.styles}.get(tag, []).append(
            element
        )

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            if self.open.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self.open:
            if element.tag in ("mark", "script", "style"):
                element.text.append(data)

    def tags(self) -> Counter[str]:
        return Counter(element.tag for element in self.elements)

    def by_id(self, ident: str) -> list[Element]:
        return [element for element in self.elements if element.attrs.get("id") == ident]

    def highlighted(self, claim_id: str) -> str:
        """A claim's highlighted text: its marks' text joined in document order."""
        return "".join(
            "".join(mark.text)
            for mark in self.marks
            if claim_id in mark.attrs.get("data-claims", "").split()
        )
