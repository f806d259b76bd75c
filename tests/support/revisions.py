"""A later revision of a signed PDF, as a person changing the file after it was signed
adds one: the signed bytes stay, a page is drawn over."""

from __future__ import annotations

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter


def first_page_patched(data: bytes, box: tuple[int, int, int, int]) -> bytes:
    """`data` with a white patch (x, y, width, height in points) drawn over its first
    page, added as a later revision."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    drawn = "q 1 1 1 rg {} {} {} {} re f Q".format(*box).encode()
    patch = writer.add_object(generic.StreamObject(stream_data=drawn))
    page["/Contents"] = generic.ArrayObject([page.raw_get("/Contents"), patch])
    writer.update_container(page)
    changed = io.BytesIO()
    writer.write(changed)
    return changed.getvalue()
