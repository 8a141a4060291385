"""The end-of-year report as a Word document (python-docx), for the network to edit on.

The same blocks as the PDF, in the same order: a title, headings, paragraphs and
tables with a header row. The document's core properties carry its title and
language, so the file names itself in a document list.
"""

from __future__ import annotations

import io

from docx import Document as new_document
from docx.shared import Pt

from ecogram.year_report import YearReport
from exports.year_report_content import Heading, Paragraph, year_report_content


def year_report_docx(report: YearReport, lang: str) -> bytes:
    content = year_report_content(report, lang)
    document = new_document()
    document.core_properties.title = content.title
    document.core_properties.language = content.lang
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(content.title, level=1)
    for block in content.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=2)
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text, style="Intense Quote" if block.notice else None)
        else:
            table = document.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in block.rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
