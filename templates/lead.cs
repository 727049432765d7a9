<section class="lead-page">
  <p><?cs if:Lead.Conversation ?><a href="/conversations/<?cs var:Lead.Conversation ?>">&larr; Conversation</a><?cs else ?><a href="/conversations">&larr; Conversations</a><?cs /if ?></p>
  <h1><?cs if:Lead.Name ?><?cs var:Lead.Name ?><?cs else ?>Unknown lead<?cs /if ?></h1>
  <p class="muted"><?cs var:Lead.Phone ?> · lead since <?cs var:Lead.Created ?>
    <?cs if:Lead.OptedOut ?><span class="badge badge-optout">Opted out</span><?cs /if ?>
    <?cs if:Lead.Spam ?><span class="badge badge-spam">Spam</span><?cs /if ?>
    <?cs if:Lead.Invalid ?><span class="badge badge-block">Invalid number</span><?cs /if ?>
    <?cs if:Lead.Landline ?><span class="badge badge-block">Landline</span><?cs /if ?>
    <?cs if:Lead.CooldownUntil ?><span class="badge badge-wait">Cool-down until <?cs var:Lead.CooldownUntil ?></span><?cs /if ?>
  </p>
  <div class="card">
    <h2>Details</h2>
    <?cs if:Form.Saved ?><p class="notice" role="status">Saved.</p><?cs /if ?>
    <?cs if:Form.Error ?><p class="alert" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
    <form method="post" action="/leads/<?cs var:Lead.Id ?>">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <?cs include:"lead_fields.cs" ?>
      <p class="muted">A new number is checked with the carrier again before the next text goes to it. An opt-out stays: only the lead can end it, by texting you.</p>
      <button type="submit" class="primary">Save</button>
    </form>
  </div>
  <div class="card">
    <h2>Spam</h2>
    <form method="post" action="/leads/<?cs var:Lead.Id ?>/spam">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <?cs if:Lead.Spam ?>
      <input type="hidden" name="spam" value="0">
      <p>This lead is marked as spam: it is out of the inbox and cannot be texted.</p>
      <button type="submit" class="secondary">Not spam</button>
      <?cs else ?>
      <input type="hidden" name="spam" value="1">
      <p>Spam leads leave the inbox and cannot be texted.</p>
      <button type="submit" class="danger">Mark as spam</button>
      <?cs /if ?>
    </form>
  </div>
  <div class="card">
    <h2>History</h2>
    <?cs if:subcount(History) == 0 ?><p class="muted">No changes yet.</p><?cs else ?>
    <table class="list">
      <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">By</th></tr></thead>
      <tbody>
      <?cs each:h = History ?>
      <tr><td><time title="<?cs var:h.At.Full ?>"><?cs var:h.At ?></time></td><td><?cs var:h.Field ?></td><td><?cs var:h.Old ?></td><td><?cs var:h.New ?></td><td><?cs if:h.By ?><?cs var:h.By ?><?cs else ?>—<?cs /if ?></td></tr>
      <?cs /each ?>
      </tbody>
    </table>
    <?cs /if ?>
  </div>
</section>
