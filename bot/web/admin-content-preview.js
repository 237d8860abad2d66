// The content preview: draws each card the server listed (Admin/Content/AdminContentPreviewEndpoints.cs)
// with the Adaptive Cards renderer, its text through markdown-it as chat clients render Markdown.
// The cards' buttons do nothing here: a preview sends nothing to the bot.
(function () {
  'use strict';

  function renderMarkdown() {
    // html: false, so that text in a card can never become markup on the admin's page.
    var markdown = window.markdownit({ html: false, linkify: true, breaks: true });
    window.AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
      result.outputHtml = markdown.render(text);
      result.didProcess = true;
    };
  }

  // Buttons one under the other, full width, as chat clients lay them out on a narrow card;
  // the renderer's default row cuts off a card's later buttons. A card's headings sit under the
  // page's h3 for that card, hence level 4; the default accent blue (#2E89FC) is too light to read
  // on white, so a darker one (6.4:1) takes its place.
  var hostConfig = new window.AdaptiveCards.HostConfig({
    fontFamily: 'system-ui, "Segoe UI", sans-serif',
    textBlock: { headingLevel: 4 },
    containerStyles: {
      default: { foregroundColors: { accent: { default: '#0063B1', subtle: '#0063B1' } } }
    },
    actions: { maxActions: 20, buttonSpacing: 8, actionsOrientation: 'vertical', actionAlignment: 'stretch' }
  });

  function drawCard(json, host) {
    var card = new window.AdaptiveCards.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = function () { };
    card.parse(json);
    var element = card.render();
    if (!element) {
      throw new Error('the renderer returned nothing');
    }
    host.appendChild(element);
  }

  function drawAll() {
    var problemsHeading = document.getElementById('problems');
    if (problemsHeading) {
      problemsHeading.focus();
    }

    var data = document.getElementById('preview-cards');
    var status = document.getElementById('preview-status');
    if (!data || !status) {
      return;
    }

    renderMarkdown();
    var cards = JSON.parse(data.textContent);
    var drawn = 0;
    var failed = 0;
    document.querySelectorAll('.card-host').forEach(function (host) {
      try {
        drawCard(cards[Number(host.getAttribute('data-card-index'))], host);
        drawn += 1;
      } catch (error) {
        failed += 1;
        host.textContent = 'This card could not be drawn: ' + error.message;
        host.classList.add('card-failed');
      }
    });
    status.textContent = drawn + ' of ' + cards.length + ' cards drawn' + (failed ? '; ' + failed + ' could not be drawn.' : '.');
    document.body.setAttribute('data-cards-drawn', String(drawn));
  }

  document.addEventListener('DOMContentLoaded', drawAll);
}());
