"""Helpers shared by the test folders: builders of packs and answers, sample units,
and driving the app as a person would."""
