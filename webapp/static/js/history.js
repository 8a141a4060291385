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
      network.on("beforeDrawing", function (ctx) {
        window.ecogramBackdrop.draw(ctx, graph);
      });
      network.on("afterDrawing", function (ctx) {
        window.ecogramLabels.draw(ctx, graph, []);
      });
      window.ecogramBackdrop.fit(network, container, graph);
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
