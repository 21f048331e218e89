(function () {
  "use strict";
  var KEYS = ["actor", "target", "stance", "quote-type", "source"];
  var PREFIX = "#filter?";
  var table = document.getElementById("claims_table");
  var panel = document.getElementById("claim_filters");
  if (!table || !panel || !table.tBodies.length) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = document.getElementById("claim_count");
  var search = document.getElementById("filter_text");
  var selects = {};
  KEYS.forEach(function (key) { selects[key] = document.getElementById("filter_" + key); });
  var texts = null;

  function fold(value) {
    return value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  function words(row, name) { return (row.getAttribute(name) || "").split(" "); }
  function current() {
    var params = new URLSearchParams();
    KEYS.forEach(function (key) { if (selects[key].value) { params.set(key, selects[key].value); } });
    if (search.value.trim()) { params.set("q", search.value.trim()); }
    return params;
  }
  function show(params) {
    KEYS.forEach(function (key) {
      var wanted = params.get(key) || "";
      var known = Array.prototype.some.call(selects[key].options, function (o) { return o.value === wanted; });
      selects[key].value = known ? wanted : "";
    });
    search.value = params.get("q") || "";
  }
  function stanceMatches(row, target, stance) {
    if (!target && !stance) { return true; }
    return words(row, "data-stances").some(function (pair) {
      var cut = pair.lastIndexOf(":");
      return (!target || pair.slice(0, cut) === target) && (!stance || pair.slice(cut + 1) === stance);
    });
  }
  function matches(row, index, params) {
    var actor = params.get("actor"), source = params.get("source"), type = params.get("quote-type");
    var query = params.get("q");
    if (actor && words(row, row.hasAttribute("data-speakers") ? "data-speakers" : "data-actor").indexOf(actor) < 0) { return false; }
    if (source && row.getAttribute("data-source") !== source) { return false; }
    if (type && row.getAttribute("data-quote-type") !== type) { return false; }
    if (!stanceMatches(row, params.get("target"), params.get("stance"))) { return false; }
    if (query) {
      if (!texts) { texts = rows.map(function (r) { return " " + fold(r.textContent) + " "; }); }
      return fold(query).split(" ").every(function (word) { return texts[index].indexOf(word) >= 0; });
    }
    return true;
  }
  function apply(params, remember) {
    var shown = 0;
    rows.forEach(function (row, index) {
      var visible = matches(row, index, params);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " claims";
    if (remember) {
      var query = params.toString();
      var where = query ? PREFIX + query : location.pathname + location.search;
      try { history.replaceState(null, "", where); } catch (error) { /* a sandboxed copy */ }
    }
  }
  function onChange() { apply(current(), true); }
  function fromHash() {
    var hash = location.hash;
    if (hash.indexOf(PREFIX) === 0) {
      var params = new URLSearchParams(hash.slice(PREFIX.length));
      show(params);
      apply(current(), false);
      return;
    }
    var id = "";
    try { id = decodeURIComponent(hash.slice(1)); } catch (error) { return; }
    var row = id ? document.getElementById(id) : null;
    if (row && row.hasAttribute("data-claim") && table.contains(row)) {
      if (row.hidden) { show(new URLSearchParams()); apply(current(), false); }
      row.scrollIntoView({ block: "center" });
      row.focus();
    }
  }
  KEYS.forEach(function (key) { selects[key].addEventListener("change", onChange); });
  search.addEventListener("input", onChange);
  Array.prototype.forEach.call(document.querySelectorAll("#stance_grid button"), function (button) {
    button.addEventListener("click", function () {
      var cell = button.parentNode;
      var params = new URLSearchParams();
      params.set("actor", cell.getAttribute("data-actor"));
      params.set("target", cell.getAttribute("data-target"));
      show(params);
      apply(current(), true);
      table.scrollIntoView({ block: "start" });
      count.focus();
    });
  });
  window.addEventListener("hashchange", fromHash);
  panel.hidden = false;
  // Off screen the rows are not laid out (content-visibility): a placeholder as tall as they
  // are likely to be keeps the scrollbar honest; nothing else touches every row at load.
  table.tBodies[0].style.containIntrinsicSize = "auto " + Math.max(rows.length, 10) * 7 + "rem";
  fromHash();
}());
