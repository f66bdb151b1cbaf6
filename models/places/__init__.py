"""Postcode → place lists shipped with Comptoir (one gzip'd TSV per country), read by
models.postcodes; `build.py` beside them regenerates them from their open-data sources."""
