/* The drawing by pointing, as at a kitchen table: tap an empty spot to add someone
 * there, drag a person to another sector or ring, and in connect mode (or with Shift
 * held) drag or tap from one person to another, or across empty space to choose
 * several at once.
 *
 * Builds on ecogram.js (window.ecogramPage); what a gesture asks next (a name, a
 * tie's quality, a warning) is in ecogram-popups.js. A sector and a ring follow
 * from a spot the way the server's layout lays them out: the drawing data gives
 * each sector's angles (clockwise from 12 o'clock) and each ring's band.
 */
(function () {
  "use strict";

  var page = window.ecogramPage;
  var stage = document.getElementById("ecogram-stage");
  if (!page || !stage || !stage.hasAttribute("data-editable")) {
    return;
  }
  var container = page.container;
  var hint = document.getElementById("map-hint");
  var connectButton = document.getElementById("connect-mode");
  var SLOP = 6; // pixels a press may wander and still be a tap
  var connecting = false;
  var chosen = []; // persons chosen in connect mode, waiting for the one to connect to
  var gesture = null;

  function net() {
    return window.ecogramNetwork;
  }

  // --- Where a point of the drawing lies ----------------------------------------------

  function within(degrees, sector) {
    var width = sector.end - sector.start;
    return width >= 360 || (((degrees - sector.start) % 360) + 360) % 360 < width;
  }

  function spotAt(point) {
    var state = page.state;
    var rings = state.rings;
    var radius = Math.sqrt(point.x * point.x + point.y * point.y);
    var degrees = ((Math.atan2(point.x, -point.y) * 180) / Math.PI + 360) % 360;
    var sector = state.sectors.filter(function (s) { return within(degrees, s); })[0] ||
      state.sectors[state.sectors.length - 1];
    // Between two bands, the ring is the nearer one.
    var ring = rings[rings.length - 1];
    for (var i = 0; i < rings.length - 1; i += 1) {
      if (radius <= (rings[i].outer + rings[i + 1].inner) / 2) {
        ring = rings[i];
        break;
      }
    }
    var last = rings[rings.length - 1];
    return {
      sector: sector.key,
      sectorLabel: sector.label,
      ring: ring.ring,
      inside: radius <= last.outer + (last.outer - last.inner) / 2,
    };
  }

  function domPoint(event) {
    var box = container.querySelector("canvas").getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  // --- Connect mode ---------------------------------------------------------------------

  function choose(ids) {
    chosen = ids;
    net().selectNodes(ids);
  }

  function setConnecting(on) {
    connecting = on;
    connectButton.setAttribute("aria-pressed", on ? "true" : "false");
    stage.classList.toggle("connecting", on);
    hint.textContent = on ? page.msg(hint, "msg-connect") : hint.getAttribute("data-default");
    choose([]);
    page.popups.close();
  }

  function connectTo(target, at) {
    var sources = chosen.filter(function (id) { return id !== target; });
    if (!sources.length) {
      choose([]);
      return;
    }
    net().selectNodes(sources.concat([target]));
    page.popups.quality(sources, target, at, function () { choose([]); });
  }

  // --- Moving a person ------------------------------------------------------------------

  function snapBack(id, origin) {
    window.ecogramNodes.update({ id: id, x: origin.x, y: origin.y });
  }

  function move(person, spot, at, origin, confirmed) {
    var body = new FormData();
    ["name", "kind", "household", "candidate"].forEach(function (name) {
      body.append(name, String(person[name]));
    });
    body.append("sector", spot.sector);
    body.append("ring", String(spot.ring));
    body.append("version", String(person.version));
    confirmed.forEach(function (name) { body.append("confirm", name); });
    page.post(page.withId(page.msg(container, "person-url"), person.id), body).then(function (answer) {
      var json = answer.json;
      if (answer.status < 300 && json.graph) {
        page.apply(json.graph);
        page.say(page.msg(stage, "msg-moved"));
      } else if (answer.status === 422 && json.warnings) {
        var fields = Object.keys(json.warnings);
        page.popups.warnMove(fields.map(function (f) { return json.warnings[f]; }).join(" "), at,
          function () { move(person, spot, at, origin, confirmed.concat(fields)); },
          function () { snapBack(person.id, origin); });
      } else if (answer.status === 409 && json.conflict) {
        if (json.graph) { page.apply(json.graph); }
        page.popups.conflictOnPerson(person.id, json.conflict);
      } else {
        snapBack(person.id, origin);
        var errors = json.errors || {};
        page.say(errors[Object.keys(errors)[0]] || json.message || page.msg(container, "msg-failed"));
      }
    }, function () {
      snapBack(person.id, origin);
      page.say(page.msg(container, "msg-failed"));
    });
  }

  // --- One gesture: press, perhaps drag, release ---------------------------------------

  function onDown(event) {
    if (event.button !== 0 || !event.isPrimary || gesture) {
      return;
    }
    var at = domPoint(event);
    var id = net().getNodeAt(at);
    // Shift connects from a person without turning connect mode on.
    var linking = connecting || (event.shiftKey && id !== undefined);
    if (id === undefined && !linking) {
      return; // vis-network pans the view, and a tap there places someone (onTap)
    }
    event.stopPropagation();
    page.popups.close();
    gesture = { id: id, start: at, at: at, moved: false, linking: linking };
    if (id !== undefined) {
      gesture.origin = net().getPosition(id);
    }
    window.addEventListener("pointermove", onMove, true);
    window.addEventListener("pointerup", onUp, true);
    window.addEventListener("pointercancel", onCancel, true);
  }

  function onMove(event) {
    var at = domPoint(event);
    gesture.at = at;
    if (!gesture.moved && Math.hypot(at.x - gesture.start.x, at.y - gesture.start.y) < SLOP) {
      return;
    }
    gesture.moved = true;
    var person = page.state.persons[gesture.id];
    if (!gesture.linking && person && person.kind !== "child") {
      var point = net().DOMtoCanvas(at);
      window.ecogramNodes.update({ id: gesture.id, x: point.x, y: point.y });
    } else {
      net().redraw();
    }
  }

  function stop() {
    window.removeEventListener("pointermove", onMove, true);
    window.removeEventListener("pointerup", onUp, true);
    window.removeEventListener("pointercancel", onCancel, true);
    var done = gesture;
    gesture = null;
    net().redraw();
    return done;
  }

  function onCancel() {
    var done = stop();
    if (done.origin && !done.linking) {
      snapBack(done.id, done.origin);
    }
  }

  function onUp(event) {
    var at = domPoint(event);
    // A busy browser may hand over the last moves with the release only.
    if (Math.hypot(at.x - gesture.start.x, at.y - gesture.start.y) >= SLOP) {
      gesture.moved = true;
    }
    gesture.at = at;
    var done = stop();
    if (done.linking) {
      connectGesture(done);
    } else if (!done.moved) {
      net().selectNodes([done.id]);
      page.openPerson(done.id);
    } else {
      var person = page.state.persons[done.id];
      var spot = spotAt(net().DOMtoCanvas(done.at));
      if (person.kind === "child" || (spot.sector === person.sector && spot.ring === person.ring)) {
        snapBack(done.id, done.origin); // where it began: nothing to save
        page.say(page.msg(stage, "msg-cancelled"));
      } else {
        move(person, spot, done.at, done.origin, []);
      }
    }
  }

  function connectGesture(done) {
    if (done.id === undefined) {
      choose(done.moved ? inRectangle(done.start, done.at) : []);
      if (chosen.length) {
        page.say(page.msg(stage, "msg-chosen").replace("{count}", String(chosen.length)));
      }
    } else if (done.moved) {
      var target = net().getNodeAt(done.at);
      if (target !== undefined && target !== done.id) {
        chosen = [done.id];
        connectTo(target, done.at);
      }
    } else if (chosen.length && !(chosen.length === 1 && chosen[0] === done.id)) {
      connectTo(done.id, done.at);
    } else {
      choose(chosen.length ? [] : [done.id]);
      if (chosen.length) {
        page.say(page.msg(stage, "msg-first"));
      }
    }
  }

  function inRectangle(a, b) {
    var one = net().DOMtoCanvas(a);
    var two = net().DOMtoCanvas(b);
    var positions = net().getPositions();
    return Object.keys(positions).map(Number).filter(function (id) {
      var p = positions[id];
      return p.x >= Math.min(one.x, two.x) && p.x <= Math.max(one.x, two.x) &&
        p.y >= Math.min(one.y, two.y) && p.y <= Math.max(one.y, two.y);
    });
  }

  // What a drag in connect mode draws: a line to the pointer, or the rectangle.
  function drawGesture(ctx) {
    if (!gesture || !gesture.moved || !gesture.linking) {
      return;
    }
    var to = net().DOMtoCanvas(gesture.at);
    ctx.save();
    ctx.strokeStyle = "#1d5c8c";
    ctx.lineWidth = 3;
    ctx.setLineDash([8, 6]);
    ctx.beginPath();
    if (gesture.id !== undefined) {
      ctx.moveTo(gesture.origin.x, gesture.origin.y);
      ctx.lineTo(to.x, to.y);
    } else {
      var from = net().DOMtoCanvas(gesture.start);
      ctx.rect(from.x, from.y, to.x - from.x, to.y - from.y);
    }
    ctx.stroke();
    ctx.restore();
  }

  // A tap on empty space: vis-network tells it, once it is sure it was no drag.
  function onTap(params) {
    // A tap on a name opens that person (ecogram.js), never a place form beside them.
    if (connecting || params.nodes.length || params.edges.length ||
        page.personAtLabel(params.pointer.canvas) !== null) {
      return;
    }
    var spot = spotAt(params.pointer.canvas);
    if (spot.inside) {
      page.popups.place(spot, params.pointer.DOM);
    } else {
      page.popups.close();
    }
  }

  function start() {
    hint.setAttribute("data-default", hint.textContent);
    container.addEventListener("pointerdown", onDown, true);
    net().on("afterDrawing", drawGesture);
    net().on("click", onTap);
    connectButton.addEventListener("click", function () {
      setConnecting(!connecting);
    });
  }

  page.map = {
    spotAt: spotAt,
    isConnecting: function () { return connecting; },
    hasChosen: function () { return chosen.length > 0; },
    clearChosen: function () { choose([]); },
  };

  if (window.ecogramNetwork) {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
