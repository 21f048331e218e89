"""Why a claims file is refused: every problem the models, the cross-checks and the
parser find, said with its line:column and JSON path.

Loading goes through here only when the quick check of plain records says no (the
file is broken, or unusual in a way the models accept) or a key is repeated: the
usual file never imports pydantic.
"""

from __future__ import annotations

from typing import Any, NoReturn

from dprktrack.claimsfile.jsonparse import RepeatedKeys
from dprktrack.claimsfile.problems import (
    MAX_PROBLEMS_SHOWN,
    claim_id_at,
    format_problems,
    problem_from_pydantic,
)
from dprktrack.errors import DprkError, JsonPath, Problem
from dprktrack.schema.records import Records, records_of
from dprktrack.schema.rules import cross_reference_problems


def refuse_repeated_keys(name: str, raw: str, data: Any) -> NoReturn:
    """Refuse the file, naming every key given twice in one object."""
    raise DprkError(format_problems(name, raw, _repeated_key_problems(data)))


def _repeated_key_problems(data: Any) -> list[Problem]:
    """Every key named twice in one object: a merge slip that would silently lose a value."""
    problems = []
    pending: list[tuple[JsonPath, Any]] = [((), data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, RepeatedKeys):
            for key in value.repeated:
                message = (
                    f"the key {key!r} is given twice in this object; only the last would count"
                )
                problems.append(Problem((*path, key), message, claim_id_at(data, path)))
        if isinstance(value, dict):
            pending += [((*path, key), child) for key, child in value.items()]
        elif isinstance(value, list):
            pending += [((*path, index), child) for index, child in enumerate(value)]
    return problems


def records_by_the_models(name: str, raw: str, data: Any) -> Records:
    """Records by way of the pydantic models, or every problem they and the cross-checks
    find (the quick check said no: the file is broken, or unusual in a way they accept)."""
    models, problems, stopped = _validated(data)
    if len(problems) <= MAX_PROBLEMS_SHOWN:
        # One slip, one message: a value the schema refuses is not also reported as unknown.
        refused = {problem.path for problem in problems}
        problems += [p for p in cross_reference_problems(data) if p.path not in refused]
    if problems or models is None:
        lines = format_problems(name, raw, problems)
        if stopped:
            lines[-1] = f"{name}: … and more problems not shown; mend these first"
        raise DprkError(lines)
    dumped = {key: [model.model_dump() for model in value] for key, value in models.items()}
    return records_of(dumped)


_CHUNK = 1_000


def _list_of(record_type: type) -> Any:
    """`list[record_type]` for a type chosen at run time (a type checker takes it for a value)."""
    return list.__class_getitem__(record_type)


def _validated(data: Any) -> tuple[dict[str, list[Any]] | None, list[Problem], bool]:
    """The four lists of models, validated; or None, the problems and whether it stopped early.

    The document is validated with each list cut to its first chunk, then the rest
    chunk by chunk, stopping soon after MAX_PROBLEMS_SHOWN problems: a file of a
    million broken records costs a few chunks, not a million error reports.
    """
    from pydantic import TypeAdapter, ValidationError

    from dprktrack.schema import models as model

    sections = {
        "sources": model.Source,
        "actors": model.Actor,
        "targets": model.Target,
        "claims": model.Claim,
    }
    lists = {key: data.get(key) for key in sections} if isinstance(data, dict) else {}
    chunked = {key: value for key, value in lists.items() if isinstance(value, list)}
    head = {**data, **{key: value[:_CHUNK] for key, value in chunked.items()}} if lists else data
    problems: list[Problem] = []
    doc: model.ClaimsFile | None = None
    try:
        doc = model.ClaimsFile.model_validate(head)
    except ValidationError as err:
        problems = [problem_from_pydantic(error, data) for error in err.errors(include_url=False)]
    rest: dict[str, list[Any]] = {key: [] for key in sections}
    for key, value in chunked.items():
        adapter: TypeAdapter[list[Any]] = TypeAdapter(_list_of(sections[key]))
        for start in range(_CHUNK, len(value), _CHUNK):
            if len(problems) > MAX_PROBLEMS_SHOWN:
                return None, problems, True
            try:
                rest[key] += adapter.validate_python(value[start : start + _CHUNK])
            except ValidationError as err:
                for error in err.errors(include_url=False):
                    index, *inner = error["loc"]
                    error["loc"] = (key, start + int(index), *inner)
                    problems.append(problem_from_pydantic(error, data))
    if problems or doc is None:
        return None, problems, False
    return {key: [*getattr(doc, key), *rest[key]] for key in sections}, problems, False
