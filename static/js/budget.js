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

  // Points shared by the whole ballot (the rulebook lets them be spread across pools).
  function spent(fieldset) {
    if (!fieldset.dataset.shared) return used(fieldset);
    return Array.from(document.querySelectorAll(".ballot-pool[data-shared]"))
      .reduce((sum, each) => sum + used(each), 0);
  }

  function message(points, over, n) {
    if (points) {
      return over
        ? ngettext("Za dużo o %(n)s punkt — popraw wybór.", "Za dużo o %(n)s punktów — popraw wybór.", n)
        : ngettext("Do rozdzielenia: %(n)s punkt", "Do rozdzielenia: %(n)s punktów", n);
    }
    return over
      ? ngettext("Za dużo o %(n)s projekt — popraw wybór.", "Za dużo o %(n)s projektów — popraw wybór.", n)
      : ngettext("Do wyboru: %(n)s projekt", "Do wyboru: %(n)s projektów", n);
  }

  function describe(fieldset) {
    const limit = parseInt(fieldset.dataset.limit, 10);
    const left = limit - spent(fieldset);
    const out = fieldset.querySelector(".remaining");
    if (!out) return;
    const text = message(fieldset.dataset.rule === "cumulative", left < 0, Math.abs(left));
    out.textContent = " " + interpolate(text, { n: Math.abs(left) }, true);
    out.classList.toggle("error", left < 0);
  }

  function setUpBallot() {
    document.querySelectorAll(".ballot-pool").forEach((fieldset) => {
      describe(fieldset);
      // A shared budget of points changes every pool's indicator.
      const update = () => document.querySelectorAll(".ballot-pool").forEach(describe);
      fieldset.addEventListener("change", update);
      fieldset.addEventListener("input", update);
    });
  }

  function showTurnout(section, data) {
    const total = section.querySelector("[data-turnout-total]");
    if (total) total.textContent = data.total;
    const voided = section.querySelector("[data-turnout-voided]");
    if (voided) voided.textContent = data.voided_duplicates;
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
