"""Logging without personal data: a filter that masks emails, phone numbers, card-like numbers and
street addresses in every record (message, arguments and traceback) before any handler writes it.

    from assistant.serve.logging_setup import install_pii_filter
    install_pii_filter()  # after logging.basicConfig; app.py and `assistant serve` do this
"""

from __future__ import annotations

import logging
import re
from functools import partial

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 13-19 digits, optionally grouped by spaces or dashes: payment cards.
CARD = re.compile(r"\b\d(?:[ -]?\d){12,18}\b")
# +1 (555) 123-4567, 555-123-4567, 020 7946 0958, +44 20 7946 0958: 7-15 digits with separators.
PHONE = re.compile(
    r"(?<![\w-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,3}(?![\w-])"
)
STREET = re.compile(
    r"\b\d{1,5}\s+(?:[A-Z][a-z]+\.?\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|"
    r"Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy|Square|Sq|Highway|Hwy)\b\.?",
    re.I,
)
ZIP = re.compile(r"\b(zip|post ?code|postal code)(\s*code)?(\s*(?:is|:|=))?\s*[A-Za-z0-9-]{3,10}\b", re.I)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MASKS = (
    (EMAIL, "<email>"),
    (CARD, "<card>"),
    (STREET, "<address>"),
    (PHONE, "<phone>"),
)


def mask_pii(text: str) -> str:
    text = ZIP.sub(lambda m: f"{m.group(1)} <zip>", text)
    for pattern, mask in MASKS:
        text = pattern.sub(partial(_replace, mask=mask), text)
    return text


def _replace(match: re.Match[str], mask: str) -> str:
    return _keep_short(match.group(0), mask)


def _keep_short(found: str, mask: str) -> str:
    """Order ids, prices, dates and years stay readable: a phone needs at least 7 digits."""
    if mask == "<phone>" and (sum(c.isdigit() for c in found) < 7 or DATE.fullmatch(found)):
        return found
    return mask


def _mask_arg(value: object) -> object:
    return mask_pii(value) if isinstance(value, str) else value


class PiiFilter(logging.Filter):
    """Rewrites each record in place; never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Arguments are masked one by one, not merged into the message: formatters such as uvicorn's
        # access log read record.args by position.
        if isinstance(record.msg, str):
            record.msg = mask_pii(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_mask_arg(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _mask_arg(v) for k, v in record.args.items()}
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_pii(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_pii(record.stack_info)
        return True


def install_pii_filter(
    logger_names: tuple[str, ...] = ("", "uvicorn", "uvicorn.error", "uvicorn.access"),
) -> None:
    """Attach the filter to every handler of these loggers (handler filters also see records that
    propagate from child loggers, logger filters do not) and to the loggers themselves."""
    pii = PiiFilter()
    for name in logger_names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, PiiFilter) for f in logger.filters):
            logger.addFilter(pii)
        for handler in logger.handlers:
            if not any(isinstance(f, PiiFilter) for f in handler.filters):
                handler.addFilter(pii)
