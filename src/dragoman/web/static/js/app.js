/* Dragoman — small progressive enhancements; every page works without this file.
   - the phone menu toggle
   - filter selects submit on change
   - the upload form sends files one by one to /api/v1/documents with a progress bar
     and a per-file result (the plain form post stays the fallback). */
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function navToggle() {
    var button = document.querySelector(".nav-toggle");
    var nav = document.getElementById("nav");
    if (!button || !nav) return;
    button.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function autoSubmitFilters() {
    document.querySelectorAll("form.filters select").forEach(function (select) {
      select.addEventListener("change", function () {
        var offset = select.form.querySelector("input[name=offset]");
        if (offset) offset.value = "0";
        select.form.submit();
      });
    });
  }

  function label(key, fallback) {
    var el = document.getElementById("upload-form");
    return (el && el.dataset && el.dataset[key]) || fallback;
  }

  function row(list, name) {
    var item = document.createElement("div");
    item.className = "progress-item";
    var title = document.createElement("span");
    title.textContent = name;
    title.dir = "auto";
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    var status = document.createElement("span");
    status.className = "status";
    item.appendChild(title);
    item.appendChild(bar);
    item.appendChild(status);
    list.appendChild(item);
    return { item: item, bar: bar, status: status };
  }

  function describe(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      if (body.error) return body.error.message;
      var parts = [];
      if (body.ingested) parts.push(body.ingested + " new");
      if (body.revised) parts.push(body.revised + " revised");
      if (body.unchanged) parts.push(body.unchanged + " unchanged");
      (body.rejected || []).forEach(function (r) { parts.push(r.origin + ": " + r.reason); });
      return { ok: !(body.rejected || []).length, text: parts.join(" · ") || "ok" };
    } catch (e) {
      return "HTTP " + xhr.status;
    }
  }

  function send(url, token, data, ui) {
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("Authorization", "Bearer " + token);
      xhr.upload.addEventListener("progress", function (ev) {
        if (ev.lengthComputable) ui.bar.value = Math.round((ev.loaded / ev.total) * 100);
      });
      xhr.addEventListener("load", function () {
        ui.bar.value = 100;
        var result = describe(xhr);
        var good = xhr.status < 300 && (typeof result !== "object" || result.ok);
        ui.item.classList.add(good ? "ok" : "fail");
        ui.status.textContent = typeof result === "object" ? result.text : result;
        resolve(good);
      });
      xhr.addEventListener("error", function () {
        ui.item.classList.add("fail");
        ui.status.textContent = "network error";
        resolve(false);
      });
      xhr.send(data);
    });
  }

  function uploadForm() {
    var form = document.getElementById("upload-form");
    if (!form || !window.FormData || !window.Promise) return;
    form.addEventListener("submit", function (ev) {
      var token = form.querySelector("[name=token]").value.trim();
      var files = form.querySelector("[name=files]").files;
      var text = form.querySelector("[name=text]").value;
      if (!token || (!files.length && !text.trim())) return; // let the server explain
      ev.preventDefault();
      var list = document.getElementById("upload-progress");
      list.hidden = false;
      list.textContent = "";
      var jobs = [];
      if (text.trim()) {
        var fd = new FormData();
        ["text", "title", "outlet", "url", "published"].forEach(function (name) {
          var input = form.querySelector("[name=" + name + "]");
          if (input && input.value) fd.append(name === "text" ? "text" : name, input.value);
        });
        jobs.push({ name: label("pasted", "—"), data: fd });
      }
      Array.prototype.forEach.call(files, function (file) {
        var data = new FormData();
        data.append("files", file, file.name);
        jobs.push({ name: file.name, data: data });
      });
      var chain = Promise.resolve();
      jobs.forEach(function (job) {
        var ui = row(list, job.name);
        chain = chain.then(function () { return send("/api/v1/documents", token, job.data, ui); });
      });
    });
  }

  onReady(function () {
    navToggle();
    autoSubmitFilters();
    uploadForm();
  });
})();
