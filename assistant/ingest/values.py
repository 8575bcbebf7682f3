"""Attribute values normalised once, when products are imported or loaded.

Shops write one fact many ways: `"waterproof": "yes"`, `"Weight": "1.34 kg"`, `"strap material":
"leather"`. Filters, the vocabulary and the answers need one form, so every attribute becomes:
- a canonical key (lowercase words joined by "_": "strap material" -> "strap_material"), the shop's
  own label kept for display;
- a bool, when every value the key has across the catalog is a yes/no word (yes/no/true/false/y/n,
  and then 1/0 too: a key holding only 1 and 0 stays a count);
- a number in one base unit per dimension (g, ml, mm, mAh, GB, W, hours, %...), when the value is a
  number with a unit ("1.34 kg" -> `weight_g: 1340.0`, "1TB SSD" -> `storage_gb: 1000.0`), the
  unit written into the key the way the catalog already spells measures (`weight_g`), and the
  shop's own text kept for display ("1.34 kg"); in a key whose values are all such amounts, a
  value naming its amount by a word is one too ("No warranty" -> 0, "Lifetime warranty" -> UNBOUNDED);
- a plain number, when the value is one ("240"), else the text as written.
Sizes and colours are labels, never numbers ("10", "80%" stay text). Everything here is a pure
function of the values; `normalise_products` is idempotent, so normalising an already normalised
catalog changes nothing.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.records import AttrValue, Product, Variant

# yes/no words as shops write them; "1"/"0" count only inside a key that also has such words.
_TRUE_WORDS = frozenset({"yes", "y", "true"})
_FALSE_WORDS = frozenset({"no", "n", "false"})
_DIGIT_FLAGS = {"1": True, "0": False}
# Words that give an amount without a number, inside a key whose other values are measures:
# "No warranty" is none of it, "Lifetime warranty" has no end (general English, not shop words).
_NONE_WORDS = frozenset({"no", "none", "zero", "without", "nil"})
_UNBOUNDED_WORDS = frozenset(
    {"lifetime", "lifelong", "unlimited", "limitless", "infinite", "indefinite", "forever", "permanent"}
)
# The amount an unbounded value stands for: finite, so JSON, Chroma metadata and numpy columns hold
# it, and larger than any measure a shop writes; the shop's own text is kept for display.
UNBOUNDED = 1e12
# Keys whose values are labels a shopper picks from (matched as written), never measures.
LABEL_KEYS = frozenset({"size", "color"})
# General English spelling variants of a key (not shop words): one key per concept.
_KEY_SPELLINGS = {"colour": "color"}


@dataclass(frozen=True)
class Unit:
    pattern: str  # regex for the unit as written, case-insensitive
    base: str  # the dimension's base unit, as it is written into keys ("g", "ml", "mm", ...)
    factor: float  # multiplier into the base unit
    offset: float = 0.0  # added after the factor (temperatures)


UNITS: tuple[Unit, ...] = (
    Unit(r"mg|milligrams?", "g", 0.001),
    Unit(r"kg|kgs|kilos?|kilograms?", "g", 1000.0),
    Unit(r"g|gr|grams?", "g", 1.0),
    Unit(r"oz|ounces?", "g", 28.349523125),
    Unit(r"lbs?|pounds?", "g", 453.59237),
    Unit(r"fl\.? ?oz", "ml", 29.5735295625),
    Unit(r"ml|millilit(?:er|re)s?", "ml", 1.0),
    Unit(r"cl|centilit(?:er|re)s?", "ml", 10.0),
    Unit(r"l|ltrs?|lit(?:er|re)s?", "ml", 1000.0),
    Unit(r"gal|gallons?", "ml", 3785.411784),
    Unit(r"µm|um|microns?", "mm", 0.001),
    Unit(r"mm|millimet(?:er|re)s?", "mm", 1.0),
    Unit(r"cm|centimet(?:er|re)s?", "mm", 10.0),
    Unit(r"km|kilomet(?:er|re)s?", "mm", 1_000_000.0),
    Unit(r"m|met(?:er|re)s?", "mm", 1000.0),
    Unit(r"in|inch(?:es)?|\"|''", "mm", 25.4),
    Unit(r"ft|feet|foot|'", "mm", 304.8),
    Unit(r"yds?|yards?", "mm", 914.4),
    Unit(r"mah", "mah", 1.0),
    Unit(r"ah", "mah", 1000.0),
    Unit(r"kb", "gb", 1e-6),
    Unit(r"mb", "gb", 0.001),
    Unit(r"gb", "gb", 1.0),
    Unit(r"tb", "gb", 1000.0),
    Unit(r"kwh", "wh", 1000.0),
    Unit(r"wh", "wh", 1.0),
    Unit(r"kw|kilowatts?", "w", 1000.0),
    Unit(r"w|watts?", "w", 1.0),
    Unit(r"v|volts?", "v", 1.0),
    Unit(r"ghz", "hz", 1e9),
    Unit(r"mhz", "hz", 1e6),
    Unit(r"khz", "hz", 1e3),
    Unit(r"hz|hertz", "hz", 1.0),
    Unit(r"s|secs?|seconds?", "hours", 1 / 3600),
    Unit(r"mins?|minutes?", "hours", 1 / 60),
    Unit(r"h|hrs?|hours?", "hours", 1.0),
    Unit(r"days?", "hours", 24.0),
    Unit(r"wks?|weeks?", "hours", 168.0),
    Unit(r"months?", "hours", 730.0),
    Unit(r"yrs?|years?", "hours", 8760.0),
    Unit(r"%|percent(?:age)?|per cent", "pct", 1.0),
    Unit(r"pcs?|pieces?", "pieces", 1.0),
    Unit(r"persons?|people", "persons", 1.0),
    Unit(r"° ?c|º ?c|celsius", "c", 1.0),
    Unit(r"° ?f|º ?f|fahrenheit", "c", 5 / 9, -32 * 5 / 9),
    Unit(r"gsm|g/m2|g/m²", "gsm", 1.0),
    Unit(r"lm|lumens?", "lumens", 1.0),
    Unit(r"dpi", "dpi", 1.0),
    Unit(r"db", "db", 1.0),
)
# How a base unit reads after a number, when the shop's own text is not at hand (a numeric value).
BASE_UNIT_TEXT = {
    "g": "g", "kg": "kg", "ml": "ml", "l": "L", "mm": "mm", "cm": "cm", "m": "m", "mah": "mAh",
    "gb": "GB", "wh": "Wh", "w": "W", "v": "V", "hz": "Hz", "hours": "hours", "h": "h", "pct": "%",
    "pieces": "pieces", "persons": "persons", "c": "°C", "gsm": "gsm", "lumens": "lumens",
    "dpi": "dpi", "db": "dB", "in": "in",
}  # fmt: skip
_NUMBER = r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:[.,]\d+)?"
_LEADING_NUMBER = re.compile(rf"^\s*(?P<num>{_NUMBER})\s*-?\s*(?P<tail>.*?)\s*$", re.S)
_PLAIN_NUMBER = re.compile(rf"^\s*{_NUMBER}\s*$")
_UNIT_AT_START = [
    (re.compile(rf"^(?:{u.pattern})(?![a-z0-9])\s*(?P<rest>.*)$", re.I | re.S), u) for u in UNITS
]
_REST = re.compile(r"^[^\W\d_][\w&/+-]*(?:\s+[^\W\d_][\w&/+-]*){0,2}$")  # "SSD", "warranty", "per charge"


@dataclass(frozen=True)
class Measure:
    value: float  # in the base unit
    unit: str  # the base unit ("g", "ml", "mm", "mah", "gb", "hours", ...)
    text: str  # as the shop wrote it, for display


def _number(text: str) -> float:
    text = text.replace("−", "-")
    if re.fullmatch(r"[-+]?\d+,\d{1,2}", text):  # "1,8": a decimal comma, not thousands
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


@functools.lru_cache(maxsize=65536)
def parse_measure(text: str) -> Measure | None:
    """ "1.34 kg" -> Measure(1340.0, "g", "1.34 kg"); "1TB SSD" -> (1000.0, "gb"); "2-piece" ->
    (2.0, "pieces"). None when the text is not one number followed by a known unit (and at most a
    few words: "1 year warranty"), e.g. ranges ("3-5 days"), counts ("2 x AA") or prose."""
    found = _LEADING_NUMBER.match(text)
    if found is None or not found.group("tail"):
        return None
    for pattern, unit in _UNIT_AT_START:
        hit = pattern.match(found.group("tail"))
        if hit is None:
            continue
        rest = hit.group("rest")
        if rest and not _REST.match(rest):
            return None  # "3 in 1 charger", a sentence: not a measure
        value = _number(found.group("num")) * unit.factor + unit.offset
        return Measure(round(value, 6), unit.base, text.strip())
    return None


def parse_number(text: str) -> int | float | None:
    """A value that is only a number ("240", "5.3", "26,800"), else None. A leading zero ("007",
    a zip code) marks a code, not a quantity."""
    if not _PLAIN_NUMBER.match(text):
        return None
    stripped = text.strip().lstrip("+-−")
    if len(stripped) > 1 and stripped[0] == "0" and stripped[1].isdigit():
        return None
    value = _number(text.strip())
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() and not re.search(r"[.,]\d+$", text.strip()) else value


def parse_flag(value: AttrValue) -> bool | None:
    """The bool a yes/no word or 1/0 stands for, else None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value) if value in (0, 1) else None
    word = value.strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    return _DIGIT_FLAGS.get(word)


@functools.lru_cache(maxsize=65536)
def canonical_key(label: str) -> str:
    """ "Strap Material" -> "strap_material": lowercase words joined by "_"."""
    key = "_".join(re.findall(r"[^\W_]+", label.lower()))
    return _KEY_SPELLINGS.get(key, key) or label.strip().lower()


def _unit_of_suffix(word: str) -> Unit | None:
    for pattern, unit in _UNIT_AT_START:
        hit = pattern.match(word)
        if hit is not None and not hit.group("rest"):
            return unit
    return None


def measure_key(key: str, base: str) -> str:
    """The key a measure is stored under: the base unit appended ("weight" -> "weight_g"), a unit
    already in the key of the same dimension replaced ("weight_kg" -> "weight_g")."""
    parts = key.split("_")
    if parts[-1] == base:
        return key
    last = _unit_of_suffix(parts[-1]) if len(parts) > 1 else None
    if last is not None and last.base == base:
        parts = parts[:-1]
    stem = "_".join(parts)
    return base if stem == base else f"{stem}_{base}"


def boolean_keys(attribute_maps: Iterable[Mapping[str, AttrValue]]) -> frozenset[str]:
    """Canonical keys whose every value is a yes/no flag, with at least one a real bool or word
    (a key holding only 1 and 0 is a count until the shop says otherwise)."""
    flags: dict[str, bool] = {}  # key -> seen a word or bool so far
    broken: set[str] = set()
    for attrs in attribute_maps:
        for raw_key, value in attrs.items():
            key = canonical_key(raw_key)
            if key in broken:
                continue
            if key in LABEL_KEYS or parse_flag(value) is None:
                broken.add(key)
                flags.pop(key, None)
                continue
            worded = isinstance(value, bool) or (isinstance(value, str) and value.strip() not in _DIGIT_FLAGS)
            flags[key] = flags.get(key, False) or worded
    return frozenset(key for key, worded in flags.items() if worded)


@dataclass(frozen=True)
class NormalisedAttributes:
    values: dict[str, AttrValue]  # canonical key -> normalised value
    labels: dict[str, str]  # canonical key -> the shop's own label, where it differs from the key
    texts: dict[str, str]  # canonical key -> the value as the shop wrote it, where it was converted


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _measure_words(text: str) -> frozenset[str]:
    """The words after a measure's unit ("1 year warranty" -> {"warranty"})."""
    found = _LEADING_NUMBER.match(text)
    if found is None:
        return frozenset()
    for pattern, _ in _UNIT_AT_START:
        hit = pattern.match(found.group("tail"))
        if hit is not None:
            return frozenset(_words(hit.group("rest")))
    return frozenset()


def word_amount(text: str) -> float | None:
    """The amount a value names with a word instead of a number: 0.0 for "No warranty" / "None",
    UNBOUNDED for "Lifetime warranty" / "Unlimited"; None for any other text. Only meaningful in a
    key whose other values are measures (`quantity_keys`)."""
    words = _words(text)
    if not words:
        return None
    if words[0] in _NONE_WORDS:
        return 0.0
    if words[0] in _UNBOUNDED_WORDS:
        return UNBOUNDED
    return None


def quantity_keys(
    attribute_maps: Iterable[Mapping[str, AttrValue]], flags: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Canonical keys whose text values are all amounts of one dimension -> that base unit: measures
    ("1 year warranty", "30 days return policy") and amounts named by a word whose other words are
    the measures' own ("No warranty" = 0, "Lifetime warranty" = unbounded). Such a key is numeric
    throughout, so "at least 2 years" also keeps the lifetime ones and drops those with none."""
    bases: dict[str, set[str]] = {}
    trailing: dict[str, set[str]] = {}  # key -> words after the measures' units
    worded: dict[str, list[frozenset[str]]] = {}  # key -> the other words of its word amounts
    broken: set[str] = set()
    for attrs in attribute_maps:
        for raw_key, value in attrs.items():
            key = canonical_key(raw_key)
            if key in broken or key in flags or key in LABEL_KEYS or not isinstance(value, str):
                continue
            measure = parse_measure(value)
            if measure is not None:
                bases.setdefault(key, set()).add(measure.unit)
                trailing.setdefault(key, set()).update(_measure_words(value))
            elif word_amount(value) is not None:
                worded.setdefault(key, []).append(frozenset(_words(value)[1:]))
            else:
                broken.add(key)
    found: dict[str, str] = {}
    for key, words in worded.items():
        units = bases.get(key, set())
        if key in broken or len(units) != 1:
            continue
        if all(rest <= trailing.get(key, set()) for rest in words):
            found[key] = next(iter(units))
    return found


def normalise_value(
    key: str, value: AttrValue, flags: frozenset[str], quantities: Mapping[str, str] | None = None
) -> tuple[str, AttrValue, str | None]:
    """(key to store under, normalised value, the shop's text when it was converted)."""
    if key in flags:
        flag = parse_flag(value)
        return key, value if flag is None else flag, None
    if not isinstance(value, str) or key in LABEL_KEYS:
        return key, value, None
    measure = parse_measure(value)
    if measure is not None:
        return measure_key(key, measure.unit), measure.value, measure.text
    amount = word_amount(value) if quantities and key in quantities else None
    if amount is not None and quantities is not None:
        return measure_key(key, quantities[key]), amount, value.strip()
    number = parse_number(value)
    if number is not None:
        return key, number, value.strip()
    return key, value, None


def normalise_attributes(
    raw: Mapping[str, AttrValue],
    flags: frozenset[str],
    labels: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
    quantities: Mapping[str, str] | None = None,
) -> NormalisedAttributes:
    """One attribute map in normal form; `labels`/`texts` already recorded (a re-normalised record)
    are kept. On a clash of two spellings of one key the first value stays."""
    values: dict[str, AttrValue] = {}
    out_labels = dict(labels or {})
    out_texts = dict(texts or {})
    for raw_key, value in raw.items():
        base = canonical_key(raw_key)
        key, normal, text = normalise_value(base, value, flags, quantities)
        if key in values:
            continue
        values[key] = normal
        written = raw_key.strip()
        # Kept where the shop's label says more than the key ("USB-C ports"); a header's capitals
        # alone ("Weight") are not kept, so the label reads naturally inside a sentence.
        shop_words = written.replace("_", " ").lower()  # "return_policy" reads as "return policy"
        if key not in out_labels and written != key and label_of(key).lower() != shop_words:
            out_labels[key] = written
        if text is not None and key not in out_texts:
            out_texts[key] = text
    return NormalisedAttributes(
        values,
        {k: v for k, v in out_labels.items() if k in values},
        {k: v for k, v in out_texts.items() if k in values},
    )


def _normal_variant(variant: Variant, flags: frozenset[str], quantities: Mapping[str, str]) -> Variant:
    n = normalise_attributes(
        variant.attributes, flags, variant.attribute_labels, variant.attribute_texts, quantities
    )
    if (
        n.values == variant.attributes
        and n.labels == variant.attribute_labels
        and n.texts == variant.attribute_texts
    ):
        return variant
    return variant.model_copy(
        update={"attributes": n.values, "attribute_labels": n.labels, "attribute_texts": n.texts}
    )


def normalise_product(
    product: Product, flags: frozenset[str] | None = None, quantities: Mapping[str, str] | None = None
) -> Product:
    """The product with every attribute (its own and its variants') in normal form; the same object
    when nothing changes. `flags`: the catalog's boolean keys, `quantities` its quantity keys
    (default: this product's own)."""
    maps = [product.attributes, *(v.attributes for v in product.variants)]
    if flags is None:
        flags = boolean_keys(maps)
    if quantities is None:
        quantities = quantity_keys(maps, flags)
    n = normalise_attributes(
        product.attributes, flags, product.attribute_labels, product.attribute_texts, quantities
    )
    variants = [_normal_variant(v, flags, quantities) for v in product.variants]
    same_variants = all(a is b for a, b in zip(variants, product.variants, strict=True))
    unchanged = (
        n.values == product.attributes
        and n.labels == product.attribute_labels
        and n.texts == product.attribute_texts
    )
    if unchanged and same_variants:
        return product
    return product.model_copy(
        update={
            "attributes": n.values,
            "attribute_labels": n.labels,
            "attribute_texts": n.texts,
            "variants": variants,
        }
    )


def normalise_products(products: Sequence[Product]) -> list[Product]:
    """Every product in normal form, the boolean and quantity keys decided over the whole catalog."""
    maps = [attrs for p in products for attrs in [p.attributes, *(v.attributes for v in p.variants)]]
    flags = boolean_keys(maps)
    quantities = quantity_keys(maps, flags)
    return [normalise_product(p, flags, quantities) for p in products]


# --- display ---------------------------------------------------------------------------------


class HasAttributes(Protocol):
    attributes: dict[str, AttrValue]
    attribute_labels: dict[str, str]
    attribute_texts: dict[str, str]


def _split_unit(key: str) -> tuple[str, str]:
    """("weight", "g") for "weight_g"; (key, "") when the key names no unit."""
    parts = key.split("_")
    if len(parts) > 1 and (parts[-1] in BASE_UNIT_TEXT or _unit_of_suffix(parts[-1]) is not None):
        return "_".join(parts[:-1]), parts[-1]
    return key, ""


def unit_text(word: str) -> str:
    """How a key's unit word reads after a number: "g", "L", "%" for "percentage" (the same unit
    spelled out), the word itself for a unit of its own ("months")."""
    if word in BASE_UNIT_TEXT:
        return BASE_UNIT_TEXT[word]
    unit = _unit_of_suffix(word)
    if unit is not None and unit.factor == 1.0 and not unit.offset:
        return BASE_UNIT_TEXT.get(unit.base, word)
    return word


def key_unit(key: str) -> str:
    """The base unit a measure key carries ("weight_g" -> "g"), "" for none."""
    _, unit = _split_unit(key)
    found = _unit_of_suffix(unit) if unit else None
    return found.base if found is not None else unit


def label_of(key: str, labels: Mapping[str, str] | None = None) -> str:
    """The words a shopper reads for a key: the shop's own label, else the key without its unit."""
    if labels and key in labels:
        return labels[key]
    stem, _ = _split_unit(key)
    return stem.replace("_", " ")


def value_text(key: str, value: AttrValue, texts: Mapping[str, str] | None = None) -> str:
    """A value as a shopper reads it: the shop's own text, "yes"/"no", "1381 g", or the text."""
    if texts and key in texts:
        return texts[key]
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        _, unit = _split_unit(key)
        shown = unit_text(unit) if unit else ""
        return f"{value:g}{'' if not shown or shown == '%' else ' '}{shown}"
    return str(value)


def describe(key: str, value: AttrValue, labels: Mapping[str, str] | None = None,
             texts: Mapping[str, str] | None = None) -> str:  # fmt: skip
    """ "waterproof" / "not waterproof" for a flag, "weight 1.34 kg", "strap material leather"."""
    label = label_of(key, labels)
    if isinstance(value, bool):
        return label if value else f"not {label}"
    shown = value_text(key, value, texts)
    named = re.escape(label.replace("_", " ").lower())
    if texts and key in texts and re.search(rf"\b{named}\b", shown.lower()):
        return shown  # the shop's text names the key already: "1 year warranty"
    return f"{label} {shown}"


def describe_on(owner: HasAttributes, key: str) -> str:
    return describe(key, owner.attributes[key], owner.attribute_labels, owner.attribute_texts)


def variant_label(variant: Variant | None) -> str:
    """ "size 10, black, waterproof, 1.8 kg": the variant's own attributes as a shopper reads them
    (a flag as its name, a measure as the shop wrote it), size first."""
    if variant is None:
        return ""
    parts: list[str] = []
    attrs = variant.attributes
    if "size" in attrs:
        parts.append(f"size {attrs['size']}")
    for key, value in attrs.items():
        if key == "size":
            continue
        if isinstance(value, bool):
            parts.append(describe_on(variant, key))
        else:
            parts.append(value_text(key, value, variant.attribute_texts))
    return ", ".join(parts)
