<section class="settings">
  <h1>Settings</h1>
  <?cs include:"settings_nav.cs" ?>
  <?cs if:Page.Saved ?><p class="notice" role="status">Saved.</p><?cs /if ?>
  <?cs if:Form.Error ?><p class="alert" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
  <?cs if:Business.Registration != "approved" ?><p class="banner banner-wait">These numbers are not registered with carriers yet: <a href="/settings/registration">carrier registration</a>.</p><?cs /if ?>
  <div class="card">
    <h2>Sending numbers</h2>
    <table class="list" id="numbers">
      <thead><tr><th scope="col">Number</th><th scope="col">Today</th><th scope="col">Pace and limit</th><th scope="col">State</th></tr></thead>
      <tbody>
      <?cs each:n = Numbers ?>
      <tr>
        <td><strong><?cs var:n.E164 ?></strong><?cs if:n.Label ?><br><span class="muted"><?cs var:n.Label ?></span><?cs /if ?></td>
        <td><?cs var:n.Today ?> of <?cs var:n.Daily ?> (<?cs var:n.Percent ?>%)<?cs if:n.Waiting > 0 ?><br><span class="muted"><?cs var:n.Waiting ?> waiting</span><?cs /if ?></td>
        <td>
          <form method="post" action="/settings/numbers/<?cs var:n.Id ?>" class="inline-form">
            <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
            <input type="hidden" name="label" value="<?cs var:n.Label ?>">
            <label for="pm-<?cs var:n.Id ?>">A minute</label><input type="number" id="pm-<?cs var:n.Id ?>" name="per_minute" min="1" max="240" value="<?cs var:n.PerMinute ?>">
            <label for="dl-<?cs var:n.Id ?>">A day</label><input type="number" id="dl-<?cs var:n.Id ?>" name="daily" min="1" max="100000" value="<?cs var:n.Daily ?>">
            <button type="submit" class="secondary">Save</button>
          </form>
        </td>
        <td>
          <?cs if:n.Paused == "1" ?><span class="status status-failed">Paused</span><?cs else ?><span class="status status-delivered">Sending</span><?cs /if ?>
          <form method="post" action="/settings/numbers/<?cs var:n.Id ?>/pause" class="inline">
            <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
            <input type="hidden" name="paused" value="<?cs if:n.Paused == "1" ?>0<?cs else ?>1<?cs /if ?>">
            <button type="submit" class="link"><?cs if:n.Paused == "1" ?>Resume<?cs else ?>Pause<?cs /if ?> <span class="sr-only"><?cs var:n.E164 ?></span></button>
          </form>
          <form method="post" action="/settings/numbers/<?cs var:n.Id ?>/remove" class="inline">
            <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
            <button type="submit" class="link">Remove <span class="sr-only"><?cs var:n.E164 ?></span></button>
          </form>
        </td>
      </tr>
      <?cs /each ?>
      </tbody>
    </table>
  </div>
  <div class="card">
    <h2>Add a number</h2>
    <form method="post" action="/settings/numbers">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <label for="n-number">Number</label>
      <input type="tel" id="n-number" name="number" maxlength="64" required value="<?cs var:Form.number ?>">
      <label for="n-label">Label</label>
      <input type="text" id="n-label" name="label" maxlength="100" value="<?cs var:Form.label ?>">
      <label for="n-pm">Texts a minute</label>
      <input type="number" id="n-pm" name="per_minute" min="1" max="240" value="<?cs if:Form.per_minute ?><?cs var:Form.per_minute ?><?cs else ?>30<?cs /if ?>">
      <label for="n-daily">Texts a day</label>
      <input type="number" id="n-daily" name="daily" min="1" max="100000" value="<?cs if:Form.daily ?><?cs var:Form.daily ?><?cs else ?>2000<?cs /if ?>">
      <p class="help muted">A 10DLC number: 30 a minute (one every two seconds, with natural variation) and 2,000 a day.</p>
      <button type="submit" class="primary">Add the number</button>
    </form>
  </div>
</section>
