// The ecogram's labels and candidate marks, drawn over the vis-network marks and ties.
//
// The server placed every label (ecogram/labelling.py) so that none overlaps another,
// a mark, a sector name or a ring number; this draws each one in its box, as canvas
// text on a white halo, and answers where they are, for a click and for the tests.
// Shared by the ecogram tab and the history tab's past drawings.
(function () {
  "use strict";

  // Labels and candidate marks; tests/test_contrast.py checks them on what they lie on.
  var TEXT = "#1f2933";
  var HALO = "rgba(255, 255, 255, 0.92)";
  var SELECTED = "#1d5c8c";
  var measurer = null;

  function font(data, size, bold, italic) {
    return (italic ? "italic " : "") + (bold ? "bold " : "") + size + "px " + data.font.family;
  }

  function centre(box) {
    return { x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2 };
  }

  function drawText(ctx, data, lines, box, size, bold, colourOf) {
    var lineHeight = size * data.font.line;
    var top = centre(box).y - (lines.length * lineHeight) / 2;
    var x = centre(box).x;
    lines.forEach(function (line, i) {
      ctx.fillStyle = colourOf(i);
      ctx.fillText(line, x, top + (i + 0.5) * lineHeight);
    });
  }

  function halo(ctx, box, outline) {
    ctx.fillStyle = HALO;
    ctx.fillRect(box[0], box[1], box[2] - box[0], box[3] - box[1]);
    if (outline) {
      ctx.strokeStyle = SELECTED;
      ctx.lineWidth = 2;
      ctx.strokeRect(box[0], box[1], box[2] - box[0], box[3] - box[1]);
    }
  }

  // The part of the drawing the canvas shows, in drawing units: a large ecogram is shown
  // from its centre at a readable size, and most of its labels lie outside the canvas.
  function shown(ctx) {
    var inverse = ctx.getTransform().invertSelf();
    var a = inverse.transformPoint(new DOMPoint(0, 0));
    var b = inverse.transformPoint(new DOMPoint(ctx.canvas.width, ctx.canvas.height));
    return [Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y)];
  }

  function within(box, area) {
    return box[2] >= area[0] && box[0] <= area[2] && box[3] >= area[1] && box[1] <= area[3];
  }

  function drawMarks(ctx, data, area) {
    ctx.font = font(data, data.font.size, true, false);
    ctx.fillStyle = TEXT;
    data.labels.forEach(function (label) {
      if (label.mark && within([label.x, label.y, label.x, label.y], area)) {
        ctx.fillText(label.mark, label.x, label.y + 1);
      }
    });
  }

  // `selected`: ids of the selected persons, whose labels get an outline. Only the labels
  // on the canvas are drawn, and the font is set only when it changes: a canvas parses the
  // font each time it is set, and a 3,000-person ecogram drew 3,000 labels per frame.
  function draw(ctx, data, selected) {
    if (!data.labels) {
      return;
    }
    var chosen = {};
    (selected || []).forEach(function (id) {
      chosen[id] = true;
    });
    var area = shown(ctx);
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    drawMarks(ctx, data, area);
    var current = null;
    data.labels.forEach(function (label) {
      if (!within(label.box, area)) {
        return;
      }
      halo(ctx, label.box, chosen[label.id]);
      var wanted = font(data, data.font.size, label.bold, false);
      if (wanted !== current) {
        ctx.font = current = wanted;
      }
      drawText(ctx, data, label.lines, label.box, data.font.size, label.bold, function () {
        return TEXT;
      });
    });
    ctx.restore();
  }

  function measure(data, lines, size, bold) {
    if (!measurer) {
      measurer = document.createElement("canvas").getContext("2d");
    }
    measurer.font = font(data, size, bold, false);
    var widest = 0;
    lines.forEach(function (line) {
      widest = Math.max(widest, measurer.measureText(line).width);
    });
    return widest;
  }

  // The boxes as drawn: the text measured in the browser's own font, around each box's
  // centre. They match the server's boxes only if its widths were right; tests compare.
  function drawnBox(data, lines, box, size, bold) {
    var c = centre(box);
    var width = measure(data, lines, size, bold) + 2 * data.font.pad;
    var height = lines.length * size * data.font.line + 2 * data.font.pad;
    return { left: c.x - width / 2, top: c.y - height / 2, right: c.x + width / 2,
      bottom: c.y + height / 2 };
  }

  function boxes(data) {
    return (data.labels || []).map(function (label) {
      var found = drawnBox(data, label.lines, label.box, data.font.size, label.bold);
      found.id = label.id;
      found.text = label.lines.join(" ");
      return found;
    });
  }

  function sectorBoxes(data) {
    return (data.sectors || []).map(function (sector) {
      var found = drawnBox(data, sector.lines, sector.box, data.font.sector, true);
      found.key = sector.key;
      return found;
    });
  }

  // The person whose label holds this point of the drawing, or null.
  function at(data, point) {
    var found = null;
    (data.labels || []).forEach(function (label) {
      var b = label.box;
      if (point.x >= b[0] && point.x <= b[2] && point.y >= b[1] && point.y <= b[3]) {
        found = label.id;
      }
    });
    return found;
  }

  window.ecogramLabels = {
    draw: draw,
    boxes: boxes,
    sectorBoxes: sectorBoxes,
    at: at,
    drawText: drawText,
    halo: halo,
    font: font,
  };
})();
