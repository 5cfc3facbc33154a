/* Daicho — client-side search over window.DAICHO_SEARCH (set by search-index.js, loaded first).
   Works from file:// (no fetch). Index format (version 1):
     docs:  [[url, name, department, vendor, business, id], ...]   url relative to the site root
     grams: { "住民": "0,5,3", ... }  posting lists of doc indexes, ascending, base-36, delta-encoded
   A bigram is two consecutive code points inside one field, after NFKC + toLowerCase. */
(function () {
  'use strict';

  // The page's language (`daicho build --lang en`) for the status line.
  var EN = document.documentElement.lang === 'en';

  var MAX_RESULTS = 100;
  var DEBOUNCE_MS = 80;
  var FIELDS = [1, 2, 3, 4, 5]; // name, department, vendor, business, id

  var form = document.getElementById('search-form');
  var input = document.getElementById('search-input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!input || !status || !list) return;

  var index = window.DAICHO_SEARCH;
  if (!index || !Array.isArray(index.docs) || typeof index.grams !== 'object') {
    status.textContent = EN ? 'The search index (assets/search-index.js) could not be loaded.'
      : '検索用の索引（assets/search-index.js）を読み込めませんでした。';
    return;
  }

  var root = document.documentElement.getAttribute('data-root') || '';
  var docs = index.docs;
  var grams = index.grams || {};
  var postings = new Map();

  function normalize(text) {
    var s = String(text == null ? '' : text);
    if (s.normalize) s = s.normalize('NFKC');
    return s.toLowerCase();
  }

  // Haystacks: fields joined by a newline, so no term (which has no whitespace) spans two fields.
  var haystacks = new Array(docs.length);
  var names = new Array(docs.length);
  for (var i = 0; i < docs.length; i++) {
    var doc = docs[i];
    var parts = [];
    for (var f = 0; f < FIELDS.length; f++) parts.push(normalize(doc[FIELDS[f]]));
    haystacks[i] = parts.join('\n');
    names[i] = parts[0];
  }

  function posting(gram) {
    var cached = postings.get(gram);
    if (cached) return cached;
    var raw = Object.prototype.hasOwnProperty.call(grams, gram) ? grams[gram] : '';
    var result = [];
    if (raw) {
      var pieces = raw.split(',');
      var value = 0;
      for (var j = 0; j < pieces.length; j++) {
        value += parseInt(pieces[j], 36);
        result.push(value);
      }
    }
    postings.set(gram, result);
    return result;
  }

  function intersect(a, b) {
    var out = [];
    var x = 0, y = 0;
    while (x < a.length && y < b.length) {
      if (a[x] === b[y]) { out.push(a[x]); x++; y++; }
      else if (a[x] < b[y]) x++;
      else y++;
    }
    return out;
  }

  function bigrams(term) {
    var chars = Array.from(term);
    var out = [];
    for (var k = 0; k + 1 < chars.length; k++) {
      var g = chars[k] + chars[k + 1];
      if (out.indexOf(g) === -1) out.push(g);
    }
    return out;
  }

  function terms(query) {
    return normalize(query).split(/\s+/).filter(Boolean);
  }

  function search(query) {
    var ts = terms(query);
    if (!ts.length) return null;
    var lists = [];
    ts.forEach(function (t) { bigrams(t).forEach(function (g) { lists.push(posting(g)); }); });
    var candidates = null;
    if (lists.length) {
      lists.sort(function (a, b) { return a.length - b.length; });
      candidates = lists[0];
      for (var n = 1; n < lists.length && candidates.length; n++) candidates = intersect(candidates, lists[n]);
    }
    var hits = [];
    var total = candidates ? candidates.length : haystacks.length;
    for (var c = 0; c < total; c++) {
      var d = candidates ? candidates[c] : c;
      var hay = haystacks[d];
      var ok = true;
      for (var t = 0; t < ts.length; t++) {
        if (hay.indexOf(ts[t]) === -1) { ok = false; break; }
      }
      if (ok) hits.push(d);
    }
    // Systems whose name holds every term come first; otherwise index order.
    var inName = [], rest = [];
    hits.forEach(function (d) {
      (ts.every(function (t) { return names[d].indexOf(t) !== -1; }) ? inName : rest).push(d);
    });
    return inName.concat(rest);
  }

  function render(hits) {
    var fragment = document.createDocumentFragment();
    var shown = Math.min(hits.length, MAX_RESULTS);
    for (var r = 0; r < shown; r++) {
      var doc = docs[hits[r]];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + doc[0];
      a.textContent = doc[1];
      li.appendChild(a);
      li.appendChild(document.createTextNode(' '));
      var meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = [doc[2], doc[3]].filter(Boolean).join(' ・ ');
      // Names from the ledgers are Japanese on an English page too (screen readers, line breaks).
      if (EN) { a.lang = 'ja'; meta.lang = 'ja'; }
      li.appendChild(meta);
      fragment.appendChild(li);
    }
    while (list.firstChild) list.removeChild(list.firstChild);
    list.appendChild(fragment);
  }

  function formatMs(ms) {
    return ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
  }

  function setHash(query) {
    var hash = query ? '#q=' + encodeURIComponent(query) : '';
    if (location.hash === hash || (!hash && !location.hash)) return;
    try {
      history.replaceState(null, '', hash || location.pathname + location.search);
    } catch (e) {
      if (hash) location.replace(hash);
    }
  }

  var current = null;

  function run(query, updateHash) {
    query = query.trim();
    if (query === current) return;
    current = query;
    var start = performance.now();
    var hits = search(query);
    if (hits === null) {
      while (list.firstChild) list.removeChild(list.firstChild);
      status.textContent = '';
    } else {
      render(hits);
      var ms = formatMs(performance.now() - start);
      status.textContent = EN
        ? (hits.length === 0 ? 'No ledger found (' + ms + ' ms)'
          : hits.length + ' found (' + ms + ' ms)' + (hits.length > MAX_RESULTS ? '; the first ' + MAX_RESULTS + ' are shown' : ''))
        : hits.length === 0
          ? '該当する台帳は見つかりませんでした（' + ms + ' ms）'
          : hits.length + '件見つかりました（' + ms + ' ms）' +
            (hits.length > MAX_RESULTS ? '。先頭の' + MAX_RESULTS + '件を表示しています' : '');
    }
    if (updateHash) setHash(query);
  }

  function queryFromHash() {
    var m = /^#q=(.*)$/.exec(location.hash);
    if (!m) return null;
    try { return decodeURIComponent(m[1].replace(/\+/g, ' ')); } catch (e) { return m[1]; }
  }

  var timer = 0;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value, true); }, DEBOUNCE_MS);
  }

  input.addEventListener('input', function (e) { if (!e.isComposing) schedule(); });
  input.addEventListener('compositionend', schedule);
  if (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run(input.value, true);
    });
  }
  window.addEventListener('hashchange', function () {
    var q = queryFromHash();
    if (q !== null && q.trim() !== current) { input.value = q; run(q, false); }
  });

  var initial = queryFromHash();
  if (initial !== null) {
    input.value = initial;
    run(initial, false);
  } else if (input.value) {
    run(input.value, false); // the browser restored the field (back button)
  }
})();
