"""The report: a year's data → a ``ReportDocument`` (data) → PDF, Word, Excel or plain text.

Builders (no reportlab, no Office library; plain data out):

* ``document``: the ``ReportDocument`` model (headings, paragraphs, tables), text already final.
* ``build_document``: a year's records → the ``ReportDocument`` of the 自评报告 (the outline's text).
* ``build_score_tables``: the score tables (自评表) as ``Table`` parts of that model.
* ``layouts``: layout profiles as data (page geometry, type sizes, grid; GB/T 9704 by default).

Renderers (one per output, each the only importer of its library):

* ``pdf`` (reportlab) with ``pdf_grid``, its self-paginating table flowable, and ``fonts``;
* ``word`` (python-docx), ``excel`` (openpyxl: the score tables only), ``text`` (plain text preview).
"""
