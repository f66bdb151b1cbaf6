"""The customer settings hold in the CLI too: with "e-mail mandatory" a customer cannot be
added, or edited, without an e-mail; the refusal names the field and writes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from test_cli_inprocess import cli as bare_cli  # noqa: F401  (a fixture, used by name)


@pytest.fixture
def cli(bare_cli: Any) -> Any:  # noqa: F811
    """The in-process CLI on a database whose company is set up."""
    assert bare_cli("settings", "set", "company_name", "Comptoir Test")[0] == 0
    return bare_cli


def test_add_without_email_when_mandatory_exits_2_naming_the_field(cli: Any) -> None:
    assert cli("settings", "set", "email_mandatory", "yes")[0] == 0
    status, out, err = cli("customers", "add", "--name", "Martin")
    assert status == 2 and out == ""
    assert err.startswith("email: ") and "required" in err
    assert json.loads(cli("customers", "search", "Martin", "--format", "json")[1]) == []
    status, number, _err = cli("customers", "add", "--name", "Martin", "--email", "a@martin.fr")
    assert status == 0 and number.strip() == "C000001"


def test_edit_cannot_remove_a_mandatory_email(cli: Any) -> None:
    number = cli("customers", "add", "--name", "Martin", "--email", "a@martin.fr")[1].strip()
    assert cli("settings", "set", "email_mandatory", "yes")[0] == 0
    status, _out, err = cli("customers", "edit", number, "--email", "")
    assert status == 2 and err.startswith("email: ")
    shown = json.loads(cli("customers", "show", number, "--format", "json")[1])
    assert shown["email"] == "a@martin.fr"


def test_email_optional_by_default(cli: Any) -> None:
    assert cli("customers", "add", "--name", "Martin")[0] == 0
