<section class="card form-page">
  <h1>Contact support</h1>
  <?cs if:Attach.Conversation ?>
  <p class="attach">About the conversation with <strong><?cs if:Attach.Name ?><?cs var:Attach.Name ?><?cs else ?><?cs var:Attach.Phone ?><?cs /if ?></strong><?cs if:Attach.Message ?>, message <a href="/messages/<?cs var:Attach.Message ?>">#<?cs var:Attach.Message ?></a><?cs /if ?>. Its details (messages, statuses, errors, the number's look-up, opt-outs) are attached as they are now, so you don't have to copy them.</p>
  <?cs else ?>
  <p class="muted">Writing about one conversation? Use "Contact support about this" on its page, and its details come with the ticket.</p>
  <?cs /if ?>
  <?cs if:Form.Error ?><p class="alert" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
  <form method="post" action="/tickets">
    <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
    <input type="hidden" name="nonce" value="<?cs var:Form.Nonce ?>">
    <?cs if:Attach.Message ?><input type="hidden" name="message" value="<?cs var:Attach.Message ?>"><?cs elif:Attach.Conversation ?><input type="hidden" name="conversation" value="<?cs var:Attach.Conversation ?>"><?cs /if ?>
    <label for="t-subject">Subject</label>
    <input type="text" id="t-subject" name="subject" maxlength="200" required value="<?cs var:Form.Subject ?>">
    <label for="t-category">About</label>
    <select id="t-category" name="category" required>
      <?cs each:c = Categories ?><option value="<?cs var:c.Key ?>"<?cs if:Form.Category == c.Key ?> selected<?cs /if ?>><?cs var:c.Label ?></option><?cs /each ?>
    </select>
    <label for="t-description">What happened?</label>
    <textarea id="t-description" name="description" rows="8" required aria-describedby="t-help"><?cs var:Form.Description ?></textarea>
    <p class="help muted" id="t-help">Up to 20,000 characters.</p>
    <button type="submit" class="primary">Send to support</button>
  </form>
</section>
