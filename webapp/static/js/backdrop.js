// The ecogram's backdrop: sectors, rings, sector names and ring numbers under the
// vis-network nodes, and the zoom that fits them (labels.js draws the persons' labels).
// Shared by the ecogram tab and the history tab's past drawings, so both show a case
// the same way.
(function () {
  "use strict";

  var SECTOR_TINTS = ["#eef4fa", "#f6f1fa", "#f1f8ef", "#fdf6e9", "#f3f4f6"];
  // Sector names and ring numbers: at least 8.8:1 on every tint (tests/test_contrast.py).
  var NAME_COLOUR = "#3e4c59";

  function point(radius, degrees) {
    var angle = (degrees * Math.PI) / 180;
    return { x: radius * Math.sin(angle), y: -radius * Math.cos(angle) };
  }

  function draw(ctx, state) {
    if (!state.rings.length) {
      return;
    }
    var outer = state.rings[state.rings.length - 1].outer;
    var inner = state.rings[0].inner;
    ctx.save();
    state.sectors.forEach(function (sector, i) {
      // Canvas angles start at 3 o'clock; ours at 12 o'clock, both clockwise.
      var a = ((sector.start - 90) * Math.PI) / 180;
      var b = ((sector.end - 90) * Math.PI) / 180;
      ctx.beginPath();
      ctx.moveTo(0, 0);
      ctx.arc(0, 0, outer, a, b);
      ctx.closePath();
      ctx.fillStyle = SECTOR_TINTS[i % SECTOR_TINTS.length];
      ctx.fill();
    });
    ctx.strokeStyle = "#b8c2cc";
    ctx.lineWidth = 1.5;
    state.rings.forEach(function (ring) {
      ctx.beginPath();
      ctx.arc(0, 0, ring.outer, 0, 2 * Math.PI);
      ctx.stroke();
    });
    ctx.beginPath();
    ctx.arc(0, 0, inner, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.strokeStyle = "#8796a5";
    ctx.lineWidth = 2;
    state.sectors.forEach(function (sector) {
      var from = point(inner, sector.start);
      var to = point(outer, sector.start);
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
      ctx.stroke();
    });
    // Sector names and ring numbers where the server placed them, clear of every label.
    var labels = window.ecogramLabels;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    state.sectors.forEach(function (sector) {
      if (!sector.box) { return; }
      ctx.font = labels.font(state, state.font.sector, true, false);
      labels.drawText(ctx, state, sector.lines, sector.box, state.font.sector, true, function () {
        return NAME_COLOUR;
      });
    });
    state.rings.forEach(function (ring) {
      if (!ring.box) { return; }
      labels.halo(ctx, ring.box, false);
      ctx.font = labels.font(state, state.font.ring, false, false);
      labels.drawText(ctx, state, ring.lines, ring.box, state.font.ring, false, function () {
        return NAME_COLOUR;
      });
    });
    ctx.restore();
  }

  // Zoom to show everything drawn (the server's extent: rings, labels, sector names),
  // but never so far out that a text is drawn under 12 CSS pixels: a drawing too large
  // for the canvas at that size is then shown from its centre, and the user pans.
  var SMALLEST_TEXT = 12;

  function fit(network, container, state) {
    if (!state.extent) {
      return;
    }
    var e = state.extent;
    var width = e[2] - e[0];
    var height = e[3] - e[1];
    var smallest = Math.min(state.font.size, state.font.ring, state.font.sector);
    var scale = Math.max(
      Math.min((container.clientWidth || 600) / width, (container.clientHeight || 560) / height),
      SMALLEST_TEXT / smallest
    );
    network.moveTo({
      position: { x: (e[0] + e[2]) / 2, y: (e[1] + e[3]) / 2 },
      scale: scale,
      animation: false,
    });
  }

  window.ecogramBackdrop = { draw: draw, fit: fit };
})();
