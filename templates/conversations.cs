<section>
  <div class="heading">
    <h1>Conversations</h1>
    <p class="actions"><a class="button" href="/leads/new">New lead</a> <a class="button" href="/leads/import">Import leads</a> <a class="button" href="/templates">Templates</a></p>
  </div>
  <nav class="tabs" aria-label="Filters">
    <?cs def:tab(name, label) ?><a href="/conversations?filter=<?cs var:name ?><?cs if:Filter.Agent ?>&amp;agent=<?cs var:Filter.Agent ?><?cs /if ?><?cs if:Filter.Q ?>&amp;q=<?cs var:url_escape(Filter.Q) ?><?cs /if ?>"<?cs if:Filter.Name == name ?> aria-current="page"<?cs /if ?>><?cs var:label ?></a><?cs /def ?>
    <?cs call:tab("all", "All") ?>
    <?cs call:tab("reply", "Needs reply") ?>
    <?cs call:tab("failed", "Failed") ?>
    <?cs call:tab("optout", "Opted out") ?>
    <?cs call:tab("spam", "Spam") ?>
  </nav>
  <form method="get" action="/conversations" class="filters" role="search">
    <input type="hidden" name="filter" value="<?cs var:Filter.Name ?>">
    <div>
      <label for="q">Search</label>
      <input type="search" id="q" name="q" maxlength="100" value="<?cs var:Filter.Q ?>" placeholder="Name, email or number">
    </div>
    <div>
      <label for="agent">Agent</label>
      <select id="agent" name="agent">
        <option value="">Anyone</option>
        <?cs each:a = Agents ?><option value="<?cs var:a.Id ?>"<?cs if:Filter.Agent == a.Id ?> selected<?cs /if ?>><?cs var:a.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="actions">
      <button type="submit" class="primary">Show</button>
      <?cs if:Filter.Q || Filter.Agent ?><a href="/conversations?filter=<?cs var:Filter.Name ?>">Clear</a><?cs /if ?>
    </div>
  </form>
  <?cs include:"warning.cs" ?>
  <?cs if:Filter.Error ?><p class="alert" role="alert"><?cs var:Filter.Error ?></p><?cs /if ?>
  <?cs if:subcount(Conversations) == 0 ?>
    <p class="empty">No conversations<?cs if:Filter.Q ?> match “<?cs var:Filter.Q ?>”<?cs /if ?><?cs if:Page.NotFirst ?> on this page<?cs /if ?>.</p>
  <?cs else ?>
  <ul class="inbox">
    <?cs each:c = Conversations ?>
    <li>
      <a href="/conversations/<?cs var:c.Id ?>">
        <span class="who"><strong><?cs if:c.Name ?><?cs var:c.Name ?><?cs else ?>Unknown lead<?cs /if ?></strong>
          <span class="phone"><?cs var:c.Phone ?></span>
          <?cs if:c.OptedOut ?><span class="badge badge-optout">Opted out</span><?cs /if ?>
          <?cs if:c.Spam ?><span class="badge badge-spam">Spam</span><?cs /if ?>
          <?cs if:c.Invalid ?><span class="badge badge-block">Invalid number</span><?cs /if ?>
          <?cs if:c.Landline ?><span class="badge badge-block">Landline</span><?cs /if ?>
          <?cs if:c.Cooldown ?><span class="badge badge-wait">Cool-down</span><?cs /if ?>
          <?cs if:c.Failed ?><span class="badge badge-failed">Last send failed</span><?cs /if ?></span>
        <time title="<?cs var:c.Time.Full ?>"><?cs var:c.Time ?></time>
        <span class="last"><?cs if:c.Direction == "out" ?><span class="muted">You:</span> <?cs elif:c.Direction == "in" ?><span class="muted">Lead:</span> <?cs /if ?><?cs var:c.Body ?></span>
        <?cs if:c.Direction == "out" ?><span class="state"><?cs call:status_badge(c.Status) ?></span><?cs elif:c.Direction == "in" ?><span class="state"><span class="status status-received">Needs reply</span></span><?cs /if ?>
      </a>
    </li>
    <?cs /each ?>
  </ul>
  <?cs /if ?>
  <nav class="pager" aria-label="Pages">
    <?cs if:Page.NotFirst ?><a href="/conversations?filter=<?cs var:Filter.Name ?><?cs if:Filter.Agent ?>&amp;agent=<?cs var:Filter.Agent ?><?cs /if ?><?cs if:Filter.Q ?>&amp;q=<?cs var:url_escape(Filter.Q) ?><?cs /if ?>">Newest</a><?cs /if ?>
    <?cs if:Page.Next ?><a href="/conversations?filter=<?cs var:Filter.Name ?><?cs if:Filter.Agent ?>&amp;agent=<?cs var:Filter.Agent ?><?cs /if ?><?cs if:Filter.Q ?>&amp;q=<?cs var:url_escape(Filter.Q) ?><?cs /if ?>&amp;after=<?cs var:url_escape(Page.Next) ?>">Older conversations</a><?cs /if ?>
  </nav>
</section>
