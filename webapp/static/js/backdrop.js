// The ecogram's backdrop: sectors, rings and their labels under the vis-network nodes,
// and the zoom that fits them. Shared by the ecogram tab and the history tab's past
// drawings, so both show a case the same way.
(function () {
  "use strict";

  var SECTOR_TINTS = ["#eef4fa", "#f6f1fa", "#f1f8ef", "#fdf6e9", "#f3f4f6"];
  var SECTOR_FONT = 30;
  var LABEL_GAP = 44;

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
    ctx.fillStyle = "#3e4c59";
    ctx.font = "bold " + SECTOR_FONT + "px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    state.sectors.forEach(function (sector) {
      var at = point(outer + LABEL_GAP, (sector.start + sector.end) / 2);
      ctx.fillText(sector.label, at.x, at.y);
    });
    ctx.font = "20px system-ui, sans-serif";
    ctx.fillStyle = "#7b8794";
    state.rings.forEach(function (ring) {
      var at = point(ring.outer - 16, 0);
      ctx.fillText(String(ring.ring), at.x + 14, at.y);
    });
    ctx.restore();
  }

  function fit(network, container, state) {
    // Fit the rings and sector labels, not just the nodes: an empty sector must show too.
    if (!state.rings.length) {
      return;
    }
    var outer = state.rings[state.rings.length - 1].outer;
    var halfWidth = outer;
    var halfHeight = outer;
    state.sectors.forEach(function (sector) {
      var at = point(outer + LABEL_GAP, (sector.start + sector.end) / 2);
      // A rough text width; the canvas is not measured before the first draw.
      var width = sector.label.length * SECTOR_FONT * 0.6;
      halfWidth = Math.max(halfWidth, Math.abs(at.x) + width / 2 + 10);
      halfHeight = Math.max(halfHeight, Math.abs(at.y) + SECTOR_FONT);
    });
    var scale = Math.min(
      (container.clientWidth || 600) / (2 * halfWidth),
      (container.clientHeight || 560) / (2 * halfHeight)
    );
    network.moveTo({ position: { x: 0, y: 0 }, scale: scale, animation: false });
  }

  window.ecogramBackdrop = { draw: draw, fit: fit };
})();
