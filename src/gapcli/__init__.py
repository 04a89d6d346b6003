"""gapcli: the policy gaps in Shared Hope's state report cards, from the terminal.

The library comes first: ``gapcli.api`` answers every question the CLI does, as
plain records (``gapcli.records``); the CLI (``gapcli.cli``) is a thin layer on top.
"""

__version__ = "0.1.0"
