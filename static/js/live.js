// Live updates over the websocket at /ws/: subscribe to streams, resume by sequence number.
// Usage: WspolnotaLive.subscribe("meeting.17", (event) => {...}, (snapshot) => {...});
(function () {
  "use strict";
  const handlers = new Map(); // stream -> {onEvent, onSnapshot, lastSeq}
  let socket = null;
  let retry = 500;

  function url() {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    return scheme + "://" + window.location.host + "/ws/";
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function subscribeAll() {
    handlers.forEach((h, stream) => send({ action: "subscribe", stream: stream, last_seq: h.lastSeq }));
  }

  // <html data-live="stream ..."> lists the streams whose events now arrive: what a test
  // (or a person debugging) waits on, rather than on time.
  function ready(stream) {
    const streams = new Set((document.documentElement.dataset.live || "").split(" ").filter(Boolean));
    streams.add(stream);
    document.documentElement.dataset.live = Array.from(streams).join(" ");
  }

  function connect() {
    socket = new WebSocket(url());
    socket.addEventListener("open", () => { retry = 500; subscribeAll(); });
    socket.addEventListener("close", () => {
      delete document.documentElement.dataset.live;
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    });
    socket.addEventListener("message", (msg) => {
      let frame;
      try { frame = JSON.parse(msg.data); } catch (e) { return; }
      const h = handlers.get(frame.stream);
      if (frame.type === "error") { window.dispatchEvent(new CustomEvent("live-error", { detail: frame })); return; }
      if (!h) return;
      if (frame.type === "subscribed") { h.lastSeq = frame.seq; ready(frame.stream); return; }
      if (frame.type === "snapshot") {
        h.lastSeq = frame.seq;
        if (h.onSnapshot) h.onSnapshot(frame.data);
        ready(frame.stream);
        return;
      }
      if (frame.seq !== null && frame.seq !== undefined) {
        if (h.lastSeq !== null && frame.seq <= h.lastSeq) return;
        h.lastSeq = frame.seq;
      }
      h.onEvent(frame);
    });
  }

  function announce(text) {
    const region = document.getElementById("live-announcer");
    if (region) { region.textContent = ""; setTimeout(() => { region.textContent = text; }, 50); }
  }

  window.WspolnotaLive = {
    subscribe(stream, onEvent, onSnapshot) {
      handlers.set(stream, { onEvent, onSnapshot, lastSeq: null });
      if (!socket) connect(); else send({ action: "subscribe", stream: stream, last_seq: null });
    },
    command(action, data) { send(Object.assign({ action: action }, data || {})); },
    announce: announce,
  };

  // Elements with data-live-stream reload their region when their stream changes.
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-live-stream]").forEach((el) => {
      window.WspolnotaLive.subscribe(el.dataset.liveStream, (event) => {
        el.dispatchEvent(new CustomEvent("live-event", { detail: event, bubbles: true }));
      });
    });
  });
})();
