// Civic budget pages: remaining choices/points on the ballot, live turnout on the edition page.
// Everything works without this file; it only adds feedback.
(function () {
  "use strict";

  function used(fieldset) {
    const rule = fieldset.dataset.rule;
    if (rule === "approval") {
      return fieldset.querySelectorAll("input[type=checkbox]:checked").length;
    }
    if (rule === "ordinal") {
      return Array.from(fieldset.querySelectorAll("select")).filter((s) => s.value).length;
    }
    return Array.from(fieldset.querySelectorAll("input[type=number]"))
      .reduce((sum, input) => sum + (parseInt(input.value, 10) || 0), 0);
  }

  function describe(fieldset) {
    const limit = parseInt(fieldset.dataset.limit, 10);
    const left = limit - used(fieldset);
    const points = fieldset.dataset.rule === "cumulative";
    const out = fieldset.querySelector(".remaining");
    if (!out) return;
    const text = left >= 0
      ? (points ? gettext("Pozostało: %(n)s pkt") : gettext("Pozostało: %(n)s wyb."))
      : (points ? gettext("Za dużo o %(n)s pkt — popraw wybór.") : gettext("Za dużo o %(n)s wyb. — popraw wybór."));
    out.textContent = " " + interpolate(text, { n: Math.abs(left) }, true);
    out.classList.toggle("error", left < 0);
  }

  function setUpBallot() {
    document.querySelectorAll(".ballot-pool").forEach((fieldset) => {
      describe(fieldset);
      fieldset.addEventListener("change", () => describe(fieldset));
      fieldset.addEventListener("input", () => describe(fieldset));
    });
  }

  function showTurnout(section, data) {
    const total = section.querySelector("[data-turnout-total]");
    if (total) total.textContent = data.total;
    section.querySelectorAll("[data-turnout-pool]").forEach((cell) => {
      cell.textContent = data.by_pool[cell.dataset.turnoutPool] || 0;
    });
    const bands = section.querySelector("[data-turnout-bands]");
    if (bands) {
      bands.replaceChildren(...Object.entries(data.by_age_band).map(([band, n]) => {
        const li = document.createElement("li");
        li.textContent = band + ": " + n;
        return li;
      }));
    }
  }

  function setUpTurnout() {
    const section = document.querySelector("#turnout[data-stream]");
    if (!section || !window.WspolnotaLive) return;
    window.WspolnotaLive.subscribe(
      section.dataset.stream,
      (event) => { if (event.type === "turnout") showTurnout(section, event.data); },
      (snapshot) => showTurnout(section, snapshot)
    );
  }

  document.addEventListener("DOMContentLoaded", () => { setUpBallot(); setUpTurnout(); });
})();
