"""_core.check_line: a str goes to the core as it is (UTF-8, or UTF-16 with its lone surrogates),
and the core decides what the server would see (kestra.h, kestra_check_line_utf16)."""
from __future__ import annotations

from typing import Tuple

import pytest

from helpers import written
from kestra import Kestra, _core

TEXT, RECORDED, REJECTED, NEAR_MISS = 0, 1, 2, 3

# The note kestra.h promises on a recorded line holding one lone surrogate.
NOTE = "a lone surrogate (U+{:04X}) has no UTF-8 form: the server gets U+FFFD, as Node's stdout writes it"


def check(line: str) -> Tuple[int, str]:
    verdict, reason = _core.check_line(line)
    assert reason.isascii() and "\n" not in reason, reason
    return verdict, reason


def without(reason: str, note: str) -> str:
    """``reason`` with the note ``; NOTE`` taken out; it must be there exactly once."""
    assert reason.count("; " + note) == 1, reason
    return reason.replace("; " + note, "")


@pytest.mark.parametrize(
    "line",
    [
        '::{"outputs":{"a":"x\ud800y"}}::',  # a str of 2-byte code points: passed as its UTF-16 units
        '::{"outputs":{"\U0001f600":"x\ud800y"}}::',  # one with an astral character: encoded to UTF-16
    ],
)
def test_a_lone_surrogate_is_read_as_the_replacement_character(line: str) -> None:
    verdict, reason = check(line)
    replaced = check(line.replace("\ud800", "\ufffd"))
    assert verdict == RECORDED == replaced[0]
    assert without(reason, NOTE.format(0xD800)) == replaced[1]
    assert "invalid UTF-8" not in reason  # the binding hands over no bytes of its own making


def test_several_lone_surrogates_are_counted() -> None:
    verdict, reason = check('::{"outputs":{"\udc00":"\ud83dz"}}::')
    assert verdict == RECORDED
    note = ("2 lone surrogates (the first U+DC00) have no UTF-8 form: "
            "the server gets U+FFFD, as Node's stdout writes it")
    assert without(reason, note) == check('::{"outputs":{"\ufffd":"\ufffdz"}}::')[1]


def test_a_lone_surrogate_outside_a_string_is_rejected_as_its_replacement_would_be() -> None:
    verdict, reason = check('::{"outputs":\udc00{}}::')
    replaced_verdict, replaced_reason = check('::{"outputs":\ufffd{}}::')
    assert verdict == REJECTED == replaced_verdict
    assert reason == replaced_reason + " (after a lone surrogate (U+DC00) was replaced by U+FFFD)"


def test_text_and_near_misses_with_a_lone_surrogate_get_no_note() -> None:
    assert check('::{"outputs":{}}::\ud800') == check('::{"outputs":{}}::\ufffd')
    assert check('::{"outputs":{}}::\ud800')[0] == NEAR_MISS
    assert check("hello \udfff") == (TEXT, "not protocol data: logged as text")


def test_well_formed_text_has_no_surrogate_note() -> None:
    for value in ["\u00e9", "\U0001f600", "plain"]:
        line = '::{"outputs":{"a":"' + value + '"}}::'
        verdict, reason = check(line)
        assert verdict == RECORDED, reason
        assert "surrogate" not in reason and "U+FFFD" not in reason, reason


def test_surrogate_code_points_that_pair_read_as_the_record_calls_read_them() -> None:
    # A Python str may hold U+D83D U+DE00 as two code points; in UTF-16 they are one pair,
    # which the record calls write as the astral character: check_line reads it the same way.
    pair = "\ud83d\ude00"
    astral = "\U0001f600"
    assert written(lambda: Kestra.outputs({"e": pair})) == written(lambda: Kestra.outputs({"e": astral}))
    assert check('::{"outputs":{"e":"' + pair + '"}}::') == check('::{"outputs":{"e":"' + astral + '"}}::')
