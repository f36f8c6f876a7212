"""Pages of the data dictionary site, generated from the descriptor, the schemas and the CSVs.

``docs/hooks/data_dictionary.py`` hands these pages to MkDocs at build time, so the site can
never disagree with the schemas: nothing here restates a field, a vocabulary or a key.
Every text taken from a CSV or a schema is escaped before it reaches the page.
"""
