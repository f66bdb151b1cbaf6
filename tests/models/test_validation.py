"""Each field check accepts what an operator would type and names the field otherwise."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from models import validation as check
from models.errors import ValidationError


@pytest.mark.parametrize(
    ("country", "typed", "stored"),
    [
        ("FR", "75011", "75011"),
        ("FR", " 06 000 ", "06000"),
        ("NL", "2578lj", "2578 LJ"),
        ("NL", "2578 LJ", "2578 LJ"),
        ("GR", "54621", "546 21"),
        ("GR", "546 21", "546 21"),
        ("DE", "10115", "10115"),
    ],
)
def test_postcode_accepted_and_written_the_local_way(country: str, typed: str, stored: str) -> None:
    assert check.postcode("postal_code", typed, country) == stored


@pytest.mark.parametrize(
    ("country", "typed"),
    [("FR", "7501"), ("FR", "750111"), ("FR", "7501A"), ("NL", "2578"), ("NL", "25LJ78"),
     ("GR", "5462"), ("GR", "ABCDE")],
)  # fmt: skip
def test_postcode_refused_with_the_expected_format(country: str, typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check.postcode("postal_code", typed, country)
    assert caught.value.field == "postal_code"
    assert country in caught.value.errors["postal_code"]


@pytest.mark.parametrize(
    ("country", "typed", "e164"),
    [
        ("FR", "06 12 34 56 78", "+33612345678"),
        ("FR", "+33 6 12 34 56 78", "+33612345678"),
        ("NL", "070 123 4567", "+31701234567"),
        ("GR", "210 123 4567", "+302101234567"),
        ("FR", "+31 70 123 4567", "+31701234567"),
    ],
)
def test_phone_kept_as_typed_and_as_e164(country: str, typed: str, e164: str) -> None:
    assert check.phone("phone", typed, country) == (typed, e164)


@pytest.mark.parametrize("typed", ["123", "06 12", "hello", "+33 1"])
def test_phone_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="phone"):
        check.phone("phone", typed, "FR")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("732 829 320", "732829320"), ("73282932000074", "73282932000074"),
     ("356000000", "356000000")],
)  # fmt: skip
def test_siren_and_siret_checksums(typed: str, stored: str) -> None:
    assert check.siren("siren", typed, "FR") == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("732829321", "Check digit"), ("12345", "9 digits"), ("73282932000075", "Check digit")],
)
def test_siren_refused_with_reason(typed: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        check.siren("siren", typed, "FR")


def test_kvk_number_for_dutch_customers() -> None:
    assert check.siren("siren", "1234 5678", "NL") == "12345678"
    with pytest.raises(ValidationError, match="8 digits"):
        check.siren("siren", "123", "NL")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("FR 44 732829320", "FR44732829320"), ("nl004495445b01", "NL004495445B01"),
     ("EL 094259216", "EL094259216")],
)  # fmt: skip
def test_vat_numbers(typed: str, stored: str) -> None:
    assert check.vat_number("vat", typed) == stored


@pytest.mark.parametrize("typed", ["FR45732829320", "XX123", "FR"])
def test_vat_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check.vat_number("vat", typed)
    assert caught.value.field == "vat"


def test_vat_must_belong_to_the_siren() -> None:
    assert check.vat_matches_siren("FR44732829320", "73282932000074")
    assert not check.vat_matches_siren("FR44732829320", "356000000")


@pytest.mark.parametrize("typed", ["a@b.fr", "jean.dupont+shop@boulangerie-martin.fr", ""])
def test_email_accepted(typed: str) -> None:
    assert check.email("email", typed) == typed


@pytest.mark.parametrize("typed", ["a@b", "a b@c.fr", "@c.fr", "a@@c.fr", "jean"])
def test_email_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="e-mail"):
        check.email("email", typed)


@pytest.mark.parametrize(("typed", "code"), [("receipt", "receipt"), ("30d", "30d"),
                                             ("45 EOM", "45eom")])  # fmt: skip
def test_terms(typed: str, code: str) -> None:
    assert check.terms("terms", typed) == code


def test_terms_refused() -> None:
    with pytest.raises(ValidationError, match="30d"):
        check.terms("terms", "thirty days")


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1 500,50", Decimal("1500.50")), ("1,234.5", Decimal("1234.5")), ("", None)],
)
def test_amounts_are_exact_decimals(typed: str, value: Decimal | None) -> None:
    assert check.amount("credit_limit", typed) == value


def test_negative_or_garbage_amount_refused() -> None:
    with pytest.raises(ValidationError, match="negative"):
        check.amount("credit_limit", "-5")
    with pytest.raises(ValidationError, match="amount"):
        check.amount("credit_limit", "lots")


def test_dates_iso_or_european_and_not_in_the_future() -> None:
    today = dt.date(2026, 11, 22)
    assert check.past_date("birth_date", "31/03/1980", today) == dt.date(1980, 3, 31)
    assert check.past_date("birth_date", "1980-03-31", today) == dt.date(1980, 3, 31)
    with pytest.raises(ValidationError, match="future"):
        check.past_date("birth_date", "2030-01-01", today)
    with pytest.raises(ValidationError, match="date"):
        check.past_date("birth_date", "31 mars", today)


def test_iban_and_bic() -> None:
    assert check.iban("iban", "FR76 3000 6000 0112 3456 7890 189") == "FR7630006000011234567890189"
    with pytest.raises(ValidationError, match="IBAN"):
        check.iban("iban", "FR76 3000 6000 0112 3456 7890 188")
    assert check.bic("bic", "agri frpp xxx") == "AGRIFRPPXXX"
