<label for="tpl-name">Name</label>
<input type="text" id="tpl-name" name="name" maxlength="100" required value="<?cs var:Form.Name ?>">
<label for="tpl-body">Text</label>
<textarea id="tpl-body" name="body" rows="4" maxlength="1600" required aria-describedby="tpl-help"><?cs var:Form.Body ?></textarea>
<p class="help muted" id="tpl-help">Fields: {first_name}, {business_name}.</p>
