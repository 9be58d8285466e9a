/* Progressive enhancement of the checkout address form: when the province (or the
 * district) changes, fetch the next list from the server and fill it in place, and
 * fill in the postcode of a subdistrict that has only one. Without this script the
 * "update the lists" button does the same through a round trip. */
(function () {
  "use strict";

  function init(form) {
    var url = form.getAttribute("data-options-url");
    var province = form.querySelector("[data-thai-address=province]");
    var district = form.querySelector("[data-thai-address=district]");
    var tambon = form.querySelector("[data-thai-address=tambon]");
    var postcode = form.querySelector("[data-thai-address=postcode]");
    var refresh = form.querySelector(".thai-address-refresh");
    if (!url || !province || !district || !tambon || !postcode || !window.fetch) {
      return;
    }
    if (refresh) {
      refresh.hidden = true;
    }
    var postcodes = {};
    /* The newest request for each list: a slower answer to an earlier choice must
     * not overwrite the list (and the choice) that a later one filled. */
    var latest = { district: 0, tambon: 0 };

    function fill(select, options) {
      var placeholder = select.options.length ? select.options[0].cloneNode(true) : null;
      while (select.options.length) {
        select.remove(0);
      }
      if (placeholder && placeholder.value === "") {
        select.add(placeholder);
      }
      options.forEach(function (option) {
        select.add(new Option(option.name, option.code));
        if (option.postcodes) {
          postcodes[option.code] = option.postcodes;
        }
      });
      select.value = "";
    }

    function load(query, select, list) {
      var request = ++latest[list];
      return fetch(url + "?" + query, { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (data) {
          if (request === latest[list]) {
            fill(select, data.options);
          }
        })
        .catch(function () {
          if (refresh) {
            refresh.hidden = false; /* fall back to the round trip */
          }
        });
    }

    /* A new province empties both lists at once: the old province's districts must
     * not stay choosable while the new ones load. */
    province.addEventListener("change", function () {
      fill(district, []);
      fill(tambon, []);
      latest.tambon++;
      postcode.value = "";
      load("province=" + encodeURIComponent(province.value), district, "district");
    });
    district.addEventListener("change", function () {
      fill(tambon, []);
      postcode.value = "";
      load("district=" + encodeURIComponent(district.value), tambon, "tambon");
    });
    tambon.addEventListener("change", function () {
      var codes = postcodes[tambon.value] || [];
      postcode.value = codes.length === 1 ? codes[0] : "";
      postcode.placeholder = codes.join(" / ");
    });
  }

  document.querySelectorAll("form.thai-address").forEach(init);
})();
