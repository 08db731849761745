"""Composing the answer: evidence sentences with [n] citations, or an honest abstention."""
