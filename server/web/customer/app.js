/* The customer chat page (SPEC U1): one chat, read and written in real time.
 *
 * Every piece of user data is put in the page as text (textContent, attributes set
 * one by one), never as HTML. The token is read from the address and sent only in an
 * Authorization header or the feed's first frame. */
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;

  const CHAT = meta("sangdam-chat");
  const MAX_FILES = Number(meta("sangdam-max-files")) || 10;
  const MAX_BYTES = Number(meta("sangdam-max-bytes")) || 1024 ** 3;
  const TOKEN = decodeURIComponent(location.pathname.split("/")[2] || "");
  const EMBED = new URLSearchParams(location.search).get("embed") === "1";
  // In the website snippet's panel (U2): the snippet says when the panel is open.
  const EMBEDDED = EMBED && window.parent !== window;
  const API = `/customer/chats/${CHAT}`;
  const CHUNK = 8 * 1024 * 1024;
  const POLL_MS = 2000;

  // ---- language --------------------------------------------------------------------
  const TABLE = window.SANGDAM_STRINGS;
  const LANG = (() => {
    for (const tag of navigator.languages || [navigator.language || "en"]) {
      const base = String(tag).toLowerCase().split("-")[0];
      if (TABLE[base]) return base;
    }
    return "en";
  })();
  const t = (key, args) =>
    (TABLE[LANG][key] || TABLE.en[key] || key).replace(/\{(\w+)\}/g, (_, k) =>
      args && k in args ? String(args[k]) : ""
    );
  document.documentElement.lang = LANG;
  document.documentElement.classList.toggle("embed", EMBED);
  document.title = t("title");
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll("[data-t-label]"))
    el.setAttribute("aria-label", t(el.dataset.tLabel));
  for (const el of document.querySelectorAll("[data-t-title]"))
    el.setAttribute("title", t(el.dataset.tTitle));
  for (const el of document.querySelectorAll("[data-t-placeholder]"))
    el.setAttribute("placeholder", t(el.dataset.tPlaceholder));
  $("title").textContent = t("title");

  const timeFmt = new Intl.DateTimeFormat(LANG, { hour: "numeric", minute: "2-digit" });
  const dayFmt = new Intl.DateTimeFormat(LANG, { month: "long", day: "numeric", weekday: "short" });

  // ---- state -----------------------------------------------------------------------
  const state = {
    cursor: null,
    before: null,
    messages: new Map(), // id -> message (as the API shows it, or a local draft)
    people: new Map(), // manager id -> {name, avatar_url}
    peopleVersion: 0,
    workspace: "",
    gone: false,
    socket: null,
    live: false,
    pollTimer: 0,
    retryMs: 1000,
    readUpTo: null, // the last team reply this page told the server it read
    readSent: new Set(),
    unread: 0,
    draftId: crypto.randomUUID(),
    uploads: [], // {id, file, fileId, offset, status, error, el}
  };

  // ---- the API ---------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.error && body.error.message) || `HTTP ${status}`);
      this.status = status;
      this.body = body;
    }
  }

  async function api(path, options = {}) {
    let response;
    try {
      response = await fetch(API + path, {
        method: options.method || "GET",
        headers: {
          Authorization: `Bearer ${TOKEN}`,
          ...(options.body ? { "Content-Type": "application/json" } : {}),
        },
        body: options.body ? JSON.stringify(options.body) : undefined,
        cache: "no-store",
        referrerPolicy: "no-referrer",
      });
    } catch (err) {
      throw new ApiError(0, { error: { message: t("network") } });
    }
    const body = await response.json().catch(() => null);
    if (response.status === 401 || response.status === 403) showGone();
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  function showGone() {
    if (state.gone) return;
    state.gone = true;
    stopFeed();
    $("app").hidden = true;
    $("gone").hidden = false;
    document.title = t("goneTitle");
    // The snippet forgets this chat and offers a new conversation (U2).
    if (EMBEDDED) window.parent.postMessage({ type: "sangdam:gone" }, "*");
  }

  // ---- rendering -------------------------------------------------------------------
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function initials(name) {
    const parts = String(name || "?").trim().split(/\s+/);
    return (parts.length > 1 ? parts[0][0] + parts[1][0] : Array.from(parts[0]).slice(0, 2).join(""))
      .toUpperCase();
  }

  function hue(text) {
    let h = 0;
    for (const ch of String(text)) h = (h * 31 + ch.codePointAt(0)) % 360;
    return h;
  }

  function avatar(person, key) {
    const box = el("span", "avatar");
    box.setAttribute("aria-hidden", "true");
    if (person && person.avatar_url && /^https?:\/\//i.test(person.avatar_url)) {
      const img = el("img");
      img.alt = "";
      img.referrerPolicy = "no-referrer";
      img.src = person.avatar_url;
      box.append(img);
    } else {
      box.textContent = initials(person ? person.name : state.workspace || "S");
      box.style.backgroundColor = `hsl(${hue(key || "team")} 45% 30%)`;
    }
    return box;
  }

  function humanSize(bytes) {
    const units = ["B", "KB", "MB", "GB"];
    let n = bytes;
    let i = 0;
    while (n >= 1024 && i < units.length - 1) {
      n /= 1024;
      i += 1;
    }
    return `${n >= 10 || i === 0 ? Math.round(n) : n.toFixed(1)} ${units[i]}`;
  }

  function dayLabel(date) {
    const today = new Date();
    const start = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    const diff = Math.round((start(today) - start(date)) / 86400000);
    if (diff === 0) return t("today");
    if (diff === 1) return t("yesterday");
    return dayFmt.format(date);
  }

  /** Black or white text, whichever reads better on `hex` (WCAG contrast). */
  function textOn(hex) {
    const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const lin = rgb.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    const lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
    return (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) ? "#111111" : "#ffffff";
  }

  function isMine(msg) {
    return msg.author_kind === "customer";
  }

  function renderBlocks(msg, bubble) {
    for (const block of msg.blocks || []) {
      if (block.type === "text") {
        bubble.append(el("p", "text", block.text));
      } else if (block.type === "files") {
        const list = el("ul", "files");
        for (const f of block.files) list.append(renderFile(f));
        bubble.append(list);
      } else if (block.type === "button") {
        bubble.append(renderButton(block));
      } else if (block.type === "form") {
        bubble.append(renderForm(msg, block));
      }
    }
  }

  function renderFile(file) {
    const item = el("li", "file");
    const link = el("button", "file-link");
    link.type = "button";
    link.setAttribute("aria-label", t("download", { name: file.name }));
    const icon = el("span", "file-icon", (file.name.split(".").pop() || "").slice(0, 4).toUpperCase());
    icon.setAttribute("aria-hidden", "true");
    const text = el("span", "file-text");
    text.append(el("span", "file-name", file.name), el("span", "file-size", humanSize(file.size)));
    link.append(icon, text);
    link.addEventListener("click", () => download(file));
    if (String(file.content_type).startsWith("image/") && file.size < 20 * 1024 * 1024) {
      const img = el("img", "thumb");
      img.alt = file.name;
      fileBlob(file).then((url) => { img.src = url; }, () => img.remove());
      item.append(img);
    }
    item.append(link);
    return item;
  }

  const blobs = new Map();
  async function fileBlob(file) {
    if (!blobs.has(file.id)) {
      blobs.set(file.id, (async () => {
        const r = await fetch(`/files/${file.id}`, {
          headers: { Authorization: `Bearer ${TOKEN}` },
          referrerPolicy: "no-referrer",
        });
        if (r.status === 401) showGone();
        if (!r.ok) throw new ApiError(r.status, null);
        return URL.createObjectURL(await r.blob());
      })());
    }
    return blobs.get(file.id);
  }

  async function download(file) {
    try {
      const url = await fileBlob(file);
      const a = el("a");
      a.href = url;
      a.download = file.name;
      document.body.append(a);
      a.click();
      a.remove();
    } catch (err) {
      blobs.delete(file.id);
      showError(err.message);
    }
  }

  function renderButton(block) {
    const safe = /^https?:\/\//i.test(block.url);
    const a = el("a", "link-button", block.text);
    if (safe) a.href = block.url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.setAttribute("aria-label", `${block.text} ${t("opensNewTab")}`);
    const color = /^#[0-9a-f]{6}$/i.test(block.color) ? block.color : "#3d7bf7";
    a.style.backgroundColor = color;
    a.style.color = textOn(color);
    return a;
  }

  function renderForm(msg, block) {
    const form = el("form", "answer-form");
    form.noValidate = true;
    const answered = block.answers !== null && block.answers !== undefined;
    block.fields.forEach((field, i) => {
      const id = `f-${msg.id}-${i}`;
      const row = el("div", `field field-${field.type || "string"}`);
      const label = el("label", "field-label", field.label);
      label.htmlFor = id;
      const input = el("input");
      input.id = id;
      input.name = field.key;
      const type = field.type || "string";
      input.type = { number: "number", boolean: "checkbox", date: "date" }[type] || "text";
      if (type === "number") input.step = "any";
      if (answered) {
        const value = block.answers[field.key];
        if (type === "boolean") input.checked = Boolean(value);
        else input.value = value === undefined || value === null ? "" : String(value);
        input.disabled = true;
      }
      if (type === "boolean") row.append(input, label);
      else row.append(label, input);
      form.append(row);
    });
    const error = el("p", "form-error");
    error.setAttribute("role", "alert");
    const submit = el("button", "form-submit", answered ? t("answered") : t("submit"));
    submit.type = "submit";
    submit.disabled = answered;
    form.append(error, submit);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const answers = {};
      for (const field of block.fields) {
        const input = form.elements.namedItem(field.key);
        const type = field.type || "string";
        if (type === "boolean") answers[field.key] = input.checked;
        else if (type === "number") answers[field.key] = input.value === "" ? "" : Number(input.value);
        else answers[field.key] = input.value.trim();
        if (answers[field.key] === "") {
          error.textContent = t("required");
          input.focus();
          return;
        }
      }
      submit.disabled = true;
      error.textContent = "";
      try {
        upsert(await api(`/messages/${msg.id}/answers`, { method: "POST", body: { answers } }));
      } catch (err) {
        const current = err.body && err.body.error && err.body.error.current;
        if (err.status === 409 && current) {
          upsert({ ...msg, blocks: msg.blocks.map((b) => (b === block ? { ...b, answers: current } : b)) });
          return;
        }
        submit.disabled = false;
        error.textContent = t("formFailed", { why: err.message });
      }
    });
    return form;
  }

  function person(msg) {
    if (isMine(msg)) return null;
    return state.people.get(msg.author_id) || null;
  }

  function renderMessage(msg) {
    const mine = isMine(msg);
    const li = el("li", `message ${mine ? "mine" : "theirs"}`);
    li.dataset.id = msg.id;
    if (msg.pending) li.classList.add("pending-message");
    const who = person(msg);
    const name = mine ? t("you") : (who && who.name) || state.workspace || t("team");
    if (!mine) li.append(avatar(who, msg.author_id || "bot"));
    const body = el("div", "body");
    const author = el("span", "author", name);
    if (mine) author.classList.add("visually-hidden");
    body.append(author);
    const bubble = el("div", "bubble");
    renderBlocks(msg, bubble);
    body.append(bubble);
    const foot = el("div", "foot");
    const when = el("time", "time", timeFmt.format(new Date(msg.created_at)));
    when.dateTime = msg.created_at;
    foot.append(when);
    if (msg.pending === "sending") foot.append(el("span", "note", t("sending")));
    if (msg.pending === "failed") {
      const retry = el("button", "note failed", t("failed"));
      retry.type = "button";
      retry.addEventListener("click", () => postMessage(msg));
      foot.append(retry);
    }
    body.append(foot);
    li.append(body);
    return li;
  }

  function sortedMessages() {
    return Array.from(state.messages.values()).sort(
      (a, b) => new Date(a.created_at) - new Date(b.created_at) || (a.pending ? 1 : 0) - (b.pending ? 1 : 0)
    );
  }

  /** Draw the list, keeping the node of every message that did not change: a form
   * being filled in, focus and scroll stay as they are when something else arrives. */
  const nodes = new Map(); // message id -> {msg, li, key}
  const days = new Map(); // day -> separator node
  function redraw() {
    const list = $("messages");
    const log = $("log");
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    const wanted = [];
    let lastDay = "";
    let lastAuthor = "";
    for (const msg of sortedMessages()) {
      const date = new Date(msg.created_at);
      const day = date.toDateString();
      if (day !== lastDay) {
        if (!days.has(day)) days.set(day, el("li", "day", dayLabel(date)));
        wanted.push(days.get(day));
        lastDay = day;
        lastAuthor = "";
      }
      const author = `${msg.author_kind}:${msg.author_id}`;
      const grouped = author === lastAuthor;
      lastAuthor = author;
      const key = `${grouped}:${state.peopleVersion}:${state.workspace}`;
      let node = nodes.get(msg.id);
      if (!node || node.msg !== msg || node.key !== key) {
        const li = renderMessage(msg);
        li.classList.toggle("grouped", grouped);
        if (node) observer.unobserve(node.li);
        node = { msg, li, key };
        nodes.set(msg.id, node);
      }
      wanted.push(node.li);
      if (!isMine(msg) && !msg.pending) observer.observe(node.li);
    }
    for (const [id, node] of nodes) {
      if (!state.messages.has(id)) {
        observer.unobserve(node.li);
        nodes.delete(id);
      }
    }
    // Move only what is out of place (a node never moved keeps its focus and input).
    let at = list.firstChild;
    for (const node of wanted) {
      if (node === at) at = at.nextSibling;
      else list.insertBefore(node, at);
    }
    while (at) {
      const next = at.nextSibling;
      at.remove();
      at = next;
    }
    if (atBottom) log.scrollTop = log.scrollHeight;
  }

  let drawQueued = false;
  function scheduleDraw() {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(() => {
      drawQueued = false;
      redraw();
    });
  }

  function upsert(msg) {
    if (msg.kind && msg.kind !== "reply") return; // notes and events are never shown
    const before = state.messages.get(msg.id);
    state.messages.set(msg.id, msg);
    if (!isMine(msg) && msg.author_kind === "manager" && msg.author_id && !state.people.has(msg.author_id))
      loadPeople();
    if (!before || before.customer_read_at !== msg.customer_read_at) tellUnread();
    scheduleDraw();
  }

  // ---- read receipts (C3) and the snippet's unread badge ---------------------------
  // Embedded, the page is seen only while the snippet's panel is open: an iframe in a
  // closed panel still reports visibilityState "visible". The snippet tells on every
  // open and close; until it has, the page counts as unseen.
  let panelOpen = false;
  function pageSeen() {
    return (!EMBEDDED || panelOpen) && document.visibilityState === "visible";
  }

  const observer = new IntersectionObserver(
    (entries) => {
      if (!pageSeen()) return;
      for (const entry of entries) if (entry.isIntersecting) seen(entry.target.dataset.id);
    },
    { threshold: 0.6 }
  );

  let readTimer = 0;
  function seen(id) {
    const msg = state.messages.get(id);
    if (!msg || isMine(msg) || msg.customer_read_at || state.readSent.has(id)) return;
    const order = sortedMessages();
    const at = order.findIndex((m) => m.id === id);
    const upTo = order.findIndex((m) => m.id === state.readUpTo);
    if (at > upTo) state.readUpTo = id;
    clearTimeout(readTimer);
    readTimer = setTimeout(sendRead, 250);
  }

  async function sendRead() {
    const id = state.readUpTo;
    if (!id || state.readSent.has(id) || state.gone) return;
    state.readSent.add(id);
    try {
      await api("/read", { method: "POST", body: { message_id: id } });
      tellUnread();
    } catch (err) {
      state.readSent.delete(id);
    }
  }

  /** The team's replies not read yet: the snippet's badge (U2) shows the count. */
  function tellUnread(again = false) {
    const order = sortedMessages();
    const upTo = order.findIndex((m) => m.id === state.readUpTo);
    const count = order.filter(
      (m, i) => i > upTo && !isMine(m) && !m.pending && !m.customer_read_at
    ).length;
    if (count === state.unread && !again) return;
    state.unread = count;
    if (EMBEDDED) {
      // Only a number goes out, so any parent origin may hear it.
      window.parent.postMessage({ type: "sangdam:unread", count }, "*");
    }
  }

  function lookAgain() {
    if (!pageSeen()) return;
    for (const li of $("messages").querySelectorAll("li.theirs")) {
      observer.unobserve(li);
      observer.observe(li);
    }
  }
  document.addEventListener("visibilitychange", lookAgain);

  if (EMBEDDED) {
    // Only a boolean comes in, and only from the frame's own parent (the snippet).
    window.addEventListener("message", (event) => {
      const data = event.data;
      if (event.source !== window.parent || !data) return;
      if (data.type === "sangdam:visibility") {
        panelOpen = data.visible === true;
        lookAgain();
        // Closed: the badge shows what is still unread (a count told while the panel was
        // open went unheard).
        if (!panelOpen) tellUnread(true);
      } else if (data.type === "sangdam:draft" && typeof data.text === "string" && !$("text").value) {
        // Typed in the snippet's first-message box after another tab started this chat:
        // kept in the composer for the visitor to send (never sent on the parent's word).
        $("text").value = data.text.slice(0, 20000);
        autosize();
      }
    });
    // In the snippet's panel this header is the panel's own (the snippet hides its bar
    // while the chat shows), so it carries the panel's close button.
    $("close").hidden = false;
    $("close").addEventListener("click", () =>
      window.parent.postMessage({ type: "sangdam:close" }, "*"),
    );
    // A key pressed in this frame never reaches the site: Esc asks the snippet to close.
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !event.defaultPrevented)
        window.parent.postMessage({ type: "sangdam:close" }, "*");
    });
  }

  // ---- loading and following the chat ---------------------------------------------
  async function loadPeople() {
    if (loadPeople.busy) return;
    loadPeople.busy = true;
    try {
      const body = await api("/people");
      state.workspace = body.workspace.name;
      for (const m of body.managers) state.people.set(m.id, m);
      state.peopleVersion += 1;
      $("title").textContent = state.workspace || t("title");
      document.title = state.workspace ? `${state.workspace} · ${t("title")}` : t("title");
      const top = $("top-avatar");
      top.replaceChildren(avatar({ name: state.workspace || "S" }, state.workspace).firstChild || "");
      top.style.backgroundColor = `hsl(${hue(state.workspace)} 45% 30%)`;
      scheduleDraw();
    } catch (err) {
      /* names are a nicety: the messages show without them */
    } finally {
      loadPeople.busy = false;
    }
  }

  async function loadChat() {
    const chat = await api("");
    state.cursor = chat.head;
    state.before = chat.before;
    for (const msg of chat.messages) state.messages.set(msg.id, msg);
    $("older").hidden = !chat.more;
    redraw();
    $("log").scrollTop = $("log").scrollHeight;
    tellUnread();
  }

  async function loadOlder() {
    if (!state.before) return;
    const log = $("log");
    const height = log.scrollHeight;
    const page = await api(`/messages?before=${encodeURIComponent(state.before)}`);
    for (const msg of page.messages) state.messages.set(msg.id, msg);
    state.before = page.before;
    $("older").hidden = !page.more;
    redraw();
    log.scrollTop = log.scrollHeight - height;
  }

  function applyChanges(page) {
    for (const change of page.changes) {
      if (change.entity !== "message") continue;
      if (change.op === "delete" || !change.data) {
        state.messages.delete(change.id);
        scheduleDraw();
      } else {
        upsert(change.data);
      }
    }
    state.cursor = page.to;
  }

  function setLive(live) {
    state.live = live;
    const status = $("status");
    status.textContent = live ? "" : t("offline");
    status.classList.toggle("offline", !live);
  }

  function connect() {
    if (state.gone) return;
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    let socket;
    try {
      socket = new WebSocket(`${scheme}://${location.host}${API}/feed`);
    } catch (err) {
      startPolling();
      return;
    }
    state.socket = socket;
    socket.addEventListener("open", () => {
      socket.send(JSON.stringify({ type: "auth", token: TOKEN, since: state.cursor }));
    });
    socket.addEventListener("message", (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch (err) {
        return;
      }
      if (frame.type === "changes") {
        applyChanges(frame);
        if (!state.live) {
          setLive(true);
          stopPolling();
          state.retryMs = 1000;
        }
      }
    });
    socket.addEventListener("close", (event) => {
      if (state.socket !== socket) return;
      state.socket = null;
      if (event.code === 4401) {
        showGone();
        return;
      }
      setLive(false);
      if (event.code === 4410) {
        state.messages.clear();
        loadChat().catch(() => {});
      }
      startPolling();
      setTimeout(connect, state.retryMs);
      state.retryMs = Math.min(state.retryMs * 2, 30000);
    });
  }

  async function pollOnce() {
    try {
      let page;
      do {
        page = await api(`/changes?since=${encodeURIComponent(state.cursor)}`);
        applyChanges(page);
      } while (page.more);
    } catch (err) {
      if (err.status === 404) showGone();
      if (err.status === 410) {
        state.messages.clear();
        await loadChat().catch(() => {});
      }
    }
  }

  function startPolling() {
    if (state.pollTimer || state.gone) return;
    const tick = async () => {
      await pollOnce();
      if (state.pollTimer) state.pollTimer = setTimeout(tick, POLL_MS);
    };
    state.pollTimer = setTimeout(tick, 0);
  }

  function stopPolling() {
    clearTimeout(state.pollTimer);
    state.pollTimer = 0;
  }

  function stopFeed() {
    stopPolling();
    const socket = state.socket;
    state.socket = null;
    if (socket) socket.close();
  }

  // ---- sending ---------------------------------------------------------------------
  function showError(text) {
    $("error").textContent = text || "";
  }

  async function postMessage(msg) {
    state.messages.set(msg.id, { ...msg, pending: "sending" });
    scheduleDraw();
    const body = { id: msg.id, ...(msg.text ? { text: msg.text } : {}), files: msg.fileIds || [] };
    try {
      upsert(await api("/messages", { method: "POST", body }));
    } catch (err) {
      if (state.gone) return;
      state.messages.set(msg.id, { ...msg, pending: "failed" });
      showError(t("sendFailed", { why: err.message }));
      scheduleDraw();
    }
  }

  async function submit(event) {
    event.preventDefault();
    if (state.gone) return;
    const box = $("text");
    const text = box.value.trim();
    const uploads = state.uploads;
    if (!text && uploads.length === 0) return;
    if (uploads.some((u) => u.status !== "done")) {
      if (uploads.some((u) => u.status === "failed")) {
        showError(t("waitUploads"));
        return;
      }
      $("send").disabled = true;
      await Promise.all(uploads.map((u) => u.promise.catch(() => {})));
      $("send").disabled = false;
      if (uploads.some((u) => u.status !== "done")) {
        showError(t("waitUploads"));
        return;
      }
    }
    showError("");
    const files = uploads.map((u) => ({
      id: u.fileId, name: u.file.name, size: u.file.size, content_type: u.file.type || "application/octet-stream",
    }));
    const msg = {
      id: state.draftId,
      chat_id: CHAT,
      author_kind: "customer",
      author_id: null,
      kind: "reply",
      blocks: [
        ...(text ? [{ type: "text", text }] : []),
        ...(files.length ? [{ type: "files", files }] : []),
      ],
      created_at: new Date().toISOString(),
      customer_read_at: null,
      text,
      fileIds: files.map((f) => f.id),
    };
    state.draftId = crypto.randomUUID();
    state.uploads = [];
    $("pending").replaceChildren();
    box.value = "";
    autosize();
    await postMessage(msg);
    $("log").scrollTop = $("log").scrollHeight;
  }

  // ---- files (M1): tus uploads with progress, the same limits as agents ------------
  function b64(text) {
    const bytes = new TextEncoder().encode(text);
    let bin = "";
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin);
  }

  function addFiles(list) {
    showError("");
    for (const file of Array.from(list)) {
      if (state.uploads.length >= MAX_FILES) {
        showError(t("tooMany", { n: MAX_FILES }));
        break;
      }
      if (file.size > MAX_BYTES) {
        showError(t("tooLarge", { name: file.name, size: humanSize(MAX_BYTES) }));
        continue;
      }
      const upload = { id: crypto.randomUUID(), file, fileId: crypto.randomUUID(), offset: 0, status: "uploading", error: "" };
      upload.message = state.draftId;
      state.uploads.push(upload);
      drawUpload(upload);
      upload.promise = runUpload(upload);
    }
  }

  function drawUpload(upload) {
    const li = upload.el || el("li", "upload");
    upload.el = li;
    li.replaceChildren();
    li.classList.toggle("failed", upload.status === "failed");
    const name = el("span", "upload-name", upload.file.name);
    const bar = el("progress", "upload-bar");
    bar.max = upload.file.size || 1;
    bar.value = upload.status === "done" ? bar.max : upload.offset;
    bar.setAttribute("aria-label", upload.file.name);
    li.append(name, bar);
    if (upload.status === "failed") {
      const retry = el("button", "upload-retry", t("retry"));
      retry.type = "button";
      retry.addEventListener("click", () => {
        upload.status = "uploading";
        showError("");
        drawUpload(upload);
        upload.promise = runUpload(upload);
      });
      li.append(retry);
    }
    const remove = el("button", "upload-remove", "×");
    remove.type = "button";
    remove.setAttribute("aria-label", t("remove", { name: upload.file.name }));
    remove.addEventListener("click", () => {
      upload.cancelled = true;
      if (upload.xhr) upload.xhr.abort();
      state.uploads = state.uploads.filter((u) => u !== upload);
      li.remove();
      if (upload.location) tusRequest("DELETE", upload.location, {}).catch(() => {});
    });
    li.append(remove);
    if (!li.isConnected) $("pending").append(li);
  }

  function tusRequest(method, url, headers, body, onProgress, holder) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader("Authorization", `Bearer ${TOKEN}`);
      xhr.setRequestHeader("Tus-Resumable", "1.0.0");
      for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
      if (onProgress) xhr.upload.addEventListener("progress", (e) => onProgress(e.loaded));
      xhr.addEventListener("load", () => {
        if (xhr.status === 401) showGone();
        let body = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch (err) {
          body = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(xhr);
        else reject(new ApiError(xhr.status, body));
      });
      xhr.addEventListener("error", () => reject(new ApiError(0, { error: { message: t("network") } })));
      xhr.addEventListener("abort", () => reject(new ApiError(0, { error: { message: "aborted" } })));
      if (holder) holder.xhr = xhr;
      xhr.send(body === undefined ? null : body);
    });
  }

  async function runUpload(upload) {
    const file = upload.file;
    try {
      if (!upload.location) {
        const metadata = [
          `filename ${b64(file.name)}`,
          `filetype ${b64(file.type || "application/octet-stream")}`,
          `chat_id ${b64(CHAT)}`,
          `message_id ${b64(upload.message)}`,
          `file_id ${b64(upload.fileId)}`,
        ].join(",");
        const created = await tusRequest("POST", "/uploads", {
          "Upload-Length": String(file.size),
          "Upload-Metadata": metadata,
        });
        upload.location = created.getResponseHeader("Location");
      } else {
        const head = await tusRequest("HEAD", upload.location, {});
        upload.offset = Number(head.getResponseHeader("Upload-Offset")) || 0;
      }
      while (upload.offset < file.size && !upload.cancelled) {
        const end = Math.min(upload.offset + CHUNK, file.size);
        const start = upload.offset;
        const progress = (loaded) => {
          const bar = upload.el.querySelector("progress");
          if (bar) bar.value = start + loaded;
        };
        const sent = await tusRequest(
          "PATCH",
          upload.location,
          { "Content-Type": "application/offset+octet-stream", "Upload-Offset": String(start) },
          file.slice(start, end),
          progress,
          upload
        );
        upload.offset = Number(sent.getResponseHeader("Upload-Offset")) || end;
      }
      upload.status = "done";
      drawUpload(upload);
    } catch (err) {
      if (upload.cancelled) return;
      upload.status = "failed";
      upload.error = err.message;
      showError(t("uploadFailed", { name: file.name, why: err.message }));
      drawUpload(upload); // its status says it failed: nobody awaits a rejection
    }
  }

  // ---- the composer ----------------------------------------------------------------
  function autosize() {
    const box = $("text");
    box.style.height = "auto";
    box.style.height = `${Math.min(box.scrollHeight, 160)}px`;
  }

  $("composer").addEventListener("submit", submit);
  $("text").addEventListener("input", autosize);
  $("text").addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter breaks the line; never while an IME composes (Korean).
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  $("attach").addEventListener("click", () => $("file").click());
  $("file").addEventListener("change", (event) => {
    addFiles(event.target.files);
    event.target.value = "";
  });
  $("text").addEventListener("paste", (event) => {
    const files = event.clipboardData && event.clipboardData.files;
    if (files && files.length) {
      event.preventDefault();
      addFiles(files);
    }
  });
  $("older").addEventListener("click", () => loadOlder().catch((err) => showError(err.message)));

  let dragDepth = 0;
  const app = $("app");
  app.addEventListener("dragenter", (event) => {
    if (!Array.from(event.dataTransfer.types).includes("Files")) return;
    dragDepth += 1;
    $("drop").hidden = false;
  });
  app.addEventListener("dragleave", () => {
    dragDepth = Math.max(0, dragDepth - 1);
    if (!dragDepth) $("drop").hidden = true;
  });
  app.addEventListener("dragover", (event) => event.preventDefault());
  app.addEventListener("drop", (event) => {
    event.preventDefault();
    dragDepth = 0;
    $("drop").hidden = true;
    if (event.dataTransfer.files.length) addFiles(event.dataTransfer.files);
  });

  // ---- start -----------------------------------------------------------------------
  window.sangdamPage = { state }; // for tests and debugging: read-only use
  (async () => {
    try {
      await Promise.all([loadChat(), loadPeople()]);
    } catch (err) {
      if (err.status === 404) showGone();
      else showError(err.message);
      if (state.gone) return;
    }
    setLive(false);
    $("status").textContent = "";
    connect();
    document.body.classList.add("ready");
  })();
})();
