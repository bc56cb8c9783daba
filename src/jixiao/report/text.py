"""A ``ReportDocument`` as plain text (title, headings, paragraphs): the outline editor's preview."""

from __future__ import annotations

from jixiao.report.document import Heading, ReportDocument


def document_text(document: ReportDocument) -> str:
    """The body as the report prints it, one block per line (no pages, no tables)."""
    lines = list(document.title.lines)
    for block in document.body:
        if isinstance(block, Heading):
            lines.append(block.text)
        else:
            lines.append(block.lead + block.text)
    lines += [" ".join(table.title) for table in document.attachments if table.title]
    return "\n".join(lines)
