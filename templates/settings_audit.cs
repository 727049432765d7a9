<section class="settings">
  <h1>Settings</h1>
  <?cs include:"settings_nav.cs" ?>
  <div class="card">
    <h2>Audit log</h2>
    <?cs if:subcount(Audit) == 0 ?><p class="muted">No changes yet.</p><?cs else ?>
    <table class="list" id="audit">
      <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th></tr></thead>
      <tbody>
      <?cs each:a = Audit ?><tr><td><time title="<?cs var:a.At.Full ?>"><?cs var:a.At ?></time></td><td><?cs var:a.By ?></td><td><?cs var:a.Area ?>: <?cs var:a.Action ?> <?cs var:a.Detail ?></td></tr><?cs /each ?>
      </tbody>
    </table>
    <?cs /if ?>
    <?cs if:Page.Next ?><p class="pager"><a href="/settings/audit?before=<?cs var:Page.Next ?>">Older changes</a></p><?cs /if ?>
  </div>
</section>
