"""The API's JSON parser: escaped or raw, a NUL is refused and bidi controls are stripped;
plain ASCII bodies skip the walk and come back as parsed."""

import io
import json

import pytest

from workflows.errors import InvalidInput
from workflows.parsers import JSONParser
from workflows.text import MAX_DEPTH


def parse(text: str):
    return JSONParser().parse(io.BytesIO(text.encode()))


@pytest.mark.parametrize("ascii_only", [True, False], ids=["escaped", "raw"])
def test_bidi_controls_are_stripped_whether_escaped_or_not(ascii_only):
    text = json.dumps({"na\u202ezwa": ["a\u2066b", {"c": "\u200fd"}]}, ensure_ascii=ascii_only)
    assert parse(text) == {"nazwa": ["ab", {"c": "d"}]}


@pytest.mark.parametrize("body", [{"a": "x\x00"}, {"a\x00": 1}, {"a": [{"b": "\x00"}]}])
def test_an_escaped_nul_is_refused(body):
    with pytest.raises(InvalidInput):
        parse(json.dumps(body))


def test_a_plain_body_comes_back_as_parsed_and_nesting_is_still_bounded():
    ballot = {"identification": {"pesel": "02070803628"}, "pools": [{"pool": 1, "choices": []}]}
    assert parse(json.dumps(ballot)) == ballot
    deep = "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2)
    with pytest.raises(InvalidInput):
        parse(deep)
    exactly = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert parse(exactly)
