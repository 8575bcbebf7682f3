"""A plain LangChain retrieval-QA pipeline beside ours, on the same models and the same questions.

Baseline: langchain-chroma `Chroma` over the demo catalog's product documents, embedded by
langchain-huggingface `HuggingFaceEmbeddings` on the packaged MiniLM; top-4 documents stuffed into
one prompt; the packaged SmolLM2 GGUF through a small LangChain Runnable over llama_cpp (default
sampling, the same thread count and the same answer cap, `Settings.max_new_tokens`, as our
generator). Ours: the same 10 questions to the running app over HTTP.

Quality proxy: an answer is *grounded* when every $price it states is a price in the catalog and
every product it names (a capitalised phrase starting with a catalog brand) is a catalog title.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from pathlib import Path
from typing import Any

from benchmarks.common import figure, save_figure, stats, temp_data_dir, write_result

# 10 questions (products with and without constraints, superlatives, help texts): each baseline
# answer is a full generation, which dominated `make bench` at 20.
QUESTIONS = [
    "waterproof hiking boots under $150", "wireless headphones with noise cancelling",
    "what is your return policy?", "a warm jacket for winter", "a gift for a kid who likes building",
    "vegan moisturizer under $40", "the cheapest phone case", "do you ship internationally?",
    "a rain jacket in blue", "the most expensive headphones",
]  # fmt: skip
PRICE = re.compile(r"\$\s?(\d[\d,]*(?:\.\d{1,2})?)")
TEMPLATE = "Answer the shopper's question using only the products below.\n\n{context}\n\nQuestion: {question}\nAnswer:"


class Grounding:
    """Prices may come from the catalog, the shop's help texts (shipping fees, thresholds) or the
    question itself (a budget echoed back); named products must be catalog titles."""

    def __init__(self, products: list[Any], help_text: str = "") -> None:
        self.prices = {round(p.price, 2) for p in products} | {
            round(p.variant_price(v), 2) for p in products for v in p.variants
        }
        self.prices |= {round(float(x.replace(",", "")), 2) for x in PRICE.findall(help_text)}
        self.titles = [p.title.lower() for p in products]
        brands = sorted({p.brand for p in products if p.brand}, key=len, reverse=True)
        self.named = re.compile(r"\b(?:" + "|".join(map(re.escape, brands)) + r")(?:\s+[A-Z0-9][\w'&-]*)+")

    def problems(self, text: str, question: str = "") -> list[str]:
        out = []
        asked = {round(float(x.replace(",", "")), 2) for x in PRICE.findall(question)}
        for raw in PRICE.findall(text):
            value = round(float(raw.replace(",", "")), 2)
            if value not in self.prices and value not in asked:
                out.append(f"price ${raw}")
        for match in self.named.finditer(text):
            name = match.group(0).rstrip(".,").lower()
            if not any(name in t or t in name for t in self.titles):
                out.append(f"product {match.group(0)!r}")
        return out


def load_grounding() -> Grounding:
    from assistant.ingest.detect import read_products
    from benchmarks.synthetic import DEMO_STORE

    help_text = (DEMO_STORE / "faqs.jsonl").read_text() + "".join(
        p.read_text() for p in sorted((DEMO_STORE / "policies").glob("*.md"))
    )
    return Grounding(read_products(DEMO_STORE / "catalog.jsonl", "auto").records, help_text)


def rescore() -> None:
    """Recompute the quality proxy on the stored answers (no models needed)."""
    from benchmarks.common import RESULTS_DIR

    path = RESULTS_DIR / "baseline.json"
    out = json.loads(path.read_text())
    grounding = load_grounding()
    for name in ("langchain_baseline", "ours"):
        answers = out[name]["answers"]
        for row in answers:
            row["problems"] = grounding.problems(row["text"], row["question"])
        out[name]["grounded_share"] = round(sum(not r["problems"] for r in answers) / len(answers), 3)
    path.write_text(json.dumps(out, indent=2) + "\n")
    plot(out)


def baseline_chain(folder: Path) -> tuple[Any, float]:
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import PromptTemplate
    from langchain_core.runnables import RunnableLambda, RunnablePassthrough
    from langchain_huggingface import HuggingFaceEmbeddings
    from llama_cpp import Llama

    from assistant.config import Settings
    from assistant.ingest.detect import read_products
    from assistant.ingest.documents import product_document
    from assistant.models.embedder import packaged_embedder_path
    from assistant.models.generators import packaged_gguf_path
    from benchmarks.synthetic import DEMO_STORE

    started = time.perf_counter()
    products = read_products(DEMO_STORE / "catalog.jsonl", "auto").records
    docs = [Document(page_content=product_document(p), metadata={"id": p.id}) for p in products]
    embeddings = HuggingFaceEmbeddings(model_name=str(packaged_embedder_path()))
    store = Chroma.from_documents(docs, embeddings, persist_directory=str(folder / "chroma"))
    retriever = store.as_retriever(search_kwargs={"k": 4})
    settings = Settings()
    llm = Llama(model_path=str(packaged_gguf_path()), n_ctx=2048, n_threads=settings.n_threads, verbose=False)

    def generate(prompt: Any) -> str:
        got = llm.create_chat_completion(
            messages=[{"role": "user", "content": prompt.to_string()}], max_tokens=settings.max_new_tokens
        )
        return str(got["choices"][0]["message"]["content"] or "")

    chain = (
        {"context": retriever | (lambda ds: "\n\n".join(d.page_content for d in ds)), "question": RunnablePassthrough()}
        | PromptTemplate.from_template(TEMPLATE)
        | RunnableLambda(generate)
        | StrOutputParser()
    )  # fmt: skip
    return chain, time.perf_counter() - started


def ours(url: str) -> list[dict[str, Any]]:
    """Our answers to QUESTIONS through the running app (one fresh session each)."""
    import httpx

    rows = []
    with httpx.Client(timeout=60) as client:
        for q in QUESTIONS:
            started = time.perf_counter()
            r = client.post(
                f"{url}/api/chat", json={"session_id": f"base-{uuid.uuid4().hex[:8]}", "message": q}
            )
            ms = (time.perf_counter() - started) * 1000
            text = r.json().get("text", "") if r.status_code == 200 else ""
            rows.append({"question": q, "ms": ms, "status": r.status_code, "text": text})
    return rows


def run(our_rows: list[dict[str, Any]] | None) -> dict[str, Any]:

    grounding = load_grounding()
    with temp_data_dir("baseline") as folder:
        print("baseline: building the LangChain pipeline ...", flush=True)
        chain, build_s = baseline_chain(folder)
        chain.invoke(QUESTIONS[0])  # warm-up
        rows = []
        for q in QUESTIONS:
            started = time.perf_counter()
            text = chain.invoke(q)
            rows.append({"question": q, "ms": (time.perf_counter() - started) * 1000, "text": text})
    from assistant.config import Settings

    out: dict[str, Any] = {"build_s": round(build_s, 1), "questions": len(QUESTIONS),
                           "max_tokens": Settings().max_new_tokens}  # fmt: skip
    for name, answers in (("langchain_baseline", rows), ("ours", our_rows or [])):
        for row in answers:
            row["problems"] = grounding.problems(row["text"], row["question"])
        out[name] = {
            "turn_ms": stats([r["ms"] for r in answers]),
            "grounded_share": round(sum(not r["problems"] for r in answers) / len(answers), 3)
            if answers
            else None,
            "answers": answers,
        }
    plot(out)
    write_result("baseline", out)
    return out


def plot(out: dict[str, Any]) -> None:
    fig, ax = figure("Ours vs a plain LangChain retrieval-QA pipeline (same models)")
    names = [n for n in ("langchain_baseline", "ours") if out[n]["answers"]]
    ax.bar([f"{n}\np50" for n in names], [out[n]["turn_ms"]["p50"] for n in names], color="#4c72b0")
    ax.bar([f"{n}\np95" for n in names], [out[n]["turn_ms"]["p95"] for n in names], color="#dd8452")
    ax.set_ylabel("turn time, ms")
    ax2 = ax.twinx()
    ax2.plot(
        [f"{n}\np50" for n in names], [out[n]["grounded_share"] for n in names], "ks", label="grounded share"
    )
    ax2.set_ylim(0, 1.05)
    ax2.set_ylabel("share of answers with only catalog products/prices")
    ax2.legend(loc="upper right")
    save_figure(fig, "baseline")


if __name__ == "__main__":
    import sys

    rescore() if "--rescore" in sys.argv else run(None)
