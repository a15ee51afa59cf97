"""Disclosure requests (依申请公开): public intake and status lookup, the statutory
procedure (``services``, one ``actions`` registry), deadlines in working days,
the standard documents, fees, the archive and the annual report; see
docs/foia.md."""
