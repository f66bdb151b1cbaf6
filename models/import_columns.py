"""How the import reads other programs' spreadsheets: header names in English or French
matched to customer fields (case, accents, spaces and punctuation ignored), and common
words in cells (`Client`, `Particulier`, `Virement`, `France`) turned into our codes."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Folded header -> field. Folding keeps letters and digits only: `N° TVA` -> `ntva`.
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "nom", "raisonsociale", "societe", "denomination", "company",
             "companyname", "customername", "nomclient", "nomduclient", "client"),
    "kind": ("kind", "type", "typeclient", "typedeclient", "customertype"),
    "email": ("email", "courriel", "mail", "mel", "adresseemail", "adressemail",
              "emailaddress", "adressecourriel"),
    "phone": ("phone", "telephone", "tel", "phonenumber", "numerodetelephone"),
    "street": ("street", "adresse", "address", "rue", "voie", "adressepostale"),
    "postal_code": ("postalcode", "postcode", "zip", "zipcode", "codepostal", "cp"),
    "city": ("city", "ville", "town", "commune", "localite"),
    "country": ("country", "pays", "countrycode", "codepays"),
    "siren": ("siren", "siret", "sirensiret", "sirenousiret", "kvk", "numerosiren",
              "numerosiret", "registration"),
    "vat": ("vat", "tva", "ntva", "notva", "numtva", "numerotva", "tvaintracommunautaire",
            "numerodetva", "tvaintra", "vatnumber", "btw"),
    "notes": ("notes", "note", "remarques", "remarque", "commentaire", "commentaires",
              "comments", "comment", "observations"),
    "status": ("status", "statut", "etat"),
    "terms": ("terms", "conditions", "conditionsdepaiement", "paymentterms", "echeance",
              "delaidepaiement"),
    "rep": ("rep", "salesrep", "commercial", "representant", "vendeur"),
    "payment_method": ("paymentmethod", "modedepaiement", "modedereglement", "reglement",
                       "moyendepaiement"),
    "currency": ("currency", "devise", "monnaie"),
    "credit_limit": ("creditlimit", "encours", "encoursautorise", "plafond",
                     "limitedecredit"),
    "language": ("language", "langue"),
    "birth_date": ("birthdate", "dateofbirth", "datedenaissance", "naissance"),
    "delivery_street": ("deliverystreet", "adressedelivraison", "adresselivraison"),
    "delivery_postal_code": ("deliverypostalcode", "codepostaldelivraison",
                             "codepostallivraison", "cplivraison"),
    "delivery_city": ("deliverycity", "villedelivraison", "villelivraison"),
    "delivery_country": ("deliverycountry", "paysdelivraison", "payslivraison"),
    "contacts": ("contacts", "contact"),
}  # fmt: skip
# Known columns that are not imported: customers get new numbers, balances come from
# documents.
_NOT_IMPORTED = ("number", "numero", "numeroclient", "codeclient", "balance", "solde")
FIELDS_BY_HEADER = {alias: field for field, aliases in _ALIASES.items() for alias in aliases}

_VALUES: dict[str, dict[str, str]] = {
    "kind": {"societe": "company", "entreprise": "company", "professionnel": "company",
             "pro": "company", "personnemorale": "company", "particulier": "individual",
             "personne": "individual", "personnephysique": "individual"},
    "status": {"client": "customer", "actif": "customer", "active": "customer",
               "inactif": "inactive"},
    "payment_method": {"virement": "transfer", "banktransfer": "transfer", "carte": "card",
                       "cartebancaire": "card", "cb": "card", "especes": "cash",
                       "liquide": "cash", "check": "cheque", "cheque": "cheque",
                       "cheques": "cheque",
                       "prelevement": "direct_debit", "directdebit": "direct_debit"},
    "country": {"france": "FR", "paysbas": "NL", "netherlands": "NL", "nederland": "NL",
                "holland": "NL", "grece": "GR", "greece": "GR", "ellada": "GR",
                "ελλαδα": "GR", "belgique": "BE", "belgium": "BE", "allemagne": "DE",
                "germany": "DE", "espagne": "ES", "spain": "ES", "italie": "IT",
                "italy": "IT", "suisse": "CH", "switzerland": "CH", "luxembourg": "LU"},
}  # fmt: skip
_TERMS = (
    (re.compile(r"^(a|des|upon|on)?reception$|^comptant$|^receipt$"), "receipt"),
    (re.compile(r"^(\d{1,3})(j|jours?|d|days?)?(fm|fdm|findemois|eom|endofmonth)$"), r"\1eom"),
    (re.compile(r"^(\d{1,3})(j|jours?|d|days?)(net)?$"), r"\1d"),
)


def fold(text: str) -> str:
    """Lower case, accents and everything but letters and digits removed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


@dataclass(frozen=True)
class ColumnMatch:
    """Which column feeds which field (by position), and the headers left aside."""

    fields: dict[int, str]
    not_imported: tuple[str, ...]
    unknown: tuple[str, ...]


def match_columns(headers: list[str]) -> ColumnMatch:
    """Matches each header to a field; a second column for a field already fed is
    reported as unknown rather than silently overriding the first."""
    fields: dict[int, str] = {}
    not_imported: list[str] = []
    unknown: list[str] = []
    for position, header in enumerate(headers):
        key = fold(header)
        field = FIELDS_BY_HEADER.get(key)
        if field is not None and field not in fields.values():
            fields[position] = field
        elif key in _NOT_IMPORTED:
            not_imported.append(header.strip())
        elif key:
            unknown.append(header.strip())
    return ColumnMatch(fields, tuple(dict.fromkeys(not_imported)), tuple(dict.fromkeys(unknown)))


def cell_value(field: str, text: str) -> str:
    """A cell as the customer form would have it typed: known words of other programs
    turned into our codes, anything else untouched for validation to judge."""
    value = text.strip()
    if field == "terms":
        key = fold(value)
        for pattern, replacement in _TERMS:
            if pattern.match(key):
                return pattern.sub(replacement, key)
        return value
    words = _VALUES.get(field)
    if words is None:
        return value
    return words.get(fold(value), value)
