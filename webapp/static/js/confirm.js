/* The shared confirmation before a removal: a modal <dialog>, never window.confirm.
 *
 * window.ecogramConfirm({question, consequences, yes}) opens #confirm-dialog and
 * resolves to true (remove) or false (keep: the button, Escape or closing it).
 * "Keep" has the focus first, so Enter alone never removes anything; Tab reaches
 * "Remove". Focus returns to where it was. Texts go in with textContent.
 *
 * Server-rendered forms ask by themselves: a form with data-confirm-question
 * submits only after the user chose "Remove".
 */
(function () {
  "use strict";

  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var yes = document.getElementById("confirm-yes");
  var no = document.getElementById("confirm-no");
  var pending = null;

  function finish(answer) {
    if (dialog.open) {
      dialog.close(answer ? "yes" : "no");
    }
  }

  dialog.addEventListener("close", function () {
    var done = pending;
    pending = null;
    if (done) {
      if (done.back && typeof done.back.focus === "function") {
        done.back.focus();
      }
      done.resolve(dialog.returnValue === "yes");
    }
  });
  yes.addEventListener("click", function () { finish(true); });
  no.addEventListener("click", function () { finish(false); });

  window.ecogramConfirm = function (options) {
    return new Promise(function (resolve) {
      if (pending) {
        pending.resolve(false);
      }
      pending = { resolve: resolve, back: document.activeElement };
      document.getElementById("confirm-question").textContent = options.question || "";
      document.getElementById("confirm-consequences").textContent = options.consequences || "";
      yes.textContent = options.yes || yes.getAttribute("data-default");
      dialog.returnValue = "";
      dialog.showModal();
      no.focus();
    });
  };

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-confirm-question")) {
      return;
    }
    if (form.getAttribute("data-confirmed") === "true") {
      return;
    }
    event.preventDefault();
    window.ecogramConfirm({
      question: form.getAttribute("data-confirm-question"),
      consequences: form.getAttribute("data-confirm-consequences"),
      yes: form.getAttribute("data-confirm-yes"),
    }).then(function (confirmed) {
      if (confirmed) {
        form.setAttribute("data-confirmed", "true");
        if (typeof form.requestSubmit === "function") {
          form.requestSubmit();
        } else {
          form.submit();
        }
      }
    });
  });
})();
