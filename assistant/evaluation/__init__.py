"""Offline evaluation of the assistant on labelled sets: retrieval, intents and scripted dialogues.

Run with `make eval` (``python -m assistant.cli eval``); results go to ``evaluation/results/``.
"""
