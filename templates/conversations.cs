<section>
  <h1>Conversations</h1>
  <?cs if:subcount(Conversations) == 0 ?>
    <p class="empty">No conversations<?cs if:Page.NotFirst ?> on this page<?cs /if ?>.</p>
  <?cs else ?>
  <ul class="inbox">
    <?cs each:c = Conversations ?>
    <li>
      <a href="/conversations/<?cs var:c.Id ?>">
        <span class="who"><strong><?cs if:c.Name ?><?cs var:c.Name ?><?cs else ?>Unknown lead<?cs /if ?></strong>
          <span class="phone"><?cs var:c.Phone ?></span>
          <?cs if:c.OptedOut ?><span class="badge badge-optout">Opted out</span><?cs /if ?></span>
        <time title="<?cs var:c.Time.Full ?>"><?cs var:c.Time ?></time>
        <span class="last"><?cs if:c.Direction == "out" ?><span class="muted">You:</span> <?cs /if ?><?cs var:c.Body ?></span>
        <?cs if:c.Direction == "out" ?><span class="state"><?cs call:status_badge(c.Status) ?></span><?cs /if ?>
      </a>
    </li>
    <?cs /each ?>
  </ul>
  <?cs /if ?>
  <nav class="pager" aria-label="Pages">
    <?cs if:Page.NotFirst ?><a href="/conversations">Newest</a><?cs /if ?>
    <?cs if:Page.Next ?><a href="/conversations?after=<?cs var:url_escape(Page.Next) ?>">Older conversations</a><?cs /if ?>
  </nav>
</section>
