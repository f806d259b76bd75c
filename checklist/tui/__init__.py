"""The terminal app (Textual). It reads and writes only through the domain modules."""

from checklist.tui import collector

collector.starting()  # no collections until the first screen is up (collector.py)
