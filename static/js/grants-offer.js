// The offer form's cost estimate, live: each line's total and whether its sources add up,
// then the sums against the announcement's limits. Progressive enhancement: the server
// checks the same on saving and on submission; without this script nothing is lost.
(function () {
  "use strict";

  function grosze(input) {
    if (!input) return 0;
    var value = (input.value || "").replace(/\s/g, "").replace(",", ".");
    var number = Number(value);
    return isFinite(number) ? Math.round(number * 100) : 0;
  }
  function zl(cents) {
    return (cents / 100).toLocaleString(document.documentElement.lang || "pl", {
      minimumFractionDigits: 2, maximumFractionDigits: 2
    }) + " zł";
  }
  function field(line, name) {
    return line.querySelector("[name$='-" + name + "']");
  }

  function update(form) {
    var sums = { total: 0, grant: 0, own: 0, personal: 0 };
    var errors = 0;
    form.querySelectorAll("[data-cost-line]").forEach(function (line) {
      var out = line.querySelector("[data-line-total]");
      var quantity = field(line, "quantity");
      if (!quantity || !quantity.value) { out.hidden = true; return; }
      // Quantity in hundredths × unit cost in grosze, rounded half up to a grosz.
      var total = Math.round(grosze(quantity) * grosze(field(line, "unit_cost")) / 100);
      var grant = grosze(field(line, "from_grant"));
      var own = grosze(field(line, "from_own"));
      var personal = grosze(field(line, "from_personal"));
      var ok = grant + own + personal === total;
      if (!ok) errors += 1;
      out.hidden = false;
      out.className = ok ? "govuk-hint" : "govuk-error-message";
      out.textContent = ok
        ? interpolate(gettext("Koszt pozycji: %s."), [zl(total)])
        : interpolate(gettext("Koszt pozycji: %s, a dotacja i wkład własny dają %s."),
              [zl(total), zl(grant + own + personal)]);
      sums.total += total; sums.grant += grant; sums.own += own; sums.personal += personal;
    });
    var summary = form.querySelector("[data-cost-summary]");
    var data = form.dataset;
    var problems = [];
    function percent(part) { return sums.total ? (part * 100) / sums.total : 0; }
    var min = Math.round(Number(data.minGrant) * 100), max = Math.round(Number(data.maxGrant) * 100);
    if (sums.total && (sums.grant < min || sums.grant > max)) {
      problems.push(interpolate(gettext("Wnioskowana dotacja %s jest poza przedziałem %s–%s."),
                        [zl(sums.grant), zl(min), zl(max)]));
    }
    if (sums.total && percent(sums.own + sums.personal) < Number(data.own)) {
      problems.push(interpolate(gettext("Wkład własny jest mniejszy niż %s kosztów."), [data.own + "%"]));
    }
    if (sums.total && percent(sums.own) < Number(data.ownFinancial)) {
      problems.push(interpolate(gettext("Wkład finansowy jest mniejszy niż %s kosztów."), [data.ownFinancial + "%"]));
    }
    if (sums.total && percent(sums.personal) < Number(data.ownPersonal)) {
      problems.push(interpolate(gettext("Wkład osobowy jest mniejszy niż %s kosztów."), [data.ownPersonal + "%"]));
    }
    if (errors) problems.push(gettext("Popraw pozycje, których źródła nie dają kosztu."));
    summary.hidden = !sums.total;
    summary.textContent = "";
    var p = document.createElement("p");
    p.textContent = interpolate(gettext("Razem: %s; dotacja %s; wkład finansowy %s; wkład osobowy %s."),
                        [zl(sums.total), zl(sums.grant), zl(sums.own), zl(sums.personal)]);
    summary.appendChild(p);
    if (problems.length) {
      var list = document.createElement("ul");
      list.className = "govuk-error-message";
      problems.forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        list.appendChild(item);
      });
      summary.appendChild(list);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-offer-form]").forEach(function (form) {
      form.addEventListener("input", function () { update(form); });
      update(form);
    });
  });
})();
