/* Find your area (macros/site/finder.py): by its name, a town or place in it, or a postcode, from the site's
   own small files, with no server and no third party. The files are scripts (finder/places.js, and
   finder/postcodes/<district>.js for each postcode district), so they load from a folder on disk too; each
   hands its data to window.careFinder. Only the file a look-up needs is loaded: the names when the box is
   first used, one district's postcodes when a postcode is looked up. Results are said in the form's live
   region; one area found goes straight to its page. Without this script the form goes to the A to Z list. */
(function () {
  "use strict";
  var form = document.querySelector("form.care-finder");
  if (!form) return;
  var input = form.querySelector("input"), out = form.querySelector("[role=status]");
  var root = form.getAttribute("data-root") || "./";
  if (root.slice(-1) !== "/") root += "/";
  var hasPostcodes = form.getAttribute("data-postcodes") === "yes";
  var atoz = form.querySelector("#care-finder-hint a");
  var places = null, districts = {}, waiting = {};
  var POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})?$/;

  // Files hand over their data by pushing [kind, data] (they may load before this script).
  function take(item) {
    if (item[0] === "places") places = item[1];
    if (item[0] === "district") districts[item[1].district] = item[1];
  }
  var queue = window.careFinder || [];
  window.careFinder = { push: take };
  queue.forEach(take);

  function load(key, src, then) {
    if ((key === "places" && places) || districts[key]) return then(true);
    if (waiting[key]) return waiting[key].push(then);
    waiting[key] = [then];
    var s = document.createElement("script");
    s.src = src;
    s.onerror = function () { var w = waiting[key]; delete waiting[key]; w.forEach(function (f) { f(false); }); };
    s.onload = function () { var w = waiting[key]; delete waiting[key]; w.forEach(function (f) { f(true); }); };
    document.head.appendChild(s);
  }
  function plain(words) {
    return words.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/&/g, " and ")
      .replace(/[^a-z0-9]+/g, " ").trim();
  }
  function say(parts) {
    out.textContent = "";
    parts.forEach(function (p) { out.appendChild(p); });
  }
  function para(text) { var p = document.createElement("p"); p.textContent = text; return p; }
  function link(area) { var a = document.createElement("a"); a.href = root + area.url; a.textContent = area.name; return a; }
  function list(found, why) {
    var ul = document.createElement("ul");
    found.forEach(function (area, i) {
      var li = document.createElement("li");
      li.appendChild(link(area));
      if (why[i]) li.appendChild(document.createTextNode(" (" + why[i] + ")"));
      ul.appendChild(li);
    });
    return ul;
  }
  function nothing(what, tip) {
    var p = para("Nothing matches \u201c" + what + "\u201d. " + tip + " Or look through the ");
    var a = document.createElement("a"); a.href = atoz.href; a.textContent = "A to Z list of areas and places";
    p.appendChild(a); p.appendChild(document.createTextNode("."));
    say([p]);
  }
  function show(found, why, what) {
    if (found.length === 1) {
      say([para("Found " + found[0].name + ". Opening its page.")]);
      window.location.href = root + found[0].url;
      return;
    }
    say([para(found.length + " areas match \u201c" + what + "\u201d:"), list(found, why)]);
  }
  function byName(what) {
    var q = plain(what), found = [], why = [], seen = {};
    function add(i, reason) { if (!seen[i]) { seen[i] = 1; found.push(places.areas[i]); why.push(reason); } }
    // Whole names first, then names that begin with the words, then names that have them.
    [function (n) { return n === q; }, function (n) { return n.indexOf(q) === 0; }, function (n) { return (" " + n).indexOf(" " + q) >= 0; }]
      .forEach(function (test) {
        places.areas.forEach(function (a, i) { if (test(plain(a.name))) add(i, ""); });
        places.places.forEach(function (p) { if (test(plain(p[0]))) add(p[1], p[0] + " is in this area"); });
      });
    if (found.length) return show(found, why, what);
    nothing(what, hasPostcodes ? "Check the spelling, or try your postcode, such as SO14 7LY." : "Check the spelling, or try the name of a nearby town.");
  }
  function council(code) {
    for (var i = 0; i < places.areas.length; i++) if (places.areas[i].code === code) return places.areas[i];
    return null;
  }
  function councilName(code) {
    var area = council(code);
    return area ? area.name : (places.others[code] || code);
  }
  function byPostcode(district, inward, what) {
    load(district, root + "finder/postcodes/" + district + ".js", function (ok) {
      if (!ok) return nothing(what, "We do not know the postcode district " + district + ". Check the postcode, or type the name of your town.");
      var d = districts[district];
      if (!d) return nothing(what, "We do not know the postcode district " + district + ". Check the postcode, or type the name of your town.");
      var code = d.code;
      Object.keys(d.except).forEach(function (other) {
        if (inward && (" " + d.except[other] + " ").indexOf(" " + inward + " ") >= 0) code = other;
      });
      var codes = [code].concat(inward ? [] : Object.keys(d.except));
      var found = codes.map(council).filter(Boolean);
      var named = codes.map(councilName);
      if (!found.length) {
        return say([para((inward ? district + " " + inward : "Postcode district " + district) + " is in " + named.join(" and ") +
          ". This site has no page for " + (named.length > 1 ? "them" : "it") + " yet. Look through the A to Z list of areas for a partnership that covers it.")]);
      }
      var why = found.map(function () { return inward ? "" : "part of " + district; });
      if (!inward && Object.keys(d.except).length) return say([para("Postcode district " + district + " is in more than one council:"), list(found, why)]);
      show(found, why, what);
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var what = input.value.trim();
    if (!what) { say([para("Type a town, a place or a postcode first.")]); input.focus(); return; }
    say([para("Looking\u2026")]);
    load("places", root + "finder/places.js", function (ok) {
      if (!ok) return say([para("The finder could not load. Look through the A to Z list of areas and places instead.")]);
      var code = POSTCODE.exec(what.toUpperCase().replace(/\s+/g, " "));
      if (code && hasPostcodes && /[0-9]/.test(what)) return byPostcode(code[1], code[2] || "", what);
      byName(what);
    });
  });
  // Load the names while the reader types, so the answer comes at once.
  input.addEventListener("focus", function () { load("places", root + "finder/places.js", function () {}); }, { once: true });
})();
