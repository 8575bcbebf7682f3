"""The assistant as one object: wires store, catalog, models and the dialogue manager together and
implements the `ShopAssistant` facade that the API, web chat, widget and CLI talk to."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator
from typing import Any, Literal

import numpy as np

from assistant.compose.composer import AnswerChecker, Composer, Composition, new_canary
from assistant.compose.replies import load_replies
from assistant.compose.whole_check import WholeAnswerChecker
from assistant.config import Settings, compose_level, get_settings
from assistant.contracts import Reply, Transcript, TurnEvent
from assistant.dialogue.manager import DialogueManager, joined
from assistant.dialogue.personal_hooks import PersonalDialogueManager
from assistant.dialogue.skills.base import Services, TurnContext
from assistant.dialogue.skills.conversation import handoff
from assistant.models.generators import Generator
from assistant.personal.service import PersonalService
from assistant.retrieve.catalog import Catalog
from assistant.retrieve.products import ProductRetriever, RetrievalOptions
from assistant.storage.sqlite import ShopDatabase
from assistant.storage.vectors import VectorStore, open_store
from assistant.understand.order_ids import OrderIdFormat
from assistant.understand.understander import QueryUnderstander

log = logging.getLogger(__name__)
CHUNK = re.compile(r"\S+\s*|\s+")


class Assistant:
    def __init__(
        self,
        settings: Settings,
        store: VectorStore,
        build_index_if_missing: bool = True,
        embedder: Any = None,
        generator: Generator | Literal["default"] | None = "default",
    ) -> None:
        from assistant.models.embedder import get_embedder
        from assistant.models.generators import get_generator
        from assistant.understand.intents import IntentClassifier

        self.settings = settings
        self.store = store
        if build_index_if_missing and store.count("products") == 0:
            from assistant.ingest.sync import ingest

            log.info("no index found in %s: building it", store.location)
            report = ingest(settings, store=store, embed=embedder.embed if embedder else None)
            log.info("index built:\n%s", report.table())
        self.embedder = embedder or get_embedder(settings)
        self.catalog = Catalog.from_store(store)
        if generator == "default":
            generator = get_generator(settings) if settings.generator_backend != "none" else None
        self.generator = generator
        self.canary = new_canary()
        checker = AnswerChecker(
            [p.title for p in self.catalog.products], {p.brand for p in self.catalog.products}, self.canary
        )
        # The shop's sentences are checked here, at start: a typo must not surface in a shopper's turn.
        self.composer = Composer(
            self.generator,
            checker,
            max_tokens=min(48, settings.max_new_tokens),
            replies=load_replies(settings.replies_path),
        )
        self.db = ShopDatabase(settings.resolved_data_dir() / "shop.sqlite")
        retriever = ProductRetriever(
            self.catalog, store, self.embedder.embed_query, RetrievalOptions(candidate_k=settings.candidate_k)
        )
        self.services = Services(
            settings=settings,
            catalog=self.catalog,
            store=store,
            retriever=retriever,
            db=self.db,
            composer=self.composer,
            embed_query=self.embedder.embed_query,
        )
        understander = QueryUnderstander(
            self.catalog.vocabulary,
            IntentClassifier(embed=self._embed_many),
            embed=self._embed_many,
            order_ids=OrderIdFormat.from_ids(self.db.order_ids()),
            general_words=getattr(self.embedder, "words", None),
        )
        # Personalisation: profiles, co-purchase signals, feedback priors, cross-sell, stated prefs.
        self.personal = PersonalService(settings, self.catalog, self.db, store)
        self.services.personalizer_for = self.personal.personalizer_for
        self.dialogue: DialogueManager = PersonalDialogueManager(self.services, understander, self.personal)
        self.dialogue.compose_level = compose_level(
            settings, self.generator.name if self.generator else "none"
        )
        if self.dialogue.compose_level == "whole":
            self.dialogue.whole_check = WholeAnswerChecker(checker, self.db.order_statuses()).check
        # One turn at a time per session: two tabs of one shopper must not interleave state writes.
        self._session_locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def _embed_many(self, texts: list[str]) -> Any:
        # Turn texts repeat (the classifier and the category fallback embed the same words): cached.
        return np.stack([self.embedder.embed_query(t) for t in texts])

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Assistant:
        settings = settings or get_settings()
        return cls(settings, open_store(settings))

    def _lock(self, session_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._session_locks.setdefault(session_id, threading.Lock())

    # --- ShopAssistant ---------------------------------------------------------------------
    def chat(self, session_id: str, message: str, user_id: str | None = None) -> Reply:
        with self._lock(session_id):
            return self.dialogue.handle(session_id, message, user_id)

    def stream(self, session_id: str, message: str, user_id: str | None = None) -> Iterator[TurnEvent]:
        """Items and citations first (they are known before any text is written), then text."""
        with self._lock(session_id):
            turn = self.dialogue.prepare(session_id, message, user_id)
            yield TurnEvent("items", items=list(turn.result.items))
            yield TurnEvent("citations", citations=list(turn.result.citations))
            if self.dialogue.compose_level == "whole" and turn.result.purpose is not None:
                # A whole answer is shown only after its check: the cards above are already there.
                t0 = time.perf_counter()
                whole = self.dialogue.compose(turn)
                for piece in CHUNK.findall(whole.text):
                    yield TurnEvent("token", token=piece)
                reply = self.dialogue.finish(turn, whole, round((time.perf_counter() - t0) * 1000))
                yield TurnEvent("done", reply=reply)
                return
            # The facts stream at once; the model's closing sentence follows only after its check.
            base = self.dialogue.template_text(turn)
            for piece in CHUNK.findall(base):
                yield TurnEvent("token", token=piece)
            t0 = time.perf_counter()
            extra = (
                self.dialogue.closing_sentence(turn)
                if self.dialogue.compose_level == "closing"
                else Composition("", "template")
            )
            generate_ms = round((time.perf_counter() - t0) * 1000)
            if extra.text:
                for piece in CHUNK.findall("\n\n" + extra.text):
                    yield TurnEvent("token", token=piece)
            composed = joined(base, extra)
            reply = self.dialogue.finish(turn, composed, generate_ms)
            yield TurnEvent("done", reply=reply)

    def transcribe(self, audio: bytes, filename: str) -> Transcript:
        from assistant.models.speech import transcribe_upload

        return transcribe_upload(audio, filename, self.settings)

    def record_feedback(
        self, reply_id: str, rating: Literal["up", "down"], comment: str = "", session_id: str = ""
    ) -> None:
        self.db.record_feedback(reply_id, rating, comment[:2000], session_id)

    def record_click(self, session_id: str, reply_id: str, product_id: str) -> bool:
        """A shopper opened an item of a reply; False when that reply did not show it."""
        return self.personal.record_click(session_id, reply_id, product_id)

    def request_handoff(self, session_id: str) -> Reply:
        with self._lock(session_id):
            state = self.dialogue.load_state(session_id)
            from assistant.contracts import Constraints, Understanding

            u = Understanding(
                intent="handoff", intent_confidence=1.0, constraints=Constraints(), search_text=""
            )
            result = handoff(TurnContext("talk to a person", u, state, self.services))
            self.dialogue.save_state(state)
            return Reply(
                session_id=session_id, intent="handoff", text=result.body, handoff=True, skill="handoff"
            )

    def add_to_cart(
        self, session_id: str, product_id: str, variant_id: str | None, quantity: int = 1
    ) -> Reply:
        """An item's "Add to cart" button (widget card, web chat): checked like a chat add."""
        from assistant.contracts import Constraints, Understanding
        from assistant.dialogue.skills.cart import card_add
        from assistant.dialogue.skills.cart_view import reply_cart

        with self._lock(session_id):
            state = self.dialogue.load_state(session_id)
            u = Understanding(intent="cart", intent_confidence=1.0, constraints=Constraints(), search_text="")
            result = card_add(
                TurnContext("add to cart", u, state, self.services), product_id, variant_id, quantity
            )
            state.add_history(
                "user", f"(pressed Add to cart: {product_id} {variant_id or ''})".strip(), "cart"
            )
            state.add_history("assistant", result.body, "cart")
            self.dialogue.save_state(state)
            cart = reply_cart(self.services, session_id, result.cart_changes)
            return Reply(session_id=session_id, intent="cart", text=result.body, skill="cart", cart=cart)

    def reset(self, session_id: str) -> None:
        self.dialogue.reset(session_id)

    def health(self) -> dict[str, Any]:
        return {
            "status": "ok",
            "products": len(self.catalog),
            "store": self.store.mode,
            "generator": self.settings.generator_backend,
            "speech": self.settings.speech_backend,
        }
