<section class="card form-page">
  <p><a href="/templates">&larr; Templates</a></p>
  <h1>Edit template</h1>
  <?cs if:Form.Error ?><p class="alert" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
  <form method="post" action="/templates/<?cs var:Form.Id ?>">
    <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
    <?cs include:"template_fields.cs" ?>
    <button type="submit" class="primary">Save</button>
  </form>
  <form method="post" action="/templates/<?cs var:Form.Id ?>/delete">
    <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
    <button type="submit" class="danger">Delete the template</button>
  </form>
</section>
