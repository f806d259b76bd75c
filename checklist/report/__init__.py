"""The PDF self-assessment report (自查报告).

`data` turns a scored unit into plain data and never imports WeasyPrint; `render`
lays it out with WeasyPrint; `main` is the command line (report, verify).
"""
