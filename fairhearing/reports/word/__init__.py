"""The Word template reports are written into (report-template.docx) and the code that makes it.

A council restyles its reports by opening report-template.docx in Word, changing the styles
(fonts, colours, the logo in the header, the cover page) and pointing FAIRHEARING_REPORT_TEMPLATE
at its copy. ``template.py`` rebuilds the default: ``python -m fairhearing.reports.word.template``.
"""

from pathlib import Path

DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "report-template.docx"
