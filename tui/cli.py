"""`comptoir`: the TUI when no command is given, else one command of CLI.md.

This module is imported on every start, TUI included, and start-up time is measured: it
imports only argparse and the light models; each command imports what it needs itself.
Exit codes are fixed by CLI.md: 0 ok, 1 unexpected, 2 invalid input, 3 suspected
duplicate, 4 not found, 5 conflict.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from models.errors import (
    ConflictError,
    DatabaseSetupError,
    DuplicatesFound,
    NotFound,
    ValidationError,
)
from models.i18n import LANGUAGES, _
from tui.language import setup_language

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_INVALID = 2
EXIT_DUPLICATE = 3
EXIT_NOT_FOUND = 4
EXIT_CONFLICT = 5


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so `main()` returns the exit code to
    in-process callers (tests, the TUI's command palette) as well as to the shell."""

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            sys.stderr.write(message)
        raise _ParserExit(status)


class _ParserExit(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def build_parser() -> argparse.ArgumentParser:
    from tui.cli_admin import add_admin_commands
    from tui.cli_catalog import add_catalog_commands
    from tui.cli_credit_notes import add_credit_note_commands
    from tui.cli_customers import add_customer_commands
    from tui.cli_exchange_rates import add_exchange_rate_commands
    from tui.cli_invoices import add_invoice_commands
    from tui.cli_payments import add_payment_commands
    from tui.cli_quotes import add_quote_commands
    from tui.cli_verify import add_verify_command

    parser = _Parser(
        prog="comptoir",
        description=_("Customer file and accounts receivable for small shops. "
                      "Without a command, opens the full-screen interface."),
    )  # fmt: skip
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help=_("database file or URL (else COMPTOIR_DB, else comptoir.db "
                               "in your data folder)"))  # fmt: skip
    parser.add_argument("--lang", choices=LANGUAGES,
                        help=_("interface language (else the setting, else LANG)"))  # fmt: skip
    parser.add_argument("--operator", metavar="NAME",
                        help=_("name recorded on every change (default: your login)"))  # fmt: skip
    parser.add_argument("--debug", action="store_true",
                        help=_("show the full traceback of an unexpected error"))  # fmt: skip
    parser.add_argument("--no-mouse", action="store_true",
                        help=_("full-screen interface without mouse support"))  # fmt: skip
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    add_customer_commands(commands)
    add_catalog_commands(commands)
    add_quote_commands(commands)
    add_invoice_commands(commands)
    add_credit_note_commands(commands)
    add_payment_commands(commands)
    add_exchange_rate_commands(commands)
    add_verify_command(commands)
    add_admin_commands(commands)
    return parser


def _early_language(argv: Sequence[str]) -> str | None:
    """`--lang` read before the full parser exists, so that its help is translated."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=LANGUAGES)
    try:
        known, _rest = early.parse_known_args(list(argv))
    except SystemExit:
        return None
    return known.lang if isinstance(known.lang, str) else None


def _operator(cli_value: str | None) -> str:
    if cli_value and cli_value.strip():
        return cli_value.strip()
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        # No login name (a container without /etc/passwd entry): changes still need one.
        return "operator"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    setup_language(_early_language(argv))
    try:
        args = build_parser().parse_args(argv)
    except _ParserExit as done:
        return done.status
    args.operator = _operator(args.operator)
    try:
        return _run(args)
    except ValidationError as exc:
        for field, reason in exc.errors.items():
            print(f"{field}: {reason}", file=sys.stderr)
        return _traceback_if(args.debug, EXIT_INVALID)
    except DuplicatesFound as exc:
        from tui.cli_output import print_duplicates

        print_duplicates(exc.matches)
        return _traceback_if(args.debug, EXIT_DUPLICATE)
    except NotFound as exc:
        print(exc, file=sys.stderr)
        return _traceback_if(args.debug, EXIT_NOT_FOUND)
    except ConflictError as exc:
        print(exc, file=sys.stderr)
        return _traceback_if(args.debug, EXIT_CONFLICT)
    except DatabaseSetupError as exc:
        print(exc, file=sys.stderr)
        return _traceback_if(args.debug, EXIT_UNEXPECTED)
    except BrokenPipeError:
        # `comptoir customers search … | head`: the reader has what it wanted. Point
        # stdout at /dev/null so the interpreter's final flush does not fail again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print(_("Interrupted."), file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last resort that keeps tracebacks away
        print(_("Unexpected error: {error}").format(error=str(exc) or type(exc).__name__),
              file=sys.stderr)  # fmt: skip
        if not args.debug:
            print(_("Run again with --debug for the details."), file=sys.stderr)
        return _traceback_if(args.debug, EXIT_UNEXPECTED)
    finally:
        _close_database()


def _run(args: argparse.Namespace) -> int:
    from models.db import resolve_location
    from models.migrations import open_database

    location = resolve_location(args.db)
    open_database(location)
    if not args.lang:
        # Now the interface-language setting can be read.
        setup_language(None)
    if args.command is None:
        return _run_tui(args, location)
    handler = getattr(args, "handler", None)
    if handler is None:
        # A command group given without its subcommand (`comptoir customers`).
        args.group_parser.print_help(sys.stderr)
        return EXIT_INVALID
    status: int = handler(args)
    return status


def _run_tui(args: argparse.Namespace, location: str) -> int:
    from tui.app import ComptoirApp

    # The app works on the database bound above; `db_location` is for its title and
    # for workers that open connections of their own.
    mouse = not args.no_mouse
    app = ComptoirApp(operator=args.operator, db_location=location, mouse=mouse)
    app.run(mouse=mouse)
    return int(app.return_code or 0)


def _close_database() -> None:
    from models.db import database

    if database.obj is not None and not database.is_closed():
        database.close()


def _traceback_if(debug: bool, status: int) -> int:
    if debug:
        import traceback

        traceback.print_exc()
    return status


if __name__ == "__main__":
    sys.exit(main())
