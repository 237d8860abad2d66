// What the admin pages' refreshing scripts share: fetching figures as JSON with the sign-in cookie.
// A sign-in page (the cookie expired) or any other answer is an error, never figures.
(function () {
  'use strict';

  window.adminFetchJson = function (url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, redirect: 'manual' })
      .then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        if (!response.ok || type.indexOf('application/json') !== 0) {
          throw new Error('not signed in');
        }
        return response.json();
      });
  };
}());
