<?cs def:other_channel() ?><?cs if:Lead.Email ?><p class="channel">Try another channel: <a href="mailto:<?cs var:url_escape(Lead.Email) ?>">email <?cs var:Lead.Email ?></a>.</p><?cs /if ?><?cs /def ?>
<section class="thread"<?cs if:!Page.NotLatest ?> data-poll="/conversations/<?cs var:Conversation.Id ?>/poll" data-version="<?cs var:Thread.Version ?>" data-lead="<?cs var:Thread.Lead ?>"<?cs /if ?>>
  <header class="lead">
    <p><a href="/conversations">&larr; Conversations</a></p>
    <h1><?cs if:Lead.Name ?><?cs var:Lead.Name ?><?cs else ?>Unknown lead<?cs /if ?></h1>
    <p class="muted"><?cs var:Lead.Phone ?><?cs if:Lead.Email ?> · <?cs var:Lead.Email ?><?cs /if ?> · texting from <?cs var:Conversation.From ?></p>
    <div class="lead-actions"><a href="/leads/<?cs var:Lead.Id ?>">Edit lead</a>
      <a href="/tickets/new?conversation=<?cs var:Conversation.Id ?>">Contact support about this</a>
      <form method="post" action="/leads/<?cs var:Lead.Id ?>/spam" class="inline">
        <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
        <input type="hidden" name="back" value="conversation">
        <input type="hidden" name="spam" value="<?cs if:Lead.Spam ?>0<?cs else ?>1<?cs /if ?>">
        <button type="submit" class="link"><?cs if:Lead.Spam ?>Not spam<?cs else ?>Mark as spam<?cs /if ?></button>
      </form>
    </div>
  </header>
  <div id="banners">
  <?cs if:Session.Registration != "approved" ?>
  <div class="banner banner-wait" role="status">
    <strong>Your business is not registered with carriers yet (A2P 10DLC): its texts are more likely to be filtered.</strong>
    <p><?cs if:Session.IsManager ?><a href="/settings/registration">Register in Settings</a><?cs else ?>Ask a manager to register it in Settings<?cs /if ?>.</p>
  </div>
  <?cs /if ?>
  <?cs if:Lead.OptedOut ?>
  <div class="banner banner-block" role="status">
    <strong>Messages are blocked: this lead opted out<?cs if:Lead.OptOutWord || Lead.OptedOutAt ?> (<?cs var:Lead.OptOutWord ?><?cs if:Lead.OptOutWord && Lead.OptedOutAt ?>, <?cs /if ?><?cs var:Lead.OptedOutAt ?>)<?cs /if ?>.</strong>
    <p><?cs var:Lead.OptOutAdvice ?></p>
    <?cs call:other_channel() ?>
  </div>
  <?cs /if ?>
  <?cs if:Lead.Invalid ?>
  <div class="banner banner-block" role="status">
    <strong>Invalid phone number: texts to this number fail.</strong>
    <p><?cs var:Lead.InvalidAdvice ?> <a href="/leads/<?cs var:Lead.Id ?>">Correct the number</a>.</p>
    <?cs call:other_channel() ?>
  </div>
  <?cs /if ?>
  <?cs if:Lead.Landline ?>
  <div class="banner banner-block" role="status">
    <strong>Landline number: texts can't be sent to landlines.</strong>
    <p><?cs var:Lead.LandlineAdvice ?> <a href="/leads/<?cs var:Lead.Id ?>">Change the number</a>.</p>
    <?cs call:other_channel() ?>
  </div>
  <?cs /if ?>
  <?cs if:Lead.CooldownUntil ?>
  <div class="banner banner-wait" role="status">
    <strong>Carrier filtering: texts to this lead wait until <?cs var:Lead.CooldownUntil ?>.</strong>
    <p><?cs var:Lead.CooldownAdvice ?></p>
    <?cs call:other_channel() ?>
  </div>
  <?cs /if ?>
  <?cs if:Lead.ProviderOptOut && !Lead.OptedOut ?>
  <div class="banner banner-block" role="status">
    <strong>The provider still holds this lead's opt-out: the lead must text START to your number.</strong>
    <?cs call:other_channel() ?>
  </div>
  <?cs /if ?>
  <?cs if:Lead.Spam ?>
  <div class="banner banner-block" role="status">
    <strong>This lead is marked as spam and cannot be texted.</strong>
    <p>If it was a mistake, choose "Not spam" above.</p>
  </div>
  <?cs /if ?>
  </div>
  <?cs if:Page.Earlier ?><p class="pager"><a href="/conversations/<?cs var:Conversation.Id ?>?before=<?cs var:Page.Earlier ?>">Earlier messages</a></p><?cs /if ?>
  <?cs if:subcount(Messages) == 0 ?><p class="empty">No messages yet.</p><?cs /if ?>
  <ol class="messages" id="messages">
    <?cs each:m = Messages ?>
    <li class="msg msg-<?cs var:m.Direction ?>" id="m<?cs var:m.Id ?>">
      <p class="body"><?cs var:m.Body ?></p>
      <p class="meta">
        <time title="<?cs var:m.Time.Full ?>"><?cs var:m.Time ?></time>
        <?cs if:m.Direction == "out" ?><?cs if:m.Agent ?> · <?cs var:m.Agent ?><?cs /if ?> · <?cs call:status_badge(m.Status) ?><?cs if:m.Unconfirmed ?> <span class="muted">(delivered to the carrier network, unconfirmed)</span><?cs /if ?><?cs if:m.Hold ?> <span class="hold"><?cs if:m.HoldReason == "quiet_hours" ?>Scheduled for <?cs else ?>Waiting: <?cs /if ?><?cs var:m.Hold ?></span><?cs /if ?><?cs else ?> · Received<?cs /if ?>
        · <a href="/messages/<?cs var:m.Id ?>">Details</a>
      </p>
    </li>
    <?cs /each ?>
  </ol>
  <?cs if:Page.NotLatest ?><p class="pager"><a href="/conversations/<?cs var:Conversation.Id ?>">Latest messages</a></p><?cs /if ?>
  <?cs include:"compose.cs" ?>
  <?cs if:!Lead.OptedOut ?>
  <details class="record-optout"<?cs if:OptOut.Error ?> open<?cs /if ?>>
    <summary>Record an opt-out the lead asked for another way</summary>
    <form method="post" action="/conversations/<?cs var:Conversation.Id ?>/optout">
      <input type="hidden" name="csrf" value="<?cs var:CSRF.Token ?>">
      <?cs if:OptOut.Error ?><p class="alert" role="alert"><?cs var:OptOut.Error ?></p><?cs /if ?>
      <label for="optout-note">How did the lead ask to stop?</label>
      <input type="text" id="optout-note" name="note" maxlength="300" required placeholder="Phone call on Tuesday, email to the office, ...">
      <button type="submit" class="danger">Record the opt-out</button>
      <p class="muted">It stops all texts to this lead from every number of the business. Only the lead can opt back in, by texting you.</p>
    </form>
  </details>
  <?cs /if ?>
</section>
