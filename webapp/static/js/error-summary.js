/* An error summary's link moves focus to its field, not only the view: a browser scrolls
 * to a fragment but leaves focus where it was, so a keyboard or screen-reader user would
 * still have to find the field. The field's label comes into view with it, so the
 * question is seen with its answer. Without script the link still scrolls to the field.
 */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-summary a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field || typeof field.focus !== "function") { return; }
    event.preventDefault();
    var label = document.querySelector("label[for='" + CSS.escape(field.id) + "']");
    (label || field).scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });
}());
