/* The page of a revoked or unknown link. In the website snippet's panel (U2) it tells the
 * snippet, which forgets the chat and offers a new conversation; Esc closes the panel. */
"use strict";
(function () {
  if (window.parent === window || new URLSearchParams(location.search).get("embed") !== "1") return;
  window.parent.postMessage({ type: "sangdam:gone" }, "*");
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") window.parent.postMessage({ type: "sangdam:close" }, "*");
  });
})();
