/* Sangdam website snippet (U2, P5). Include once on every page of a company's site:
 *   <script src="https://<server>/snippet.js" data-workspace="<workspace id>" async></script>
 * It adds a chat launcher (bottom right) with an unread badge and a panel holding the
 * chat page (/c/<token>?embed=1), records each page view as the visitor's event, and
 * keeps the visitor across visits with a token in this site's localStorage
 * ("sangdam:<workspace>"). Its looks live in a Shadow DOM so the site's CSS cannot
 * break it, and it leaks none into the site. Single-page sites call Sangdam.visit()
 * after a route change. Plain JavaScript, no build step. */
(function () {
  "use strict";

  var script =
    document.currentScript ||
    document.querySelector('script[src*="/snippet.js"][data-workspace]');
  if (!script) return;
  var workspace = (script.getAttribute("data-workspace") || "").trim();
  if (!/^[0-9a-fA-F-]{32,36}$/.test(workspace)) {
    if (window.console) console.warn("Sangdam: data-workspace is missing or not a workspace id");
    return;
  }
  var server = new URL(script.src, location.href).origin;
  var flag = "__sangdam_" + workspace;
  if (window[flag]) return; // included twice: one launcher
  window[flag] = true;

  var korean = /^ko\b/i.test(navigator.language || "");
  var text = korean
    ? {
        open: "상담 채팅 열기",
        close: "채팅 닫기",
        panel: "상담 채팅",
        unread: function (n) { return "읽지 않은 메시지 " + n + "개"; },
        greeting: "무엇을 도와드릴까요? 메시지를 남겨 주시면 여기에서 답해 드릴게요.",
        message: "메시지",
        placeholder: "메시지를 입력하세요…",
        send: "보내기",
        ended: "이전 대화는 종료되었습니다. 새 대화를 시작할 수 있습니다.",
        sendFailed: "메시지를 보내지 못했습니다. 잠시 후 다시 시도해 주세요.",
      }
    : {
        open: "Open chat",
        close: "Close chat",
        panel: "Chat",
        unread: function (n) { return n + (n === 1 ? " unread message" : " unread messages"); },
        greeting: "How can we help? Send us a message and we will answer here.",
        message: "Message",
        placeholder: "Write a message…",
        send: "Send",
        ended: "That conversation has ended. You can start a new one.",
        sendFailed: "The message could not be sent. Please try again in a moment.",
      };

  // ---- the visitor's token and chat, kept in this site's localStorage ----
  var storeKey = "sangdam:" + workspace;
  var memory = {};
  function load() {
    try {
      var raw = window.localStorage.getItem(storeKey);
      return raw ? JSON.parse(raw) || {} : {};
    } catch (e) {
      return memory; // storage blocked (private mode, sandbox): this page only
    }
  }
  function save(state) {
    memory = state;
    try {
      window.localStorage.setItem(storeKey, JSON.stringify(state));
    } catch (e) { /* kept in memory */ }
  }

  function post(path, body, token) {
    var headers = { "Content-Type": "application/json" };
    if (token) headers.Authorization = "Bearer " + token;
    return fetch(server + path, {
      method: "POST",
      mode: "cors",
      credentials: "omit",
      headers: headers,
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) {
          var err = new Error((data.error && data.error.message) || "HTTP " + r.status);
          err.status = r.status;
          throw err;
        }
        return data;
      });
    });
  }

  var visitorPromise = null;
  function visitor() {
    var state = load();
    if (state.visitor) return Promise.resolve(state.visitor);
    if (!visitorPromise) {
      visitorPromise = post("/customer/visitors", { workspace_id: workspace }).then(
        function (data) {
          var fresh = load();
          fresh.visitor = data.token;
          fresh.customer = data.customer_id;
          save(fresh);
          return data.token;
        }
      );
      visitorPromise.catch(function () { visitorPromise = null; });
    }
    return visitorPromise;
  }
  function forgetVisitor() {
    var state = load();
    delete state.visitor;
    delete state.customer;
    delete state.chat; // that chat was the forgotten visitor's
    save(state);
  }

  function cut(value, n) {
    return value ? String(value).slice(0, n) : null;
  }
  function pageAddress() {
    return location.href.split("#")[0]; // the fragment stays in the browser
  }

  /* P5: this page, its title and where the visitor came from (the time is the
   * server's). A token the server no longer knows is dropped and made again once. */
  function visit(retried) {
    var body = {
      url: cut(pageAddress(), 2000),
      title: cut(document.title, 500),
      referrer: cut(document.referrer, 2000),
    };
    return visitor()
      .then(function (token) { return post("/customer/visitor/visits", body, token); })
      .catch(function (err) {
        if (err.status === 401 && !retried) {
          forgetVisitor();
          return visit(true);
        }
        return null; // a lost visit never bothers the visitor
      });
  }

  /* The chat starts with the visitor's first message, never on a mere open: a visitor
   * who opens and closes the panel leaves no empty chat in the agents' inbox. The page
   * it was sent from is "the page on which the chat started" (P5). */
  function startChat(message, retried) {
    var state = load();
    if (state.chat && state.chat.token) {
      // Another tab started the chat meanwhile: the text goes to its page's composer.
      draft = message;
      return Promise.resolve(state.chat.token);
    }
    return visitor()
      .then(function (token) {
        return post(
          "/customer/chats",
          { workspace_id: workspace, page_url: cut(pageAddress(), 2000), text: message },
          token
        );
      })
      .then(function (data) {
        var fresh = load();
        fresh.chat = { id: data.chat_id, token: data.token };
        save(fresh);
        return data.token;
      })
      .catch(function (err) {
        if (err.status !== 401 || retried) throw err;
        forgetVisitor(); // a visitor the server no longer knows: once more as a new one
        return startChat(message, true);
      });
  }

  // ---- the launcher and the panel, in a Shadow DOM ----
  var css =
    ":host{all:initial}" +
    "*{box-sizing:border-box}" +
    ".launcher{position:fixed;right:20px;bottom:20px;width:60px;height:60px;border-radius:50%;" +
    "border:0;margin:0;padding:0;background:#2453d6;color:#fff;cursor:pointer;display:flex;" +
    "align-items:center;justify-content:center;box-shadow:0 4px 14px rgba(0,0,0,.28);" +
    "z-index:2147483000;font:600 14px/1 system-ui,sans-serif;visibility:visible;opacity:1}" +
    ".launcher:hover{background:#1b44b8}" +
    ".launcher:focus{outline:none}" +
    ".launcher:focus-visible{outline:3px solid #0b1f66;outline-offset:3px;" +
    "box-shadow:0 0 0 6px #fff,0 4px 14px rgba(0,0,0,.28)}" +
    ".launcher svg{width:28px;height:28px;fill:currentColor}" +
    ".launcher[aria-expanded=true] .when-closed,.launcher[aria-expanded=false] .when-open" +
    "{display:none}" +
    ".badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;" +
    "border-radius:11px;background:#d92d20;color:#fff;font:700 12px/22px system-ui,sans-serif;" +
    "text-align:center;border:2px solid #fff}" +
    ".badge[hidden]{display:none}" +
    ".panel{position:fixed;right:20px;bottom:92px;width:380px;height:600px;" +
    "max-height:calc(100vh - 112px);background:#fff;border-radius:14px;overflow:hidden;" +
    "box-shadow:0 12px 40px rgba(0,0,0,.3);z-index:2147483000;display:flex;" +
    "flex-direction:column;font:15px/1.4 system-ui,sans-serif;color:#111}" +
    ".panel[hidden]{display:none}" +
    ".panel.chatting .bar{display:none}" +
    ".bar{display:flex;align-items:center;justify-content:space-between;padding:8px 8px 8px 16px;" +
    "background:#2453d6;color:#fff;font-weight:600}" +
    ".close{width:36px;height:36px;border:0;border-radius:8px;background:transparent;color:#fff;" +
    "font:400 24px/1 system-ui,sans-serif;cursor:pointer;display:flex;align-items:center;" +
    "justify-content:center}" +
    ".close:hover{background:rgba(255,255,255,.18)}" +
    ".close:focus{outline:none}" +
    ".close:focus-visible{outline:3px solid #fff;outline-offset:-3px}" +
    "iframe{flex:1;width:100%;border:0;display:block;background:#fff}" +
    ".error{padding:16px;color:#8a1c12}" +
    ".start{flex:1;display:flex;flex-direction:column;justify-content:flex-end;min-height:0;" +
    "background:#f6f7f9}" +
    ".start[hidden]{display:none}" +
    ".hello{margin:0 16px 12px;padding:12px 14px;background:#fff;border-radius:14px 14px 14px 4px;" +
    "box-shadow:0 1px 2px rgba(0,0,0,.12);max-width:85%;align-self:flex-start;" +
    "overflow-wrap:anywhere}" +
    ".ko .hello,.ko .ended{word-break:keep-all}" +
    ".ended{margin:0 16px 12px;color:#4a4f57;font-size:13px}" +
    ".ended[hidden]{display:none}" +
    ".start .error{padding:0 16px 8px;margin:0;font-size:13px}" +
    ".compose{display:flex;align-items:flex-end;gap:8px;padding:10px 12px;background:#fff;" +
    "border-top:1px solid #dde1e6}" +
    ".compose textarea{flex:1;min-height:40px;max-height:140px;resize:none;margin:0;" +
    "padding:9px 14px;border:1px solid #b9c1cf;border-radius:20px;font:15px/1.4 system-ui," +
    "sans-serif;color:#111;background:#fff}" +
    ".compose textarea:focus{outline:none;border-color:#2453d6;box-shadow:0 0 0 2px #2453d6}" +
    ".send{width:42px;height:42px;flex:none;border:0;border-radius:50%;background:#2453d6;" +
    "color:#fff;cursor:pointer;display:flex;align-items:center;justify-content:center;padding:0}" +
    ".send:disabled{background:#6b7a99;cursor:default}" +
    ".send:focus{outline:none}" +
    ".send:focus-visible{outline:3px solid #0b1f66;outline-offset:2px}" +
    ".send svg{width:20px;height:20px;fill:currentColor}" +
    "@media (max-width:480px),(max-height:560px){" +
    ".panel{inset:0;right:0;bottom:0;width:100vw;height:100vh;height:100dvh;max-height:none;" +
    "border-radius:0}.panel:not([hidden])~.launcher,.launcher[aria-expanded=true]{display:none}}" +
    "@media (prefers-reduced-motion:no-preference){.launcher{transition:transform .15s}" +
    ".launcher:active{transform:scale(.94)}}";

  var down =
    '<svg class="when-open" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
    '<path d="M5.3 8.3a1 1 0 0 1 1.4 0L12 13.6l5.3-5.3a1 1 0 1 1 1.4 1.4l-6 6a1 1 0 0 1-1.4 ' +
    '0l-6-6a1 1 0 0 1 0-1.4z"/></svg>';
  var icon =
    '<svg class="when-closed" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 ' +
    "2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 3 1.5 " +
    "1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 " +
    '0 0-3z"/></svg>';

  var host = document.createElement("sangdam-chat");
  // Inline and !important: outranks any rule of the site's stylesheets on the host.
  host.setAttribute(
    "style",
    "all:initial !important;display:block !important;position:static !important;" +
      "visibility:visible !important;opacity:1 !important;transform:none !important;" +
      "filter:none !important;contain:none !important;width:0 !important;height:0 !important"
  );
  var root = host.attachShadow({ mode: "open" });
  root.innerHTML =
    "<style>" + css + "</style>" +
    '<div class="panel" id="panel" role="dialog" aria-modal="false" hidden>' +
    '<div class="bar"><span class="title"></span>' +
    '<button class="close" type="button">&times;</button></div>' +
    '<div class="start" hidden><p class="ended" hidden></p><p class="hello"></p>' +
    '<p class="error" role="alert"></p><form class="compose" novalidate>' +
    '<textarea rows="1" maxlength="20000"></textarea>' +
    '<button class="send" type="submit"><svg viewBox="0 0 24 24" aria-hidden="true" ' +
    'focusable="false"><path d="M3.4 20.4 21 12 3.4 3.6 3.4 10.2 15 12 3.4 13.8z"/></svg>' +
    "</button></form></div></div>" +
    '<button class="launcher" type="button" aria-expanded="false" aria-controls="panel">' +
    icon + down + '<span class="badge" aria-hidden="true" hidden></span></button>';

  var launcher = root.querySelector(".launcher");
  var panel = root.querySelector(".panel");
  var closeButton = root.querySelector(".close");
  var badge = root.querySelector(".badge");
  root.querySelector(".title").textContent = text.panel;
  panel.setAttribute("aria-label", text.panel);
  panel.setAttribute("lang", korean ? "ko" : "en");
  if (korean) panel.classList.add("ko"); // Korean lines break between words (keep-all)
  closeButton.setAttribute("aria-label", text.close);
  closeButton.title = text.close;
  var start = root.querySelector(".start");
  var startForm = root.querySelector(".compose");
  var startBox = startForm.querySelector("textarea");
  var startSend = startForm.querySelector(".send");
  var startError = start.querySelector(".error");
  var ended = start.querySelector(".ended");
  start.querySelector(".hello").textContent = text.greeting;
  ended.textContent = text.ended;
  startBox.setAttribute("aria-label", text.message);
  startBox.setAttribute("placeholder", text.placeholder);
  startSend.setAttribute("aria-label", text.send);
  startSend.title = text.send;

  var frame = null;
  var unread = 0;

  /* The panel shows the chat page (whose header, with its own close button, is then the
   * panel's only header) or the first-message box under the snippet's bar. */
  function showChat(chatting) {
    start.hidden = chatting;
    panel.classList.toggle("chatting", chatting);
  }
  var draft = null; // a first message typed after another tab started the chat

  function label() {
    launcher.setAttribute("aria-label", unread ? text.open + ", " + text.unread(unread) : text.open);
  }
  function setUnread(n) {
    unread = Math.max(0, Math.min(Number(n) || 0, 999));
    badge.textContent = unread > 99 ? "99+" : String(unread);
    badge.hidden = unread === 0;
    label();
  }
  label();

  function tellFrame(open) {
    if (frame && frame.contentWindow) {
      frame.contentWindow.postMessage({ type: "sangdam:visibility", visible: open }, server);
    }
  }

  function ensureFrame(token) {
    var src = server + "/c/" + encodeURIComponent(token) + "?embed=1";
    if (frame && frame.getAttribute("src") === src) return frame;
    if (frame) frame.remove();
    frame = document.createElement("iframe");
    frame.title = text.panel;
    frame.setAttribute("src", src);
    frame.setAttribute("allow", "clipboard-write");
    frame.addEventListener("load", function () {
      tellFrame(!panel.hidden);
      if (draft && frame && frame.contentWindow) {
        frame.contentWindow.postMessage({ type: "sangdam:draft", text: draft }, server);
        draft = null;
      }
    });
    panel.appendChild(frame);
    return frame;
  }

  /* Opened with a chat: its page. Without one: the first-message box (the chat starts
   * when that message is sent, then its page takes the box's place). */
  function open() {
    if (!panel.hidden) return;
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    setUnread(0);
    var chat = load().chat;
    if (chat && chat.token) {
      showChat(true);
      ensureFrame(chat.token);
      tellFrame(true);
      frame.focus();
    } else {
      if (frame) frame.remove(); // a chat forgotten with its visitor (a refused token)
      frame = null;
      showChat(false);
      startBox.focus();
    }
  }

  var sending = false;
  function sendFirst(event) {
    if (event) event.preventDefault();
    var message = startBox.value.trim();
    if (!message || sending) return;
    sending = true;
    startSend.disabled = true;
    startError.textContent = "";
    startChat(message, false)
      .then(function (token) {
        startBox.value = "";
        ended.hidden = true;
        showChat(true);
        ensureFrame(token);
        tellFrame(!panel.hidden);
        if (!panel.hidden) frame.focus();
      })
      .catch(function () { startError.textContent = text.sendFailed; })
      .then(function () {
        sending = false;
        startSend.disabled = false;
      });
  }
  startForm.addEventListener("submit", sendFirst);
  startBox.addEventListener("input", function () {
    startBox.style.height = "auto";
    startBox.style.height = Math.min(startBox.scrollHeight + 2, 140) + "px";
  });
  startBox.addEventListener("keydown", function (e) {
    // Enter sends, Shift+Enter breaks the line; never while an IME composes (Korean).
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) sendFirst(e);
  });
  function close() {
    if (panel.hidden) return;
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    tellFrame(false);
    launcher.focus();
  }

  launcher.addEventListener("click", function () {
    if (panel.hidden) open();
    else close();
  });
  closeButton.addEventListener("click", close);
  root.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) {
      e.stopPropagation();
      close();
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) close();
  });

  // The chat page in the panel tells of unread replies while hidden, or asks to close.
  window.addEventListener("message", function (e) {
    if (e.origin !== server || !frame || e.source !== frame.contentWindow) return;
    var data = e.data || {};
    if (data.type === "sangdam:unread" && panel.hidden) setUnread(data.count);
    else if (data.type === "sangdam:close") close();
    else if (data.type === "sangdam:gone") forgetChat(); // its link was revoked
  });

  /* Its link was revoked: the chat is forgotten; the panel (now or on the next press)
   * offers a new conversation, saying the last one ended. */
  function forgetChat() {
    var state = load();
    delete state.chat;
    save(state);
    if (frame) frame.remove();
    frame = null;
    setUnread(0);
    ended.hidden = false;
    if (!panel.hidden) {
      showChat(false);
      startBox.focus();
    }
  }

  function mount() {
    (document.body || document.documentElement).appendChild(host);
    var chat = load().chat;
    if (chat && chat.token) ensureFrame(chat.token); // hidden: keeps the badge current
    visit(false);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();

  window.addEventListener("popstate", function () { visit(false); });
  window.Sangdam = window.Sangdam || {};
  window.Sangdam.open = open;
  window.Sangdam.close = close;
  window.Sangdam.visit = function () { return visit(false); };
})();
