"""Questions on the model: pure functions, no I/O, no rendering."""
