/* The ecogram page's keys and session mode.
 *
 * Ctrl+Z undoes the session's last change, Ctrl+Y or Ctrl+Shift+Z redoes it (Cmd on a
 * Mac), except while typing in a field, where the field undoes its own text.
 * Escape closes what is open, innermost first: a popup on the drawing (which
 * handles it itself), the panel holding the focus, the persons chosen to connect,
 * session mode, then any open panel. Session mode fills the screen with the
 * drawing for a session at the table; the side panel folds away and comes back
 * over the drawing only to show a person or a tie.
 *
 * Builds on ecogram.js, ecogram-corrections.js and, when editing, ecogram-map.js.
 */
(function () {
  "use strict";

  var page = window.ecogramPage;
  var stage = document.getElementById("ecogram-stage");
  if (!page || !stage) {
    return;
  }
  var sessionButton = document.getElementById("session-mode");
  var sessionLabel = sessionButton.textContent;
  var panels = ["tie-detail", "person-detail"].map(function (id) {
    return document.getElementById(id);
  });

  function typing(target) {
    if (!target || !target.closest) {
      return false;
    }
    if (target.isContentEditable || target.closest("textarea, select")) {
      return true;
    }
    var input = target.closest("input");
    return !!input && ["checkbox", "radio", "button", "submit", "reset"].indexOf(input.type) < 0;
  }

  // --- Session mode -----------------------------------------------------------------------

  function inSession() {
    return document.body.classList.contains("session-mode");
  }

  function redrawToFit() {
    window.requestAnimationFrame(function () {
      window.ecogramNetwork.setSize("100%", "100%");
      window.ecogramNetwork.redraw();
      page.fit();
    });
  }

  function setSession(on) {
    if (on === inSession()) {
      return;
    }
    document.body.classList.toggle("session-mode", on);
    sessionButton.setAttribute("aria-pressed", on ? "true" : "false");
    sessionButton.textContent = on ? page.msg(sessionButton, "msg-leave") : sessionLabel;
    redrawToFit();
    sessionButton.focus({ preventScroll: true });
  }

  sessionButton.addEventListener("click", function () {
    setSession(!inSession());
  });

  // --- Keys -------------------------------------------------------------------------------

  function escape(event) {
    var inside = panels.filter(function (panel) {
      return !panel.hidden && panel.contains(event.target);
    })[0];
    if (inside) {
      page.closePanel(inside);
    } else if (page.map && page.map.hasChosen()) {
      page.map.clearChosen();
    } else if (inSession()) {
      setSession(false);
    } else {
      var shown = panels.filter(function (panel) { return !panel.hidden; })[0];
      if (!shown) {
        return;
      }
      page.closePanel(shown);
    }
    event.preventDefault();
  }

  // Before anything in the page: vis-network takes some keys for its own use.
  window.addEventListener("keydown", function (event) {
    if (document.querySelector("dialog[open]")) {
      return; // the confirmation has its own keys
    }
    if (event.key === "Escape") {
      if (page.popups && page.popups.isOpen()) {
        return; // the popup closes itself
      }
      escape(event);
      return;
    }
    var key = event.key.toLowerCase();
    if (!(event.ctrlKey || event.metaKey) || event.altKey || typing(event.target)) {
      return;
    }
    if (key === "z" && !event.shiftKey && page.undo) {
      event.preventDefault();
      page.undo(true);
    } else if ((key === "y" || (key === "z" && event.shiftKey)) && page.redo) {
      event.preventDefault();
      page.redo(true);
    }
  }, true);

  var toolUndo = document.getElementById("map-undo");
  if (toolUndo) {
    toolUndo.addEventListener("click", function () { page.undo(true); });
    document.getElementById("map-redo").addEventListener("click", function () { page.redo(true); });
    // The toolbar's buttons follow the side panel's, which follow each answer.
    page.container.addEventListener("ecogram:graph", function (event) {
      toolUndo.disabled = !event.detail.undo;
      document.getElementById("map-redo").disabled = !event.detail.redo;
    });
  }
})();
