<section class="settings">
  <h1>Settings</h1>
  <?cs include:"settings_nav.cs" ?>
  <?cs if:Page.Saved ?><p class="notice" role="status">Saved.</p><?cs /if ?>
  <?cs if:Form.Error ?><p class="alert" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
  <div class="card">
    <h2>Team</h2>
    <table class="list" id="team">
      <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Last signed in</th><th scope="col">State</th><th scope="col">New password</th></tr></thead>
      <tbody>
      <?cs each:u = Team ?>
      <tr>
        <td><a href="/settings/team/<?cs var:u.Id ?>" title="Change the name, email or role"><?cs var:u.Name ?></a><br><span class="muted"><?cs var:u.Email ?></span></td>
        <td><?cs var:u.Role ?></td>
        <td><?cs if:u.SignedIn ?><time title="<?cs var:u.SignedIn.Full ?>"><?cs var:u.SignedIn ?></time><?cs else ?><span class="muted">Never</span><?cs /if ?></td>
        <td><?cs if:u.Active == "1" ?>Active<?cs else ?><strong>Deactivated</strong><?cs /if ?>
          <?cs if:!u.Me ?><form method="post" action="/settings/team/<?cs var:u.Id ?>/active" class="inline">
            <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
            <input type="hidden" name="active" value="<?cs if:u.Active == "1" ?>0<?cs else ?>1<?cs /if ?>">
            <button type="submit" class="link"><?cs if:u.Active == "1" ?>Deactivate<?cs else ?>Reactivate<?cs /if ?> <span class="sr-only"><?cs var:u.Name ?></span></button>
          </form><?cs /if ?></td>
        <td><?cs if:u.Me ?><a href="/account">Your account</a><?cs else ?><form method="post" action="/settings/team/<?cs var:u.Id ?>/password" class="inline-form">
            <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
            <label for="pw-<?cs var:u.Id ?>" class="sr-only">New password for <?cs var:u.Name ?></label>
            <input type="password" id="pw-<?cs var:u.Id ?>" name="password" minlength="10" autocomplete="new-password">
            <button type="submit" class="secondary">Set</button>
          </form><?cs /if ?></td>
      </tr>
      <?cs /each ?>
      </tbody>
    </table>
    <p class="muted">A name leads to the person's name, email and role. Deactivating someone, or setting a new password, signs them out at once.</p>
  </div>
  <div class="card">
    <h2>Add someone</h2>
    <form method="post" action="/settings/team">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <label for="t-name">Name</label>
      <input type="text" id="t-name" name="name" maxlength="200" required value="<?cs var:Form.name ?>">
      <label for="t-email">Email</label>
      <input type="email" id="t-email" name="email" maxlength="254" required value="<?cs var:Form.email ?>">
      <label for="t-role">Role</label>
      <select id="t-role" name="role"><option value="agent"<?cs if:Form.role == "agent" ?> selected<?cs /if ?>>Agent</option><option value="manager"<?cs if:Form.role == "manager" ?> selected<?cs /if ?>>Manager</option></select>
      <label for="t-pw">First password</label>
      <input type="password" id="t-pw" name="password" minlength="10" required autocomplete="new-password" aria-describedby="t-pw-help">
      <p class="help muted" id="t-pw-help">At least 10 characters; tell it to them another way.</p>
      <button type="submit" class="primary">Add</button>
    </form>
  </div>
</section>
