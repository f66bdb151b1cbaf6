"""What the demo company sells and how it words its agreements and quotes: a French shop
supplying cafés, bakeries, hotels and offices with coffee, tea, pastry supplies, small
equipment and the services around them.

Prices exclude VAT, in euros, written as the catalog prints them; a few carry three or
four decimals (flour by the kilo, coffee and tea by the gram). VAT rates are French:
5.5 % for food, 10 % for catering served to the customer, 20 % for everything else.
"""

from __future__ import annotations

# Groups the quotes draw items from (see QUOTE_MIX).
COFFEE, TEA, PASTRY, PACKAGING, CATERING, EQUIPMENT, MACHINE, SERVICE = (
    "coffee", "tea", "pastry", "packaging", "catering", "equipment", "machine", "service",
)  # fmt: skip

# (code, name, description, unit, unit price, VAT rate, active, group)
ITEMS = (
    ("CAF-MOU-250", "Café moulu pur arabica 250 g", "Torréfaction artisanale, mouture filtre",
     "paquet", "4.90", "5.5", True, COFFEE),
    ("CAF-MOU-1K", "Café moulu pur arabica 1 kg", "", "kg", "17.80", "5.5", True, COFFEE),
    ("CAF-GRA-BRE", "Café en grains Brésil Santos", "Torréfaction moyenne, notes de noisette",
     "kg", "16.50", "5.5", True, COFFEE),
    ("CAF-GRA-ETH", "Café en grains Éthiopie Moka Sidamo", "Torréfaction claire, notes florales",
     "kg", "24.90", "5.5", True, COFFEE),
    ("CAF-GRA-COL", "Café en grains Colombie Supremo", "", "kg", "21.40", "5.5", True, COFFEE),
    ("CAF-GRA-ESP", "Mélange espresso « Comptoir » 70/30", "Arabica et robusta, crema épaisse",
     "kg", "18.95", "5.5", True, COFFEE),
    ("CAF-DEC-1K", "Café en grains décaféiné à l'eau", "", "kg", "22.60", "5.5", True, COFFEE),
    ("CAF-CAP-100", "Capsules espresso compatibles (boîte de 100)", "", "boîte", "27.50", "5.5",
     True, COFFEE),
    ("CAF-DOS-150", "Dosettes ESE 7 g (sachet de 150)", "", "paquet", "31.20", "5.5", True,
     COFFEE),
    ("CAF-SOL-500", "Café soluble lyophilisé 500 g", "", "paquet", "14.95", "5.5", True, COFFEE),
    ("CAF-SPE-G", "Café de spécialité Geisha, au gramme", "Lot du mois, torréfié à la demande",
     "g", "0.0125", "5.5", True, COFFEE),
    ("CAF-GRA-KEN", "Café en grains Kenya AA", "", "kg", "26.80", "5.5", False, COFFEE),
    ("THE-VER-SEN", "Thé vert Sencha du Japon", "", "kg", "48.00", "5.5", True, TEA),
    ("THE-NOI-EAR", "Thé noir Earl Grey à la bergamote", "", "kg", "36.50", "5.5", True, TEA),
    ("THE-NOI-ASS", "Thé noir Assam TGFOP", "", "kg", "32.00", "5.5", True, TEA),
    ("THE-INF-VER", "Infusion verveine menthe", "", "kg", "29.90", "5.5", True, TEA),
    ("THE-ROO-BIO", "Rooibos vanille bio", "Agriculture biologique FR-BIO-01", "kg", "34.80",
     "5.5", True, TEA),
    ("THE-SAC-100", "Thé en sachets cristal, assortiment (boîte de 100)", "", "boîte", "18.90",
     "5.5", True, TEA),
    ("THE-MAT-30", "Matcha de cérémonie 30 g", "", "pièce", "19.50", "5.5", True, TEA),
    ("THE-DAR-G", "Thé Darjeeling premier flush, au gramme", "", "g", "0.0890", "5.5", True, TEA),
    ("THE-NOE-100", "Thé de Noël épicé 100 g", "Édition limitée", "paquet", "7.90", "5.5", False,
     TEA),
    ("PAT-FAR-T55", "Farine de blé T55", "Sac de 25 kg, meunerie du Loiret", "kg", "0.852",
     "5.5", True, PASTRY),
    ("PAT-FAR-T45", "Farine de gruau T45", "Sac de 25 kg", "kg", "1.096", "5.5", True, PASTRY),
    ("PAT-SUC-GLA", "Sucre glace", "", "kg", "2.35", "5.5", True, PASTRY),
    ("PAT-BEU-AOP", "Beurre AOP Charentes-Poitou 82 % MG (plaque de 2 kg)", "", "pièce", "24.80",
     "5.5", True, PASTRY),
    ("PAT-CHO-70", "Chocolat de couverture noir 70 % (pistoles)", "", "kg", "19.60", "5.5", True,
     PASTRY),
    ("PAT-CHO-LAI", "Chocolat de couverture au lait 38 %", "", "kg", "17.90", "5.5", True,
     PASTRY),
    ("PAT-AMA-POU", "Poudre d'amandes blanchies", "", "kg", "14.20", "5.5", True, PASTRY),
    ("PAT-VAN-MAD", "Gousses de vanille Bourbon de Madagascar (×10)", "", "paquet", "32.50",
     "5.5", True, PASTRY),
    ("PAT-LEV-500", "Levure sèche boulangère 500 g", "", "paquet", "6.40", "5.5", True, PASTRY),
    ("PAT-PRA-NOI", "Praliné noisettes 60 %", "", "kg", "21.75", "5.5", True, PASTRY),
    ("PAT-FRA-1K", "Purée de framboise surgelée 1 kg", "", "pièce", "9.80", "5.5", True, PASTRY),
    ("PAT-SEL-GUE", "Fleur de sel de Guérande 250 g", "", "pièce", "4.10", "5.5", True, PASTRY),
    ("ACC-SUC-1000", "Sucre en bûchettes 4 g (×1 000)", "", "carton", "16.40", "5.5", True,
     PACKAGING),
    ("EMB-GOB-25", "Gobelets carton 25 cl (×50)", "", "paquet", "4.75", "20", True, PACKAGING),
    ("EMB-BOI-24", "Boîtes à pâtisserie 24 × 24 cm (×50)", "", "paquet", "12.60", "20", True,
     PACKAGING),
    ("EMB-SAC-KRA", "Sacs kraft à soufflet (×250)", "", "paquet", "23.40", "20", True, PACKAGING),
    ("EMB-TOU-BOI", "Touillettes en bois (×1 000)", "", "paquet", "6.95", "20", True, PACKAGING),
    ("EMB-SER-2P", "Serviettes papier 2 plis (×500)", "", "paquet", "8.30", "20", True,
     PACKAGING),
    ("EMB-PAI-PLA", "Pailles plastique (×500)", "Interdites à la vente depuis 2021", "paquet",
     "3.20", "20", False, PACKAGING),
    ("TRA-PDJ-10", "Plateau petit-déjeuner pour 10 personnes", "Viennoiseries, jus, boissons "
     "chaudes", "forfait", "59.00", "10", True, CATERING),
    ("TRA-PAU-PER", "Pause café d'accueil, par personne", "", "pièce", "6.50", "10", True,
     CATERING),
    ("TRA-VIE-50", "Mini-viennoiseries assorties (×50)", "", "paquet", "42.00", "10", True,
     CATERING),
    ("TRA-COC-20", "Cocktail déjeunatoire pour 20 personnes", "", "forfait", "380.00", "10",
     True, CATERING),
    ("MAT-EXP-1GR", "Machine espresso 1 groupe", "Garantie 2 ans pièces et main-d'œuvre",
     "pièce", "2180.00", "20", True, MACHINE),
    ("MAT-EXP-2GR", "Machine espresso 2 groupes", "Garantie 2 ans pièces et main-d'œuvre",
     "pièce", "4290.00", "20", True, MACHINE),
    ("MAT-EXP-ANC", "Machine espresso 1 groupe, ancien modèle", "", "pièce", "1950.00", "20",
     False, MACHINE),
    ("MAT-MOU-PRO", "Moulin à café professionnel à meules plates", "", "pièce", "689.00", "20",
     True, MACHINE),
    ("MAT-FIL-GC", "Machine à café filtre grande capacité", "", "pièce", "349.00", "20", True,
     MACHINE),
    ("MAT-VIT-120", "Vitrine réfrigérée à pâtisseries 1,20 m", "", "pièce", "3150.00", "20", True,
     MACHINE),
    ("MAT-FOU-4N", "Four à convection 4 niveaux", "", "pièce", "1890.00", "20", True, MACHINE),
    ("MAT-PIC-50", "Pichet à lait inox 50 cl", "", "pièce", "14.90", "20", True, EQUIPMENT),
    ("MAT-TAM-58", "Tamper inox 58 mm", "", "pièce", "39.00", "20", True, EQUIPMENT),
    ("MAT-BAL-01", "Balance de précision 0,1 g", "", "pièce", "54.90", "20", True, EQUIPMENT),
    ("MAT-TAS-12", "Tasses espresso en porcelaine (×12)", "", "paquet", "46.80", "20", True,
     EQUIPMENT),
    ("MAT-ADO-EAU", "Adoucisseur d'eau pour machine espresso", "", "pièce", "245.00", "20", True,
     EQUIPMENT),
    ("MAT-CAR-3", "Cartouches filtrantes (×3)", "", "paquet", "87.60", "20", True, EQUIPMENT),
    ("SRV-INS", "Installation et mise en service", "", "forfait", "180.00", "20", True, SERVICE),
    ("SRV-MAI-AN", "Maintenance annuelle", "Deux visites préventives, pièces d'usure comprises",
     "forfait", "420.00", "20", True, SERVICE),
    ("SRV-DEP-H", "Dépannage sur site", "", "heure", "68.00", "20", True, SERVICE),
    ("SRV-DEP-KM", "Frais de déplacement", "", "km", "0.62", "20", True, SERVICE),
    ("SRV-DET", "Détartrage complet", "", "forfait", "95.00", "20", True, SERVICE),
    ("SRV-FOR-BAR", "Formation barista (demi-journée)", "", "forfait", "290.00", "20", True,
     SERVICE),
    ("SRV-LIV", "Livraison", "", "forfait", "15.00", "20", True, SERVICE),
    ("SRV-LIV-EXP", "Livraison express 48 h", "", "forfait", "35.00", "20", True, SERVICE),
)  # fmt: skip

# Quantities a line of each unit is usually quoted for.
QUANTITIES = {
    "kg": ("1", "2", "2.5", "3", "5", "5", "10", "10", "20", "25"),
    "g": ("250", "500", "500", "1000", "2000"),
    "paquet": ("1", "2", "3", "5", "6", "10", "12", "20"),
    "boîte": ("1", "2", "4", "6", "10"),
    "carton": ("1", "2", "3", "5"),
    "pièce": ("1", "2", "3", "4", "6", "10"),
    "heure": ("1", "1.5", "2", "3", "4"),
    "forfait": ("1", "1", "1", "1", "2"),
    "km": ("12", "24", "38", "56", "85", "140"),
}
# A machine or a big item is rarely quoted by the dozen.
FEW = ("1", "1", "1", "2")

# How often each group turns up on a company's quote, and on a private person's.
QUOTE_MIX = {
    "company": {COFFEE: 30, TEA: 12, PASTRY: 18, PACKAGING: 12, CATERING: 6, EQUIPMENT: 8,
                MACHINE: 6, SERVICE: 8},
    "individual": {COFFEE: 45, TEA: 30, PASTRY: 5, EQUIPMENT: 15, MACHINE: 3, SERVICE: 2},
}  # fmt: skip

# Lines typed without an item, at the standard VAT rate: (description, price, quantity).
FREE_LINES = (
    ("Frais de mise en service", "45.00", "1"),
    ("Livraison sur rendez-vous, hors tournée", "25.00", "1"),
    ("Livraison en étage sans ascenseur", "30.00", "1"),
    ("Emballage isotherme", "8.50", "1"),
    ("Étiquetage personnalisé à votre enseigne", "0.35", "100"),
    ("Gravure du logo sur les tasses", "2.80", "12"),
)
# Offered only beside a new machine: the old one taken back, a negative line.
TRADE_IN = ("Reprise de l'ancienne machine", "150.00", "-1")

# Price lists: (name, currency).
RESELLERS = ("Revendeurs", "EUR")
KEY_ACCOUNTS = ("Grands comptes", "EUR")
EXPORT = ("Export CHF", "CHF")
# Euros to Swiss francs for the export list, rounded to 5 centimes as Swiss prices are.
CHF_PER_EUR = "0.94"
# French towns close to the Swiss border, where a few shops are billed in francs.
BORDER_TOWNS = ("Annecy", "Mulhouse", "Besançon")
SWISS_DELIVERY = ("Rue du Rhône 42", "1204", "Genève", "CH")

# {years}: "2025", or "2025–2026" for a period across two years.
CONTRACT_NAMES = ("Accord {years}", "Contrat cadre {years}", "Conditions {years}",
                  "Remise fidélité", "")  # fmt: skip
CONTRACT_NOTES = ("Révision des prix au 1er janvier.", "Franco de port à partir de 300 € HT.",
                  "Commande minimale : 5 kg de café par livraison.",
                  "Prix fermes pendant toute la durée de l'accord.")  # fmt: skip
INTRA_EU_NAMES = ("Livraisons intracommunautaires", "Accord distribution UE")
EXPORT_NAME = "Export Suisse"

QUOTE_REFERENCES = ("Votre demande du {day}", "Bon de commande {year}-{n:04d}",
                    "Ouverture de la boutique", "Réassort saisonnier", "Appel d'offres {year}",
                    "Suite à notre visite du {day}")  # fmt: skip
QUOTE_NOTES = ("Prix valables sous réserve de disponibilité.",
               "Délai de livraison : 5 jours ouvrés après acceptation.",
               "Acompte de 30 % à la commande pour le matériel.")  # fmt: skip

INVOICE_REFERENCES = ("Votre commande du {day}", "Bon de commande {year}-{n:04d}",
                      "Commande téléphonique du {day}", "Réassort",
                      "Livraison du {day}")  # fmt: skip
INVOICE_NOTES = ("Merci de rappeler le numéro de la facture avec votre règlement.",
                 "Marchandise livrée en deux fois.")  # fmt: skip
# Why a credit note was made, by what it gives back.
CREDIT_REASONS = {
    "whole": ("Annulation de la commande", "Facture émise en double"),
    "lines": ("Retour de marchandise", "Article défectueux", "Livraison incomplète"),
    "amount": ("Geste commercial", "Remise oubliée", "Retard de livraison"),
}
