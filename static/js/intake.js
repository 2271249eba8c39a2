// Documents à classer: a file suggested under a row's "Dossier" field (htmx) is chosen with a click or Enter;
// its reference goes in the field, which then asks for the file's requests (htmx, on "change"), and the focus
// moves on to the document type. Arrow keys move between the field and the suggestions, Escape closes them.
// Without this script, the reference, NISS or name typed in full files the pages.
(function () {
  "use strict";

  function box(element) {
    const finder = element.closest(".file-finder");
    return finder && finder.querySelector(".suggestions-box");
  }

  function choose(button) {
    const field = document.getElementById(button.dataset.fill);
    field.value = button.dataset.value;
    field.dispatchEvent(new Event("change", { bubbles: true }));
    box(button).replaceChildren();
    const type = field.form.querySelector("select[name$='-type']");
    (type || field).focus();
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-fill]");
    if (button) choose(button);
  });

  document.addEventListener("keydown", function (event) {
    const list = event.target.closest && box(event.target);
    if (!list) return;
    const buttons = Array.from(list.querySelectorAll("button[data-fill]"));
    const at = buttons.indexOf(event.target);
    if (event.key === "Escape") {
      list.replaceChildren();
      if (at >= 0) document.getElementById(event.target.dataset.fill).focus();
    } else if (event.key === "ArrowDown" && buttons.length) {
      event.preventDefault();
      buttons[Math.min(at + 1, buttons.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? document.getElementById(event.target.dataset.fill) : buttons[at - 1]).focus();
    }
  });
})();
