"""`check --format junit`: a check run as JUnit XML, for GitLab's and Jenkins' test reports.

One test case per claim checked (and per source whose pin broke), named by its id, its
class the claim's source. A failure is a `<failure>` with the message and the word
diff; a warning passes, told in `<system-out>`. Every string from data goes through
`platforms.xml_text`, so a hostile quote (NUL, control characters, lone surrogates,
`]]>`) still gives well-formed XML. Standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree import ElementTree

from dprktrack.check.platforms import log_inert_xml, relative_path, remaining, xml_text

SUITE = "dprktrack check"


def junit_xml(
    name: str, records: Sequence[Mapping[str, Any]], totals: Mapping[str, Any], *, ascii_only: bool
) -> str:
    """The JUnit XML document of one check of the claims file `name`, every record a test
    case; `ascii_only` writes other characters as character references."""
    path = relative_path(name)
    cases = [_case(path, record, totals) for record in records]
    failures = sum(1 for case in cases if case.find("failure") is not None)
    skipped = sum(1 for case in cases if case.find("skipped") is not None)
    counts = {
        "tests": str(len(cases)),
        "failures": str(failures),
        "errors": "0",
        "skipped": str(skipped),
    }
    root = ElementTree.Element("testsuites", {"name": SUITE, **counts})
    suite = ElementTree.SubElement(root, "testsuite", {"name": xml_text(path), **counts})
    suite.extend(cases)
    ElementTree.indent(root)
    document = ElementTree.tostring(root, encoding="unicode")
    if ascii_only:
        document = document.encode("ascii", "xmlcharrefreplace").decode("ascii")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{log_inert_xml(document)}\n'


def _case(path: str, record: Mapping[str, Any], totals: Mapping[str, Any]) -> ElementTree.Element:
    """One test case: passed, passed with a warning in system-out, or failed."""
    attributes = {
        "name": xml_text(record["id"]),
        "classname": xml_text(record["source"]),
        "file": xml_text(path),
        "line": str(record["line"]),
    }
    case = ElementTree.Element("testcase", attributes)
    severity = remaining(record, totals)
    told = f"{record['verdict']}: {record['message']}"
    if record["fixed"]:
        told += " (--fix would repair it)" if totals["dry_run"] else " (fixed by --fix)"
    details = told + (f"\n{record['diff']}" if record["diff"] else "")
    if severity == "failure":
        failure = ElementTree.SubElement(
            case, "failure", {"message": xml_text(told), "type": xml_text(record["verdict"])}
        )
        failure.text = xml_text(_with_quote(details, record))
    elif severity == "ignored":
        reason = f"ignored: {record['ignore_reason']}"
        skipped = ElementTree.SubElement(case, "skipped", {"message": xml_text(reason)})
        skipped.text = xml_text(details)
    elif severity == "warning" or record["fixed"]:
        ElementTree.SubElement(case, "system-out").text = xml_text(details)
    return case


def _with_quote(details: str, record: Mapping[str, Any]) -> str:
    """The failure's text: what was found, then the claim's quote and the source's passage."""
    lines = [details]
    if record["expected"] is not None:
        lines.append(f"quote:  {record['expected']}")
    if record["found"] is not None and record["found"] != record["expected"]:
        lines.append(f"source: {record['found']}")
    return "\n".join(lines)
