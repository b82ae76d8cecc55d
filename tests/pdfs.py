"""Small PDFs made in the test run (fpdf2), so no binary fixture is committed."""

from __future__ import annotations

from fpdf import FPDF


def make_pdf(pages: list[str], title: str | None = None, author: str | None = None,
             user_password: str | None = None, heading: str | None = None) -> bytes:
    """A PDF with one text page per item; optional metadata, encryption and a large first-page heading."""
    pdf = FPDF()
    if user_password is not None:
        pdf.set_encryption(owner_password="owner", user_password=user_password)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    for number, body in enumerate(pages):
        pdf.add_page()
        if heading and number == 0:
            pdf.set_font("helvetica", size=24)
            pdf.cell(0, 12, heading)
            pdf.ln()
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, body)
    return bytes(pdf.output())
