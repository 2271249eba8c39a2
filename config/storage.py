"""The file system storage, made atomic: a file appears under its name complete and on disk, or not at all."""

from __future__ import annotations

import contextlib
import os
import secrets

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    """FileSystemStorage whose files are written beside their name, flushed to disk, then linked to it.

    Django's own writes the bytes in place: a crash or a full disk mid-write leaves a truncated file under the
    final name, which a reader then takes for the whole. Here a name only ever holds a complete file; a failed
    write leaves at most a `.part` file beside it. As with Django's, a second file of the same name gets a
    name of its own unless allow_overwrite is set."""

    def _save(self, name, content):
        partial = f"{name}.{secrets.token_hex(8)}.part"
        try:
            partial = super()._save(partial, content)
            _flush(self.path(partial))
            while True:
                if self._allow_overwrite:
                    os.replace(self.path(partial), self.path(name))
                    break
                try:
                    os.link(self.path(partial), self.path(name))  # fails rather than replace an existing name
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
            _flush(os.path.dirname(self.path(name)))  # the new name itself survives a power cut
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path(partial))
        return name


def _flush(path: str) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
