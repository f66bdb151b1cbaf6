"""A document as it prints, read in the terminal, and saved as a PDF: the same view the
PDF writer lays out (models.document_print), shown as text, with the file to write under
it. Enter (or Ctrl+S) in the path saves; the path written is shown and stays shown."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, Label, Static

from models.document_print import document_view
from models.document_records import DocumentRecord
from models.document_view import DocumentView
from models.i18n import N_, _
from screens.document_text import document_name
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.footer import Footer
from tui.widgets.translated import TranslatedScreen


def default_pdf_path(record: DocumentRecord) -> Path:
    """`~/Documents/Comptoir/D-2026-00012.pdf` (a draft: `quote-draft-41.pdf`)."""
    from platformdirs import user_documents_path

    name = record.number or f"{record.kind}-draft-{record.id}"
    return user_documents_path() / "Comptoir" / f"{name.replace('/', '-')}.pdf"


def view_text(view: DocumentView) -> Content:
    """The view as lines of text, in print order; what comes from the data is shown
    literally."""

    def safe(text: str) -> str:
        return display_safe(text, keep_newlines=True)

    # French sets a space before the colon, as the printed document does.
    colon = " : " if view.language == "fr" else ": "
    parts: list[Content] = [
        Content.assemble((safe(view.title), "bold"), "  ", (safe(view.number), "bold")),
    ]
    if view.subtitle:
        parts.append(Content(safe(view.subtitle)))
    if view.draft_label:
        parts.append(Content.styled(safe(view.draft_label), "bold reverse"))
    parts += [Content(f"{safe(label)}{colon}{safe(value)}") for label, value in view.meta]
    parts.append(Content(""))
    for party in (view.seller, view.buyer, view.delivery):
        if party is None:
            continue
        if party.heading:
            parts.append(Content.styled(safe(party.heading), "underline"))
        parts.append(Content.styled(safe(party.name), "bold"))
        parts += [Content(safe(line)) for line in party.address]
        parts += [Content(f"{safe(k)}{colon}{safe(v)}") for k, v in party.identifiers]
        parts.append(Content(""))
    c = view.columns
    parts.append(
        Content.styled(
            f"{c.description} · {c.quantity} · {c.unit_price} · {c.discount} · {c.vat_rate} · "
            f"{c.net}",
            "bold underline",
        )
    )
    for line in view.lines:
        head = f"{line.code}  " if line.code else ""
        parts.append(Content(head + safe(line.description)))
        numbers = " · ".join(
            p
            for p in (
                line.quantity + (f" {line.unit}" if line.unit else ""),
                line.unit_price,
                line.discount,
                line.vat_rate,
            )
            if p
        )
        parts.append(Content.assemble("    ", numbers, "  →  ", (line.net, "bold")))
    parts.append(Content(""))
    rate, base, vat = view.vat_columns
    parts.append(Content.styled(f"{rate} · {base} · {vat}", "underline"))
    parts += [Content(f"{row.rate} · {row.base} · {row.vat}") for row in view.vat_rows]
    parts.append(Content(""))
    for total in view.totals:
        parts.append(
            Content.styled(f"{total.label}{colon}{total.value}", "bold" if total.emphasis else "")
        )
    if view.payment is not None:
        parts += [Content(""), Content.styled(safe(view.payment.heading), "underline")]
        parts += [Content(f"{safe(k)}{colon}{safe(v)}") for k, v in view.payment.rows]
        if view.payment.qr is not None:
            # The code itself is on the PDF; here, what it says and where it sits.
            parts.append(Content(f"▣ {safe(view.payment.qr.label)}"))
            parts.append(Content(safe(view.payment.qr.reference)))
    if view.notes:
        parts += [Content(""), Content(safe(view.notes))]
    if view.mentions:
        parts.append(Content(""))
        parts += [Content(safe(m)) for m in view.mentions]
    parts += [Content(""), Content.styled(safe(view.footer), "dim")]
    return Content("\n").join(parts)


class DocumentPreviewScreen(TranslatedScreen[None]):
    CSS_PATH = "documents.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save PDF"), priority=True),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, record: DocumentRecord) -> None:
        super().__init__()
        self.record = record
        self.view = document_view(record)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="preview", can_focus=True):
            yield Static(view_text(self.view), id="preview-text")
        with Horizontal(id="save-row"):
            yield Label(_("Save as"), id="save-label")
            yield Input(str(default_pdf_path(self.record)), compact=True, id="save-path")
        yield Static(Content(""), id="save-status")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("PDF of {document}").format(document=document_name(self.record))
        self.query_one("#save-path", Input).focus()
        self._warm_up()

    @work(thread=True, group="pdf-warm-up")
    def _warm_up(self) -> None:
        """Renders once while the operator reads: the first print of a session imports
        fpdf2 and reads the fonts (a few hundred ms), the next ones take tens of ms."""
        from exports.pdf.document import render_document

        render_document(self.view)

    @on(Input.Submitted, "#save-path")
    def action_save(self) -> None:
        text = self.query_one("#save-path", Input).value.strip()
        if not text:
            self._status(_("Type where to save the PDF."), error=True)
            return
        self._status(_("Saving…"))
        self._write(Path(text).expanduser())

    @work(thread=True, exclusive=True, group="pdf")
    def _write(self, path: Path) -> None:
        from exports.pdf.document import write_document

        try:
            if not path.parent.exists():
                path.parent.mkdir(parents=True, mode=0o700)
            written = write_document(self.view, path)
        except OSError as exc:
            self.app.call_from_thread(
                self._status,
                _("Cannot save {path}: {reason}").format(path=path, reason=exc.strerror or exc),
                True,
            )
            return
        self.app.call_from_thread(self._saved, written)

    def _saved(self, path: Path) -> None:
        self._status(_("Saved: {path}").format(path=path))
        self.notify(_("PDF saved: {path}").format(path=path), markup=False)

    def _status(self, text: str, error: bool = False) -> None:
        self.query_one("#save-status", Static).update(
            Content.styled(display_safe(text), "bold" if not error else "bold reverse")
        )

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                _("Save PDF"), self.action_save, _("Write the PDF to the path shown (Ctrl+S)")
            ),
            PaletteCommand(_("Back"), self.action_back, _("Back to the document (Esc)")),
        ]

    def help_text(self) -> str:
        return _(
            "The document as it prints. Enter in the path (or Ctrl+S) saves the PDF; "
            "the folder is made if needed. Tab goes to the text to scroll it."
        )
