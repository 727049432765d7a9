<section class="card form-page">
  <p><a href="/conversations">&larr; Conversations</a></p>
  <h1>New lead</h1>
  <?cs if:Form.Error ?><p class="alert" role="alert"><?cs var:Form.Error ?><?cs if:Form.Existing ?> <a href="/leads/<?cs var:Form.Existing ?>">Open that lead</a>.<?cs /if ?></p><?cs /if ?>
  <form method="post" action="/leads">
    <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
    <?cs include:"lead_fields.cs" ?>
    <button type="submit" class="primary">Create the lead</button>
  </form>
  <p class="muted">A conversation from your business's number opens for the lead. Many leads at once? <a href="/leads/import">Import a CSV</a>.</p>
</section>
