/* The network dashboard's charts, drawn by Chart.js from /dashboard/data.json.
 *
 * No inline script (CSP): the page names the data URL in data-url and every
 * canvas names its chart in data-chart. Every label comes translated in the
 * JSON, so this file holds no user-facing text. Each chart has a table with
 * the same numbers next to it; the charts are the quick view, not the only one.
 * The charts are kept in window.dashboardCharts, so tests can see they exist.
 */
(function () {
  "use strict";

  var root = document.getElementById("dashboard");
  if (!root || typeof Chart === "undefined") {
    return;
  }
  var COLORS = ["#1d5c8c", "#e08a00", "#1e6b3a", "#a61b1b", "#6b4c9a", "#2a8c8c", "#7a6a53"];
  Chart.defaults.animation = false; // draw at once; also kinder to reduced-motion users
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.size = 14;
  window.dashboardCharts = [];

  function draw(name, config) {
    var canvas = root.querySelector('canvas[data-chart="' + name + '"]');
    if (canvas) {
      window.dashboardCharts.push(new Chart(canvas, config));
    }
  }

  function bar(labels, datasets, options) {
    return {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: Object.assign(
        { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
        options || {}
      ),
    };
  }

  function single(label, values, color) {
    return [{ label: label, data: values, backgroundColor: color || COLORS[0] }];
  }

  function keys(object) {
    return Object.keys(object);
  }

  function render(data) {
    var report = data.report;
    var L = data.labels;
    var months = data.months.map(function (m) {
      return m.month;
    });
    var started = [
      {
        label: L.started,
        data: data.months.map(function (m) {
          return m.cumulative;
        }),
        borderColor: COLORS[0],
        backgroundColor: COLORS[0],
      },
    ];
    if (report.plan.committed !== null) {
      started.push({
        label: L.committed,
        data: months.map(function () {
          return report.plan.committed;
        }),
        borderColor: COLORS[3],
        backgroundColor: COLORS[3],
        pointRadius: 0,
      });
      started.push({
        label: L.pace,
        data: data.months.map(function (m) {
          return m.pace;
        }),
        borderColor: COLORS[4],
        backgroundColor: COLORS[4],
        borderDash: [6, 4],
        pointRadius: 0,
      });
    }
    draw("started", {
      type: "line",
      data: { labels: months, datasets: started },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });

    // Labels come as [key, label] pairs in their meaningful order.
    function pairsChart(name, pairs, counts, seriesLabel, color) {
      draw(
        name,
        bar(
          pairs.map(function (pair) {
            return pair[1];
          }),
          single(
            seriesLabel,
            pairs.map(function (pair) {
              return counts[pair[0]];
            }),
            color
          ),
          { plugins: { legend: { display: false } } }
        )
      );
    }
    var funnelKeys = L.funnel.map(function (pair) {
      return pair[0];
    });
    var funnelNames = {};
    L.funnel.forEach(function (pair) {
      funnelNames[pair[0]] = pair[1];
    });
    pairsChart("funnel", L.funnel, report, L.trajectories, COLORS[0]);
    pairsChart("roles", L.roles, report.roles, L.roles_activated, COLORS[2]);
    pairsChart("outcomes", L.outcomes, report.outcomes, L.trajectories, COLORS[1]);
    pairsChart("stays", L.stays, report.stay_days, L.days, COLORS[3]);

    draw(
      "budget",
      bar([L.budget_spent, L.budget], single(L.euro, [report.budget_spent, report.plan.budget]), {
        indexAxis: "y",
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true } },
      })
    );
    draw(
      "cost",
      bar(
        [L.cost_per_trajectory, L.reference_cost],
        single(L.euro, [report.cost_per_trajectory, report.reference_cost_per_trajectory], COLORS[1]),
        { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } }
      )
    );

    [
      ["region", report.by_region],
      ["quarter", report.by_quarter],
    ].forEach(function (pair) {
      var rows = pair[1];
      var names = keys(rows);
      var datasets = funnelKeys.map(function (key, index) {
        return {
          label: funnelNames[key],
          data: names.map(function (name) {
            return rows[name][key];
          }),
          backgroundColor: COLORS[index % COLORS.length],
        };
      });
      var labels = names.map(function (name) {
        return name === "(none)" ? L.no_region : name;
      });
      draw(pair[0], bar(labels, datasets));
    });
  }

  fetch(root.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("dashboard data: HTTP " + response.status);
      }
      return response.json();
    })
    .then(render)
    .catch(function (error) {
      // The tables stay; only the charts are missing.
      console.warn(error);
    });
})();
