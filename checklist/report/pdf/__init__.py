"""The report's content written as a PDF, with WeasyPrint.

`markup` turns the content into HTML (templates/, with `layout`'s page decisions),
without WeasyPrint; `writer` lays it out in parts side by side (`parts`, joined by
`assemble`), embedding compact fonts (`compact`) of the families `fonts` finds;
`engine` imports WeasyPrint; `service` is the process that writes the app's reports.
"""
