"""The writers of machine formats: one record per line, whatever its text."""

from __future__ import annotations

import io
import json
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from dprktrack.output.writers import write_jsonl


@example([{"quote": "a\u2028b\u2029c\x85d\r\ne\x0bf\x1cg\x00h\x1b[31m"}])
@given(
    st.lists(
        st.dictionaries(
            st.text(max_size=5),
            st.none() | st.integers() | st.text() | st.lists(st.text(), max_size=3),
            max_size=4,
        ),
        max_size=5,
    )
)
def test_jsonl_keeps_every_record_on_one_line_whatever_its_text(
    records: list[dict[str, Any]],
) -> None:
    out = io.StringIO()
    write_jsonl(records, out)
    lines = out.getvalue().splitlines()  # splits on U+2028, NEL and the rest too
    assert [json.loads(line) for line in lines] == records
    assert out.getvalue().count("\n") == len(records)
