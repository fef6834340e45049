// The meeting room, live: agenda, speaker queue, floor with a countdown on the server's clock.
// The page works without this file (every control is a form posting to the server); with it,
// the same forms are sent as websocket commands and the room follows `meeting.<id>` events.
(function () {
  "use strict";

  const root = document.getElementById("meeting-room");
  if (!root || !window.WspolnotaLive) return;

  const meetingId = Number(root.dataset.meeting);
  const stream = root.dataset.stream;
  const role = root.dataset.role;
  const userId = root.dataset.user ? Number(root.dataset.user) : null;
  const isModerator = role === "moderator";
  const isParticipant = role === "moderator" || role === "participant";

  let room = null;
  let clockOffset = 0; // server time minus local time, in ms
  let live = false;
  let ticker = null;
  let checkedIn = false;

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v !== null && v !== undefined) node.setAttribute(k, v);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function csrfInput() {
    const existing = root.querySelector("input[name=csrfmiddlewaretoken]");
    return existing ? existing.cloneNode() : el("input", { type: "hidden" });
  }

  // A control rendered by the script is the same form the server renders.
  function actionForm(command, label, fields, extraClass) {
    const name = command.replace("meeting.", "");
    const form = el("form", {
      method: "post",
      action: "/spotkania/" + meetingId + "/czynnosc/" + name + "/",
      "data-command": command,
      class: "inline" + (extraClass ? " " + extraClass : ""),
    });
    form.appendChild(csrfInput());
    Object.entries(fields || {}).forEach(([k, v]) => {
      form.appendChild(el("input", { type: "hidden", name: k, value: String(v) }));
    });
    form.appendChild(el("button", { type: "submit" }, label));
    return form;
  }

  function mmss(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function renderCountdown() {
    const node = $("countdown");
    if (!node || !room || !room.floor) return;
    const started = Date.parse(room.floor.started_at);
    const elapsed = (Date.now() + clockOffset - started) / 1000;
    const left = room.floor.limit_seconds - elapsed;
    const overrun = left < 0;
    node.classList.toggle("overrun", overrun);
    node.textContent = interpolate(
      overrun ? gettext("Przekroczono czas o %(time)s") : gettext("Pozostało: %(time)s"),
      { time: mmss(Math.abs(left)) },
      true
    );
  }

  function renderFloor() {
    const box = $("floor");
    box.replaceChildren();
    if (ticker) { clearInterval(ticker); ticker = null; }
    if (!room.floor) {
      box.appendChild(el("p", {}, gettext("Nikt nie ma teraz głosu.")));
      return;
    }
    const p = el("p", {}, gettext("Głos ma") + ": ");
    p.appendChild(el("strong", { id: "floor-speaker" }, room.floor.speaker.name));
    box.appendChild(p);
    // role=timer is not announced every second; the floor change itself is announced once.
    box.appendChild(el("p", { id: "countdown", role: "timer" }));
    renderCountdown();
    ticker = setInterval(renderCountdown, 1000);
  }

  function renderQueue() {
    const list = $("queue");
    list.replaceChildren();
    if (!room.queue.length) list.appendChild(el("li", { class: "empty" }, gettext("Nikt nie czeka w kolejce.")));
    room.queue.forEach((hand) => {
      const li = el("li", { "data-user": hand.user.id }, hand.user.name + " ");
      if (isModerator && room.state === "open") {
        const form = actionForm("meeting.give_floor", gettext("Udziel głosu"), { user: hand.user.id });
        form.querySelector("button").appendChild(el("span", { class: "visually-hidden" }, " " + hand.user.name));
        li.appendChild(form);
      }
      list.appendChild(li);
    });
    const mine = room.queue.some((hand) => hand.user.id === userId);
    const raise = $("raise-hand");
    const lower = $("lower-hand");
    if (raise) raise.hidden = mine;
    if (lower) lower.hidden = !mine;
  }

  function renderAgenda() {
    const list = $("agenda");
    list.replaceChildren();
    room.agenda.forEach((item) => {
      const li = el("li", {
        "data-item": item.id,
        "data-status": item.status,
        "aria-current": item.status === "open" ? "step" : null,
      });
      li.appendChild(el("strong", {}, item.title));
      if (item.section_label) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", { class: "badge" }, item.section_label));
      }
      const status = {
        pending: gettext("oczekuje"),
        open: gettext("omawiany teraz"),
        closed: gettext("zamknięty"),
      }[item.status];
      li.appendChild(el("span", { class: "item-status" }, " (" + status + ")"));
      if (isModerator && room.state === "open") {
        if (item.status === "pending") li.appendChild(actionForm("meeting.open_item", gettext("Otwórz punkt"), { item: item.id }, "item-open"));
        if (item.status === "open") li.appendChild(actionForm("meeting.close_item", gettext("Zamknij punkt"), { item: item.id }, "item-close"));
      }
      const decisions = el("ul", { class: "decisions" });
      (item.decisions || []).forEach((d) => {
        const entry = el("li");
        entry.appendChild(el("strong", {}, d.outcome_label));
        entry.appendChild(document.createTextNode(": " + d.text));
        decisions.appendChild(entry);
      });
      li.appendChild(decisions);
      const contributions = el("ul", { class: "contributions" });
      (item.contributions || []).forEach((c) => contributions.appendChild(el("li", {}, c.author.name + ": " + c.text)));
      li.appendChild(contributions);
      list.appendChild(li);
    });
    const record = $("record");
    if (record) record.hidden = room.current_item === null;
  }

  function render() {
    renderFloor();
    renderQueue();
    renderAgenda();
  }

  function item(id) {
    return room.agenda.find((i) => i.id === id);
  }

  function setItem(data) {
    const found = item(data.id);
    if (found) Object.assign(found, data);
  }

  const apply = {
    item_opened(d) { setItem(d.item); room.current_item = d.current_item; },
    item_closed(d) { setItem(d.item); room.current_item = null; room.queue = d.queue; room.floor = d.floor; },
    hand_raised(d) {
      if (!room.queue.some((h) => h.user.id === d.user.id)) room.queue.push({ user: d.user, raised_at: d.raised_at });
    },
    hand_lowered(d) { room.queue = room.queue.filter((h) => h.user.id !== d.user.id); },
    floor_given(d) {
      room.floor = d.floor;
      room.queue = room.queue.filter((h) => h.user.id !== d.floor.speaker.id);
      window.WspolnotaLive.announce(interpolate(gettext("Głos otrzymuje %(name)s"), { name: d.floor.speaker.name }, true));
    },
    floor_ended(d) { room.floor = null; },
    decision_recorded(d) { const i = item(d.item); if (i) i.decisions.push(d.decision); },
    contribution_added(d) { const i = item(d.item); if (i) i.contributions.push(d.contribution); },
  };

  function onEvent(frame) {
    if (!room) return;
    if (frame.type === "transition") {
      // A new meeting state changes which controls exist: the server renders them.
      window.WspolnotaLive.announce(gettext("Zmienił się stan spotkania."));
      window.location.reload();
      return;
    }
    if (frame.type === "vote_opened" || frame.type === "vote_closed") {
      // A body's vote opens or closes: the server renders the ballot or the result.
      window.location.reload();
      return;
    }
    if (isModerator && $("vote") && (frame.type === "item_opened" || frame.type === "item_closed")) {
      // A body's chair puts the open item to the vote: the server renders that form.
      window.location.reload();
      return;
    }
    if (frame.type === "vote_cast") {
      const cast = $("vote-cast");
      if (cast) cast.textContent = String(frame.data.cast);
      return;
    }
    const handler = apply[frame.type];
    if (!handler) return;
    handler(frame.data);
    render();
  }

  function onSnapshot(data) {
    room = data;
    clockOffset = Date.parse(data.server_now) - Date.now();
    live = true;
    if (isParticipant && data.state === "open" && !checkedIn) {
      checkedIn = true; // present in the minutes' attendance
      window.WspolnotaLive.command("meeting.check_in", { meeting: meetingId });
    }
    const state = $("meeting-state");
    if (state && state.dataset.state !== data.state) { window.location.reload(); return; }
    render();
  }

  function showError(message) {
    const box = $("meeting-error");
    box.textContent = message;
    box.hidden = !message;
  }

  window.addEventListener("live-error", (e) => {
    if (e.detail && e.detail.ref) showError(e.detail.message);
  });

  let refs = 0;
  root.addEventListener("submit", (e) => {
    const form = e.target.closest("form[data-command]");
    if (!form || !live) return; // without a live connection the form posts as usual
    e.preventDefault();
    showError("");
    const message = { meeting: meetingId, ref: "m" + (++refs) };
    new FormData(form).forEach((value, key) => {
      if (key !== "csrfmiddlewaretoken") message[key] = /^\d+$/.test(value) && key !== "text" ? Number(value) : value;
    });
    window.WspolnotaLive.command(form.dataset.command, message);
    if (form.dataset.reset) form.reset();
  });

  window.WspolnotaLive.subscribe(stream, onEvent, onSnapshot);
})();
