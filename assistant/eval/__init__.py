"""Evaluation of answer quality: the project's German question set and the harness behind ``ikz eval``."""
