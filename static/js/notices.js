// The unread count in the header, kept live over the person's own stream (notices.<id>).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", () => {
    const badge = document.querySelector("[data-notice-stream]");
    if (!badge || !window.WspolnotaLive) return;
    const count = badge.querySelector("[data-unread]");
    const show = (n) => { if (typeof n === "number") count.textContent = String(n); };
    window.WspolnotaLive.subscribe(
      badge.dataset.noticeStream,
      (event) => {
        show(event.data.unread);
        if (event.type === "notice") window.WspolnotaLive.announce(gettext("Nowe powiadomienie"));
      },
      (snapshot) => show(snapshot.unread),
    );
  });
})();
