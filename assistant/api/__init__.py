"""JSON HTTP API served next to the web app (same process, same FastAPI)."""
