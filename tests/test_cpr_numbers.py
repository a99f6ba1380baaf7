"""CPR numbers: checked by format and birth date (the century from the 7th digit, no modulus
11), and shown masked (010190-xxxx) unless whole is asked for."""

from __future__ import annotations

import datetime as dt

import pytest

from visitation_app.domain import validation as v
from visitation_app.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("010190-1234", "010190-1234"),
        ("0101901234", "010190-1234"),
        (" 010190 1234 ", "010190-1234"),
        ("01 01 90-12 34", "010190-1234"),
        ("010190\u20131234", "010190-1234"),  # an en dash, as a word processor writes it
        ("010190\u20111234", "010190-1234"),  # a non-breaking hyphen
        ("010190\u00a01234", "010190-1234"),  # a non-breaking space
        ("010190-1234\n", "010190-1234"),  # pasted with the line break after it
    ],
)
def test_a_cpr_number_may_be_typed_with_or_without_the_dash(typed, stored):
    assert v.cpr_number(typed) == stored


def test_modulus_11_is_not_required():
    # 4·0+3·1+2·0+7·1+6·9+5·0+4·1+3·2+2·3+1·4 = 84, and 84 is not divisible by 11: the old
    # check would refuse the number, but numbers issued since 2007 need not pass it.
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    assert sum(w * int(d) for w, d in zip(weights, "0101901234", strict=True)) % 11 != 0
    assert v.cpr_number("010190-1234") == "010190-1234"


@pytest.mark.parametrize(
    ("cpr", "born"),
    [
        # 7th digit 0-3: 1900-1999
        ("010100-0000", dt.date(1900, 1, 1)),
        ("311299-3999", dt.date(1999, 12, 31)),
        # 4 and 9: 2000-2036, else 1937-1999
        ("010136-4000", dt.date(2036, 1, 1)),
        ("010137-4000", dt.date(1937, 1, 1)),
        ("010136-9000", dt.date(2036, 1, 1)),
        ("010137-9000", dt.date(1937, 1, 1)),
        # 5-8: 2000-2057, else 1858-1899
        ("010157-5000", dt.date(2057, 1, 1)),
        ("010158-5000", dt.date(1858, 1, 1)),
        ("010100-8000", dt.date(2000, 1, 1)),
        ("010199-8000", dt.date(1899, 1, 1)),
    ],
)
def test_the_century_comes_from_the_seventh_digit(cpr, born):
    assert v.cpr_number(cpr) == cpr
    assert v.birth_date_from_cpr(cpr) == born


@pytest.mark.parametrize(
    ("cpr", "valid"),
    [
        ("290200-4000", True),  # 29 February 2000: a leap year (divisible by 400)
        ("290200-0000", False),  # 29 February 1900: not a leap year (divisible by 100)
        ("290200-5000", True),  # 2000 again, from the 5-8 row of the table
        ("290296-1000", True),  # 1996
        ("290297-1000", False),  # 1997
        ("290260-6000", True),  # 1860: a leap year in the 1800s
        ("290258-6000", False),  # 1858
        ("290236-4000", True),  # 2036, the last year of the 4/9 row
    ],
)
def test_leap_days(cpr, valid):
    if valid:
        assert v.cpr_number(cpr) == cpr
    else:
        with pytest.raises(ValidationError, match="fødselsdato"):
            v.cpr_number(cpr)


@pytest.mark.parametrize(
    "typed",
    [
        "310490-1234",  # 31 April
        "001090-1234",  # day 0
        "011390-1234",  # month 13
        "010190-123",  # nine digits
        "010190-12345",  # eleven digits
        "010190--1234",
        "01019O-1234",  # a letter O for a nought
        "\u0660\u0661\u0660\u0661\u0669\u0660\u0661\u0662\u0663\u0664",  # Arabic-Indic digits
        "\uff10\uff11\uff10\uff11\uff19\uff10\uff11\uff12\uff13\uff14",  # full-width digits
        "010190/1234",
    ],
)
def test_impossible_cpr_numbers_are_refused_with_a_sentence(typed):
    with pytest.raises(ValidationError) as caught:
        v.cpr_number(typed)
    assert caught.value.field == "cpr"
    assert "CPR" in str(caught.value) and str(caught.value).endswith(".")


def test_an_empty_cpr_number_is_allowed():
    assert v.cpr_number("") == "" and v.cpr_number(None) == "" and v.cpr_number("  ") == ""


def test_masking_keeps_the_birth_date_only():
    assert v.mask_cpr("010190-1234") == "010190-xxxx"
    assert v.mask_cpr("0101901234") == "010190-xxxx"
    assert v.mask_cpr("") == ""


def test_something_stored_that_is_not_a_cpr_number_is_masked_whole():
    # E.g. an old import: no part of it may show, not even its first six characters.
    assert v.mask_cpr("1234567") == "xxxxxx-xxxx"
    assert v.mask_cpr("Karen 010190") == "xxxxxx-xxxx"


def test_display_is_masked_unless_whole_is_asked_for():
    assert v.display_cpr("010190-1234") == "010190-xxxx"
    assert v.display_cpr("010190-1234", full=False) == "010190-xxxx"
    assert v.display_cpr("010190-1234", full=True) == "010190-1234"
    assert v.display_cpr("", full=True) == "" and v.display_cpr("") == ""
