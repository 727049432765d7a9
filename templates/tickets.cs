<section>
  <div class="heading">
    <h1><?cs if:Page.Support ?>Support queue<?cs else ?>Support<?cs /if ?></h1>
    <?cs if:!Page.Support ?><p class="actions"><a class="button" href="/tickets/new">Contact support</a></p><?cs /if ?>
  </div>
  <form method="get" action="/tickets" class="filters">
    <div>
      <label for="f-status">Status</label>
      <select id="f-status" name="status">
        <option value="">Any</option>
        <?cs each:s = Statuses ?><option value="<?cs var:s.Key ?>"<?cs if:Filter.Status == s.Key ?> selected<?cs /if ?>><?cs var:s.Label ?></option><?cs /each ?>
      </select>
    </div>
    <div>
      <label for="f-category">About</label>
      <select id="f-category" name="category">
        <option value="">Anything</option>
        <?cs each:c = Categories ?><option value="<?cs var:c.Key ?>"<?cs if:Filter.Category == c.Key ?> selected<?cs /if ?>><?cs var:c.Label ?></option><?cs /each ?>
      </select>
    </div>
    <div class="actions"><button type="submit" class="primary">Show</button></div>
  </form>
  <?cs if:subcount(Tickets) == 0 ?><p class="empty">No tickets<?cs if:Filter.Status || Filter.Category ?> match<?cs /if ?>.</p><?cs else ?>
  <table class="list" id="tickets">
    <thead><tr><th scope="col">Ticket</th><?cs if:Page.Support ?><th scope="col">Business</th><?cs /if ?><th scope="col">About</th><th scope="col">Status</th><th scope="col">Filed</th><th scope="col">Replies</th></tr></thead>
    <tbody>
    <?cs each:t = Tickets ?>
    <tr>
      <td><a href="/tickets/<?cs var:t.Id ?>">#<?cs var:t.Id ?> <?cs var:t.Subject ?></a></td>
      <?cs if:Page.Support ?><td><?cs var:t.Business ?></td><?cs /if ?>
      <td><?cs var:t.Category ?></td>
      <td><span class="ticket-status ticket-<?cs var:t.Status ?>"><?cs var:t.StatusShown ?></span></td>
      <td><time title="<?cs var:t.Created.Full ?>"><?cs var:t.Created ?></time> by <?cs var:t.By ?></td>
      <td><?cs var:t.Replies ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <?cs if:Page.Next ?><nav class="pager" aria-label="Pages"><a href="/tickets?after=<?cs var:Page.Next ?><?cs if:Filter.Status ?>&amp;status=<?cs var:Filter.Status ?><?cs /if ?><?cs if:Filter.Category ?>&amp;category=<?cs var:Filter.Category ?><?cs /if ?>">More tickets</a></nav><?cs /if ?>
</section>
