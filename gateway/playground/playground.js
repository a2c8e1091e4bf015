// The playground page: GraphiQL 4 (UMD) with the examples collection, the explorer and the header
// editor. Every script comes from this gateway; no other host is ever contacted.
/* global React, ReactDOM, GraphiQL, GraphiQLPluginExplorer */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var h = React.createElement;

  function ExamplesIcon() {
    return h(
      'svg',
      { viewBox: '0 0 24 24', width: '1em', height: '1em', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': 'true' },
      h('path', { d: 'M4 5h16M4 12h16M4 19h10', strokeLinecap: 'round' }),
    );
  }

  function examplesPlugin(examples) {
    function ExamplesList() {
      var editor = GraphiQL.React.useEditorContext({ nonNull: true });
      var load = function (example) {
        if (editor.queryEditor) editor.queryEditor.setValue(example.query);
        if (editor.variableEditor) editor.variableEditor.setValue(example.variables);
        // Run this example's operation at once, without waiting for GraphiQL's debounced parse.
        var named = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/m.exec(example.query);
        if (editor.setOperationName) editor.setOperationName(named ? named[1] : null);
      };
      return h(
        'section',
        { className: 'playground-examples' },
        h('div', { className: 'graphiql-doc-explorer-title' }, 'Examples'),
        h(
          'p',
          { className: 'playground-hint' },
          'Questions analysts ask, ready to run. Pick one, then press the run button. ',
          'To act as someone, put {"Authorization": "Bearer <token>"} in the Headers tab (npm run token).',
          config.exportUrl ? ' Any list result can be downloaded as CSV from ' + config.exportUrl + ' (see docs/querying.md).' : '',
        ),
        h(
          'ul',
          null,
          examples.map(function (example) {
            return h(
              'li',
              { key: example.name },
              h(
                'button',
                { type: 'button', className: 'playground-example', 'data-example': example.name, onClick: function () { load(example); } },
                h('strong', null, example.title),
                example.description ? h('span', null, example.description) : null,
              ),
            );
          }),
        ),
      );
    }
    return { title: 'Examples', icon: ExamplesIcon, content: ExamplesList };
  }

  function start(examples) {
    var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
    var examples_ = examplesPlugin(examples);
    var plugins = [examples_];
    if (typeof GraphiQLPluginExplorer !== 'undefined') plugins.push(GraphiQLPluginExplorer.explorerPlugin());
    var first = examples[0];
    var root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(
      h(GraphiQL, {
        fetcher: fetcher,
        plugins: plugins,
        defaultEditorToolsVisibility: true,
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
        defaultQuery: first ? undefined : '{\n  ecosystems { code name }\n}\n',
        defaultTabs: examples.length
          ? examples.map(function (example) {
              return { query: example.query, variables: example.variables };
            })
          : undefined,
      }),
    );
    // Open the Examples panel on load. (GraphiQL's visiblePlugin prop marks the plugin visible but
    // leaves its resizable pane collapsed; the sidebar button does both.)
    var tries = 0;
    var openExamples = function () {
      var button = document.querySelector('.graphiql-sidebar button[aria-label="Show Examples"]');
      if (button) button.click();
      else if (!document.querySelector('.graphiql-sidebar button[aria-label="Hide Examples"]') && tries++ < 50) setTimeout(openExamples, 100);
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
