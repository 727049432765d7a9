<?cs include:"ticket_snapshot.cs" ?>
<section class="ticket">
  <p><a href="/tickets">&larr; <?cs if:Page.Support ?>Support queue<?cs else ?>Support<?cs /if ?></a></p>
  <?cs with:t = Tickets.0 ?>
  <h1>#<?cs var:t.Id ?> <?cs var:t.Subject ?></h1>
  <p class="muted"><span class="ticket-status ticket-<?cs var:t.Status ?>"><?cs var:t.StatusShown ?></span> · <?cs var:t.Category ?> · filed <?cs var:t.Created.Full ?> by <?cs var:t.By ?><?cs if:Page.Support ?> of <?cs var:t.Business ?><?cs /if ?></p>
  <?cs /with ?>
  <div class="card"><p class="msg-detail"><?cs var:Ticket.Description ?></p></div>
  <?cs if:Page.Support ?>
  <div class="card">
    <h2>Status</h2>
    <form method="post" action="/tickets/<?cs var:Tickets.0.Id ?>/status" class="filters">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <div><label for="t-status">Status</label>
      <select id="t-status" name="status"><?cs each:s = Statuses ?><option value="<?cs var:s.Key ?>"<?cs if:Tickets.0.Status == s.Key ?> selected<?cs /if ?>><?cs var:s.Label ?></option><?cs /each ?></select></div>
      <div class="actions"><button type="submit" class="primary">Change</button></div>
    </form>
    <?cs if:subcount(Audit) > 0 ?><ul class="timeline" id="audit"><?cs each:a = Audit ?><li><?cs var:a.At.Full ?>: <?cs var:a.Old ?> → <?cs var:a.New ?> by <?cs var:a.By ?></li><?cs /each ?></ul><?cs /if ?>
  </div>
  <?cs /if ?>
  <?cs if:Snapshot.conversation_id ?>
  <div class="<?cs if:Page.Support ?>compare<?cs /if ?>">
    <div class="card" id="snapshot">
      <h2>As the customer saw it when filing</h2>
      <?cs call:snapshot(Snapshot) ?>
    </div>
    <?cs if:Page.Support && Now.conversation_id ?>
    <div class="card" id="now">
      <h2>The conversation now</h2>
      <?cs call:snapshot(Now) ?>
    </div>
    <?cs /if ?>
  </div>
  <?cs if:!Page.Support ?><p><a href="/conversations/<?cs var:Snapshot.conversation_id ?>">Open the conversation</a></p><?cs /if ?>
  <?cs /if ?>
  <div class="card" id="replies">
    <h2>Replies</h2>
    <?cs if:subcount(Replies) == 0 ?><p class="muted">No replies yet.</p><?cs /if ?>
    <ol class="replies">
      <?cs each:x = Replies ?><li class="reply<?cs if:x.Support == "1" ?> reply-support<?cs /if ?>"><p class="meta"><strong><?cs var:x.By ?></strong><?cs if:x.Support == "1" ?> (SalesPartner support)<?cs /if ?> · <time title="<?cs var:x.At.Full ?>"><?cs var:x.At ?></time></p><p class="msg-detail"><?cs var:x.Body ?></p></li><?cs /each ?>
    </ol>
    <form method="post" action="/tickets/<?cs var:Tickets.0.Id ?>/replies">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <input type="hidden" name="nonce" value="<?cs var:Reply.Nonce ?>">
      <?cs if:Reply.Error ?><p class="alert" role="alert"><?cs var:Reply.Error ?></p><?cs /if ?>
      <label for="reply-body">Reply</label>
      <textarea id="reply-body" name="body" rows="4" required><?cs var:Reply.Body ?></textarea>
      <button type="submit" class="primary">Send the reply</button>
    </form>
  </div>
</section>
