<section class="dashboard">
  <p><a href="/dashboard?from=<?cs var:Range.From ?>&amp;to=<?cs var:Range.To ?>">&larr; Delivery</a></p>
  <h1>Texts <?cs var:Range.From ?> to <?cs var:Range.To ?></h1>
  <?cs if:Filter.Error ?><p class="alert" role="alert"><?cs var:Filter.Error ?></p><?cs /if ?>
  <?cs if:Range.Notice ?><p class="notice" role="status"><?cs var:Range.Notice ?></p><?cs /if ?>
  <p class="muted"><?cs if:Filter.OutcomeName ?><?cs var:Filter.OutcomeName ?><?cs else ?>All texts<?cs /if ?><?cs if:Filter.HasReason ?> · <?cs var:Filter.ReasonName ?><?cs /if ?><?cs if:Filter.HasCarrier ?> · carrier <?cs if:Filter.Carrier ?><?cs var:Filter.Carrier ?><?cs else ?>not looked up<?cs /if ?><?cs /if ?><?cs if:Filter.NumberName ?> · from <?cs var:Filter.NumberName ?><?cs /if ?><?cs if:Filter.AgentName ?> · <?cs var:Filter.AgentName ?><?cs /if ?>
    · <a href="/dashboard/failed.csv?<?cs var:Page.Query ?>">failed ones as CSV</a></p>
  <?cs if:subcount(Messages) == 0 ?><p class="empty">No texts.</p><?cs else ?>
  <table class="list" id="drill">
    <thead><tr><th scope="col">When</th><th scope="col">Lead</th><th scope="col">Text</th><th scope="col">Status</th><th scope="col">Carrier</th><th scope="col">From</th><th scope="col">Agent</th></tr></thead>
    <tbody>
    <?cs each:m = Messages ?><tr>
      <td class="nowrap"><a href="/messages/<?cs var:m.Id ?>"><time title="<?cs var:m.At.Full ?>"><?cs var:m.At ?></time></a></td>
      <td><a href="/conversations/<?cs var:m.Conversation ?>"><?cs if:m.Lead ?><?cs var:m.Lead ?><?cs else ?><?cs var:m.Phone ?><?cs /if ?></a></td>
      <td><?cs var:m.Body ?></td>
      <td><?cs var:m.Shown ?><?cs if:m.Reason ?>: <?cs var:m.Reason ?><?cs /if ?><?cs if:m.Code ?> (<?cs var:m.Code ?>)<?cs /if ?></td>
      <td><?cs var:m.Carrier ?></td><td class="nowrap"><?cs var:m.Number ?></td><td><?cs var:m.Agent ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <?cs if:Page.Next ?><p class="pager"><a href="/dashboard/messages?<?cs var:Page.Query ?>&amp;before=<?cs var:Page.Next ?>">Older texts</a></p><?cs /if ?>
</section>
