// The top-bar search as an ARIA combobox: the suggestions htmx brings are a listbox; the arrows move through
// them (aria-activedescendant, focus stays in the field), Enter opens the chosen one, Escape closes the list.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("global-q");
    var box = document.getElementById("search-suggestions");
    if (!input || !box) { return; }

    function options() { return Array.prototype.slice.call(box.querySelectorAll("[role=option]")); }

    function choose(index) {
      var all = options();
      all.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      if (index < 0 || !all.length) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      input.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({ block: "nearest" });
    }

    function close() {
      box.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      choose(-1);
    }

    box.addEventListener("htmx:afterSwap", function () {
      input.setAttribute("aria-expanded", options().length ? "true" : "false");
      choose(-1);
    });

    input.addEventListener("keydown", function (event) {
      var all = options();
      var current = all.findIndex(function (option) { return option.getAttribute("aria-selected") === "true"; });
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!all.length) { return; }
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        choose(current < 0 ? (step > 0 ? 0 : all.length - 1) : (current + step + all.length) % all.length);
      } else if (event.key === "Enter" && current >= 0) {
        event.preventDefault();
        window.location.assign(all[current].href);
      } else if (event.key === "Escape" && input.getAttribute("aria-expanded") === "true") {
        event.preventDefault();
        close();
      }
    });
  });
})();
