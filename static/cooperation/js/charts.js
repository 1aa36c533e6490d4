/*
 * Draws every chart of the page with plotly.js (vendored, loaded before this file).
 *
 * The figure of each chart comes from the server as JSON (Django's json_script), built
 * by cooperation/charts.py from the same statistics as the API. Each point carries in
 * customdata[1] the address of the records behind it: a click opens them. The PNG
 * button next to a chart downloads it as an image (the modebar offers the same).
 * No inline script, no eval: the page runs under a strict Content-Security-Policy.
 */
(function () {
  "use strict";

  var CONFIG = {
    displaylogo: false,
    responsive: true,
    scrollZoom: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "zoom2d", "pan2d", "zoomIn2d", "zoomOut2d", "autoScale2d"],
    toImageButtonOptions: { format: "png", scale: 2 }
  };

  function recordsAddress(point) {
    var data = point && point.customdata;
    var address = data && data[1];
    // Only addresses on this site: the server writes them, but a click never leaves the site.
    return typeof address === "string" && address.charAt(0) === "/" && address.charAt(1) !== "/" ? address : null;
  }

  // Below this width the figure's "narrow" layout and "narrow_traces" changes are merged in
  // (cooperation/charts/base.py).
  var NARROW_WIDTH = 600;

  function merge(base, overrides) {
    var merged = Object.assign({}, base);
    Object.keys(overrides || {}).forEach(function (key) {
      var value = overrides[key];
      var isObject = value && typeof value === "object" && !Array.isArray(value);
      var baseIsObject = merged[key] && typeof merged[key] === "object" && !Array.isArray(merged[key]);
      merged[key] = isObject && baseIsObject ? merge(merged[key], value) : value;
    });
    return merged;
  }

  function isNarrow(container) {
    return container.clientWidth < NARROW_WIDTH;
  }

  function layoutFor(figure, narrow) {
    return narrow ? merge(figure.layout, figure.narrow) : figure.layout;
  }

  function dataFor(figure, narrow) {
    var changes = figure.narrow_traces || {};
    return narrow
      ? figure.data.map(function (trace, index) {
          return changes[index] ? merge(trace, changes[index]) : trace;
        })
      : figure.data;
  }

  function draw(container) {
    var script = document.getElementById(container.getAttribute("data-figure"));
    if (!script) {
      return;
    }
    var figure = JSON.parse(script.textContent);
    var narrow = isNarrow(container);
    var config = Object.assign({}, CONFIG, {
      toImageButtonOptions: Object.assign({}, CONFIG.toImageButtonOptions, { filename: container.getAttribute("data-name") })
    });
    window.Plotly.newPlot(container, dataFor(figure, narrow), layoutFor(figure, narrow), config).then(function (plot) {
      plot.on("plotly_click", function (event) {
        var address = recordsAddress(event.points && event.points[0]);
        if (address) {
          window.location.assign(address);
        }
      });
    });
    // Redraw with the other layout when the width crosses the threshold (a phone turned).
    window.addEventListener("resize", function () {
      if (isNarrow(container) !== narrow) {
        narrow = !narrow;
        window.Plotly.react(container, dataFor(figure, narrow), layoutFor(figure, narrow), config);
      }
    });
  }

  function enablePngButtons() {
    document.querySelectorAll("button[data-png]").forEach(function (button) {
      var plot = document.getElementById(button.getAttribute("data-png"));
      if (!plot) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        window.Plotly.downloadImage(plot, { format: "png", scale: 2, filename: plot.getAttribute("data-name") });
      });
    });
  }

  if (!window.Plotly) {
    return; // the tables under each chart hold the same numbers
  }
  document.querySelectorAll("[data-figure]").forEach(draw);
  enablePngButtons();
})();
