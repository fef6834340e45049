// Home page: the "what changed" list refreshes itself when a transition arrives on the
// streams of the objects it shows. The list comes from the server (escaped, translated).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", () => {
    const feed = document.getElementById("feed");
    if (!feed || !window.WspolnotaLive) return;
    let pending = null;
    function refresh() {
      pending = null;
      fetch(feed.dataset.refreshUrl, { credentials: "same-origin" })
        .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
        .then((html) => {
          const list = new DOMParser().parseFromString(html, "text/html").getElementById("feed-list");
          const current = document.getElementById("feed-list");
          if (list && current) current.replaceWith(document.importNode(list, true));
          window.WspolnotaLive.announce(gettext("Nowa zmiana w mieście"));
        })
        .catch(() => {});
    }
    (feed.dataset.streams || "").split(" ").filter(Boolean).forEach((stream) => {
      window.WspolnotaLive.subscribe(stream, (frame) => {
        // Coalesce bursts (a batch of transitions) into one request.
        if (frame.type === "transition" && !pending) pending = setTimeout(refresh, 300);
      });
    });
  });
})();
