"""Word lists the demo generator draws from: real postcode/city pairs with their telephone
area codes, streets, names and trades for France, the Netherlands and Greece.

Phone prefixes are national significant numbers without the trunk `0`; every prefix
here was checked to give numbers phonenumbers accepts whatever digits follow.
"""

from __future__ import annotations

# (postcode, city, landline prefix)
FR_CITIES = (
    ("75011", "Paris", "14"), ("75015", "Paris", "145"), ("75018", "Paris", "142"),
    ("69003", "Lyon", "472"), ("69007", "Lyon", "478"), ("13001", "Marseille", "491"),
    ("13008", "Marseille", "491"), ("31000", "Toulouse", "561"), ("06000", "Nice", "493"),
    ("44000", "Nantes", "240"), ("67000", "Strasbourg", "388"),
    ("34000", "Montpellier", "467"), ("33000", "Bordeaux", "556"), ("59000", "Lille", "320"),
    ("35000", "Rennes", "299"), ("51100", "Reims", "326"), ("76600", "Le Havre", "235"),
    ("42000", "Saint-Étienne", "477"), ("83000", "Toulon", "494"),
    ("38000", "Grenoble", "476"), ("21000", "Dijon", "380"), ("49000", "Angers", "241"),
    ("30000", "Nîmes", "466"), ("63000", "Clermont-Ferrand", "473"),
    ("72000", "Le Mans", "243"), ("29200", "Brest", "298"), ("37000", "Tours", "247"),
    ("80000", "Amiens", "322"), ("87000", "Limoges", "555"), ("74000", "Annecy", "450"),
    ("66000", "Perpignan", "468"), ("57000", "Metz", "387"), ("25000", "Besançon", "381"),
    ("45000", "Orléans", "238"), ("14000", "Caen", "231"), ("68100", "Mulhouse", "389"),
    ("76000", "Rouen", "235"), ("54000", "Nancy", "383"),
    ("92100", "Boulogne-Billancourt", "146"), ("93100", "Montreuil", "148"),
    ("64000", "Pau", "559"), ("17000", "La Rochelle", "546"), ("84000", "Avignon", "490"),
    ("56100", "Lorient", "297"), ("71100", "Chalon-sur-Saône", "385"),
    ("26000", "Valence", "475"), ("89000", "Auxerre", "386"),
)  # fmt: skip
NL_CITIES = (
    ("1012", "Amsterdam", "20"), ("1017", "Amsterdam", "20"), ("3011", "Rotterdam", "10"),
    ("3024", "Rotterdam", "10"), ("2511", "Den Haag", "70"), ("2578", "Den Haag", "70"),
    ("3511", "Utrecht", "30"), ("5611", "Eindhoven", "40"), ("9711", "Groningen", "50"),
    ("5038", "Tilburg", "13"), ("1315", "Almere", "36"), ("4811", "Breda", "76"),
    ("6511", "Nijmegen", "24"), ("7511", "Enschede", "53"), ("2011", "Haarlem", "23"),
    ("6811", "Arnhem", "26"), ("3811", "Amersfoort", "33"), ("8011", "Zwolle", "38"),
    ("2311", "Leiden", "71"), ("6211", "Maastricht", "43"), ("3311", "Dordrecht", "78"),
    ("8911", "Leeuwarden", "58"), ("5211", "'s-Hertogenbosch", "73"),
    ("2611", "Delft", "15"), ("1811", "Alkmaar", "72"), ("7311", "Apeldoorn", "55"),
    ("4331", "Middelburg", "118"), ("9401", "Assen", "592"),
)  # fmt: skip
# Dutch postcode letters: S is left out because SA, SD and SS are never issued.
NL_POSTCODE_LETTERS = "ABCDEGHJKLMNPRTVWXZ"
GR_CITIES = (
    ("105 57", "Αθήνα", "210"), ("106 82", "Αθήνα", "210"), ("115 21", "Αθήνα", "210"),
    ("151 24", "Μαρούσι", "210"), ("176 71", "Καλλιθέα", "210"),
    ("185 36", "Πειραιάς", "210"), ("171 21", "Νέα Σμύρνη", "210"),
    ("546 21", "Θεσσαλονίκη", "2310"), ("546 40", "Θεσσαλονίκη", "2310"),
    ("262 21", "Πάτρα", "2610"), ("712 02", "Ηράκλειο", "2810"), ("412 22", "Λάρισα", "2410"),
    ("382 21", "Βόλος", "2421"), ("453 32", "Ιωάννινα", "2651"), ("731 32", "Χανιά", "28210"),
    ("851 00", "Ρόδος", "22410"), ("491 00", "Κέρκυρα", "26610"), ("654 03", "Καβάλα", "2510"),
    ("681 00", "Αλεξανδρούπολη", "25510"), ("601 00", "Κατερίνη", "23510"),
    ("621 22", "Σέρρες", "23210"), ("221 00", "Τρίπολη", "2710"),
    ("241 00", "Καλαμάτα", "27210"), ("301 00", "Αγρίνιο", "26410"),
    ("351 00", "Λαμία", "22310"), ("591 00", "Βέροια", "23310"), ("671 00", "Ξάνθη", "25410"),
    ("501 00", "Κοζάνη", "24610"),
)  # fmt: skip
MOBILE_PREFIXES = {
    "FR": ("60", "61", "62", "64", "65", "66", "67", "68", "75", "76", "77", "78"),
    "NL": ("61", "62", "63", "64", "65"),
    "GR": ("690", "693", "694", "695", "697", "698", "699"),
}
CALLING_CODES = {"FR": "33", "NL": "31", "GR": "30"}
NATIONAL_LENGTH = {"FR": 9, "NL": 9, "GR": 10}

FR_STREET_TYPES = ("rue", "rue", "rue", "avenue", "boulevard", "place", "chemin", "allée",
                   "impasse", "quai")  # fmt: skip
FR_STREET_NAMES = (
    "de la République", "Victor Hugo", "Jean Jaurès", "de la Gare", "du Général de Gaulle",
    "Pasteur", "de la Liberté", "des Lilas", "du Moulin", "Nationale", "de l'Église",
    "Gambetta", "Voltaire", "des Écoles", "du Château", "Émile Zola", "de Verdun", "Carnot",
    "Saint-Michel", "de Paris", "des Tilleuls", "du Marché", "Jules Ferry", "de la Paix",
    "Louis Pasteur", "des Acacias", "Sadi Carnot", "de Strasbourg", "Anatole France",
)  # fmt: skip
NL_STREETS = (
    "Kerkstraat", "Dorpsstraat", "Stationsweg", "Schoolstraat", "Molenweg", "Hoofdstraat",
    "Julianastraat", "Wilhelminastraat", "Beatrixlaan", "Marktplein", "Nieuwstraat",
    "Prinsengracht", "Herengracht", "Parallelweg", "Kastanjelaan", "Eikenlaan", "Zuiderweg",
    "Noordeinde", "Oranjestraat", "Spoorstraat", "Industrieweg", "Havenstraat",
)  # fmt: skip
GR_STREETS = (
    "Εγνατία", "Ερμού", "Σταδίου", "Πανεπιστημίου", "Αθηνάς", "Τσιμισκή",
    "Βασιλίσσης Σοφίας", "Αγίου Δημητρίου", "Κολοκοτρώνη", "Μητροπόλεως", "Ακαδημίας",
    "Πατησίων", "Λεωφόρος Κηφισίας", "Καραϊσκάκη", "Μιαούλη", "Κανάρη", "Μπουμπουλίνας",
    "25ης Μαρτίου", "Ελευθερίου Βενιζέλου", "Αριστοτέλους", "Ομήρου", "Πλάτωνος",
)  # fmt: skip

FR_FIRST = (
    "Marie", "Jean", "Pierre", "Sophie", "Nathalie", "Philippe", "Isabelle", "Michel",
    "Catherine", "Nicolas", "Julien", "Camille", "Léa", "Hugo", "Chloé", "Lucas", "Manon",
    "Thomas", "Émilie", "Antoine", "Élodie", "François", "Hélène", "Stéphane", "Aurélie",
    "Sébastien", "Céline", "Jérôme", "Valérie", "Loïc", "Maëlle", "Gaëlle", "Benoît",
    "Clément", "Inès", "Zoé", "Agnès", "Théo", "Noémie", "Cédric",
)  # fmt: skip
FR_LAST = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont",
    "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau",
    "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin",
    "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
    "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly",
    "Gautier", "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Pérez",
    "Marchand", "Dufour", "Blanchard", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt",
    "Leroux", "Colin", "Fernandez", "Le Gall", "Le Goff", "Bouvier", "Besnard", "Carré",
)  # fmt: skip
FR_TRADES = (
    "Boulangerie", "Pâtisserie", "Boucherie", "Charcuterie", "Fromagerie", "Épicerie",
    "Librairie", "Pharmacie", "Garage", "Menuiserie", "Plomberie", "Électricité", "Coiffure",
    "Fleuriste", "Cave", "Brasserie", "Restaurant", "Hôtel", "Café", "Imprimerie",
    "Quincaillerie", "Cordonnerie", "Bijouterie", "Optique", "Transports", "Maçonnerie",
    "Peinture", "Informatique", "Cabinet", "Atelier", "Traiteur", "Poissonnerie",
    "Papeterie", "Auto-école", "Institut de beauté", "Crèche", "École de musique",
)  # fmt: skip
FR_FORMS = ("SARL", "SARL", "SAS", "SAS", "EURL", "SA")
FR_PLACES = ("du Centre", "de la Gare", "du Marché", "de la Place", "du Port", "des Halles")

NL_FIRST = (
    "Jan", "Pieter", "Kees", "Sanne", "Eva", "Lotte", "Daan", "Sem", "Lucas", "Emma",
    "Julia", "Mila", "Tess", "Bram", "Thijs", "Anouk", "Femke", "Joris", "Maarten",
    "Ingrid", "Willem", "Hendrik", "Marieke", "Annelies", "Ruud", "Bas", "Sjoerd", "Wouter",
)  # fmt: skip
NL_LAST = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
    "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
    "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
    "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
    "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "van der Heijden",
    "Schouten", "van Beek", "Willems", "van Vliet", "Hoekstra", "Maas", "Verhoeven",
    "Koster", "Prins", "Blom", "Huisman", "Peeters", "IJzerman",
)  # fmt: skip
NL_TRADES = (
    "Bakkerij", "Slagerij", "Kaashandel", "Bloemenwinkel", "Fietsenwinkel", "Autobedrijf",
    "Installatiebedrijf", "Schildersbedrijf", "Kapsalon", "Boekhandel", "Apotheek", "Café",
    "Restaurant", "Drukkerij", "Timmerbedrijf", "Loodgietersbedrijf", "Transportbedrijf",
    "Hoveniersbedrijf", "Adviesbureau", "Administratiekantoor",
)  # fmt: skip
NL_FORMS = ("B.V.", "B.V.", "V.O.F.")

# Greek surnames as (masculine, feminine); the feminine form doubles as the genitive in
# trade names ("Αρτοποιείο Παπαδοπούλου").
GR_FIRST_MALE = (
    "Γιώργος", "Δημήτρης", "Κωνσταντίνος", "Γιάννης", "Νίκος", "Παναγιώτης", "Βασίλης",
    "Χρήστος", "Αθανάσιος", "Μιχάλης", "Ευάγγελος", "Σπύρος", "Θανάσης", "Στέλιος",
)  # fmt: skip
GR_FIRST_FEMALE = (
    "Μαρία", "Ελένη", "Αικατερίνη", "Βασιλική", "Σοφία", "Αγγελική", "Γεωργία", "Δήμητρα",
    "Κωνσταντίνα", "Παρασκευή", "Ειρήνη", "Χριστίνα", "Αναστασία", "Ευαγγελία",
)  # fmt: skip
GR_LAST = (
    ("Παπαδόπουλος", "Παπαδοπούλου"), ("Παπανικολάου", "Παπανικολάου"),
    ("Γεωργίου", "Γεωργίου"), ("Οικονόμου", "Οικονόμου"), ("Παπαδάκης", "Παπαδάκη"),
    ("Βασιλείου", "Βασιλείου"), ("Νικολάου", "Νικολάου"), ("Μακρής", "Μακρή"),
    ("Αθανασίου", "Αθανασίου"), ("Δημητρίου", "Δημητρίου"), ("Ιωάννου", "Ιωάννου"),
    ("Κωνσταντίνου", "Κωνσταντίνου"), ("Χατζής", "Χατζή"), ("Μπακάλης", "Μπακάλη"),
    ("Αλεξίου", "Αλεξίου"), ("Καραγιάννης", "Καραγιάννη"), ("Αντωνίου", "Αντωνίου"),
    ("Παπαγεωργίου", "Παπαγεωργίου"), ("Λαμπράκης", "Λαμπράκη"), ("Κουτσός", "Κουτσού"),
    ("Σταθόπουλος", "Σταθοπούλου"), ("Ραφτόπουλος", "Ραφτοπούλου"), ("Ντόκος", "Ντόκου"),
    ("Χριστοδούλου", "Χριστοδούλου"), ("Πετρίδης", "Πετρίδου"),
    ("Αγγελόπουλος", "Αγγελοπούλου"), ("Σωτηρίου", "Σωτηρίου"), ("Ζαχαρίου", "Ζαχαρίου"),
)  # fmt: skip
GR_TRADES = (
    "Αρτοποιείο", "Φαρμακείο", "Κρεοπωλείο", "Ζαχαροπλαστείο", "Ταβέρνα", "Καφενείο",
    "Βιβλιοπωλείο", "Συνεργείο", "Ανθοπωλείο", "Ηλεκτρολογικά", "Οπτικά", "Κομμωτήριο",
    "Ξενοδοχείο", "Τυπογραφείο", "Μεταφορική", "Παντοπωλείο", "Ψητοπωλείο",
    "Λογιστικό γραφείο",
)  # fmt: skip
GR_FORMS = ("Α.Ε.", "Ε.Π.Ε.", "Ι.Κ.Ε.", "Ι.Κ.Ε.")

ROLES = {
    "FR": ("gérant", "gérante", "comptable", "responsable achats", "secrétaire", "directrice"),
    "NL": ("eigenaar", "boekhouder", "inkoper", "office manager", "directeur"),
    "GR": ("διευθυντής", "λογίστρια", "υπεύθυνος αγορών", "γραμματέας"),
}
NOTES = {
    "FR": ("Livraison le mardi matin.", "Paie toujours par chèque.",
           "Préfère être appelé l'après-midi.", "Client fidèle depuis 2012.",
           "Demande une facture papier.", "Accès par la cour, sonner deux fois.",
           "Relancer avant chaque fin de mois.", "Fermé le lundi."),
    "NL": ("Levering op dinsdag.", "Betaalt altijd op tijd.", "Liever bellen na 14.00 uur.",
           "Factuur per post sturen.", "Gesloten op maandag."),
    "GR": ("Παράδοση κάθε Τρίτη.", "Πληρώνει πάντα με επιταγή.",
           "Προτιμά τηλεφώνημα το απόγευμα.", "Κλειστό τη Δευτέρα."),
}  # fmt: skip
MAIL_PROVIDERS = {
    "FR": ("gmail.com", "orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "sfr.fr"),
    "NL": ("gmail.com", "ziggo.nl", "kpnmail.nl", "outlook.com", "hotmail.nl"),
    "GR": ("gmail.com", "yahoo.gr", "otenet.gr", "hotmail.com"),
}
MAIL_BOXES = {
    "FR": ("contact", "contact", "compta", "commandes"),
    "NL": ("info", "info", "administratie", "bestellingen"),
    "GR": ("info", "info", "logistirio", "paraggelies"),
}
TLD = {"FR": "fr", "NL": "nl", "GR": "gr"}
LANGUAGE = {"FR": "fr", "NL": "nl", "GR": "el"}
