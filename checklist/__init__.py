"""checklist: self-assessment of organs' trade unions against the 《机关工会工作暂行条例》 standard."""

__version__ = "0.1.0"
