"""The report's content written as an editable Word copy, with python-docx.

`writer` walks the content (report/content.py) section by section into a document
whose page and named styles by role `styles` sets up (GB/T 9704). The Word copy is
not tamper-evident: the PDF (report/pdf) is the copy of record.
"""
