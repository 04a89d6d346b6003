"""Writing files whole: the import journal, ``--out`` and ``--export`` targets, a Ctrl-C that waits for a rename."""
