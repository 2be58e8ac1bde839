/* The wiki's reading tools: sortable tables, the quoted sentence as the page's target, the
   graph view (Cytoscape, shipped in assets/vendor/) and the timeline's axis. Each reads its data
   from assets/briefing/, written by the generator. Everything here adds to pages that read
   fully without it. */
(function () {
  "use strict";

  // The site's root, from the page the reader first opened: Material's config gives it relative
  // to that page, and instant navigation keeps this script loaded across pages.
  var BASE = (function () {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base.replace(/\/?$/, "/"), location.href).href;
    } catch (err) {
      return new URL("./", location.href).href;
    }
  })();

  var fetched = {};
  function getJSON(path) {
    if (!fetched[path]) {
      fetched[path] = fetch(BASE + path).then(function (answer) {
        if (!answer.ok) throw new Error(path + " answered " + answer.status);
        return answer.json();
      });
    }
    return fetched[path];
  }

  var cytoscapeLoaded = null;
  function loadCytoscape() {
    if (!cytoscapeLoaded) {
      cytoscapeLoaded = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = BASE + "assets/vendor/cytoscape/cytoscape.min.js";
        script.onload = function () { resolve(window.cytoscape); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return cytoscapeLoaded;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text != null) node.textContent = text;
    return node;
  }

  /* --- sortable tables (Material's tablesort recipe) --- */
  function sortTables() {
    document.querySelectorAll("article table:not([class])").forEach(function (table) {
      new Tablesort(table);
    });
  }

  /* --- the quoted sentence as target ---
     Instant navigation swaps pages without loading them, so the browser never takes a link's
     #s12 for the page's target, and the sentence would not stand out (`.bw-s:target`). A
     fragment navigation to the same address, replacing the history entry, makes it the target. */
  function markTarget() {
    var hash = location.hash;
    if (hash.length > 1) {
      var target = document.getElementById(decodeURIComponent(hash.slice(1)));
      if (target && !target.matches(":target")) location.replace(hash);
    }
  }

  /* --- the graph view --- */
  var MAX_NODES = 150, MAX_NEIGHBOURS = 24;

  function strength(net) {
    var sum = {};
    net.edges.forEach(function (e) {
      sum[e.s] = (sum[e.s] || 0) + e.w;
      sum[e.t] = (sum[e.t] || 0) + e.w;
    });
    return sum;
  }

  function select(net, focus) {
    var sum = strength(net), keep = {};
    if (focus) {
      var near = net.edges.filter(function (e) { return e.s === focus || e.t === focus; })
        .sort(function (a, b) { return b.w - a.w; }).slice(0, MAX_NEIGHBOURS);
      keep[focus] = true;
      near.forEach(function (e) { keep[e.s] = true; keep[e.t] = true; });
    } else {
      net.nodes.filter(function (n) { return sum[n.id]; })
        .sort(function (a, b) { return (sum[b.id] - sum[a.id]) || (a.id < b.id ? -1 : 1); })
        .slice(0, MAX_NODES).forEach(function (n) { keep[n.id] = true; });
    }
    var nodes = net.nodes.filter(function (n) { return keep[n.id]; });
    var edges = net.edges.filter(function (e) { return keep[e.s] && keep[e.t]; });
    return { nodes: nodes, edges: edges };
  }

  var COLOURS = { person: "#3f51b5", organization: "#009688", country: "#e65100", place: "#8d6e63",
                  group: "#7b1fa2", agreement: "#c62828" };

  function drawGraph(box) {
    if (box.getAttribute("data-drawn")) return;
    box.setAttribute("data-drawn", "1");
    var focus = box.getAttribute("data-bw-graph");
    Promise.all([loadCytoscape(), getJSON("assets/briefing/graph.json")]).then(function (got) {
      var cytoscape = got[0], part = select(got[1], focus);
      if (part.nodes.length < 2) { box.hidden = true; return; }
      var most = Math.max.apply(null, part.edges.map(function (e) { return e.w; }).concat([1]));
      // Start on a circle, in a fixed order: the same data always gives the same picture.
      var elements = part.nodes.map(function (n, i) {
        var angle = 2 * Math.PI * i / part.nodes.length;
        return { group: "nodes", data: { id: n.id, label: n.label, url: n.url, kind: n.kind,
                 colour: COLOURS[n.kind === "agreement" ? "agreement" : n.type] || "#607d8b",
                 focus: n.id === focus ? 1 : 0 },
                 position: { x: 300 * Math.cos(angle), y: 300 * Math.sin(angle) } };
      }).concat(part.edges.map(function (e, i) {
        return { group: "edges", data: { id: "e" + i, source: e.s, target: e.t, rel: e.rel, w: e.w } };
      }));
      var small = !!focus;
      var cy = cytoscape({
        container: box, elements: elements,
        style: [
          { selector: "node", style: { "background-color": "data(colour)", label: "data(label)",
            "font-size": small ? 10 : 9, color: "#333", "text-valign": "bottom", "text-margin-y": 3,
            width: 14, height: 14 } },
          { selector: "node[kind = 'agreement']", style: { shape: "diamond", width: 18, height: 18 } },
          { selector: "node[focus = 1]", style: { width: 22, height: 22, "font-weight": "bold" } },
          { selector: "edge", style: { width: "mapData(w, 1, " + Math.max(most, 2) + ", 1, 6)",
            "line-color": "#b0bec5", "curve-style": "bezier", opacity: 0.8,
            label: small ? "data(rel)" : "", "font-size": 7, color: "#546e7a", "text-rotation": "autorotate" } },
          { selector: "edge[rel = 'party to']", style: { "line-style": "dashed", "line-color": "#ef9a9a" } },
          { selector: "edge[rel = 'signed with']", style: { "line-color": "#c62828" } },
          { selector: "edge[rel = 'met']", style: { "line-color": "#5c6bc0" } },
        ],
        layout: { name: "cose", randomize: false, animate: false, nodeDimensionsIncludeLabels: true,
                  idealEdgeLength: small ? 70 : 90, nodeRepulsion: 9000 },
      });
      cy.on("tap", "node", function (event) {
        var url = event.target.data("url");
        if (url != null) location.assign(BASE + url);
      });
      cy.on("mouseover", "node", function () { box.style.cursor = "pointer"; });
      cy.on("mouseout", "node", function () { box.style.cursor = ""; });
      box.briefingGraph = cy;      // for whoever inspects the drawing (and the browser tests)
      box.setAttribute("data-nodes", String(part.nodes.length));
    }).catch(function (err) {
      box.hidden = true;
      console.warn("graph view unavailable:", err);
    });
  }

  /* --- the timeline --- */
  var PRECISION = { day: "day", month: "month", year: "year" };

  function start(date) {
    var parts = date.split("-").map(Number);
    return Date.UTC(parts[0], (parts[1] || 1) - 1, parts[2] || 1);
  }
  function end(date, precision) {
    var parts = date.split("-").map(Number);
    if (precision === "year" || parts.length === 1) return Date.UTC(parts[0] + 1, 0, 1);
    if (precision === "month" || parts.length === 2) return Date.UTC(parts[0], parts[1], 1);
    return Date.UTC(parts[0], parts[1] - 1, parts[2] + 1);
  }

  function drawTimeline(box) {
    if (box.getAttribute("data-drawn")) return;
    box.setAttribute("data-drawn", "1");
    // A page of a timeline cut into pages ("1987-03") draws its own events, from its year's file.
    var part = box.getAttribute("data-bw-timeline");
    if (part && !/^\d{4}/.test(part)) return;
    getJSON("assets/briefing/timeline/index.json").then(function (index) {
      var years = part ? [part.slice(0, 4)] : index.years;
      return Promise.all(years.map(function (y) { return getJSON("assets/briefing/timeline/" + y + ".json"); }))
        .then(function (years) {
          var events = [].concat.apply([], years.map(function (y) { return y.events; }));
          if (part) events = events.filter(function (e) { return e.pg === part; });
          buildTimeline(box, index, events);
        });
    }).catch(function (err) {
      console.warn("timeline axis unavailable:", err);
    });
  }

  function options(select, label, entries) {
    select.appendChild(el("option", { value: "" }, label));
    entries.forEach(function (entry) { select.appendChild(el("option", { value: entry[0] }, entry[1])); });
  }

  function byName(map) {
    return Object.keys(map).map(function (id) { return [id, map[id][0]]; })
      .sort(function (a, b) { return a[1].localeCompare(b[1]); });
  }

  function buildTimeline(box, index, events) {
    var form = el("form", { class: "bw-filters", "aria-label": "Filter the timeline" });
    var actor = el("select", { name: "actor", "aria-label": "Actor" });
    var deal = el("select", { name: "agreement", "aria-label": "Agreement" });
    var story = el("select", { name: "storyline", "aria-label": "Storyline" });
    options(actor, "Every actor", byName(index.actors));
    options(deal, "Every agreement", byName(index.agreements));
    options(story, "Every storyline", index.storylines.map(function (s) {
      return [String(s.id), s.name + " (" + s.n + ")"];
    }));
    form.appendChild(actor); form.appendChild(deal); form.appendChild(story);
    var count = el("p", { class: "bw-count", "aria-live": "polite" });
    var axis = el("div", { class: "bw-axis", role: "img", "aria-label": "The events on a time axis; the list below gives them in words" });
    var list = el("ul", { class: "bw-events" });
    box.appendChild(form); box.appendChild(count); box.appendChild(axis); box.appendChild(list);
    var statik = document.querySelector(".bw-timeline-static");

    function render() {
      var a = actor.value, g = deal.value, s = story.value;
      var shown = events.filter(function (e) {
        return (!a || e.a.indexOf(a) >= 0) && (!g || e.g.indexOf(g) >= 0) && (!s || String(e.s) === s);
      });
      count.textContent = shown.length + " of " + events.length + " dated events";
      axis.textContent = "";
      list.textContent = "";
      if (!shown.length) return;
      var lo = Math.min.apply(null, shown.map(function (e) { return start(e.d); }));
      var hi = Math.max.apply(null, shown.map(function (e) { return end(e.d, e.p); }));
      var span = Math.max(hi - lo, 1);
      var first = new Date(lo).getUTCFullYear(), last = new Date(hi - 1).getUTCFullYear();
      var monthly = last - first < 3;
      for (var y = first; y <= last + 1; y++) {
        for (var m = 0; m < (monthly ? 12 : 1); m++) {
          var t = Date.UTC(y, m, 1);
          if (t < lo || t > hi) continue;
          var tick = el("span", { class: "bw-tick" + (m ? "" : " bw-tick--year") },
                        m ? new Date(t).toLocaleString("en", { month: "short", timeZone: "UTC" }) : String(y));
          tick.style.left = (100 * (t - lo) / span) + "%";
          axis.appendChild(tick);
        }
      }
      var lanes = [];
      shown.forEach(function (e) {
        var left = 100 * (start(e.d) - lo) / span, width = 100 * (end(e.d, e.p) - start(e.d)) / span;
        var lane = 0;
        while (lanes[lane] !== undefined && lanes[lane] > left) lane++;
        lanes[lane] = left + Math.max(width, 1.5);
        var mark = el("a", { class: "bw-mark bw-mark--" + e.p, href: BASE + (e.u || e.q),
                             title: e.d + " (" + PRECISION[e.p] + "): " + e.t });
        mark.style.left = left + "%";
        mark.style.width = "max(" + width + "%, 0.6rem)";
        mark.style.top = (1.6 + lane * 0.9) + "rem";
        axis.appendChild(mark);

        var item = el("li", { "data-actors": e.a.join(" "), "data-agreements": e.g.join(" ") });
        item.appendChild(el("strong", null, e.d));
        if (e.p !== "day") item.appendChild(el("span", { class: "bw-precision" }, " (" + PRECISION[e.p] + ")"));
        item.appendChild(document.createTextNode(" "));
        item.appendChild(e.u ? el("a", { href: BASE + e.u }, e.t) : document.createTextNode(e.t));
        if (e.a.length) {
          item.appendChild(document.createTextNode(": "));
          e.a.slice(0, 4).forEach(function (id, n) {
            if (n) item.appendChild(document.createTextNode(", "));
            item.appendChild(el("a", { href: BASE + index.actors[id][1] }, index.actors[id][0]));
          });
        }
        item.appendChild(document.createTextNode(" · "));
        item.appendChild(el("a", { href: BASE + e.q, class: "bw-quote" }, "quote"));
        list.appendChild(item);
      });
      axis.style.height = (2.2 + lanes.length * 0.9) + "rem";
    }
    [actor, deal, story].forEach(function (select) { select.addEventListener("change", render); });
    render();
    if (statik) statik.hidden = true;
    box.hidden = false;
  }

  function enhance() {
    sortTables();
    markTarget();
    document.querySelectorAll("[data-bw-graph]").forEach(drawGraph);
    document.querySelectorAll("[data-bw-timeline]").forEach(drawTimeline);
  }

  if (typeof document$ !== "undefined") document$.subscribe(enhance);
  else document.addEventListener("DOMContentLoaded", enhance);
})();
