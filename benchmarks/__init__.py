"""Benchmark scripts; results/ holds the latest run."""
