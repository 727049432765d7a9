<section class="settings">
  <h1>Settings</h1>
  <?cs include:"settings_nav.cs" ?>
  <?cs if:Page.Saved ?><p class="notice" role="status">Saved.</p><?cs /if ?>
  <div class="card">
    <h2>Business profile</h2>
    <?cs if:Profile.Error ?><p class="alert" role="alert"><?cs var:Profile.Error ?></p><?cs /if ?>
    <form method="post" action="/settings/profile">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <label for="s-name">Full business name</label>
      <input type="text" id="s-name" name="name" maxlength="200" required value="<?cs if:Profile.Error ?><?cs var:Form.name ?><?cs else ?><?cs var:Business.Name ?><?cs /if ?>" aria-describedby="s-name-help">
      <p class="help muted" id="s-name-help">As carriers know it: the first text to a lead, the STOP and HELP replies and the templates use it.</p>
      <label for="s-web">Website</label>
      <input type="text" id="s-web" name="website" maxlength="200" value="<?cs if:Profile.Error ?><?cs var:Form.website ?><?cs else ?><?cs var:Business.Website ?><?cs /if ?>" placeholder="https://example.com">
      <label for="s-sup">Support contact</label>
      <input type="text" id="s-sup" name="support" maxlength="200" value="<?cs if:Profile.Error ?><?cs var:Form.support ?><?cs else ?><?cs var:Business.Support ?><?cs /if ?>" placeholder="help@example.com or (212) 555-0100">
      <label for="s-tz">Time zone</label>
      <input type="text" id="s-tz" name="tz" maxlength="64" required value="<?cs if:Profile.Error ?><?cs var:Form.tz ?><?cs else ?><?cs var:Business.TimeZone ?><?cs /if ?>" aria-describedby="s-tz-help">
      <p class="help muted" id="s-tz-help">Region/City, like America/Chicago: the pages' times, and quiet hours for numbers whose area code tells no zone.</p>
      <label for="s-help">Reply to HELP</label>
      <textarea id="s-help" name="help" rows="2" maxlength="320" aria-describedby="s-help-help"><?cs if:Profile.Error ?><?cs var:Form.help ?><?cs else ?><?cs var:Business.Help ?><?cs /if ?></textarea>
      <p class="help muted" id="s-help-help">Empty: "<?cs var:Business.Name ?>: reply here to reach our team. Reply STOP to opt out. Msg &amp; data rates may apply."</p>
      <button type="submit" class="primary">Save the profile</button>
    </form>
  </div>
  <div class="card">
    <h2>Quiet hours</h2>
    <p>No text goes out before the start or after the end, in the lead's time zone (from the number's area code, otherwise the business's). Texts written outside the window wait for it, and the thread says when they go. The law's window is 08:00 to 21:00; you may narrow it.</p>
    <?cs if:Quiet.Error ?><p class="alert" role="alert"><?cs var:Quiet.Error ?></p><?cs /if ?>
    <form method="post" action="/settings/quiet-hours" class="filters">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <div><label for="q-start">Texts go from</label><input type="time" id="q-start" name="start" required value="<?cs if:Quiet.Error ?><?cs var:Form.start ?><?cs else ?><?cs var:Business.QuietStart ?><?cs /if ?>"></div>
      <div><label for="q-end">until</label><input type="time" id="q-end" name="end" required value="<?cs if:Quiet.Error ?><?cs var:Form.end ?><?cs else ?><?cs var:Business.QuietEnd ?><?cs /if ?>"></div>
      <div class="actions"><button type="submit" class="primary">Save quiet hours</button></div>
    </form>
  </div>
</section>
