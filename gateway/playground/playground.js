// The playground page: GraphiQL 4 (UMD) with the examples collection, a results panel (table,
// CSV, facet chart, heatmap, timeline), the explorer and the header editor. Every script comes
// from this gateway; no other host is ever contacted.
//
// French first, English available: the page follows the browser's language (French when it is
// neither) and the language can be switched (kept in localStorage). GraphiQL's own controls stay
// English: they are the library's.
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

  var lang = initialLanguage();
  var t = TEXTS[lang];
  var langKey = lang === 'EN' ? 'en' : 'fr';
  document.documentElement.lang = langKey;

  function LanguageSwitch() {
    return h(
      'button',
      {
        type: 'button',
        className: 'playground-language',
        lang: lang === 'FR' ? 'en' : 'fr',
        onClick: function () {
          localStorage.setItem(LANGUAGE_KEY, lang === 'FR' ? 'EN' : 'FR');
          location.reload();
        },
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

  function examplesPlugin(examples) {
    function ExamplesList() {
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
    }
    return { title: t.examples, icon: icon('M4 5h16M4 12h16M4 19h10'), content: ExamplesList };
  }

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

  /** One row as dotted columns; lists of scalars and of objects' leaves joined (as the CSV export does). */
  function flatten(row) {
    var cells = {};
    var add = function (key, text) {
      (cells[key] = cells[key] || []).push(text);
    };
    var visit = function (value, prefix) {
      if (Array.isArray(value)) {
        if (!value.length && prefix && !cells[prefix]) cells[prefix] = [];
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

  function BarChart(props) {
    var rows = props.rows.slice(0, 60);
    var max = Math.max.apply(null, rows.map(function (row) { return row.count; }).concat([1]));
    var barHeight = 22;
    var labelWidth = 230;
    var width = 640;
    return h(
      'svg',
      { className: 'playground-chart', viewBox: '0 0 ' + width + ' ' + (rows.length * barHeight + 4), role: 'img', 'aria-label': props.title },
      rows.map(function (row, i) {
        var label = row.label || (row.organization && row.organization.name) || (row.ecosystem && row.ecosystem.name) || (row.domain && row.domain.title) || String(row.value);
        var length = ((width - labelWidth - 50) * row.count) / max;
        var y = i * barHeight + 2;
        return h(
          'g',
          { key: i, className: 'playground-bar' },
          h('text', { x: labelWidth - 6, y: y + 15, textAnchor: 'end' }, label.length > 34 ? label.slice(0, 33) + '…' : label),
          h('rect', { x: labelWidth, y: y + 3, width: Math.max(1, length), height: barHeight - 6, rx: 2 }),
          h('text', { x: labelWidth + length + 6, y: y + 15, className: 'playground-count' }, String(row.count)),
          h('title', null, label + ': ' + row.count),
        );
      }),
    );
  }

  function Heatmap(props) {
    var matrix = props.matrix;
    var size = 16;
    var left = 240;
    var top = 90;
    var max = matrix.maxValue || Math.max.apply(null, matrix.cells.map(function (cell) { return cell.value || 0; }).concat([1]));
    var name = function (item) { return (item && (item.title || item.code || item.name || item.id)) || ''; };
    var short = function (text, n) { return text.length > n ? text.slice(0, n - 1) + '…' : text; };
    var width = left + matrix.columns.length * size + 10;
    var height = top + matrix.rows.length * size + 10;
    return h(
      'div',
      { className: 'playground-scroll' },
      h(
        'svg',
        { className: 'playground-heatmap', width: width, height: height, role: 'img', 'aria-label': props.title },
        matrix.columns.map(function (column, j) {
          var x = left + j * size + size / 2;
          return h('text', { key: 'c' + j, x: x, y: top - 6, transform: 'rotate(-60 ' + x + ' ' + (top - 6) + ')', className: 'playground-axis' }, short(column.code || name(column), 14));
        }),
        matrix.rows.map(function (row, i) {
          return h('text', { key: 'r' + i, x: left - 6, y: top + i * size + size - 4, textAnchor: 'end', className: 'playground-axis' }, short(name(row), 36));
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
            h('title', null, name(matrix.rows[cell.row]) + ' × ' + name(matrix.columns[cell.column]) + ': ' + cell.value +
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
    var min = points[0].time;
    var max = points[points.length - 1].time;
    var span = Math.max(max - min, 86400000);
    var left = 300;
    var width = 940;
    var rowHeight = 18;
    var top = 30;
    var x = function (time) { return left + ((width - left - 20) * (time - min)) / span; };
    var format = new Intl.DateTimeFormat(langKey === 'fr' ? 'fr-FR' : 'en-GB', { year: 'numeric', month: 'short' });
    var ticks = [];
    var start = new Date(min);
    var tick = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
    var step = span > 3 * 365 * 86400000 ? 12 : span > 365 * 86400000 ? 3 : 1;
    while (tick.getTime() <= max) {
      if (tick.getTime() >= min) ticks.push(tick.getTime());
      tick = new Date(Date.UTC(tick.getUTCFullYear(), tick.getUTCMonth() + step, 1));
    }
    return h(
      'svg',
      { className: 'playground-timeline', viewBox: '0 0 ' + width + ' ' + (top + points.length * rowHeight + 10), role: 'img', 'aria-label': props.title },
      ticks.map(function (time, i) {
        return h(
          'g',
          { key: 't' + i },
          h('line', { x1: x(time), x2: x(time), y1: top - 6, y2: top + points.length * rowHeight, className: 'playground-grid' }),
          h('text', { x: x(time), y: top - 10, textAnchor: 'middle', className: 'playground-axis' }, format.format(new Date(time))),
        );
      }),
      points.map(function (point, i) {
        var y = top + i * rowHeight + rowHeight / 2;
        var label = String(labelOf(point.row));
        return h(
          'g',
          { key: i, className: 'playground-event' },
          h('text', { x: left - 10, y: y + 4, textAnchor: 'end' }, label.length > 44 ? label.slice(0, 43) + '…' : label),
          h('line', { x1: left, x2: x(point.time), y1: y, y2: y, className: 'playground-grid' }),
          h('circle', { cx: x(point.time), cy: y, r: 5 }),
          h('title', null, label + ' · ' + point.row[column]),
        );
      }),
    );
  }

  // ---------------------------------------------------------------- results: CSV

  function filenameOf(response, fallback) {
    var disposition = response.headers.get('content-disposition') || '';
    var match = /filename="([^"]+)"/.exec(disposition);
    return match ? match[1] : fallback;
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

  function resultsPlugin() {
    function ResultsView() {
      var editor = GraphiQL.React.useEditorContext({ nonNull: true });
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
        var content =
          view === 'chart' ? h(BarChart, { rows: list.rows, title: list.path })
          : view === 'heatmap' ? h(Heatmap, { matrix: list.matrix, title: list.path })
          : view === 'timeline' ? h(Timeline, { rows: flatRows, column: dateColumnOf(flatRows), title: list.path })
          : h(Table, { rows: flatRows, key: list.path });
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
          h('div', { className: 'playground-view', 'data-current-view': view }, content),
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
    return { title: t.results, icon: icon('M4 20V10M10 20V4M16 20v-7M22 20H2'), content: ResultsView };
  }

  // ---------------------------------------------------------------- the page

  function start(examples) {
    // Subscriptions go over WebSocket (graphql-ws, bundled with GraphiQL) to the same endpoint; the
    // headers editor's Authorization travels in the connection parameters.
    var wsUrl = new URL(config.endpoint, location.href);
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    var fetcher = GraphiQL.createFetcher({ url: config.endpoint, subscriptionUrl: wsUrl.href });
    var plugins = [examplesPlugin(examples), resultsPlugin()];
    if (typeof GraphiQLPluginExplorer !== 'undefined') plugins.push(GraphiQLPluginExplorer.explorerPlugin());
    var first = examples[0];
    // The side panel's share of the width on a first visit (GraphiQL's default is a third of the
    // editor's): the editor keeps most of the page. Dragging the divider changes and keeps it.
    if (!localStorage.getItem('graphiql:docExplorerFlex')) localStorage.setItem('graphiql:docExplorerFlex', '0.3');
    var root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(
      h(GraphiQL, {
        fetcher: fetcher,
        plugins: plugins,
        defaultEditorToolsVisibility: true,
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
        defaultQuery: first ? undefined : '{\n  ecosystems { code name }\n}\n',
        // One tab on a first visit (the first example); the others open in new tabs from the panel.
        defaultTabs: first ? [{ query: first.query, variables: first.variables }] : undefined,
      }),
    );
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
