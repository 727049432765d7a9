<label for="lead-name">Name</label>
<input type="text" id="lead-name" name="name" maxlength="200" autocomplete="off" value="<?cs var:Form.Name ?>">
<label for="lead-phone">Mobile number <span class="muted">(required)</span></label>
<input type="tel" id="lead-phone" name="phone" maxlength="64" required value="<?cs var:Form.Phone ?>" aria-describedby="lead-phone-help">
<p class="help muted" id="lead-phone-help">Any format: (212) 555-0147, 212.555.0147, +1 212 555 0147.</p>
<label for="lead-email">Email <span class="muted">(optional)</span></label>
<input type="email" id="lead-email" name="email" maxlength="254" value="<?cs var:Form.Email ?>">
