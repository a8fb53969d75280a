/* huiwu serve: optional enhancement of the page. Without it every button posts the form and the server answers the
 * whole page (the result page refreshes itself while a build runs). With it: choosing a file shows its structure at
 * once, posts do not reload the page, and a build shows its progress. ES5 + fetch, for older Chromium-based browsers. */
(function () {
  'use strict';
  var clicked = null;
  var polling = null;

  function $(id) { return document.getElementById(id); }

  function busy(text) {
    var box = $('busy');
    if (!box) { return; }
    box.textContent = text || '';
    box.hidden = !text;
    var buttons = document.querySelectorAll('#main button');
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = !!text; }
  }

  function swap(html, url) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var fresh = doc.getElementById('app');
    var old = $('app');
    if (!fresh || !old) { document.open(); document.write(html); document.close(); return; }
    old.parentNode.replaceChild(document.importNode(fresh, true), old);
    document.title = doc.title;
    if (url && url !== window.location.href) { window.history.pushState(null, '', url); }
    bind();
    var target = document.querySelector('.error[role=alert]') || (url && url.indexOf('/jobs/') >= 0 ? $('result') : null);
    if (target && target.scrollIntoView) { target.scrollIntoView({ block: 'center' }); }
  }

  function post(action) {
    var form = $('main');
    var data = new FormData(form);
    data.append('action', action);
    busy({ parse: '正在识别提纲结构…', load_meeting: '正在载入会议信息…', build: '正在提交…' }[action] || '请稍候…');
    fetch(form.getAttribute('action'), { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (response) {
        return response.text().then(function (html) { busy(''); swap(html, response.url); });
      })
      .catch(function () { busy('无法连接到会务程序。请确认它仍在运行，然后刷新本页。'); });
  }

  function poll() {
    var result = $('result');
    if (polling) { clearTimeout(polling); polling = null; }
    if (!result || !$('progress')) { return; }
    var id = result.getAttribute('data-job');
    function tick() {
      fetch('/api/jobs/' + encodeURIComponent(id), { credentials: 'same-origin' })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          if (job.state === 'done' || job.state === 'failed' || !job.state) {
            return fetch(window.location.pathname, { credentials: 'same-origin' })
              .then(function (response) { return response.text(); })
              .then(function (html) { swap(html, null); var r = $('result'); if (r && r.scrollIntoView) { r.scrollIntoView(); } });
          }
          var stage = $('stage');
          var bar = $('bar');
          if (stage) { stage.textContent = job.stage + '…'; }
          if (bar) { bar.value = job.percent; }
          polling = setTimeout(tick, 700);
        })
        .catch(function () { polling = setTimeout(tick, 2000); });
    }
    polling = setTimeout(tick, 400);
  }

  function bind() {
    var form = $('main');
    if (!form) { return; }
    var buttons = form.querySelectorAll('button[name=action]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function () { clicked = this.value; });
    }
    form.addEventListener('submit', function (event) {
      var action = clicked || 'parse';
      clicked = null;
      if (action === 'save_meeting') { return; }   // a download: the browser saves it and stays on the page
      event.preventDefault();
      post(action);
    });
    var outline = form.querySelector('input[name=outline]');
    if (outline) { outline.addEventListener('change', function () { if (outline.files.length) { post('parse'); } }); }
    var meeting = form.querySelector('input[name=meeting]');
    if (meeting) { meeting.addEventListener('change', function () { if (meeting.files.length) { post('load_meeting'); } }); }
    poll();
  }

  window.addEventListener('popstate', function () { window.location.reload(); });
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', bind);
  } else {
    bind();
  }
})();
