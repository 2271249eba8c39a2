// The proposal form: progressive enhancement only (the same buttons submit the form without JavaScript).
// - The amount and its calculation follow the computed ones (#computed-amount's data attributes, swapped in by the
//   live preview) while they are empty or still hold what the page filled in; a typed amount is never replaced.
// - "Reprendre le montant calculé" puts the computed amount back in place.
// - "Insérer les faits du dernier rapport social" inserts the report's facts at the cursor of the facts field.
(function () {
  "use strict";

  function field(form, name) { return form.elements.namedItem(name); }

  function plain(text) { return (text || "").replace(/\s+/g, " ").trim(); }

  // Does the field still hold what the page filled in (or nothing)?
  function untouched(input, marker) {
    return !plain(input.value) || plain(input.value) === plain(marker.value);
  }

  function put(input, marker, value) {
    input.value = value;
    marker.value = value;
  }

  // Fill the amount and calculation from #computed-amount; `force` when the user asked for it. True if changed.
  function follow(form, force) {
    var box = form.querySelector("#computed-amount");
    var amount = field(form, "amount"), calculation = field(form, "computation");
    var amountMark = field(form, "amount_filled"), calculationMark = field(form, "computation_filled");
    if (!box || !amount || !amountMark || box.dataset.amount === undefined) { return false; }
    var changed = false;
    // Never under the user's fingers: an amount being typed (even emptied to retype it) is theirs.
    if (force || (untouched(amount, amountMark) && document.activeElement !== amount)) {
      if (amount.value !== box.dataset.amount) { changed = true; }
      put(amount, amountMark, box.dataset.amount);
      if (calculation && (force || untouched(calculation, calculationMark))) {
        if (calculation.value !== box.dataset.computation) { changed = true; }
        put(calculation, calculationMark, box.dataset.computation || "");
      }
    }
    return changed;
  }

  function enhance(form) {
    follow(form, false);
    // After each preview: fill what follows the computation, and let the preview catch up once if it changed.
    document.body.addEventListener("htmx:afterSettle", function () {
      if (follow(form, false)) { htmx.trigger(form, "change"); }
    });
    form.addEventListener("click", function (event) {
      var take = event.target.closest("[data-use-computed]");
      if (take) {
        event.preventDefault();
        follow(form, true);
        htmx.trigger(form, "change");
        field(form, "amount").focus();
        return;
      }
      var insert = event.target.closest("[data-insert-report]");
      if (insert) {
        event.preventDefault();
        insertReport(form, insert);
      }
    });
  }

  function insertReport(form, button) {
    var target = document.getElementById(button.dataset.target);
    fetch(button.dataset.insertReport, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (data) {
        if (!data.text) { return; }
        var value = target.value;
        // At the cursor if the field had it, else at the end; a blank line on each side.
        var at = target.dataset.cursor !== undefined ? Number(target.dataset.cursor) : value.length;
        var before = value.slice(0, at).replace(/\s+$/, ""), after = value.slice(at).replace(/^\s+/, "");
        var text = (before ? before + "\n\n" : "") + data.text + (after ? "\n\n" + after : "");
        target.value = text;
        var end = (before ? before.length + 2 : 0) + data.text.length;
        target.focus();
        target.setSelectionRange(end, end);
        htmx.trigger(form, "change");
      })
      .catch(function () { form.requestSubmit(button); });  // the server's way: same result, page reloaded
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-proposal-form]");
    if (!form) { return; }
    var facts = field(form, "motivation_facts");
    if (facts) {
      // Remember the cursor when the field loses focus to the insert button.
      facts.addEventListener("blur", function () { facts.dataset.cursor = String(facts.selectionStart); });
      facts.addEventListener("input", function () { delete facts.dataset.cursor; });
    }
    enhance(form);
  });
})();
