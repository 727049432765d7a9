<section class="import">
  <p><a href="/conversations">&larr; Conversations</a></p>
  <h1>Import leads</h1>
  <?cs if:Import.Ran ?>
  <div class="card" role="status">
    <h2>Report</h2>
    <p><strong><?cs var:Import.Imported ?></strong> imported, <strong><?cs var:Import.RefusedCount ?></strong> refused.</p>
    <?cs if:subcount(Import.Refused) > 0 ?>
    <h3>Refused</h3>
    <table class="list" id="refused">
      <thead><tr><th scope="col">Line</th><th scope="col">Name</th><th scope="col">Number</th><th scope="col">Why</th></tr></thead>
      <tbody>
      <?cs each:x = Import.Refused ?><tr><td><?cs var:x.Line ?></td><td><?cs var:x.Name ?></td><td><?cs var:x.Phone ?></td><td><?cs var:x.Reason ?></td></tr><?cs /each ?>
      </tbody>
    </table>
    <?cs /if ?>
    <?cs if:subcount(Import.Done) > 0 ?>
    <h3>Imported</h3>
    <table class="list" id="imported">
      <thead><tr><th scope="col">Line</th><th scope="col">Name</th><th scope="col">Number</th></tr></thead>
      <tbody>
      <?cs each:x = Import.Done ?><tr><td><?cs var:x.Line ?></td><td><a href="/leads/<?cs var:x.Lead ?>"><?cs if:x.Name ?><?cs var:x.Name ?><?cs else ?>(no name)<?cs /if ?></a></td><td><?cs var:x.E164 ?></td></tr><?cs /each ?>
      </tbody>
    </table>
    <?cs if:Import.Imported > subcount(Import.Done) ?><p class="muted">The first <?cs var:subcount(Import.Done) ?> are listed.</p><?cs /if ?>
    <?cs /if ?>
  </div>
  <?cs /if ?>
  <div class="card">
    <?cs if:Form.Error ?><p class="alert" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
    <p>A CSV file with a name, a mobile number and an email (optional) per line. A first line naming the columns (<code>name,phone,email</code>, or <code>first name</code>, <code>last name</code>, <code>mobile</code>, ...) may give them in any order. Each row is checked: invalid numbers, landlines (by the number's type), numbers already among your leads or twice in the file, and bad email addresses are refused, the rest imported. At most 5,000 rows at a time.</p>
    <form method="post" action="/leads/import" enctype="multipart/form-data">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <label for="import-file">CSV file</label>
      <input type="file" id="import-file" name="file" accept=".csv,text/csv">
      <label for="import-csv">Or paste the rows</label>
      <textarea id="import-csv" name="csv" rows="6" placeholder="name,phone,email&#10;Olivia Smith,(212) 555-0147,olivia@example.com"></textarea>
      <button type="submit" class="primary">Import</button>
    </form>
  </div>
</section>
