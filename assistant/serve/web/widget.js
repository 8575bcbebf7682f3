/*
 * Shop assistant chat widget. Paste into any page:
 *   <script src="https://HOST/widget.js" data-title="Ask our shop" data-color="#0a7"></script>
 * Optional: data-greeting="...", data-position="left", data-key="<public API key, if the server asks>".
 * Cart hand-over: every cart change (a card's "Add to cart", or "add the second one in size 42" in the
 * chat) is dispatched on the host page as a CustomEvent "shop-assistant:cart" with detail
 * {action: "add"|"update"|"remove", product_id, variant_id, quantity}; the page's own script turns it
 * into its platform's cart call. The assistant never takes payment.
 * Plain JS, no build step. Everything lives in a shadow root so the host page's CSS cannot reach it.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__shopAssistantWidget) return;
  window.__shopAssistantWidget = true;

  var API = new URL(script.src, location.href).origin;
  var TITLE = script.getAttribute("data-title") || "Ask our shop";
  var COLOR = script.getAttribute("data-color") || "#0f766e";
  var GREETING = script.getAttribute("data-greeting") || "Hi! Ask me about products, orders or our policies.";
  var LEFT = script.getAttribute("data-position") === "left";
  var KEY = script.getAttribute("data-key") || "";
  var STORE_KEY = "shop-assistant-session";
  // Letter tiles, not emoji: some kiosks and servers have no emoji font.
  var HUES = [["#0f766e", "#ccfbf1"], ["#9a3412", "#ffedd5"], ["#1d4ed8", "#dbeafe"], ["#7e22ce", "#f3e8ff"],
    ["#a16207", "#fef9c3"], ["#be123c", "#ffe4e6"], ["#15803d", "#dcfce7"], ["#334155", "#e2e8f0"]];
  var CHAT_SVG = '<svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="#fff" stroke-width="2" ' +
    'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 ' +
    '20l1.1-4.4A8 8 0 1 1 21 12z"/></svg>';
  var MIC_SVG = '<svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" ' +
    'stroke-width="2" stroke-linecap="round" aria-hidden="true"><rect x="9" y="3" width="6" height="11" rx="3"/>' +
    '<path d="M5 11a7 7 0 0 0 14 0M12 18v3"/></svg>';
  var SYMBOLS = { USD: "$", EUR: "\u20AC", GBP: "\u00A3", JPY: "\u00A5", CAD: "C$", AUD: "A$" };

  // --- session id: kept across page loads so the conversation continues ---------------------------
  var memorySession = null;
  function newSessionId() {
    var rand = (window.crypto && crypto.getRandomValues) ? Array.prototype.map.call(
      crypto.getRandomValues(new Uint8Array(8)), function (b) { return ("0" + b.toString(16)).slice(-2); }
    ).join("") : Math.random().toString(16).slice(2, 18);
    return "w-" + rand;
  }
  function sessionId() {
    try {
      var id = localStorage.getItem(STORE_KEY);
      if (!id || !/^[A-Za-z0-9_.:-]{1,64}$/.test(id)) { id = newSessionId(); localStorage.setItem(STORE_KEY, id); }
      return id;
    } catch (e) { // storage blocked (private mode, sandboxed frame): keep it for this page only
      memorySession = memorySession || newSessionId();
      return memorySession;
    }
  }

  // --- DOM -----------------------------------------------------------------------------------------
  var host = document.createElement("div");
  host.setAttribute("data-shop-assistant", "");
  var root = host.attachShadow({ mode: "open" });
  var side = LEFT ? "left" : "right";
  root.innerHTML = [
    "<style>",
    ":host{all:initial;}",
    "*{box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;}",
    ".bubble{position:fixed;bottom:20px;" + side + ":20px;width:58px;height:58px;border-radius:50%;border:0;",
    "background:var(--c);color:#fff;font-size:26px;cursor:pointer;box-shadow:0 6px 20px rgba(0,0,0,.25);",
    "z-index:2147483646;display:flex;align-items:center;justify-content:center;}",
    ".bubble:focus-visible,button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #fbbf24;outline-offset:2px;}",
    ".panel{position:fixed;bottom:90px;" + side + ":20px;width:min(380px,calc(100vw - 24px));",
    "height:min(580px,calc(100vh - 110px));background:#fff;color:#0f172a;border-radius:16px;",
    "box-shadow:0 12px 40px rgba(0,0,0,.28);display:flex;flex-direction:column;overflow:hidden;z-index:2147483647;}",
    ".panel[hidden]{display:none;}",
    "@media (max-width:480px){.panel{" + side + ":12px;bottom:84px;width:calc(100vw - 24px);}}",
    "header{background:var(--c);color:#fff;padding:12px 14px;display:flex;align-items:center;gap:8px;}",
    "header h2{margin:0;font-size:16px;font-weight:700;flex:1;}",
    "header button{background:transparent;border:0;color:#fff;font-size:22px;cursor:pointer;line-height:1;padding:2px 6px;}",
    ".log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px;background:#f8fafc;}",
    ".msg{max-width:92%;padding:9px 12px;border-radius:14px;font-size:14px;line-height:1.4;white-space:pre-wrap;",
    "overflow-wrap:anywhere;}",
    ".user{align-self:flex-end;background:var(--c);color:#fff;border-bottom-right-radius:4px;}",
    ".bot{align-self:flex-start;background:#fff;border:1px solid #e2e8f0;border-bottom-left-radius:4px;}",
    ".bot.error{border-color:#fecaca;background:#fef2f2;color:#991b1b;}",
    ".cards{display:flex;flex-direction:column;gap:8px;margin-bottom:8px;white-space:normal;}",
    ".cards:empty{display:none;margin:0;}",
    ".card{display:flex;gap:10px;border:1px solid #e2e8f0;border-radius:12px;padding:8px;background:#fff;}",
    ".tile{flex:0 0 48px;height:48px;border-radius:10px;display:flex;align-items:center;justify-content:center;",
    "font-size:22px;font-weight:800;}",
    ".card .t{font-weight:600;color:#0f172a;text-decoration:none;display:block;}",
    ".card a.t:hover{text-decoration:underline;}",
    ".price{font-weight:700;color:var(--c);}",
    ".variant{font-size:12px;color:#475569;}",
    ".card ul{margin:4px 0 0;padding-left:16px;font-size:12px;color:#334155;}",
    ".card .body{flex:1;min-width:0;}",
    ".thumb{flex:0 0 56px;width:56px;height:56px;border-radius:10px;object-fit:cover;background:#f1f5f9;}",
    ".add{margin-top:6px;border:1px solid var(--c);background:#fff;color:var(--c);border-radius:999px;",
    "padding:5px 12px;font-size:13px;font-weight:600;cursor:pointer;min-height:32px;}",
    ".add:hover{background:var(--c);color:#fff;}",
    ".add:disabled{opacity:.5;cursor:default;}",
    ".cartbar{display:flex;align-items:center;gap:8px;padding:8px 12px;border-top:1px solid #e2e8f0;",
    "background:#f0fdfa;font-size:13px;color:#0f172a;}",
    ".cartbar[hidden]{display:none;}",
    ".cartbar .sum{flex:1;}",
    ".cartbar a{background:var(--c);color:#fff;border-radius:999px;padding:6px 12px;font-weight:600;text-decoration:none;}",
    ".cites{margin-top:6px;font-size:12px;color:#475569;white-space:normal;}",
    ".cites a{color:var(--c);}",
    ".typing{opacity:.6;}",
    "form{display:flex;gap:6px;padding:10px;border-top:1px solid #e2e8f0;background:#fff;}",
    "input{flex:1;min-width:0;border:1px solid #cbd5e1;border-radius:999px;padding:9px 14px;font-size:14px;color:#0f172a;}",
    "form button{border:0;border-radius:999px;padding:0 14px;background:var(--c);color:#fff;font-weight:600;",
    "cursor:pointer;font-size:14px;min-height:38px;}",
    "form button.mic{background:#e2e8f0;color:#0f172a;padding:0 11px;}",
    "form button.mic[aria-pressed=true]{background:#dc2626;color:#fff;}",
    "form button:disabled{opacity:.5;cursor:default;}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);}",
    "</style>",
    '<button class="bubble" type="button" aria-label="Open chat: ' + escapeAttr(TITLE) +
      '" aria-expanded="false" aria-controls="panel">' + CHAT_SVG + "</button>",
    '<section class="panel" id="panel" role="dialog" aria-label="' + escapeAttr(TITLE) + '" hidden>',
    '<header><h2></h2><button class="close" type="button" aria-label="Close chat">\u00D7</button></header>',
    '<div class="log" role="log" aria-live="polite" aria-relevant="additions text"></div>',
    '<div class="cartbar" role="status" hidden><span class="sum"></span><a class="checkout" hidden>Checkout</a></div>',
    '<form><label class="sr" for="msg">Your message</label>',
    '<input id="msg" name="msg" autocomplete="off" placeholder="Ask a question\u2026" maxlength="2000">',
    '<button class="mic" type="button" aria-label="Ask by voice" aria-pressed="false" hidden>' + MIC_SVG + "</button>",
    '<button class="send" type="submit" aria-label="Send message">Send</button></form>',
    "</section>"
  ].join("");
  // Inline !important beats the host page's own rules (e.g. "div { border: ... }") on the host element.
  host.style.cssText = "all:initial !important;display:block !important;width:0 !important;height:0 !important;";
  host.style.setProperty("--c", COLOR);

  var bubble = root.querySelector(".bubble");
  var panel = root.querySelector(".panel");
  var log = root.querySelector(".log");
  var form = root.querySelector("form");
  var input = root.querySelector("input");
  var sendBtn = root.querySelector(".send");
  var micBtn = root.querySelector(".mic");
  var cartBar = root.querySelector(".cartbar");
  root.querySelector("h2").textContent = TITLE;

  function escapeAttr(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }
  // Absolute http(s) links as they are; a site-relative path ("/products/x", Shopify's "/cart/...")
  // belongs to the shop page this widget sits on.
  function safeUrl(url) {
    if (/^https?:\/\//i.test(url || "")) return url;
    return /^\/(?![\/\\])/.test(url || "") ? new URL(url, location.href).href : "";
  }
  function price(value, currency) {
    var code = (currency || "USD").toUpperCase();
    var num = Number(value).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return SYMBOLS[code] ? SYMBOLS[code] + num : num + " " + code;
  }
  function tile(item) {
    var leaf = (item.category || "").split(">").pop().trim() || item.title || "?";
    var key = item.category || leaf, hash = 0;
    for (var i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) >>> 0;
    var node = el("div", "tile", leaf.charAt(0).toUpperCase());
    node.style.color = HUES[hash % HUES.length][0];
    node.style.background = HUES[hash % HUES.length][1];
    node.setAttribute("aria-hidden", "true");
    return node;
  }

  // --- open / close, focus management -------------------------------------------------------------
  var greeted = false;
  function open() {
    panel.hidden = false;
    bubble.setAttribute("aria-expanded", "true");
    bubble.setAttribute("aria-label", "Close chat: " + TITLE);
    if (!greeted) { addMessage("bot", GREETING); greeted = true; }
    input.focus();
  }
  function close() {
    panel.hidden = true;
    bubble.setAttribute("aria-expanded", "false");
    bubble.setAttribute("aria-label", "Open chat: " + TITLE);
    bubble.focus();
  }
  bubble.addEventListener("click", function () { panel.hidden ? open() : close(); });
  root.querySelector(".close").addEventListener("click", close);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); close(); } });

  // --- messages ------------------------------------------------------------------------------------
  function addMessage(kind, text) {
    var node = el("div", "msg " + kind, text);
    log.appendChild(node);
    log.scrollTop = log.scrollHeight;
    return node;
  }
  function botMessage() {
    var node = el("div", "msg bot");
    var cards = el("div", "cards");
    var text = el("div", "text typing", "\u2026");
    var cites = el("div", "cites");
    cites.hidden = true;
    node.appendChild(cards); node.appendChild(text); node.appendChild(cites);
    log.appendChild(node);
    return { node: node, cards: cards, text: text, cites: cites, started: false, replyId: null };
  }
  function renderItems(view, items) {
    view.cards.textContent = "";
    (items || []).forEach(function (item) {
      var card = el("div", "card");
      var image = safeUrl(item.image_url);
      if (image) {
        var img = el("img", "thumb");
        img.src = image; img.alt = ""; img.loading = "lazy";
        img.addEventListener("error", function () { img.replaceWith(tile(item)); });
        card.appendChild(img);
      } else card.appendChild(tile(item));
      var body = el("div", "body");
      var url = safeUrl(item.url);
      var title = el(url ? "a" : "span", "t", item.title);
      if (url) {
        title.href = url; title.target = "_blank"; title.rel = "noopener";
        title.addEventListener("click", function () { sendClick(view, item); });
      }
      body.appendChild(title);
      body.appendChild(el("div", "price", price(item.price, item.currency)));
      if (item.variant_label) body.appendChild(el("div", "variant", item.variant_label));
      if (item.reasons && item.reasons.length) {
        var list = el("ul");
        item.reasons.forEach(function (r) { list.appendChild(el("li", null, r)); });
        body.appendChild(list);
      }
      (item.actions || []).forEach(function (action) {
        if (action.kind !== "add_to_cart") return;
        var button = el("button", "add", action.label || "Add to cart");
        button.type = "button";
        button.setAttribute("aria-label", (action.label || "Add to cart") + ": " + item.title);
        button.addEventListener("click", function () { addToCart(action, button); });
        body.appendChild(button);
      });
      card.appendChild(body);
      view.cards.appendChild(card);
    });
    log.scrollTop = log.scrollHeight;
  }
  function renderCitations(view, citations) {
    view.cites.textContent = "";
    view.cites.hidden = !(citations && citations.length);
    if (view.cites.hidden) return;
    view.cites.appendChild(document.createTextNode("Sources: "));
    citations.forEach(function (c, i) {
      if (i) view.cites.appendChild(document.createTextNode(" \u00B7 "));
      var label = (c.source || "").split("/").pop().replace("#", " \u00B7 ");
      var url = safeUrl(c.url);
      var link = el(url ? "a" : "span", null, label);
      if (url) { link.href = url; link.target = "_blank"; link.rel = "noopener"; }
      link.title = c.snippet || "";
      view.cites.appendChild(link);
    });
  }
  function setText(view, text) {
    view.text.classList.remove("typing");
    view.text.textContent = text;
    log.scrollTop = log.scrollHeight;
  }
  function showError(view, message) {
    view.node.classList.add("error");
    setText(view, message);
  }
  function renderReply(view, reply) {
    view.replyId = reply.reply_id || null;
    renderItems(view, reply.items);
    renderCitations(view, reply.citations);
    setText(view, reply.text);
    if (reply.cart) applyCart(reply.cart);
  }

  // --- the cart: handed to the host page's own cart -----------------------------------------------------
  function applyCart(cart) {
    (cart.changes || []).forEach(function (change) {
      document.dispatchEvent(new CustomEvent("shop-assistant:cart", {
        bubbles: true,
        detail: { action: change.action, product_id: change.product_id, variant_id: change.variant_id,
                  quantity: change.quantity }
      }));
    });
    var count = (cart.lines || []).reduce(function (n, line) { return n + line.quantity; }, 0);
    cartBar.hidden = !count;
    cartBar.querySelector(".sum").textContent = count ? "Cart: " + count + (count === 1 ? " item" : " items") +
      " \u00B7 " + price(cart.total, cart.currency) : "";
    var link = cartBar.querySelector(".checkout");
    var url = safeUrl(cart.checkout_url);
    link.hidden = !url;
    if (url) link.href = url; else link.removeAttribute("href");
  }
  function addToCart(action, button) {
    button.disabled = true;
    var view = botMessage();
    fetch(API + "/api/cart", {
      method: "POST", headers: headers(true),
      body: JSON.stringify({ session_id: sessionId(), product_id: action.product_id,
                             variant_id: action.variant_id, quantity: action.quantity || 1 })
    }).then(function (response) {
      if (!response.ok) return errorText(response).then(function (t) { showError(view, t); });
      return response.json().then(function (reply) { renderReply(view, reply); });
    }).catch(function () {
      showError(view, "Can't reach the shop assistant right now. Please try again.");
    }).then(function () { button.disabled = false; });
  }

  // --- talking to the server -------------------------------------------------------------------------
  function headers(json) {
    var h = json ? { "Content-Type": "application/json" } : {};
    if (KEY) h.Authorization = "Bearer " + KEY;
    return h;
  }
  function errorText(response) {
    return response.json().then(function (body) {
      var detail = body && body.detail;
      return typeof detail === "string" ? detail : "Sorry, that didn't work (" + response.status + ").";
    }, function () { return "Sorry, that didn't work (" + response.status + ")."; });
  }
  // A click on a card's link feeds the shop's analytics and the shopper's profile (/api/click). The
  // reply id arrives with "done"; a click on cards shown before it has nothing to attach to. The
  // link opens in a new tab, so this page stays and the request completes; failures are ignored.
  function sendClick(view, item) {
    if (!view.replyId || !item.product_id) return;
    fetch(API + "/api/click", {
      method: "POST", headers: headers(true),
      body: JSON.stringify({ session_id: sessionId(), reply_id: view.replyId, product_id: item.product_id })
    }).catch(function () {});
  }
  function handleEvent(view, name, data) {
    if (name === "items") renderItems(view, data);
    else if (name === "citations") renderCitations(view, data);
    else if (name === "token") {
      if (!view.started) { view.started = true; setText(view, ""); }
      view.text.textContent += data.text;
      log.scrollTop = log.scrollHeight;
    } else if (name === "done" && data) renderReply(view, data);
    else if (name === "error") showError(view, (data && data.detail) || "Sorry, something went wrong.");
  }
  function parseBlock(view, block) {
    var name = "message", data = [];
    block.split("\n").forEach(function (line) {
      if (line.indexOf("event:") === 0) name = line.slice(6).trim();
      else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
    });
    if (!data.length) return;
    try { handleEvent(view, name, JSON.parse(data.join("\n"))); } catch (e) { /* a malformed event is skipped */ }
  }
  function streamChat(message, view) {
    return fetch(API + "/api/chat/stream", {
      method: "POST", headers: headers(true), body: JSON.stringify({ session_id: sessionId(), message: message })
    }).then(function (response) {
      if (!response.ok) return errorText(response).then(function (t) { showError(view, t); });
      if (!response.body || !response.body.getReader) { // very old browsers: read it whole
        return response.text().then(function (all) { all.split(/\r?\n\r?\n/).forEach(function (b) { parseBlock(view, b); }); });
      }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { if (buffer.trim()) parseBlock(view, buffer); return; }
          buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, "\n");
          var parts = buffer.split("\n\n");
          buffer = parts.pop();
          parts.forEach(function (b) { parseBlock(view, b); });
          return pump();
        });
      }
      return pump();
    }).catch(function () { showError(view, "Can't reach the shop assistant right now. Please try again."); });
  }
  var busy = false;
  function setBusy(value) {
    busy = value;
    sendBtn.disabled = value;
    micBtn.disabled = value && !recorder;
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var message = input.value.trim();
    if (!message || busy) return;
    input.value = "";
    addMessage("user", message);
    setBusy(true);
    streamChat(message, botMessage()).then(function () { setBusy(false); input.focus(); });
  });

  // --- voice: only where the browser can record --------------------------------------------------------
  var recorder = null;
  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.MediaRecorder && window.isSecureContext) {
    micBtn.hidden = false;
    micBtn.addEventListener("click", function () {
      if (recorder) { recorder.stop(); return; }
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        var chunks = [];
        recorder = new MediaRecorder(stream);
        recorder.ondataavailable = function (ev) { if (ev.data.size) chunks.push(ev.data); };
        recorder.onstop = function () {
          stream.getTracks().forEach(function (t) { t.stop(); });
          recorder = null;
          micBtn.setAttribute("aria-pressed", "false");
          micBtn.setAttribute("aria-label", "Ask by voice");
          sendVoice(new Blob(chunks, { type: chunks.length ? chunks[0].type : "audio/webm" }));
        };
        recorder.start();
        micBtn.setAttribute("aria-pressed", "true");
        micBtn.setAttribute("aria-label", "Stop recording and send");
      }, function () { addMessage("bot error", "I can't use the microphone here. Please type your question."); });
    });
  }
  function sendVoice(blob) {
    var ext = /ogg/.test(blob.type) ? "ogg" : /mp4|m4a/.test(blob.type) ? "m4a" : "webm";
    var data = new FormData();
    data.append("audio", blob, "voice." + ext);
    data.append("session_id", sessionId());
    var heard = addMessage("user", "(voice) \u2026");
    var view = botMessage();
    setBusy(true);
    fetch(API + "/api/voice", { method: "POST", headers: headers(false), body: data }).then(function (response) {
      if (!response.ok) return errorText(response).then(function (t) { heard.remove(); showError(view, t); });
      return response.json().then(function (body) {
        heard.textContent = "(voice) " + body.transcript.text;
        renderReply(view, body.reply);
      });
    }).catch(function () {
      showError(view, "Can't reach the shop assistant right now. Please try again.");
    }).then(function () { setBusy(false); });
  }

  function mount() { document.body.appendChild(host); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
