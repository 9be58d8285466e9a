/*
 * Autocomplete for the search boxes (progressive enhancement: without this file the
 * boxes are plain forms). As the buyer types, ask /<lang>/search/suggest/?q=... for
 * product titles and producer names and offer them through a <datalist>.
 */
(function () {
  "use strict";

  var DELAY_MS = 150;
  var MIN_LENGTH = 2;

  function enhance(input, number) {
    var form = input.form;
    if (!form || input.hasAttribute("list")) {
      return;
    }
    var list = document.createElement("datalist");
    list.id = "search-suggestions-" + number;
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.parentNode.appendChild(list);

    var url = new URL("suggest/", form.action);
    var timer = null;
    var controller = null;
    var shown = "";

    function fill(suggestions) {
      list.replaceChildren.apply(
        list,
        suggestions.map(function (text) {
          var option = document.createElement("option");
          option.value = text;
          return option;
        })
      );
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < MIN_LENGTH || text === shown) {
        return;
      }
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      url.searchParams.set("q", text);
      fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          shown = text;
          fill(data.suggestions || []);
        })
        .catch(function () {
          /* offline or aborted: the box still works as a plain form */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY_MS);
    });
  }

  var inputs = document.querySelectorAll('form[role="search"] input[name="q"]');
  Array.prototype.forEach.call(inputs, enhance);
})();
