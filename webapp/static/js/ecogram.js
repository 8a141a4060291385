/* The ecogram page: draws the child's context with vis-network and edits it in place.
 *
 * Every text from the server is put in the DOM with textContent, never as HTML:
 * names are typed by people and may hold anything. vis-network draws labels on
 * the canvas; node titles (which vis would insert as HTML) are never set.
 */
(function () {
  "use strict";

  var container = document.getElementById("ecogram");
  if (!container || typeof vis === "undefined") {
    return;
  }
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var statusLine = document.getElementById("ecogram-status");
  var state = { rings: [], sectors: [], labels: [], persons: {}, ties: {} };

  function msg(el, key) {
    return el.getAttribute("data-" + key) || "";
  }

  function withId(template, id) {
    return template.replace(/\/0(\/|$)/, "/" + encodeURIComponent(id) + "$1");
  }

  // A text-only element (ecogram-lists.js, loaded first): names go in as text, never HTML.
  var el = window.ecogramLists.el;

  function say(text) {
    statusLine.textContent = text;
  }

  // --- Drawing: sectors and rings under the nodes ------------------------------------

  function drawBackground(ctx) {
    window.ecogramBackdrop.draw(ctx, state);
  }

  // The labels over the marks and ties, in the boxes the server placed (labels.js).
  function drawLabels(ctx) {
    window.ecogramLabels.draw(ctx, state, window.ecogramNetwork.getSelectedNodes());
    // A User Timing mark when the ecogram is first on screen, marks, ties and labels:
    // `make bench` reads it, and checks what was drawn by the counts it carries. The
    // network is given all its data at once (`start`), so its first drawing is whole.
    if (!performance.getEntriesByName("ecogram-drawn").length) {
      performance.mark("ecogram-drawn", {
        detail: { marks: window.ecogramNodes.length, ties: window.ecogramEdges.length },
      });
    }
  }

  // A click on a person's label opens that person, as a click on their mark does.
  function personAtLabel(params) {
    return params.nodes.length ? null : window.ecogramLabels.at(state, params.pointer.canvas);
  }

  // --- Keeping the page in step with the data ---------------------------------------

  function sync(dataSet, items) {
    var keep = {};
    items.forEach(function (item) {
      keep[item.id] = true;
    });
    dataSet.remove(dataSet.getIds().filter(function (id) {
      return !keep[id];
    }));
    dataSet.update(items);
  }

  function fitDrawing() {
    window.ecogramBackdrop.fit(window.ecogramNetwork, container, state);
  }

  // The drawing data in the page's state; returns vis-network's nodes, each with the
  // fields of the mark it names.
  function takeIn(graph) {
    state.rings = graph.rings;
    state.sectors = graph.sectors;
    state.labels = graph.labels;
    state.extent = graph.extent;
    state.font = graph.font;
    state.persons = {};
    graph.persons.forEach(function (person) {
      state.persons[person.id] = person;
    });
    state.ties = {};
    graph.ties.forEach(function (tie) {
      state.ties[tie.id] = tie;
    });
    return graph.nodes.map(function (node) {
      return Object.assign({ id: node.id, x: node.x, y: node.y, fixed: node.fixed },
        graph.styles[node.style]);
    });
  }

  // New drawing data after a change, drawn at once.
  function draw(graph) {
    // Zoom again when what is drawn takes another room (a wider spread, a label further
    // out), so nothing ends up beyond the canvas's edge.
    var grew = String(state.extent) !== String(graph.extent);
    sync(window.ecogramNodes, takeIn(graph));
    sync(window.ecogramEdges, graph.edges);
    if (grew) {
      fitDrawing();
    }
    window.ecogramNetwork.redraw();
  }

  // What follows the drawing: the tie forms' person choices, and the other scripts.
  function announce(graph) {
    window.ecogramLists.selects(graph.persons, state.persons);
    // The undo bar and the removal buttons (ecogram-corrections.js) follow every redraw.
    container.dispatchEvent(new CustomEvent("ecogram:graph", { detail: graph }));
  }

  function apply(graph) {
    draw(graph);
    window.ecogramLists.render(graph, function (id) {
      return withId(msg(container, "explore-url"), id);
    });
    announce(graph);
  }

  // --- Talking to the server --------------------------------------------------------

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      body: body || new FormData(),
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    }).then(function (response) {
      return response.json().then(
        function (json) {
          return { status: response.status, json: json };
        },
        function () {
          return { status: response.status, json: {} };
        }
      );
    });
  }

  function clearErrors(form) {
    form.querySelectorAll(".form-error").forEach(function (p) {
      if (p.hasAttribute("data-for") && p.getAttribute("data-for") === "version") {
        p.hidden = true;
        p.textContent = "";
      } else {
        p.remove();
      }
    });
    form.querySelectorAll(".conflict-box, .form-warning").forEach(function (box) {
      box.remove();
    });
    form.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    });
  }

  function showErrors(form, errors) {
    var first = null;
    Object.keys(errors || {}).forEach(function (name) {
      var slot = form.querySelector('.form-error[data-for="' + name + '"]');
      var input = form.querySelector('[name="' + name + '"]:not([type=hidden])');
      if (!slot) {
        slot = el("p", null, "form-error");
        slot.setAttribute("role", "alert");
        var field = input ? input.closest(".field, fieldset") : null;
        if (field) {
          field.appendChild(slot);
        } else {
          form.insertBefore(slot, form.querySelector("button[type=submit]"));
        }
      }
      slot.id = form.id + "-error-" + name;
      slot.textContent = errors[name];
      slot.hidden = false;
      if (input) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", slot.id);
        first = first || input;
      }
    });
    if (first) {
      first.focus();
    }
  }

  // A warning (422) is no error: the user looks again, and may confirm it with one button,
  // which sends the same form with the warned fields in "confirm".
  function showWarnings(form, warnings, resend) {
    var first = null;
    var fields = Object.keys(warnings || {});
    var anyway = msg(container, form.hasAttribute("action") ? "msg-add-anyway" : "msg-save-anyway");
    fields.forEach(function (name, i) {
      var box = el("div", null, "form-warning");
      box.id = form.id + "-warning-" + name;
      box.setAttribute("role", "alert");
      box.setAttribute("data-warning", name);
      box.appendChild(el("p", warnings[name]));
      if (i === fields.length - 1) {
        var button = el("button", anyway, "button secondary small");
        button.type = "button";
        button.addEventListener("click", function () {
          resend(fields);
        });
        box.appendChild(button);
      }
      var input = form.querySelector('[name="' + name + '"]:not([type=hidden])');
      var field = input ? input.closest(".field") : null;
      if (field) {
        field.appendChild(box);
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", box.id);
        first = first || input;
      } else {
        form.insertBefore(box, form.querySelector("button[type=submit]"));
      }
    });
    if (first) {
      first.focus();
    }
  }

  // A stale edit (409): both versions side by side, as text. The form keeps what the
  // user typed and now carries the stored version, so saving again is a deliberate
  // choice made with both in view, never a silent overwrite.
  function showConflict(form, conflict) {
    var box = el("div", null, "conflict-box");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", msg(container, "msg-conflict-caption"));
    box.tabIndex = -1;
    var table = el("table");
    table.appendChild(el("caption", msg(container, "msg-conflict-caption"), "sr-only"));
    var head = el("tr");
    ["field", "yours", "stored"].forEach(function (key) {
      var cell = el("th", msg(container, "msg-conflict-" + key));
      cell.scope = "col";
      head.appendChild(cell);
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    conflict.fields.forEach(function (field) {
      var row = el("tr", null, field.yours === field.stored ? "" : "differs");
      row.setAttribute("data-field", field.key);
      var name = el("th", field.label);
      name.scope = "row";
      row.appendChild(name);
      row.appendChild(el("td", field.yours || "—", "yours"));
      row.appendChild(el("td", field.stored || "—", "stored"));
      body.appendChild(row);
    });
    table.appendChild(body);
    box.appendChild(table);
    box.appendChild(el("p", msg(container, "msg-conflict-next"), "muted"));
    form.insertBefore(box, form.querySelector("button[type=submit]"));
    form.elements.version.value = String(conflict.stored_version);
  }

  function submitForm(form, url, after, confirmed) {
    clearErrors(form);
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    var body = new FormData(form);
    (confirmed || []).forEach(function (name) {
      body.append("confirm", name);
    });
    post(url, body)
      .then(function (answer) {
        if (answer.status < 300 && answer.json.graph) {
          apply(answer.json.graph);
          say(msg(container, "msg-saved"));
          after(answer.json);
        } else if (answer.status === 422 && answer.json.warnings) {
          showWarnings(form, answer.json.warnings, function (fields) {
            submitForm(form, url, after, (confirmed || []).concat(fields));
          });
        } else if (answer.status === 409 && answer.json.conflict) {
          if (answer.json.graph) {
            apply(answer.json.graph);
          }
          if (answer.json.conflict.fields.length) {
            showConflict(form, answer.json.conflict);
          }
          showErrors(form, answer.json.errors);
          // Both versions are what the user reads next, not the stale field.
          var box = form.querySelector(".conflict-box");
          if (box) { box.focus(); }
        } else {
          // A session that ended answers 401 with a message; anything else gets the general one.
          showErrors(form, answer.json.errors ||
            { "": answer.json.message || msg(container, "msg-failed") });
        }
      })
      .catch(function () {
        showErrors(form, { "": msg(container, "msg-failed") });
      })
      .then(function () {
        button.disabled = false;
        if (document.activeElement === document.body && !form.hidden) {
          button.focus();
        }
      });
  }

  // --- Details of a person and of a tie -----------------------------------------------

  // Where the focus was when a panel opened, to go back there when it closes.
  var origins = {};

  function remember(section) {
    // A panel open already keeps the origin it was first opened from.
    var from = document.activeElement;
    if (section.hidden) {
      origins[section.id] = from && from !== document.body ? from : container;
    }
  }

  function visible(node) {
    return node && node.isConnected && node.getClientRects().length > 0 && !node.disabled;
  }

  // The page moves only when the panel's top is off screen: a person tapped on the
  // drawing stays under the finger.
  function focusPanel(section) {
    section.focus({ preventScroll: true });
    var top = section.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 80) {
      section.scrollIntoView({ block: "start" });
    }
  }

  function closePanel(section) {
    section.hidden = true;
    if (section.id === "person-detail") {
      window.ecogramNetwork.unselectAll();
    }
    var back = origins[section.id];
    delete origins[section.id];
    (visible(back) ? back : container).focus({ preventScroll: !visible(back) });
  }

  function list(target, items, render) {
    target.textContent = "";
    items.forEach(function (item) {
      target.appendChild(render(item));
    });
  }

  function showPerson(data) {
    var section = document.getElementById("person-detail");
    document.getElementById("detail-name").textContent = data.name;
    document.getElementById("detail-summary").textContent = [
      data.kind_label,
      data.sector_label,
      msg(document.getElementById("detail-summary"), "ring") + " " + data.ring,
      data.candidate_label,
    ].join(" · ");
    var marks = [];
    if (data.is_anchor) { marks.push("⚓"); }
    if (data.is_trusted) { marks.push("★"); }
    document.getElementById("detail-marks").textContent = marks.join(" ");
    document.getElementById("detail-assessment").textContent = data.assessment
      ? data.assessment.date + (data.assessment.assessor ? " · " + data.assessment.assessor : "")
      : "—";
    var verdicts = document.getElementById("detail-verdicts");
    list(verdicts, data.verdicts, function (v) {
      var item = el("li", v.label + ": ", v.qualifies ? "qualifies" : "blocked");
      item.setAttribute("data-role", v.role);
      var text = v.qualifies
        ? msg(verdicts, "qualifies")
        : msg(verdicts, "blocked") + " " + v.knockouts.join(", ");
      if (v.below_minimum.length) {
        text += " (" + msg(verdicts, "below") + ": " + v.below_minimum.join(", ") + ")";
      }
      item.appendChild(el("span", text));
      return item;
    });
    var roles = document.getElementById("detail-roles");
    list(roles, data.roles.length ? data.roles : [null], function (r) {
      if (!r) { return el("li", msg(roles, "none"), "muted"); }
      return el("li", r.label + ": " + r.period +
        ", " + r.nights_per_week + " " + msg(roles, "nights"), r.active ? "active" : "muted");
    });
    var assess = document.getElementById("detail-assess");
    assess.hidden = !data.links.assess;
    assess.href = data.links.assess || "#";
    var form = document.getElementById("edit-person");
    clearErrors(form);
    form.setAttribute("data-url", withId(msg(container, "person-url"), data.id));
    form.elements.version.value = String(data.version);
    ["name", "household", "kind", "sector", "ring", "candidate"].forEach(function (name) {
      var input = form.elements[name];
      input.value = String(data[name]);
      // The child stays the child, in the centre: only the name and household change.
      input.closest(".field").hidden = data.is_child && name !== "name" && name !== "household";
    });
    section.hidden = false;
    section.setAttribute("data-person-id", String(data.id));
    focusPanel(section);
    container.dispatchEvent(new CustomEvent("ecogram:person", { detail: data }));
  }

  function openPerson(id) {
    remember(document.getElementById("person-detail"));
    fetch(withId(msg(container, "person-url"), id), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(showPerson)
      .catch(function () {
        say(msg(container, "msg-load-failed"));
      });
  }

  function openTie(id) {
    var tie = state.ties[id];
    if (!tie) { return; }
    var section = document.getElementById("tie-detail");
    var form = document.getElementById("edit-tie");
    remember(section);
    clearErrors(form);
    form.setAttribute("data-url", withId(msg(container, "tie-url"), id));
    form.elements.version.value = String(tie.version);
    form.elements.from.value = String(tie.from);
    form.elements.to.value = String(tie.to);
    form.elements.quality.value = tie.quality;
    form.elements.flow.value = tie.flow;
    form.querySelectorAll('input[name="support"]').forEach(function (box) {
      box.checked = tie.support.indexOf(box.value) >= 0;
    });
    section.hidden = false;
    section.setAttribute("data-tie-id", String(id));
    focusPanel(section);
  }

  // --- Kind and sector: the core's table of usual sectors ---------------------------

  // Choosing a kind moves the sector to the kind's usual one, unless the sector chosen
  // is already usual for it; the server still warns about a combination that is not.
  function followKind(form) {
    var usual = JSON.parse(form.getAttribute("data-usual-sectors") || "{}");
    form.elements.kind.addEventListener("change", function () {
      var sectors = usual[form.elements.kind.value] || [];
      if (sectors.length && sectors.indexOf(form.elements.sector.value) < 0) {
        form.elements.sector.value = sectors[0];
      }
    });
  }

  // --- Wiring -----------------------------------------------------------------------

  function wire() {
    var addPerson = document.getElementById("add-person");
    addPerson.addEventListener("submit", function (event) {
      event.preventDefault();
      submitForm(addPerson, addPerson.action, function (json) {
        // Back to the form's first state: a kind and sector carried over to the next
        // person made a grandmother a "professional" too easily.
        addPerson.reset();
        window.ecogramNetwork.selectNodes([json.person_id]);
        addPerson.elements.name.focus();
      });
    });
    followKind(addPerson);
    var addTie = document.getElementById("add-tie");
    addTie.addEventListener("submit", function (event) {
      event.preventDefault();
      submitForm(addTie, addTie.action, function (json) {
        addTie.querySelectorAll('input[name="support"]').forEach(function (box) {
          box.checked = false;
        });
        // The new tie opens, for its flow and support; closing it comes back to "From".
        addTie.elements.from.focus();
        openTie(json.tie_id);
      });
    });
    var editPerson = document.getElementById("edit-person");
    followKind(editPerson);
    editPerson.addEventListener("submit", function (event) {
      event.preventDefault();
      submitForm(editPerson, editPerson.getAttribute("data-url"), function (json) {
        openPerson(json.person_id);
      });
    });
    var editTie = document.getElementById("edit-tie");
    editTie.addEventListener("submit", function (event) {
      event.preventDefault();
      submitForm(editTie, editTie.getAttribute("data-url"), function (json) {
        openTie(json.tie_id);
      });
    });
    document.getElementById("detail-close").addEventListener("click", function () {
      closePanel(document.getElementById("person-detail"));
    });
    document.getElementById("edit-tie-close").addEventListener("click", function () {
      closePanel(document.getElementById("tie-detail"));
    });
    document.getElementById("person-list").addEventListener("click", function (event) {
      var button = event.target.closest("button[data-person-id]");
      if (button) {
        var id = Number(button.getAttribute("data-person-id"));
        window.ecogramNetwork.selectNodes([id]);
        openPerson(id);
      }
    });
    document.getElementById("who-else").addEventListener("submit", function (event) {
      var form = event.target.closest("form.to-explore");
      if (!form) { return; }
      event.preventDefault();
      post(form.action).then(function (answer) {
        if (answer.json.graph) {
          apply(answer.json.graph);
          say(msg(container, "msg-saved"));
        } else {
          say(msg(container, "msg-failed"));
        }
      }, function () {
        say(msg(container, "msg-failed"));
      });
    });
  }

  function start(graph) {
    // The network is made empty and its drawing hooks bound, then given its data, all of
    // it at once, and its view fitted (setting the data resets the view). vis-network
    // draws in the next frame, once: a drawing of 3,000 persons is worth doing once. The
    // options come with the data (exports/visdata.py): the HTML export uses the same.
    window.ecogramNetwork = new vis.Network(container, {}, graph.options);
    window.ecogramNetwork.on("beforeDrawing", drawBackground);
    window.ecogramNetwork.on("afterDrawing", drawLabels);
    window.ecogramNodes = new vis.DataSet(takeIn(graph));
    window.ecogramEdges = new vis.DataSet(graph.edges);
    window.ecogramNetwork.setData({ nodes: window.ecogramNodes, edges: window.ecogramEdges });
    fitDrawing();
    // A press focused the drawing and scrolled it into view before the click was read,
    // so the click landed beside the person pressed: focus it here without scrolling,
    // and keep the browser (and vis-network's own focusing, off in the options) from
    // doing it again.
    container.addEventListener("pointerdown", function (event) {
      if (document.activeElement !== container) {
        container.focus({ preventScroll: true });
      }
      event.preventDefault();
    }, true);
    window.ecogramNetwork.on("click", function (params) {
      var labelled = personAtLabel(params);
      if (params.nodes.length) {
        openPerson(params.nodes[0]);
      } else if (labelled !== null) {
        window.ecogramNetwork.selectNodes([labelled]);
        openPerson(labelled);
      } else if (params.edges.length) {
        openTie(params.edges[0]);
      }
    });
    // The drawing first; the rest in the next task, so the browser shows it meanwhile.
    // The lists below it came with the page, rendered by the server from the same data.
    wire();
    setTimeout(function () {
      announce(graph);
      var asked = new URLSearchParams(window.location.search).get("person");
      if (asked && state.persons[asked]) {
        window.ecogramNetwork.selectNodes([Number(asked)]);
        openPerson(Number(asked));
      }
      container.setAttribute("data-ready", "true");
      performance.mark("ecogram-ready");
    }, 0);
  }

  // For the page's other scripts (ecogram-corrections.js, and keyboard shortcuts later).
  window.ecogramPage = {
    container: container,
    state: state,
    apply: apply,
    post: post,
    say: say,
    msg: msg,
    withId: withId,
    openPerson: openPerson,
    openTie: openTie,
    // The labels as drawn (measured in the browser's font) and the sector names: the
    // tests check that none overlaps another.
    labelBoxes: function () { return window.ecogramLabels.boxes(state); },
    sectorBoxes: function () { return window.ecogramLabels.sectorBoxes(state); },
    personAtLabel: function (point) { return window.ecogramLabels.at(state, point); },
    closePanel: closePanel,
    submitForm: submitForm,
    clearErrors: clearErrors,
    showConflict: showConflict,
    fit: fitDrawing,
  };

  // The page carries its own data (one request, one build on the server); JSON.parse
  // reads it as data only, and textContent keeps its escaped characters as they are.
  // Drawn once every script of the page has run, so that those that follow each
  // redraw (ecogram-corrections.js) see the first one too.
  function startFromPage() {
    var inline = document.getElementById("ecogram-data");
    try {
      start(JSON.parse(inline.textContent));
    } catch (error) {
      say(msg(container, "msg-load-failed"));
      throw error;
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startFromPage);
  } else {
    startFromPage();
  }
})();
