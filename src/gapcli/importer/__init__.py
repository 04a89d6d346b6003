"""Card texts and PDFs → cards → the user's TOML files (``gapcli import``), all or nothing."""
