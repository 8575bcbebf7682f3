"""Serving: the FastAPI app, its routes and guards, the Gradio chat and the embeddable widget."""
