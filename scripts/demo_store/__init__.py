"""Generate the demo store in ``knowledge/``: catalog, FAQs, policy pages, customers and orders.

Run ``python scripts/make_demo_store.py [--out DIR]`` (or ``python -m demo_store`` from ``scripts/``). The
output is a pure function of the seed: the same code writes the same bytes, so
``tests/unit/test_demo_store.py`` can regenerate the store into a temp dir and compare it with the committed
files. Nothing here touches the network or a model; all text comes from templates whose every sentence is
derived from the product's own attributes, so a description never contradicts the facts the assistant
filters on.

Modules: ``basics`` (seed, draws, slugs), ``draft`` (a product before ids, brands, colours, sizes),
``variants`` (prices and variants), ``wording`` (descriptions and reviews), ``products/`` (one maker module
per category family), ``catalog``, ``faqs``, ``policy_pages`` (copies the Markdown in ``policies/``),
``customers``, ``orders``, ``generate`` and the CLI in ``__main__``.
"""
