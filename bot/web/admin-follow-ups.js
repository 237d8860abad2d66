// The follow-ups page: every few seconds, fetches each update's progress from
// /admin/follow-ups/progress (with the sign-in cookie) and puts the server's own words and figures
// in place (Admin/FollowUps/FollowUpProgressReader.cs), so the page never words anything itself.
// A figure that changed is marked for a moment; with reduced motion it just changes
// (admin-follow-ups.css), and nothing else on the page moves.
(function () {
  'use strict';

  var refreshMilliseconds = 5000;
  var figures = ['when', 'state', 'done', 'sent', 'pending', 'failed', 'blocked', 'skipped', 'timeToFinish'];
  var reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

  function number(value) { return Number(value).toLocaleString('en-US'); }

  function say(text) { document.getElementById('follow-ups-status').textContent = text; }

  function put(cell, text) {
    if (!cell || cell.textContent === text) {
      return;
    }

    cell.textContent = text;
    if (!reducedMotion.matches) {
      cell.classList.remove('changed');
      // Reading the width restarts the animation for a figure that changes again.
      void cell.offsetWidth;
      cell.classList.add('changed');
    }
  }

  function show(updates) {
    var unknown = 0;
    updates.forEach(function (update) {
      var row = document.querySelector('tr[data-update-id="' + window.CSS.escape(update.id) + '"]');
      if (!row) {
        unknown += 1;
        return;
      }

      figures.forEach(function (name) {
        var value = update[name];
        put(row.querySelector('[data-figure="' + name + '"]'), typeof value === 'number' ? number(value) : value);
      });
      row.querySelector('progress').value = update.percent;
    });
    return unknown;
  }

  function refresh() {
    return window.adminFetchJson('/admin/follow-ups/progress')
      .then(function (answer) {
        var unknown = show(answer.updates);
        document.body.setAttribute('data-refreshed', new Date().toISOString());
        say('Figures refresh every 5 seconds; last at ' + new Date().toLocaleTimeString('en-GB') + '.' +
          (unknown ? ' There ' + (unknown === 1 ? 'is a new update' : 'are ' + unknown + ' new updates') + ': reload the page to see it.' : ''));
      })
      .catch(function () {
        say('The figures could not be refreshed (signed out or offline). Reload the page to sign in again.');
      });
  }

  if (document.getElementById('follow-ups-table')) {
    refresh();
  }

  window.setInterval(refresh, refreshMilliseconds);
}());
