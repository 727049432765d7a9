<section class="card narrow">
  <h1>Sign in</h1>
  <?cs if:Login.Error ?><p class="alert" role="alert"><?cs var:Login.Error ?></p><?cs /if ?>
  <form method="post" action="/login">
    <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
    <input type="hidden" name="next" value="<?cs var:Login.Next ?>">
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="<?cs var:Login.Email ?>" autofocus>
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
    <button type="submit" class="primary">Sign in</button>
  </form>
  <p class="help muted" id="forgot">Forgot your password? A manager of your business sets a new one in Settings, Team; the only manager of a business asks SalesPartner's support.</p>
</section>
