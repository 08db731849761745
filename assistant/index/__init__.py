"""The vector side: embedding models and the Chroma collection that stores passages."""
