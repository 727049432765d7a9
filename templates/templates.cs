<section class="templates">
  <h1>Message templates</h1>
  <p class="muted">Saved texts for the compose box. <code>{first_name}</code> becomes the lead's first name ("there" when there is none) and <code>{business_name}</code> your business's name, so that each text stays personal. The carrier checks run on the filled-in text before it is sent.</p>
  <?cs if:subcount(Templates) == 0 ?><p class="empty">No templates yet.</p><?cs else ?>
  <ul class="template-list">
    <?cs each:t = Templates ?>
    <li class="card">
      <h2><?cs var:t.Name ?></h2>
      <p class="msg-detail"><?cs var:t.Body ?></p>
      <p><a href="/templates/<?cs var:t.Id ?>">Edit</a></p>
    </li>
    <?cs /each ?>
  </ul>
  <?cs /if ?>
  <div class="card">
    <h2>New template</h2>
    <?cs if:Form.Error ?><p class="alert" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
    <form method="post" action="/templates">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <?cs include:"template_fields.cs" ?>
      <button type="submit" class="primary">Save the template</button>
    </form>
  </div>
</section>
