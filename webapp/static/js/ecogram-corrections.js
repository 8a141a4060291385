/* The ecogram page's corrections: remove a person or a tie, undo and redo today's changes.
 *
 * Builds on ecogram.js (window.ecogramPage) and confirm.js (window.ecogramConfirm).
 * Every answer carries the whole graph, which offers the next undo and redo
 * (graph.undo, graph.redo: the change's id, version and words); the buttons
 * follow it. Texts from the server go in with textContent.
 *
 * window.ecogramPage.undo(keepFocus) and .redo(keepFocus) press the buttons, for
 * keyboard shortcuts and the drawing's toolbar; they do nothing while the button
 * is disabled.
 */
(function () {
  "use strict";

  var page = window.ecogramPage;
  if (!page) {
    return;
  }
  var container = page.container;
  var bar = document.getElementById("undo-bar");
  var offers = { undo: null, redo: null };

  function form(fields) {
    var body = new FormData();
    Object.keys(fields).forEach(function (name) {
      body.append(name, String(fields[name]));
    });
    return body;
  }

  function slot(name) {
    return document.querySelector('.form-error[data-for="' + name + '"]');
  }

  function showError(name, text) {
    var p = slot(name);
    p.textContent = text || "";
    p.hidden = !text;
  }

  function firstError(json) {
    var errors = json.errors || {};
    var keys = Object.keys(errors);
    return keys.length ? errors[keys[0]] : json.message || page.msg(container, "msg-failed");
  }

  // --- Undo and redo -------------------------------------------------------------------

  function showOffer(direction) {
    var button = document.getElementById(direction);
    var what = document.getElementById(direction + "-what");
    var offer = offers[direction];
    button.disabled = !offer;
    what.textContent = offer ? what.getAttribute("data-prefix") + " " + offer.label : "";
    if (direction === "undo" && !offer) {
      what.textContent = page.msg(bar, "msg-nothing");
    }
  }

  function step(direction, keepFocus) {
    var offer = offers[direction];
    var button = document.getElementById(direction);
    if (!offer || button.disabled) {
      return;
    }
    button.disabled = true;
    var body = form({ change: offer.change, version: offer.version });
    page.post(bar.getAttribute("data-" + direction + "-url"), body)
      .then(function (answer) {
        if (answer.json.graph) {
          page.apply(answer.json.graph);
        }
        page.say(answer.status < 300 ? answer.json.message : firstError(answer.json));
        if (keepFocus) {
          return;
        }
        // The button pressed may be disabled now; keep the focus in the bar.
        var other = document.getElementById(direction === "undo" ? "redo" : "undo");
        if (button.disabled && !other.disabled) {
          other.focus();
        } else if (!button.disabled) {
          button.focus();
        }
      }, function () {
        showOffer(direction);
        page.say(page.msg(container, "msg-failed"));
      });
  }

  // --- Closing what no longer exists ---------------------------------------------------

  function closeGone() {
    var person = document.getElementById("person-detail");
    if (!person.hidden && !page.state.persons[person.getAttribute("data-person-id")]) {
      person.hidden = true;
    }
    var tie = document.getElementById("tie-detail");
    if (!tie.hidden && !page.state.ties[tie.getAttribute("data-tie-id")]) {
      tie.hidden = true;
    }
  }

  container.addEventListener("ecogram:graph", function (event) {
    offers.undo = event.detail.undo || null;
    offers.redo = event.detail.redo || null;
    showOffer("undo");
    showOffer("redo");
    closeGone();
  });

  // --- Removing a person ----------------------------------------------------------------

  var shown = null;

  container.addEventListener("ecogram:person", function (event) {
    shown = event.detail;
    var removal = shown.removal;
    var blocked = document.getElementById("remove-person-blocked");
    showError("removal", "");
    // The child is the case itself: no button, and no reason to read either.
    document.getElementById("remove-person").hidden = !removal.allowed || shown.is_child;
    blocked.textContent = "";
    removal.reasons.forEach(function (reason) {
      var item = document.createElement("li");
      item.textContent = reason;
      blocked.appendChild(item);
    });
    blocked.hidden = removal.allowed || shown.is_child;
  });

  function afterRemoval(answer, panel, errorSlot) {
    if (answer.json.graph) {
      page.apply(answer.json.graph);
    }
    if (answer.status < 300) {
      document.getElementById(panel).hidden = true;
      page.say(answer.json.message);
      document.getElementById("undo").focus();
    } else {
      showError(errorSlot, firstError(answer.json));
    }
  }

  function removePerson() {
    var person = shown;
    if (!person || !person.removal.allowed) {
      return;
    }
    window.ecogramConfirm({
      question: person.removal.question,
      consequences: person.removal.consequences,
    }).then(function (confirmed) {
      if (!confirmed) {
        return;
      }
      page.post(person.removal.url, form({ version: person.version })).then(function (answer) {
        afterRemoval(answer, "person-detail", "removal");
      }, function () {
        showError("removal", page.msg(container, "msg-failed"));
      });
    });
  }

  // --- Removing a tie -------------------------------------------------------------------

  function removeTie() {
    var button = document.getElementById("remove-tie");
    var id = document.getElementById("tie-detail").getAttribute("data-tie-id");
    var tie = page.state.ties[id];
    if (!tie) {
      return;
    }
    var names = {
      from: (page.state.persons[tie.from] || {}).name || "",
      to: (page.state.persons[tie.to] || {}).name || "",
    };
    var question = button.getAttribute("data-question")
      .replace("{first}", names.from)
      .replace("{second}", names.to);
    window.ecogramConfirm({
      question: question,
      consequences: button.getAttribute("data-consequences"),
    }).then(function (confirmed) {
      if (!confirmed) {
        return;
      }
      var url = page.withId(button.getAttribute("data-url"), id);
      page.post(url, form({ version: tie.version })).then(function (answer) {
        afterRemoval(answer, "tie-detail", "tie-removal");
      }, function () {
        showError("tie-removal", page.msg(container, "msg-failed"));
      });
    });
  }

  document.getElementById("remove-person").addEventListener("click", removePerson);
  document.getElementById("remove-tie").addEventListener("click", removeTie);
  document.getElementById("undo").addEventListener("click", function () { step("undo"); });
  document.getElementById("redo").addEventListener("click", function () { step("redo"); });
  // A keyboard shortcut leaves the focus where the user is working.
  page.undo = function (keepFocus) { step("undo", keepFocus); };
  page.redo = function (keepFocus) { step("redo", keepFocus); };
})();
