// Keeps what is typed into a consultation form on this device (localStorage), so that a
// dropped connection, a closed page or an expired link loses nothing. The form works
// without this file: it only adds saving, restoring and the offline message.
(function () {
  "use strict";

  function read(key) {
    try {
      var text = window.localStorage.getItem(key);
      return text ? JSON.parse(text) : null;
    } catch (e) {
      return null;
    }
  }

  function write(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      // Storage full or refused (private browsing): the form still works as a plain form.
    }
  }

  function collect(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.name === "csrfmiddlewaretoken" || field.type === "submit") {
        return;
      }
      if (field.type === "checkbox") {
        values[field.name] = values[field.name] || [];
        if (field.checked) values[field.name].push(field.value);
      } else if (field.type === "radio") {
        if (field.checked) values[field.name] = field.value;
      } else {
        values[field.name] = field.value;
      }
    });
    return values;
  }

  function isEmpty(form) {
    return Array.prototype.every.call(form.elements, function (field) {
      if (field.type === "checkbox" || field.type === "radio") return !field.checked;
      if (field.tagName === "TEXTAREA" || field.type === "text") return field.value === "";
      return true;
    });
  }

  function restore(form, saved) {
    var restored = false;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!(field.name in saved)) return;
      var value = saved[field.name];
      if (field.type === "checkbox") {
        field.checked = Array.isArray(value) && value.indexOf(field.value) !== -1;
        restored = restored || field.checked;
      } else if (field.type === "radio") {
        field.checked = value === field.value;
        restored = restored || field.checked;
      } else if (typeof value === "string" && value !== "") {
        field.value = value;
        restored = true;
      }
    });
    return restored;
  }

  function show(element, text) {
    if (!element) return;
    if (text !== undefined) element.textContent = text;
    element.hidden = false;
  }

  function setUpForm(form) {
    var key = form.getAttribute("data-draft-key");
    var status = document.getElementById("draft-status");
    var offline = document.getElementById("offline-message");
    var saved = read(key);
    // What the server sent back (after an error) wins over the saved copy.
    if (saved && isEmpty(form) && restore(form, saved)) {
      show(status, "We have put back the answers you typed before on this device.");
    }
    var save = function () {
      write(key, collect(form));
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function (event) {
      save();
      if (navigator.onLine === false) {
        event.preventDefault();
        show(offline);
        offline.focus();
      }
    });
    window.addEventListener("offline", function () {
      show(status, "You are offline. Keep going: your answers are saved on this device.");
    });
    window.addEventListener("online", function () {
      if (offline) offline.hidden = true;
      show(status, "You are back online. You can send your answers now.");
    });
  }

  function showDraft(box) {
    var saved = read(box.getAttribute("data-show-draft"));
    var list = document.getElementById("draft-lines");
    if (!saved || !list) return;
    Object.keys(saved).forEach(function (name) {
      var value = saved[name];
      var text = Array.isArray(value) ? value.join(", ") : value;
      if (!text) return;
      var item = document.createElement("li");
      var label = document.createElement("strong");
      label.textContent = name.replace(/_/g, " ") + ": ";
      item.appendChild(label);
      item.appendChild(document.createTextNode(text));
      list.appendChild(item);
    });
    if (list.children.length) box.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-draft-key]");
    if (form) setUpForm(form);
    Array.prototype.forEach.call(document.querySelectorAll("[data-clear-draft]"), function (box) {
      try {
        window.localStorage.removeItem(box.getAttribute("data-clear-draft"));
      } catch (e) {
        // Nothing to clear.
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-show-draft]"), showDraft);
  });
})();
