/* Daicho — progressive enhancement: sortable tables, table filters, live reload of the preview.
   Without this script every table is a plain, complete table. No libraries, ES2017. */
(function () {
  'use strict';

  // The page's language (`daicho build --lang en`) for the few words the script writes.
  var EN = document.documentElement.lang === 'en';

  var collator = (typeof Intl !== 'undefined' && Intl.Collator)
    ? new Intl.Collator('ja', { numeric: true, sensitivity: 'base' })
    : { compare: function (a, b) { return a < b ? -1 : a > b ? 1 : 0; } };

  function normalize(text) {
    var s = String(text || '');
    if (s.normalize) s = s.normalize('NFKC');
    return s.toLowerCase().replace(/\s+/g, ' ').trim();
  }

  function bodyRows(table) {
    var rows = [];
    Array.prototype.forEach.call(table.tBodies, function (tbody) {
      Array.prototype.forEach.call(tbody.rows, function (row) { rows.push(row); });
    });
    return rows;
  }

  /* Column index of a header cell, counting colspans, so body cells line up. */
  function columnIndex(th) {
    var index = 0;
    var cell = th.previousElementSibling;
    while (cell) { index += cell.colSpan || 1; cell = cell.previousElementSibling; }
    return index;
  }

  function cellAt(row, column) {
    var index = 0;
    for (var i = 0; i < row.cells.length; i++) {
      var cell = row.cells[i];
      if (column < index + (cell.colSpan || 1)) return cell;
      index += cell.colSpan || 1;
    }
    return null;
  }

  /* ---- Sorting ---- */

  function sortKey(cell, type) {
    if (!cell) return null;
    // A cell shown as "—" (not answered, or not applicable: "— 対象外") has no value; the build
    // writes data-value="-1" for such a number.
    var shown = cell.textContent.trim();
    if (shown === '' || shown.charAt(0) === '—' || cell.getAttribute('data-value') === '-1') return null;
    var raw = cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent;
    if (type === 'number') {
      var n = parseFloat(String(raw).replace(/[,，\s円%％¥￥]/g, ''));
      return isFinite(n) ? n : null;
    }
    var text = String(raw).trim();
    return text === '' ? null : text;
  }

  function sortTable(table, th, descending) {
    var type = th.getAttribute('data-sort') === 'number' ? 'number' : 'text';
    var column = columnIndex(th);
    Array.prototype.forEach.call(table.tBodies, function (tbody) {
      var items = Array.prototype.map.call(tbody.rows, function (row, i) {
        return { row: row, key: sortKey(cellAt(row, column), type), index: i };
      });
      items.sort(function (a, b) {
        // Empty values (未回答) always go last, whatever the direction.
        if (a.key === null || b.key === null) {
          if (a.key === b.key) return a.index - b.index;
          return a.key === null ? 1 : -1;
        }
        var c = type === 'number' ? a.key - b.key : collator.compare(a.key, b.key);
        if (descending) c = -c;
        return c !== 0 ? c : a.index - b.index;
      });
      var fragment = document.createDocumentFragment();
      items.forEach(function (item) { fragment.appendChild(item.row); });
      tbody.appendChild(fragment);
    });
    Array.prototype.forEach.call(table.querySelectorAll('thead th[data-sort]'), function (other) {
      var icon = other.querySelector('.sort-icon');
      if (other === th) {
        other.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        if (icon) icon.textContent = descending ? '▼' : '▲';
      } else {
        other.removeAttribute('aria-sort');
        if (icon) icon.textContent = '⇅';
      }
    });
  }

  function enhanceSortable(table) {
    Array.prototype.forEach.call(table.querySelectorAll('thead th[data-sort]'), function (th) {
      if (th.querySelector('.sort-button')) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      while (th.firstChild) button.appendChild(th.firstChild);
      var icon = document.createElement('span');
      icon.className = 'sort-icon';
      icon.setAttribute('aria-hidden', 'true');
      icon.textContent = '⇅';
      button.appendChild(icon);
      button.title = EN ? 'Sort' : '並べ替え';
      th.appendChild(button);
      var initial = th.getAttribute('aria-sort');
      if (initial === 'ascending' || initial === 'descending') icon.textContent = initial === 'descending' ? '▼' : '▲';
      button.addEventListener('click', function () {
        sortTable(table, th, th.getAttribute('aria-sort') === 'ascending');
      });
    });
  }

  /* ---- Filtering ---- */

  function enhanceControls(controls) {
    var table = document.getElementById(controls.getAttribute('data-for') || '');
    if (!table || !table.tBodies.length) return;
    var input = controls.querySelector('.table-filter');
    var selects = Array.prototype.slice.call(controls.querySelectorAll('select[data-filter]'));
    var cache = new WeakMap();
    var count = document.createElement('p');
    count.className = 'table-count';
    count.setAttribute('aria-live', 'polite');
    controls.parentNode.insertBefore(count, controls.nextSibling);

    function rowText(row) {
      var text = cache.get(row);
      if (text === undefined) { text = normalize(row.textContent); cache.set(row, text); }
      return text;
    }

    function apply() {
      var terms = input ? normalize(input.value).split(' ').filter(Boolean) : [];
      var wanted = selects.map(function (select) {
        return { key: 'data-filter-' + select.getAttribute('data-filter'), value: select.value };
      }).filter(function (w) { return w.value !== ''; });
      var rows = bodyRows(table);
      var shown = 0;
      rows.forEach(function (row) {
        var text = rowText(row);
        var ok = terms.every(function (t) { return text.indexOf(t) !== -1; }) &&
          // Each row has one value per menu: compared whole (a department may hold a space).
          wanted.every(function (w) { return (row.getAttribute(w.key) || '') === w.value; });
        row.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = EN ? shown + ' of ' + rows.length + ' shown' : rows.length + '件中 ' + shown + '件を表示';
    }

    var timer = 0;
    if (input) {
      // Not while an input method is composing (じゅうみん before it becomes 住民): the table
      // would empty at every key and the count be read out each time.
      input.addEventListener('input', function (e) {
        if (e.isComposing) return;
        clearTimeout(timer);
        timer = setTimeout(apply, 60);
      });
      input.addEventListener('compositionend', function () {
        clearTimeout(timer);
        timer = setTimeout(apply, 60);
      });
      input.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') { e.preventDefault(); clearTimeout(timer); apply(); }
      });
    }
    selects.forEach(function (select) { select.addEventListener('change', apply); });
    var form = controls.closest('form');
    if (form) form.addEventListener('submit', function (e) { e.preventDefault(); apply(); });
    controls.hidden = false;
    apply();
  }

  /* ---- Live reload (local preview server only, never file://) ---- */

  function liveReload() {
    var meta = document.querySelector('meta[name="daicho-live-reload"]');
    if (!meta || !/^https?:$/.test(location.protocol) || typeof fetch !== 'function') return;
    var url = meta.getAttribute('content');
    if (!url) return;
    // The version the page was read at, which the preview server sets with it; the first look
    // stands in only where there is none.
    var cookie = document.cookie.match(new RegExp('(?:^|; )daicho-version-' + (location.port || '80') + '=([^;]*)'));
    var last = cookie ? decodeURIComponent(cookie[1]) : null;
    function poll() {
      if (document.hidden) { setTimeout(poll, 1000); return; }
      fetch(url, { cache: 'no-store' })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (text) {
          if (text !== null) {
            if (last !== null && text !== last) { location.reload(); return; }
            last = text;
          }
          setTimeout(poll, 1000);
        })
        .catch(function () { setTimeout(poll, 1000); });
    }
    poll();
  }

  /* ---- Chart data ---- */

  // The charts' data tables come open, so that a page read or printed without JavaScript has
  // them; with it, they start closed under their charts (opened again for printing, below).
  function closeChartData() {
    Array.prototype.forEach.call(document.querySelectorAll('details.chart-data[open]'), function (details) {
      details.open = false;
    });
  }

  /* ---- Print ---- */

  // Chromium paints no button in a table header repeated on each printed page (the headers of
  // pages 2 and on came out blank), and prints no closed <details> (the charts' data tables).
  // For printing, the headers get their text back as plain spans and the data tables are opened.
  function preparePrint() {
    var undo = [];
    window.addEventListener('beforeprint', function () {
      Array.prototype.forEach.call(document.querySelectorAll('.sort-button'), function (button) {
        var span = document.createElement('span');
        span.className = 'sort-label';
        Array.prototype.forEach.call(button.childNodes, function (node) {
          if (!(node.classList && node.classList.contains('sort-icon'))) span.appendChild(node.cloneNode(true));
        });
        button.parentNode.insertBefore(span, button);
        button.hidden = true;
        undo.push(function () { span.remove(); button.hidden = false; });
      });
      Array.prototype.forEach.call(document.querySelectorAll('details.chart-data:not([open])'), function (details) {
        details.open = true;
        undo.push(function () { details.open = false; });
      });
    });
    window.addEventListener('afterprint', function () {
      while (undo.length) undo.pop()();
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), enhanceSortable);
    Array.prototype.forEach.call(document.querySelectorAll('.table-controls[data-for]'), enhanceControls);
    liveReload();
    closeChartData();
    preparePrint();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
