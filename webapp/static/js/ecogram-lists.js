/* The ecogram page's lists as text: everyone on the ecogram, the "Who else?" prompts, the
 * findings' counts and the person choices of the tie forms, redrawn from the drawing data.
 *
 * The server renders the first three with the page, from the same data, so the page's
 * first drawing leaves them as they are; every later answer redraws them here. Every
 * text goes in with textContent, never as HTML: names are typed by people.
 */
(function () {
  "use strict";

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function msg(node, key) {
    return node.getAttribute("data-" + key) || "";
  }

  // One set of options, copied into each select: a copy is much cheaper than building
  // thousands of options once per select.
  function fillPersonSelects(persons, known) {
    var options = document.createDocumentFragment();
    persons.forEach(function (person) {
      var option = el("option", person.name);
      option.value = String(person.id);
      options.appendChild(option);
    });
    document.querySelectorAll("select.person-select").forEach(function (select) {
      var chosen = select.value;
      select.textContent = "";
      select.appendChild(options.cloneNode(true));
      if (chosen && known[chosen]) {
        select.value = chosen;
      }
    });
  }

  function renderPersonList(persons) {
    var list = document.getElementById("person-list");
    var items = document.createDocumentFragment();
    persons.forEach(function (person) {
      var item = el("li");
      item.setAttribute("data-person-id", String(person.id));
      var button = el("button", person.name, "person-button");
      button.type = "button";
      button.setAttribute("data-person-id", String(person.id));
      item.appendChild(button);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", person.kind_label + " · " + person.candidate_label, "muted"));
      items.appendChild(item);
    });
    list.textContent = "";
    list.appendChild(items);
  }

  function renderWhoElse(who, exploreUrl) {
    var section = document.getElementById("who-else");
    var list = section.querySelector("ul.prompts");
    list.textContent = "";
    var progress = el("li");
    progress.setAttribute("data-prompt", "progress");
    var bar = el("progress");
    bar.max = who.target;
    bar.value = Math.min(who.mapped, who.target);
    bar.setAttribute("aria-hidden", "true");
    progress.appendChild(bar);
    var text = el("span");
    text.appendChild(el("strong", who.mapped + " / " + who.target));
    text.appendChild(document.createTextNode(" " + msg(section, "msg-progress")));
    progress.appendChild(text);
    list.appendChild(progress);
    who.empty_sectors.forEach(function (sector) {
      var item = el("li", msg(section, "msg-empty") + " ");
      item.setAttribute("data-prompt", "empty-sector");
      item.setAttribute("data-sector", sector.key);
      item.appendChild(el("strong", sector.label));
      list.appendChild(item);
    });
    who.unexplored.forEach(function (person) {
      var item = el("li");
      item.setAttribute("data-prompt", "unexplored");
      item.setAttribute("data-person-id", String(person.id));
      var line = el("span");
      line.appendChild(el("strong", person.name));
      line.appendChild(document.createTextNode(" " + msg(section, "msg-unexplored")));
      item.appendChild(line);
      // Only who may map the ecogram gets the button (the page leaves its label out otherwise).
      if (section.hasAttribute("data-msg-button")) {
        var form = el("form", null, "to-explore");
        form.method = "post";
        form.action = exploreUrl(person.id);
        var button = el("button", msg(section, "msg-button"), "button small");
        button.type = "submit";
        form.appendChild(button);
        item.appendChild(form);
      }
      list.appendChild(item);
    });
    // The prompts not shown are counted, and listed on the findings page.
    if (who.more_text) {
      var more = el("li", who.more_text + " ");
      more.setAttribute("data-prompt", "more");
      var link = el("a", msg(section, "msg-findings"));
      link.href = msg(section, "findings-url");
      more.appendChild(link);
      list.appendChild(more);
    }
  }

  function renderFindings(texts) {
    // The server words the counts, so plurals come out right in either language.
    document.querySelectorAll("#findings-summary [data-summary]").forEach(function (span) {
      span.textContent = texts[span.getAttribute("data-summary")] || "";
    });
  }

  window.ecogramLists = {
    // An element with its text and class, for every script of the page that writes one.
    el: el,
    // What the server rendered with the page, redrawn from an answer's data.
    render: function (graph, exploreUrl) {
      renderPersonList(graph.persons);
      renderWhoElse(graph.who_else, exploreUrl);
      renderFindings(graph.findings_text);
    },
    // The tie forms' person choices, which the page leaves empty.
    selects: fillPersonSelects,
    // Everyone on the ecogram, which a large case's page leaves to its script.
    persons: renderPersonList,
  };
})();
