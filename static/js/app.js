// Progressive enhancement only: every page works without JavaScript.
(function () {
  "use strict";

  // Rich-text editor: a contenteditable area kept in sync with the hidden textarea the server reads.
  function enhanceEditor(textarea) {
    var wrapper = document.createElement("div");
    var toolbar = document.createElement("div");
    toolbar.className = "editor-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Mise en forme");
    var editor = document.createElement("div");
    editor.className = "editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    editor.id = textarea.id + "_editor";
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      label.id = label.id || textarea.id + "_label";
      editor.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { editor.focus(); });
    }
    var value = textarea.value.trim();
    editor.innerHTML = value.indexOf("<") === -1 && value
      ? value.split(/\n{2,}/).map(function (p) { var d = document.createElement("p"); d.textContent = p; return d.outerHTML; }).join("")
      : value;
    [["bold", "Gras"], ["italic", "Italique"], ["insertUnorderedList", "Liste"], ["formatBlock", "Titre"]].forEach(function (cmd) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = cmd[1];
      b.addEventListener("click", function () {
        editor.focus();
        document.execCommand(cmd[0], false, cmd[0] === "formatBlock" ? "h3" : null);
        sync();
      });
      toolbar.appendChild(b);
    });
    function sync() { textarea.value = editor.innerHTML; }
    editor.addEventListener("input", sync);
    textarea.form && textarea.form.addEventListener("submit", sync);
    textarea.hidden = true;
    textarea.setAttribute("aria-hidden", "true");
    wrapper.appendChild(toolbar);
    wrapper.appendChild(editor);
    textarea.parentNode.insertBefore(wrapper, textarea);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-richtext]").forEach(enhanceEditor);
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  });

  // Printing a page (Ctrl+P): the copy mention gets the moment of printing, and the print goes to the audit trail.
  window.addEventListener("beforeprint", function () {
    var mention = document.querySelector(".print-mention");
    if (!mention) { return; }
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    var date = mention.querySelector("[data-print-date]");
    var time = mention.querySelector("[data-print-time]");
    if (date) { date.textContent = two(now.getDate()) + "/" + two(now.getMonth() + 1) + "/" + now.getFullYear(); }
    if (time) { time.textContent = two(now.getHours()) + ":" + two(now.getMinutes()); }
    var data = new FormData();
    // The page's one CSRF token, the one htmx sends too.
    data.append("csrfmiddlewaretoken", JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]);
    data.append("path", window.location.pathname + window.location.search);
    navigator.sendBeacon(mention.dataset.printUrl, data);
  });
})();
