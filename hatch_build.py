"""Wheel build hook: the bundled data parsed once, here, so that no run parses it (gapcli/catalog/snapshot.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class SnapshotHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the checkout's data/, which may change: no snapshot
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from gapcli.catalog.snapshot import FILE_NAME, build
        finally:
            sys.path.pop(0)
        out = Path(self.directory) / FILE_NAME
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(build(root / "data"))
        build_data["force_include"][str(out)] = f"gapcli/data/{FILE_NAME}"
