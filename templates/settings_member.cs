<section class="settings">
  <h1>Settings</h1>
  <?cs include:"settings_nav.cs" ?>
  <?cs if:Form.Error ?><p class="alert" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
  <div class="card">
    <h2><?cs var:Member.Name ?><?cs if:!Member.Active ?> <span class="muted">(deactivated)</span><?cs /if ?></h2>
    <form method="post" action="/settings/team/<?cs var:Member.Id ?>">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <label for="m-name">Name</label>
      <input type="text" id="m-name" name="name" maxlength="200" required value="<?cs if:Form.Error ?><?cs var:Form.name ?><?cs else ?><?cs var:Member.Name ?><?cs /if ?>">
      <label for="m-email">Email</label>
      <input type="email" id="m-email" name="email" maxlength="254" required value="<?cs if:Form.Error ?><?cs var:Form.email ?><?cs else ?><?cs var:Member.Email ?><?cs /if ?>" aria-describedby="m-email-help">
      <p class="help muted" id="m-email-help">The address they sign in with.</p>
      <?cs set:role = Member.Role ?><?cs if:Form.Error && Form.role ?><?cs set:role = Form.role ?><?cs /if ?>
      <label for="m-role">Role</label>
      <?cs if:Member.Me ?><input type="hidden" name="role" value="<?cs var:Member.Role ?>">
      <select id="m-role" disabled aria-describedby="m-role-help"><option><?cs if:Member.Role == "manager" ?>Manager<?cs else ?>Agent<?cs /if ?></option></select>
      <p class="help muted" id="m-role-help">Your own role is changed by another manager.</p>
      <?cs else ?><select id="m-role" name="role"><option value="agent"<?cs if:role == "agent" ?> selected<?cs /if ?>>Agent</option><option value="manager"<?cs if:role == "manager" ?> selected<?cs /if ?>>Manager</option></select>
      <p class="help muted">Managers see the delivery review and change the settings and the team.</p><?cs /if ?>
      <button type="submit" class="primary">Save</button>
    </form>
    <p><a href="/settings/team">Back to the team</a></p>
  </div>
</section>
