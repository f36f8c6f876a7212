"""The maintainers' verbs: fmt, IDs and templates, diff and release notes, release and its artefacts."""
