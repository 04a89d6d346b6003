"""The Click that Typer runs on (a vendored copy since Typer 0.2x, the ``click`` package before).

Reached through Typer's own ``BadParameter``, so gapcli never mixes two Clicks.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

click: Any = sys.modules[typer.BadParameter.__module__.rpartition(".")[0]]
