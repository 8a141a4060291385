/* What a gesture on the drawing asks next, shown where the finger is: the name of
 * someone placed on an empty spot, the quality of a new tie, a warning about a move.
 *
 * Builds on ecogram.js (window.ecogramPage). Each popup is a form or a group of
 * buttons in the page (ecogram_page/map_popups.html); Escape or "Cancel" closes
 * it and gives the focus back to the drawing. Texts go in with textContent.
 */
(function () {
  "use strict";

  var page = window.ecogramPage;
  var stage = document.getElementById("ecogram-stage");
  if (!page || !stage || !stage.hasAttribute("data-editable")) {
    return;
  }
  var container = page.container;
  var place = document.getElementById("place-person");
  var picker = document.getElementById("tie-quality");
  var warning = document.getElementById("move-warning");
  var sectorKinds = JSON.parse(place.getAttribute("data-sector-kinds") || "{}");
  var open = null; // { popup, onCancel }

  // --- Showing and closing ---------------------------------------------------------------

  function show(popup, at, onCancel, focus) {
    close();
    open = { popup: popup, onCancel: onCancel };
    popup.hidden = false;
    // Beside the spot, inside the stage; CSSOM positions are allowed by the CSP.
    var left = container.offsetLeft + at.x + 16;
    var top = container.offsetTop + at.y + 16;
    var maxLeft = stage.clientWidth - popup.offsetWidth - 8;
    var maxTop = stage.clientHeight - popup.offsetHeight - 8;
    if (left > maxLeft) { left = Math.max(8, container.offsetLeft + at.x - popup.offsetWidth - 16); }
    if (top > maxTop) { top = Math.max(8, maxTop); }
    popup.style.left = left + "px";
    popup.style.top = top + "px";
    focus.focus({ preventScroll: true });
  }

  // Closing by Escape, Cancel or a new gesture: whatever it was for did not happen.
  function close() {
    if (!open) {
      return false;
    }
    var was = open;
    open = null;
    was.popup.hidden = true;
    if (was.onCancel) {
      was.onCancel();
    }
    if (was.popup.contains(document.activeElement)) {
      container.focus({ preventScroll: true });
    }
    return true;
  }

  // Closing because it is done: the drawing has the focus for the next gesture.
  function finish() {
    if (open) {
      open.popup.hidden = true;
      open = null;
    }
    container.focus({ preventScroll: true });
  }

  // --- Someone placed on an empty spot ---------------------------------------------------

  function showPlace(spot, at) {
    var typed = open && open.popup === place ? place.elements.name.value : "";
    page.clearErrors(place);
    place.elements.sector.value = spot.sector;
    place.elements.ring.value = String(spot.ring);
    place.elements.kind.value = sectorKinds[spot.sector] || place.elements.kind.value;
    document.getElementById("place-where").textContent =
      "(" + spot.sectorLabel + ", " + page.msg(place, "msg-where") + " " + spot.ring + ")";
    show(place, at, null, place.elements.name);
    place.elements.name.value = typed;
  }

  place.addEventListener("submit", function (event) {
    event.preventDefault();
    page.submitForm(place, place.action, function () {
      place.elements.name.value = "";
      finish();
    });
  });

  // --- The quality of one or more new ties ------------------------------------------------

  function tieBetween(a, b) {
    var ties = page.state.ties;
    var found = Object.keys(ties).filter(function (id) {
      var tie = ties[id];
      return (tie.from === a && tie.to === b) || (tie.from === b && tie.to === a);
    });
    return found.length ? ties[found[0]] : null;
  }

  // A pair that has a tie already gets the quality chosen; any other gets a new tie.
  function saveTie(source, target, quality) {
    var tie = tieBetween(source, target);
    var body = new FormData();
    body.append("from", String(tie ? tie.from : source));
    body.append("to", String(tie ? tie.to : target));
    body.append("quality", quality);
    body.append("flow", tie ? tie.flow : "none");
    (tie ? tie.support : []).forEach(function (value) { body.append("support", value); });
    var url = picker.getAttribute("data-add-url");
    if (tie) {
      body.append("version", String(tie.version));
      url = page.withId(page.msg(container, "tie-url"), tie.id);
    }
    return page.post(url, body);
  }

  function connectAll(sources, target, quality, done) {
    var slot = picker.querySelector(".form-error");
    var buttons = picker.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    var next = function (i) {
      if (i >= sources.length) {
        page.say(page.msg(stage, "msg-tie-saved"));
        buttons.forEach(function (b) { b.disabled = false; });
        done();
        finish();
        return;
      }
      saveTie(sources[i], target, quality).then(function (answer) {
        if (answer.json.graph) {
          page.apply(answer.json.graph);
        }
        if (answer.status < 300) {
          next(i + 1);
          return;
        }
        var errors = answer.json.errors || {};
        slot.textContent = errors[Object.keys(errors)[0]] || answer.json.message ||
          page.msg(container, "msg-failed");
        slot.hidden = false;
        buttons.forEach(function (b) { b.disabled = false; });
        picker.querySelector("[data-popup-cancel]").focus();
      }, function () {
        slot.textContent = page.msg(container, "msg-failed");
        slot.hidden = false;
        buttons.forEach(function (b) { b.disabled = false; });
      });
    };
    next(0);
  }

  function showQuality(sources, target, at, done) {
    var names = page.state.persons;
    var title = sources.length === 1
      ? page.msg(picker, "msg-one").replace("{first}", names[sources[0]].name)
      : page.msg(picker, "msg-many").replace("{count}", String(sources.length));
    document.getElementById("tie-quality-title").textContent =
      title.replace("{second}", names[target].name);
    var slot = picker.querySelector(".form-error");
    slot.hidden = true;
    picker.querySelectorAll("[data-quality]").forEach(function (button) {
      button.onclick = function () {
        connectAll(sources, target, button.getAttribute("data-quality"), done);
      };
    });
    show(picker, at, done, picker.querySelector("[data-quality]"));
  }

  // --- A move that needs a second look ----------------------------------------------------

  function warnMove(text, at, onConfirm, onCancel) {
    document.getElementById("move-warning-text").textContent = text;
    var anyway = document.getElementById("move-anyway");
    anyway.onclick = function () {
      open = null;
      warning.hidden = true;
      container.focus({ preventScroll: true });
      onConfirm();
    };
    show(warning, at, onCancel, anyway);
  }

  // A stale move (409): the person's panel shows both versions, as the side panel's forms do.
  function conflictOnPerson(id, conflict) {
    container.addEventListener("ecogram:person", function shown() {
      container.removeEventListener("ecogram:person", shown);
      var form = document.getElementById("edit-person");
      document.getElementById("edit-person-box").open = true;
      page.showConflict(form, conflict);
      form.querySelector(".conflict-box").focus();
    });
    page.openPerson(id);
  }

  function cancel() {
    if (close()) {
      page.say(page.msg(stage, "msg-cancelled"));
    }
  }

  stage.addEventListener("click", function (event) {
    if (event.target.closest("[data-popup-cancel]")) {
      cancel();
    }
  });
  stage.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open && open.popup.contains(event.target)) {
      event.stopPropagation();
      cancel();
    }
  });

  page.popups = {
    place: showPlace,
    quality: showQuality,
    warnMove: warnMove,
    conflictOnPerson: conflictOnPerson,
    close: close,
    isOpen: function () { return open !== null; },
  };
})();
