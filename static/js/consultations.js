// Programme page: live comment list, counts and state over the `consultation.<id>` stream.
// All user text is set with textContent (never parsed as HTML).
(function () {
  "use strict";

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function labelled(label, text) {
    const p = el("p");
    p.appendChild(el("span", "label", label + " "));
    p.appendChild(document.createTextNode(text));
    return p;
  }

  function commentItem(c) {
    const li = el("li", "comment");
    li.id = "uwaga-" + c.id;
    const author = c.author_krs
      ? c.author + ", " + interpolate(gettext("KRS %(krs)s"), { krs: c.author_krs }, true)
      : c.author;
    li.appendChild(el("p", "meta", [author, c.kind_label, c.target_label].join(" · ")));
    if (c.proposed_wording) li.appendChild(labelled(gettext("Propozycja:"), c.proposed_wording));
    li.appendChild(labelled(gettext("Uzasadnienie:"), c.justification));
    if (c.decision) {
      const answer = labelled(gettext("Odpowiedź:"), c.decision_label + " — " + (c.reason || ""));
      answer.className = "answer";
      li.appendChild(answer);
    }
    return li;
  }

  function setCounts(counts) {
    if (!counts) return;
    const total = document.getElementById("comment-total");
    const open = document.getElementById("comment-unanswered");
    if (total) total.textContent = counts.total;
    if (open) open.textContent = counts.unanswered;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const root = document.getElementById("programme");
    const list = document.getElementById("comment-list");
    if (!root || !list || !window.WspolnotaLive) return;
    window.WspolnotaLive.subscribe(
      root.dataset.stream,
      (frame) => {
        const data = frame.data || {};
        if (frame.type === "comment.created" || frame.type === "comment.answered") {
          const item = commentItem(data.comment);
          const existing = document.getElementById(item.id);
          if (existing) existing.replaceWith(item); else list.appendChild(item);
          setCounts(data.counts);
          window.WspolnotaLive.announce(
            frame.type === "comment.created"
              ? interpolate(gettext("Nowa uwaga: %(author)s"), { author: data.comment.author }, true)
              : interpolate(gettext("Odpowiedź na uwagę %(id)s"), { id: data.comment.id }, true));
        } else if (frame.type === "transition") {
          const state = document.getElementById("programme-state");
          if (state) state.textContent = data.state_label || data.to;
          window.WspolnotaLive.announce(gettext("Zmiana etapu konsultacji"));
        }
      },
      (snapshot) => {
        setCounts(snapshot.counts);
        const state = document.getElementById("programme-state");
        if (state && snapshot.state_label) state.textContent = snapshot.state_label;
      }
    );
  });
})();
