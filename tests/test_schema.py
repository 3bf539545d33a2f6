"""The JSON Schema in resources/ and the validator agree on the pack corpus."""

from __future__ import annotations

import json
import tomllib

import jsonschema
import pytest
from hypothesis import given, settings

from quickreply.core.packs import check_pack, pack_to_dict
from quickreply.core.resources import resource
from tests.packs_corpus import Case, cases
from tests.test_packs import packs

SCHEMA = json.loads(resource("schema", "pack.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _schema_accepts(case: Case) -> bool:
    data = tomllib.loads(case.path.read_bytes().decode("utf-8-sig"))
    return not list(VALIDATOR.iter_errors(data))


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("case", cases("good") + cases("warn"), ids=lambda c: c.id)
def test_schema_accepts_what_the_validator_accepts(case: Case) -> None:
    assert check_pack(case.path).ok
    assert _schema_accepts(case)


@pytest.mark.parametrize(
    "case", [c for c in cases("bad") if c.schema == "reject"], ids=lambda c: c.id
)
def test_schema_rejects_what_the_validator_rejects(case: Case) -> None:
    assert not check_pack(case.path).ok
    assert not _schema_accepts(case)


@pytest.mark.parametrize("case", [c for c in cases("bad") if c.schema == "n/a"], ids=lambda c: c.id)
def test_checks_beyond_a_schema_are_the_validators(case: Case) -> None:
    # Duplicates, flow steps, regexes and placeholders need the validator; the
    # schema must not reject them for some other reason.
    assert not check_pack(case.path).ok
    try:
        accepted = _schema_accepts(case)
    except tomllib.TOMLDecodeError:
        return  # a TOML syntax error: no data for a schema to see
    assert accepted


@settings(max_examples=40, deadline=None)
@given(packs())
def test_schema_accepts_every_pack_the_writer_writes(pack) -> None:  # type: ignore[no-untyped-def]
    assert not list(VALIDATOR.iter_errors(pack_to_dict(pack)))
