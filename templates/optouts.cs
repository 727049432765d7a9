<section>
  <h1>Opt-outs</h1>
  <p class="muted">Leads who asked for no more texts. Only the lead can end an opt-out, by texting the business again.</p>
  <form method="get" action="/optouts" class="filters">
    <?cs if:Filter.Error ?><p class="alert" role="alert"><?cs var:Filter.Error ?></p><?cs /if ?>
    <div><label for="q">Name or number</label><input type="text" id="q" name="q" value="<?cs var:Filter.Q ?>" maxlength="100"></div>
    <div><label for="from">From</label><input type="date" id="from" name="from" value="<?cs var:Filter.From ?>"></div>
    <div><label for="to">To</label><input type="date" id="to" name="to" value="<?cs var:Filter.To ?>"></div>
    <div class="actions"><button type="submit" class="primary">Search</button>
      <a href="/optouts.csv?q=<?cs var:url_escape(Filter.Q) ?>&amp;from=<?cs var:url_escape(Filter.From) ?>&amp;to=<?cs var:url_escape(Filter.To) ?>">Export CSV</a></div>
  </form>
  <?cs if:subcount(Optouts) == 0 ?><p class="empty">No opted-out leads<?cs if:Filter.Q || Filter.From || Filter.To ?> match<?cs /if ?>.</p><?cs else ?>
  <table class="list">
    <thead><tr><th scope="col">Lead</th><th scope="col">Number</th><th scope="col">Opted out</th><th scope="col">By</th><th scope="col">Number texted</th><th scope="col">History</th></tr></thead>
    <tbody>
    <?cs each:o = Optouts ?>
    <tr>
      <td><?cs if:o.Name ?><?cs var:o.Name ?><?cs else ?><span class="muted">Unknown</span><?cs /if ?></td>
      <td><?cs var:o.Phone ?></td>
      <td><time title="<?cs var:o.At.Full ?>"><?cs var:o.At ?></time></td>
      <td><?cs var:o.Word ?><?cs if:o.Source == "staff" ?> <span class="muted">(staff)</span><?cs /if ?></td>
      <td><?cs var:o.Number ?></td>
      <td><a href="/optouts/<?cs var:o.Lead ?>">History</a></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <nav class="pager" aria-label="Pages">
    <?cs if:Page.NotFirst ?><a href="/optouts?q=<?cs var:url_escape(Filter.Q) ?>&amp;from=<?cs var:url_escape(Filter.From) ?>&amp;to=<?cs var:url_escape(Filter.To) ?>">Newest</a><?cs /if ?>
    <?cs if:Page.Next ?><a href="/optouts?q=<?cs var:url_escape(Filter.Q) ?>&amp;from=<?cs var:url_escape(Filter.From) ?>&amp;to=<?cs var:url_escape(Filter.To) ?>&amp;after=<?cs var:url_escape(Page.Next) ?>">Older</a><?cs /if ?>
  </nav>
</section>
