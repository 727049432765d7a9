<?cs # dashboard_figures.cs: the dashboard's figures for a range, rendered
   alone (page_dashboard.c): a worker keeps the result for the snapshot it
   was made from, and dashboard.cs shows it as it is. ?><?cs
def:range_q() ?>from=<?cs var:Range.From ?>&amp;to=<?cs var:Range.To ?><?cs /def ?>
  <div class="totals">
    <a class="total" href="/dashboard/messages?<?cs call:range_q() ?>"><span class="n"><?cs var:Totals.Sent ?></span> sent</a>
    <a class="total total-delivered" href="/dashboard/messages?<?cs call:range_q() ?>&amp;outcome=delivered"><span class="n"><?cs var:Totals.Delivered ?></span> delivered <span class="pct"><?cs var:Totals.DeliveredRate ?>%</span></a>
    <a class="total total-failed" href="/dashboard/messages?<?cs call:range_q() ?>&amp;outcome=failed"><span class="n"><?cs var:Totals.Failed ?></span> failed <span class="pct"><?cs var:Totals.FailedRate ?>%</span></a>
    <a class="total total-pending" href="/dashboard/messages?<?cs call:range_q() ?>&amp;outcome=pending"><span class="n"><?cs var:Totals.Pending ?></span> sending <span class="pct"><?cs var:Totals.PendingRate ?>%</span></a>
  </div>

  <div class="card">
    <h2 id="h-reasons">Why texts failed</h2>
    <?cs if:subcount(Reasons) == 0 ?><p class="muted">No failures in this range.</p><?cs else ?>
    <div class="chart-table">
      <svg class="hbars" viewBox="0 0 300 <?cs var:subcount(Reasons) * 28 ?>" role="img" aria-labelledby="h-reasons">
        <?cs each:x = Reasons ?><rect class="<?cs var:x.Class ?>" x="0" y="<?cs var:name(x) * 28 + 4 ?>" width="<?cs var:x.Bar * 3 ?>" height="20"><title><?cs var:x.Name ?>: <?cs var:x.N ?></title></rect><?cs /each ?>
      </svg>
      <table class="list">
        <thead><tr><th scope="col">Reason</th><th scope="col">Texts</th><th scope="col">Share</th></tr></thead>
        <tbody><?cs each:x = Reasons ?><tr><td><span class="swatch <?cs var:x.Class ?>"></span> <a href="/dashboard/messages?<?cs call:range_q() ?>&amp;outcome=failed&amp;reason=<?cs var:url_escape(x.Key) ?>"><?cs var:x.Name ?></a></td><td><?cs var:x.N ?></td><td><?cs var:x.Share ?>%</td></tr><?cs /each ?></tbody>
      </table>
    </div>
    <?cs /if ?>
  </div>

  <div class="card">
    <h2 id="h-days">Failures by day</h2>
    <svg class="daychart" viewBox="0 0 <?cs var:Chart.W ?> <?cs var:Chart.H + 20 ?>" role="img" aria-labelledby="h-days">
      <?cs each:d = Days ?><g><title><?cs var:d.Day ?>: <?cs if:d.Total ?><?cs var:d.Total ?><?cs else ?>0<?cs /if ?> failed</title><?cs each:s = d.Segments ?><rect class="<?cs var:s.Class ?>" x="<?cs var:d.X ?>" y="<?cs var:s.Y ?>" width="<?cs var:d.W ?>" height="<?cs var:s.H ?>"><title><?cs var:d.Day ?>, <?cs var:s.Reason ?>: <?cs var:s.N ?></title></rect><?cs /each ?></g><?cs /each ?>
      <line x1="0" y1="<?cs var:Chart.H ?>" x2="<?cs var:Chart.W ?>" y2="<?cs var:Chart.H ?>" class="axis"></line>
      <text x="0" y="<?cs var:Chart.H + 16 ?>" class="tick"><?cs var:Range.From ?></text>
      <text x="<?cs var:Chart.W ?>" y="<?cs var:Chart.H + 16 ?>" class="tick" text-anchor="end"><?cs var:Range.To ?></text>
    </svg>
    <details><summary>The numbers</summary>
    <table class="list" id="by-day">
      <thead><tr><th scope="col">Day</th><th scope="col">Failed</th><th scope="col">By reason</th></tr></thead>
      <tbody><?cs each:d = Days ?><tr><td><a href="/dashboard/messages?from=<?cs var:d.Day ?>&amp;to=<?cs var:d.Day ?>&amp;outcome=failed"><?cs var:d.Day ?></a></td><td><?cs if:d.Total ?><?cs var:d.Total ?><?cs else ?>0<?cs /if ?></td><td><?cs each:s = d.Segments ?><?cs var:s.Reason ?>: <?cs var:s.N ?><?cs if:!last(s) ?>; <?cs /if ?><?cs /each ?></td></tr><?cs /each ?></tbody>
    </table>
    </details>
  </div>

  <?cs def:by_card(title, list, param) ?>
  <div class="card">
    <h2><?cs var:title ?></h2>
    <?cs if:subcount(list) == 0 ?><p class="muted">No texts.</p><?cs else ?>
    <table class="list">
      <thead><tr><th scope="col"><?cs var:title ?></th><th scope="col">Texts</th><th scope="col">Failed</th><th scope="col">Failure rate</th></tr></thead>
      <tbody><?cs each:x = list ?><tr>
        <td><a href="/dashboard/messages?<?cs call:range_q() ?>&amp;<?cs var:param ?>=<?cs var:url_escape(x.Key) ?>"><?cs var:x.Label ?></a></td>
        <td><?cs var:x.Total ?></td>
        <td><a href="/dashboard/messages?<?cs call:range_q() ?>&amp;outcome=failed&amp;<?cs var:param ?>=<?cs var:url_escape(x.Key) ?>"><?cs var:x.Failed ?></a></td>
        <td><span class="bar" style="--w: <?cs var:x.Bar ?>%"></span> <?cs var:x.Rate ?>%</td>
      </tr><?cs /each ?></tbody>
    </table>
    <?cs /if ?>
  </div>
  <?cs /def ?>
  <div class="grid2">
    <?cs call:by_card("Carrier", ByCarrier, "carrier") ?>
    <?cs call:by_card("Sending number", ByNumber, "number") ?>
  </div>
  <?cs call:by_card("Agent", ByAgent, "agent") ?>

  <div class="card">
    <h2>Texts carriers filtered most (30007)</h2>
    <p class="muted">Among the latest 2,000 filtered texts of the range.</p>
    <?cs if:subcount(Filtered) == 0 ?><p class="muted">None in this range.</p><?cs else ?>
    <ol class="filtered">
      <?cs each:x = Filtered ?><li><p class="msg-detail"><?cs var:x.Body ?></p><p class="muted"><?cs var:x.N ?> filtered<?cs if:subcount(x.Lint) > 0 ?>. The check at send time: <?cs each:l = x.Lint ?><?cs var:l ?><?cs if:!last(l) ?>; <?cs /if ?><?cs /each ?><?cs /if ?></p></li><?cs /each ?>
    </ol>
    <?cs /if ?>
  </div>

