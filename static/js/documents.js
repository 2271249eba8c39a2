// Ajouter des documents: files dropped on the zone go into the form's own <input type="file" multiple>, which
// works alone without this script. The chosen files are listed so that the clerk sees what will be sent.
(function () {
  "use strict";

  function listFiles(zone, input) {
    const list = zone.querySelector(".dropzone-list");
    list.replaceChildren(
      ...Array.from(input.files).map(function (file) {
        const item = document.createElement("li");
        item.textContent = file.name;
        return item;
      })
    );
  }

  function enhance(zone) {
    const input = zone.querySelector("input[type=file]");
    if (!input || zone.classList.contains("enhanced")) return;
    zone.classList.add("enhanced");
    zone.querySelector(".dropzone-hint").hidden = false;
    input.addEventListener("change", function () { listFiles(zone, input); });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      input.files = event.dataTransfer.files;
      listFiles(zone, input);
    });
  }

  function enhanceWithin(root) {
    if (root.matches && root.matches("[data-dropzone]")) enhance(root);
    root.querySelectorAll("[data-dropzone]").forEach(enhance);
  }

  // Loaded deferred with its page, or run later when htmx swaps in content that brings it (DOMContentLoaded
  // is then long past); htmx:load also announces every zone htmx swaps in afterwards.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhanceWithin(document); });
  } else {
    enhanceWithin(document);
  }
  document.addEventListener("htmx:load", function (event) { enhanceWithin(event.target); });
})();
