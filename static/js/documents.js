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
    if (!input) return;
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

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-dropzone]").forEach(enhance);
  });
})();
