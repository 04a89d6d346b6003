"""A parse cache: TOML is parsed once per file version, later runs read JSON.

Entries are keyed by path and (mtime_ns, size, inode), so an edited, replaced or
new file is parsed again; a deleted file is never listed, so never served. The
cache is an optimisation only: any problem with it falls back to parsing.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from gapcli.load.tomlfile import read_toml

FORMAT = 1


class ParseCache:
    def __init__(self, cache_dir: Path | None, root: Path):
        self.file = None
        if cache_dir is not None:
            digest = zlib.crc32(str(root.resolve()).encode())
            self.file = cache_dir / f"parsed-{root.name}-{digest:08x}.json"
        self.entries: dict[str, list] = {}
        self.dirty = False
        if self.file is not None:
            try:
                stored = json.loads(self.file.read_text("utf-8"))
                if stored.get("format") == FORMAT:
                    self.entries = stored["entries"]
            except (OSError, ValueError, KeyError, AttributeError):
                self.entries = {}

    def read(self, path: Path) -> dict:
        """The parsed TOML of ``path``, from the cache when the file is unchanged."""
        key = str(path)
        stat = path.stat()
        stamp = [stat.st_mtime_ns, stat.st_size, stat.st_ino]
        entry = self.entries.get(key)
        if entry is not None and entry[0] == stamp:
            return entry[1]
        data = read_toml(path)
        self.entries[key] = [stamp, data]
        self.dirty = True
        return data

    def forget_missing(self, folder: Path, present: set[str]) -> None:
        """Drop entries of files in ``folder`` that are gone, to keep the cache small."""
        prefix = str(folder) + os.sep
        gone = [k for k in self.entries if k.startswith(prefix) and os.sep not in k[len(prefix) :] and k not in present]
        for key in gone:
            del self.entries[key]
            self.dirty = True

    def save(self) -> None:
        if not (self.dirty and self.file is not None):
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.file.with_name(f"{self.file.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps({"format": FORMAT, "entries": self.entries}), "utf-8")
            os.replace(temporary, self.file)
            self.dirty = False
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written only costs speed
