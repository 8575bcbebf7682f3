"""Composing answers from facts: templates, the generator's checked text, prompts as package data."""
