"""Many documents printed at once on every core: `comptoir invoices pdf --all -o DIR`,
and the statements of account (exports.pdf.statement_batch) through the same machinery.

Each worker process opens the database itself, from its location: an SQLite connection
must never cross a fork, so the workers are started with "spawn" (a fresh interpreter,
nothing inherited), and each prints chunks of ids, so that the cost of handing work over
stays small beside the ~50 ms a PDF takes. A worker parses the fonts once and reuses
them for every document it prints (exports.pdf.faces).

Nothing here imports textual: the workers start from this module, and a spawned
interpreter imports only what the function it runs needs.
"""

from __future__ import annotations

import io
import multiprocessing
import re
import sys
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from models.errors import (
    ComptoirError,
    ConflictError,
    DatabaseSetupError,
    NotFound,
    ValidationError,
)
from models.i18n import _

Progress = Callable[[int, int], None]
# Prints one chunk of keys into the folder, returning (key, path) for each.
ChunkPrinter = Callable[[list[Hashable], Path], list[tuple[Hashable, str]]]
# Chunks small enough that progress moves and both workers finish together, large enough
# that a worker is not mostly waiting for its next task.
CHUNK_MAX = 25
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class _Failure:
    """A domain error raised in a worker, carried back as plain data: ValidationError's
    constructor takes a dict, so the exception itself does not survive pickling."""

    kind: str
    message: str
    errors: dict[str, str] = field(default_factory=dict)

    def error(self) -> ComptoirError:
        if self.kind == "ValidationError":
            return ValidationError(self.errors)
        known: dict[str, type[ComptoirError]] = {
            "NotFound": NotFound,
            "ConflictError": ConflictError,
            "DatabaseSetupError": DatabaseSetupError,
        }
        return known.get(self.kind, ComptoirError)(self.message)


def file_name(number: str, document_id: int) -> str:
    """`F-2026-00012.pdf`, or `draft-12.pdf` for a draft; anything a file name should not
    hold (a "/" from a custom series) becomes "_"."""
    if not number:
        return f"draft-{document_id}.pdf"
    return _UNSAFE.sub("_", number).strip("._") + ".pdf"


def write_documents(
    document_ids: Sequence[int],
    folder: Path,
    db_location: str,
    *,
    processes: int = 2,
    progress: Progress | None = None,
) -> list[Path]:
    """Writes the PDF of every document of `document_ids` into `folder` (made 0700 if
    missing), each file 0600 and complete or absent (exports.pdf.write_document), with
    `processes` workers on the database at `db_location`; returns the paths in the order
    of the ids. `progress(done, total)` is called in this process as chunks finish. A
    document that cannot be printed (no such id) stops the batch with its error; the
    files already written stay."""
    return print_in_workers(list(document_ids), _print_documents, folder, db_location,
                            processes=processes, progress=progress)  # fmt: skip


def print_in_workers(
    keys: Sequence[Hashable],
    printer: ChunkPrinter,
    folder: Path,
    db_location: str,
    *,
    processes: int = 2,
    progress: Progress | None = None,
) -> list[Path]:
    """The machinery of every batch print: `printer(chunk, folder)` runs in worker
    processes on chunks of `keys` (document ids, customer numbers…) and returns (key,
    path written) for each; this returns the paths in the order of `keys`. `printer`
    must be a module-level function (or a functools.partial of one), since a spawned
    worker finds it by name. Folder, progress and errors as write_documents says."""
    keys = list(keys)
    folder = folder.expanduser()
    if "://" not in db_location and not Path(db_location).expanduser().is_file():
        raise DatabaseSetupError(_("No database at {path}.").format(path=db_location))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if progress is not None:
        progress(0, len(keys))
    if not keys:
        return []
    chunks = list(_chunks(keys, processes))
    written: dict[Hashable, Path] = {}
    done = 0
    context = multiprocessing.get_context("spawn")
    workers = max(1, min(processes, len(chunks)))
    _start_resource_tracker()
    tasks = [(printer, chunk, str(folder)) for chunk in chunks]
    with context.Pool(workers, initializer=_open_database, initargs=(db_location,)) as pool:
        for result in pool.imap_unordered(_print_chunk, tasks):
            if isinstance(result, _Failure):
                pool.terminate()
                raise result.error()
            written.update((key, Path(path)) for key, path in result)
            done += len(result)
            if progress is not None:
                progress(done, len(keys))
    return [written[key] for key in keys]


def _start_resource_tracker() -> None:
    """Starts multiprocessing's resource tracker, as the pool would, but able to start
    under the full-screen interface too: there stderr is Textual's capture, whose
    fileno() is -1, which the tracker would hand its process and fail on. It then gets
    no stderr at all (its rare warnings would only garble the screen)."""
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (OSError, ValueError):
        usable = False
    if usable:
        resource_tracker.ensure_running()
        return
    screen_stderr = sys.stderr
    # A stream without a file descriptor: the tracker leaves stderr out.
    sys.stderr = io.StringIO()
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = screen_stderr


def _chunks(ids: list[Hashable], processes: int) -> Iterator[list[Hashable]]:
    """About four chunks a worker, CHUNK_MAX keys at most each."""
    size = max(1, min(CHUNK_MAX, -(-len(ids) // (4 * max(1, processes)))))
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


# Set in each worker when its database would not open: an exception escaping a pool's
# initializer makes the pool start worker after worker forever, so the first task reports
# it instead.
_open_failure: _Failure | None = None


def _open_database(db_location: str) -> None:
    """Worker start: its own connection to the database the parent names."""
    global _open_failure
    from models.db import bind

    try:
        bind(db_location).connect(reuse_if_open=True)
    except ComptoirError as exc:
        _open_failure = _Failure(type(exc).__name__, str(exc))


def _print_chunk(
    task: tuple[ChunkPrinter, list[Hashable], str],
) -> list[tuple[Hashable, str]] | _Failure:
    if _open_failure is not None:
        return _open_failure
    printer, keys, folder = task
    try:
        return printer(keys, Path(folder))
    except ValidationError as exc:
        return _Failure("ValidationError", str(exc), exc.errors)
    except ComptoirError as exc:
        return _Failure(type(exc).__name__, str(exc))


def _print_documents(ids: list[Hashable], folder: Path) -> list[tuple[Hashable, str]]:
    from exports.pdf.document import write_document
    from models.document_print import document_view
    from models.documents import get_document
    from models.settings import load_settings

    done: list[tuple[Hashable, str]] = []
    # Drafts print today's settings: read once a chunk, not once a document.
    settings = load_settings()
    for document_id in ids:
        assert isinstance(document_id, int)
        record = get_document(document_id)
        target = folder / file_name(record.number, record.id)
        write_document(document_view(record, settings), target)
        done.append((document_id, str(target)))
    return done
