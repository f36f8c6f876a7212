"""The contract: the descriptor and schemas, where the package lives, outcomes, checksums, citation.

Imports nothing else of ``zhanaozen``: every other room builds on this one.
"""
