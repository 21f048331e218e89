"""derived.py is what the models say, regenerated: a stale copy fails here as in CI."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from typing import Annotated, Any, get_args

import pytest
from cogapp import Cog
from pydantic import AfterValidator, BaseModel, Field, field_validator
from support import REPO

from dprktrack.schema import derive, derived
from dprktrack.schema import models as model

DERIVED = REPO / "dprktrack" / "schema" / "derived.py"


def test_the_generated_module_is_up_to_date_with_the_models(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = Cog().main(["cog", "--check", str(DERIVED)])
    assert status == 0, (
        "dprktrack/schema/derived.py is out of date with the models; regenerate it from the"
        " repository root with: cog -r dprktrack/schema/derived.py\n" + capsys.readouterr().out
    )


def test_the_generated_block_is_a_fresh_generation() -> None:
    text = DERIVED.read_text("utf-8")
    block = text.split("# ]]]\n", 1)[1].split("# [[[end]]]", 1)[0]
    assert block == derive.derived_text()


def test_every_model_has_a_shape_and_every_record_a_model() -> None:
    names = [found.__name__ for found in derive.record_models()]
    assert list(derived.SHAPES) == names
    for name in names[1:]:
        record = getattr(derived, name)
        assert set(record._fields) == set(getattr(model, name).model_fields), name


def test_the_word_lists_are_the_models_literals() -> None:
    assert get_args(model.Stance) == derived.STANCES
    assert get_args(model.QuoteType) == derived.QUOTE_TYPES
    assert get_args(model.ActorKind) == derived.ACTOR_KINDS


def test_a_field_of_a_type_with_no_quick_rule_stops_the_generation() -> None:
    with pytest.raises(TypeError, match=r"'ratio' has a type with no quick rule.*VALUE_RULES"):
        derive._value_rule("ratio", float)


def test_a_union_other_than_optional_stops_the_generation() -> None:
    with pytest.raises(TypeError, match=r"a union other than `X \| None`"):
        derive._part(int | str)


def test_a_new_optional_text_field_is_derived_as_an_optional_text() -> None:
    """What adding `note: Text | None = None` to a model gives the fast path."""

    class Noted(BaseModel):
        note: model.Text | None = None

    hint = derive._hints(Noted)["note"]
    rule = derive._field_rule("note", hint, Noted.model_fields["note"])
    assert rule == 'FieldRule("note", "text", nullable=True)'
    assert derive._python_type(hint) == "str | None"


@pytest.mark.parametrize("given", ["2024-04-24", date(2024, 4, 24)])
def test_a_date_record_field_takes_the_files_text_or_the_models_date(given: Any) -> None:
    assert derived.as_date(given) == date(2024, 4, 24)
    assert derived.as_date_or_none(None) is None


def test_the_fast_path_loads_the_bundled_claims_without_pydantic() -> None:
    script = (
        "import sys\n"
        "from dprktrack.claimsfile.find import bundled_claims_path\n"
        "from dprktrack.claimsfile.load import load_catalog\n"
        "from dprktrack.schema import records, vocabulary\n"
        "load_catalog(bundled_claims_path())\n"
        "print(sorted(name for name in sys.modules if name.startswith(('pydantic', 'cogapp'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout == "[]\n"


def _field_of(model_class: type[BaseModel], name: str) -> tuple[Any, Any]:
    hints = derive._hints(model_class)
    return hints[name], model_class.model_fields[name]


def test_a_limit_given_on_the_field_itself_stops_the_generation() -> None:
    """`summary: Text = Field(max_length=300)` must not pass unseen: the quick check would
    say yes to a 400-character summary that the models refuse."""

    class Capped(BaseModel):
        summary: model.Text = Field(max_length=300)

    class Nullable(BaseModel):
        role: model.Text | None = Field(default=None, max_length=5)

    class Checked(BaseModel):
        quote: model.QuoteText = Field(json_schema_extra={"x": 1})
        label: Annotated[model.Text, AfterValidator(str.strip)]

    for model_class, name in ((Capped, "summary"), (Nullable, "role"), (Checked, "label")):
        hint, info = _field_of(model_class, name)
        with pytest.raises(TypeError, match=rf"'{name}' (adds .* to its type|has a type with no)"):
            derive._field_rule(name, hint, info)
    hint, info = _field_of(Checked, "quote")  # what only editors see is no rule
    assert derive._field_rule("quote", hint, info) == 'FieldRule("quote", "quote")'


def test_a_list_may_say_how_few_items_it_takes() -> None:
    hint, info = _field_of(model.Claim, "stances")
    assert "min_items=1" in derive._field_rule("stances", hint, info)


def test_a_field_validator_stops_the_generation() -> None:
    class Validated(BaseModel):
        quote: model.QuoteText

        @field_validator("quote")
        @classmethod
        def _no_negation(cls, value: str) -> str:
            return value

    with pytest.raises(TypeError, match=r"field validators \['_no_negation'\]"):
        derive._shape_lines(Validated)
