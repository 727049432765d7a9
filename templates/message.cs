<section class="card">
  <p><a href="/conversations/<?cs var:Message.Conversation ?>">&larr; Conversation with <?cs if:Lead.Name ?><?cs var:Lead.Name ?><?cs else ?><?cs var:Lead.Phone ?><?cs /if ?></a></p>
  <h1>Message <span class="status status-<?cs var:Message.Status.Class ?>"><?cs var:Message.Status.Shown ?></span></h1>
  <p class="body msg-detail"><?cs var:Message.Body ?></p>
  <?cs if:Message.Reason ?>
  <div class="banner banner-block" role="status">
    <strong>Failed: <?cs var:Message.Reason ?><?cs if:Message.Code ?> (error <?cs var:Message.Code ?>)<?cs /if ?></strong>
    <p>What you can do: <?cs var:Message.Advice ?><?cs if:Message.Code == "30034" ?> <a href="/settings/registration">Carrier registration</a>.<?cs /if ?></p>
  </div>
  <?cs /if ?>
  <?cs if:Message.Unconfirmed ?><p class="muted">Delivered to the carrier network, unconfirmed: the carrier sent no receipt.</p><?cs /if ?>
  <dl class="facts">
    <dt>To</dt><dd><?cs var:Lead.Phone ?></dd>
    <dt>From</dt><dd><?cs var:Message.From ?></dd>
    <dt>Written</dt><dd><?cs var:Message.Created ?><?cs if:Message.Agent ?> by <?cs var:Message.Agent ?><?cs /if ?></dd>
    <?cs if:Message.Sent ?><dt>Sent</dt><dd><?cs var:Message.Sent ?></dd><?cs /if ?>
    <?cs if:Message.Due && Message.QueueState == "waiting" ?><dt>Goes out</dt><dd><?cs if:Message.HoldReason == "paused_number" ?>when the sending number is resumed: it is paused<?cs else ?><?cs var:Message.Due ?><?cs if:Message.HoldReason == "quiet_hours" ?> · <?cs var:Message.Hold ?>, when quiet hours end<?cs /if ?><?cs /if ?></dd><?cs /if ?>
    <dt>Provider status</dt><dd><?cs var:Message.ProviderStatus ?><?cs if:Message.Attempts > 1 ?> after <?cs var:Message.Attempts ?> attempts<?cs /if ?></dd>
    <dt>Provider sid</dt><dd><?cs if:Message.Sid ?><code><?cs var:Message.Sid ?></code><?cs else ?>none (never reached the provider)<?cs /if ?></dd>
    <dt>Number look-up</dt><dd><?cs if:Lookup.Type ?><?cs var:Lookup.Type ?><?cs if:Lookup.Carrier ?>, <?cs var:Lookup.Carrier ?><?cs /if ?>, checked <?cs var:Lookup.Checked ?><?cs else ?>not looked up<?cs /if ?></dd>
  </dl>
  <h2>Timeline</h2>
  <ol class="timeline">
    <li><time><?cs var:Message.Created.Full ?></time>: written<?cs if:Message.Agent ?> by <?cs var:Message.Agent ?><?cs /if ?></li>
    <?cs each:e = Events ?>
    <li><time><?cs var:e.At.Full ?></time>: <?cs var:e.Status ?> (<?cs var:e.Shown ?>)<?cs if:e.Code ?>, error <?cs var:e.Code ?>: <?cs var:e.Reason ?><?cs /if ?></li>
    <?cs /each ?>
  </ol>
  <h2>Content check at send time</h2>
  <?cs if:subcount(Message.Lint) == 0 ?><p class="muted">No findings.</p><?cs else ?>
  <ul class="findings">
    <?cs each:f = Message.Lint ?><li class="finding finding-<?cs var:f.Severity ?>"><?cs var:f.Message ?></li><?cs /each ?>
  </ul>
  <?cs /if ?>
  <p><a href="/tickets/new?message=<?cs var:Message.Id ?>">Contact support about this</a></p>
</section>
