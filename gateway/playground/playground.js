// The playground page: GraphiQL 4 (UMD) with the examples collection, a results panel (table,
// CSV, facet chart, heatmap, timeline), the explorer and the header editor. Every script comes
// from this gateway; no other host is ever contacted.
//
// French first, English available: the page follows the browser's language (French when it is
// neither) and the language can be switched (kept in localStorage) in place: the open tabs, their
// results and the open panel stay as they are. GraphiQL's own controls stay English: they are the
// library's.
/* global React, ReactDOM, GraphiQL, GraphiQLPluginExplorer */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var h = React.createElement;
  var LANGUAGE_KEY = 'playground.lang';

  var TEXTS = {
    FR: {
      examples: 'Exemples',
      examplesHint:
        'Les questions que posent les analystes, prêtes à lancer : chacune s’ouvre dans un nouvel onglet, puis le bouton ▶ l’exécute. ' +
        'Pour agir au nom de quelqu’un, mettez {"Authorization": "Bearer <jeton>"} dans l’onglet Headers (npm run token).',
      results: 'Résultats',
      resultsHint: 'Le résultat de l’opération en cours, en tableau, graphique, carte de chaleur ou frise chronologique.',
      noResult: 'Lancez une opération : ses listes s’affichent ici.',
      noList: 'Ce résultat ne contient aucune liste.',
      list: 'Liste',
      rowsCount: function (n) { return n + (n > 1 ? ' lignes' : ' ligne'); },
      views: { table: 'Tableau', chart: 'Graphique', heatmap: 'Carte de chaleur', timeline: 'Frise' },
      columns: function (shown, all) { return 'Colonnes (' + shown + ' sur ' + all + ')'; },
      sortHint: 'Cliquez un en-tête pour trier.',
      csv: 'Télécharger le CSV',
      csvLeaves: 'une ligne par élément imbriqué',
      csvAll: 'toutes les pages',
      csvFailed: 'Export impossible : ',
      csvDone: function (name) { return 'Téléchargé : ' + name; },
      switchTo: 'English',
      more: function (n) { return '… et ' + n + ' de plus'; },
    },
    EN: {
      examples: 'Examples',
      examplesHint:
        'Questions analysts ask, ready to run: each opens in a new tab, then the ▶ button runs it. ' +
        'To act as someone, put {"Authorization": "Bearer <token>"} in the Headers tab (npm run token).',
      results: 'Results',
      resultsHint: 'The result of the current operation as a table, chart, heatmap or timeline.',
      noResult: 'Run an operation: its lists show here.',
      noList: 'This result holds no list.',
      list: 'List',
      rowsCount: function (n) { return n + (n === 1 ? ' row' : ' rows'); },
      views: { table: 'Table', chart: 'Chart', heatmap: 'Heatmap', timeline: 'Timeline' },
      columns: function (shown, all) { return 'Columns (' + shown + ' of ' + all + ')'; },
      sortHint: 'Click a header to sort.',
      csv: 'Download CSV',
      csvLeaves: 'one row per nested item',
      csvAll: 'all pages',
      csvFailed: 'Export failed: ',
      csvDone: function (name) { return 'Downloaded: ' + name; },
      switchTo: 'Français',
      more: function (n) { return '… and ' + n + ' more'; },
    },
  };

  function initialLanguage() {
    var chosen = localStorage.getItem(LANGUAGE_KEY);
    if (chosen === 'FR' || chosen === 'EN') return chosen;
    var tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < tags.length; i++) {
      var primary = String(tags[i]).toLowerCase().split('-')[0];
      if (primary === 'fr') return 'FR';
      if (primary === 'en') return 'EN';
    }
    return 'FR';
  }

  var lang;
  var t;
  var langKey;
  var languageListeners = [];

  /** Sets the page's language and re-renders what shows text; nothing is reloaded. */
  function setLanguage(next, remember) {
    lang = next;
    t = TEXTS[lang];
    langKey = lang === 'EN' ? 'en' : 'fr';
    document.documentElement.lang = langKey;
    if (remember) localStorage.setItem(LANGUAGE_KEY, lang);
    languageListeners.slice().forEach(function (listener) { listener(); });
  }
  setLanguage(initialLanguage(), false);

  /** The current language, re-rendering the component when it changes. */
  function useLanguage() {
    return React.useSyncExternalStore(
      function (listener) {
        languageListeners.push(listener);
        return function () { languageListeners = languageListeners.filter(function (l) { return l !== listener; }); };
      },
      function () { return lang; },
    );
  }

  function LanguageSwitch() {
    useLanguage();
    return h(
      'button',
      {
        type: 'button',
        className: 'playground-language',
        lang: lang === 'FR' ? 'en' : 'fr',
        onClick: function () { setLanguage(lang === 'FR' ? 'EN' : 'FR', true); },
      },
      t.switchTo,
    );
  }

  function icon(path) {
    return function Icon() {
      return h(
        'svg',
        { viewBox: '0 0 24 24', width: '1em', height: '1em', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': 'true' },
        h('path', { d: path, strokeLinecap: 'round' }),
      );
    };
  }

  function operationNameOf(query) {
    var named = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/m.exec(query || '');
    return named ? named[1] : null;
  }

  // ---------------------------------------------------------------- examples

  // The panels' components are made once: switching the language gives the panels new titles but
  // the same components, so React keeps their state (chosen list, view, columns).
  function examplesPanel(examples) {
    return function ExamplesList() {
      useLanguage();
      var editor = GraphiQL.React.useEditorContext({ nonNull: true });
      var open = function (example) {
        // A new tab for each example: the open tabs keep their queries.
        editor.addTab();
        setTimeout(function () {
          if (editor.queryEditor) editor.queryEditor.setValue(example.query);
          if (editor.variableEditor) editor.variableEditor.setValue(example.variables);
          // Run this example's operation at once, without waiting for GraphiQL's debounced parse.
          if (editor.setOperationName) editor.setOperationName(operationNameOf(example.query));
        }, 0);
      };
      return h(
        'section',
        { className: 'playground-examples' },
        h('div', { className: 'graphiql-doc-explorer-title playground-title' }, t.examples, h(LanguageSwitch)),
        h('p', { className: 'playground-hint' }, t.examplesHint),
        h(
          'ul',
          null,
          examples.map(function (example) {
            var title = (example.titles && example.titles[langKey]) || example.title;
            var description = (example.descriptions && example.descriptions[langKey]) || example.description;
            return h(
              'li',
              { key: example.name },
              h(
                'button',
                { type: 'button', className: 'playground-example', 'data-example': example.name, title: description, onClick: function () { open(example); } },
                h('strong', null, title),
                description ? h('span', null, description) : null,
              ),
            );
          }),
        ),
      );
    };
  }
  var EXAMPLES_ICON = icon('M4 5h16M4 12h16M4 19h10');

  // ---------------------------------------------------------------- results: reading the lists

  function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }

  function connectionRows(value) {
    if (Array.isArray(value.edges)) return value.edges.map(function (edge) { return isObject(edge) && 'node' in edge ? edge.node : edge; });
    if (Array.isArray(value.nodes)) return value.nodes;
    return null;
  }

  /**
   * Every list of objects in a result: top-level ones (exportable, with their dotted path) and the
   * lists nested in their items (all items' lists put together, e.g. every dataset of every
   * organisation). A matrix (rows, columns, cells) is a list of its own kind.
   */
  function listsOf(data) {
    var found = [];
    var walk = function (value, path, exportable, depth) {
      if (depth > 6 || value === null || typeof value !== 'object') return;
      if (Array.isArray(value)) {
        var objects = value.filter(isObject);
        if (!objects.length) return;
        found.push({ path: path, exportPath: exportable ? path : null, rows: objects });
        var keys = {};
        objects.slice(0, 500).forEach(function (item) {
          Object.keys(item).forEach(function (key) {
            var child = item[key];
            if (Array.isArray(child) || (isObject(child) && connectionRows(child))) keys[key] = true;
          });
        });
        Object.keys(keys).forEach(function (key) {
          var merged = [];
          objects.forEach(function (item) {
            var child = item[key];
            if (Array.isArray(child)) merged = merged.concat(child);
            else if (isObject(child)) merged = merged.concat(connectionRows(child) || []);
          });
          walk(merged, path + '[].' + key, false, depth + 1);
        });
        return;
      }
      if (Array.isArray(value.rows) && Array.isArray(value.columns) && Array.isArray(value.cells) &&
          value.cells.every(function (cell) { return isObject(cell) && typeof cell.row === 'number' && typeof cell.column === 'number'; })) {
        found.push({ path: path, exportPath: exportable ? path + '.cells' : null, rows: value.cells, matrix: value });
      }
      var rows = connectionRows(value);
      if (rows) {
        walk(rows, path, exportable, depth + 1);
        Object.keys(value).forEach(function (key) {
          if (key !== 'edges' && key !== 'nodes') walk(value[key], path ? path + '.' + key : key, exportable, depth + 1);
        });
        return;
      }
      Object.keys(value).forEach(function (key) {
        walk(value[key], path ? path + '.' + key : key, exportable, depth + 1);
      });
    };
    walk(data, '', true, 0);
    return found.filter(function (list) { return list.path !== ''; });
  }

  /**
   * One row as dotted columns; lists of scalars and of objects' leaves joined (as the CSV export
   * does); an empty list adds no column.
   */
  function flatten(row) {
    var cells = {};
    var add = function (key, text) {
      (cells[key] = cells[key] || []).push(text);
    };
    var visit = function (value, prefix) {
      if (Array.isArray(value)) {
        value.forEach(function (item) { visit(item, prefix); });
        return;
      }
      if (isObject(value)) {
        var rows = connectionRows(value);
        if (rows) return visit(rows, prefix);
        Object.keys(value).forEach(function (key) { visit(value[key], prefix ? prefix + '.' + key : key); });
        return;
      }
      add(prefix || 'value', value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
    };
    visit(row, '');
    var flat = {};
    Object.keys(cells).forEach(function (key) {
      flat[key] = cells[key].filter(function (text) { return text !== ''; }).join('; ');
    });
    return flat;
  }

  var DAY = /^\d{4}-\d{2}-\d{2}/;
  var DATE_KEYS = ['start', 'startsAt', 'date', 'since', 'issued', 'opensAt', 'deadline', 'end'];

  /** The column of dates to draw a timeline on: the first of DATE_KEYS (else any) holding dates. */
  function dateColumnOf(flatRows) {
    if (!flatRows.length) return null;
    var columns = Object.keys(flatRows[0]);
    var dated = columns.filter(function (column) {
      var values = flatRows.slice(0, 50).map(function (row) { return row[column]; }).filter(Boolean);
      return values.length > 0 && values.every(function (value) { return DAY.test(value) && !value.includes(';'); });
    });
    for (var i = 0; i < DATE_KEYS.length; i++) {
      var preferred = dated.find(function (column) { return column.split('.').pop() === DATE_KEYS[i]; });
      if (preferred) return preferred;
    }
    return dated[0] || null;
  }

  function isFacetList(rows) {
    return rows.length > 0 && rows.every(function (row) { return 'value' in row && typeof row.count === 'number'; });
  }

  function viewsOf(list, flatRows) {
    var views = ['table'];
    if (isFacetList(list.rows)) views.push('chart');
    if (list.matrix) views.push('heatmap');
    if (dateColumnOf(flatRows)) views.push('timeline');
    return views;
  }

  // ---------------------------------------------------------------- results: views

  function compareCells(a, b) {
    var x = Number(a);
    var y = Number(b);
    if (a !== '' && b !== '' && !isNaN(x) && !isNaN(y)) return x - y;
    return String(a).localeCompare(String(b), langKey, { numeric: true, sensitivity: 'base' });
  }

  function Table(props) {
    var flatRows = props.rows;
    var all = [];
    flatRows.forEach(function (row) {
      Object.keys(row).forEach(function (key) { if (all.indexOf(key) < 0) all.push(key); });
    });
    var chosenState = React.useState(null);
    var sortState = React.useState({ column: null, descending: false });
    var chosen = chosenState[0] || all.slice(0, 8);
    var sort = sortState[0];
    var shown = all.filter(function (column) { return chosen.indexOf(column) >= 0; });
    var rows = flatRows.slice();
    if (sort.column) {
      rows.sort(function (a, b) {
        var order = compareCells(a[sort.column] || '', b[sort.column] || '');
        return sort.descending ? -order : order;
      });
    }
    var limit = 500;
    return h(
      'div',
      { className: 'playground-table' },
      h(
        'details',
        { className: 'playground-columns' },
        h('summary', null, t.columns(shown.length, all.length)),
        all.map(function (column) {
          return h(
            'label',
            { key: column },
            h('input', {
              type: 'checkbox',
              'data-column': column,
              checked: chosen.indexOf(column) >= 0,
              onChange: function (event) {
                var next = chosen.filter(function (c) { return c !== column; });
                if (event.target.checked) next.push(column);
                chosenState[1](all.filter(function (c) { return next.indexOf(c) >= 0; }));
              },
            }),
            ' ' + column,
          );
        }),
      ),
      h('p', { className: 'playground-hint' }, t.sortHint),
      h(
        'div',
        { className: 'playground-scroll' },
        h(
          'table',
          null,
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              shown.map(function (column) {
                var active = sort.column === column;
                return h(
                  'th',
                  {
                    key: column,
                    'data-sort': column,
                    'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none',
                    onClick: function () { sortState[1]({ column: column, descending: active ? !sort.descending : false }); },
                  },
                  column + (active ? (sort.descending ? ' ▼' : ' ▲') : ''),
                );
              }),
            ),
          ),
          h(
            'tbody',
            null,
            rows.slice(0, limit).map(function (row, index) {
              return h('tr', { key: index }, shown.map(function (column) { return h('td', { key: column }, row[column] || ''); }));
            }),
          ),
        ),
      ),
      rows.length > limit ? h('p', { className: 'playground-hint' }, t.more(rows.length - limit)) : null,
    );
  }

  // Charts are drawn in CSS pixels for the width they are given (no viewBox scaling), so that their
  // text keeps its size in a narrow side panel; what does not fit is shortened, or scrolls.
  var FONT_SIZE = 12;
  var measureContext = null;

  function textWidth(text, size) {
    if (!measureContext) {
      measureContext = document.createElement('canvas').getContext('2d');
    }
    // The font the charts are drawn in: GraphiQL's, inherited by the panel (not the page body's).
    var panel = document.querySelector('.playground-results') || document.body;
    measureContext.font = (size || FONT_SIZE) + 'px ' + getComputedStyle(panel).fontFamily;
    return measureContext.measureText(text).width;
  }

  /** The text, shortened with … to fit `width` pixels (a few kept spare for rendering differences). */
  function fit(text, width, size) {
    var value = String(text);
    width -= 4;
    if (textWidth(value, size) <= width) return value;
    var low = 0;
    var high = value.length;
    while (low < high) {
      var mid = Math.ceil((low + high) / 2);
      if (textWidth(value.slice(0, mid) + '…', size) <= width) low = mid;
      else high = mid - 1;
    }
    return low > 0 ? value.slice(0, low) + '…' : '…';
  }

  /** The width of an element, following its resizes (the side panel can be dragged). */
  function useWidth() {
    var ref = React.useRef(null);
    var widthState = React.useState(0);
    React.useLayoutEffect(function () {
      var element = ref.current;
      if (!element) return undefined;
      var update = function () { widthState[1](Math.floor(element.clientWidth)); };
      update();
      var observer = new ResizeObserver(update);
      observer.observe(element);
      return function () { observer.disconnect(); };
    }, []);
    return [ref, widthState[0]];
  }

  function facetLabel(row) {
    return row.label || (row.organization && row.organization.name) || (row.ecosystem && row.ecosystem.name) || (row.domain && row.domain.title) || String(row.value);
  }

  function BarChart(props) {
    var rows = props.rows.slice(0, 60);
    var width = Math.max(props.width, 260);
    var max = Math.max.apply(null, rows.map(function (row) { return row.count; }).concat([1]));
    var barHeight = 24;
    var countWidth = Math.ceil(textWidth(String(max))) + 10;
    // Labels get up to 45 % of the width, no more than the longest needs.
    var longest = Math.max.apply(null, rows.map(function (row) { return textWidth(facetLabel(row)); }).concat([0]));
    var labelWidth = Math.min(Math.ceil(longest) + 10, Math.floor(width * 0.45));
    var barsWidth = width - labelWidth - countWidth;
    return h(
      'svg',
      { className: 'playground-chart', width: width, height: rows.length * barHeight + 4, role: 'img', 'aria-label': props.title },
      rows.map(function (row, i) {
        var label = facetLabel(row);
        var length = Math.max(1, (barsWidth * row.count) / max);
        var y = i * barHeight + 2;
        return h(
          'g',
          { key: i, className: 'playground-bar' },
          h('text', { x: labelWidth - 6, y: y + 16, textAnchor: 'end' }, fit(label, labelWidth - 8)),
          h('rect', { x: labelWidth, y: y + 4, width: length, height: barHeight - 8, rx: 2 }),
          h('text', { x: labelWidth + length + 4, y: y + 16, className: 'playground-count' }, String(row.count)),
          h('title', null, label + ' : ' + row.count),
        );
      }),
    );
  }

  function Heatmap(props) {
    var matrix = props.matrix;
    var size = 20;
    var name = function (item) { return (item && (item.title || item.code || item.name || item.id)) || ''; };
    // Row labels take what the panel leaves after a few columns, between 120 and 260 pixels.
    var left = Math.max(120, Math.min(260, Math.floor(props.width * 0.4)));
    var columnLabel = function (column) { return fit(column.code || name(column), 110); };
    var top = 20 + Math.ceil(Math.max.apply(null, matrix.columns.map(function (column) { return textWidth(columnLabel(column)); }).concat([0])) * 0.8);
    var max = matrix.maxValue || Math.max.apply(null, matrix.cells.map(function (cell) { return cell.value || 0; }).concat([1]));
    var width = left + matrix.columns.length * size + 40;
    var height = top + matrix.rows.length * size + 10;
    return h(
      'div',
      { className: 'playground-scroll' },
      h(
        'svg',
        { className: 'playground-heatmap', width: width, height: height, role: 'img', 'aria-label': props.title },
        matrix.columns.map(function (column, j) {
          var x = left + j * size + size / 2 + 4;
          return h('text', { key: 'c' + j, x: x, y: top - 6, transform: 'rotate(-55 ' + x + ' ' + (top - 6) + ')', className: 'playground-axis' }, columnLabel(column),
            h('title', null, name(column)));
        }),
        matrix.rows.map(function (row, i) {
          return h('text', { key: 'r' + i, x: left - 6, y: top + i * size + size - 6, textAnchor: 'end', className: 'playground-axis' }, fit(name(row), left - 10),
            h('title', null, name(row)));
        }),
        h('rect', { x: left, y: top, width: matrix.columns.length * size, height: matrix.rows.length * size, className: 'playground-heatmap-back' }),
        matrix.cells.map(function (cell, k) {
          var share = Math.max(0, Math.min(1, (cell.value || 0) / max));
          return h(
            'rect',
            {
              key: k,
              className: 'playground-cell',
              x: left + cell.column * size + 1,
              y: top + cell.row * size + 1,
              width: size - 2,
              height: size - 2,
              fill: 'hsl(210, 75%, ' + Math.round(88 - 58 * share) + '%)',
            },
            h('title', null, name(matrix.rows[cell.row]) + ' × ' + name(matrix.columns[cell.column]) + ' : ' + cell.value +
              (cell.requiredLevel ? ' (' + cell.requiredLevel + (cell.priority ? ', ' + cell.priority : '') + ')' : '')),
          );
        }),
      ),
    );
  }

  function Timeline(props) {
    var column = props.column;
    var points = props.rows
      .map(function (row) { return { row: row, time: Date.parse(row[column]) }; })
      .filter(function (point) { return !isNaN(point.time); })
      .sort(function (a, b) { return a.time - b.time; })
      .slice(0, 300);
    if (!points.length) return null;
    var labelOf = function (row) {
      var keys = ['title', 'name', 'title.fr', 'code'];
      for (var i = 0; i < keys.length; i++) if (row[keys[i]]) return row[keys[i]];
      return row[Object.keys(row)[0]] || '';
    };
    var width = Math.max(props.width, 300);
    var min = points[0].time;
    var max = points[points.length - 1].time;
    var span = Math.max(max - min, 86400000);
    // Labels on the left (up to 45 % of the width), the time axis on the rest.
    var left = Math.min(Math.floor(width * 0.45), 320);
    var rowHeight = 24;
    var top = 34;
    var right = 16;
    var x = function (time) { return left + ((width - left - right) * (time - min)) / span; };
    var format = new Intl.DateTimeFormat(langKey === 'fr' ? 'fr-FR' : 'en-GB', { year: 'numeric', month: 'short' });
    // Ticks a month apart at least, spaced so that their labels do not overlap.
    var tickWidth = textWidth(format.format(new Date(Date.UTC(2024, 8, 1)))) + 16;
    var months = span / (30.44 * 86400000);
    var fitting = Math.max(1, Math.floor((width - left - right) / tickWidth));
    var step = [1, 2, 3, 6, 12, 24, 60].find(function (candidate) { return months / candidate <= fitting; }) || 120;
    var ticks = [];
    var start = new Date(min);
    var tick = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
    while (tick.getTime() <= max) {
      if (tick.getTime() >= min) ticks.push(tick.getTime());
      tick = new Date(Date.UTC(tick.getUTCFullYear(), tick.getUTCMonth() + step, 1));
    }
    return h(
      'svg',
      { className: 'playground-timeline', width: width, height: top + points.length * rowHeight + 10, role: 'img', 'aria-label': props.title },
      ticks.map(function (time, i) {
        return h(
          'g',
          { key: 't' + i },
          h('line', { x1: x(time), x2: x(time), y1: top - 6, y2: top + points.length * rowHeight, className: 'playground-grid' }),
          h('text', { x: x(time), y: top - 12, textAnchor: 'middle', className: 'playground-axis' }, format.format(new Date(time))),
        );
      }),
      points.map(function (point, i) {
        var y = top + i * rowHeight + rowHeight / 2;
        var label = String(labelOf(point.row));
        return h(
          'g',
          { key: i, className: 'playground-event' },
          h('text', { x: left - 10, y: y + 4, textAnchor: 'end' }, fit(label, left - 14)),
          h('line', { x1: left, x2: x(point.time), y1: y, y2: y, className: 'playground-grid' }),
          h('circle', { cx: x(point.time), cy: y, r: 5 }),
          h('title', null, label + ' · ' + point.row[column]),
        );
      }),
    );
  }

  /** The current view at the width of the panel. */
  function View(props) {
    var measured = useWidth();
    var ref = measured[0];
    var width = measured[1];
    var list = props.list;
    var view = props.view;
    var content = null;
    if (width > 0) {
      content =
        view === 'chart' ? h(BarChart, { rows: list.rows, title: list.path, width: width })
        : view === 'heatmap' ? h(Heatmap, { matrix: list.matrix, title: list.path, width: width })
        : view === 'timeline' ? h(Timeline, { rows: props.flatRows, column: dateColumnOf(props.flatRows), title: list.path, width: width })
        : h(Table, { rows: props.flatRows, key: list.path });
    }
    return h('div', { className: 'playground-view', 'data-current-view': view, ref: ref }, content);
  }

  // ---------------------------------------------------------------- results: CSV

  /** The file name of a download: RFC 5987 `filename*` (accents kept) first, else `filename`. */
  function filenameOf(response, fallback) {
    var disposition = response.headers.get('content-disposition') || '';
    var extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(disposition);
    if (extended) {
      try {
        return decodeURIComponent(extended[1]);
      } catch (error) {
        // A malformed escape: the plain name below.
      }
    }
    var plain = /filename\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(disposition);
    return plain ? plain[1] || plain[2] : fallback;
  }

  function CsvDownload(props) {
    var editor = props.editor;
    var leavesState = React.useState(false);
    var allState = React.useState(false);
    var statusState = React.useState('');
    if (!config.exportUrl) return null;
    var download = function () {
      var query = editor.queryEditor ? editor.queryEditor.getValue() : '';
      var variables = {};
      var headers = { 'content-type': 'application/json' };
      try {
        variables = JSON.parse((editor.variableEditor && editor.variableEditor.getValue()) || '{}') || {};
        var extra = JSON.parse((editor.headerEditor && editor.headerEditor.getValue()) || '{}') || {};
        Object.keys(extra).forEach(function (name) { headers[name] = String(extra[name]); });
      } catch (error) {
        statusState[1](t.csvFailed + error.message);
        return;
      }
      var body = { query: query, variables: variables, rows: leavesState[0] ? 'leaves' : 'items', all: allState[0] };
      var operationName = operationNameOf(query);
      if (operationName) body.operationName = operationName;
      if (props.path) body.path = props.path;
      statusState[1]('…');
      fetch(config.exportUrl, { method: 'POST', headers: headers, body: JSON.stringify(body) })
        .then(function (response) {
          if (!response.ok) {
            return response.json().then(function (answer) {
              throw new Error((answer.errors && answer.errors[0] && answer.errors[0].message) || 'HTTP ' + response.status);
            });
          }
          var name = filenameOf(response, 'export.csv');
          return response.blob().then(function (blob) {
            var link = document.createElement('a');
            link.href = URL.createObjectURL(blob);
            link.download = name;
            document.body.appendChild(link);
            link.click();
            setTimeout(function () {
              URL.revokeObjectURL(link.href);
              link.remove();
            }, 1000);
            statusState[1](t.csvDone(name));
          });
        })
        .catch(function (error) { statusState[1](t.csvFailed + error.message); });
    };
    return h(
      'div',
      { className: 'playground-csv' },
      h('button', { type: 'button', className: 'playground-button', 'data-action': 'csv', onClick: download }, t.csv),
      h('label', null, h('input', { type: 'checkbox', 'data-option': 'leaves', checked: leavesState[0], onChange: function (e) { leavesState[1](e.target.checked); } }), ' ' + t.csvLeaves),
      h('label', null, h('input', { type: 'checkbox', 'data-option': 'all', checked: allState[0], onChange: function (e) { allState[1](e.target.checked); } }), ' ' + t.csvAll),
      h('span', { className: 'playground-hint', role: 'status' }, statusState[0]),
    );
  }

  // ---------------------------------------------------------------- results panel

  /** The side panel's flex while Results is open: about half the width, room for the charts. */
  var RESULTS_FLEX = '1.1';

  function ResultsView() {
      useLanguage();
      var editor = GraphiQL.React.useEditorContext({ nonNull: true });
      // Charts and tables need room: while the panel shows Results it takes about half the page (the
      // Examples panel keeps its narrow share), unless the reader already made it that wide. Applied
      // after GraphiQL has laid the pane out (its own effect runs after this one), and undone when
      // another panel shows; dragging the divider still works as usual.
      React.useEffect(function () {
        var pane = document.querySelector('.graphiql-plugin');
        if (!pane) return undefined;
        var before = null;
        var widened = null;
        var timer = setTimeout(function () {
          if (pane.getBoundingClientRect().width >= window.innerWidth * 0.4) return;
          before = pane.style.flex;
          pane.style.flex = RESULTS_FLEX;
          // As the browser writes it back (the shorthand expanded): a drag since then changes it.
          widened = pane.style.flex;
        }, 0);
        return function () {
          clearTimeout(timer);
          if (widened !== null && pane.style.flex === widened) pane.style.flex = before;
        };
      }, []);
      var responseState = React.useState(editor.responseEditor ? editor.responseEditor.getValue() : '');
      var pickState = React.useState(null);
      var viewState = React.useState(null);
      React.useEffect(
        function () {
          var response = editor.responseEditor;
          if (!response) return undefined;
          var changed = function () { responseState[1](response.getValue()); };
          changed();
          response.on('change', changed);
          return function () { response.off('change', changed); };
        },
        [editor.responseEditor],
      );
      var parsed = null;
      try {
        parsed = responseState[0] ? JSON.parse(responseState[0]) : null;
      } catch (error) {
        parsed = null;
      }
      var lists = parsed && parsed.data ? listsOf(parsed.data) : [];
      var body;
      if (!parsed || !parsed.data) body = h('p', { className: 'playground-hint' }, t.noResult);
      else if (!lists.length) body = h('p', { className: 'playground-hint' }, t.noList);
      else {
        var byMatrix = lists.findIndex(function (list) { return list.matrix; });
        var index = pickState[0] !== null && pickState[0] < lists.length ? pickState[0] : byMatrix >= 0 ? byMatrix : 0;
        var list = lists[index];
        var flatRows = list.rows.map(flatten);
        var views = viewsOf(list, flatRows);
        var view = views.indexOf(viewState[0]) >= 0 ? viewState[0] : views.indexOf('heatmap') >= 0 ? 'heatmap' : 'table';
        body = h(
          React.Fragment,
          null,
          h(
            'label',
            { className: 'playground-pick' },
            t.list + ' ',
            h(
              'select',
              {
                'data-list': '',
                value: String(index),
                onChange: function (event) {
                  pickState[1](Number(event.target.value));
                  viewState[1](null);
                },
              },
              lists.map(function (item, i) {
                return h('option', { key: item.path, value: String(i) }, item.path + ' (' + t.rowsCount(item.rows.length) + ')');
              }),
            ),
          ),
          h(
            'div',
            { className: 'playground-views', role: 'tablist' },
            views.map(function (name) {
              return h(
                'button',
                { key: name, type: 'button', role: 'tab', 'data-view': name, 'aria-selected': name === view ? 'true' : 'false', className: 'playground-button', onClick: function () { viewState[1](name); } },
                t.views[name],
              );
            }),
          ),
          h(CsvDownload, { editor: editor, path: list.exportPath }),
          h(View, { list: list, view: view, flatRows: flatRows }),
        );
      }
      return h(
        'section',
        { className: 'playground-results' },
        h('div', { className: 'graphiql-doc-explorer-title playground-title' }, t.results, h(LanguageSwitch)),
        h('p', { className: 'playground-hint' }, t.resultsHint),
        body,
      );
  }
  var RESULTS_ICON = icon('M4 20V10M10 20V4M16 20v-7M22 20H2');

  // ---------------------------------------------------------------- the page

  function start(examples) {
    var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
    var ExamplesList = examplesPanel(examples);
    var explorer = typeof GraphiQLPluginExplorer !== 'undefined' ? GraphiQLPluginExplorer.explorerPlugin() : null;
    var first = examples[0];
    // One tab on a first visit (the first example); the others open in new tabs from the panel.
    var defaultTabs = first ? [{ query: first.query, variables: first.variables }] : undefined;
    // The side panel's share of the width on a first visit (GraphiQL's default is a third of the
    // editor's): the editor keeps most of the page. Dragging the divider changes and keeps it.
    if (!localStorage.getItem('graphiql:docExplorerFlex')) localStorage.setItem('graphiql:docExplorerFlex', '0.3');

    /**
     * GraphiQL with the panels in the current language. GraphiQL knows a panel by its title, which
     * changes with the language: the open panel is kept here by a key of its own and handed back
     * under its new title, so a switch neither closes it nor touches the tabs.
     */
    function Playground() {
      var current = useLanguage();
      var openState = React.useState(null);
      var plugins = React.useMemo(
        function () {
          var list = [
            { key: 'examples', title: TEXTS[current].examples, icon: EXAMPLES_ICON, content: ExamplesList },
            { key: 'results', title: TEXTS[current].results, icon: RESULTS_ICON, content: ResultsView },
          ];
          if (explorer) list.push(explorer);
          return list;
        },
        [current],
      );
      var onToggle = React.useCallback(function (plugin) {
        openState[1](plugin ? plugin.key || plugin.title : null);
      }, []);
      var open = openState[0];
      var shown = plugins.find(function (plugin) { return (plugin.key || plugin.title) === open; });
      return h(GraphiQL, {
        fetcher: fetcher,
        plugins: plugins,
        visiblePlugin: shown ? shown.title : open,
        onTogglePluginVisibility: onToggle,
        defaultEditorToolsVisibility: true,
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
        defaultQuery: first ? undefined : '{\n  ecosystems { code name }\n}\n',
        defaultTabs: defaultTabs,
      });
    }
    var root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(h(Playground));
    // Open the Examples panel on load. (GraphiQL's visiblePlugin prop marks the plugin visible but
    // leaves its resizable pane collapsed; the sidebar button does both.)
    var tries = 0;
    var openExamples = function () {
      var button = document.querySelector('.graphiql-sidebar button[aria-label="Show ' + t.examples + '"]');
      if (button) button.click();
      else if (!document.querySelector('.graphiql-sidebar button[aria-label="Hide ' + t.examples + '"]') && tries++ < 50) setTimeout(openExamples, 100);
    };
    setTimeout(openExamples, 0);
  }

  fetch(config.examplesUrl)
    .then(function (response) {
      return response.ok ? response.json() : [];
    })
    .catch(function () {
      return [];
    })
    .then(start);
})();
