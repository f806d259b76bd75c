"""WeasyPrint, the PDF engine, imported without its slow search for its libraries.

When imported, WeasyPrint opens GObject, Pango, HarfBuzz and fontconfig by trying a
list of names for each, in the spellings of Windows, macOS and Linux. cffi hands a
name it cannot open as it stands to `ctypes.util.find_library`, which on Linux runs
`ldconfig -p` and, for a name that is not there, the C compiler and the linker: 22
searches, 16 of them in vain, 0.46 s of every `checklist report` here (importing
WeasyPrint took 1.23–1.38 s with them, 0.87–1.00 s without).

So while WeasyPrint is imported the search answers "not found" at once, and each
library is opened by the file name in WeasyPrint's list (`libpango-1.0.so.0`,
`libpango-1.0.dylib`, …) through the system's own loader, which is where the search
would have led. Should that open nothing, WeasyPrint is imported again with the
search as it is, and fails or succeeds as it would have without this module.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
from collections.abc import Iterator
from types import ModuleType


@contextlib.contextmanager
def _library_search_skipped() -> Iterator[None]:
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


def import_by_file_names(module: str) -> ModuleType:
    """Import `module`, whose import opens shared libraries, first with the libraries
    opened by their file names alone, then, if that raises OSError, as usual."""
    try:
        # WeasyPrint prints a help text when a library fails to open: not yet.
        with _library_search_skipped(), contextlib.redirect_stdout(io.StringIO()):
            return importlib.import_module(module)
    except OSError:
        return importlib.import_module(module)


import_by_file_names("weasyprint")

from weasyprint import CSS, HTML, Attachment  # noqa: E402
from weasyprint.logger import PROGRESS_LOGGER  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

__all__ = [
    "CSS",
    "HTML",
    "PROGRESS_LOGGER",
    "Attachment",
    "FontConfiguration",
    "URLFetcher",
    "URLFetcherResponse",
]
