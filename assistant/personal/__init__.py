"""Personalisation: shopper profiles (orders, views, clicks, stated preferences), co-purchase and
content signals, feedback priors, and the personalizer rank.py blends in."""

from assistant.personal.service import PersonalService

__all__ = ["PersonalService"]
