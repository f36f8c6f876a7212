"""The stages every package passes before the rules: descriptor, integrity, structure, fields."""
