// Posting a batch: a barcode scanner types the registered label's number then Enter; Enter moves to the next
// letter's field instead of sending the form, which is sent by its button once the pile is done.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key !== "Enter" || !field.matches || !field.matches("input[data-posting-number]")) {
      return;
    }
    event.preventDefault();
    var fields = Array.prototype.slice.call(document.querySelectorAll("input[data-posting-number]"));
    var next = fields[fields.indexOf(field) + 1];
    if (next) {
      next.focus();
    } else {
      document.querySelector("#posting-form button[type=submit]").focus();
    }
  });
})();
