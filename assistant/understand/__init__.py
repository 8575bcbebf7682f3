"""Understanding a turn: one reader per concern (prices, measures, facets, references, intents),
with the vocabulary built from the shop's own data."""
