"""gapcli: the policy gaps in Shared Hope's state report cards, from the terminal.

The library comes first: load a catalog with ``gapcli.load.Catalog`` and ask it
questions with the functions in ``gapcli.query``; the CLI is a thin layer on top.
"""

__version__ = "0.1.0"
