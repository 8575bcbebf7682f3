"""The shop's analytics page (/admin) and the click endpoint (/api/click).

/admin is plain HTML with PNG plots embedded as base64 (matplotlib, Agg, no pyplot state):
conversations per day, intents, unanswered or low-confidence questions (candidates for new FAQ
entries), thumbs by intent, and products recommended vs clicked. When an API key is set the page
needs it, as "Authorization: Bearer <key>" or "?key=<key>".
"""

from __future__ import annotations

import base64
import html
import io
import json
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from assistant.serve.bodies import SESSION_ID_PATTERN, OkResponse
from assistant.storage.sqlite import ShopDatabase

LOW_CONFIDENCE = 0.5  # below this a turn is a candidate for a new FAQ entry or a fix


class ClickRequest(BaseModel):
    session_id: str = Field(pattern=SESSION_ID_PATTERN)
    reply_id: str = Field(min_length=1, max_length=64)
    product_id: str = Field(min_length=1, max_length=128)


@dataclass
class AnalyticsData:
    conversations_per_day: dict[str, int] = field(default_factory=dict)
    intents: Counter[str] = field(default_factory=Counter)
    low_confidence: list[tuple[str, str, float, int]] = field(
        default_factory=list
    )  # message, intent, conf, n
    thumbs: dict[str, Counter[str]] = field(default_factory=dict)  # intent -> {"up": n, "down": n}
    recommended: Counter[str] = field(default_factory=Counter)
    clicked: Counter[str] = field(default_factory=Counter)
    turns: int = 0


def collect(db: ShopDatabase, limit: int = 25) -> AnalyticsData:
    data = AnalyticsData()
    with db.connect() as conn:
        for day, n in conn.execute(
            "SELECT date(created, 'unixepoch', 'localtime') AS d, COUNT(DISTINCT session_id) FROM turns "
            "GROUP BY d ORDER BY d DESC LIMIT 30"
        ).fetchall():
            data.conversations_per_day[str(day)] = int(n)
        for intent, item_ids in conn.execute("SELECT intent, item_ids FROM turns").fetchall():
            data.turns += 1
            data.intents[str(intent or "unknown")] += 1
            data.recommended.update(str(i) for i in json.loads(item_ids or "[]"))
        low = conn.execute(
            "SELECT lower(trim(message)), intent, MIN(confidence), COUNT(*) FROM turns "
            "WHERE confidence < ? GROUP BY lower(trim(message)), intent ORDER BY COUNT(*) DESC, MIN(created) DESC "
            "LIMIT ?",
            (LOW_CONFIDENCE, limit),
        ).fetchall()
        data.low_confidence = [(str(m or ""), str(i or ""), float(c), int(n)) for m, i, c, n in low]
        for intent, rating, n in conn.execute(
            "SELECT t.intent, f.rating, COUNT(*) FROM feedback f JOIN turns t ON t.reply_id = f.reply_id "
            "GROUP BY t.intent, f.rating"
        ).fetchall():
            data.thumbs.setdefault(str(intent or "unknown"), Counter())[str(rating)] += int(n)
        data.clicked.update(str(r[0]) for r in conn.execute("SELECT product_id FROM clicks").fetchall())
    data.conversations_per_day = dict(sorted(data.conversations_per_day.items()))
    return data


def _png(draw: Callable[[Any], None], title: str, height: float = 3.2) -> str:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.0, height), dpi=90)
    ax = fig.add_subplot()
    draw(ax)
    ax.set_title(title, fontsize=11)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _empty(ax: Any) -> None:
    ax.text(0.5, 0.5, "no data yet", ha="center", va="center", color="grey")
    ax.set_axis_off()


def plots(data: AnalyticsData, titles: dict[str, str]) -> dict[str, str]:
    def per_day(ax: Any) -> None:
        if not data.conversations_per_day:
            return _empty(ax)
        days = list(data.conversations_per_day)
        ax.bar(days, list(data.conversations_per_day.values()), color="#4c72b0")
        ax.set_ylabel("conversations")
        ax.tick_params(axis="x", labelrotation=45, labelsize=7)

    def intents(ax: Any) -> None:
        if not data.intents:
            return _empty(ax)
        names, counts = zip(*data.intents.most_common(12), strict=True)
        ax.barh(list(names)[::-1], list(counts)[::-1], color="#55a868")
        ax.set_xlabel("turns")

    def thumbs(ax: Any) -> None:
        if not data.thumbs:
            return _empty(ax)
        names = sorted(data.thumbs)
        ups = [data.thumbs[n]["up"] for n in names]
        downs = [data.thumbs[n]["down"] for n in names]
        ax.bar(names, ups, color="#55a868", label="thumbs up")
        ax.bar(names, downs, bottom=ups, color="#c44e52", label="thumbs down")
        ax.legend(fontsize=8)
        ax.tick_params(axis="x", labelrotation=30, labelsize=8)

    def products(ax: Any) -> None:
        top = [pid for pid, _ in (data.recommended + data.clicked).most_common(10)]
        if not top:
            return _empty(ax)
        labels = [titles.get(pid, pid)[:38] for pid in top][::-1]
        ys = range(len(top))
        ax.barh([y + 0.2 for y in ys], [data.recommended[p] for p in top][::-1], 0.4, label="recommended")
        ax.barh([y - 0.2 for y in ys], [data.clicked[p] for p in top][::-1], 0.4, label="clicked")
        ax.set_yticks(list(ys), labels, fontsize=7)
        ax.legend(fontsize=8)

    return {
        "conversations": _png(per_day, "Conversations per day"),
        "intents": _png(intents, "Intents"),
        "thumbs": _png(thumbs, "Thumbs by intent"),
        "products": _png(products, "Top products: recommended vs clicked", 4.2),
    }


def render(data: AnalyticsData, titles: dict[str, str]) -> str:
    images = plots(data, titles)
    figures = "\n".join(
        f'<figure><img alt="{name}" data-plot="{name}" src="data:image/png;base64,{b64}"></figure>'
        for name, b64 in images.items()
    )
    rows = (
        "\n".join(
            f"<tr><td>{html.escape(m[:300])}</td><td>{html.escape(i)}</td><td>{c:.2f}</td><td>{n}</td></tr>"
            for m, i, c, n in data.low_confidence
        )
        or '<tr><td colspan="4">None yet.</td></tr>'
    )
    total_up = sum(c["up"] for c in data.thumbs.values())
    total_down = sum(c["down"] for c in data.thumbs.values())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop assistant analytics</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; max-width: 1300px; }}
.grid {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 1rem; }}
figure {{ margin: 0; border: 1px solid #ddd; border-radius: 6px; padding: .4rem; background: #fff; }}
img {{ width: 100%; height: auto; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9rem; }}
td, th {{ border-bottom: 1px solid #eee; padding: .3rem .5rem; text-align: left; }}
.stats span {{ margin-right: 1.5rem; }}
</style></head>
<body>
<h1>Shop assistant analytics</h1>
<p class="stats"><span>{data.turns} turns</span><span>{sum(data.conversations_per_day.values())} conversations
(last 30 days)</span><span>{total_up} thumbs up, {total_down} thumbs down</span>
<span>{sum(data.clicked.values())} clicks</span></p>
<div class="grid">
{figures}
</div>
<h2>Unanswered or low-confidence questions</h2>
<p>Turns answered with confidence below {LOW_CONFIDENCE}: candidates for new FAQ entries or fixes.</p>
<table id="low-confidence"><thead><tr><th>message</th><th>intent</th><th>confidence</th><th>times</th></tr></thead>
<tbody>
{rows}
</tbody></table>
</body></html>"""


def _check_admin_key(settings: Any, authorization: str | None, key: str | None) -> None:
    wanted = getattr(settings, "api_key", None)
    if not wanted:
        return
    scheme, _, token = (authorization or "").partition(" ")
    given = token.strip() if scheme.lower() == "bearer" else (key or "")
    if not secrets.compare_digest(given.encode(), str(wanted).encode()):
        raise HTTPException(401, detail="Missing or wrong API key.", headers={"WWW-Authenticate": "Bearer"})


def build_analytics_router(guard: Callable[..., None], get_service: Callable[..., Any]) -> APIRouter:
    """`guard` and `get_service` come from api.py (API key + rate limit; the Service object)."""
    router = APIRouter(tags=["analytics"])

    @router.post(
        "/api/click",
        response_model=OkResponse,
        dependencies=[Depends(guard)],
        summary="A shopper opened an item of a reply (feeds the profile, priors and analytics)",
    )
    async def click(body: ClickRequest, service: Any = Depends(get_service)) -> OkResponse:
        record = getattr(service.assistant, "record_click", None)
        if record is None:
            raise HTTPException(501, detail="This assistant does not record clicks.")
        if not await run_in_threadpool(record, body.session_id, body.reply_id, body.product_id):
            raise HTTPException(404, detail="That reply did not show this product.")
        return OkResponse()

    @router.get("/admin", response_class=HTMLResponse, summary="Analytics page", include_in_schema=False)
    async def admin(
        service: Any = Depends(get_service),
        authorization: str | None = Header(default=None, include_in_schema=False),
        key: str | None = Query(default=None, max_length=256),
    ) -> HTMLResponse:
        _check_admin_key(service.settings, authorization, key)
        db = getattr(service.assistant, "db", None)
        if db is None:
            raise HTTPException(501, detail="This assistant has no database to report on.")
        catalog = getattr(service.assistant, "catalog", None)
        titles = {p.id: p.title for p in catalog.products} if catalog is not None else {}
        page = await run_in_threadpool(lambda: render(collect(db), titles))
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    return router
