// Paperless session, single-key shortcuts (WCAG 2.1.4): off until the user turns them on (kept in this browser).
// Then j/k go to the next or previous item, and a decision's letter (data-key) only puts the focus on its button:
// Enter confirms, Escape cancels. The arrows always move between items. Keys typed into a field are left alone.
(function () {
  "use strict";
  var STORED = "committee-single-key-shortcuts";

  function enabled() {
    try { return window.localStorage.getItem(STORED) === "on"; } catch (e) { return false; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.getElementById("shortcuts-toggle");
    if (!toggle) { return; }
    toggle.closest(".shortcuts").hidden = false;
    toggle.checked = enabled();
    toggle.addEventListener("change", function () {
      try { window.localStorage.setItem(STORED, toggle.checked ? "on" : "off"); } catch (e) { /* private mode */ }
    });
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    var key = event.key.toLowerCase();
    var status = document.getElementById("shortcut-status");
    if (key === "escape" && target.matches("#decision-form button[data-key]")) {
      target.blur();
      if (status) { status.textContent = ""; }
      return;
    }
    var single = enabled();
    var link = null;
    if (key === "arrowright" || (single && key === "j")) {
      link = document.querySelector("a[rel=next]");
    } else if (key === "arrowleft" || (single && key === "k")) {
      link = document.querySelector("a[rel=prev]");
    }
    if (link) {
      event.preventDefault();
      window.location.assign(link.href);
      return;
    }
    var button = single && document.querySelector('#decision-form button[data-key="' + key + '"]');
    if (button) {
      event.preventDefault();
      button.focus();
      if (status) { status.textContent = status.dataset.confirm.replace("%s", button.dataset.label); }
    }
  });
})();
