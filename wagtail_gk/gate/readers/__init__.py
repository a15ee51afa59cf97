"""Readers of attached files, one module per format family.

:func:`wagtail_gk.gate.documents.extract_file_text` recognises a file by its
content (magic bytes, the member names of a zip, the streams of an OLE
compound file), not by its extension, and hands it to one of these readers.
A reader fills a :class:`~wagtail_gk.gate.documents.FileText` with pages of
text or raises :class:`~wagtail_gk.gate.readers.base.Unreadable` with a reason
for people; see docs/gate.md, "Attachment formats".
"""
