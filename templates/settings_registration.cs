<section class="settings">
  <h1>Settings</h1>
  <?cs include:"settings_nav.cs" ?>
  <?cs if:Page.Saved == "submitted" ?><p class="notice" role="status">Sent for review. Carriers usually answer within a few days.</p><?cs elif:Page.Saved ?><p class="notice" role="status">Saved.</p><?cs /if ?>
  <div class="card">
    <h2>Carrier registration (A2P 10DLC)</h2>
    <p>Status: <strong class="reg reg-<?cs var:Business.Registration ?>"><?cs if:Business.Registration == "approved" ?>Approved<?cs elif:Business.Registration == "pending" ?>Pending review<?cs elif:Business.Registration == "rejected" ?>Rejected<?cs else ?>Not started<?cs /if ?></strong><?cs if:Registration.Submitted ?>, sent <?cs var:Registration.Submitted ?><?cs /if ?>.</p>
    <?cs if:Business.Registration == "rejected" && Registration.Rejection ?><p class="alert">The carriers' reason: <?cs var:Registration.Rejection ?>. Correct the record and send it again.</p><?cs /if ?>
    <?cs if:Business.Registration != "approved" ?><p class="muted">Until your business is registered, carriers filter more of its texts (error 30007) and may block them (error 30034).</p><?cs /if ?>
    <?cs if:Form.Error ?><p class="alert" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
    <form method="post" action="/settings/registration">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <label for="r-legal">Legal business name</label>
      <input type="text" id="r-legal" name="legal" maxlength="200" value="<?cs var:Form.legal ?>">
      <label for="r-ein">EIN</label>
      <input type="text" id="r-ein" name="ein" maxlength="10" value="<?cs var:Form.ein ?>" placeholder="12-3456789">
      <label for="r-vertical">Vertical</label>
      <select id="r-vertical" name="vertical"><option value="">Choose…</option><?cs each:v = Verticals ?><option<?cs if:Form.vertical == v.Name ?> selected<?cs /if ?>><?cs var:v.Name ?></option><?cs /each ?></select>
      <label for="r-use">Use case</label>
      <select id="r-use" name="use_case"><option value="">Choose…</option><?cs each:v = UseCases ?><option<?cs if:Form.use_case == v.Name ?> selected<?cs /if ?>><?cs var:v.Name ?></option><?cs /each ?></select>
      <label for="r-samples">Sample messages</label>
      <textarea id="r-samples" name="samples" rows="4" maxlength="2000"><?cs var:Form.samples ?></textarea>
      <label for="r-optin">How leads opt in</label>
      <textarea id="r-optin" name="optin" rows="3" maxlength="2000"><?cs var:Form.optin ?></textarea>
      <div class="button-row">
        <button type="submit" class="secondary" name="submit" value="0">Save a draft</button>
        <button type="submit" class="primary" name="submit" value="1">Send for review</button>
      </div>
    </form>
  </div>
</section>
