"""Tests of contradict.ingest (a package, so test module names do not clash with other folders)."""
