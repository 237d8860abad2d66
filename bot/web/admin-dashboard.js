// The admin dashboard: draws a chart beside each table and, every 15 seconds, fetches the figures
// from /admin/api/results (with the sign-in cookie) and fills the tables and charts again, in the
// same words as the server's first rendering (Admin/Dashboard/AdminDashboardTables.cs).
(function () {
  'use strict';

  var refreshMilliseconds = 15000;
  var charts = {};

  function number(value) { return Number(value).toLocaleString('en-US'); }
  function optional(value) { return value === null || value === undefined ? 'not counted' : number(value); }
  function segment(value) { return value.count === null ? 'fewer than ' + value.fewerThan : number(value.count); }
  function channelName(channel) { return channel === 'teams' ? 'Teams' : channel === 'webChat' ? 'Web chat' : 'Other'; }

  // Each table's rows from the JSON, and the number its chart draws for each row (null: no bar).
  function tables(results) {
    var figures = results.public;
    var goals = [['Votes', number(figures.votes.total), number(figures.votes.goal.target), figures.votes.goal.percent + '%']]
      .concat(figures.pledges.map(function (p) { return [p.title, number(p.total), number(p.goal.target), p.goal.percent + '%']; }));
    var funnel = results.funnel;
    return {
      causes: { type: 'bar', rows: figures.causes.map(function (c) { return [c.title, number(c.votes), c.percent + '%']; }), values: figures.causes.map(function (c) { return c.votes; }) },
      goals: { type: 'bar', rows: goals, values: [figures.votes.goal.percent].concat(figures.pledges.map(function (p) { return p.goal.percent; })) },
      pledges: {
        type: 'bar',
        rows: figures.pledges.map(function (p) { return [p.title, number(p.total), optional(p.confirmed), optional(p.confirmed === null ? null : p.total - p.confirmed)]; }),
        values: figures.pledges.map(function (p) { return p.total; })
      },
      funnel: {
        type: 'bar',
        rows: [['Joined', number(funnel.joined)], ['Read a story', number(funnel.readAStory)], ['Voted', number(funnel.voted)],
          ['Pledged', number(funnel.pledged)], ['Confirmed', optional(funnel.confirmed)], ['Shared', number(funnel.shared)]],
        values: [funnel.joined, funnel.readAStory, funnel.voted, funnel.pledged, funnel.confirmed, funnel.shared]
      },
      channels: {
        type: 'doughnut',
        rows: results.channels.map(function (c) { return [channelName(c.channel), segment(c.votes)]; }),
        values: results.channels.map(function (c) { return c.votes.count; })
      },
      referrals: {
        type: 'bar',
        rows: results.referrals.map(function (r) { return [r.code, r.causeId, number(r.visits), segment(r.votes), segment(r.pledges)]; }),
        values: results.referrals.map(function (r) { return r.votes.count; })
      },
      'per-day': { type: 'bar', rows: figures.votesPerDay.map(function (d) { return [d.day, number(d.votes)]; }), values: figures.votesPerDay.map(function (d) { return d.votes; }) },
      'per-hour': {
        type: 'line',
        rows: figures.votesPerHour.map(function (h) { return [h.hour.slice(0, 10) + ' ' + h.hour.slice(11, 16) + ' UTC', number(h.votes)]; }),
        values: figures.votesPerHour.map(function (h) { return h.votes; })
      }
    };
  }

  function fillTable(id, rows) {
    var body = document.querySelector('#' + id + '-table tbody');
    var fresh = document.createElement('tbody');
    rows.forEach(function (cells) {
      var row = document.createElement('tr');
      cells.forEach(function (text, index) {
        var cell = document.createElement(index === 0 ? 'th' : 'td');
        if (index === 0) { cell.scope = 'row'; }
        cell.textContent = text;
        row.appendChild(cell);
      });
      fresh.appendChild(row);
    });
    body.replaceWith(fresh);
  }

  function draw(id, table) {
    var labels = table.rows.map(function (cells) { return cells[0]; });
    var chart = charts[id];
    if (chart) {
      chart.data.labels = labels;
      chart.data.datasets[0].data = table.values;
      chart.update();
      return;
    }

    var canvas = document.getElementById(id + '-chart');
    canvas.setAttribute('aria-label', 'Chart of the table: ' + document.getElementById(id + '-caption').textContent);
    charts[id] = new window.Chart(canvas, {
      type: table.type,
      data: { labels: labels, datasets: [{ label: document.querySelector('#' + id + '-table thead th:nth-child(2)').textContent, data: table.values }] },
      options: { animation: false, responsive: true, maintainAspectRatio: true, aspectRatio: table.type === 'doughnut' ? 2 : 3 }
    });
  }

  function show(results) {
    var all = tables(results);
    Object.keys(all).forEach(function (id) {
      fillTable(id, all[id].rows);
      draw(id, all[id]);
    });
  }

  function say(text) { document.getElementById('dashboard-status').textContent = text; }

  function refresh() {
    return window.adminFetchJson('/admin/api/results')
      .then(function (results) {
        show(results);
        document.body.setAttribute('data-refreshed', new Date().toISOString());
        say('Figures refresh every 15 seconds; last at ' + new Date().toLocaleTimeString('en-GB') + '.');
      })
      .catch(function () {
        say('The figures could not be refreshed (signed out or offline). Reload the page to sign in again.');
      });
  }

  refresh();
  window.setInterval(refresh, refreshMilliseconds);
}());
