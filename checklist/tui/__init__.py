"""The terminal app (Textual). It reads and writes only through the domain modules."""
