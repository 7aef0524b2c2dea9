// Live figures of the overview: the server sends every map's figures as server-sent events; each cell marked
// data-figure is updated in place, and the throughput plot is redrawn. Pages without a live source do nothing.
(function () {
  'use strict';
  var root = document.querySelector('[data-live]');
  if (!root || !window.EventSource) {
    return;
  }

  function plot(svg, counts) {
    var line = svg.querySelector('polyline');
    var max = Math.max.apply(null, counts.concat([1]));
    var step = 120 / Math.max(counts.length - 1, 1);
    line.setAttribute('points', counts.map(function (count, i) {
      return (i * step).toFixed(1) + ',' + (23 - count / max * 22).toFixed(1);
    }).join(' '));
  }

  var source = new EventSource(root.getAttribute('data-live'));
  source.addEventListener('figures', function (event) {
    JSON.parse(event.data).forEach(function (map) {
      var row = root.querySelector('tr[data-map="' + CSS.escape(map.map) + '"]');
      if (!row) {
        return;
      }

      ['state', 'staged', 'errors', 'behind', 'age'].forEach(function (name) {
        var cell = row.querySelector('[data-figure="' + name + '"]');
        var value = typeof map[name] === 'number' ? map[name].toLocaleString('en-US') : map[name];
        if (cell && cell.textContent !== value) {
          cell.textContent = value;
          if (name === 'state') {
            cell.className = 'state-' + value;
          }
        }
      });
      var svg = row.querySelector('svg.plot');
      if (svg) {
        plot(svg, map.throughput);
      }
    });
    root.setAttribute('data-updated', new Date().toISOString());
  });
}());
