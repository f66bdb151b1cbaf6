"""Tax treatments a contract may give a customer's documents, and the legal mention each
must print. A French seller cites the Code général des impôts; a Dutch or Greek seller
cites the EU VAT Directive (2006/112/EC), which their national laws transpose.

Mentions are English msgids translated into the document's language; the French catalog
holds the exact French wording the law expects (DOMAIN.md).
"""

from __future__ import annotations

from models.i18n import N_

STANDARD = "standard"
TREATMENTS = ("standard", "exempt", "reverse-charge", "intra-eu", "export")

# EN 16931 VAT category codes (UNTDID 5305), for the e-invoice of a later release.
CATEGORY = {"standard": "S", "exempt": "E", "reverse-charge": "AE", "intra-eu": "K", "export": "G"}

NAMES = {
    "standard": N_("standard VAT"),
    "exempt": N_("VAT exemption"),
    "reverse-charge": N_("reverse charge"),
    "intra-eu": N_("intra-EU supply"),
    "export": N_("export outside the EU"),
}

_FRENCH_MENTIONS = {
    "exempt": N_("VAT not applicable, art. 293 B of the CGI"),
    "reverse-charge": N_("Reverse charge: VAT to be paid by the customer"),
    "intra-eu": N_("VAT exemption, article 262 ter I of the CGI"),
    "export": N_("VAT exemption, article 262 I of the CGI"),
}
_EU_MENTIONS = {
    "exempt": N_("VAT exempt: small enterprise scheme, article 284 of Directive 2006/112/EC"),
    "reverse-charge": N_(
        "Reverse charge: VAT to be paid by the customer, article 196 of Directive 2006/112/EC"
    ),
    "intra-eu": N_("Exempt intra-Community supply, article 138 of Directive 2006/112/EC"),
    "export": N_("Exempt export outside the EU, article 146 of Directive 2006/112/EC"),
}

# Both parties' VAT numbers must print on these (CGI art. 242 nonies A; Directive art. 226).
NEEDS_BOTH_VAT_NUMBERS = frozenset({"reverse-charge", "intra-eu"})


def charges_vat(treatment: str) -> bool:
    return treatment == STANDARD


def mention(treatment: str, seller_country: str) -> str:
    """The untranslated legal mention for `treatment` ("" for standard VAT)."""
    if treatment == STANDARD:
        return ""
    table = _FRENCH_MENTIONS if seller_country == "FR" else _EU_MENTIONS
    return table[treatment]
