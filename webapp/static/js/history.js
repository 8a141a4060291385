/* The history tab: the growth chart of the sessions, and a past ecogram drawn read-only.
 *
 * Data comes from JSON routes; texts from data-* attributes. Nothing from the
 * server is put in the DOM as HTML: vis-network and Chart.js draw labels on a
 * canvas, and messages go in with textContent.
 */
(function () {
  "use strict";

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      });
  }

  // --- Persons and candidates per session ---------------------------------------------

  function drawChart(canvas) {
    if (typeof Chart === "undefined") { return; }
    Chart.defaults.font.size = 16;  // readable on a tablet at arm's length
    getJson(canvas.getAttribute("data-url")).then(function (data) {
      var sessions = data.sessions;
      canvas.chart = new Chart(canvas, {
        type: "line",
        data: {
          labels: sessions.map(function (s) { return s.label; }),
          datasets: [
            {
              label: canvas.getAttribute("data-label-persons"),
              data: sessions.map(function (s) { return s.persons; }),
              borderColor: "#1d5c8c",
              backgroundColor: "#1d5c8c",
              borderWidth: 3,
              tension: 0,
            },
            {
              label: canvas.getAttribute("data-label-candidates"),
              data: sessions.map(function (s) { return s.candidates; }),
              borderColor: "#c98a00",
              backgroundColor: "#c98a00",
              borderWidth: 3,
              borderDash: [8, 6],
              pointStyle: "rectRot",
              tension: 0,
            },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            y: { beginAtZero: true, ticks: { precision: 0 } },
            x: { title: { display: true, text: canvas.getAttribute("data-label-session") } },
          },
          plugins: { legend: { position: "bottom", labels: { usePointStyle: true } } },
        },
      });
      canvas.setAttribute("data-ready", "true");
    });
  }

  // --- A past ecogram ----------------------------------------------------------------

  var SECTOR_TINTS = ["#eef4fa", "#f6f1fa", "#f1f8ef", "#fdf6e9", "#f3f4f6"];
  var SECTOR_FONT = 30;
  var LABEL_GAP = 44;

  function point(radius, degrees) {
    var angle = (degrees * Math.PI) / 180;
    return { x: radius * Math.sin(angle), y: -radius * Math.cos(angle) };
  }

  function background(graph) {
    // Sectors and rings under the nodes, as on the ecogram tab.
    return function (ctx) {
      if (!graph.rings.length) { return; }
      var outer = graph.rings[graph.rings.length - 1].outer;
      var inner = graph.rings[0].inner;
      ctx.save();
      graph.sectors.forEach(function (sector, i) {
        ctx.beginPath();
        ctx.moveTo(0, 0);
        ctx.arc(0, 0, outer, ((sector.start - 90) * Math.PI) / 180, ((sector.end - 90) * Math.PI) / 180);
        ctx.closePath();
        ctx.fillStyle = SECTOR_TINTS[i % SECTOR_TINTS.length];
        ctx.fill();
      });
      ctx.strokeStyle = "#b8c2cc";
      ctx.lineWidth = 1.5;
      graph.rings.forEach(function (ring) {
        ctx.beginPath();
        ctx.arc(0, 0, ring.outer, 0, 2 * Math.PI);
        ctx.stroke();
      });
      ctx.beginPath();
      ctx.arc(0, 0, inner, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.fillStyle = "#3e4c59";
      ctx.font = "bold " + SECTOR_FONT + "px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      graph.sectors.forEach(function (sector) {
        var at = point(outer + LABEL_GAP, (sector.start + sector.end) / 2);
        ctx.fillText(sector.label, at.x, at.y);
      });
      ctx.restore();
    };
  }

  function fit(network, container, graph) {
    // Fit the rings and the sector labels, not just the nodes: an empty sector must show too.
    var outer = graph.rings.length ? graph.rings[graph.rings.length - 1].outer : graph.radius;
    var halfWidth = outer;
    var halfHeight = outer;
    graph.sectors.forEach(function (sector) {
      var at = point(outer + LABEL_GAP, (sector.start + sector.end) / 2);
      var width = sector.label.length * SECTOR_FONT * 0.6;  // rough: not measured before drawing
      halfWidth = Math.max(halfWidth, Math.abs(at.x) + width / 2 + 10);
      halfHeight = Math.max(halfHeight, Math.abs(at.y) + SECTOR_FONT);
    });
    var scale = Math.min(
      (container.clientWidth || 600) / (2 * halfWidth),
      (container.clientHeight || 560) / (2 * halfHeight)
    );
    network.moveTo({ position: { x: 0, y: 0 }, scale: scale, animation: false });
  }

  function drawPast(container) {
    if (typeof vis === "undefined") { return; }
    var status = document.getElementById("history-status");
    getJson(container.getAttribute("data-graph-url")).then(function (graph) {
      var network = new vis.Network(
        container,
        { nodes: new vis.DataSet(graph.nodes), edges: new vis.DataSet(graph.edges) },
        {
          autoResize: true,
          physics: false,
          layout: { improvedLayout: false },
          nodes: { fixed: true },
          edges: { smooth: false, arrows: { to: { scaleFactor: 0.8 }, from: { scaleFactor: 0.8 } } },
          interaction: {
            dragNodes: false,
            selectable: false,
            keyboard: { enabled: true, bindToWindow: false },
            tooltipDelay: 100000,
          },
        }
      );
      network.on("beforeDrawing", background(graph));
      fit(network, container, graph);
      window.historyNetwork = network;
      container.setAttribute("data-ready", "true");
    }).catch(function () {
      if (status) { status.textContent = container.getAttribute("data-msg-load-failed"); }
    });
  }

  var chart = document.getElementById("session-chart");
  if (chart) { drawChart(chart); }
  var past = document.getElementById("history-ecogram");
  if (past) { drawPast(past); }
})();
