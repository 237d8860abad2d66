// The campaign's chat page: gets a Direct Line token from this host, then shows the official
// Web Chat control and asks the bot for the welcome card (or the story of the cause the link named).
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('chat-config').textContent);
  var chatElement = document.getElementById('webchat');
  var problemPanel = document.getElementById('chat-problem');
  var problemMessage = document.getElementById('chat-problem-message');
  var retryButton = document.getElementById('chat-retry');

  // The page's words in its language; the English ones only if the server sent none.
  var words = config.words || {
    connecting: 'Connecting to the chat…',
    couldNotStart: 'Sorry, the chat could not start. Please check your connection and try again.',
    couldNotLoad: 'Sorry, the chat could not load. Please reload the page.',
    webChat: {}
  };

  var WHITE = '#FFFFFF';
  var TEXT = '#1F1F1F';

  async function fetchDirectLineToken() {
    var response = await fetch(config.tokenUrl, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store'
    });
    if (!response.ok) {
      throw new Error('The token request answered HTTP ' + response.status + '.');
    }

    var session = await response.json();
    if (!session || typeof session.token !== 'string' || !session.token) {
      throw new Error('The token answer has no token.');
    }

    return session;
  }

  function createDirectLine(session) {
    if (!session.domain) {
      // Azure's Direct Line: Web Chat's default domain, websockets allowed.
      return window.WebChat.createDirectLine({ token: session.token });
    }

    // This host's own Direct Line answers polling only. The client builds addresses by appending
    // to the domain, so give it an absolute one without a trailing slash.
    var domain = new URL(session.domain, window.location.href).href.replace(/\/+$/, '');
    return window.WebChat.createDirectLine({ token: session.token, domain: domain, webSocket: false });
  }

  // Once the conversation is connected, tell the bot who joined from where, so it answers with
  // the welcome card or the linked cause's story, and which share link (referral code) brought them. Reconnects dispatch a different action, so the
  // bot is greeted once per page.
  function createStore() {
    return window.WebChat.createStore({}, function (store) {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/POST_ACTIVITY') {
            moveFocusToSendBoxAfterCardAction();
          }

          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            store.dispatch({
              type: 'WEB_CHAT/SEND_EVENT',
              payload: {
                name: 'webchat/join',
                value: { cause: config.cause, locale: config.language || 'en', referral: config.referral || null }
              }
            });
          }

          return next(action);
        };
      };
    });
  }

  // A card's button keeps the focus in the card it belongs to, and Web Chat holds the focus inside
  // that card until Escape. Moving it to the send box, as Web Chat itself does after a suggested
  // action, lets a keyboard user go on with Tab alone: answer in the send box, or Shift+Tab back to
  // the conversation, where Enter opens the newest message (the bot's reply, read out as it comes).
  function moveFocusToSendBoxAfterCardAction() {
    var transcript = chatElement.querySelector('.webchat__basic-transcript');
    var sendBox = chatElement.querySelector('[data-id="webchat-sendbox-input"], input[type="text"], textarea');
    if (transcript && sendBox && transcript.contains(document.activeElement)) {
      sendBox.focus();
    }
  }

  function styleOptions(theme) {
    // White bubbles and send box everywhere, so the accent (white text on it, or it on white)
    // always has the contrast the content loader checked. Timestamps and statuses sit on the
    // page background, hence the server's readable text colour for it.
    return {
      accent: theme.accentColor,
      backgroundColor: theme.backgroundColor,
      subtle: theme.textOnBackgroundColor,
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      rootHeight: '100%',
      rootWidth: '100%',
      bubbleBackground: WHITE,
      bubbleTextColor: TEXT,
      bubbleBorderRadius: 8,
      bubbleFromUserBackground: theme.accentColor,
      bubbleFromUserBorderColor: theme.accentColor,
      bubbleFromUserTextColor: WHITE,
      bubbleFromUserBorderRadius: 8,
      suggestedActionBackgroundColor: WHITE,
      suggestedActionBorderColor: theme.accentColor,
      suggestedActionTextColor: theme.accentColor,
      suggestedActionBorderRadius: 8,
      sendBoxBackground: WHITE,
      sendBoxTextColor: TEXT,
      sendBoxButtonColor: theme.accentColor,
      transcriptVisualKeyboardIndicatorColor: theme.accentColor,
      // The bot takes no files.
      hideUploadButton: true
    };
  }

  function showProblem(message) {
    problemPanel.hidden = false;
    retryButton.disabled = false;
    // Filled after the panel shows, so screen readers see the alert's text change and read it.
    problemMessage.textContent = '';
    window.setTimeout(function () {
      problemMessage.textContent = message;
    }, 50);
  }

  function hideProblem() {
    problemPanel.hidden = true;
    problemMessage.textContent = '';
  }

  async function startChat() {
    var retrying = document.activeElement === retryButton;
    retryButton.disabled = true;
    chatElement.setAttribute('aria-busy', 'true');
    chatElement.textContent = words.connecting;

    var session;
    try {
      session = await fetchDirectLineToken();
    } catch (error) {
      // Only the reason goes to the console: no token, no personal data.
      console.warn('Could not start the chat:', error && error.message);
      chatElement.textContent = '';
      chatElement.removeAttribute('aria-busy');
      // An empty chat frame under the message would only look broken.
      chatElement.hidden = true;
      showProblem(words.couldNotStart);
      return;
    }

    hideProblem();
    chatElement.hidden = false;
    chatElement.textContent = '';
    window.WebChat.renderWebChat(
      {
        directLine: createDirectLine(session),
        store: createStore(),
        userID: session.userId,
        // Web Chat's own words in the page's language, right to left for Arabic; every activity
        // it sends carries this locale, so the bot answers in the same language.
        locale: config.locale || 'en-US',
        dir: config.dir || 'auto',
        overrideLocalizedStrings: words.webChat,
        nonce: config.styleNonce,
        styleOptions: styleOptions(config.theme)
      },
      chatElement
    );
    chatElement.removeAttribute('aria-busy');

    if (retrying) {
      // The focused button has gone; keyboard users continue in the send box.
      window.setTimeout(function () {
        var sendBox = chatElement.querySelector('input[type="text"], textarea');
        if (sendBox) {
          sendBox.focus();
        }
      }, 200);
    }
  }

  retryButton.addEventListener('click', startChat);

  if (!window.WebChat) {
    showProblem(words.couldNotLoad);
    retryButton.hidden = true;
    return;
  }

  startChat();
})();
