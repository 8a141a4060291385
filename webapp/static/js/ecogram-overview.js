/* The network overview and the ties as text, beside the drawing.
 *
 * The server computes the figures once per case version (ecogram/overview.py) and
 * sends them with every drawing; this redraws both lists from each answer
 * (ecogram.js's "ecogram:graph" event), so they stay in step without a reload.
 * Every text goes in with textContent. A tie opens in the side panel's edit form,
 * as a click on its line does; an isolated person opens as in the person list.
 */
(function () {
  "use strict";

  var page = window.ecogramPage;
  if (!page) {
    return;
  }

  // A text-only element (ecogram-lists.js, loaded first): names go in as text, never HTML.
  var el = window.ecogramLists.el;

  function counts(list, items, sample) {
    list.textContent = "";
    items.forEach(function (item) {
      var row = el("li");
      row.setAttribute("data-key", item.key);
      row.appendChild(sample(item));
      row.appendChild(el("span", item.label));
      row.appendChild(document.createTextNode(" "));
      row.appendChild(el("strong", item.count));
      list.appendChild(row);
    });
  }

  function renderOverview(figures, marks) {
    var bar = document.getElementById("overview-progress");
    bar.max = figures.target;
    bar.value = Math.min(figures.mapped, figures.target);
    document.getElementById("overview-mapped").textContent =
      figures.mapped + " / " + figures.target;
    var body = document.getElementById("overview-sectors");
    body.textContent = "";
    figures.sectors.forEach(function (sector) {
      var row = el("tr");
      row.setAttribute("data-sector", sector.key);
      var name = el("th", sector.label);
      name.scope = "row";
      row.appendChild(name);
      sector.rings.concat([sector.total]).forEach(function (n) {
        row.appendChild(el("td", n));
      });
      body.appendChild(row);
    });
    var totals = document.querySelectorAll("#overview-rings td");
    figures.ring_totals.concat([figures.mapped]).forEach(function (n, i) {
      totals[i].textContent = String(n);
    });
    counts(document.getElementById("overview-candidates"), figures.candidates, function (item) {
      var swatch = el("span", marks[item.key] || "", "swatch swatch-" + item.key);
      swatch.setAttribute("aria-hidden", "true");
      return swatch;
    });
    counts(document.getElementById("overview-qualities"), figures.qualities, function (item) {
      var line = el("span", null, "line line-" + item.key);
      line.setAttribute("aria-hidden", "true");
      return line;
    });
    document.getElementById("overview-isolated-count").textContent =
      String(figures.isolated.length);
    var isolated = document.getElementById("overview-isolated");
    isolated.textContent = "";
    figures.isolated.forEach(function (person) {
      var button = el("button", person.name, "person-button");
      button.type = "button";
      button.setAttribute("data-person-id", String(person.id));
      isolated.appendChild(el("li")).appendChild(button);
    });
  }

  // The same words as the page's first render (overview.html), from its data-* texts.
  function tieText(box, tie, names) {
    var parts = [tie.quality_label];
    var first = names[tie.from];
    var second = names[tie.to];
    if (tie.flow === "forward" || tie.flow === "back") {
      var giver = tie.flow === "forward" ? first : second;
      var taker = tie.flow === "forward" ? second : first;
      parts.push(page.msg(box, "msg-forward").replace("{source}", giver).replace("{target}", taker));
    } else if (tie.flow === "both") {
      parts.push(page.msg(box, "msg-both"));
    }
    if (tie.support_labels.length) {
      parts.push(page.msg(box, "msg-support") + " " + tie.support_labels.join(", "));
    }
    return parts.join(" · ");
  }

  function renderTies(graph) {
    var box = document.getElementById("tie-list-box");
    var names = {};
    graph.persons.forEach(function (person) {
      names[person.id] = person.name;
    });
    var list = document.getElementById("tie-list");
    list.textContent = "";
    graph.ties.forEach(function (tie) {
      var item = el("li");
      item.setAttribute("data-tie-id", String(tie.id));
      var button = el("button", null, "tie-button");
      button.type = "button";
      button.setAttribute("data-tie-id", String(tie.id));
      button.appendChild(el("strong", names[tie.from] + " – " + names[tie.to]));
      button.appendChild(document.createTextNode("\n"));
      button.appendChild(el("span", tieText(box, tie, names)));
      item.appendChild(button);
      list.appendChild(item);
    });
    document.getElementById("tie-count").textContent = String(graph.ties.length);
  }

  function marksOf() {
    var marks = {};
    document.querySelectorAll("#overview-candidates [data-key]").forEach(function (row) {
      marks[row.getAttribute("data-key")] = row.querySelector(".swatch").textContent;
    });
    return marks;
  }

  // The first drawing is of the page's own data, from which the server rendered both;
  // a large case's page leaves its two lists to be written here, after that drawing.
  var fromPage = true;
  page.container.addEventListener("ecogram:graph", function (event) {
    var graph = event.detail;
    if (fromPage) {
      fromPage = false;
      if (document.getElementById("person-list").hasAttribute("data-from-script")) {
        window.ecogramLists.persons(graph.persons);
        renderTies(graph);
      }
      return;
    }
    if (graph.overview) {
      renderOverview(graph.overview, marksOf());
    }
    renderTies(graph);
  });

  document.getElementById("tie-list").addEventListener("click", function (event) {
    var button = event.target.closest("button[data-tie-id]");
    if (button) {
      page.openTie(Number(button.getAttribute("data-tie-id")));
    }
  });

  document.getElementById("overview-isolated").addEventListener("click", function (event) {
    var button = event.target.closest("button[data-person-id]");
    if (button) {
      var id = Number(button.getAttribute("data-person-id"));
      window.ecogramNetwork.selectNodes([id]);
      page.openPerson(id);
    }
  });
})();
