<section class="compose" id="compose-box" aria-label="Send a text">
  <?cs if:Lead.OptedOut || Lead.Spam ?>
  <p class="muted">Texting is blocked for this lead.</p>
  <?cs /if ?>
  <form method="post" action="/conversations/<?cs var:Conversation.Id ?>/messages" id="compose" data-lint="/conversations/<?cs var:Conversation.Id ?>/lint">
    <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
    <input type="hidden" name="nonce" value="<?cs var:Compose.Nonce ?>">
    <?cs if:Compose.Error ?><p class="alert" role="alert"><?cs var:Compose.Error ?></p><?cs /if ?>
    <ul class="findings" id="findings" aria-live="polite">
      <?cs each:f = Compose.Findings ?>
      <li class="finding finding-<?cs var:f.Severity ?>"><strong><?cs if:f.Severity == "block" ?>Blocked<?cs else ?>Warning<?cs /if ?>:</strong> <?cs var:f.Message ?></li>
      <?cs /each ?>
    </ul>
    <label for="body">Message</label> <a class="use-template" href="/conversations/<?cs var:Conversation.Id ?>/templates">Use a template</a>
    <textarea id="body" name="body" rows="3" maxlength="8000" <?cs if:Lead.OptedOut || Lead.Spam ?>disabled<?cs /if ?> required><?cs var:Compose.Body ?></textarea>
    <p class="counter muted" id="counter"><?cs if:Compose.Segments ?><?cs var:Compose.Chars ?> characters, <?cs var:Compose.Segments ?> segment(s), <?cs var:Compose.Encoding ?><?cs /if ?></p>
    <?cs if:Compose.NeedConfirm ?><input type="hidden" name="confirm" value="1"><?cs /if ?>
    <button type="submit" class="primary send" <?cs if:Lead.OptedOut || Lead.Spam ?>disabled<?cs /if ?>><?cs if:Compose.NeedConfirm ?>Send anyway<?cs else ?>Send<?cs /if ?></button>
  </form>
</section>
<script src="/static/compose.js" defer></script>
<script src="/static/live.js" defer></script>
