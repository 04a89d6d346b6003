"""Files → model: reading, checking and caching data files."""
