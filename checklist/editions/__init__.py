"""Editions of a standard: what changed between two (diff), and carrying a unit's
answers from one to the next (migrate)."""
