<?cs def:snapshot(s) ?>
<dl class="facts">
  <dt>Lead</dt><dd><?cs if:s.lead.name ?><?cs var:s.lead.name ?>, <?cs /if ?><?cs var:s.lead.phone ?><?cs if:s.lead.line_type ?> (<?cs var:s.lead.line_type ?>)<?cs /if ?></dd>
  <dt>State</dt><dd><?cs if:s.lead.opted_out == "1" ?>Opted out. <?cs /if ?><?cs if:s.lead.provider_opted_out == "1" ?>The provider holds an opt-out. <?cs /if ?><?cs if:s.lead.spam == "1" ?>Marked spam. <?cs /if ?><?cs if:s.lead.valid_number == "0" ?>Invalid number. <?cs /if ?><?cs if:s.lead.cooldown_until ?>Carrier cool-down until <?cs var:s.lead.cooldown_until ?>. <?cs /if ?><?cs if:s.lead.opted_out != "1" && s.lead.spam != "1" && s.lead.valid_number != "0" && !s.lead.cooldown_until && s.lead.provider_opted_out != "1" ?>Can be texted.<?cs /if ?></dd>
  <dt>Sending number</dt><dd><?cs var:s.sending_number ?></dd>
  <dt>Carrier registration</dt><dd><?cs var:s.registration_shown ?></dd>
  <dt>Number look-up</dt><dd><?cs if:s.lookup.checked_at ?><?cs if:s.lookup.valid == "1" ?>valid<?cs else ?>invalid<?cs /if ?>, <?cs var:s.lookup.line_type ?><?cs if:s.lookup.carrier ?>, <?cs var:s.lookup.carrier ?><?cs /if ?>, checked <?cs var:s.lookup.checked_at ?><?cs if:s.lookup.stale == "1" ?> (stale)<?cs /if ?><?cs else ?>not looked up<?cs /if ?></dd>
</dl>
<h3>Messages</h3>
<?cs if:subcount(s.messages) == 0 ?><p class="muted">None.</p><?cs /if ?>
<ol class="snapshot-messages">
  <?cs each:m = s.messages ?>
  <li class="msg msg-<?cs var:m.direction ?><?cs if:m.id == s.message_id ?> msg-filed<?cs /if ?>">
    <p class="body"><?cs var:m.body ?></p>
    <p class="meta"><?cs var:m.created_at ?> · <?cs if:m.direction == "out" ?><span class="status status-<?cs if:m.shown == "Failed" ?>failed<?cs elif:m.shown == "Delivered" ?>delivered<?cs else ?>sending<?cs /if ?>"><?cs var:m.shown ?></span><?cs if:m.reason_shown ?> <span class="reason"><?cs var:m.reason_shown ?></span><?cs /if ?><?cs else ?>Received<?cs /if ?>
      · <?cs var:m.status ?><?cs if:m.error_code != "0" ?>, error <?cs var:m.error_code ?><?cs /if ?><?cs if:m.sid ?> · sid <code><?cs var:m.sid ?></code><?cs /if ?><?cs if:m.id == s.message_id ?> · <strong>the message this ticket is about</strong><?cs /if ?></p>
    <?cs if:subcount(m.events) > 0 ?><ul class="timeline"><?cs each:e = m.events ?><li><?cs var:e.at ?>: <?cs var:e.status ?><?cs if:e.error_code != "0" ?> (<?cs var:e.error_code ?>)<?cs /if ?></li><?cs /each ?></ul><?cs /if ?>
    <?cs if:subcount(m.lint) > 0 ?><ul class="findings"><?cs each:f = m.lint ?><li class="finding finding-<?cs var:f.severity ?>">At send time: <?cs var:f.message ?></li><?cs /each ?></ul><?cs /if ?>
  </li>
  <?cs /each ?>
</ol>
<h3>Opt-outs and opt-ins</h3>
<?cs if:subcount(s.consent) == 0 ?><p class="muted">None.</p><?cs else ?>
<ul><?cs each:c = s.consent ?><li><?cs var:c.at ?>: <?cs if:c.action == "opt_out" ?>opted out<?cs else ?>opted in<?cs /if ?><?cs if:c.keyword ?> (<?cs var:c.keyword ?>)<?cs /if ?>, <?cs var:c.source ?><?cs if:c.note ?>: <?cs var:c.note ?><?cs /if ?></li><?cs /each ?></ul>
<?cs /if ?>
<?cs /def ?>
