"""A composed letter as a tagged, accessible PDF (PDF/UA-1), drawn by WeasyPrint from HTML.

The HTML comes from a fixed Django template with autoescaping on; the letter's wording and values
arrive as data, so nothing a user typed can add markup. WeasyPrint may fetch nothing: the letter
uses no images, fonts or style sheets from outside the page, and the fetcher refuses every URL.
"""

from django.template.loader import render_to_string

from ..compose import ComposedLetter

CONTENT_TYPE = "application/pdf"
PDF_VARIANT = "pdf/ua-1"


def _refuse_fetch(url: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
    raise ValueError("Letters may not load external resources.")


def render_letter_html(letter: ComposedLetter) -> str:
    """The standalone HTML page the PDF is drawn from."""
    return render_to_string("letters/letter_pdf.html", {"letter": letter})


def render_pdf(letter: ComposedLetter) -> bytes:
    """The letter as PDF bytes, tagged for screen readers (structure tree, language, title)."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only needed for PDFs

    html = HTML(string=render_letter_html(letter), url_fetcher=_refuse_fetch, base_url=None)
    return html.write_pdf(pdf_variant=PDF_VARIANT)
