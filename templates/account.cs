<section class="form-page">
  <h1>Your account</h1>
  <?cs if:Page.Saved == "password" ?><p class="notice" role="status">Your password is changed. Anywhere else you were signed in, you are signed out.</p><?cs elif:Page.Saved == "sessions" ?><p class="notice" role="status">You are signed out everywhere else.</p><?cs /if ?>
  <div class="card">
    <dl class="facts">
      <dt>Name</dt><dd><?cs var:Session.Name ?></dd>
      <dt>Email</dt><dd><?cs var:Session.Email ?></dd>
      <dt>Role</dt><dd><?cs var:Account.Role ?></dd>
      <?cs if:Session.Business ?><dt>Business</dt><dd><?cs var:Session.Business ?></dd><?cs /if ?>
    </dl>
    <p class="help muted"><?cs if:Session.IsStaff ?>Your name, email and role are changed by SalesPartner's administrators.<?cs else ?>Your name, email and role are changed by a manager of your business (Settings, Team).<?cs /if ?></p>
  </div>
  <div class="card">
    <h2>Where you are signed in</h2>
    <?cs if:Account.Others == 0 ?><p id="others">Only here.</p><?cs else ?>
    <p id="others">Here, and in <?cs var:Account.Others ?> other <?cs if:Account.Others == 1 ?>browser<?cs else ?>browsers<?cs /if ?> (last used <time title="<?cs var:Account.OthersLast.Full ?>"><?cs var:Account.OthersLast ?></time>).</p>
    <form method="post" action="/account/sessions">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <button type="submit" class="secondary">Sign out everywhere else</button>
    </form><?cs /if ?>
  </div>
  <div class="card">
    <h2>Change your password</h2>
    <?cs if:Form.Error ?><p class="alert" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
    <form method="post" action="/account/password">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <input type="text" name="username" value="<?cs var:Session.Email ?>" autocomplete="username" hidden>
      <label for="a-current">Current password</label>
      <input type="password" id="a-current" name="current" required autocomplete="current-password">
      <label for="a-new">New password</label>
      <input type="password" id="a-new" name="password" minlength="10" required autocomplete="new-password" aria-describedby="a-new-help">
      <p class="help muted" id="a-new-help">At least 10 characters. Anywhere else you are signed in with this account is signed out.</p>
      <label for="a-again">New password again</label>
      <input type="password" id="a-again" name="again" minlength="10" required autocomplete="new-password">
      <button type="submit" class="primary">Change password</button>
    </form>
  </div>
</section>
