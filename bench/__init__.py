"""Benchmarks that print figures and write a summary to bench/out/ (run as ``python -m bench.NAME``)."""
