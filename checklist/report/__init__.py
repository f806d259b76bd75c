"""The PDF self-assessment report (自查报告).

`content` builds what the report says from a standard and an answers file, as plain
data, and never imports WeasyPrint; `pdf` writes that content as a PDF (template,
stylesheets, fonts, layout in parts side by side); `verify` checks a report against
the answers embedded in it; `commands` is the command line (report, verify).
"""
