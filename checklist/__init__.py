"""checklist: self-assessment of organs' trade unions against the 《机关工会工作暂行条例》 standard."""

from checklist.pydantic_plugins import search_off

__version__ = "0.1.0"

search_off()  # before any model is built (pydantic_plugins.py)
