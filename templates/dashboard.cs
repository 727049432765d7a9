<?cs def:range_q() ?>from=<?cs var:Range.From ?>&amp;to=<?cs var:Range.To ?><?cs /def ?>
<section class="dashboard">
  <h1>Delivery</h1>
  <form method="get" action="/dashboard" class="filters">
    <div><label for="d-from">From</label><input type="date" id="d-from" name="from" value="<?cs var:Range.From ?>"></div>
    <div><label for="d-to">To</label><input type="date" id="d-to" name="to" value="<?cs var:Range.To ?>"></div>
    <div class="actions"><button type="submit" class="primary">Show</button>
      <a href="/dashboard/failed.csv?<?cs call:range_q() ?>">Failed texts as CSV</a></div>
  </form>
  <?cs if:Range.Error ?><p class="alert" role="alert"><?cs var:Range.Error ?></p><?cs /if ?>
  <?cs if:Range.Notice ?><p class="notice" role="status"><?cs var:Range.Notice ?></p><?cs /if ?>
  <?cs include:"warning.cs" ?>
  <?cs if:!Range.Error ?>
  <p class="muted">Texts sent from <?cs var:Range.From ?> to <?cs var:Range.To ?> (your business's days). Every figure links to its texts.<?cs if:Range.AsOf ?> Counted at <?cs var:Range.AsOf ?>: the last three days are counted again every five minutes at most.<?cs /if ?></p><?cs escape: "none" ?><?cs var:Figures.Html ?><?cs /escape ?>  <div class="card">
    <h2>Warnings</h2>
    <?cs if:Page.Saved ?><p class="notice" role="status">Saved.</p><?cs /if ?>
    <form method="post" action="/dashboard/alerts" class="filters">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <div><label for="a-fail">Warn when over the last hour this % of texts fail</label><input type="number" id="a-fail" name="failure" min="1" max="100" value="<?cs var:Alerts.Failure ?>"></div>
      <div><label for="a-filt">or this % are filtered (30007)</label><input type="number" id="a-filt" name="filtered" min="1" max="100" value="<?cs var:Alerts.Filtered ?>"></div>
      <div class="actions"><button type="submit" class="primary">Save</button></div>
    </form>
  </div>
  <?cs /if ?>
</section>
