"""Data → model: the bundled and user data folders, TOML read within bounds and checked, the parse cache."""
