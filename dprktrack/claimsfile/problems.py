"""Problems said to a curator: pydantic's errors in plain words, each at its line:column.

Every problem carries its JSON path; formatting places it in the file, so a curator
goes straight to `claims.json:LINE:COL` with the claim's id beside it.
"""

from __future__ import annotations

from typing import Any

from dprktrack.claimsfile.jsonpos import locate
from dprktrack.errors import JsonPath, Problem, format_json_path
from dprktrack.schema.rules import PATTERN_MESSAGES

MAX_PROBLEMS_SHOWN = 100


def problem_from_pydantic(error: Any, data: Any) -> Problem:
    """A pydantic error said to a curator: the JSON path, a plain message and what was given."""
    path: JsonPath = tuple(error["loc"])
    if not path and error["type"] == "model_type":
        return Problem(path, "must be a JSON object with sources, actors, targets and claims")
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "string_pattern_mismatch":
        message = PATTERN_MESSAGES.get(error["ctx"]["pattern"], message)
    given = error.get("input")
    if error["type"] not in ("missing", "extra_forbidden") and _is_scalar(given):
        shown = repr(given)
        message += f" (got {shown[:60] + '…' if len(shown) > 60 else shown})"
    return Problem(path, message, claim_id_at(data, path))


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def claim_id_at(data: Any, path: JsonPath) -> str | None:
    """The id of the claim a path points into, read from the raw data, when it has one."""
    if len(path) < 2 or path[0] != "claims" or not isinstance(path[1], int):
        return None
    try:
        claim_id = data["claims"][path[1]]["id"]
    except (KeyError, IndexError, TypeError):
        return None
    return claim_id if isinstance(claim_id, str) else None


def format_problems(name: str, raw: str, problems: list[Problem]) -> list[str]:
    """One line per problem, in file order: `FILE:LINE:COL: $.json.path (claim ID): message`."""
    positions = locate(raw, [problem.path for problem in problems])
    ordered = sorted(problems, key=lambda problem: positions.get(problem.path, (0, 0)))
    lines = []
    for problem in ordered[:MAX_PROBLEMS_SHOWN]:
        line, column = positions.get(problem.path, (1, 1))
        claim = f" (claim {problem.claim_id})" if problem.claim_id else ""
        lines.append(
            f"{name}:{line}:{column}: {format_json_path(problem.path)}{claim}: {problem.message}"
        )
    if len(ordered) > MAX_PROBLEMS_SHOWN:
        lines.append(f"{name}: … and {len(ordered) - MAX_PROBLEMS_SHOWN} more problems not shown")
    return lines
