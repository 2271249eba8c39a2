// Paperless session: j/k or the left/right arrows go to the next or previous item; a decision's letter (data-key)
// chooses it. Keys typed into a field are left alone.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    var key = event.key.toLowerCase();
    var link = null;
    if (key === "j" || key === "arrowright") {
      link = document.querySelector("a[rel=next]");
    } else if (key === "k" || key === "arrowleft") {
      link = document.querySelector("a[rel=prev]");
    }
    if (link) {
      event.preventDefault();
      window.location.assign(link.href);
      return;
    }
    var button = document.querySelector('#decision-form button[data-key="' + key + '"]');
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();
